/*
 * reported.c -- reported speech: the claim a reporting verb or
 * "according to" attributes to a speaker, outside direct quotes.
 *
 * Patterns (PARC's cue, source, content; Krestel et al. 2008):
 *   X said (on Monday) (that) CLAIM.       the claim runs to the
 *   X told reporters (that) CLAIM.         sentence's end, or to ",
 *   X denied that CLAIM.                   according to"
 *   CLAIM, X said. / CLAIM, said X.        the claim before the comma
 *   According to X, CLAIM. / CLAIM, according to X.
 * Not speech: passives ("are said to", "was claimed by"), a verb with a
 * determiner before it ("the report", "a claim"), a noun-like form
 * ("claims", "reports") without "that", verbs that only introduce direct
 * quotes (asked, replied), -ing forms.
 *
 * Exports: quote_find_reported.
 */
#include <string.h>
#include <strings.h>

#include "quote.h"

enum { OBJECT_MAX = 5, CLAIM_MIN_WORDS = 2 };

static bool is_punct(const quote_ctx *c, size_t i)
{
    uint8_t k = c->doc->tokens[i].kind;
    return k == NG_TOKEN_PUNCT || k == NG_TOKEN_QUOTE;
}

static bool one_of(const quote_ctx *c, size_t i, const char *const *words,
                   size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (quote_tok_is(c, i, words[k]))
            return true;
    return false;
}

static bool determiner(const quote_ctx *c, size_t i)
{
    static const char *const dets[] = {"the", "a",    "an",    "this",  "that",
                                       "his", "her",  "its",   "their", "our",
                                       "my",  "your", "these", "those", "no"};
    return one_of(c, i, dets, sizeof dets / sizeof *dets);
}

static bool subject_pronoun(const quote_ctx *c, size_t i)
{
    static const char *const prons[] = {"he", "she", "it",    "they",
                                        "we", "I",   "there", "you"};
    return one_of(c, i, prons, sizeof prons / sizeof *prons);
}

/* Words that cannot start the claim after a verb: prepositions,
 * conjunctions, adverbs of manner ("said in", "said so", "said goodbye"). */
static bool not_claim_start(const quote_ctx *c, size_t i)
{
    static const char *const words[] = {
        "in",         "on",         "at",       "to",        "with",
        "for",        "by",         "of",       "from",      "about",
        "during",     "into",       "after",    "before",    "and",
        "or",         "but",        "so",       "as",        "than",
        "goodbye",    "hello",      "yes",      "nothing",   "anything",
        "something",  "little",     "much",     "again",     "only",
        "also",       "too",        "through",  "under",     "over",
        "later",      "earlier",    "recently", "yesterday", "today",
        "afterwards", "repeatedly", "publicly", "privately", "instead",
        "not",        "sorry",      "thanks",   "thank",     "via",
        "upon",       "against",    "without",  "between",   "among",
        "despite",    "like"};
    return one_of(c, i, words, sizeof words / sizeof *words);
}

/* A token that can start a clause: a subject pronoun, a determiner, a
 * name or a number. */
static bool clause_start(const quote_ctx *c, size_t i)
{
    static const char *const subj[] = {
        "he",      "she",     "it",    "they",  "we",     "I",     "there",
        "this",    "these",   "those", "some",  "many",   "most",  "all",
        "none",    "both",    "his",   "its",   "their",  "our",   "although",
        "because", "if",      "when",  "while", "unless", "what",  "how",
        "why",     "whether", "who",   "where", "once",   "since", "after",
        "before",  "nobody",  "no",    "every", "any",    "more",  "less"};
    const seg_token *t = &c->doc->tokens[i];
    if (t->kind == NG_TOKEN_NUMBER || (t->flags & SEG_UPPER))
        return true;
    if (determiner(c, i) || one_of(c, i, subj, sizeof subj / sizeof *subj))
        return true;
    /* A bare plural or mass noun: "said fisherman first noticed",
     * "say adding the mineral ...". */
    return t->kind == NG_TOKEN_WORD && (t->flags & SEG_LOWER) &&
           !not_claim_start(c, i) &&
           !quote_verb_lookup(c->text + t->start, t->end - t->start);
}

