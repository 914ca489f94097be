#!/usr/bin/env bash
# The charts' checks, offline (`npm run charts:check`):
#   bash deploy/k8s/check-charts.sh [CHART_DIR…]        default: charts/ecogate (nothing while charts/
#                                                       holds no chart at all)
# For each chart, in a copy of its parent folder (so file://../<chart> dependencies resolve and the
# work tree stays clean):
#   1. `helm dependency build`, dependencies first (file:// only: no repository is reached)
#   2. every application chart in that folder has a values.schema.json
#   3. for each render — the default values, each profiles/*.yaml, each ci/*-values.yaml (by the
#      chart-testing convention, e.g. ci/operators-values.yaml turns the operator resources on):
#      `helm lint --strict` (the default render with each dependency on its own values too), then
#      `helm template` into one file per template
#   4. every rendered manifest strictly against the Kubernetes API of $ECOGATE_K8S_VERSION and the
#      vendored CRD schemas (validate_manifests.py)
#   5. the policy checks on the rendered manifests and every values file (check_policy.py)
# Runs every step, prints each problem, ends with one summary line; exit 1 when any step failed.
# Tools: deploy/k8s/tools.sh (built or installed into ~/.cache/ecogate on first use).
set -uo pipefail

K8S_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$K8S_DIR/../.." && pwd)
# shellcheck source=tools.sh
source "$K8S_DIR/tools.sh"
k8s_tools || exit 1

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# Helm's own configuration and caches: empty, so that nothing on the machine changes the result.
export HELM_CONFIG_HOME="$WORK/helm/config" HELM_CACHE_HOME="$WORK/helm/cache" HELM_DATA_HOME="$WORK/helm/data"
SCHEMAS="$K8S_DIR/schemas"
KUBE_VERSION="v$ECOGATE_K8S_VERSION.0"
FAILED=()

# A copied path as the repository names it, for messages.
shown() { sed "s#$WORK/src/[^/]*/#$SHOWN_PREFIX/#g; s#$WORK/rendered/#rendered/#g"; }

# run NAME CMD…: runs a step quietly, shows its output when it failed (or always with VERBOSE=1).
run() {
  local name=$1 output rc
  shift
  output=$("$@" 2>&1)
  rc=$?
  if ((rc != 0)) || [[ ${VERBOSE:-} == 1 ]]; then printf '%s\n' "$output" | shown; fi
  if ((rc == 0)); then
    printf '  ok    %s\n' "$name"
  else
    printf '  FAIL  %s\n' "$name"
    FAILED+=("$name")
  fi
  return "$rc"
}

# The file:// dependencies of a chart, as absolute paths.
file_dependencies() {
  "$K8S_PYTHON" - "$1" <<'PY'
import os, sys, yaml
chart = sys.argv[1]
meta = yaml.safe_load(open(os.path.join(chart, "Chart.yaml"), encoding="utf-8"))
for dep in meta.get("dependencies") or []:
    repo = dep.get("repository") or ""
    if repo.startswith("file://"):
        print(os.path.normpath(os.path.join(chart, repo[len("file://"):])))
PY
}

# Helm packages a file:// dependency as it is: its own dependencies must be built before it (once:
# every service chart depends on the same library chart).
declare -A DEPENDENCIES_BUILT=()
build_dependencies() {
  local chart=$1 dep
  [[ -n ${DEPENDENCIES_BUILT[$chart]:-} ]] && return 0
  while read -r dep; do
    [[ -n $dep ]] || continue
    build_dependencies "$dep" || return 1
  done < <(file_dependencies "$chart")
  "$K8S_HELM" dependency build "$chart" || return 1
  DEPENDENCIES_BUILT[$chart]=1
}

values_schemas_present() {
  local chart missing=0
  while read -r chart; do
    grep -qE '^type:[[:space:]]*library' "$chart/Chart.yaml" && continue
    if [[ ! -f $chart/values.schema.json ]]; then
      echo "${chart}: no values.schema.json (every application chart documents its values in one)"
      missing=1
    fi
  done < <(find "$1" -name Chart.yaml -not -path '*/charts/*/charts/*' -printf '%h\n' | sort)
  return "$missing"
}

