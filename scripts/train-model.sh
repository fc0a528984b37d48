#!/bin/sh
# train-model.sh -- `make model`: retrains models/ner.model from
# CoNLL-2003 train (dev for early stopping), the Turian et al. RCV1 Brown
# clusters and the gazetteer lists in models/lex. Deterministic: the same
# inputs and seed give the same file, byte for byte.
#   scripts/train-model.sh BUILD/newsgraph
# Environment: NEWSGRAPH_SHARED (default ../shared beside the repository).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-$ROOT/build/newsgraph}
SHARED=${NEWSGRAPH_SHARED:-$(dirname "$ROOT")/shared}
DATA=$SHARED/data
if [ ! -f "$DATA/conll2003/train.txt" ]; then
    echo "make model: $DATA/conll2003 not found (set NEWSGRAPH_SHARED)" >&2
    exit 1
fi
mkdir -p "$ROOT/build"
CLUSTERS=$ROOT/build/brown-turian-rcv1.txt
gzip -dc "$DATA/ner-resources/brown-clusters/brown-turian-rcv1.txt.gz" \
    > "$CLUSTERS"
start=$(date +%s)
"$BIN" train-ner --seed 1 --threads 2 \
    --train "$DATA/conll2003/train.txt" --dev "$DATA/conll2003/dev.txt" \
    --clusters "$CLUSTERS" --lexicons "$ROOT/models/lex" \
    -o "$ROOT/models/ner.model"
echo "make model: $(( $(date +%s) - start )) s; sha256 $(sha256sum "$ROOT/models/ner.model" | cut -c1-16)"