/* The hearer after told/informed: "reporters", "the press", "AFP". */
static size_t skip_object(const quote_ctx *c, size_t i, size_t end)
{
    static const char *const words[] = {"reporters",
                                        "journalists",
                                        "the",
                                        "press",
                                        "media",
                                        "a",
                                        "an",
                                        "news",
                                        "him",
                                        "her",
                                        "them",
                                        "us",
                                        "me",
                                        "agency",
                                        "local",
                                        "state",
                                        "television",
                                        "radio",
                                        "parliament",
                                        "lawmakers",
                                        "congress",
                                        "audience",
                                        "crowd",
                                        "supporters",
                                        "newspaper",
                                        "conference",
                                        "briefing",
                                        "court",
                                        "jury",
                                        "judge",
                                        "committee",
                                        "hearing",
                                        "panel",
                                        "inquiry",
                                        "tribunal",
                                        "police",
                                        "investigators",
                                        "officials"};
    size_t nw = sizeof words / sizeof *words;
    size_t j = i;
    while (j < end && j - i < OBJECT_MAX && !quote_tok_is(c, j, "that")) {
        if (determiner(c, j) && j + 1 < end && one_of(c, j + 1, words, nw))
            j += 2; /* "the press", not "the company would" */
        else if (c->ent[j] >= 0 ||
                 (!determiner(c, j) && one_of(c, j, words, nw)))
            j++;
        else
            break;
    }
    return j;
}

/* A quotation mark at token i, placed as a closer, opens a quote:
 * "... communities," For example, ..."": the claim ends before it (the
 * writer closed the paraphrase), unlike "stating, "The word ..."", a
 * quote inside the claim. */
static bool quote_opens(const quote_ctx *c, size_t i)
{
    const seg_token *t = c->doc->tokens;
    return (c->flags[i] & QT_MARK) && i + 1 < c->doc->ntokens &&
           (c->flags[i + 1] & QT_IN_QUOTE) &&
           !(t[i].flags & SEG_SPACE_BEFORE) &&
           (t[i + 1].flags & SEG_SPACE_BEFORE);
}

/* The last token of the claim from `first`: the sentence's end less its
 * final punctuation, or before ", according to" or ",\" For" (above). */
static size_t claim_last(const quote_ctx *c, size_t first, size_t end)
{
    size_t last = end;
    for (size_t i = first; i + 1 < end; i++)
        if (quote_tok_is(c, i, ",") &&
            (quote_tok_is(c, i + 1, "according") || quote_opens(c, i + 1))) {
            last = i;
            break;
        }
    while (last > first && is_punct(c, last - 1) &&
           !(c->flags[last - 1] & QT_MARK && last - 1 > first &&
             (c->flags[last - 2] & QT_IN_QUOTE)))
        last--;
    return last; /* one past */
}

static size_t words_in(const quote_ctx *c, size_t first, size_t end)
{
    size_t n = 0;
    for (size_t i = first; i < end; i++)
        n += c->doc->tokens[i].kind == NG_TOKEN_WORD ||
             c->doc->tokens[i].kind == NG_TOKEN_NUMBER;
    return n;
}

static const char *lower_words(quote_ctx *c, ng_span sp)
{
    char *s = arena_strndup(c->a, c->text + sp.start, sp.end - sp.start);
    if (!s) {
        c->nomem = true;
        return NULL;
    }
    for (char *p = s; *p; p++) {
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p + 32);
        else if (*p == '\n' || *p == '\t')
            *p = ' ';
    }
    return s;
}

static void add(quote_ctx *c, size_t first, size_t end, quote_speaker sp,
                size_t cue, size_t cue_last)
{
    if (first >= end || words_in(c, first, end) < CLAIM_MIN_WORDS)
        return;
    ng_quote q = {.span = quote_tokens_span(c, first, end - 1),
                  .kind = NG_QUOTE_REPORTED,
                  .speaker = sp.entity,
                  .source = sp.source};
    q.cue = quote_tokens_span(c, cue, cue_last);
    q.verb = lower_words(c, q.cue);
    quote_add(c, &q);
}

/* "CLAIM, X said." / "CLAIM, said X.": the verb (after its subject, or
 * before it) ends the sentence. */
