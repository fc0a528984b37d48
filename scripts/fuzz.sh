#!/usr/bin/env bash
# Runs the libFuzzer targets (fuzz/fuzz_*.c) for SECONDS each.  `make fuzz`
# calls it with FUZZ_SECONDS.
#
#   scripts/fuzz.sh SECONDS [TARGET...]     e.g. scripts/fuzz.sh 600 fuzz_query
#
# Builds the library with clang and -fsanitize=fuzzer-no-link,address,
# undefined into build/libfuzzer/ (through the Makefile), links each target
# with -fsanitize=fuzzer, then runs it over a working corpus in
# fuzz/findings/TARGET/corpus (new inputs go there) seeded from the
# committed fuzz/corpus/TARGET (only read).  Crashes, leaks and timeouts
# are written to fuzz/findings/TARGET/ (gitignored) and the log to
# fuzz/findings/TARGET/log.txt.  Environment: FUZZ_CC (clang), FUZZ_JOBS
# (targets run at once, 1), FUZZ_ARGS (more libFuzzer flags).
# Exit status: 0 when no target found anything, 1 otherwise, 2 on misuse.
set -euo pipefail

cd "$(dirname "$0")/.."
if [ $# -lt 1 ] || ! [[ $1 =~ ^[0-9]+$ ]]; then
    echo "usage: scripts/fuzz.sh SECONDS [TARGET...]" >&2
    exit 2
fi
seconds=$1
shift

cc=${FUZZ_CC:-}
if [ -z "$cc" ]; then
    for c in clang clang-14; do
        command -v "$c" >/dev/null && { cc=$c; break; }
    done
fi
[ -n "$cc" ] || { echo "fuzz.sh: clang is needed for libFuzzer" >&2; exit 2; }

build=build/libfuzzer
pkgs="sqlite3 libutf8proc jansson libmicrohttpd"

if [ $# -gt 0 ]; then
    targets=("$@")
else
    targets=()
    for f in fuzz/fuzz_*.c; do
        t=${f#fuzz/}
        targets+=("${t%.c}")
    done
fi

# The library, instrumented for coverage and the sanitizers.
make --no-print-directory CC="$cc" BUILD="$build" \
    SANITIZER=fuzzer-no-link,address,undefined "$build/libnewsgraph.a"

build_target() {
    local t=$1
    [ -f "fuzz/$t.c" ] || { echo "fuzz.sh: no fuzz/$t.c" >&2; return 2; }
    mkdir -p "$build/fuzz"
    # shellcheck disable=SC2046
    "$cc" -std=c11 -Wall -Wextra -g -O1 -fno-omit-frame-pointer \
        -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
        -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -Isrc \
        $(pkg-config --cflags $pkgs) -o "$build/fuzz/$t" "fuzz/$t.c" \
        "$build/libnewsgraph.a" $(pkg-config --libs $pkgs) -lpthread -lm
}

run_target() {
    local t=$1 out=fuzz/findings/$1
    mkdir -p "$out/corpus"
    local dict=()
    [ -f "fuzz/$t.dict" ] && dict=("-dict=fuzz/$t.dict")
    # shellcheck disable=SC2086
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "$build/fuzz/$t" -max_total_time="$seconds" -timeout=10 \
        -print_final_stats=1 -artifact_prefix="$out/" "${dict[@]}" \
        ${FUZZ_ARGS:-} "$out/corpus" "fuzz/corpus/$t" >"$out/log.txt" 2>&1
}

summary() {
    local t=$1 out=fuzz/findings/$1 execs secs found
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/log.txt" |
            tail -n 1)
    secs=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$out/log.txt" |
           tail -n 1)
    found=$(find "$out" -maxdepth 1 -type f \
            \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
               -o -name 'oom-*' -o -name 'slow-unit-*' \) | sort)
    printf '%-18s %12s execs %8s/s  %s\n' "$t" "${execs:-?}" "${secs:-?}" \
        "${found:-no findings}"
    [ -z "$found" ]
}

for t in "${targets[@]}"; do
    build_target "$t"
done

jobs=${FUZZ_JOBS:-1}
running=0
for t in "${targets[@]}"; do
    echo "fuzzing $t for ${seconds}s (log: fuzz/findings/$t/log.txt)"
    run_target "$t" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait -n || true
        running=$((running - 1))
    fi
done
wait || true

status=0
for t in "${targets[@]}"; do
    summary "$t" || status=1
done
exit $status
