# shellcheck shell=bash
# One MinIO key per service, each with a policy for its own buckets and the actions it needs, so no
# service holds the root key: a service cannot bypass GOVERNANCE retention, delete a version, or
# read another service's bucket (security review item 8; docs/adr/0007-object-storage-keys.md).
#
# Applied by `infra.sh up` once MinIO is healthy, through MinIO's admin API with its own client
# `mc` (the add-user body is encrypted, so not hand-rolled), built once with
# `go install github.com/minio/mc@<version>` into $ECOGATE_CACHE/mc-<version>/mc like MinIO itself.
# Idempotent: users, policies and attachments are rewritten only when the wanted state changed or
# MinIO lacks part of it (a stamp plus one `mc admin user list` tell).
# Sourced by infra.sh after minio.sh; needs lib.sh, infra.conf and the root key (ECOGATE_MINIO_*).

MC_CONFIG_DIR="$DATA_DIR/mc"
# Written when the users and policies were applied; in MinIO's data folder so `reset` drops it too.
MINIO_ACCESS_STAMP="$DATA_DIR/minio/service-access.sha256"
SERVICE_KEYS_FILE="$DATA_DIR/service-keys.env"

# The services that use object storage (the access key is the service's name: MinIO allows 3-20 characters).
MINIO_SERVICES=(camera-ingest plate-recognition ledger provincial-upload video-archive)

mc_vars() {
  MC_BIN_DIR="$ECOGATE_CACHE/mc-$ECOGATE_MC_VERSION"
  MC_BIN="$MC_BIN_DIR/mc"
}

mc_install() {
  [[ -x $MC_BIN ]] && return 0
  local install_log="$LOG_DIR/mc-install.log" tmp="$MC_BIN_DIR.tmp.$$" start=$SECONDS
  command -v go >/dev/null 2>&1 ||
    die "mc: go not found: Go >= 1.24 is needed once to build MinIO's client mc $ECOGATE_MC_VERSION (or put an mc binary at $MC_BIN)"
  log "mc: building github.com/minio/mc@$ECOGATE_MC_VERSION with go install (first use, ~2 min; log $(rel "$install_log"))"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  if ! GOBIN="$tmp" CGO_ENABLED=0 \
    go install "github.com/minio/mc@$ECOGATE_MC_VERSION" >"$install_log" 2>&1 </dev/null 9>&-; then
    rm -rf "$tmp"
    show_log_tail "$install_log"
    die "mc: go install failed; see $(rel "$install_log")"
  fi
  mkdir -p "$MC_BIN_DIR"
  mv -f "$tmp/mc" "$MC_BIN"
  rm -rf "$tmp"
  log "mc: built $MC_BIN ($((SECONDS - start))s)"
}

# mc against the local MinIO as root; the root key goes through the environment (MC_HOST_<alias>),
# never the command line, and mc's config stays in .data/mc (not ~/.mc). mc_admin: stdin closed.
mc_cmd() {
  MC_HOST_ecogate="http://$ECOGATE_MINIO_ACCESS_KEY:$ECOGATE_MINIO_SECRET_KEY@127.0.0.1:$ECOGATE_MINIO_PORT" \
    "$MC_BIN" --config-dir "$MC_CONFIG_DIR" --no-color --disable-pager "$@" 9>&-
}
mc_admin() { mc_cmd "$@" </dev/null; }

# camera-ingest -> CAMERA_INGEST
service_var() { local name=${1^^}; printf '%s' "${name//-/_}"; }

service_secret() {
  local var
  var="ECOGATE_MINIO_SECRET_$(service_var "$1")"
  printf '%s' "${!var:-}"
}

