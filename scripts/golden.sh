#!/bin/sh
# Golden records: `scripts/golden.sh update BIN` rewrites tests/golden/ from
# the current build (make golden-update); the tests compare byte for byte.
set -eu
[ "${1:-}" = update ] || { echo "usage: $0 update BIN" >&2; exit 2; }
BIN=$2
for f in samples/000_3e5691df25d3c8b8.txt; do
    name=$(basename "$f" .txt)
    "$BIN" analyze --spans "$f" > "tests/golden/$name.jsonl"
    echo "wrote tests/golden/$name.jsonl"
done
