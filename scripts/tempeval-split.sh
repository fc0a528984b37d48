#!/bin/sh
# tempeval-split.sh -- splits the TempEval-3 training data (no official
# dev or test split exists in ../shared) into a tuning part and a fixed
# held-out part: of each corpus's .tml files in name order, every tenth
# (the 10th, 20th, ...) is held out. Rules are tuned by reading the errors
# of the tuning part only; the held-out part measures how well they carry.
#
# usage: scripts/tempeval-split.sh [TRAIN_DIR] [OUT_DIR]
#   TRAIN_DIR  default ../shared/data/tempeval3/train
#   OUT_DIR    default build/tempeval: OUT_DIR/tune/{TimeBank,AQUAINT} and
#              OUT_DIR/heldout/{TimeBank,AQUAINT}, symbolic links to the files
set -eu
train=${1:-../shared/data/tempeval3/train}
out=${2:-build/tempeval}
train=$(cd "$train" && pwd)
rm -rf "$out/tune" "$out/heldout"
for corpus in TimeBank AQUAINT; do
    mkdir -p "$out/tune/$corpus" "$out/heldout/$corpus"
    n=0
    for f in $(ls "$train/$corpus" | grep '\.tml$' | LC_ALL=C sort); do
        n=$((n + 1))
        if [ $((n % 10)) -eq 0 ]; then part=heldout; else part=tune; fi
        ln -s "$train/$corpus/$f" "$out/$part/$corpus/$f"
    done
done
echo "tune:    $(find "$out/tune" -name '*.tml' | wc -l) documents in $out/tune"
echo "heldout: $(find "$out/heldout" -name '*.tml' | wc -l) documents in $out/heldout"