# A random secret per service, appended to .data/secrets.env on first use and reused afterwards.
minio_access_secrets() {
  local service var added=()
  for service in "${MINIO_SERVICES[@]}"; do
    var="ECOGATE_MINIO_SECRET_$(service_var "$service")"
    [[ -n ${!var:-} ]] && continue
    printf -v "$var" '%s' "$(random_hex 24)"
    (
      umask 077
      printf '%s=%s\n' "$var" "${!var}" >>"$SECRETS_FILE"
    )
    added+=("$service")
  done
  if ((${#added[@]})); then log "minio: generated keys for ${added[*]} in $(rel "$SECRETS_FILE")"; fi
}

# "arn:aws:s3:::NAME","arn:aws:s3:::NAME-*" for each bucket name (suffix /* for their objects).
bucket_arns() {
  local suffix=$1 out='' name
  shift
  for name in "$@"; do
    out+="${out:+,}\"arn:aws:s3:::$name$suffix\",\"arn:aws:s3:::$name-*$suffix\""
  done
  printf '%s' "$out"
}

# allow ACTIONS RESOURCES: one Allow statement (actions as a comma-separated list of "s3:…").
allow() { printf '{"Effect":"Allow","Action":[%s],"Resource":[%s]}' "$1" "$2"; }

# Every policy ends with this: no service deletes objects (expiry is the lifecycle rule's job) or
# bypasses GOVERNANCE retention, whatever else a later policy or group might grant it.
DENY_DELETE_AND_BYPASS='{"Effect":"Deny","Action":["s3:BypassGovernanceRetention","s3:DeleteObject","s3:DeleteObjectVersion","s3:DeleteBucket","s3:DeleteBucketPolicy","s3:PutBucketPolicy"],"Resource":["arn:aws:s3:::*"]}'

# Creating a bucket with object lock needs PutBucketObjectLockConfiguration and PutBucketVersioning
# besides CreateBucket (MinIO checks all three); HeadBucket (ensureBucket's exists check) is ListBucket.
CREATE_LOCKED_BUCKET='"s3:CreateBucket","s3:ListBucket","s3:GetBucketLocation","s3:GetBucketObjectLockConfiguration","s3:PutBucketObjectLockConfiguration","s3:PutBucketVersioning"'

# video-archive needs s3:PutObjectRetention: MinIO checks it on every upload into a bucket with a
# default retention, and the recorder extends each segment's retention. Never below the legal floor,
# though: with the bypass header MinIO lets that permission alone shorten GOVERNANCE retention
# (s3:BypassGovernanceRetention or not), so a request that would leave fewer days is denied.
retention_floor_deny() {
  printf '{"Effect":"Deny","Action":["s3:PutObjectRetention"],"Resource":["arn:aws:s3:::*"],"Condition":{"NumericLessThan":{"s3:object-lock-remaining-retention-days":"%s"}}}' \
    "$ECOGATE_VIDEO_RETENTION_FLOOR_DAYS"
}

# The IAM policy of one service, as one line of JSON.
minio_policy() {
  local captures=$ECOGATE_CAPTURES_BUCKET documents=$ECOGATE_DOCUMENTS_BUCKET video=$ECOGATE_VIDEO_BUCKET
  local exports=$ECOGATE_EXPORTS_BUCKET
  local statements
  case $1 in
    camera-ingest) # creates the captures bucket (object lock) at boot, stores snapshots
      statements="$(allow "$CREATE_LOCKED_BUCKET" "$(bucket_arns '' "$captures")"),$(
        allow '"s3:PutObject"' "$(bucket_arns '/*' "$captures")"
      )"
      ;;
    plate-recognition) # reads the snapshot, stores the plate crop beside it
      statements="$(allow '"s3:ListBucket","s3:GetBucketLocation"' "$(bucket_arns '' "$captures")"),$(
        allow '"s3:GetObject","s3:PutObject"' "$(bucket_arns '/*' "$captures")"
      )"
      ;;
    ledger) # creates the documents and exports buckets at boot, stores documents and Excel exports, signs links
      # to them and to passage photos (console); sets the exports bucket's expiry rule (files are removed by it,
      # never by the ledger)
      statements="$(allow '"s3:CreateBucket","s3:ListBucket","s3:GetBucketLocation"' "$(bucket_arns '' "$documents")"),$(
        allow '"s3:GetObject","s3:PutObject"' "$(bucket_arns '/*' "$documents")"
      ),$(
        allow '"s3:CreateBucket","s3:ListBucket","s3:GetBucketLocation","s3:GetLifecycleConfiguration","s3:PutLifecycleConfiguration"' \
          "$(bucket_arns '' "$exports")"
      ),$(
        allow '"s3:GetObject","s3:PutObject"' "$(bucket_arns '/*' "$exports")"
      ),$(allow '"s3:GetObject"' "$(bucket_arns '/*' "$captures")")"
      ;;
    provincial-upload) # signs GET links to a passage's photos and documents for the platform
      statements="$(allow '"s3:GetObject"' "$(bucket_arns '/*' "$captures" "$documents")")"
      ;;
    video-archive) # bucket setup (lock, lifecycle, default retention), segments, retention, legal hold, clips
      statements="$(allow "$CREATE_LOCKED_BUCKET,\"s3:GetLifecycleConfiguration\",\"s3:PutLifecycleConfiguration\"" \
        "$(bucket_arns '' "$video")"),$(
        allow '"s3:PutObject","s3:GetObject","s3:GetObjectVersion","s3:PutObjectRetention","s3:GetObjectRetention","s3:PutObjectLegalHold","s3:GetObjectLegalHold"' \
          "$(bucket_arns '/*' "$video")"
      ),$(retention_floor_deny)"
      ;;
    *) die "minio: no policy for service $1" ;;
  esac
  printf '{"Version":"2012-10-17","Statement":[%s,%s]}' "$statements" "$DENY_DELETE_AND_BYPASS"
}

