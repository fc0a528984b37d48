/*
 * speaker.c -- who speaks: the words around a reporting verb that name
 * the speaker, and what they refer to.
 *
 *  - a mention of a person (else an organization or a country) in the
 *    subject before the verb, the nearest to it first ("Pentagon
 *    spokesman John Kirby said" is Kirby), or after an inverted verb
 *    ("said Ambassador Mohib");
 *  - "he" / "she": the most recent person mentioned before it outside
 *    quotes (in this or the two previous paragraphs) whose gender, when
 *    a title or role word gives one, agrees; when the verb takes no
 *    hearer and a name follows it ("he announced on Monday Patrick
 *    Ryder"), that name (machine-translated word order);
 *  - "the major general", "the spokesman": the one person the article
 *    gives that role by a title ("Maj. Gen. Patrick Ryder") or an
 *    apposition ("Patrick Ryder, the major general"); an indefinite
 *    description ("a spokesperson for the ministry") or a role held by
 *    two people stays unresolved; "the ministry", "the church": the one
 *    organization whose name has that head ("Economy Ministry", "Church
 *    of Scientology");
 *  - "they", "it", "I", "we" and anything else: no entity, only the
 *    words as the source.
 *
 * Exports: quote_speaker_at, quote_speaker_in, quote_subject_start,
 * quote_roles_find, quote_skip_adjuncts, quote_parenthetical_name.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "quote.h"

enum {
    MAX_NP = 14,       /* tokens of a speaker's words */
    LOOK_BACK = 3000,  /* tokens a pronoun looks back at most */
    PRONOUN_PARAS = 2, /* paragraphs back a pronoun looks for its person */
    ROLE_WINDOW = 6    /* tokens between a name and its role word */
};

static bool is_punct(const quote_ctx *c, size_t i)
{
    uint8_t k = c->doc->tokens[i].kind;
    return k == NG_TOKEN_PUNCT || k == NG_TOKEN_QUOTE || k == NG_TOKEN_SYMBOL;
}

static bool is_upper(const quote_ctx *c, size_t i)
{
    return (c->doc->tokens[i].flags & SEG_UPPER) != 0;
}

/* Words that end a subject going backwards from its verb. */
static bool np_stop(const quote_ctx *c, size_t i)
{
    static const char *const stops[] = {
        "that",  "which",   "but",   "and",  "because", "when",     "while",
        "after", "before",  "as",    "if",   "so",      "although", "though",
        "where", "whom",    "whose", "than", "said",    "says",     "told",
        "added", "whether", "or",    "also", "who"};
    size_t n;
    const char *w = quote_tok(c, i, &n);
    for (size_t k = 0; k < sizeof stops / sizeof *stops; k++)
        if (strlen(stops[k]) == n && strncmp(w, stops[k], n) == 0)
            return true; /* lower case: "WHO say" is no "who" */
    /* A sentence's first word: "But he said", "And they told". */
    static const char *const openers[] = {"But", "And",  "So",   "Yet",
                                          "Or",  "Also", "Then", "Still"};
    for (size_t k = 0; k < sizeof openers / sizeof *openers; k++)
        if (strlen(openers[k]) == n && strncmp(w, openers[k], n) == 0)
            return true;
    /* "the authors say the results ...", but not "the report says". */
    const quote_verb *v = quote_verb_lookup(w, n);
    return v && !(v->flags & QV_NOUN) &&
           !(i > 0 &&
             (quote_tok_is(c, i - 1, "the") || quote_tok_is(c, i - 1, "a")));
}

