#!/usr/bin/env bash
# Times errref against the floor and the peer validators on synthetic
# references (docs/performance.md shows the latest table). Run from any
# checkout; needs Go, node/npm and network access to the npm registry and
# the Go module proxy. Everything is installed into a temporary folder.
#
#   bench/compare.sh                 # 10,000 and 100,000 entries, 5 rounds
#   bench/compare.sh --quick         # 41, 1,000 and 5,000 entries, 3 rounds
#   SIZES=41,10000 K=10 bench/compare.sh
#   BENCH_WORK=/tmp/errref-bench bench/compare.sh   # keep and reuse installs and trees
#
#   BASE_REF=main bench/compare.sh  # also time errref as built from another revision
#
# Environment: SIZES (comma-separated), K (rounds), WARMUP (untimed rounds
# first, default 1), ONLY (command names,
# comma-separated), BENCH_WORK (work folder), JSON (where to copy the report),
# BASE_REF (a git revision whose errref runs beside this one's).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

SIZES=${SIZES:-10000,100000}
K=${K:-5}
if [ "${1:-}" = "--quick" ]; then
  SIZES=${QUICK_SIZES:-41,1000,5000}
  K=3
fi

work=${BENCH_WORK:-}
if [ -z "$work" ]; then
  work=$(mktemp -d "${TMPDIR:-/tmp}/errref-bench.XXXXXX")
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work/bin"
echo "== work folder $work" >&2

# Peers, at pinned versions.
if [ ! -x "$work/node/node_modules/.bin/ajv" ] || [ ! -x "$work/node/node_modules/.bin/jsonschema" ]; then
  echo "== npm install ajv-cli@5.0.0 ajv@8 ajv-formats@3 @sourcemeta/jsonschema@16.11.0" >&2
  mkdir -p "$work/node"
  echo '{"private": true}' > "$work/node/package.json"
  (cd "$work/node" && npm install --no-audit --no-fund --silent \
    ajv-cli@5.0.0 ajv@8 ajv-formats@3 @sourcemeta/jsonschema@16.11.0 >&2)
fi
if [ ! -x "$work/bin/jv" ]; then
  # go install …@v0.7.0 cannot resolve jv's module offline-friendly and
  # @latest is another version: build it in a throwaway module instead.
  echo "== go build jv v0.7.0" >&2
  mkdir -p "$work/jv"
  (cd "$work/jv" && rm -f go.mod go.sum && go mod init jvbuild >/dev/null 2>&1 &&
    GOFLAGS=-mod=mod go get github.com/santhosh-tekuri/jsonschema/cmd/jv@v0.7.0 >&2 &&
    GOFLAGS=-mod=mod go build -o "$work/bin/jv" github.com/santhosh-tekuri/jsonschema/cmd/jv)
fi

# Our programs, from this checkout.
echo "== go build errref, floor, gen, compare" >&2
go build -o "$work/bin/errref" ./cmd/errref
go build -o "$work/bin/floor" ./bench/floor
go build -o "$work/bin/gen" ./bench/gen
go build -o "$work/bin/compare" ./bench/compare
rm -f "$work/bin/errref-base"
if [ -n "${BASE_REF:-}" ]; then
  echo "== go build errref at $BASE_REF" >&2
  rm -rf "$work/base-src" && mkdir -p "$work/base-src"
  git archive "$BASE_REF" | tar -x -C "$work/base-src"
  (cd "$work/base-src" && go build -o "$work/bin/errref-base" ./cmd/errref)
fi

# The trees: deterministic, so a kept work folder reuses them.
IFS=, read -r -a sizes <<< "$SIZES"
for n in "${sizes[@]}"; do
  if [ ! -d "$work/ref$n/entries" ]; then
    echo "== generate $n entries" >&2
    "$work/bin/gen" -n "$n" -o "$work/ref$n" -from "$repo/testdata/seed" >&2
  fi
done

# jv takes the files as arguments: 100,000 paths need more than the
# default 2 MB for arguments, which is a quarter of the stack limit.
ulimit -s unlimited 2>/dev/null || ulimit -s 65536 2>/dev/null || true

"$work/bin/compare" -work "$work" -schema "$repo/schema/entry.schema.json" \
  -sizes "$SIZES" -k "$K" -warmup "${WARMUP:-1}" ${ONLY:+-only "$ONLY"} -json "${JSON:-$work/compare.json}"
