#!/usr/bin/env bash
# What deploy/local/postgres.sh says when it cannot install PostgreSQL (no apt-get, no root, no
# passwordless sudo), and that ECOGATE_PG_BIN takes an existing PostgreSQL. Runs without root and
# touches nothing: every tool the cases need is a stub on a PATH of its own.
#   bash deploy/local/tests/postgres-install.test.sh
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
failures=0

stub() { # stub DIR NAME BODY
  printf '#!/bin/sh\n%s\n' "$3" >"$1/$2"
  chmod +x "$1/$2"
}

# run_case NAME ROOT(yes|no) TOOLS... : pg_resolve_bin in a subshell whose PATH holds only the
# coreutils it needs and the given stubs; prints its stderr.
run_case() {
  local name=$1 root=$2 bin="$WORK/$1"
  shift 2
  mkdir -p "$bin"
  local tool
  for tool in date id cat sed awk cut find sort tail head printf; do
    ln -sf "$(command -v "$tool")" "$bin/$tool"
  done
  for tool in "$@"; do
    case $tool in
      apt-get) stub "$bin" apt-get 'echo "apt-get must not run" >&2; exit 99' ;;
      sudo-password) stub "$bin" sudo 'echo "sudo: a password is required" >&2; exit 1' ;;
    esac
  done
  (
    PATH=$bin
    REPO_ROOT=$WORK DATA_DIR="$WORK/data" LOG_DIR="$WORK/logs"
    # shellcheck source=../lib.sh
    source "$SCRIPT_DIR/lib.sh"
    # shellcheck source=../postgres.sh
    source "$SCRIPT_DIR/postgres.sh"
    if [[ $root == yes ]]; then is_root() { true; }; else is_root() { false; }; fi
    PG_DATA="$WORK/none"
    # A major no machine has, so the install path runs even where PostgreSQL is installed.
    ECOGATE_PG_MAJOR=99
    pg_resolve_bin
    printf 'PG_BIN=%s PG_MAJOR=%s\n' "$PG_BIN" "$PG_MAJOR" >&2
  ) 2>&1 || true
}

expect() { # expect CASE OUTPUT TEXT...
  local name=$1 output=$2 text
  shift 2
  for text in "$@"; do
    if [[ $output != *"$text"* ]]; then
      printf 'FAIL %s: no "%s" in:\n%s\n' "$name" "$text" "$output" >&2
      failures=$((failures + 1))
      return
    fi
  done
  printf 'ok   %s\n' "$name"
}

out=$(ECOGATE_PG_BIN='' run_case no-apt no)
expect no-apt "$out" 'there is no apt-get' 'postgresql' 'ECOGATE_PG_BIN'

out=$(ECOGATE_PG_BIN='' run_case no-sudo no apt-get)
expect no-sudo "$out" 'needs root and there is no sudo' 'postgresql' 'ECOGATE_PG_BIN'

out=$(ECOGATE_PG_BIN='' run_case sudo-password no apt-get sudo-password)
expect sudo-password "$out" 'sudo asks for a password' 'ECOGATE_PG_BIN'

mkdir -p "$WORK/pg/bin"
stub "$WORK/pg/bin" initdb 'echo "initdb (PostgreSQL) 16.2 (Custom build)"'
stub "$WORK/pg/bin" pg_ctl 'exit 0'
out=$(ECOGATE_PG_BIN="$WORK/pg/bin" run_case pg-bin no)
expect pg-bin "$out" "PG_BIN=$WORK/pg/bin PG_MAJOR=16"

out=$(ECOGATE_PG_BIN="$WORK/empty" run_case pg-bin-empty no)
expect pg-bin-empty "$out" "ECOGATE_PG_BIN=$WORK/empty has no executable initdb"

((failures == 0)) || exit 1