size_t quote_skip_adjuncts(const quote_ctx *c, size_t i, size_t end)
{
    static const char *const days[] = {
        "Monday",   "Tuesday", "Wednesday", "Thursday", "Friday",
        "Saturday", "Sunday",  "yesterday", "today",    "tonight",
        "earlier",  "later",   "recently",  "Sunday"};
    static const char *const heads[] = {
        "statement", "interview",  "conference", "speech",      "letter",
        "report",    "briefing",   "Twitter",    "post",        "message",
        "release",   "broadcast",  "reporters",  "journalists", "media",
        "press",     "television", "radio",      "meeting",     "address",
        "session",   "hearing",    "email",      "e-mail",      "week",
        "month",     "year",       "night",      "morning",     "afternoon",
        "evening",   "weekend"};
    for (int round = 0; round < 4 && i < end; round++) {
        size_t n;
        const char *w = quote_tok(c, i, &n);
        if (n == 1 && w[0] == ',') {
            i++;
            continue;
        }
        bool skipped = false;
        for (size_t k = 0; k < sizeof days / sizeof *days && !skipped; k++)
            if (strlen(days[k]) == n && strncasecmp(w, days[k], n) == 0) {
                i++;
                skipped = true;
            }
        if (skipped)
            continue;
        /* A preposition or "last" and a phrase ending in a known head
         * within five tokens: "on Monday", "in a statement", "last week". */
        static const char *const preps[] = {"on",   "in", "at",  "during",
                                            "last", "to", "via", "this"};
        bool prep = false;
        for (size_t k = 0; k < sizeof preps / sizeof *preps; k++)
            prep |= strlen(preps[k]) == n && strncasecmp(w, preps[k], n) == 0;
        if (!prep)
            break;
        /* "stated to LA Weekly", "told to the BBC": a name after it. */
        if (i + 1 < end && c->ent[i + 1] >= 0 && !quote_tok_is(c, i, "this")) {
            size_t j = i + 1;
            while (j < end && c->ent[j] == c->ent[i + 1])
                j++;
            i = j;
            continue;
        }
        size_t j = i + 1, found = 0;
        for (; j < end && j <= i + 5 && !found; j++) {
            size_t m;
            const char *h = quote_tok(c, j, &m);
            if (is_punct(c, j))
                break;
            for (size_t k = 0; k < sizeof heads / sizeof *heads; k++)
                if (strlen(heads[k]) == m && strncasecmp(h, heads[k], m) == 0)
                    found = j + 1;
            for (size_t k = 0; k < sizeof days / sizeof *days; k++)
                if (strlen(days[k]) == m && strncmp(h, days[k], m) == 0)
                    found = j + 1;
        }
        if (!found)
            break;
        i = found;
    }
    return i;
}

static bool tok_is_exact(const quote_ctx *c, size_t i, const char *w)
{
    size_t n;
    const char *s = quote_tok(c, i, &n);
    return strlen(w) == n && strncmp(s, w, n) == 0;
}

size_t quote_subject_start(const quote_ctx *c, size_t end, size_t lo)
{
    size_t start = end;
    while (start > lo && end - start < MAX_NP) {
        size_t t = start - 1;
        /* "The World Health Organisation (WHO) recommends": over the
         * parenthesized short form. */
        if (tok_is_exact(c, t, ")") && t > lo + 2 &&
            tok_is_exact(c, t - 2, "(") && c->ent[t - 1] >= 0) {
            start = t - 2;
            continue;
        }
        if (is_punct(c, t) && c->ent[t] < 0)
            break;
        if (np_stop(c, t))
            break;
        start = t;
    }
    return start;
}

/* The span of the mention of entity e that covers token i. */
static ng_span mention_at(const quote_ctx *c, int32_t e, size_t i)
{
    const ng_entity *ent = &c->ents[e];
    uint32_t s = c->doc->tokens[i].start, t = c->doc->tokens[i].end;
    for (size_t k = 0; k < ent->nmentions; k++)
        if (ent->mentions[k].start < t && ent->mentions[k].end > s)
            return ent->mentions[k];
    return (ng_span){s, t};
}

static bool person_for(const quote_ctx *c, size_t k, int gender)
{
    int32_t e = c->ent[k];
    return e >= 0 && !(c->flags[k] & QT_IN_QUOTE) &&
           c->ents[e].type == NG_ENTITY_PER &&
           (!c->gender[e] || c->gender[e] == gender);
}

/* The person "he" or "she" at token i refers to: in the nearest sentence
 * (this one before the pronoun, or one of the sentences before it in
 * this or the two previous paragraphs) that mentions a person outside
 * quotes whose known gender agrees, the first such person: the subject
 * is the most salient (Grosz, Joshi and Weinstein, "Centering", 1995).
 * -1 when none. */
