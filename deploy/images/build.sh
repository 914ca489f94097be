#!/usr/bin/env bash
# The services' container images: deploy/images/build.sh [<service>…|all] [options]
# (`npm run build:images -- …`). Two parts:
#  1. Outside any container (CI runs exactly this, `--no-docker`; so does the Dockerfile's build
#     stage): the production build of each service, its runtime tree in dist/images/<service>/,
#     and `node main.js --check` on a copy of that tree outside the repository (every module
#     loads, no dev dependency, the native parts and plate-recognition's models work).
#  2. Where a Docker daemon answers: `docker build` per service, the image's own smoke test
#     (`--check` as user 10001 on a read-only root filesystem), and with --push, `docker push`.
# Options:
#   --no-docker   part 1 only (no daemon here, or CI)
#   --no-verify   skip the --check of part 1 (the Dockerfile's build stage: no models, no ffmpeg)
#   --push        push each image after its smoke test (needs `docker login` to the registry)
#   --tag TAG     image tag (default: the version in package.json; never `latest`)
# Environment: ECOGATE_IMAGE_REGISTRY (default ghcr.io/ecogate), ECOGATE_IMAGE_SOURCE (the
# repository's URL, a label), LPR_MODEL_DIR (default ../shared/models: plate-recognition's check),
# FFMPEG_PATH/FFPROBE_PATH (video-archive's check).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."

docker_wanted=1
push=0
tag=
services=()
verify_args=()
while (($# > 0)); do
  case $1 in
    --no-docker) docker_wanted=0 ;;
    --no-verify) verify_args+=(--no-verify) ;;
    --push) push=1 ;;
    --tag)
      tag=${2:?--tag needs a value}
      shift
      ;;
    -*)
      echo "unknown option $1 (see the head of $0)" >&2
      exit 2
      ;;
    *) services+=("$1") ;;
  esac
  shift
done
((${#services[@]} > 0)) || services=(all)

version=$(node -p "require('./package.json').version")
tag=${tag:-$version}
if [[ $tag == latest ]]; then
  echo "refusing the tag 'latest': images are named by version" >&2
  exit 2
fi
registry=${ECOGATE_IMAGE_REGISTRY:-ghcr.io/ecogate}

# Part 1: the same on a CI runner, a developer machine and in the image's build stage.
node_modules/.bin/tsx --tsconfig tsconfig.base.json deploy/images/src/build-images.ts \
  "${services[@]}" ${verify_args[@]+"${verify_args[@]}"}

((docker_wanted)) || exit 0
if ! docker info >/dev/null 2>&1; then
  if ((push)); then
    echo "--push: no Docker daemon answers here" >&2
    exit 1
  fi
  echo "no Docker daemon: images not built (the steps above are what their build stage runs)"
  exit 0
fi

# Part 2: the images, each checked as it will run in the cluster before it is pushed.
mapfile -t built < <(ls dist/images)
revision=$(git rev-parse HEAD 2>/dev/null || echo unknown)
created=$(date -u +%Y-%m-%dT%H:%M:%SZ)
models=${LPR_MODEL_DIR:-$(cd .. && pwd)/shared/models}
for service in "${built[@]}"; do
  [[ ${services[*]} == all || " ${services[*]} " == *" $service "* ]] || continue
  image="$registry/$service:$tag"
  echo "==== $image"
  docker build -f deploy/images/Dockerfile \
    --build-arg SERVICE="$service" --build-arg VERSION="$version" \
    --build-arg REVISION="$revision" --build-arg CREATED="$created" \
    --build-arg SOURCE="${ECOGATE_IMAGE_SOURCE:-https://github.com/ecogate/ecogate}" \
    -t "$image" .
  mounts=()
  [[ $service == plate-recognition ]] && mounts=(-v "$models:/models:ro")
  docker run --rm --read-only --tmpfs /tmp --user 10001:10001 --cap-drop ALL \
    ${mounts[@]+"${mounts[@]}"} "$image" --check
  ((push)) && docker push "$image"
done
