namespace SociTools.Tests.Finch
{
    /// <summary>
    /// The bash sources of <see cref="FinchDouble"/>: <c>lib.sh</c> (log lines in finch's two forms, VM state) shared with
    /// added command handlers, and <c>bin/finch</c>, which answers <c>vm</c> with finch's documented messages and exit codes
    /// (finch.md §2.2–2.4) and hands other subcommands to handlers.
    /// </summary>
    internal static class FinchDoubleScripts
    {
        public const string Library = """
            # Sourced by the finch double and by every added command handler.
            R="${FINCH_DOUBLE_ROOT:?}"
            read_state() { if [ -f "$R/state/$1" ]; then cat "$R/state/$1"; else printf '%s' "$2"; fi; }
            vm_state() { read_state vm Nonexistent; }
            set_vm_state() { printf '%s' "$1" > "$R/state/vm"; }
            acts_as_windows() { [ "$(read_state platform macOS)" = Windows ]; }
            # finch_log <debug|info|warning|error|fatal> <message>: one logrus line on stderr in the configured form.
            finch_log() {
              local level="$1" msg="$2" tag
              if [ "$(read_state log-form keyvalue)" = terminal ]; then
                case "$level" in debug) tag=DEBU;; info) tag=INFO;; warning) tag=WARN;; error) tag=ERRO;; *) tag=FATA;; esac
                printf '%s[0000] %s\n' "$tag" "$msg" >&2
              else
                msg="${msg//\\/\\\\}"; msg="${msg//\"/\\\"}"; msg="${msg//$'\n'/\\n}"
                printf 'time="2026-12-02T10:00:00Z" level=%s msg="%s"\n' "$level" "$msg" >&2
              fi
            }
            # finch_fatal <message>: what finch does with an error that is not a child's exit code.
            finch_fatal() { finch_log fatal "$1"; exit 1; }
            """;

        public const string Finch = """
            #!/usr/bin/env bash
            export FINCH_DOUBLE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
            source "$FINCH_DOUBLE_ROOT/lib.sh"

            # One record per call: each argument ended by NUL, named so that records sort in call order.
            call="$R/calls/$(date +%s%N)-$$"
            : > "$call"
            for argument in "$@"; do printf '%s\0' "$argument" >> "$call"; done

            if [ $# -gt 0 ] && [ -f "$R/handlers/$1" ]; then exec bash "$R/handlers/$1" "$@"; fi

            # A Lima failure set up by the test: ERRO with limactl's output, then limactl's exit code, no FATA.
            lima_failure() {
              local file="$R/state/fail-$2"
              [ -f "$file" ] || return 0
              finch_log error "Finch virtual machine failed to $1, debug logs:"$'\n'"$(tail -n +2 "$file")"
              exit "$(head -n 1 "$file")"
            }

            force_flag() {
              force=0
              for flag in "$@"; do
                case "$flag" in -f|--force) force=1;; *) finch_fatal "unknown flag: $flag";; esac
              done
            }

            vm_command() {
              local state; state="$(vm_state)"
              local sub="$1"; shift
              case "$sub" in
                status)
                  case "$state" in
                    Running|Stopped|Nonexistent) echo "$state";;
                    *) finch_fatal "unrecognized system status";;
                  esac;;
                init)
                  case "$state" in
                    Nonexistent)
                      finch_log info "Initializing and starting Finch virtual machine..."
                      if acts_as_windows; then
                        finch_log warning "Finch on Windows uses WSL, which mounts the C Drive in read-write mode by default. To run finch with more restricted access, follow https://runfinch.com/docs/managing-finch/windows/wsl-configuration/"
                      fi
                      lima_failure start init
                      set_vm_state "$(read_state after-start Running)"
                      finch_log info "Finch virtual machine started successfully";;
                    Stopped) finch_fatal 'the instance "finch" already exists but is stopped, run `finch vm start` to start the existing instance';;
                    Running) finch_fatal 'the instance "finch" is already running';;
                    *) finch_fatal "unrecognized system status";;
                  esac;;
                start)
                  case "$state" in
                    Stopped)
                      finch_log info "Starting existing Finch virtual machine..."
                      lima_failure start start
                      set_vm_state "$(read_state after-start Running)"
                      finch_log info "Finch virtual machine started successfully";;
                    Nonexistent) finch_fatal 'the instance "finch" does not exist, run `finch vm init` to create a new instance';;
                    Running) finch_fatal 'the instance "finch" is already running';;
                    *) finch_fatal "unrecognized system status";;
                  esac;;
                stop)
                  force_flag "$@"
                  if [ $force = 1 ]; then
                    finch_log info "Forcibly stopping Finch virtual machine..."
                    if [ "$state" = Nonexistent ]; then
                      finch_log error "Finch virtual machine failed to stop, debug logs:"$'\n''time="2026-12-02T10:00:00Z" level=fatal msg="unable to load instance finch"'
                      exit 1
                    fi
                  else
                    case "$state" in
                      Running) finch_log info "Stopping existing Finch virtual machine...";;
                      Nonexistent) finch_fatal 'the instance "finch" does not exist';;
                      Stopped) finch_fatal 'the instance "finch" is already stopped';;
                      *) finch_fatal "unrecognized system status";;
                    esac
                  fi
                  lima_failure stop stop
                  set_vm_state Stopped
                  finch_log info "Finch virtual machine stopped successfully";;
                remove)
                  force_flag "$@"
                  if [ $force = 1 ]; then
                    finch_log info "Forcibly removing Finch virtual machine..."
                  else
                    case "$state" in
                      Stopped) finch_log info "Removing existing Finch virtual machine...";;
                      Nonexistent) finch_fatal 'the instance "finch" does not exist';;
                      Running) finch_fatal 'the instance "finch" is running, run `finch vm stop` to stop the instance first';;
                      *) finch_fatal "unrecognized system status";;
                    esac
                  fi
                  lima_failure remove remove
                  set_vm_state Nonexistent
                  finch_log info "Finch virtual machine removed successfully";;
                *) finch_fatal "unknown command \"$sub\" for \"finch vm\"";;
              esac
            }

            case "$1" in
              "") echo "Usage: finch [command]"; exit 0;;
              vm) shift; vm_command "$@";;
              *) finch_fatal "unknown command \"$1\" for \"finch\"";;
            esac
            """;
    }
}