static bool claim_before(quote_ctx *c, size_t v, const quote_verb *qv,
                         size_t sfirst, size_t send)
{
    size_t after = quote_skip_adjuncts(c, v + 1, send);
    size_t subj = quote_subject_start(c, v, sfirst);
    size_t comma;
    if (subj == v) { /* inverted: ", said the minister." */
        size_t j = after;
        bool named =
            after < send && (c->ent[after] >= 0 || determiner(c, after));
        while (j < send && !is_punct(c, j))
            j++;
        if (!named || j - after > 6)
            return false; /* "..., said fisherman first noticed ..." */
        after = j;
        comma = v;
    } else {
        comma = subj;
    }
    if (after < send && !(is_punct(c, after) && after + 1 == send))
        return false;
    if (comma == sfirst || !quote_tok_is(c, comma - 1, ","))
        return false;
    size_t last = comma - 1;
    if (last > sfirst && (c->flags[sfirst] & QT_MARK))
        return false; /* a direct quote, attributed already */
    quote_speaker sp = quote_speaker_at(c, v, v + 1, qv->flags, comma, send);
    add(c, sfirst, last, sp, v, v);
    return true;
}

static const char *const wh_words[] = {"how",   "why",  "whether", "if",
                                       "what",  "when", "where",   "who",
                                       "which", "whom"};

static const char *const quantifiers[] = {"many", "some", "most", "all",
                                          "none", "few",  "both"};

/* A finite verb a few tokens after i, before punctuation or a relative
 * word: "noted the findings show ...", "stated Montalvo left ...", not
 * "announced the locations that would be given". */
static bool finite_ahead(const quote_ctx *c, size_t i, size_t end)
{
    static const char *const finite[] = {
        "is",     "are",    "was",     "were",  "will",  "would",  "could",
        "should", "can",    "may",     "might", "must",  "has",    "have",
        "had",    "did",    "does",    "show",  "shows", "showed", "left",
        "began",  "remain", "remains", "need",  "needs", "wants",  "want"};
    for (size_t k = i + 1; k < end && k <= i + 5; k++) {
        if (is_punct(c, k) || quote_tok_is(c, k, "that") ||
            quote_tok_is(c, k, "which") || quote_tok_is(c, k, "who"))
            return false;
        if (one_of(c, k, finite, sizeof finite / sizeof *finite))
            return true;
    }
    return false;
}

/* ", in a satirical fashion, that": the token after the parenthetical
 * when "that" follows it, else i. */
static size_t skip_parenthetical(const quote_ctx *c, size_t i, size_t end)
{
    if (i >= end || !quote_tok_is(c, i, ","))
        return i;
    for (size_t j = i + 1; j < end && j <= i + 8; j++)
        if (quote_tok_is(c, j, ","))
            return j + 1 < end && quote_tok_is(c, j + 1, "that") ? j + 1 : i;
    return i;
}

/* "Institutional recipients, said Mauer, are required to ...": a verb
 * and a name set off by commas inside the claim; the whole sentence is
 * the claim. */
static bool inverted_parenthetical(quote_ctx *c, size_t v, size_t sfirst,
                                   size_t send)
{
    size_t nf, ne;
    if (v < sfirst + 2 || !quote_tok_is(c, v - 1, ",") ||
        (c->flags[sfirst] & QT_MARK) ||
        !quote_parenthetical_name(c, v + 1, send, &nf, &ne) || ne >= send ||
        !quote_tok_is(c, ne, ","))
        return false;
    quote_speaker sp = quote_speaker_in(c, nf, ne, false);
    add(c, sfirst, claim_last(c, sfirst, send), sp, v, v);
    return true;
}

