/*
 * arena.c -- bump allocation in blocks for the data of one analyzed
 * article (tokens, spans, strings), freed all at once by arena_release.
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct arena_block {
    arena_block *next;
    size_t size;
    size_t used;
    max_align_t data[]; /* aligned for any type */
};

enum { ARENA_MIN_BLOCK = 64 * 1024 };

void arena_init(arena *a)
{
    a->head = NULL;
    a->used_total = 0;
}

static size_t align_up(size_t n)
{
    size_t al = _Alignof(max_align_t);
    return (n + al - 1) & ~(al - 1);
}

void *arena_alloc(arena *a, size_t size)
{
    if (size > SIZE_MAX / 4)
        return NULL;
    size = align_up(size ? size : 1);
    arena_block *b = a->head;
    if (!b || b->size - b->used < size) {
        size_t bsize = size > ARENA_MIN_BLOCK ? size : ARENA_MIN_BLOCK;
        /* Grow block sizes with the arena so big articles take few blocks. */
        if (a->used_total / 2 > bsize && a->used_total / 2 > size)
            bsize = align_up(a->used_total / 2);
        b = malloc(sizeof *b + bsize);
        if (!b)
            return NULL;
        b->size = bsize;
        b->used = 0;
        b->next = a->head;
        a->head = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    a->used_total += size;
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t len)
{
    char *p = arena_alloc(a, len + 1);
    if (!p)
        return NULL;
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

void arena_release(arena *a)
{
    arena_block *b = a->head;
    while (b) {
        arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->used_total = 0;
}
