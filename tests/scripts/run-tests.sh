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

for project in tests/MlService.Core.Tests tests/MlService.Trainer.Tests tests/MlService.LoadTest.Tests tests/MlService.Api.Tests tests/MlService.Deploy.Tests; do
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
# A script-level check (the kit on podman), counted as one test: NAME SCRIPT SHOW-PATTERN. Its lines that match the
# pattern (one per assertion) are printed; a failure names the script and its first FAIL line (or its last line).
script_check() {
  local name="$1" script="$2" show="$3"
  echo "== tests/$name (make test-$name)"
  if bash "$script" >"$log" 2>&1; then
    echo "Passed!  - Failed:     0, Passed:     1, Skipped:     0, Total:     1 - test-$name" >> "$summary"
  else
    echo "Failed!  - Failed:     1, Passed:     0, Skipped:     0, Total:     1 - test-$name" >> "$summary"
    local why; why=$(grep -m1 -E '(^|: )FAIL' "$log" || grep -v '^\s*$' "$log" | tail -1)
    echo "$name: $script -- $(cut -c1-300 <<<"$why")" >> "$failures"
    status=1
  fi
  grep -E "$show" "$log" || tail -25 "$log"
}

# The Dockerfile built and run; the compose stack brought up for real (docker-compose over podman's API socket);
# the teaching examples played with podman kube play.
script_check container tests/container/test-container.sh '^(== |build:|start to ready|exit code|test-container)'
script_check stack tests/stack/test-stack.sh '^(ok|FAIL|figure|test-stack)'
script_check examples tests/examples/test-examples.sh '^(ok|FAIL|test-examples)'
# A non-.NET gRPC client (python3-grpcio) calls every Open Inference Protocol RPC of a real service process.
script_check grpc tests/grpc/test-grpc.sh '^(ok|FAIL|test-grpc)'

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