/* One reporting verb at token v outside quotes. */
static void at_verb(quote_ctx *c, size_t v, const quote_verb *qv)
{
    size_t sfirst, send;
    quote_sentence_bounds(c, v, &sfirst, &send);
    if (v > sfirst) {
        size_t n;
        const char *w = quote_tok(c, v - 1, &n);
        if (quote_be(w, n) || determiner(c, v - 1))
            return; /* passive, or a noun */
    }
    if (v + 2 < send && quote_tok_is(c, v + 1, "to") && c->ent[v + 2] < 0 &&
        !determiner(c, v + 2))
        return; /* "said to be", not "stated to LA Weekly" */
    if (inverted_parenthetical(c, v, sfirst, send))
        return;
    size_t j = v + 1;
    if (qv->flags & QV_OBJECT)
        j = skip_object(c, j, send);
    j = quote_skip_adjuncts(c, j, send);
    j = skip_parenthetical(c, j, send);
    size_t first;
    bool pronoun_next =
        j < send && (subject_pronoun(c, j) || one_of(c, j, quantifiers, 7));
    bool finite_next = j < send && finite_ahead(c, j, send);
    bool named_before =
        v > sfirst && (c->ent[v - 1] >= 0 || subject_pronoun(c, v - 1));
    if (j < send && quote_tok_is(c, j, "that"))
        first = j + 1;
    else if (j < send && (qv->flags & QV_QUOTE) &&
             one_of(c, j, wh_words, sizeof wh_words / sizeof *wh_words))
        first = j; /* "asked officials how ..." */
    else if (qv->flags & QV_QUOTE)
        return;
    else if ((qv->flags & QV_NOUN) && !(pronoun_next && named_before))
        return; /* "claims", "reports": nouns unless "Paris claims she" */
    else if ((qv->flags & QV_THAT) &&
             one_of(c, j, wh_words, sizeof wh_words / sizeof *wh_words))
        first = j; /* "explained how ..." */
    else if ((qv->flags & QV_THAT) && !pronoun_next && !finite_next) {
        claim_before(c, v, qv, sfirst, send); /* "announced the winners" */
        return;
    } else if (j < send && clause_start(c, j) && !(c->flags[j] & QT_MARK))
        first = j;
    else {
        if (!(qv->flags & QV_NOUN))
            claim_before(c, v, qv, sfirst, send);
        return;
    }
    quote_speaker sp;
    if ((qv->flags & QV_GERUND) && !quote_tok_is(c, first - 1, "that"))
        return; /* "noting the touches of ...": a noun object */
    if ((qv->flags & QV_GERUND) && v > sfirst && quote_tok_is(c, v - 1, ","))
        sp = quote_sentence_subject(c, v - 1, sfirst); /* ", adding that" */
    else if (qv->flags & QV_GERUND)
        return;
    else
        sp = quote_speaker_at(c, v, v + 1, qv->flags, sfirst, first);
    if (sp.source.start == sp.source.end)
        return; /* nobody says it: an imperative or a fragment */
    add(c, first, claim_last(c, first, send), sp, v, v);
}

/* "according to X, CLAIM" / "CLAIM, according to X". */
static void according_to(quote_ctx *c, size_t i)
{
    size_t sfirst, send;
    quote_sentence_bounds(c, i, &sfirst, &send);
    size_t np = i + 2, np_end = np;
    while (np_end < send && !is_punct(c, np_end) && np_end - np < 12)
        np_end++;
    quote_speaker sp = quote_speaker_in(c, np, np_end, false);
    /* "according to the team's coach, Alireza Mehraban, ...": the name
     * in the apposition. */
    if (sp.entity < 0 && np_end + 1 < send && quote_tok_is(c, np_end, ",") &&
        c->ent[np_end + 1] >= 0 &&
        c->ents[c->ent[np_end + 1]].type == NG_ENTITY_PER) {
        size_t k = np_end + 1;
        while (k < send && c->ent[k] == c->ent[np_end + 1])
            k++;
        if (k >= send || is_punct(c, k)) {
            sp = quote_speaker_in(c, np_end + 1, k, false);
            np_end = k;
        }
    }
    if (np >= np_end)
        return;
    size_t first, end;
    bool after = i == sfirst || (i == sfirst + 1 && is_punct(c, sfirst)) ||
                 quote_tok_is(c, i - 1, "that"); /* "learned that according
                                                   to X, CLAIM" */
    if (after) {
        first = np_end;
        while (first < send && quote_tok_is(c, first, ","))
            first++;
        end = claim_last(c, first, send);
    } else {
        first = sfirst;
        end = i;
        while (end > first && quote_tok_is(c, end - 1, ","))
            end--;
    }
    if (first < end && (c->flags[first] & QT_MARK))
        return; /* a direct quote: attributed on its own */
    add(c, first, end, sp, i, i + 1);
}

void quote_find_reported(quote_ctx *c)
{
    const seg_doc *d = c->doc;
    for (size_t i = 0; i < d->ntokens && !c->nomem; i++) {
        if (d->tokens[i].kind != NG_TOKEN_WORD ||
            (c->flags[i] & (QT_IN_QUOTE | QT_CUE)))
            continue;
        if (quote_tok_is(c, i, "according") && i + 1 < d->ntokens &&
            quote_tok_is(c, i + 1, "to")) {
            according_to(c, i);
            continue;
        }
        size_t n;
        const char *w = quote_tok(c, i, &n);
        const quote_verb *qv = quote_verb_lookup(w, n);
        if (!qv || ((qv->flags & QV_QUOTE) && !(qv->flags & QV_OBJECT)))
            continue;
        if (c->doc->tokens[i].flags & SEG_UPPER)
            continue; /* "Says" opening a headline, "States" */
        at_verb(c, i, qv);
    }
}
