/*
 * table.c -- building hashed tables (ner_table_builder): open addressing
 * with linear probing, doubled when half full, full 64-bit keys kept
 * beside the slots so that two keys with one fingerprint stay apart while
 * building (the model file keeps only the fingerprints).
 */
#include <stdlib.h>
#include <string.h>

#include "ner.h"

bool ner_tb_init(ner_table_builder *b, unsigned bits)
{
    size_t n = (size_t)1 << bits;
    b->slots = calloc(n, sizeof *b->slots);
    b->keys = calloc(n, sizeof *b->keys);
    b->mask = (uint32_t)(n - 1);
    b->count = 0;
    if (!b->slots || !b->keys) {
        ner_tb_free(b);
        return false;
    }
    return true;
}

void ner_tb_free(ner_table_builder *b)
{
    free(b->slots);
    free(b->keys);
    memset(b, 0, sizeof *b);
}

/* The slot where key is or would go. Keys whose fingerprints clash with
 * another key are kept apart by the full key. */
static uint32_t probe(const ner_table_builder *b, uint64_t key)
{
    uint32_t fp = ner_fp(key), i = (uint32_t)key & b->mask;
    while (b->slots[i].fp && !(b->slots[i].fp == fp && b->keys[i] == key))
        i = (i + 1) & b->mask;
    return i;
}

static bool grow(ner_table_builder *b)
{
    ner_table_builder big;
    unsigned bits = 0;
    while (((uint32_t)1 << bits) <= b->mask)
        bits++;
    if (bits >= 30 || !ner_tb_init(&big, bits + 1))
        return false;
    for (uint32_t i = 0; i <= b->mask; i++) {
        if (!b->slots[i].fp)
            continue;
        uint32_t j = probe(&big, b->keys[i]);
        big.slots[j] = b->slots[i];
        big.keys[j] = b->keys[i];
    }
    big.count = b->count;
    ner_tb_free(b);
    *b = big;
    return true;
}

uint32_t *ner_tb_put(ner_table_builder *b, uint64_t key, uint32_t value_if_new,
                     bool *is_new)
{
    uint32_t i = probe(b, key);
    *is_new = false;
    if (b->slots[i].fp)
        return &b->slots[i].value;
    if ((b->count + 1) * 2 > b->mask + 1) {
        if (!grow(b))
            return NULL;
        i = probe(b, key);
    }
    b->slots[i].fp = ner_fp(key);
    b->slots[i].value = value_if_new;
    b->keys[i] = key;
    b->count++;
    *is_new = true;
    return &b->slots[i].value;
}

uint32_t *ner_tb_find(const ner_table_builder *b, uint64_t key)
{
    uint32_t i = probe(b, key);
    return b->slots[i].fp ? &b->slots[i].value : NULL;
}
