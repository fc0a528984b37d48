/*
 * fuzz_model_load.c -- libFuzzer target for the tagger's model loader: any
 * byte string is either refused with NG_ERR_MODEL or loads into a model
 * that then tags a small document without reading out of bounds (every
 * table must keep an empty slot and every row index must exist).
 * Seed corpus: fuzz/corpus/fuzz_model_load/ (a model trained on a tiny
 * corpus, and damaged copies).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ner/ner.h"

static const char *const words[] = {
    "John",    "Smith", "visited",   "Berlin",   "for",
    "Siemens", ".",     "al-Nujaba", "BRUSSELS", "1996-08-22"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned char *copy = malloc(size ? size : 1);
    if (!copy)
        return 0;
    if (size)
        memcpy(copy, data, size);
    ner_model m;
    buf msg;
    buf_init(&msg, 4096);
    if (ner_model_from_memory(&m, copy, size, &msg) == NG_OK) {
        enum { N = sizeof words / sizeof *words };
        ner_token toks[N];
        uint32_t sent[2] = {0, N};
        for (size_t i = 0; i < N; i++)
            toks[i] = (ner_token){words[i], (uint32_t)strlen(words[i])};
        ner_doc doc = {toks, N, sent, 1};
        uint8_t labels[N];
        arena a;
        arena_init(&a);
        ner_tag_doc(&m, &doc, labels, &a);
        arena_release(&a);
    }
    ner_model_free(&m);
    buf_free(&msg);
    return 0;
}
