#!/bin/sh
# Runs every test: the cmocka programs (arguments before --), the CLI
# script, and the fuzz corpus replays (arguments after --). Prints each
# suite's summary and a last line that CI reads; exits non-zero on failure.
set -u
BIN=${NEWSGRAPH:-build/newsgraph}
failed=""
suites=0

run() { # run NAME CMD...
    name=$1
    shift
    suites=$((suites + 1))
    if "$@"; then :; else failed="$failed $name"; fi
}

replay=false
for t in "$@"; do
    if [ "$t" = "--" ]; then replay=true; continue; fi
    if $replay; then
        name=$(basename "$t" | sed 's/^replay_//')
        run "$t" "$t" "fuzz/corpus/$name"
    else
        run "$t" "$t"
    fi
done
run tests/cli/test_cli.sh tests/cli/test_cli.sh "$BIN"
# The page in headless Chromium; says plainly when it skips (no node,
# chromium or playwright-core).
run tests/web/run.sh tests/web/run.sh "$BIN"

echo
if [ -n "$failed" ]; then
    echo "FAILED:$failed"
    echo "tests: $suites suites, $(echo "$failed" | wc -w) failed"
    exit 1
fi
echo "tests: $suites suites, all passed"