static int32_t resolve_pronoun(const quote_ctx *c, size_t i, int gender)
{
    uint32_t para = c->para[c->sent[i]];
    uint32_t first_para = para > PRONOUN_PARAS ? para - PRONOUN_PARAS : 0;
    for (size_t k = i; k-- > 0 && i - k < LOOK_BACK;) {
        if (c->para[c->sent[k]] < first_para)
            break;
        if (!person_for(c, k, gender))
            continue;
        /* The first person of the sentence of k (before i). */
        const seg_sentence *s = &c->doc->sentences[c->sent[k]];
        for (size_t j = s->first_token; j <= k; j++)
            if (person_for(c, j, gender))
                return c->ent[j];
    }
    return -1;
}

/* "it" at token i: the most recent organization mentioned outside
 * quotes in this or the previous paragraph; -1 when none. */
static int32_t resolve_it(const quote_ctx *c, size_t i)
{
    uint32_t para = c->para[c->sent[i]];
    for (size_t k = i; k-- > 0 && i - k < LOOK_BACK;) {
        if (c->para[c->sent[k]] + 1 < para)
            break;
        int32_t e = c->ent[k];
        if (e >= 0 && !(c->flags[k] & QT_IN_QUOTE) &&
            c->ents[e].type == NG_ENTITY_ORG)
            return e;
    }
    return -1;
}

/* The role word of a description [first, end) and whether it is
 * definite ("the", a possessive, a name before it); NULL when none. */
static const quote_role *description_role(const quote_ctx *c, size_t first,
                                          size_t end, bool *definite)
{
    const quote_role *role = NULL;
    for (size_t i = first; i < end; i++) {
        size_t n;
        const char *w = quote_tok(c, i, &n);
        const quote_role *r = quote_role_lookup(w, n);
        if (r && r->role < QUOTE_ROLES)
            role = r;
        if (quote_tok_is(c, i, "of") || quote_tok_is(c, i, "for"))
            break; /* "the general of the army": the head is before */
    }
    *definite = !(quote_tok_is(c, first, "a") || quote_tok_is(c, first, "an"));
    return role;
}

/* "A new study of school children in Australia revealed", "The study
 * published in the Medical Journal of Australia revealed": a place or
 * organization after a preposition in a subject whose head is a common
 * noun before it modifies that noun and does not speak. The mention
 * starts at token m0; the subject at `first`. */
static bool in_phrase(const quote_ctx *c, size_t first, size_t m0)
{
    static const char *const preps[] = {"in",   "of",    "at",   "from", "on",
                                        "with", "about", "into", "among"};
    size_t k = m0;
    while (k > first &&
           (quote_tok_is(c, k - 1, "the") || quote_tok_is(c, k - 1, "a")))
        k--;
    bool prep = false;
    for (size_t i = 0; k > first && i < sizeof preps / sizeof *preps; i++)
        prep |= quote_tok_is(c, k - 1, preps[i]);
    if (!prep)
        return false;
    /* The head before the preposition: a lower-case word that is no
     * role ("spokesman of the ministry" names its speaker). */
    size_t h = k - 1;
    if (h == first || !(c->doc->tokens[h - 1].flags & SEG_LOWER))
        return false;
    size_t n;
    const char *w = quote_tok(c, h - 1, &n);
    return !quote_role_lookup(w, n);
}

/* The hash of w[0..n) in lower case. */
static uint64_t lower_hash(const char *w, size_t n)
{
    char low[64];
    if (n > sizeof low)
        n = sizeof low;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] + 32 : w[i]);
    return hash_bytes(0, low, n);
}

/* The head word of an organization's name: the word before "of"
 * ("Church of Scientology"), else the last ("Refugee Council"); *n its
 * length, 0 when the name is that word alone (no name to resolve to). */
static const char *head_word(const char *name, size_t *n)
{
    const char *of = strstr(name, " of ");
    const char *end = of ? of : name + strlen(name);
    const char *start = end;
    while (start > name && start[-1] != ' ')
        start--;
    *n = start == name && !of ? 0 : (size_t)(end - start);
    return start;
}

static int by_hash(const void *pa, const void *pb)
{
    const quote_head *a = pa, *b = pb;
    return a->hash < b->hash ? -1 : a->hash > b->hash;
}

/* The organizations by head word, sorted; a word two of them share
 * names neither. */
