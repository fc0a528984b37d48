/*
 * util.h -- small building blocks shared by every stage: an arena for the
 * allocations of one analyzed article, a growable byte buffer with a cap, a
 * JSON writer, a 64-bit content hash and calendar checks.
 *
 * Prefixes: arena_, buf_, jw_, hash_, date_. Nothing here prints or exits.
 */
#ifndef NG_UTIL_H
#define NG_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "newsgraph.h"

/* ---- arena: many small allocations released at once ---------------- */

typedef struct arena_block arena_block;
typedef struct arena {
    arena_block *head;
    size_t used_total;
} arena;

void arena_init(arena *a);
/* Memory aligned for any type, or NULL when out of memory. */
void *arena_alloc(arena *a, size_t size);
/* A copy of s[0..len) with a NUL after it, or NULL. */
char *arena_strndup(arena *a, const char *s, size_t len);
/* Frees every block; the arena can be used again after. */
void arena_release(arena *a);

/* ---- buf: a growable byte buffer with a maximum size ----------------- */

typedef struct buf {
    char *data; /* malloc'ed, NUL-terminated when len > 0 or after buf_cstr */
    size_t len;
    size_t cap;
    size_t max;  /* growth beyond this fails (0 = SIZE_MAX / 2) */
    bool failed; /* sticky: an append failed (memory or max) */
} buf;

void buf_init(buf *b, size_t max);
bool buf_reserve(buf *b, size_t extra);
/* Empties the buffer (keeping its memory) and clears the failed flag. */
void buf_clear(buf *b);
bool buf_append(buf *b, const void *data, size_t len);
bool buf_putc(buf *b, char c);
bool buf_printf(buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The contents as a C string ("" when empty); valid until the next append. */
const char *buf_cstr(buf *b);
/* Hands the malloc'ed contents to the caller and empties the buffer. */
char *buf_detach(buf *b, size_t *len);
void buf_free(buf *b);

/* ---- jw: a JSON writer into a buf ------------------------------------- */

/* Writes s[0..len) as a JSON string with quotes; text must be valid UTF-8. */
void jw_string(buf *b, const char *s, size_t len);
/* jw_string of a C string, or null when s is NULL. */
void jw_cstr_or_null(buf *b, const char *s);
/* `"key":` (key is a literal with nothing to escape). */
void jw_key(buf *b, const char *key);
void jw_uint(buf *b, uint64_t v);
/* A number: integers without a fraction, others with 15 digits; null for
 * NaN and beyond ±1e300 (JSON has no infinities). */
void jw_number(buf *b, double v);

/* ---- strmap: byte strings to integers ------------------------------ */

typedef struct strmap_slot strmap_slot;
typedef struct strmap {
    strmap_slot *slots; /* a power of two of them, at most half full */
    size_t cap, count;
    arena keys; /* copies of the keys */
} strmap;

void strmap_init(strmap *m);
/* Frees everything; the map is empty and usable again. */
void strmap_clear(strmap *m);
bool strmap_get(const strmap *m, const char *key, size_t len, int64_t *value);
/* Adds or replaces; false when out of memory. */
bool strmap_put(strmap *m, const char *key, size_t len, int64_t value);

/* ---- malloc'ed strings ---------------------------------------------- */

/* Copies of s (NULL stays NULL) and of s[0..n), or NULL when out of
 * memory; the caller frees them. */
char *str_dup(const char *s);
char *str_ndup(const char *s, size_t n);

/* ---- hash ------------------------------------------------------------- */

/* 64-bit FNV-1a, chained through `seed` (use HASH_SEED to start). */
#define HASH_SEED 0xcbf29ce484222325ull
uint64_t hash_bytes(uint64_t seed, const void *data, size_t len);

/* ---- dates ------------------------------------------------------------ */

/* True when s[0..len) is YYYY-MM-DD naming a real day (years 0001-9999). */
bool date_valid(const char *s, size_t len);

/* ---- text helpers ----------------------------------------------------- */

/*
 * Length of the valid UTF-8 prefix of s[0..len): equals len when the whole
 * is valid (no overlong forms, surrogates or code points above U+10FFFF).
 */
size_t utf8_valid_prefix(const char *s, size_t len);

/* The longest length <= max of s[0..n) that ends on a character
 * boundary: for quoting a preview of input in a message. */
size_t utf8_cut(const char *s, size_t n, size_t max);

/* A malloc'ed copy of s with every invalid UTF-8 byte replaced by U+FFFD
 * (file names are bytes; ids and messages must be text). NULL when out of
 * memory. */
char *utf8_sanitize(const char *s);

#endif /* NG_UTIL_H */
