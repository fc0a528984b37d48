/*
 * article.c -- entity resolution within one article (resolve.h): the
 * passes of a small sieve over the mentions, each joining groups with a
 * union-find, stricter passes first:
 *   0. aliases of one entity of the alias table (alias.c);
 *   1. the same folded name (titles dropped, case, hyphens folded);
 *   2. the same consonant skeleton word for word, one word equal;
 *   3. an acronym: in parentheses after a name, or the name's initials;
 *   4. a short form: a name that ends another one of the same type
 *      (a person's surname, "al-Sudani"), or a person's first name,
 *      when exactly one entity has that name.
 *
 * Exports: resolve_article, resolve_strip_titles, resolve_skeleton.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "resolve.h"

enum {
    MAX_WORDS = 8,    /* words of a name that take part in matching */
    SKELETON_MIN = 3, /* shorter words must be equal, not alike */
    KEY_MAX = 512
};

/* Titles before a name (AP style), with their period where they take
 * one; the tagger sometimes keeps them in the mention. */
static const char *const titles[] = {
    "Mr",         "Mr.",       "Mrs",     "Mrs.",      "Ms",      "Ms.",
    "Miss",       "Dr",        "Dr.",     "Prof.",     "Gen.",    "Maj.",
    "Lt.",        "Col.",      "Capt.",   "Sgt.",      "Adm.",    "Sen.",
    "Rep.",       "Gov.",      "Rev.",    "Sir",       "Dame",    "Lady",
    "Lord",       "Professor", "General", "President", "Senator", "Governor",
    "Ambassador", "Judge",     "Mayor",   "Minister",  "Sheikh",  "Pope",
    "King",       "Queen",     "Prince",  "Princess",  "St."};

static bool is_title(const char *w, size_t n)
{
    for (size_t i = 0; i < sizeof titles / sizeof *titles; i++)
        if (strlen(titles[i]) == n && strncmp(w, titles[i], n) == 0)
            return true;
    return false;
}

const char *resolve_strip_titles(const char *name, int type)
{
    const char *p = name;
    if (type != NG_ENTITY_PER)
        return name;
    for (;;) {
        size_t n = strcspn(p, " ");
        if (!p[n] || !is_title(p, n))
            return p; /* the last word is the name itself */
        p += n + 1;
    }
}

static char lower_ascii(char c)
{
    return (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
}

static bool vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

void resolve_skeleton(const char *w, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    char prev = 0; /* the previous letter of w, mapped */
    for (size_t i = 0; i < n && k + 1 < cap; i++) {
        char c = lower_ascii(w[i]);
        if (c == 'q' || c == 'c')
            c = 'k';
        if (c == 'p' && i + 1 < n && lower_ascii(w[i + 1]) == 'h') {
            c = 'f';
            i++;
        }
        char orig = c;
        if (i == 0 && vowel(c))
            c = 'a'; /* Usama, Osama */
        else if (vowel(c) || c == '\'' || c == '-' || c == prev ||
                 (c == 'h' && prev && !vowel(prev)))
            c = 0; /* vowels, doubled letters, the h of kh, sh, th */
        prev = orig;
        if (c)
            out[k++] = c;
    }
    out[k] = '\0';
}

/* A mention's name prepared for matching. */
typedef struct name {
    char *key; /* folded words joined by single spaces, in the arena */
    const char *word[MAX_WORDS];
    size_t len[MAX_WORDS];
    size_t nwords;
    int type;
    bool acronym;      /* "ISIS", "U.S." */
    char letters[16];  /* the acronym's letters, upper case */
    char initials[16]; /* of the capitalized words of a longer name */
} name;

static bool small_word(const char *w, size_t n)
{
    static const char *const words[] = {"of", "the", "and", "for", "de",
                                        "la", "du",  "al",  "el",  "in",
                                        "on", "&",   "des", "der", "van"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strlen(words[i]) == n && strncasecmp(w, words[i], n) == 0)
            return true;
    return false;
}

/* "ISIS", "UN", "U.S.": 2 to 6 capitals, with or without periods. */
static bool acronym(const char *s, char *letters, size_t cap)
{
    size_t k = 0, n = strlen(s);
    if (n < 2 || n > 12 || strchr(s, ' '))
        return false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '.')
            continue;
        if (!(s[i] >= 'A' && s[i] <= 'Z') || k + 1 >= cap)
            return false;
        letters[k++] = s[i];
    }
    letters[k] = '\0';
    return k >= 2 && k <= 6;
}

