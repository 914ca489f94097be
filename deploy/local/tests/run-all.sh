#!/usr/bin/env bash
# Runs every deploy/local/tests/*.test.sh (the infra scripts' own tests: stub tools, no services, no
# root) and deploy/k8s/tests/*.test.sh (the chart checks' negative test: helm and a Python environment
# from ~/.cache/ecogate, built on first use) and ends with one line "scripts: N passed, N failed"
# counted from their `ok`/`FAIL` lines.
# Appends the totals to ECOGATE_TEST_COUNTS when set, like the Jest runs (.ci/run adds them up).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")" || exit 1
passed=0 failed=0 status=0
for test in ./*.test.sh ../../k8s/tests/*.test.sh; do
  printf '== %s\n' "${test#./}"
  output=$(bash "$test" 2>&1)
  rc=$?
  printf '%s\n' "$output"
  ok=$(grep -c '^ok ' <<<"$output")
  bad=$(grep -c '^FAIL' <<<"$output")
  # A script that failed without naming a case still counts as one failure.
  ((rc != 0 && bad == 0)) && bad=1
  ((rc != 0)) && status=1
  passed=$((passed + ok)) failed=$((failed + bad))
done
[[ -n ${ECOGATE_TEST_COUNTS:-} ]] && printf '%d %d 0\n' "$passed" "$failed" >>"$ECOGATE_TEST_COUNTS"
printf 'scripts: %d passed, %d failed\n' "$passed" "$failed"
exit "$status"
