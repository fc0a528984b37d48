/*
 * fuzz_conll.c -- libFuzzer target for the CoNLL reader: any byte string
 * parses (or fails cleanly), writes back with one more column, and scores
 * against itself when it has gold tags.
 * Seed corpus: fuzz/corpus/fuzz_conll/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ner/conll.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ng_conll *c = NULL;
    if (ng_conll_parse(&c, (const char *)data, size) != NG_OK)
        return 0;
    if (c->ntokens) /* no arrays without tokens */
        memcpy(c->pred, c->gold, c->ntokens);
    char *out = NULL;
    size_t len = 0;
    if (ng_conll_write(c, &out, &len) == NG_OK)
        free(out);
    ng_ner_score s;
    memset(&s, 0, sizeof s);
    if (ng_conll_score(c, &s) == NG_OK) {
        ng_ner_score_finish(&s);
        if (s.correct[NG_NER_TYPES] != s.gold[NG_NER_TYPES])
            abort(); /* a prediction equal to the gold must score 100 */
    }
    ng_conll_free(c);
    return 0;
}
