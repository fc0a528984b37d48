#!/bin/sh
# test_cli.sh -- the newsgraph command as scripts use it: exit codes,
# --help everywhere, stdin, messages naming file and line, --json output.
# Usage: tests/cli/test_cli.sh BIN   (make test passes it)
set -u
BIN=${1:-build/newsgraph}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }

# expect_status WANT CMD...: runs CMD, saving stdout/stderr in $TMP/out,err
expect_status() {
    want=$1; shift
    "$@" >"$TMP/out" 2>"$TMP/err"
    got=$?
    if [ "$got" = "$want" ]; then ok; else
        bad "exit $got (want $want): $*"; sed 's/^/  | /' "$TMP/err" | head -5
    fi
}
expect_in() { # expect_in FILE TEXT
    if grep -qF -- "$2" "$1"; then ok; else bad "'$2' not in $(basename "$1")"; fi
}
expect_not_in() {
    if grep -qF -- "$2" "$1"; then bad "'$2' found in $(basename "$1")"; else ok; fi
}

# --help and usage errors
expect_status 0 "$BIN" --help
expect_in "$TMP/out" "usage: newsgraph <command>"
expect_status 0 "$BIN" --version
expect_status 2 "$BIN"
expect_status 2 "$BIN" frobnicate
for cmd in analyze ingest search show stats entities entity tag train-ner \
           timeline eval-timex quotes eval-quotes keywords header convert \
           graph; do
    expect_status 0 "$BIN" "$cmd" --help
    expect_in "$TMP/out" "usage: newsgraph $cmd"
    expect_status 2 "$BIN" "$cmd" --no-such-option
done
expect_status 2 "$BIN" analyze --date 2024-02-30
expect_in "$TMP/err" "--date needs YYYY-MM-DD"
expect_status 2 "$BIN" analyze --format yaml
expect_status 2 "$BIN" ingest --db "$TMP/x.db"

# analyze: stdin, formats, spans
printf '{"text": "Hello there. Bye."}\n' | expect_status 0 "$BIN" analyze
expect_in "$TMP/out" '"id":"stdin:1"'
expect_in "$TMP/out" '"schema":1'
printf 'date 2024-01-08 #a #b\n\nBody text.' > "$TMP/in.txt"
expect_status 0 "$BIN" analyze --spans "$TMP/in.txt"
expect_in "$TMP/out" '"tags":["a","b"]'
expect_in "$TMP/out" '"sentences":[{"start":0,"end":10}]'
printf 'No date here.' | expect_status 0 "$BIN" analyze --date 2020-02-29
expect_in "$TMP/out" '"date":"2020-02-29"'

# a batch with bad items: the good ones come out, the bad ones are named
mkdir "$TMP/batch"
printf 'date 2024-01-08 #ok\n\nGood one.' > "$TMP/batch/1.txt"
printf 'date 2024-02-30 #bad\n\nBad date.' > "$TMP/batch/2.txt"
printf '' > "$TMP/batch/3.txt"
printf 'date 2024-01-08 #x\n\nbad \377 byte' > "$TMP/batch/4.txt"
printf '{"text": "fine"}\n{"id": 3}\n' > "$TMP/batch/5.jsonl"
expect_status 3 "$BIN" analyze "$TMP/batch" "$TMP/nope.txt"
[ "$(wc -l < "$TMP/out")" -eq 2 ] && ok || bad "two good records expected"
expect_in "$TMP/err" "batch/2.txt:1: header: '2024-02-30' is not a valid date"
expect_in "$TMP/err" "batch/3.txt: empty file"
expect_in "$TMP/err" "batch/4.txt:3: column 5: invalid UTF-8"
expect_in "$TMP/err" "batch/5.jsonl:2: the object has no \"text\""
expect_in "$TMP/err" "nope.txt: No such file or directory"

