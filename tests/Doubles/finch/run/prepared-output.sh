#!/usr/bin/env bash
# `finch run` and `finch pull` in a run scenario ($1 is which): print what the test prepared in scenario/<command>.stderr
# and .stdout, then exit with scenario/<command>.exit (0 when not set). Once it has run, limactl lists the number of
# mounts prepared for after the run (scenario/mounts.after-run), as the SOCI snapshotter leaves FUSE mounts behind a lazy pull.
source "$FINCH_DOUBLE_ROOT/lib.sh"
command="$1"
if [ -f "$R/scenario/mounts.after-run" ]; then cp "$R/scenario/mounts.after-run" "$R/scenario/mounts"; fi
cat "$R/scenario/$command.stderr" >&2 2>/dev/null
cat "$R/scenario/$command.stdout" 2>/dev/null
exit "$(read_state "../scenario/$command.exit" 0)"
