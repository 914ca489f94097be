#!/usr/bin/env bash
# The per-service MinIO policies that deploy/local/minio-access.sh applies: valid JSON, no Allow of a
# delete or of s3:BypassGovernanceRetention, the deny statements present, each service limited to its
# own buckets. Needs node (JSON checks) and no running services; the behaviour against a real MinIO is
# libs/storage/src/minio/service-keys.int-spec.ts.
#   bash deploy/local/tests/minio-access.test.sh
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DATA_DIR="$WORK" LOG_DIR="$WORK" RUN_DIR="$WORK"

# shellcheck source=../infra.conf
source "$SCRIPT_DIR/infra.conf"
# shellcheck source=../lib.sh
source "$SCRIPT_DIR/lib.sh"
# shellcheck source=../minio-access.sh
source "$SCRIPT_DIR/minio-access.sh"

failures=0
check() { # check SERVICE EXPECTED_BUCKETS(comma-separated)
  local service=$1 buckets=$2 out
  if out=$(minio_policy "$service" | node -e '
    const [buckets] = process.argv.slice(1);
    const policy = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const problems = [];
    const allows = policy.Statement.filter((s) => s.Effect === "Allow");
    const denies = policy.Statement.filter((s) => s.Effect === "Deny");
    for (const s of allows) {
      for (const a of s.Action) if (/Delete|Bypass|PutBucketPolicy|^admin:|^s3:\*$/.test(a)) problems.push(`allows ${a}`);
      for (const r of s.Resource) {
        const bucket = r.replace(/^arn:aws:s3:::/, "").split("/")[0].replace(/-\*$/, "");
        if (!buckets.split(",").includes(bucket)) problems.push(`allows ${r}`);
      }
    }
    const denied = new Set(denies.filter((s) => !s.Condition).flatMap((s) => s.Action));
    for (const a of ["s3:BypassGovernanceRetention", "s3:DeleteObject", "s3:DeleteObjectVersion"])
      if (!denied.has(a)) problems.push(`does not deny ${a}`);
    if (allows.some((s) => s.Action.includes("s3:PutObjectRetention")) &&
        !denies.some((s) => s.Action.includes("s3:PutObjectRetention") && s.Condition?.NumericLessThan))
      problems.push("PutObjectRetention without the retention floor");
    if (problems.length) { console.log(problems.join("; ")); process.exit(1); }
  ' "$buckets" 2>&1); then
    printf 'ok   %s\n' "$service"
  else
    printf 'FAIL %s: %s\n' "$service" "$out"
    failures=$((failures + 1))
  fi
}

check camera-ingest "$ECOGATE_CAPTURES_BUCKET"
check plate-recognition "$ECOGATE_CAPTURES_BUCKET"
check ledger "$ECOGATE_DOCUMENTS_BUCKET,$ECOGATE_CAPTURES_BUCKET,$ECOGATE_EXPORTS_BUCKET"
check provincial-upload "$ECOGATE_CAPTURES_BUCKET,$ECOGATE_DOCUMENTS_BUCKET"
check video-archive "$ECOGATE_VIDEO_BUCKET"

# Every service has a policy, and access keys fit MinIO's 3-20 characters.
for service in "${MINIO_SERVICES[@]}"; do
  if ((${#service} < 3 || ${#service} > 20)); then
    printf 'FAIL access key %s: MinIO needs 3-20 characters\n' "$service"
    failures=$((failures + 1))
  fi
done

: "$REPO_ROOT" # read by lib.sh (rel)
((failures == 0)) || {
  printf '%d failure(s)\n' "$failures"
  exit 1
}
printf 'all policies ok\n'
