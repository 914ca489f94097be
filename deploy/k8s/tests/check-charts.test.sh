#!/usr/bin/env bash
# The chart checks fail where they should and only there (issue #15's negative test):
#   - each bad/*.yaml fails its check (the `# check:` line: schema, policy or values) with exactly
#     one problem, the `# expect:` line, and a manifest passes the other check;
#   - good/*.yaml pass both checks;
#   - check-charts.sh passes on fixture-chart/city, and fails on a copy broken in four ways, naming
#     each broken step;
#   - the Grafana dashboard (deploy/k8s/grafana/ecogate.json) queries only metrics a service creates.
# Needs the tools of deploy/k8s/tools.sh (built or installed on first use); no cluster, no network
# once they are there. One `ok`/`FAIL` line per case (deploy/local/tests/run-all.sh counts them).
#   bash deploy/k8s/tests/check-charts.test.sh
set -uo pipefail

TESTS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
K8S=$(cd "$TESTS/.." && pwd)
# shellcheck source=../tools.sh
source "$K8S/tools.sh"
k8s_tools || exit 1
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

failures=0
pass() { printf 'ok   %s\n' "$1"; }
fail() {
  printf 'FAIL %s: %s\n' "$1" "$2"
  failures=$((failures + 1))
}

# check KIND FILE: runs one check on one file; prints its output, returns its status.
check() {
  case $1 in
    schema) "$K8S_PYTHON" "$K8S/validate_manifests.py" --kubernetes "$ECOGATE_K8S_VERSION" --crd-schemas "$K8S/schemas" "$2" ;;
    policy) "$K8S_PYTHON" "$K8S/check_policy.py" "$2" ;;
    values) "$K8S_PYTHON" "$K8S/check_policy.py" --values "$2" ;;
  esac
}

# The problem lines of a check's output: all but its closing summary.
problems() { grep -v -E '^(schema|policy): ' <<<"$1"; }

for fixture in "$TESTS"/bad/*.yaml; do
  name="bad/${fixture##*/}"
  kind=$(sed -n 's/^# check: //p' "$fixture")
  expect=$(sed -n 's/^# expect: //p' "$fixture")
  if [[ -z $kind || -z $expect ]]; then
    fail "$name" "no '# check:' or '# expect:' line"
    continue
  fi
  output=$(check "$kind" "$fixture" 2>&1)
  rc=$?
  found=$(problems "$output")
  if ((rc != 1)); then
    fail "$name" "$kind check exited $rc, not 1: $output"
  elif ! grep -qF -- "$expect" <<<"$found"; then
    fail "$name" "no '$expect' in: $output"
  elif (($(grep -c . <<<"$found") != 1)); then
    fail "$name" "more than the one problem: $found"
  else
    other=
    case $kind in schema) other=policy ;; policy) other=schema ;; esac
    if [[ -n $other ]] && ! other_output=$(check "$other" "$fixture" 2>&1); then
      fail "$name" "the $other check should pass on it: $other_output"
    else
      pass "$name fails the $kind check: $expect"
    fi
  fi
done

for fixture in "$TESTS"/good/*.yaml; do
  name="good/${fixture##*/}"
  if [[ $fixture == */values.yaml ]]; then kinds=(values); else kinds=(schema policy); fi
  for kind in "${kinds[@]}"; do
    if output=$(check "$kind" "$fixture" 2>&1); then
      pass "$name passes the $kind check"
    else
      fail "$name" "the $kind check failed: $output"
    fi
  done
done

if output=$(bash "$K8S/check-charts.sh" "$TESTS/fixture-chart/city" 2>&1); then
  pass "check-charts.sh passes on fixture-chart/city"
else
  fail "check-charts.sh on fixture-chart/city" "$output"
fi

# The fixture chart broken four ways (no values.schema.json; a profile of the wrong type; a template
# with a field Kubernetes does not have; a profile without limits): each broken step is named, and
# only those fail.
broken="$WORK/broken"
cp -r "$TESTS/fixture-chart" "$broken"
rm "$broken/echo/values.schema.json"
printf 'echo:\n  resources:\n    limits: null\n' >"$broken/city/profiles/no-limits.yaml"
printf 'serviceMonitor:\n  enabled: maybe\n' >"$broken/city/profiles/wrong-type.yaml"
printf 'apiVersion: v1\nkind: Service\nmetadata:\n  name: typo\nspec:\n  portz: []\n' >"$broken/city/templates/typo.yaml"
output=$(bash "$K8S/check-charts.sh" "$broken/city" 2>&1)
rc=$?
expected=(
  "FAIL  city: values.schema.json in every application chart"
  "echo: no values.schema.json"
  "FAIL  city [profiles/wrong-type.yaml]: helm lint --strict"
  "FAIL  city [profiles/wrong-type.yaml]: helm template"
  "FAIL  city: rendered manifests strictly against Kubernetes $ECOGATE_K8S_VERSION + CRD schemas"
  "rendered/city/default/city/templates/typo.yaml: Service/typo: [Kubernetes $ECOGATE_K8S_VERSION strict] spec: Additional properties are not allowed ('portz' was unexpected)"
  "FAIL  city: policy (root, resources, probes, image tags, secrets)"
  "rendered/city/profiles/no-limits/city/charts/echo/templates/deployment.yaml: Deployment/ecogate-echo: container echo: resources: no resources.limits.cpu, resources.limits.memory"
  "charts:check FAILED"
)
missing=()
for line in "${expected[@]}"; do grep -qF -- "$line" <<<"$output" || missing+=("$line"); done
if ((rc != 1)); then
  fail "check-charts.sh on a broken chart" "exited $rc, not 1: $output"
elif ((${#missing[@]})); then
  fail "check-charts.sh on a broken chart" "missing '$(printf '%s; ' "${missing[@]}")' in: $output"
elif (($(grep -c '^  FAIL' <<<"$output") != 5)); then
  fail "check-charts.sh on a broken chart" "other steps failed too: $output"
else
  pass "check-charts.sh fails on a broken chart and names each broken step"
fi

# Every metric the Grafana dashboard queries is one a service creates (createCounter('name'), …).
REPO=$(cd "$K8S/../.." && pwd)
if output=$("$K8S_PYTHON" - "$K8S/grafana/ecogate.json" "$REPO" <<'PY' 2>&1
import json, pathlib, re, sys
dashboard, repo = json.load(open(sys.argv[1], encoding="utf-8")), pathlib.Path(sys.argv[2])
exprs = [t["expr"] for p in dashboard["panels"] for t in p.get("targets", [])]
used = {re.sub(r"_(bucket|sum|count)$", "", m) for e in exprs for m in re.findall(r"\b([a-z][a-z0-9_]*)\s*\{", e)}
pattern = re.compile(r"create(?:Counter|Histogram|ObservableGauge|UpDownCounter|Gauge)\(\s*'([a-z0-9_]+)'")
created = {m for d in ("apps", "libs") for f in (repo / d).rglob("*.ts") if ".spec." not in f.name
           for m in pattern.findall(f.read_text(encoding="utf-8"))}
missing = sorted(used - created)
print(f"{len(used)} metrics queried; not created by any service: {', '.join(missing) or 'none'}")
sys.exit(1 if missing or not used else 0)
PY
); then
  pass "grafana/ecogate.json queries only metrics the services create ($output)"
else
  fail "grafana/ecogate.json" "$output"
fi

((failures == 0)) || {
  printf '%d failure(s)\n' "$failures"
  exit 1
}
printf 'all chart checks behave\n'
