#!/usr/bin/env bash
# Builds everything and runs every test; ends with one "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")/.."
results=$(mktemp -d)
dotnet test SociTools.sln --logger "trx;LogFileName=results.trx" --results-directory "$results" "$@"
status=$?
summary=$(python3 - "$results" <<'PY' 2>/dev/null
import glob, sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    counters = ET.parse(path).getroot().find(".//{*}Counters")
    if counters is not None:
        passed += int(counters.get("passed", 0)); failed += int(counters.get("failed", 0))
        skipped += int(counters.get("notExecuted", 0))
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
)
echo "${summary:-tests: results not found}"
rm -rf "$results"
exit $status