# The --api-versions of the vendored CRDs (group/version and group/version/Kind, from each schema's
# top-level title "Kind group/version"), so that charts that look at .Capabilities render them.
api_versions() {
  local file kind api_version
  for file in "$SCHEMAS"/*/*.json; do
    read -r kind api_version < <(sed -n 's/^ "title": "\(.*\)",\{0,1\}$/\1/p' "$file" | head -n1)
    printf -- '--api-versions=%s\n--api-versions=%s/%s\n' "$api_version" "$api_version" "$kind"
  done | sort -u
}

check_chart() {
  local chart_arg=$1 chart_abs parent name src chart
  chart_abs=$(cd "$chart_arg" && pwd) || return 1
  parent=${chart_abs%/*} name=${chart_abs##*/}
  SHOWN_PREFIX=${parent#"$REPO_ROOT"/}
  src="$WORK/src/$(basename "$parent")"
  mkdir -p "$WORK/src"
  rm -rf "$src"
  # The copy leaves out what an earlier local `helm dependency build` left in the work tree.
  cp -r "$parent" "$src"
  find "$src" -path '*/charts/*.tgz' -delete
  chart="$src/$name"
  printf '\n%s (Kubernetes %s)\n' "${chart_abs#"$REPO_ROOT"/}" "$ECOGATE_K8S_VERSION"

  run "$name: helm dependency build" build_dependencies "$chart" || return 0
  run "$name: values.schema.json in every application chart" values_schemas_present "$src"

  local renders=(default) file
  for file in "$chart"/profiles/*.yaml "$chart"/ci/*-values.yaml; do
    [[ -f $file ]] && renders+=("${file#"$chart"/}")
  done
  local render out values_args rendered=() api_args
  mapfile -t api_args < <(api_versions)
  for render in "${renders[@]}"; do
    # The default render lints every dependency on its own values too; `--with-subcharts` would
    # hand a profile's values to each dependency as they are, where they do not belong.
    values_args=(--with-subcharts)
    [[ $render != default ]] && values_args=(--values "$chart/$render")
    out="$WORK/rendered/$name/${render%.yaml}"
    run "$name [$render]: helm lint --strict" \
      "$K8S_HELM" lint --strict --kube-version "$KUBE_VERSION" "${values_args[@]}" "$chart"
    [[ $render == default ]] && values_args=()
    run "$name [$render]: helm template" \
      "$K8S_HELM" template ecogate "$chart" --namespace ecogate --kube-version "$KUBE_VERSION" \
      "${api_args[@]}" "${values_args[@]}" --output-dir "$out" &&
      rendered+=("$out")
  done
  ((${#rendered[@]})) || return 0

  local manifests values_files
  mapfile -t manifests < <(find "${rendered[@]}" -name '*.yaml' | sort)
  mapfile -t values_files < <(find "$src" \( -path '*/charts/*/charts' -o -name templates \) -prune -o \
    -type f \( -name 'values*.yaml' -o -path '*/profiles/*.yaml' -o -path '*/ci/*.yaml' \) -print | sort)
  run "$name: rendered manifests strictly against Kubernetes $ECOGATE_K8S_VERSION + CRD schemas" \
    "$K8S_PYTHON" "$K8S_DIR/validate_manifests.py" --kubernetes "$ECOGATE_K8S_VERSION" --crd-schemas "$SCHEMAS" \
    "${manifests[@]}"
  run "$name: policy (root, resources, probes, image tags, secrets)" \
    "$K8S_PYTHON" "$K8S_DIR/check_policy.py" --values "${values_files[@]}" -- "${manifests[@]}"
}

start=$SECONDS
charts=("$@")
if ((${#charts[@]} == 0)); then
  # Until the first chart lands, the pipeline is proven on deploy/k8s/tests' fixture chart alone.
  if ! compgen -G "$REPO_ROOT/charts/*/Chart.yaml" >/dev/null; then
    echo "charts:check: no chart under charts/ yet; nothing to check (deploy/k8s/tests proves the checks)"
    exit 0
  fi
  charts=("$REPO_ROOT/charts/ecogate")
fi
for chart in "${charts[@]}"; do
  if [[ ! -f $chart/Chart.yaml ]]; then
    echo "FAIL  $chart: no Chart.yaml"
    FAILED+=("$chart")
    continue
  fi
  check_chart "$chart"
done
if ((${#FAILED[@]})); then
  printf '\ncharts:check FAILED (%ds): %d step(s):\n' "$((SECONDS - start))" "${#FAILED[@]}"
  printf '  %s\n' "${FAILED[@]}"
  exit 1
fi
printf '\ncharts:check ok (%ds, helm %s, Kubernetes %s)\n' "$((SECONDS - start))" "$ECOGATE_HELM_VERSION" "$ECOGATE_K8S_VERSION"