/* Folds the title-stripped name: lower case, hyphens as spaces. False
 * when out of memory. */
static bool prepare(const resolve_mention *m, name *nm, arena *a)
{
    memset(nm, 0, sizeof *nm);
    nm->type = m->type;
    const char *s = resolve_strip_titles(m->name, m->type);
    size_t cap = strlen(s) + 1;
    if (cap > KEY_MAX)
        cap = KEY_MAX;
    if (!(nm->key = arena_alloc(a, cap)))
        return false;
    nm->acronym = acronym(s, nm->letters, sizeof nm->letters);
    size_t k = 0, ninit = 0;
    bool start = true;
    for (size_t i = 0; s[i] && k + 1 < cap; i++) {
        char c = s[i] == '-' ? ' ' : lower_ascii(s[i]);
        if (c == ' ' && (k == 0 || nm->key[k - 1] == ' '))
            continue;
        if (c != ' ' && start && nm->nwords < MAX_WORDS) {
            nm->word[nm->nwords] = nm->key + k;
            size_t wl = strcspn(s + i, " -");
            nm->len[nm->nwords++] = wl;
            if (s[i] >= 'A' && s[i] <= 'Z' && !small_word(s + i, wl) &&
                ninit + 1 < sizeof nm->initials)
                nm->initials[ninit++] = s[i];
        }
        start = c == ' ';
        nm->key[k++] = c;
    }
    while (k > 0 && nm->key[k - 1] == ' ')
        k--;
    nm->key[k] = '\0';
    for (size_t i = 0; i < nm->nwords; i++) /* a word cut by the cap */
        if (nm->word[i] + nm->len[i] > nm->key + k)
            nm->len[i] = (size_t)(nm->key + k - nm->word[i]);
    return true;
}

/* ---- union-find ---------------------------------------------------- */

