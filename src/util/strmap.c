/*
 * strmap.c -- a map from byte strings to 64-bit integers: open addressing
 * with linear probing, keys copied into the map's arena. Used where a
 * lookup would otherwise be a statement per item (the writer's entity
 * ids).
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct strmap_slot {
    uint64_t hash; /* 0: empty */
    const char *key;
    size_t len;
    int64_t value;
};

void strmap_init(strmap *m)
{
    memset(m, 0, sizeof *m);
    arena_init(&m->keys);
}

void strmap_clear(strmap *m)
{
    free(m->slots);
    arena_release(&m->keys);
    strmap_init(m);
}

static uint64_t key_hash(const char *key, size_t len)
{
    uint64_t h = hash_bytes(HASH_SEED, key, len);
    return h ? h : 1;
}

bool strmap_get(const strmap *m, const char *key, size_t len, int64_t *value)
{
    if (!m->cap)
        return false;
    uint64_t h = key_hash(key, len);
    for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        const strmap_slot *s = &m->slots[i];
        if (!s->hash)
            return false;
        if (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0) {
            *value = s->value;
            return true;
        }
    }
}

/* Doubles the table (at least 64 slots); false when out of memory. */
static bool grow(strmap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    strmap_slot *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return false;
    for (size_t i = 0; i < m->cap; i++) {
        strmap_slot *s = &m->slots[i];
        if (!s->hash)
            continue;
        size_t k = s->hash & (cap - 1);
        while (slots[k].hash)
            k = (k + 1) & (cap - 1);
        slots[k] = *s;
    }
    free(m->slots);
    m->slots = slots;
    m->cap = cap;
    return true;
}

bool strmap_put(strmap *m, const char *key, size_t len, int64_t value)
{
    if ((m->count + 1) * 2 > m->cap && !grow(m))
        return false;
    uint64_t h = key_hash(key, len);
    size_t i = h & (m->cap - 1);
    while (m->slots[i].hash) {
        strmap_slot *s = &m->slots[i];
        if (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0) {
            s->value = value;
            return true;
        }
        i = (i + 1) & (m->cap - 1);
    }
    char *copy = arena_strndup(&m->keys, key, len);
    if (!copy)
        return false;
    m->slots[i] = (strmap_slot){h, copy, len, value};
    m->count++;
    return true;
}
