#!/usr/bin/env bash
# `finch images` and `finch image ls|list` in a run scenario: the JSON lines prepared in scenario/images.json.
source "$FINCH_DOUBLE_ROOT/lib.sh"
if [ "$1" = image ] && [ "$2" != ls ] && [ "$2" != list ]; then
  finch_fatal "unknown command \"$2\" for \"finch image\""
fi
cat "$R/scenario/images.json" 2>/dev/null
exit 0
