#!/bin/sh
# run.sh -- the browser test: ingests the bundled samples into a temporary
# store, starts `newsgraph serve` on a free port, and runs browser_test.mjs
# in headless Chromium. Screenshots go to $ARTIFACTS (default
# build/artifacts/web).
#
#   tests/web/run.sh BUILD/newsgraph
#
# Needs node, Debian's chromium (/usr/bin/chromium or $CHROMIUM) and
# `npm ci` run in tests/web (CI does all three: .ci/run). Without them it
# says plainly that it skipped, and exits 0 -- or fails when
# NEWSGRAPH_REQUIRE_WEB is set, as .ci/run does.
set -u
BIN=${1:-build/newsgraph}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ARTIFACTS=${ARTIFACTS:-$(dirname "$BIN")/artifacts/web}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}

skip() {
    if [ -n "${NEWSGRAPH_REQUIRE_WEB:-}" ]; then # set by .ci/run
        echo "web: 0 passed, 1 failed (the browser test cannot run: $*)"
        exit 1
    fi
    echo "web: browser test skipped: $*"
    exit 0
}
command -v node >/dev/null 2>&1 || skip "node is not installed (apt-get install nodejs npm)"
[ -x "$CHROMIUM" ] || skip "no $CHROMIUM (apt-get install chromium)"
[ -d "$HERE/node_modules/playwright-core" ] ||
    skip "playwright-core is not installed (run: npm ci --prefix tests/web)"

TMP=$(mktemp -d)
SERVER=""
cleanup() {
    [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
    rm -rf "$TMP"
}
trap cleanup EXIT

if ! (cd "$ROOT" && "$BIN" ingest --db "$TMP/web.db" samples) >"$TMP/ingest.out" 2>&1; then
    cat "$TMP/ingest.out"
    echo "web: 0 passed, 1 failed (ingest of the samples)"
    exit 1
fi
"$BIN" serve --db "$TMP/web.db" --port 0 --threads 2 >"$TMP/serve.out" \
    2>"$TMP/serve.err" &
SERVER=$!
port=""
for _ in $(seq 1 100); do
    port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/$|\1|p' "$TMP/serve.out")
    [ -n "$port" ] && break
    sleep 0.1
done
if [ -z "$port" ]; then
    cat "$TMP/serve.err"
    echo "web: 0 passed, 1 failed (the server did not start)"
    exit 1
fi
rm -rf "$ARTIFACTS"
node "$HERE/browser_test.mjs" "http://127.0.0.1:$port" "$ARTIFACTS"
