#!/usr/bin/env bash
# bench/serve.sh -- `newsgraph serve` under load: wrk on loopback, 2
# connections per core, against a store (the Reuters-21578 store that
# bench/run.sh builds; it calls this as section (e)).
#
#   bench/serve.sh BUILD/newsgraph DB [ARTICLES]
#
# Scenarios, each for BENCH_SERVE_SECONDS (default 10) after a 2 s warm-up:
#   search    /api/search over the queries of bench/search_bench.c, in turn
#             (top 10, marked snippets and the count of all matches)
#   article   /api/article?id=N, N random in 1..ARTICLES (ids, else rows)
#   timeline  /api/timeline?by=month over the same queries
#   entities  /api/entities?q=..&order=articles&limit=15 over the same
#             queries: the top entities of the matching articles (what
#             the page shows beside the results)
#   entity    /api/entity?name=..&type=..&limit=10&related=12 over the 40
#             most mentioned entities (the slowest profiles: "U.S." is in
#             3,001 Reuters articles), as the page's entity view asks
#   quotes    /api/quotes?entity=..&type=..&limit=5 over the 40 most
#             quoted speakers (as the page's entity view asks), and
#             /api/quotes?q=WORDS&limit=20 over a few words, in turn
#   graph     /api/graph as the page's network view asks (40 nodes, edges
#             of 2 articles or more): the whole store, each type, and
#             three months of 1987 (Reuters' dates)
#   page      the web page's files (/, /app.js, /style.css)
# The entity scenarios run when the store has mentions, the quotes
# scenario when it has quotes with speakers (and sqlite3 is there to list
# them).
#
# Prints requests per second, p50/p99/max latency and errors (socket
# errors and non-2xx answers) per scenario. Never fails on the figures;
# exits non-zero only when the server or wrk cannot run. The server runs
# one thread per core and shares the machine with wrk: the figures are
# what one machine does as client and server at once.
set -u
BIN=${1:?usage: bench/serve.sh BIN DB [ARTICLES]}
DB=${2:?usage: bench/serve.sh BIN DB [ARTICLES]}
SECONDS_EACH=${BENCH_SERVE_SECONDS:-10}
CORES=$(nproc)
CONNS=$((2 * CORES))

if ! command -v wrk >/dev/null 2>&1; then
    echo "   skipped: wrk is not installed (apt-get install wrk)"
    exit 0
fi
ARTICLES=${3:-$(sqlite3 "$DB" 'SELECT count(*) FROM articles' 2>/dev/null || echo 1000)}

WORK=$(mktemp -d)
SERVER=""
cleanup() {
    [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

"$BIN" serve --db "$DB" --port 0 --threads "$CORES" >"$WORK/serve.out" \
    2>"$WORK/serve.err" &
SERVER=$!
PORT=""
for _ in $(seq 1 100); do
    PORT=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/$|\1|p' "$WORK/serve.out")
    [ -n "$PORT" ] && break
    sleep 0.1
done
if [ -z "$PORT" ]; then
    echo "bench/serve.sh: the server did not start: $(cat "$WORK/serve.err")" >&2
    exit 1
fi

# The queries of bench/search_bench.c, URL-encoded.
QUERIES='oil+prices %22trade+deficit%22 opec coffee+AND+brazil dollar+NOT+yen
soyb* tags%3Acoffee interest+rates %22federal+reserve%22 wheat+exports
merger+OR+acquisition %22bank+of+japan%22 gold strike sugar+AND+india
%22first+quarter%22+profit takeover+bid tokyo+stock+exchange title%3Acoffee
(crude+OR+petroleum)+saudi %22money+supply%22 bundesbank %22net+loss%22
dividend* grain+NOT+wheat tags%3AOPEC %22U.S.+Treasury%22 cocoa+ghana
%22stock+split%22 yen+OR+mark+OR+sterling text%3Ainflation gatt+tariffs
ec+farm+subsidies title%3A%22oil+prices%22 said %22mln+dlrs%22'

# lua_script NAME PATH_PREFIX PATH_SUFFIX: requests rotate over the queries.
lua_paths() {
    local prefix=$1 suffix=$2 q
    printf 'paths = {\n'
    for q in $QUERIES; do printf '  "%s%s%s",\n' "$prefix" "$q" "$suffix"; done
    printf '}\n'
}

cat >"$WORK/report.lua" <<'LUA'
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read +
                 summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %d %.1f %.3f %.3f %.3f %d %d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, errors, summary.errors.status))
end
LUA

