#!/bin/sh
# `make run`: ingests the bundled sample corpus into ./newsgraph.db and
# prints what is in it: counts, a sample search, the most mentioned
# entities, the canonical article's quotes and the corpus's keyphrases.
# Safe to run again: articles already stored are not added twice.
set -u
BIN=${1:-build/newsgraph}
DB=${NEWSGRAPH_DB:-newsgraph.db}

"$BIN" ingest --db "$DB" samples
status=$?
[ $status -eq 0 ] || [ $status -eq 3 ] || exit $status
echo
"$BIN" stats --db "$DB" || exit 1
echo
echo '$ newsgraph search --limit 3 "air strike" OR troops'
"$BIN" search --db "$DB" --limit 3 '"air strike" OR troops' || exit 1
echo
echo '$ newsgraph entities --limit 5'
"$BIN" entities --db "$DB" --limit 5 || exit 1
echo
echo '$ newsgraph quotes --speaker Ryder --limit 3'
"$BIN" quotes --db "$DB" --speaker Ryder --limit 3 || exit 1
echo
echo '$ newsgraph keywords --limit 5'
"$BIN" keywords --db "$DB" --limit 5 || exit 1
echo
echo "Browse it: $BIN serve --db $DB   (then open http://127.0.0.1:8080/)"
