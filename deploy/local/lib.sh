# shellcheck shell=bash
# Helpers shared by deploy/local/{infra,postgres,kafka,minio}.sh. Sourced, never run.

log() { printf '[infra %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
warn() { printf '[infra %s] WARNING: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() {
  printf '[infra %s] ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2
  exit 1
}

is_root() { [[ $(id -u) -eq 0 ]]; }

# Runs a command as root: directly, or through sudo for a developer account.
as_root() {
  if is_root; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo -n "$@" || die "'$*' needs root: run it once with sudo, or run infra.sh as root"
  else
    die "'$*' needs root and sudo is not available"
  fi
}

apt_install() {
  log "apt-get install -y $* (first use)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 ||
    warn "apt-get update failed; trying the install with the lists at hand"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

# Path relative to the repository when it is inside it, for messages.
rel() { local p=$1; printf '%s' "${p#"$REPO_ROOT"/}"; }

read_pid() { if [[ -f $1 ]]; then head -n1 "$1" | tr -dc '0-9'; fi; }

pid_alive() { [[ -n ${1:-} ]] && kill -0 "$1" 2>/dev/null; }

# True when process $1 is alive and its command line contains $2 (guards against reused pids).
pid_matches() {
  local pid=${1:-} pattern=$2
  pid_alive "$pid" && [[ -r /proc/$pid/cmdline ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$pattern"
}

# True when something accepts TCP connections on 127.0.0.1:$1.
# shellcheck disable=SC2016 # $1 expands in the inner bash
port_open() { timeout 3 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$1" 2>/dev/null; }

# Who listens on port $1, for error messages.
port_owner() {
  if command -v ss >/dev/null 2>&1; then
    ss -ltnpH "sport = :$1" 2>/dev/null | grep -o 'users:(([^)]*))' | head -n1 || true
  fi
}

require_free_port() {
  local port=$1 what=$2
  if port_open "$port"; then
    die "port $port ($what) is already in use by another process $(port_owner "$port"). Stop it, or pick other ports (ECOGATE_PORT_OFFSET=100, or the ECOGATE_*_PORT variables in deploy/local/infra.conf)."
  fi
}

# Keeps one previous log when the current one grew past 50 MB.
rotate_log() {
  local file=$1
  if [[ -f $file ]] && (($(stat -c %s "$file") > 50 * 1024 * 1024)); then
    mv -f "$file" "$file.1"
  fi
}

# spawn PIDFILE LOGFILE CMD...: starts CMD in its own session, detached from this shell and its
# terminal, stdout/stderr appended to LOGFILE; PIDFILE gets CMD's own pid (exec keeps it).
spawn() {
  local pidfile=$1 logfile=$2
  shift 2
  rm -f "$pidfile"
  # shellcheck disable=SC2016 # $$ and $@ belong to the inner bash
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$@" </dev/null >>"$logfile" 2>&1 9>&- &
  local i
  for i in $(seq 1 50); do
    [[ -s $pidfile ]] && return 0
    sleep 0.1
  done
  die "could not start $1 (no pid file $(rel "$pidfile")); see $(rel "$logfile")"
}

# stop_pid PID NAME [SECONDS]: SIGTERM, then SIGKILL after SECONDS (default 30).
stop_pid() {
  local pid=$1 name=$2 limit=${3:-30} i
  pid_alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < limit * 10; i++)); do
    pid_alive "$pid" || return 0
    sleep 0.1
  done
  warn "$name (pid $pid) did not stop within ${limit}s; sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  sleep 0.5
}

show_log_tail() {
  local file=$1
  if [[ -f $file ]]; then
    printf -- '----- last lines of %s -----\n' "$(rel "$file")" >&2
    tail -n 30 "$file" >&2
    printf -- '-----\n' >&2
  fi
}

# wait_healthy NAME LOGFILE PID_CHECK_FN HEALTH_FN: polls HEALTH_FN until it succeeds, the process
# dies (PID_CHECK_FN fails) or ECOGATE_INFRA_TIMEOUT passes; fails with the log's tail.
wait_healthy() {
  local name=$1 logfile=$2 alive_fn=$3 health_fn=$4 start=$SECONDS
  while ((SECONDS - start < ECOGATE_INFRA_TIMEOUT)); do
    if "$health_fn" >/dev/null 2>&1; then
      log "$name healthy after $((SECONDS - start))s"
      return 0
    fi
    if ! "$alive_fn"; then
      show_log_tail "$logfile"
      die "$name exited while starting; its log is $(rel "$logfile")"
    fi
    sleep 0.5
  done
  show_log_tail "$logfile"
  die "$name not healthy after ${ECOGATE_INFRA_TIMEOUT}s (ECOGATE_INFRA_TIMEOUT); its log is $(rel "$logfile")"
}

# Random lowercase hex string of $1 bytes.
random_hex() { od -An -N "$1" -tx1 /dev/urandom | tr -d ' \n'; }

# Short, stable id of this checkout (for paths outside the repository).
repo_hash() { printf '%s' "$REPO_ROOT" | sha256sum | cut -c1-10; }
