/*
 * entities.c -- the entities of one article: the segmenter's tokens go to
 * the tagger (glued words like "Ryderthe" split first, so a mention
 * covers "Ryder" only), its spans become mentions (byte offsets of the
 * normalized text) after corrections for news (correct.c; spans that end
 * in a currency sign dropped), and mentions are grouped into entities by
 * src/resolve (the same name, spelling variants, acronyms, short forms:
 * resolve.h); an entity's type is that of most of its mentions, its name its
 * fullest mention without titles.
 *
 * Exports: entities_find, ng_analysis_entity*, ng_entity_type_*.
 */
#include <string.h>
#include <strings.h>

#include "../resolve/resolve.h"
#include "analyze.h"

const char *ng_entity_type_name(ng_entity_type type)
{
    return (unsigned)type < NER_NTYPES ? ner_type_name((int)type) : "?";
}

int ng_entity_type_parse(const char *s)
{
    for (int t = 0; s && t < NER_NTYPES; t++)
        if (strcasecmp(s, ner_type_name(t)) == 0)
            return t;
    return -1;
}

size_t ng_analysis_entity_count(const ng_analysis *an)
{
    return an ? an->nentities : 0;
}

const ng_entity *ng_analysis_entity(const ng_analysis *an, size_t i)
{
    return an && i < an->nentities ? &an->entities[i] : NULL;
}

/* The tagger's view of the segmented text: word tokens split where glued,
 * sentences as the segmenter made them. */
static bool build_doc(const ng_analyzer *az, const ng_analysis *an,
                      ner_doc *doc, arena *a)
{
    const seg_doc *seg = &an->seg;
    const char *text = an->article.text;
    size_t cap = seg->ntokens * 2 + 1;
    doc->tokens = arena_alloc(a, cap * sizeof *doc->tokens);
    doc->sent_start = arena_alloc(a, (seg->nsentences + 1) * sizeof(uint32_t));
    if (!doc->tokens || !doc->sent_start)
        return false;
    size_t n = 0;
    for (size_t k = 0; k < seg->nsentences; k++) {
        const seg_sentence *s = &seg->sentences[k];
        doc->sent_start[k] = (uint32_t)n;
        for (uint32_t i = s->first_token; i < s->first_token + s->ntokens;
             i++) {
            const seg_token *t = &seg->tokens[i];
            const char *w = text + t->start;
            uint32_t len = t->end - t->start;
            bool word_follows =
                i + 1 < s->first_token + s->ntokens &&
                (t[1].kind == NG_TOKEN_WORD || t[1].kind == NG_TOKEN_NUMBER);
            size_t cut = t->kind == NG_TOKEN_WORD
                             ? ner_split_glued(&az->ner, w, len, word_follows)
                             : 0;
            if (cut) {
                doc->tokens[n++] = (ner_token){w, (uint32_t)cut};
                doc->tokens[n++] = (ner_token){w + cut, (uint32_t)(len - cut)};
            } else {
                doc->tokens[n++] = (ner_token){w, len};
            }
        }
    }
    doc->sent_start[seg->nsentences] = (uint32_t)n;
    doc->ntokens = n;
    doc->nsent = seg->nsentences;
    return true;
}

/* A span that ends in a currency sign is money, not a name: the tagger
 * takes "US$" (of "US$2.24 billion") for a name, the amounts stage has
 * it. The signs: $, £, ¥, €. */
static bool currency(const char *s, size_t len)
{
    const unsigned char *e = (const unsigned char *)s + len;
    if (len >= 1 && e[-1] == '$')
        return true;
    if (len >= 2 && e[-2] == 0xC2 && (e[-1] == 0xA3 || e[-1] == 0xA5))
        return true;
    return len >= 3 && e[-3] == 0xE2 && e[-2] == 0x82 && e[-1] == 0xAC;
}

typedef struct mention {
    ng_span span;
    int type;
    char *name; /* whitespace collapsed, in the arena */
} mention;

/* Marks that set the direction of the text around them (LRM, RLM, ALM,
 * embeddings, overrides, isolates): how to draw a name, not its
 * spelling. */
