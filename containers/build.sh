#!/usr/bin/env bash
# `make images`: one image per step (containers/images.tsv), model steps in a CPU and a CUDA
# variant. Needs a docker engine; pushes when PUSH=1 and the registry answers. Says clearly
# what is missing instead of half-building.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
registry=${1:-ghcr.io/chordflow}
tag=${2:-0.1.0}
push=${PUSH:-0}
cd "$root"

if ! command -v docker >/dev/null 2>&1; then
  echo "make images: no docker command on this machine; nothing was built." >&2
  echo "  install Docker (or run this target in CI); the Dockerfiles are in containers/." >&2
  exit 2
fi
if ! docker info >/dev/null 2>&1; then
  echo "make images: docker is installed but no docker engine answers (docker info failed); nothing was built." >&2
  exit 2
fi
if [[ "$push" == 1 ]]; then
  host=${registry%%/*}
  if ! curl -fsS -o /dev/null -m 10 "https://$host/v2/" && ! curl -sS -o /dev/null -m 10 -w '%{http_code}' "https://$host/v2/" | grep -q 401; then
    echo "make images: registry $host is not reachable; build without PUSH=1 or check the network." >&2
    exit 2
  fi
fi

modules=$(awk -F'\t' '!/^#/ {print $3}' containers/images.tsv | sort -u | paste -sd, -)
echo "building jars for: $modules"
mvn -B -q -DskipTests -pl "$modules" -am package dependency:copy-dependencies -DincludeScope=runtime

while IFS=$'\t' read -r image step module variant dockerfile; do
  [[ "$image" == \#* || -z "$image" ]] && continue
  ref="$registry/$image:$tag"
  [[ "$variant" != "-" ]] && ref="$ref-$variant"
  echo "== $ref  ($dockerfile)"
  docker build -f "$dockerfile" -t "$ref" .
  [[ "$push" == 1 ]] && docker push "$ref"
done < containers/images.tsv
echo "images built for $registry, tag $tag$([[ "$push" == 1 ]] && echo ', pushed')"