# What the users and policies should be; the stamp records it once applied.
minio_access_digest() {
  local service
  {
    printf 'mc %s\n' "$ECOGATE_MC_VERSION"
    for service in "${MINIO_SERVICES[@]}"; do
      printf '%s %s %s\n' "$service" "$(service_secret "$service")" "$(minio_policy "$service")"
    done
  } | sha256sum | cut -c1-64
}

# True when MinIO has every service user, enabled, with exactly its policy (one admin call).
minio_access_in_place() {
  local users service
  users=$(mc_admin admin user list ecogate --json 2>/dev/null) || return 1
  for service in "${MINIO_SERVICES[@]}"; do
    grep -F "\"accessKey\":\"$service\"" <<<"$users" | grep -F '"userStatus":"enabled"' |
      grep -qF "\"policyName\":\"ecogate-$service\"" || return 1
  done
}

minio_access_apply() {
  local service policy_file="$RUN_DIR/minio-policy.json.$$"
  for service in "${MINIO_SERVICES[@]}"; do
    # The secret on stdin, not the command line (mc reads it there when it is left out).
    if ! printf '%s\n' "$(service_secret "$service")" |
      mc_cmd admin user add ecogate "$service" >/dev/null 2>"$LOG_DIR/mc.log"; then
      show_log_tail "$LOG_DIR/mc.log"
      die "minio: could not add user $service; see $(rel "$LOG_DIR/mc.log")"
    fi
    (
      umask 077
      minio_policy "$service" >"$policy_file"
    )
    if ! mc_admin admin policy create ecogate "ecogate-$service" "$policy_file" >/dev/null 2>"$LOG_DIR/mc.log" ||
      ! mc_admin admin policy attach ecogate "ecogate-$service" --user "$service" >/dev/null 2>>"$LOG_DIR/mc.log"; then
      rm -f "$policy_file"
      show_log_tail "$LOG_DIR/mc.log"
      die "minio: could not set the policy of $service; see $(rel "$LOG_DIR/mc.log")"
    fi
  done
  rm -f "$policy_file"
  minio_access_in_place || die "minio: the service users are not as applied (mc admin user list); see $(rel "$LOG_DIR/mc.log")"
}

# The contract with the tests (libs/testing/src/infra-env.ts, loadServiceKey) and for running a
# service locally with its own key: S3_ACCESS_KEY_<SERVICE> / S3_SECRET_KEY_<SERVICE>.
write_service_keys() {
  local service var
  (
    umask 077
    {
      printf '# Written by deploy/local/infra.sh up: one MinIO key per service (policies: deploy/local/minio-access.sh).\n'
      for service in "${MINIO_SERVICES[@]}"; do
        var=$(service_var "$service")
        printf 'S3_ACCESS_KEY_%s=%s\nS3_SECRET_KEY_%s=%s\n' "$var" "$service" "$var" "$(service_secret "$service")"
      done
    } >"$SERVICE_KEYS_FILE.tmp"
    mv "$SERVICE_KEYS_FILE.tmp" "$SERVICE_KEYS_FILE"
  )
}

# `up`, once MinIO is healthy: users, policies, .data/service-keys.env.
minio_access_up() {
  local start=$SECONDS digest
  mc_vars
  mc_install
  mkdir -p "$MC_CONFIG_DIR"
  minio_access_secrets
  digest=$(minio_access_digest)
  if [[ -f $MINIO_ACCESS_STAMP && $(<"$MINIO_ACCESS_STAMP") == "$digest" ]] && minio_access_in_place; then
    log "minio: service keys already in place (${MINIO_SERVICES[*]})"
  else
    minio_access_apply
    printf '%s\n' "$digest" >"$MINIO_ACCESS_STAMP"
    log "minio: one key and policy per service applied in $((SECONDS - start))s (${MINIO_SERVICES[*]})"
  fi
  write_service_keys
}

minio_access_reset() { rm -f "$SERVICE_KEYS_FILE"; }