{ lua_paths "/api/search?q=" ""; cat <<'LUA'
local i = 0
init = function(args) i = math.random(#paths) end
request = function() i = i % #paths + 1; return wrk.format("GET", paths[i]) end
LUA
cat "$WORK/report.lua"; } >"$WORK/search.lua"

{ lua_paths "/api/timeline?by=month&q=" ""; cat <<'LUA'
local i = 0
init = function(args) i = math.random(#paths) end
request = function() i = i % #paths + 1; return wrk.format("GET", paths[i]) end
LUA
cat "$WORK/report.lua"; } >"$WORK/timeline.lua"

{ lua_paths "/api/entities?order=articles&limit=15&q=" ""; cat <<'LUA'
local i = 0
init = function(args) i = math.random(#paths) end
request = function() i = i % #paths + 1; return wrk.format("GET", paths[i]) end
LUA
cat "$WORK/report.lua"; } >"$WORK/entities.lua"

# The 40 most mentioned entities as Lua strings; none when the store has
# no mentions (ingested with --skip entities) or sqlite3 is missing.
ENTITY_LIST=$(sqlite3 -separator $'\t' "$DB" \
    "SELECT e.name, e.type FROM entities e JOIN (SELECT entity_id, count(*) AS n
     FROM mentions GROUP BY entity_id ORDER BY n DESC LIMIT 40) t
     ON t.entity_id = e.id ORDER BY t.n DESC" 2>/dev/null)
SCENARIOS="search article timeline"
if [ -n "$ENTITY_LIST" ]; then
    SCENARIOS="$SCENARIOS entities entity"
    { printf 'entities = {\n'
      printf '%s\n' "$ENTITY_LIST" | sed 's/\\/\\\\/g; s/"/\\"/g' |
          awk -F'\t' '{ printf "  {\"%s\", \"%s\"},\n", $1, $2 }'
      printf '}\n'
      cat <<'LUA'
local function encode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", c:byte()) end))
end
paths = {}
for _, e in ipairs(entities) do
  paths[#paths + 1] = "/api/entity?limit=10&related=12&name=" .. encode(e[1]) .. "&type=" .. e[2]
end
local i = 0
init = function(args) i = math.random(#paths) end
request = function() i = i % #paths + 1; return wrk.format("GET", paths[i]) end
LUA
      cat "$WORK/report.lua"; } >"$WORK/entity.lua"
fi

# The 40 most quoted speakers, as for the entities above.
SPEAKER_LIST=$(sqlite3 -separator $'\t' "$DB" \
    "SELECT e.name, e.type FROM entities e JOIN (SELECT speaker_id, count(*) AS n
     FROM quotes WHERE speaker_id IS NOT NULL GROUP BY speaker_id
     ORDER BY n DESC LIMIT 40) t ON t.speaker_id = e.id ORDER BY t.n DESC" \
    2>/dev/null)
if [ -n "$SPEAKER_LIST" ]; then
    SCENARIOS="$SCENARIOS quotes"
    { printf 'speakers = {\n'
      printf '%s\n' "$SPEAKER_LIST" | sed 's/\\/\\\\/g; s/"/\\"/g' |
          awk -F'\t' '{ printf "  {\"%s\", \"%s\"},\n", $1, $2 }'
      printf '}\n'
      cat <<'LUA'
local function encode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", c:byte()) end))
end
paths = {}
for _, e in ipairs(speakers) do
  paths[#paths + 1] = "/api/quotes?limit=5&entity=" .. encode(e[1]) .. "&type=" .. e[2]
end
for _, w in ipairs({"oil+prices", "dollar", "interest+rates", "trade", "profit", "strike",
                    "not", "would+be", "market", "agreement"}) do
  paths[#paths + 1] = "/api/quotes?limit=20&q=" .. w
end
local i = 0
init = function(args) i = math.random(#paths) end
request = function() i = i % #paths + 1; return wrk.format("GET", paths[i]) end
LUA
      cat "$WORK/report.lua"; } >"$WORK/quotes.lua"
fi
if [ -n "$ENTITY_LIST" ]; then
    SCENARIOS="$SCENARIOS graph"
    { cat <<'LUA'
local base = "/api/graph?max_nodes=40&min_weight=2"
paths = {base, base .. "&type=PER", base .. "&type=ORG", base .. "&type=LOC",
         base .. "&type=MISC", base .. "&since=1987-03-01&until=1987-03-31",
         base .. "&since=1987-04-01&until=1987-04-30",
         base .. "&since=1987-06-01&until=1987-06-30"}
local i = 0
init = function(args) i = math.random(#paths) end
request = function() i = i % #paths + 1; return wrk.format("GET", paths[i]) end
LUA
      cat "$WORK/report.lua"; } >"$WORK/graph.lua"
fi
SCENARIOS="$SCENARIOS page"

{ printf 'n = %d\n' "$ARTICLES"; cat <<'LUA'
request = function()
  return wrk.format("GET", "/api/article?id=" .. math.random(1, n))
end
LUA
cat "$WORK/report.lua"; } >"$WORK/article.lua"

{ cat <<'LUA'
paths = {"/", "/app.js", "/style.css"}
local i = 0
request = function() i = i % #paths + 1; return wrk.format("GET", paths[i]) end
LUA
cat "$WORK/report.lua"; } >"$WORK/page.lua"

echo "   server: $CORES threads; wrk: $CORES threads, $CONNS connections" \
     "(2 per core), ${SECONDS_EACH} s per scenario, keep-alive; store of" \
     "$ARTICLES articles"
printf '   %-9s %10s %10s %9s %9s %9s %7s\n' scenario requests "req/s" \
    "p50 ms" "p99 ms" "max ms" errors
for s in $SCENARIOS; do
    wrk -t"$CORES" -c"$CONNS" -d2s -s "$WORK/$s.lua" \
        "http://127.0.0.1:$PORT" >/dev/null 2>&1
    out=$(wrk -t"$CORES" -c"$CONNS" -d"${SECONDS_EACH}s" --timeout 10s \
        -s "$WORK/$s.lua" "http://127.0.0.1:$PORT" 2>&1)
    read -r _ n rps p50 p99 max errs non2xx < <(printf '%s\n' "$out" |
        grep '^RESULT')
    if [ -z "${n:-}" ]; then
        echo "   $s: wrk failed: $out"
        continue
    fi
    printf '   %-9s %10d %10.1f %9.2f %9.2f %9.2f %7d\n' "$s" "$n" "$rps" \
        "$p50" "$p99" "$max" $((errs + non2xx))
    n=""
done
