#!/bin/sh
# make lint: the layout matches .clang-format, and no banned function
# (unbounded or locale-dependent string calls) appears in C sources.
set -u
status=0
files=$(git ls-files '*.c' '*.h')
for f in $files; do
    if ! clang-format "$f" | diff -q "$f" - >/dev/null; then
        echo "format: $f (run: clang-format -i $f)"
        status=1
    fi
done
banned='\b(strcpy|strcat|sprintf|vsprintf|strtok|atoi|atol|gets)[[:space:]]*\('
if git grep -nE "$banned" -- '*.c' '*.h'; then
    echo "banned functions above: use memcpy/snprintf/strtol/strtok_r"
    status=1
fi
[ $status -eq 0 ] && echo "lint: clean"
exit $status
