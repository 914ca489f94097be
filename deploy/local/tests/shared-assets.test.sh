#!/usr/bin/env bash
# deploy/shared-assets.mjs, which gives CI the models and samples (../shared): it packs a folder
# reproducibly, fetches from a mirror into a cache, verifies every checksum, and refuses a changed
# archive, a changed file and a stale folder. Uses a local mirror folder: no network.
#   bash deploy/local/tests/shared-assets.test.sh
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
SCRIPT="$REPO_ROOT/deploy/shared-assets.mjs"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

failures=0
ok() { printf 'ok   %s\n' "$1"; }
fail() {
  printf 'FAIL %s\n' "$1"
  failures=$((failures + 1))
}
# expect_failure NAME PATTERN CMD...: CMD must fail and say PATTERN.
expect_failure() {
  local name=$1 pattern=$2 out
  shift 2
  if out=$("$@" 2>&1); then
    fail "$name (succeeded: $out)"
  elif grep -q -- "$pattern" <<<"$out"; then
    ok "$name"
  else
    fail "$name (said: $out)"
  fi
}

mkdir -p "$WORK/source/models" "$WORK/source/samples/plates/scene"
printf 'onnx bytes' >"$WORK/source/models/plate.onnx"
printf 'jpeg bytes' >"$WORK/source/samples/plates/scene/truck.jpg"
printf '{"truck.jpg":{"plates":["冀B12345"]}}' >"$WORK/source/samples/plates/scene/labels.json"

node "$SCRIPT" pack --from "$WORK/source" --out "$WORK/mirror" >"$WORK/packed.json"
node "$SCRIPT" pack --from "$WORK/source" --out "$WORK/again" >"$WORK/again.json"
if cmp -s "$WORK/mirror/models.tar" "$WORK/again/models.tar" && cmp -s "$WORK/packed.json" "$WORK/again.json"; then
  ok 'pack is reproducible (same archives, same checksums)'
else
  fail 'pack is reproducible'
fi

node -e '
  const packed = require(process.argv[1]);
  const manifest = { release: { repository: "example/none", tag: "t" }, ...packed };
  require("fs").writeFileSync(process.argv[2], JSON.stringify(manifest));
' "$WORK/packed.json" "$WORK/manifest.json"
export ECOGATE_ASSETS_MANIFEST="$WORK/manifest.json" ECOGATE_ASSETS_BASE_URL="$WORK/mirror"
export ECOGATE_ASSETS_CACHE="$WORK/cache"

if node "$SCRIPT" fetch --into "$WORK/shared" >/dev/null &&
  [[ $(cat "$WORK/shared/samples/plates/scene/truck.jpg") == 'jpeg bytes' ]] &&
  compgen -G "$WORK/cache/*-models.tar" >/dev/null; then
  ok 'fetch extracts every folder and keeps the archives in the cache'
else
  fail 'fetch extracts every folder and keeps the archives in the cache'
fi

rm -rf "$WORK/mirror"
if out=$(node "$SCRIPT" fetch --into "$WORK/shared") && grep -q 'files verified' <<<"$out"; then
  ok 'a folder that matches is verified, not fetched again'
else
  fail 'a folder that matches is verified, not fetched again'
fi

rm -rf "$WORK/shared"
if node "$SCRIPT" fetch --into "$WORK/shared" >/dev/null && node "$SCRIPT" verify --into "$WORK/shared" >/dev/null; then
  ok 'fetch works from the cache alone (the mirror is gone)'
else
  fail 'fetch works from the cache alone (the mirror is gone)'
fi

printf 'changed' >"$WORK/shared/models/plate.onnx"
expect_failure 'a changed file fails verify, named' 'plate.onnx: SHA-256 differs' \
  node "$SCRIPT" verify --into "$WORK/shared"
expect_failure 'fetch refuses to overwrite a folder that differs' 'remove it to fetch' \
  node "$SCRIPT" fetch --into "$WORK/shared"
printf 'x' >"$WORK/shared/samples/extra.txt"
expect_failure 'an unexpected file fails verify' 'extra.txt is not in the manifest' \
  node "$SCRIPT" verify --into "$WORK/shared"

rm -rf "$WORK/shared" "$WORK/cache"
node "$SCRIPT" pack --from "$WORK/source" --out "$WORK/mirror" >/dev/null
printf 'tampered' >>"$WORK/mirror/samples.tar"
expect_failure 'an archive whose SHA-256 differs is refused and not kept' "samples.tar: SHA-256" \
  node "$SCRIPT" fetch --into "$WORK/shared"
if ! compgen -G "$WORK/cache/*-samples.tar" >/dev/null; then
  ok 'the refused archive left no copy in the cache'
else
  fail 'the refused archive left no copy in the cache'
fi

# The real manifest names exactly the team's ../shared where it sits beside this checkout.
if [[ -d $REPO_ROOT/../shared/models ]]; then
  if ECOGATE_ASSETS_MANIFEST="$REPO_ROOT/deploy/shared-assets.json" node "$SCRIPT" verify >/dev/null; then
    ok 'deploy/shared-assets.json matches ../shared'
  else
    fail 'deploy/shared-assets.json matches ../shared'
  fi
fi

((failures == 0))