static void heads_build(quote_ctx *c)
{
    c->nheads = 0;
    c->heads = arena_alloc(c->a, (c->nents + 1) * sizeof *c->heads);
    if (!c->heads) {
        c->nomem = true;
        return;
    }
    for (size_t e = 0; e < c->nents; e++) {
        size_t n;
        const char *w = head_word(c->ents[e].name, &n);
        if (c->ents[e].type == NG_ENTITY_ORG && n)
            c->heads[c->nheads++] = (quote_head){lower_hash(w, n), (int32_t)e};
    }
    if (c->nheads > 1)
        qsort(c->heads, c->nheads, sizeof *c->heads, by_hash);
    for (size_t i = 1; i < c->nheads; i++)
        if (c->heads[i].hash == c->heads[i - 1].hash)
            c->heads[i].entity = c->heads[i - 1].entity = -2;
}

/* "The Church also claims": the one organization of the article whose
 * name has the noun at token i as its head (the Church of Scientology);
 * -1 when none or several. */
static int32_t head_noun_org(const quote_ctx *c, size_t i)
{
    size_t n;
    const char *w = quote_tok(c, i, &n);
    uint64_t h = lower_hash(w, n);
    size_t lo = 0, hi = c->nheads;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->heads[mid].hash < h)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < c->nheads && c->heads[lo].hash == h && c->heads[lo].entity >= 0
               ? c->heads[lo].entity
               : -1;
}

quote_speaker quote_speaker_in(const quote_ctx *c, size_t first, size_t end,
                               bool backwards)
{
    quote_speaker sp = {-1, {0, 0}};
    if (first >= end)
        return sp;
    /* A mention: a person first; then a description the article
     * resolves ("The American major general": the adjective is no
     * speaker); then an organization or a country. */
    static const ng_entity_type order[] = {NG_ENTITY_PER, NG_ENTITY_ORG,
                                           NG_ENTITY_LOC};
    for (size_t o = 0; o < 3; o++) {
        bool definite;
        const quote_role *r =
            o == 1 ? description_role(c, first, end, &definite) : NULL;
        if (r && definite && c->role_ent[r->role] >= 0) {
            sp.entity = c->role_ent[r->role];
            sp.source = quote_tokens_span(c, first, end - 1);
            return sp;
        }
        for (size_t k = 0; k < end - first; k++) {
            size_t i = backwards ? end - 1 - k : first + k;
            int32_t e = c->ent[i];
            /* "a letter seen by Sky News says": an agent, not the one
             * speaking. */
            size_t m0 = i;
            while (m0 > first && c->ent[m0 - 1] == e)
                m0--;
            if (e >= 0 && m0 > 0 && quote_tok_is(c, m0 - 1, "by"))
                continue;
            if (e >= 0 && o > 0 && backwards && in_phrase(c, first, m0))
                continue;
            if (e >= 0 && c->ents[e].type == order[o]) {
                sp.entity = e;
                sp.source = mention_at(c, e, i);
                return sp;
            }
        }
    }
    sp.source = quote_tokens_span(c, first, end - 1);
    size_t n;
    const char *w = quote_tok(c, first, &n);
    int pron = end - first == 1 ? quote_pronoun(w, n) : 0;
    if (pron == QUOTE_MALE || pron == QUOTE_FEMALE) {
        sp.entity = resolve_pronoun(c, first, pron);
        return sp;
    }
    if (pron == 3 && quote_tok_is(c, first, "it")) {
        sp.entity = resolve_it(c, first);
        return sp;
    }
    bool definite;
    const quote_role *r = description_role(c, first, end, &definite);
    if (r && definite && c->role_ent[r->role] >= 0)
        sp.entity = c->role_ent[r->role];
    else if (end - first == 2 && quote_tok_is(c, first, "the"))
        sp.entity = head_noun_org(c, first + 1);
    return sp;
}

/* Skips "on Monday"-like adjuncts and returns the name right after them:
 * [*first, *end) with a person's mention at its start, else false. */
static bool name_after(const quote_ctx *c, size_t i, size_t hi, size_t *first,
                       size_t *end)
{
    i = quote_skip_adjuncts(c, i, hi);
    if (i >= hi || c->ent[i] < 0 || c->ents[c->ent[i]].type != NG_ENTITY_PER)
        return false;
    *first = i;
    *end = i + 1;
    return true;
}

/* The words after an inverted verb, up to punctuation: "said Ambassador
 * Mohib", "said the minister". */
static size_t post_np_end(const quote_ctx *c, size_t i, size_t hi)
{
    size_t j = i;
    while (j < hi && j - i < MAX_NP && !(is_punct(c, j) && c->ent[j] < 0) &&
           !np_stop(c, j))
        j++;
    return j;
}

