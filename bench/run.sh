#!/usr/bin/env bash
# bench/run.sh -- `make bench`: the benchmarks on Reuters-21578, in one run.
#
#   bench/run.sh [BUILD/newsgraph]
#
# (a) ingest throughput of `newsgraph ingest` (whole process, fresh DB each
#     time) beside a plain FTS5 bulk load of the same JSONL with the same
#     settings (bench/fts5_bulkload.c), alternated A B A B ...; medians and
#     the ratio of medians; then a second ingest into the same DB.
# (b) analyze throughput (`newsgraph analyze` to /dev/null, one thread) and
#     normalization + segmentation alone (bench/segment_bench.c); then the
#     time and amount extractors beside the segmenter in the same run
#     (bench/extract_bench.c); the quote finder and the keyphrase
#     extractor likewise (bench/quote_bench.c).
# (c) search latency through ng_search (bench/search_bench.c).
# (d) peak memory (max RSS) of the ingest and analyze processes.
# (e) entity tagging: tokens/s of `newsgraph tag --conll` on CoNLL-2003 dev
#     (BENCH_TAG_COPIES copies, default 8), whole process, and the ratio to
#     segmentation alone (b) in tokens/s per core; dev F1 beside it.
# (f) `newsgraph serve` under load: wrk, 2 connections per core, requests
#     per second and p99 latency of search, article, timeline and page
#     requests (bench/serve.sh).
#
# Benchmarks print figures; they never pass or fail on them. The exit
# status is non-zero only when a program could not run. Absolute times
# drift on a shared machine: ratios measured in the same run are the
# headline.
#
# Environment: NEWSGRAPH_SHARED (default: ../shared beside the repository),
# BENCH_RUNS (ingest and analyze runs of each kind, default 5),
# BENCH_SEG_REPS (default 5), BENCH_QUERY_REPS (default 20),
# BENCH_TAG_COPIES (default 8).
set -u

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-$ROOT/build/newsgraph}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
TOOLS=$(dirname "$BIN")/bench
SHARED=${NEWSGRAPH_SHARED:-$(dirname "$ROOT")/shared}
RUNS=${BENCH_RUNS:-5}
SEG_REPS=${BENCH_SEG_REPS:-5}
QUERY_REPS=${BENCH_QUERY_REPS:-20}
TAG_COPIES=${BENCH_TAG_COPIES:-8}
RAW=$SHARED/data/reuters21578/raw
WORK=$ROOT/bench/work
CORPUS=$WORK/reuters
JSONL=$CORPUS/reuters21578.jsonl
RUNDIR=$WORK/run
PROBLEMS=0

if [ ! -d "$SHARED/data" ]; then
    echo "skipped: ../shared/data not found (looked in $SHARED/data;" \
         "set NEWSGRAPH_SHARED to point elsewhere)"
    exit 0
fi
if [ ! -d "$RAW" ] && [ ! -s "$JSONL" ]; then
    echo "skipped: ../shared/data/reuters21578/raw not found"
    exit 0
fi
for tool in runproc fts5_bulkload segment_bench extract_bench quote_bench \
            search_bench; do
    if [ ! -x "$TOOLS/$tool" ]; then
        echo "bench: $TOOLS/$tool is missing (run 'make bench')" >&2
        exit 1
    fi
done

# ---- helpers --------------------------------------------------------------

problem() {
    echo "  !! $*"
    PROBLEMS=$((PROBLEMS + 1))
}

