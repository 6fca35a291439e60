#!/usr/bin/env bash
# Runs every test project and prints one summary line "Tests: N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/../.."
out=$(mktemp)
dotnet build MlService.sln -c Release -nologo -v q 2>&1 | tail -3
status=0
for project in tests/MlService.Core.Tests tests/MlService.Api.Tests tests/MlService.Deploy.Tests; do
  echo "== $project"
  dotnet test "$project" -c Release --no-build -nologo --logger "console;verbosity=minimal" 2>&1 | tee -a "$out" | grep -vE '^\s*$' || true
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
done
passed=$(grep -oE 'Passed:\s+[0-9]+' "$out" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed:\s+[0-9]+' "$out" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped:\s+[0-9]+' "$out" | awk '{s+=$2} END {print s+0}')
rm -f "$out"
echo
echo "Tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
