#!/usr/bin/env bash
# Regenerates the vendored CRD schemas in this folder from the operators' own repositories, at the
# tags below (the one place that names them; README.md says why each). Needs a clone of each
# repository under SOURCES/<owner>/<name> (bare or not) and the chart checks' Python environment.
#   bash deploy/k8s/schemas/vendor.sh SOURCES
set -euo pipefail
sources=${1:?usage: vendor.sh DIR-WITH-<owner>/<name>-CLONES}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../tools.sh
source "$here/../tools.sh"
k8s_python

# repository  tag  path of the CRD file  the API versions to keep
CRDS=(
  "strimzi/strimzi-kafka-operator 0.47.0 packaging/install/cluster-operator/040-Crd-kafka.yaml v1beta2"
  "strimzi/strimzi-kafka-operator 0.47.0 packaging/install/cluster-operator/045-Crd-kafkanodepool.yaml v1beta2"
  "strimzi/strimzi-kafka-operator 0.47.0 packaging/install/cluster-operator/043-Crd-kafkatopic.yaml v1beta2"
  "strimzi/strimzi-kafka-operator 0.47.0 packaging/install/cluster-operator/044-Crd-kafkauser.yaml v1beta2"
  "cloudnative-pg/cloudnative-pg v1.30.0 config/crd/bases/postgresql.cnpg.io_clusters.yaml v1"
  "cloudnative-pg/cloudnative-pg v1.30.0 config/crd/bases/postgresql.cnpg.io_databases.yaml v1"
  "minio/operator v7.1.1 resources/base/crds/minio.min.io_tenants.yaml v2"
  "prometheus-operator/prometheus-operator v0.93.0 example/prometheus-operator-crd/monitoring.coreos.com_servicemonitors.yaml v1"
)

for line in "${CRDS[@]}"; do
  read -r repo tag path versions <<<"$line"
  printf '%s@%s (%s) %s\n' "$repo" "$tag" "$(git -C "$sources/$repo" rev-parse "$tag^{commit}")" "$path"
  git -C "$sources/$repo" show "$tag:$path" | "$K8S_PYTHON" "$here/crd_to_json_schema.py" "$here" "$versions"
done
