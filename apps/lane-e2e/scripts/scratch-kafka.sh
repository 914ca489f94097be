#!/usr/bin/env bash
# A throw-away single-node Kafka for tests that stop the broker (the shared one on 19092 must stay up).
# Reuses deploy/local/kafka.sh with its own data directory and ports:
#
#   bash apps/lane-e2e/scripts/scratch-kafka.sh start|stop DATA_DIR PORT CONTROLLER_PORT
#
# start installs nothing new (the jar cache of `npm run infra:up` is reused), formats DATA_DIR on
# first use, starts the broker and waits until it answers; stop stops it and keeps its data.
set -euo pipefail

action=${1:?start|stop}
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../deploy/local" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
DATA_DIR=${2:?data directory}
LOG_DIR="$DATA_DIR/logs"
RUN_DIR="$DATA_DIR/run"
export ECOGATE_KAFKA_PORT=${3:?port}
export ECOGATE_KAFKA_CONTROLLER_PORT=${4:?controller port}
# SASL_SSL like the shared broker, with the checkout's CA and broker certificate and its admin
# password (.data/secrets.env), so the tests' admin credentials work here too. No service ACLs: tests
# connect as admin.
export ECOGATE_KAFKA_TLS_DIR="$REPO_ROOT/.data/kafka/tls"
[[ -s $REPO_ROOT/.data/secrets.env ]] || { echo "scratch-kafka: run \`npm run infra:up\` first (.data/secrets.env)" >&2; exit 1; }
# shellcheck source=/dev/null
source "$REPO_ROOT/.data/secrets.env"
# A small heap: this broker holds a few test topics only.
export ECOGATE_KAFKA_HEAP=${ECOGATE_KAFKA_HEAP:-256m}
export ECOGATE_INFRA_TIMEOUT=${ECOGATE_INFRA_TIMEOUT:-90}

# shellcheck source=../../../deploy/local/infra.conf
source "$SCRIPT_DIR/infra.conf"
# shellcheck source=../../../deploy/local/lib.sh
source "$SCRIPT_DIR/lib.sh"
# shellcheck source=../../../deploy/local/kafka.sh
source "$SCRIPT_DIR/kafka.sh"

mkdir -p "$LOG_DIR" "$RUN_DIR"
case $action in
  start)
    kafka_start
    kafka_wait
    ;;
  stop) kafka_stop ;;
  *) die "usage: scratch-kafka.sh start|stop DATA_DIR PORT CONTROLLER_PORT" ;;
esac