# ingest, search, show, stats
DB=$TMP/store.db
expect_status 0 "$BIN" ingest --db "$DB" samples
expect_in "$TMP/out" "74 articles stored in $DB (74 new, 0 updated, 0 unchanged), 0 skipped"
expect_status 0 "$BIN" ingest --db "$DB" samples
expect_in "$TMP/out" "(0 new, 0 updated, 74 unchanged)"
expect_status 3 "$BIN" ingest --db "$DB" "$TMP/batch"
expect_in "$TMP/out" "2 articles stored"
expect_in "$TMP/err" "batch/2.txt:1:"
expect_status 0 "$BIN" search --db "$DB" al-Nujaba
expect_in "$TMP/out" "1 matching article"
expect_in "$TMP/out" "[al-Nujaba]"
expect_status 0 "$BIN" search --db "$DB" --json --limit 2 market
expect_in "$TMP/out" '"total":'
expect_in "$TMP/out" '"marks":[['
expect_status 0 "$BIN" search --db "$DB" --tag Pentagon --since 2024-01-01 troops
expect_in "$TMP/out" "2024-01-08  samples/000_3e5691df25d3c8b8.txt"
expect_status 2 "$BIN" search --db "$DB" 'NOT iraq'
expect_in "$TMP/err" "bad query: NOT needs a term before it"
expect_not_in "$TMP/err" "fts5"
expect_status 2 "$BIN" search --db "$DB" --since 2024-13-01 x
expect_status 0 "$BIN" search --db "$DB" --entity iraq --type LOC troops
expect_in "$TMP/out" "2 matching articles"
expect_status 0 "$BIN" search --db "$DB" --entity "Patrick Ryder" troops
expect_in "$TMP/out" "1 matching article"
expect_status 2 "$BIN" search --db "$DB" --type LOC troops
expect_status 2 "$BIN" search --db "$DB" --entity Iraq --type PLACE troops
expect_status 0 "$BIN" show --db "$DB" samples/000_3e5691df25d3c8b8.txt
expect_in "$TMP/out" "tags:   #Pentagon #denies"
expect_status 0 "$BIN" show --db "$DB" --json 1
expect_in "$TMP/out" '"id":"samples/000_3e5691df25d3c8b8.txt"'
expect_status 4 "$BIN" show --db "$DB" no-such-article
expect_in "$TMP/err" "no article with id 'no-such-article'"
NEWSGRAPH_DB=$DB expect_status 0 "$BIN" stats --json
expect_in "$TMP/out" '"articles":76'
expect_in "$TMP/out" '"first_date":"2006-01-12"'
expect_status 1 "$BIN" stats --db "$TMP/missing.db"
expect_in "$TMP/err" "no store here"
expect_status 0 "$BIN" timeline --db "$DB" --by week --since 2024-01-01 --until 2024-01-31 troops
expect_in "$TMP/out" "2024-W02        1 #"
expect_in "$TMP/out" "2024-W05        0"
expect_status 0 "$BIN" timeline --db "$DB" --by month --json troops
expect_in "$TMP/out" '"by":"month"'
expect_in "$TMP/out" '{"period":"2024-01","start":"2024-01-01","articles":1}'
expect_status 2 "$BIN" timeline --db "$DB" --by year troops
expect_status 2 "$BIN" timeline --db "$DB" 'troops OR'
expect_in "$TMP/err" "bad query:"
expect_status 2 "$BIN" timeline --db "$DB"

# times and amounts in the record
printf '{"text": "On Friday 2,500 troops left.", "date": "2024-01-08"}\n' |
    expect_status 0 "$BIN" analyze
expect_in "$TMP/out" '"times":[{"start":3,"end":9,"text":"Friday","type":"DATE","value":"2024-01-05"}]'
expect_in "$TMP/out" '"amounts":[{"start":10,"end":22,"text":"2,500 troops","kind":"count","value":2500,"approx":false,"unit":"troops"}]'
printf 'On Friday.' | expect_status 0 "$BIN" analyze --format text
expect_in "$TMP/out" '"value":"XXXX-WXX-5"'