# The median of the numbers given as arguments.
median() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
        END { if (NR == 0) print 0;
              else if (NR % 2) print v[(NR + 1) / 2];
              else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# The largest of the numbers given as arguments.
maximum() {
    printf '%s\n' "$@" | sort -g | tail -n 1
}

# calc FORMAT EXPR [name=value...]: prints an awk expression's value.
calc() {
    local fmt=$1 expr=$2
    shift 2
    local vars=()
    for kv in "$@"; do vars+=(-v "$kv"); done
    awk "${vars[@]}" "BEGIN { printf \"$fmt\", $expr }"
}

# measure STDOUT_FILE COMMAND...: runs the command under runproc and sets
# WALL UTIME STIME RSS_KB CODE (CODE is empty when it could not be measured).
measure() {
    local out=$1
    shift
    WALL='' UTIME='' STIME='' RSS_KB='' CODE=''
    read -r WALL UTIME STIME RSS_KB CODE \
        < <("$TOOLS/runproc" --stdout "$out" -- "$@")
    if [ -z "$CODE" ]; then
        problem "could not run: $*"
        CODE=1 WALL=0 UTIME=0 STIME=0 RSS_KB=0
    fi
}

remove_db() {
    rm -f "$1" "$1-wal" "$1-shm" "$1-journal"
}

# Sets NEW UPDATED SAME SKIPPED STORED from ingest's summary line:
# "N articles stored in DB (A new, U updated, S unchanged), K skipped; ..."
parse_summary() {
    local line
    line=$(grep ' articles stored in ' "$1" | tail -n 1)
    STORED=${line%% *}
    read -r NEW UPDATED SAME SKIPPED < <(printf '%s\n' "$line" | sed -n \
        's/.*(\([0-9]*\) new, \([0-9]*\) updated, \([0-9]*\) unchanged), \([0-9]*\) skipped;.*/\1 \2 \3 \4/p')
    if [ -z "${SKIPPED:-}" ]; then
        problem "no summary line from ingest: $(cat "$1")"
        STORED=0 NEW=0 UPDATED=0 SAME=0 SKIPPED=0
    fi
}

mb() { calc "%.1f" "b / 1e6" "b=$1"; }

# ---- the corpus -------------------------------------------------------------

START=$(date +%s)
if [ ! -s "$JSONL" ]; then
    echo "converting Reuters-21578 into $CORPUS (once; cached) ..."
    rm -rf "$CORPUS.tmp"
    mkdir -p "$WORK"
    if ! python3 "$SHARED/tools/reuters_to_corpus.py" "$CORPUS.tmp" \
            --raw "$RAW" > "$WORK/convert.log" 2>&1; then
        cat "$WORK/convert.log"
        echo "bench: the conversion failed" >&2
        exit 1
    fi
    rm -rf "$CORPUS"
    mv "$CORPUS.tmp" "$CORPUS"
fi
BYTES=$(wc -c < "$JSONL")
ARTICLES=$(grep -c . "$JSONL")
cat "$JSONL" > /dev/null # into the page cache, the same for every run
rm -rf "$RUNDIR"
mkdir -p "$RUNDIR"
DB=$RUNDIR/newsgraph.db
BASE_DB=$RUNDIR/fts5.db

echo "newsgraph bench -- $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores," \
     "commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')," \
     "sqlite $(pkg-config --modversion sqlite3 2>/dev/null || echo '?')"
echo "input: $JSONL"
echo "       $ARTICLES articles, $(mb "$BYTES") MB of JSON Lines (MB = 10^6 bytes)"
echo "Absolute times drift on a shared machine; the ratios are measured in"
echo "the same run and are the headline."

# ---- (a) ingest vs the FTS5 bulk load -----------------------------------------

echo
echo "== (a) ingest throughput: newsgraph ingest vs plain FTS5 bulk load"
echo "   (whole process, fresh DB each time, alternated, $RUNS runs each;"
echo "   'text only' is ingest --skip entities,times,amounts: read, normalize,"
echo "   segment, store and index -- the same work as the baseline and more)"
ING_MBS=() ING_APS=() ING_WALL=() ING_CPU=() ING_RSS=()
TXT_MBS=() TXT_WALL=() TXT_CPU=()
TEXT_DB=$RUNDIR/text-only.db
BASE_MBS=() BASE_APS=() BASE_WALL=() BASE_CPU=() BASE_RSS=()
for ((i = 1; i <= RUNS; i++)); do
    remove_db "$DB"
    measure "$RUNDIR/ingest.out" "$BIN" ingest --db "$DB" "$JSONL"
    [ "$CODE" = 0 ] || problem "ingest exited with $CODE"
    parse_summary "$RUNDIR/ingest.out"
    [ "$NEW" = "$ARTICLES" ] ||
        problem "ingest stored $NEW new articles, expected $ARTICLES"
    ING_WALL+=("$WALL") ING_RSS+=("$RSS_KB")
    ING_CPU+=("$(calc %.3f "u + s" "u=$UTIME" "s=$STIME")")
    ING_MBS+=("$(calc %.3f "b / 1e6 / t" "b=$BYTES" "t=$WALL")")
    ING_APS+=("$(calc %.1f "n / t" "n=$ARTICLES" "t=$WALL")")
    ours=$WALL

    remove_db "$TEXT_DB"
    measure "$RUNDIR/ingest-text.out" "$BIN" ingest --skip entities,times,amounts \
        --db "$TEXT_DB" "$JSONL"
    [ "$CODE" = 0 ] || problem "text-only ingest exited with $CODE"
    TXT_WALL+=("$WALL")
    TXT_CPU+=("$(calc %.3f "u + s" "u=$UTIME" "s=$STIME")")
    TXT_MBS+=("$(calc %.3f "b / 1e6 / t" "b=$BYTES" "t=$WALL")")
    text=$WALL

    remove_db "$BASE_DB"
    measure "$RUNDIR/fts5.out" "$TOOLS/fts5_bulkload" "$JSONL" "$BASE_DB"
    [ "$CODE" = 0 ] || problem "fts5_bulkload exited with $CODE"
    BASE_WALL+=("$WALL") BASE_RSS+=("$RSS_KB")
    BASE_CPU+=("$(calc %.3f "u + s" "u=$UTIME" "s=$STIME")")
    BASE_MBS+=("$(calc %.3f "b / 1e6 / t" "b=$BYTES" "t=$WALL")")
    BASE_APS+=("$(calc %.1f "n / t" "n=$ARTICLES" "t=$WALL")")
    printf '   run %d: newsgraph %.3f s, text only %.3f s, baseline %.3f s\n' \
        "$i" "$ours" "$text" "$WALL"
done
ING_MBS_MED=$(median "${ING_MBS[@]}")
BASE_MBS_MED=$(median "${BASE_MBS[@]}")
printf '   %-22s %8s %10s %8s %9s %9s\n' "" "MB/s" "articles/s" "wall s" \
    "CPU s" "max RSS"
printf '   %-22s %8.2f %10.0f %8.3f %9.3f %6.1f MB\n' "newsgraph ingest" \
    "$ING_MBS_MED" "$(median "${ING_APS[@]}")" "$(median "${ING_WALL[@]}")" \
    "$(median "${ING_CPU[@]}")" "$(calc %.1f "k / 1024" "k=$(median "${ING_RSS[@]}")")"
printf '   %-22s %8.2f %10.0f %8.3f %9.3f\n' "ingest, text only" \
    "$(median "${TXT_MBS[@]}")" \
    "$(calc %.0f "n / t" "n=$ARTICLES" "t=$(median "${TXT_WALL[@]}")")" \
    "$(median "${TXT_WALL[@]}")" "$(median "${TXT_CPU[@]}")"
printf '   %-22s %8.2f %10.0f %8.3f %9.3f %6.1f MB\n' "FTS5 bulk load" \
    "$BASE_MBS_MED" "$(median "${BASE_APS[@]}")" "$(median "${BASE_WALL[@]}")" \
    "$(median "${BASE_CPU[@]}")" "$(calc %.1f "k / 1024" "k=$(median "${BASE_RSS[@]}")")"
echo "   (medians; MB/s and articles/s of the whole process over the JSONL)"
echo "   RATIO text-only ingest / baseline throughput (ratio of medians):" \
     "$(calc %.2f "a / b" "a=$(median "${TXT_MBS[@]}")" "b=$BASE_MBS_MED")" \
     "(goal >= 0.70)"
echo "   ratio full ingest (entities, times, amounts) / baseline:" \
     "$(calc %.2f "a / b" "a=$ING_MBS_MED" "b=$BASE_MBS_MED")" \
     "(the analysis is the extra work; see (b) and (e))"
echo "   CPU time ingest / baseline (ratio of medians):" \
     "$(calc %.2f "a / b" "a=$(median "${ING_CPU[@]}")" "b=$(median "${BASE_CPU[@]}")")"
echo "   store file: newsgraph $(mb "$(wc -c < "$DB")") MB," \
     "baseline $(mb "$(wc -c < "$BASE_DB")") MB"

echo
echo "-- second ingest of the same input into the same DB ($RUNS runs)"
RE_WALL=() RE_RSS=()
for ((i = 1; i <= RUNS; i++)); do
    measure "$RUNDIR/reingest.out" "$BIN" ingest --db "$DB" "$JSONL"
    [ "$CODE" = 0 ] || problem "second ingest exited with $CODE"
    parse_summary "$RUNDIR/reingest.out"
    RE_WALL+=("$WALL") RE_RSS+=("$RSS_KB")
    added=$((NEW + UPDATED))
    [ "$added" = 0 ] || problem "second ingest run $i added $NEW and updated $UPDATED"
done
RE_W=$(median "${RE_WALL[@]}")
echo "   median $(calc %.3f t "t=$RE_W") s wall," \
     "$(calc %.1f "b / 1e6 / t" "b=$BYTES" "t=$RE_W") MB/s," \
     "$(calc %.2f "r / i" "r=$RE_W" "i=$(median "${ING_WALL[@]}")") x the first ingest's time"
echo "   last run: $STORED articles, $NEW new, $UPDATED updated, $SAME unchanged, $SKIPPED skipped" \
     "-> added $added"
echo "   summary: $(grep ' articles stored in ' "$RUNDIR/reingest.out")"

# ---- (b) analyze and segmentation --------------------------------------------

echo
echo "== (b) analyze throughput (one thread)"
AN_WALL=() AN_CPU=() AN_RSS=()
for ((i = 1; i <= RUNS; i++)); do
    measure /dev/null "$BIN" analyze "$JSONL"
    [ "$CODE" = 0 ] || problem "analyze exited with $CODE"
    AN_WALL+=("$WALL") AN_RSS+=("$RSS_KB")
    AN_CPU+=("$(calc %.3f "u + s" "u=$UTIME" "s=$STIME")")
done
AN_W=$(median "${AN_WALL[@]}")
AN_C=$(median "${AN_CPU[@]}")
echo "   newsgraph analyze JSONL > /dev/null, median of $RUNS:" \
     "$(calc %.3f t "t=$AN_W") s wall, $(calc %.3f t "t=$AN_C") s CPU"
echo "   $(calc %.1f "b / 1e6 / t" "b=$BYTES" "t=$AN_W") MB/s wall," \
     "$(calc %.1f "b / 1e6 / t" "b=$BYTES" "t=$AN_C") MB/s per core (CPU time)" \
     "of JSONL; $(calc %.0f "n / t" "n=$ARTICLES" "t=$AN_W") articles/s"
echo
echo "-- normalize + segment alone (text in memory, $SEG_REPS reps; goal >= 50 MB/s per core)"
"$TOOLS/segment_bench" --reps "$SEG_REPS" "$JSONL" | tee "$RUNDIR/segment.out" ||
    problem "segment_bench failed"
# Segmentation alone, tokens/s per core (CPU time), for the ratio in (e).
SEG_TPS=$(sed -n 's/.*CPU: .* MB\/s per core, \([0-9.]*\) M tokens\/s.*/\1/p' \
    "$RUNDIR/segment.out" | head -n 1)
SEG_TPS=$(calc %.0f "m * 1e6" "m=${SEG_TPS:-0}")
echo
echo "-- times + amounts beside normalize + segment (text in memory, $SEG_REPS reps;"
echo "   phases in thread CPU time; goal >= 20 MB/s per core for both extractors)"
"$TOOLS/extract_bench" --reps "$SEG_REPS" "$JSONL" ||
    problem "extract_bench failed"
echo
echo "-- quotes and keywords beside normalize + segment (text in memory,"
echo "   entities tagged first and not timed, $SEG_REPS reps; thread CPU time)"
"$TOOLS/quote_bench" --reps "$SEG_REPS" "$JSONL" ||
    problem "quote_bench failed"

# ---- (c) search latency ---------------------------------------------------------

echo
echo "== (c) search latency (ng_search, warm, top 10 + count, $QUERY_REPS reps each)"
"$TOOLS/search_bench" --reps "$QUERY_REPS" "$DB" || problem "search_bench failed"

# ---- (d) peak memory --------------------------------------------------------------

kb_mb() { calc %.1f "k / 1024" "k=$1"; }
echo
echo "== (d) peak memory (max RSS of the process, median / max over runs)"
printf '   %-26s %6s / %6s MB\n' \
    "newsgraph ingest" "$(kb_mb "$(median "${ING_RSS[@]}")")" \
    "$(kb_mb "$(maximum "${ING_RSS[@]}")")" \
    "newsgraph ingest (again)" "$(kb_mb "$(median "${RE_RSS[@]}")")" \
    "$(kb_mb "$(maximum "${RE_RSS[@]}")")" \
    "newsgraph analyze" "$(kb_mb "$(median "${AN_RSS[@]}")")" \
    "$(kb_mb "$(maximum "${AN_RSS[@]}")")" \
    "FTS5 bulk load (baseline)" "$(kb_mb "$(median "${BASE_RSS[@]}")")" \
    "$(kb_mb "$(maximum "${BASE_RSS[@]}")")"

# ---- (e) entity tagging ------------------------------------------------------------

echo
CONLL_DEV=$SHARED/data/conll2003/dev.txt
TAG_RSS=()
if [ -f "$CONLL_DEV" ]; then
    TAG_IN=$WORK/conll-dev-x$TAG_COPIES.txt
    for ((i = 0; i < TAG_COPIES; i++)); do cat "$CONLL_DEV"; done > "$TAG_IN"
    TOKENS=$(grep -v -e '^-DOCSTART-' -e '^[[:space:]]*$' "$TAG_IN" | wc -l)
    echo "== (e) entity tagging: newsgraph tag --conll on CoNLL-2003 dev x$TAG_COPIES" \
         "($TOKENS tokens; whole process: load, read, tag, write; $RUNS runs)"
    TAG_WALL=() TAG_CPU=()
    for ((i = 1; i <= RUNS; i++)); do
        measure /dev/null "$BIN" tag --conll "$TAG_IN"
        [ "$CODE" = 0 ] || problem "tag --conll exited with $CODE"
        TAG_WALL+=("$WALL") TAG_RSS+=("$RSS_KB")
        TAG_CPU+=("$(calc %.3f "u + s" "u=$UTIME" "s=$STIME")")
    done
    TW=$(median "${TAG_WALL[@]}")
    TC=$(median "${TAG_CPU[@]}")
    TAG_TPS=$(calc %.0f "n / t" "n=$TOKENS" "t=$TC")
    echo "   median $(calc %.3f t "t=$TW") s wall, $(calc %.3f t "t=$TC") s CPU:" \
         "$(calc %.0f "n / t" "n=$TOKENS" "t=$TW") tokens/s wall," \
         "$TAG_TPS tokens/s per core (CPU time; goal >= 500000)"
    echo "   segmentation alone in this run (b): $SEG_TPS tokens/s per core"
    echo "   RATIO tagging / segmentation alone (tokens/s per core):" \
         "$(calc %.3f "a / b" "a=$TAG_TPS" "b=$SEG_TPS")"
    measure "$RUNDIR/tag-eval.out" "$BIN" tag --conll --eval "$CONLL_DEV"
    echo "   accuracy on dev (tag --conll --eval): $(sed -n 2p "$RUNDIR/tag-eval.out")"
    echo "   model: $(wc -c < "$ROOT/models/ner.model") bytes;" \
         "max RSS of tag --conll $(kb_mb "$(median "${TAG_RSS[@]}")") MB (median)"
else
    echo "== (e) entity tagging: skipped ($CONLL_DEV not found)"
fi
# ---- (f) the server under load ------------------------------------------------------

echo
echo "== (f) newsgraph serve under load (wrk on loopback, the store of (a))"
"$ROOT/bench/serve.sh" "$BIN" "$DB" "$ARTICLES" || problem "bench/serve.sh failed"

echo
echo "bench done in $(( $(date +%s) - START )) s; databases in $RUNDIR"
if [ "$PROBLEMS" -gt 0 ]; then
    echo "bench: $PROBLEMS problem(s) above" >&2
    exit 1
fi
exit 0
