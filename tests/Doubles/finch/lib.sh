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
