#!/usr/bin/env bash
# Runs every test suite and prints one summary line "Tests: N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/../.."
summary=$(mktemp)
failures=$(mktemp)
log=$(mktemp)
status=0

dotnet build MlService.sln -c Release -nologo -v q 2>&1 | tail -3
[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "build failed"; exit 1; }

for project in tests/MlService.Core.Tests tests/MlService.Api.Tests tests/MlService.Deploy.Tests; do
  echo "== $project"
  dotnet test "$project" -c Release --no-build -nologo --logger "console;verbosity=minimal" >"$log" 2>&1 || status=1
  grep -vE '^\s*$' "$log"
  grep -E '^(Passed|Failed)!' "$log" >> "$summary"
  # Each failed test's name and the first line of its message, repeated just above the summary line, so that
  # the last lines of a CI log say what failed.
  awk -v p="$(basename "$project")" '
    /^[[:space:]]+Failed [^ ]/ { sub(/^[[:space:]]+/, ""); name = $0; want = 1; next }
    want && /Error Message:/ { getline msg; sub(/^[[:space:]]+/, "", msg); print p ": " name " -- " substr(msg, 1, 300); want = 0 }
  ' "$log" >> "$failures"
done

# The Dockerfile, proven with a real container engine (podman): counted as one check.
echo "== tests/container (make test-container)"
if bash tests/container/test-container.sh >"$log" 2>&1; then
  echo "Passed!  - Failed:     0, Passed:     1, Skipped:     0, Total:     1 - test-container" >> "$summary"
else
  echo "Failed!  - Failed:     1, Passed:     0, Skipped:     0, Total:     1 - test-container" >> "$summary"
  echo "container: tests/container/test-container.sh -- $(grep -v '^\s*$' "$log" | tail -1 | cut -c1-300)" >> "$failures"
  status=1
fi
tail -25 "$log"

# The teaching examples played with podman kube play (make test-examples): counted as one check.
echo "== tests/examples (make test-examples)"
if bash tests/examples/test-examples.sh >"$log" 2>&1; then
  echo "Passed!  - Failed:     0, Passed:     1, Skipped:     0, Total:     1 - test-examples" >> "$summary"
else
  echo "Failed!  - Failed:     1, Passed:     0, Skipped:     0, Total:     1 - test-examples" >> "$summary"
  echo "examples: tests/examples/test-examples.sh -- $(grep -v '^\s*$' "$log" | tail -1 | cut -c1-300)" >> "$failures"
  status=1
fi
grep -E '^(ok|FAIL) ' "$log" || tail -25 "$log"

passed=$(grep -oE 'Passed:\s+[0-9]+' "$summary" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed:\s+[0-9]+' "$summary" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped:\s+[0-9]+' "$summary" | awk '{s+=$2} END {print s+0}')
echo
if [ -s "$failures" ]; then
  echo "Failed tests ($(wc -l <"$failures")):"
  head -10 "$failures" | sed 's/^/  /'
fi
rm -f "$summary" "$failures" "$log"
echo "Tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