static bool is_direction_mark(uint32_t cp)
{
    return cp == 0x200E || cp == 0x200F || cp == 0x061C ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Zero-width (non-)joiners: part of a word's spelling inside it
 * (Persian), noise at its edges. */
static bool is_joiner(uint32_t cp)
{
    return cp == 0x200C || cp == 0x200D;
}

/* The mention's text with every run of spaces (zero-width and no-break
 * ones too) as one space, without direction marks or joiners at word
 * edges, so that scraped text names the same entity as clean text. */
static char *mention_name(const char *s, size_t len, arena *a)
{
    char *out = arena_alloc(a, len + 1);
    if (!out)
        return NULL;
    size_t n = 0, cl;
    for (size_t i = 0; i < len; i += cl) {
        uint32_t cp = uc_decode(s, i, len, &cl);
        if (is_direction_mark(cp))
            continue;
        if (uc_classify(cp) == UC_SPACE) {
            if (n > 0 && out[n - 1] != ' ')
                out[n++] = ' ';
            continue;
        }
        if (is_joiner(cp)) {
            size_t next_len;
            uint32_t next =
                i + cl < len ? uc_decode(s, i + cl, len, &next_len) : ' ';
            if (n == 0 || out[n - 1] == ' ' || uc_classify(next) == UC_SPACE ||
                is_joiner(next) || is_direction_mark(next))
                continue;
        }
        memcpy(out + n, s + i, cl);
        n += cl;
    }
    while (n > 0 && out[n - 1] == ' ')
        n--;
    out[n] = '\0';
    return out;
}

/* Words of a name, hyphens splitting too ("al-Nujaba" is two). */
static size_t name_words(const char *s)
{
    size_t words = 1;
    for (const char *p = s; *p; p++)
        words += *p == ' ' || *p == '-';
    return words;
}

/* What an entity's mentions say of its name and type. */
typedef struct tally {
    size_t types[NER_NTYPES];
    int first_type;
    const char *name;
    size_t words, count;
} tally;

/* Names and types, in one pass: an entity's type is that of most of its
 * mentions (ties: the earliest); its name its fullest mention (most
 * words), titles dropped ("Maj. Gen. Patrick Ryder" is "Patrick Ryder"),
 * among as full ones the most frequent spelling, then the first. */
static bool name_and_type(ng_entity *ents, size_t nent, const mention *m,
                          const uint32_t *ent, size_t nm, arena *scratch)
{
    tally *t = arena_alloc(scratch, (nent + 1) * sizeof *t);
    buf key;
    strmap counts;
    if (!t)
        return false;
    memset(t, 0, (nent + 1) * sizeof *t);
    buf_init(&key, 0);
    strmap_init(&counts);
    bool ok = true;
    for (size_t k = 0; k < nm && ok; k++) {
        tally *e = &t[ent[k]];
        if ((unsigned)m[k].type < NER_NTYPES) {
            if (!e->types[0] && !e->types[1] && !e->types[2] && !e->types[3])
                e->first_type = m[k].type;
            e->types[m[k].type]++;
        }
        const char *s = resolve_strip_titles(m[k].name, m[k].type);
        buf_clear(&key);
        buf_printf(&key, "%u %s", ent[k], s);
        int64_t c = 0;
        strmap_get(&counts, key.data, key.len, &c);
        ok = !key.failed && strmap_put(&counts, key.data, key.len, ++c);
        size_t words = name_words(s);
        if (!e->name || words > e->words ||
            (words == e->words && (size_t)c > e->count)) {
            e->name = s;
            e->words = words;
            e->count = (size_t)c;
        }
    }
    for (size_t i = 0; i < nent && ok; i++) {
        int best = t[i].first_type;
        for (int ty = 0; ty < NER_NTYPES; ty++)
            if (t[i].types[ty] > t[i].types[best])
                best = ty;
        ents[i].type = (ng_entity_type)best;
        ents[i].name = t[i].name ? t[i].name : "";
    }
    buf_free(&key);
    strmap_clear(&counts);
    return ok;
}

/* The alias table's name, type and aliases for the entities that are
 * in it. */
static void canonical_names(ng_entity *ents, size_t nent,
                            const int32_t *canonical, const resolve_aliases *al)
{
    for (size_t e = 0; e < nent; e++) {
        const resolve_alias_entry *x = resolve_alias_entry_at(al, canonical[e]);
        if (!x)
            continue;
        ents[e].name = x->name;
        ents[e].type = (ng_entity_type)x->type;
        ents[e].aliases = x->aliases;
        ents[e].naliases = x->naliases;
    }
}

/* Groups the mentions into entities (src/resolve) and lays them out:
 * entities in order of first mention, each with its mentions in order. */
static bool group(const ng_analyzer *az, ng_analysis *an, const mention *m,
                  size_t nm, arena *scratch)
{
    resolve_mention *rm = arena_alloc(scratch, (nm + 1) * sizeof *rm);
    uint32_t *ent = arena_alloc(scratch, (nm + 1) * sizeof *ent);
    int32_t *canonical = arena_alloc(scratch, (nm + 1) * sizeof *canonical);
    if (!rm || !ent || !canonical)
        return false;
    for (size_t k = 0; k < nm; k++)
        rm[k] = (resolve_mention){m[k].span, m[k].type, m[k].name};
    size_t nent = 0;
    if (!resolve_article(an->article.text, an->article.text_len, rm, nm,
                         &az->aliases, scratch, ent, &nent, canonical))
        return false;
    ng_entity *ents = arena_alloc(&an->mem, (nent + 1) * sizeof *ents);
    ng_span *spans = arena_alloc(&an->mem, (nm + 1) * sizeof *spans);
    if (!ents || !spans)
        return false;
    memset(ents, 0, (nent + 1) * sizeof *ents);
    for (size_t k = 0; k < nm; k++) /* count, then place */
        ents[ent[k]].nmentions++;
    size_t used = 0;
    for (size_t e = 0; e < nent; e++) {
        ents[e].mentions = spans + used;
        used += ents[e].nmentions;
        ents[e].nmentions = 0;
    }
    for (size_t k = 0; k < nm; k++) {
        ng_entity *e = &ents[ent[k]];
        spans[e->mentions - spans + e->nmentions++] = m[k].span;
    }
    if (!name_and_type(ents, nent, m, ent, nm, scratch))
        return false;
    canonical_names(ents, nent, canonical, &az->aliases);
    an->entities = ents;
    an->nentities = nent;
    return true;
}

bool entities_find(const ng_analyzer *az, ng_analysis *an)
{
    arena scratch;
    arena_init(&scratch);
    ner_doc doc;
    bool ok = build_doc(az, an, &doc, &scratch);
    uint8_t *labels = ok ? arena_alloc(&scratch, doc.ntokens + 1) : NULL;
    ner_span *spans =
        labels ? arena_alloc(&scratch, (doc.ntokens + 1) * sizeof *spans)
               : NULL;
    ok = spans && ner_tag_doc(&az->ner, &doc, labels, &scratch);
    if (ok)
        entities_correct(&az->ner, &doc, labels);
    size_t nspans = ok ? ner_spans_bilou(labels, doc.ntokens, spans) : 0;
    mention *m = ok ? arena_alloc(&scratch, (nspans + 1) * sizeof *m) : NULL;
    ok = ok && m;
    const char *text = an->article.text;
    size_t nm = 0;
    for (size_t k = 0; ok && k < nspans; k++) {
        const ner_token *a = &doc.tokens[spans[k].first];
        const ner_token *b = &doc.tokens[spans[k].last];
        uint32_t start = (uint32_t)(a->s - text);
        uint32_t end = (uint32_t)(b->s + b->len - text);
        if (currency(text + start, end - start))
            continue;
        m[nm] = (mention){.span = {start, end}, .type = spans[k].type};
        m[nm].name = mention_name(text + start, end - start, &an->mem);
        ok = m[nm++].name != NULL;
    }
    ok = ok && group(az, an, m, nm, &scratch);
    an->tagged = ok;
    arena_release(&scratch);
    return ok;
}