static uint32_t find(uint32_t *parent, uint32_t x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

/* Joins the groups of a and b; the earlier mention is the root. */
static void join(uint32_t *parent, uint32_t a, uint32_t b)
{
    a = find(parent, a);
    b = find(parent, b);
    if (a < b)
        parent[b] = a;
    else if (b < a)
        parent[a] = b;
}

/* ---- the passes ---------------------------------------------------- */

/* 1. The same folded name: one word of the same type, or two words or
 * more of any type (the tagger's type varies on one name). */
static bool pass_same(const name *nm, size_t n, uint32_t *parent)
{
    strmap seen;
    strmap_init(&seen);
    bool ok = true;
    char key[KEY_MAX + 8];
    for (size_t k = 0; k < n && ok; k++) {
        if (!nm[k].nwords)
            continue;
        int len = nm[k].nwords > 1 ? snprintf(key, sizeof key, "*%s", nm[k].key)
                                   : snprintf(key, sizeof key, "%d%s",
                                              nm[k].type, nm[k].key);
        int64_t first;
        if (strmap_get(&seen, key, (size_t)len, &first))
            join(parent, (uint32_t)first, (uint32_t)k);
        else
            ok = strmap_put(&seen, key, (size_t)len, (int64_t)k);
    }
    strmap_clear(&seen);
    return ok;
}

/* Word i of a and b are alike: equal, or long with one skeleton. */
static bool alike(const name *a, const name *b, size_t i, bool *equal)
{
    if (a->len[i] == b->len[i] &&
        memcmp(a->word[i], b->word[i], a->len[i]) == 0) {
        *equal = true;
        return true;
    }
    if (a->len[i] < 4 || b->len[i] < 4)
        return false;
    char sa[64], sb[64];
    resolve_skeleton(a->word[i], a->len[i], sa, sizeof sa);
    resolve_skeleton(b->word[i], b->len[i], sb, sizeof sb);
    return strlen(sa) >= SKELETON_MIN && strcmp(sa, sb) == 0;
}

static bool same_kind(int a, int b)
{
    return a == b || (a == NG_ENTITY_PER && b == NG_ENTITY_ORG) ||
           (a == NG_ENTITY_ORG && b == NG_ENTITY_PER);
}

/* 2. Spelling variants: as many words, all alike, one at least equal. */
static bool pass_variants(const name *nm, size_t n, uint32_t *parent)
{
    strmap seen;
    strmap_init(&seen);
    bool ok = true;
    for (size_t k = 0; k < n && ok; k++) {
        if (nm[k].nwords < 2)
            continue;
        char key[KEY_MAX + 8];
        size_t len = 0;
        for (size_t i = 0; i < nm[k].nwords && len + 80 < sizeof key; i++) {
            char sk[64];
            resolve_skeleton(nm[k].word[i], nm[k].len[i], sk, sizeof sk);
            len += (size_t)snprintf(key + len, sizeof key - len, "%s ", sk);
        }
        int64_t first;
        if (!strmap_get(&seen, key, len, &first)) {
            ok = strmap_put(&seen, key, len, (int64_t)k);
            continue;
        }
        const name *a = &nm[first], *b = &nm[k];
        bool all = a->nwords == b->nwords && same_kind(a->type, b->type),
             equal = false;
        for (size_t i = 0; all && i < a->nwords; i++)
            all = alike(a, b, i, &equal);
        if (all && equal)
            join(parent, (uint32_t)first, (uint32_t)k);
    }
    strmap_clear(&seen);
    return ok;
}

/* The mention that ends right before text[pos] with only spaces and
 * one "(" between: "Islamic State (ISIS)". */
static bool parenthesized_after(const char *text, const resolve_mention *m,
                                size_t k)
{
    if (k == 0)
        return false;
    size_t p = m[k].span.start;
    while (p > 0 && text[p - 1] == ' ')
        p--;
    if (p == 0 || text[p - 1] != '(')
        return false;
    p--;
    while (p > 0 && text[p - 1] == ' ')
        p--;
    return m[k - 1].span.end == p;
}

/* 3. Acronyms: in parentheses after their name, or equal to the
 * initials of a longer name (the first such name). */
static bool pass_acronyms(const char *text, const resolve_mention *m,
                          const name *nm, size_t n, const int32_t *entry,
                          uint32_t *parent)
{
    strmap initials;
    strmap_init(&initials);
    bool ok = true;
    int64_t had;
    for (size_t k = 0; k < n && ok; k++)
        if (nm[k].nwords >= 2 && strlen(nm[k].initials) >= 2 &&
            !strmap_get(&initials, nm[k].initials, strlen(nm[k].initials),
                        &had))
            ok = strmap_put(&initials, nm[k].initials, strlen(nm[k].initials),
                            (int64_t)k);
    for (size_t k = 0; k < n && ok; k++) {
        if (!nm[k].acronym)
            continue;
        if (parenthesized_after(text, m, k) && nm[k - 1].nwords >= 2) {
            join(parent, (uint32_t)(k - 1), (uint32_t)k);
            continue;
        }
        /* An acronym the alias table knows ("US") means that, whatever
         * the article's initials ("University of Sheffield"). */
        int64_t full;
        if (entry[k] < 0 &&
            strmap_get(&initials, nm[k].letters, strlen(nm[k].letters), &full))
            join(parent, (uint32_t)full, (uint32_t)k);
    }
    strmap_clear(&initials);
    return ok;
}

/* The skeleton key of words [from, to) of a name, with a prefix. */
static size_t words_key(const name *nm, size_t from, size_t to, char prefix,
                        char *key, size_t cap)
{
    size_t len = (size_t)snprintf(key, cap, "%c%d|", prefix, nm->type);
    for (size_t i = from; i < to && len + 70 < cap; i++) {
        char sk[64];
        if (nm->len[i] < SKELETON_MIN) { /* short words must be equal */
            len += (size_t)snprintf(key + len, cap - len, "=%.*s ",
                                    (int)nm->len[i], nm->word[i]);
            continue;
        }
        resolve_skeleton(nm->word[i], nm->len[i], sk, sizeof sk);
        len += (size_t)snprintf(key + len, cap - len, "%s ", sk);
    }
    return len;
}

/* Records that the group `root` has a name ending (S) or, for a person,
 * beginning (F) with the key's words; -1 once two groups have it. */
static bool note_part(strmap *parts, const char *key, size_t len, uint32_t root)
{
    int64_t old;
    if (!strmap_get(parts, key, len, &old))
        return strmap_put(parts, key, len, (int64_t)root);
    if (old >= 0 && (uint32_t)old != root)
        return strmap_put(parts, key, len, -1); /* two people share it */
    return true;
}

/* 4. Short forms: a name that is the end of longer names of its type
 * (a person's surname, "al-Sudani"), or a person's first name, joins
 * their group when exactly one group has such a name. The joins are
 * made after every lookup, so that one does not feed another. */
static bool pass_short_forms(const name *nm, size_t n, uint32_t *parent)
{
    strmap parts;
    strmap_init(&parts);
    char key[KEY_MAX + 80];
    bool ok = true;
    for (size_t k = 0; k < n && ok; k++) {
        uint32_t root = find(parent, (uint32_t)k);
        for (size_t from = 1; ok && from < nm[k].nwords; from++) {
            size_t len =
                words_key(&nm[k], from, nm[k].nwords, 'S', key, sizeof key);
            ok = note_part(&parts, key, len, root);
        }
        if (ok && nm[k].type == NG_ENTITY_PER && nm[k].nwords >= 2) {
            size_t len = words_key(&nm[k], 0, 1, 'F', key, sizeof key);
            ok = note_part(&parts, key, len, root);
        }
    }
    uint32_t *owner = parent + n; /* scratch */
    for (size_t k = 0; k < n && ok; k++) {
        owner[k] = (uint32_t)k;
        bool person = nm[k].type == NG_ENTITY_PER;
        if (!nm[k].nwords || nm[k].acronym || (!person && nm[k].nwords < 2))
            continue; /* "Guard" is no "Revolutionary Guard" */
        int64_t o = -1;
        size_t len = words_key(&nm[k], 0, nm[k].nwords, 'S', key, sizeof key);
        if (!strmap_get(&parts, key, len, &o) && person && nm[k].nwords == 1) {
            len = words_key(&nm[k], 0, 1, 'F', key, sizeof key);
            if (!strmap_get(&parts, key, len, &o))
                o = -1;
        }
        if (o >= 0 && (uint32_t)o != find(parent, (uint32_t)k))
            owner[k] = (uint32_t)o;
    }
    for (size_t k = 0; k < n && ok; k++)
        if (owner[k] != k)
            join(parent, owner[k], (uint32_t)k);
    strmap_clear(&parts);
    return ok;
}

/* 0. Aliases of one entry of the alias table: "US", "American". */
static bool pass_aliases(const resolve_mention *m, size_t n,
                         const resolve_aliases *al, int32_t *entry,
                         uint32_t *parent, arena *a)
{
    int64_t *first = al && al->n ? arena_alloc(a, al->n * sizeof *first) : NULL;
    if (al && al->n && !first)
        return false;
    for (size_t i = 0; first && i < al->n; i++)
        first[i] = -1;
    for (size_t k = 0; k < n; k++) {
        entry[k] = al ? resolve_alias_find(
                            al, resolve_strip_titles(m[k].name, m[k].type))
                      : -1;
        if (entry[k] < 0)
            continue;
        if (first[entry[k]] < 0)
            first[entry[k]] = (int64_t)k;
        else
            join(parent, (uint32_t)first[entry[k]], (uint32_t)k);
    }
    return true;
}

bool resolve_article(const char *text, size_t len, const resolve_mention *m,
                     size_t n, const resolve_aliases *al, arena *a,
                     uint32_t *entity, size_t *nentities, int32_t *canonical)
{
    (void)len;
    *nentities = 0;
    if (n == 0)
        return true;
    name *nm = arena_alloc(a, n * sizeof *nm);
    uint32_t *parent = arena_alloc(a, 2 * n * sizeof *parent);
    int32_t *entry = arena_alloc(a, n * sizeof *entry);
    if (!nm || !parent || !entry)
        return false;
    for (size_t k = 0; k < n; k++) {
        if (!prepare(&m[k], &nm[k], a))
            return false;
        parent[k] = (uint32_t)k;
    }
    if (!pass_aliases(m, n, al, entry, parent, a) ||
        !pass_same(nm, n, parent) || !pass_variants(nm, n, parent) ||
        !pass_acronyms(text, m, nm, n, entry, parent) ||
        !pass_short_forms(nm, n, parent))
        return false;
    /* Number the groups in order of first mention. */
    uint32_t *number = parent + n;
    for (size_t k = 0; k < n; k++)
        number[k] = UINT32_MAX;
    for (size_t k = 0; k < n; k++) {
        uint32_t r = find(parent, (uint32_t)k);
        if (number[r] == UINT32_MAX) {
            canonical[*nentities] = -1;
            number[r] = (uint32_t)(*nentities)++;
        }
        entity[k] = number[r];
        if (canonical[entity[k]] < 0)
            canonical[entity[k]] = entry[k]; /* the first entry found */
    }
    return true;
}