/* The first person (else organization) named in the sentence of token
 * `end` before it and not before lo: the subject of "X tweeted to Y and
 * said ...", ", adding that ...". */
quote_speaker quote_sentence_subject(const quote_ctx *c, size_t end, size_t lo)
{
    const seg_sentence *st = &c->doc->sentences[c->sent[end]];
    size_t first = st->first_token > lo ? st->first_token : lo;
    quote_speaker sp = {-1, {0, 0}};
    for (size_t k = first; k < end; k++) {
        int32_t e = c->ent[k];
        if (e < 0 || (c->flags[k] & QT_IN_QUOTE) ||
            (c->ents[e].type != NG_ENTITY_PER &&
             c->ents[e].type != NG_ENTITY_ORG))
            continue;
        if (sp.entity < 0 || (c->ents[e].type == NG_ENTITY_PER &&
                              c->ents[sp.entity].type != NG_ENTITY_PER)) {
            sp.entity = e;
            sp.source = mention_at(c, e, k);
        }
        if (c->ents[e].type == NG_ENTITY_PER)
            break;
    }
    return sp;
}

/* "Jeff Rathke, the State Department Spokesperson, said": the subject
 * before an apposition (or adjunct) set off by commas, whose comma ends
 * at token `comma`; a person named inside it when the subject has none. */
static quote_speaker apposition(const quote_ctx *c, size_t comma, size_t lo,
                                int depth)
{
    quote_speaker none = {-1, {0, 0}};
    size_t open = comma;
    while (open > lo && comma - open < MAX_NP + 4) {
        open--;
        if (quote_tok_is(c, open, ",") && c->ent[open] < 0)
            break;
        if (c->doc->tokens[open].kind == NG_TOKEN_QUOTE)
            return none;
    }
    if (open == lo || !quote_tok_is(c, open, ",")) {
        /* One comma only: "The firm Secunia.com, has said". */
        size_t first = quote_subject_start(c, comma, lo);
        return first < comma ? quote_speaker_in(c, first, comma, true) : none;
    }
    size_t first = quote_subject_start(c, open, lo);
    quote_speaker sp = quote_speaker_in(c, first, open, true);
    if (sp.entity >= 0 && c->ents[sp.entity].type == NG_ENTITY_PER)
        return sp;
    quote_speaker inner = quote_speaker_in(c, open + 1, comma, false);
    if (inner.entity >= 0 && c->ents[inner.entity].type == NG_ENTITY_PER)
        return inner;
    /* "Cynthia Thompson, curator ... at the University of Arkansas,
     * Fayetteville, said": a person one or two commas further back. */
    if (depth < 3) {
        quote_speaker further = apposition(c, open, lo, depth + 1);
        if (further.entity >= 0 &&
            c->ents[further.entity].type == NG_ENTITY_PER)
            return further;
    }
    if (sp.source.end > sp.source.start)
        return sp;
    return inner;
}

bool quote_parenthetical_name(const quote_ctx *c, size_t i, size_t hi,
                              size_t *first, size_t *end)
{
    if (i >= hi || c->ent[i] < 0 || c->ents[c->ent[i]].type != NG_ENTITY_PER)
        return false;
    size_t j = i;
    while (j < hi && c->ent[j] == c->ent[i])
        j++;
    if (j < hi && !(quote_tok_is(c, j, ",") || quote_tok_is(c, j, ".")))
        return false;
    *first = i;
    *end = j;
    return true;
}