# eval-timex on a tiny TimeML document
cat > "$TMP/doc.tml" <<'TML'
<?xml version="1.0" ?>
<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2024-01-08" functionInDocument="CREATION_TIME">20240108</TIMEX3></DCT>
<TEXT>They met on <TIMEX3 tid="t1" type="DATE" value="2024-01-05">Friday</TIMEX3> &amp; left <TIMEX3 tid="t2" type="DATE" value="PRESENT_REF">now</TIMEX3>.</TEXT></TimeML>
TML
expect_status 0 "$BIN" eval-timex "$TMP/doc.tml"
expect_in "$TMP/out" "1 documents, 2 gold, 2 system expressions"
expect_in "$TMP/out" "relaxed  100.00  100.00  100.00"
expect_status 0 "$BIN" eval-timex --json "$TMP/doc.tml"
expect_in "$TMP/out" '"value":{"accuracy":1.0000,"f1":1.0000}'
# value disagreements: one of each kind the gold's annotation causes
cat > "$TMP/lapse.tml" <<'TML'
<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2024-01-08" functionInDocument="CREATION_TIME">20240108</TIMEX3></DCT>
<TEXT>They met <TIMEX3 tid="t1" type="DATE" value="2024-WXX">last week</TIMEX3>, as in <TIMEX3 tid="t2" type="DATE" value="1968-XX">1968</TIMEX3>. They talked on <TIMEX3 tid="t3" type="DATE" value="2024-01-05">Friday night</TIMEX3> for <TIMEX3 tid="t4" type="DURATION" value="PT24H">a day</TIMEX3>. They will meet <TIMEX3 tid="t5" type="DATE" value="2024-W3">next week</TIMEX3>. They met on <TIMEX3 tid="t6" type="DATE" value="2024-01-12">Thursday</TIMEX3>.</TEXT></TimeML>
TML
expect_status 0 "$BIN" eval-timex --json "$TMP/lapse.tml"
expect_in "$TMP/out" '"value_disagreements":{"gold_x":2,"part_of_day":1,"notation":1,"gold_malformed":1,"other":1,"f1_if_all_but_other_agreed":0.8333}'
expect_status 0 "$BIN" eval-timex --errors "$TMP/lapse.tml"
expect_in "$TMP/out" "'next week' DATE 2024-W3 | system 'next week' DATE 2024-W03 (gold value malformed)"
expect_in "$TMP/out" "'Thursday' DATE 2024-01-12 | system 'Thursday' DATE 2024-01-04"
expect_not_in "$TMP/out" "'Thursday' DATE 2024-01-04 ("
printf 'no timeml here' > "$TMP/bad.tml"
expect_status 3 "$BIN" eval-timex "$TMP/bad.tml"
expect_in "$TMP/err" "not a readable TimeML document"
printf '<TimeML><TEXT>on <TIMEX3 value="1">Friday <TIMEX3 value="2">night</TIMEX3></TEXT>' > "$TMP/nested.tml"
expect_status 3 "$BIN" eval-timex "$TMP/nested.tml"
expect_in "$TMP/err" "nested.tml: not a readable TimeML document"
expect_status 2 "$BIN" eval-timex

printf 'not a database at all, just text that is long enough......' > "$TMP/junk.db"
expect_status 1 "$BIN" search --db "$TMP/junk.db" x

# entities in the store
expect_status 0 "$BIN" entities --db "$DB" --type PER --limit 5
expect_in "$TMP/out" "PER"
expect_not_in "$TMP/out" " LOC "
expect_status 0 "$BIN" entities --db "$DB" --json --since 2024-01-01
expect_in "$TMP/out" '"name":"Harakat al-Nujaba","type":"ORG"'
expect_status 2 "$BIN" entities --db "$DB" --type PERSON
expect_status 2 "$BIN" entities --db "$DB" --until 2024-02-31
expect_status 0 "$BIN" entity --db "$DB" patrick ryder
expect_in "$TMP/out" "Patrick Ryder (PER): 2 mentions in 1 articles"
expect_in "$TMP/out" "[Patrick Ryder]the major general"
expect_status 0 "$BIN" entity --db "$DB" --json Iraq
expect_in "$TMP/out" '"entity":{"name":"Iraq","type":"LOC"'
expect_status 0 "$BIN" entity --db "$DB" USA
expect_in "$TMP/out" "United States (LOC)"
expect_in "$TMP/out" "also: America, American"
expect_status 0 "$BIN" entity --db "$DB" --json Daesh
expect_in "$TMP/out" '"aliases":["Daesh","IS","ISIL","ISIS"'
expect_status 4 "$BIN" entity --db "$DB" "No Such Person"
expect_in "$TMP/err" "no entity named 'No Such Person'"
expect_status 2 "$BIN" entity --db "$DB"

# quotes in the store
expect_status 0 "$BIN" quotes --db "$DB" --speaker Ryder
expect_in "$TMP/out" "Patrick Ryder [blockquote, announced]: I am not aware of any plans"
expect_in "$TMP/out" "Patrick Ryder [reported, said]: he was not aware"
expect_status 0 "$BIN" quotes --db "$DB" --json --kind reported Baghdad
expect_in "$TMP/out" '"speaker":"Patrick Ryder","speaker_type":"PER","source":"Ryder","verb":"said"'
expect_status 0 "$BIN" quotes --db "$DB" --speaker "No Such Person"
expect_in "$TMP/out" "no quotes"
expect_status 2 "$BIN" quotes --db "$DB" --kind indirect
# paging: the second page of one quote each is the first page's second
expect_status 0 "$BIN" quotes --db "$DB" --json --entity "Patrick Ryder" --limit 2
total=$(grep -o '"total":[0-9]*' "$TMP/out" | cut -d: -f2)
[ "$(grep -o '"article":' "$TMP/out" | wc -l)" -eq 2 ] && [ "${total:-0}" -ge 3 ] &&
    ok || bad "quotes --entity: 2 listed of 3 or more"
