#!/bin/sh
# Checks the Debian packages newsgraph needs; installs the missing ones when
# run as root, otherwise prints the apt-get line to run. Used by `make run`
# and CI (.ci/run).
set -eu
PACKAGES="build-essential pkg-config libsqlite3-dev libutf8proc-dev libjansson-dev libcmocka-dev libmicrohttpd-dev"
[ "${1:-}" = "--with-dev-tools" ] && PACKAGES="$PACKAGES clang sqlite3 python3"

missing=""
for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
    echo "installing:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
    echo "newsgraph needs these Debian packages:$missing"
    echo "install them with:"
    echo "  sudo apt-get install -y$missing"
    exit 1
fi
