# shellcheck shell=bash
# The chart checks' tools, built or installed once into $ECOGATE_CACHE and shared by every clone on
# the machine, like deploy/local/minio.sh does for MinIO:
#   helm     go install helm.sh/helm/v4/cmd/helm@$ECOGATE_HELM_VERSION  → $ECOGATE_CACHE/helm-<version>/helm
#   python   a virtual environment with deploy/k8s/requirements.txt     → $ECOGATE_CACHE/k8s-check-py<X.Y>-<sum>/
# Sourced, never run: `source deploy/k8s/tools.sh && k8s_tools` sets K8S_HELM and K8S_PYTHON.
# Needs Go >= 1.26 (helm v4.3 requires it; an older go fetches it with GOTOOLCHAIN=auto) only while helm is not built yet, and python3 with its venv module.

K8S_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tools.conf
source "$K8S_DIR/tools.conf"

k8s_log() { printf '[charts %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
k8s_die() {
  k8s_log "ERROR: $*"
  return 1
}

# The last lines of a failed install's log, then the error.
k8s_fail_with_log() {
  tail -n 30 "$1" >&2
  k8s_die "$2; see $1"
}

k8s_helm() {
  K8S_HELM="$ECOGATE_CACHE/helm-$ECOGATE_HELM_VERSION/helm"
  [[ -x $K8S_HELM ]] && return 0
  command -v go >/dev/null 2>&1 ||
    k8s_die "go not found: Go >= 1.26 is needed once to build helm $ECOGATE_HELM_VERSION (or put a helm binary at $K8S_HELM)" ||
    return 1
  local dir=${K8S_HELM%/*} tmp log start=$SECONDS
  tmp="$dir.tmp.$$" log="$ECOGATE_CACHE/helm-install.log"
  mkdir -p "$ECOGATE_CACHE"
  k8s_log "building helm.sh/helm/v4/cmd/helm@$ECOGATE_HELM_VERSION with go install (first use, 2-8 min on 2 cores; log $log)"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  if ! GOBIN="$tmp" CGO_ENABLED=0 go install "helm.sh/helm/v4/cmd/helm@$ECOGATE_HELM_VERSION" >"$log" 2>&1 </dev/null; then
    rm -rf "$tmp"
    k8s_fail_with_log "$log" "go install of helm failed"
    return 1
  fi
  mkdir -p "$dir"
  mv -f "$tmp/helm" "$K8S_HELM"
  rm -rf "$tmp"
  k8s_log "built $K8S_HELM ($((SECONDS - start))s)"
}

k8s_python() {
  local requirements="$K8S_DIR/requirements.txt" py sum
  command -v python3 >/dev/null 2>&1 || k8s_die "python3 not found (needed for the chart checks)" || return 1
  py=$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')
  sum=$(sha256sum "$requirements" | cut -c1-10)
  local venv="$ECOGATE_CACHE/k8s-check-py$py-$sum"
  K8S_PYTHON="$venv/bin/python"
  # The marker is written last: a venv without it is a half-finished install.
  [[ -f $venv/.complete ]] && return 0
  local tmp="$venv.tmp.$$" log="$ECOGATE_CACHE/k8s-check-install.log" start=$SECONDS
  mkdir -p "$ECOGATE_CACHE"
  k8s_log "installing $(grep -m1 '^kubernetes-validate' "$requirements") and its pinned dependencies into $venv (first use)"
  rm -rf "$tmp"
  if ! { python3 -m venv "$tmp" && "$tmp/bin/python" -m pip install --quiet --disable-pip-version-check \
    --no-input -r "$requirements"; } >"$log" 2>&1 </dev/null; then
    rm -rf "$tmp"
    k8s_fail_with_log "$log" "the Python packages did not install (on Debian/Ubuntu, python3 -m venv needs the python3-venv package)"
    return 1
  fi
  # bin/python is a link to the system's interpreter: the environment still works after the move.
  rm -rf "$venv"
  mv "$tmp" "$venv"
  touch "$venv/.complete"
  k8s_log "installed the Python packages ($((SECONDS - start))s)"
}

k8s_tools() { k8s_helm && k8s_python; }