second=$(grep -o '"text":"[^"]*"' "$TMP/out" | sed -n 2p)
expect_status 0 "$BIN" quotes --db "$DB" --json --entity "Patrick Ryder" --limit 1 --offset 1
[ -n "$second" ] && [ "$(grep -o '"text":"[^"]*"' "$TMP/out")" = "$second" ] &&
    ok || bad "quotes --offset 1 lists the first page's second"
expect_status 0 "$BIN" quotes --db "$DB" --entity "Patrick Ryder" --limit 1
expect_in "$TMP/out" "(1-1 of "
expect_status 0 "$BIN" quotes --db "$DB" --json --type ORG
expect_not_in "$TMP/out" '"speaker_type":"PER"'
expect_status 2 "$BIN" quotes --db "$DB" --type PERSON
expect_status 2 "$BIN" quotes --db "$DB" --offset -1
expect_status 2 "$BIN" quotes --db "$DB" --since 2024-13-01
expect_status 2 "$BIN" eval-quotes

# the co-occurrence graph in three formats
expect_status 0 "$BIN" graph --db "$DB" --max-nodes 10 -o "$TMP/g.gexf"
expect_in "$TMP/g.gexf" '<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">'
expect_in "$TMP/g.gexf" 'label="United States"'
expect_status 0 "$BIN" graph --db "$DB" --max-nodes 10 -o "$TMP/g.graphml"
expect_in "$TMP/g.graphml" '<data key="weight">'
expect_status 0 "$BIN" graph --db "$DB" --format json --min-weight 2 --type LOC
expect_in "$TMP/out" '{"nodes":[{"id":'
expect_not_in "$TMP/out" '"type":"PER"'
expect_status 2 "$BIN" graph --db "$DB" --format dot
expect_status 2 "$BIN" graph --db "$DB" --type PERSON
expect_status 2 "$BIN" graph --db "$DB" --min-weight -1

# keywords in the store, header lines, conversion
expect_status 0 "$BIN" keywords --db "$DB" --limit 5
expect_in "$TMP/out" "weight articles"
expect_status 0 "$BIN" keywords --db "$DB" --json --article samples/000_3e5691df25d3c8b8.txt
expect_in "$TMP/out" '{"term":"American troops","score":'
expect_status 4 "$BIN" keywords --db "$DB" --article no-such-article
expect_status 2 "$BIN" keywords --db "$DB" --since 2024-02-30
printf '{"id":"h1","date":"2024-01-08","title":"Pentagon denies preparing to withdraw American troops from Iraq","text":"Body."}\n' |
    expect_status 0 "$BIN" header
expect_in "$TMP/out" "date 2024-01-08 #Pentagon #denies #preparing #withdraw #American #troops #Iraq"
expect_status 0 "$BIN" header --json samples/000_3e5691df25d3c8b8.txt
expect_in "$TMP/out" '"from":"keywords"'
printf 'No date and no title here.' | expect_status 3 "$BIN" header --format text
expect_in "$TMP/err" "no date"
mkdir "$TMP/native"
expect_status 0 "$BIN" convert --to native -o "$TMP/native" samples/wikinews/meantime_113219.txt
cmp -s "$TMP/native/meantime_113219.txt" samples/wikinews/meantime_113219.txt && ok ||
    bad "convert --to native does not give the sample back"
expect_status 0 "$BIN" convert -o "$TMP/conv.jsonl" samples/wikinews/meantime_113219.txt
expect_in "$TMP/conv.jsonl" '"tags":["Stock","markets","worldwide","fall","dramatically"]'
expect_status 0 "$BIN" analyze "$TMP/conv.jsonl"
expect_status 2 "$BIN" convert --to native samples
expect_status 2 "$BIN" convert --to yaml -o "$TMP/x" samples
expect_status 1 "$BIN" eval-quotes "$TMP/no-such-dir"
mkdir -p "$TMP/qgold"
printf '# split: test\ndirect\tthe\tX\tsaid\n' > "$TMP/qgold/headless.tsv"
printf '# text: samples/000_3e5691df25d3c8b8.txt\ndirect\tno such words here\t-\t-\n' > "$TMP/qgold/lost.tsv"
expect_status 1 "$BIN" eval-quotes "$TMP/qgold"
expect_in "$TMP/err" "headless.tsv: no '# text: PATH' line"
expect_in "$TMP/err" "lost.tsv:2: bad line or span not found"

# the tagger on CoNLL columns; models that are not there
printf -- '-DOCSTART- -X- O O\n\nAngela I-PER\nMerkel I-PER\nvisited O\nParis I-LOC\n. O\n' > "$TMP/gold.conll"
expect_status 0 "$BIN" tag --conll "$TMP/gold.conll"
expect_in "$TMP/out" "-DOCSTART- -X- O O O"
expect_in "$TMP/out" "Merkel I-PER I-PER"
expect_in "$TMP/out" "Paris I-LOC B-LOC"
printf 'Angela\nMerkel\n' | expect_status 0 "$BIN" tag --conll
expect_in "$TMP/out" "Angela B-PER"
expect_status 0 "$BIN" tag --conll --eval "$TMP/gold.conll"
expect_in "$TMP/out" "precision: 100.00%; recall: 100.00%; FB1: 100.00"
printf 'Angela\nMerkel\n' | expect_status 2 "$BIN" tag --conll --eval
expect_in "$TMP/err" "--eval needs a gold tag"
expect_status 2 "$BIN" tag "$TMP/gold.conll"
expect_status 1 "$BIN" tag --conll "$TMP/nope.conll"
expect_status 1 "$BIN" tag --conll --models "$TMP" "$TMP/gold.conll"
expect_in "$TMP/err" "ner.model"
expect_status 1 "$BIN" analyze --models "$TMP" "$TMP/in.txt"
expect_in "$TMP/err" "the model file is missing"
NEWSGRAPH_MODELS=$TMP expect_status 1 "$BIN" ingest --db "$TMP/m.db" "$TMP/in.txt"
expect_status 2 "$BIN" train-ner --train "$TMP/gold.conll"
expect_in "$TMP/err" "give --train, --dev and -o"
expect_status 1 "$BIN" train-ner --train "$TMP/in.txt" --dev "$TMP/gold.conll" -o "$TMP/x.model"
expect_in "$TMP/err" "have no tag in their last column"
# serve: options, a start on a free port and a clean stop on SIGTERM (the
# server itself is tested in tests/serve/, the page in tests/web/)
expect_status 0 "$BIN" serve --help
expect_in "$TMP/out" "usage: newsgraph serve"
expect_status 2 "$BIN" serve --no-such-option
expect_status 2 "$BIN" serve --db "$DB" --port 70000
expect_status 2 "$BIN" serve --db "$DB" --threads 0
expect_status 2 "$BIN" serve --db "$DB" --port 0 extra
expect_status 2 "$BIN" serve --db "$DB" --port 0 --bind example.org
expect_in "$TMP/err" "'example.org' is not an IPv4 or IPv6 address"
expect_status 1 "$BIN" serve --db "$TMP/missing.db" --port 0
expect_in "$TMP/err" "no store here"
"$BIN" serve --db "$DB" --port 0 --threads 1 >"$TMP/serve.out" 2>&1 &
server=$!
for _ in $(seq 1 50); do
    grep -qs 'http://127.0.0.1:' "$TMP/serve.out" && break
    sleep 0.1
done
expect_in "$TMP/serve.out" "newsgraph serve: $DB on http://127.0.0.1:"
kill -TERM "$server"
wait "$server"
code=$?
[ "$code" = 0 ] && ok || bad "serve exited with $code on SIGTERM"

# --skip: stages left out are absent, need no model, and a later ingest
# with every stage replaces what was stored without them
expect_status 0 "$BIN" analyze --skip entities,times,amounts,quotes,keywords "$TMP/in.txt"
expect_not_in "$TMP/out" '"entities"'
expect_not_in "$TMP/out" '"times"'
expect_not_in "$TMP/out" '"quotes"'
expect_status 0 "$BIN" analyze "$TMP/in.txt"
expect_in "$TMP/out" '"quotes":['
NEWSGRAPH_MODELS=$TMP expect_status 0 "$BIN" analyze --skip entities "$TMP/in.txt"
expect_in "$TMP/out" '"amounts":['
expect_status 2 "$BIN" ingest --skip everything --db "$TMP/skip.db" samples
expect_status 0 "$BIN" ingest --skip entities --db "$TMP/skip.db" samples
expect_in "$TMP/out" "(74 new, 0 updated, 0 unchanged)"
expect_status 0 "$BIN" ingest --skip entities --db "$TMP/skip.db" samples
expect_in "$TMP/out" "(0 new, 0 updated, 74 unchanged)"
expect_status 0 "$BIN" ingest --db "$TMP/skip.db" samples
expect_in "$TMP/out" "(0 new, 74 updated, 0 unchanged)"

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