quote_speaker quote_speaker_at(const quote_ctx *c, size_t cue, size_t cue_end,
                               unsigned verb_flags, size_t lo, size_t hi)
{
    size_t end = cue;
    while (end > lo) {
        size_t n;
        const char *w = quote_tok(c, end - 1, &n);
        if (!quote_adverb(w, n))
            break;
        end--;
    }
    /* "X, who said": the name before the relative pronoun. */
    if (end > lo && tok_is_exact(c, end - 1, "who")) {
        size_t k = end - 1;
        while (k > lo && quote_tok_is(c, k - 1, ","))
            k--;
        if (k > lo && c->ent[k - 1] >= 0)
            return quote_speaker_in(c, k - 1, k, true);
    }
    size_t first = quote_subject_start(c, end, lo);
    if (first == end && end > lo && quote_tok_is(c, end - 1, "and"))
        return quote_sentence_subject(c, end - 1, lo);
    size_t nf, ne;
    if (first == end && end > lo + 1 && quote_tok_is(c, end - 1, ",") &&
        quote_parenthetical_name(c, cue_end, hi, &nf, &ne))
        return quote_speaker_in(c, nf, ne, false);
    if (first == end && end > lo + 1 && quote_tok_is(c, end - 1, ",")) {
        quote_speaker sp = apposition(c, end - 1, lo, 0);
        if (sp.source.end > sp.source.start)
            return sp;
    }
    if (first < end) {
        quote_speaker sp = quote_speaker_in(c, first, end, true);
        size_t n;
        const char *w = quote_tok(c, first, &n);
        if (end - first == 1 && quote_pronoun(w, n) &&
            !(verb_flags & QV_OBJECT) && name_after(c, cue_end, hi, &nf, &ne))
            return quote_speaker_in(c, nf, ne, false);
        return sp;
    }
    size_t start = quote_skip_adjuncts(c, cue_end, hi);
    return quote_speaker_in(c, start, post_np_end(c, start, hi), false);
}

/* Gives entity e the role r (or marks the role as shared). */
static void set_role(quote_ctx *c, const quote_role *r, int32_t e)
{
    if (!r || r->role >= QUOTE_ROLES)
        return;
    int32_t *slot = &c->role_ent[r->role];
    *slot = *slot == -1 || *slot == e ? e : -2;
    if (r->gender && !c->gender[e])
        c->gender[e] = r->gender;
}

/* Role words just before a mention starting at token i: "Maj. Gen.",
 * "Pentagon spokesman", "Afghan Ambassador to the United States". */
static void roles_before(quote_ctx *c, size_t i, int32_t e)
{
    if (i > 1 && quote_tok_is(c, i - 1, ",")) {
        size_t n; /* "Paris's father, Albert Jaquier" */
        const char *w = quote_tok(c, i - 2, &n);
        set_role(c, quote_role_lookup(w, n), e);
    }
    for (size_t k = i; k-- > 0 && i - k <= ROLE_WINDOW;) {
        if (is_punct(c, k) || c->ent[k] == e)
            break;
        size_t n;
        const char *w = quote_tok(c, k, &n);
        set_role(c, quote_role_lookup(w, n), e);
        if (!is_upper(c, k) && !quote_role_lookup(w, n))
            break; /* "team member X": only role words and names */
    }
}

/* Role words in an apposition after a mention ending at token i: ",
 * the major general", "Ryderthe major general of the Air Force". */
static void roles_after(quote_ctx *c, size_t i, int32_t e, size_t send)
{
    size_t k = i + 1;
    if (k < send && quote_tok_is(c, k, ","))
        k++;
    /* "Patrick Ryderthe major general": the token goes on past the name. */
    bool glued = k == i + 1 && mention_at(c, e, i).end < c->doc->tokens[i].end;
    if (!(k < send && (quote_tok_is(c, k, "the") || quote_tok_is(c, k, "a") ||
                       quote_tok_is(c, k, "an") || glued)))
        return;
    for (size_t j = k; j < send && j - k < ROLE_WINDOW; j++) {
        if (is_punct(c, j) || quote_tok_is(c, j, "of") ||
            quote_tok_is(c, j, "who") || c->ent[j] == e)
            break;
        size_t n;
        const char *w = quote_tok(c, j, &n);
        const quote_role *r = quote_role_lookup(w, n);
        if (r)
            set_role(c, r, e);
    }
}

void quote_roles_find(quote_ctx *c)
{
    heads_build(c);
    for (size_t r = 0; r < QUOTE_ROLES; r++)
        c->role_ent[r] = -1;
    const seg_doc *d = c->doc;
    for (size_t i = 0; i < d->ntokens; i++) {
        int32_t e = c->ent[i];
        if (e < 0 || c->ents[e].type != NG_ENTITY_PER)
            continue;
        if (i == 0 || c->ent[i - 1] != e)
            roles_before(c, i, e);
        if (i + 1 >= d->ntokens || c->ent[i + 1] != e) {
            size_t first, send;
            quote_sentence_bounds(c, i, &first, &send);
            roles_after(c, i, e, send);
        }
    }
}
