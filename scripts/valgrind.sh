#!/bin/sh
# Runs the canonical article's analysis (with spans) and its ingest into a
# new store under valgrind's memcheck: any invalid read or write, use of
# uninitialized memory or leak fails. `make test-valgrind` calls it with
# the plain build's binary (valgrind and the sanitizers do not mix).
#
#   scripts/valgrind.sh NEWSGRAPH
set -eu
BIN=${1:?usage: scripts/valgrind.sh NEWSGRAPH}
ARTICLE=samples/000_3e5691df25d3c8b8.txt
if ! command -v valgrind >/dev/null; then
    echo "valgrind: not installed (Debian package valgrind)" >&2
    exit 1
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/newsgraph-valgrind-XXXXXX")
trap 'rm -rf "$dir"' EXIT
check() { # check NAME CMD...: memcheck over CMD, output kept in $dir
    name=$1
    shift
    if valgrind -q --error-exitcode=99 --leak-check=full \
        --errors-for-leak-kinds=definite,indirect,possible \
        --show-leak-kinds=definite,indirect,possible \
        --log-file="$dir/$name.log" "$@" >"$dir/$name.out"; then
        echo "valgrind: $name: no errors"
    else
        echo "valgrind: $name: FAILED" >&2
        cat "$dir/$name.log" >&2
        exit 1
    fi
}
check analyze "$BIN" analyze --spans "$ARTICLE"
# The record is the one the plain run writes.
"$BIN" analyze --spans "$ARTICLE" | cmp -s - "$dir/analyze.out" ||
    { echo "valgrind: analyze: the record differs" >&2; exit 1; }
check ingest "$BIN" ingest --quiet --db "$dir/store.db" "$ARTICLE"
check search "$BIN" search --db "$dir/store.db" troops
grep -q "3e5691df25d3c8b8" "$dir/search.out" ||
    { echo "valgrind: search: the article is not found" >&2; exit 1; }
