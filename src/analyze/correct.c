/*
 * correct.c -- corrections of the tagger's labels that the CoNLL-trained
 * model needs on today's news, applied before its spans become mentions
 * (entities.c):
 *  - a well-known organization of several words from the gazetteer
 *    (Harakat al-Nujaba, Islamic Revolutionary Guard Corps) is tagged
 *    whole as ORG, unless a longer tagged name runs across its ends;
 *  - a person or organization goes on over a particle name that follows
 *    it (Mohamed Shia al-Sudani);
 *  - names cut in two are joined ("Mr|Blair", "Kiara|Perkins", "New
 *    Zealand|Herald"), names run together after "of" are split ("Governor
 *    of Washington|Chris Gregoire", "CEO of the Refugee Council|Enver
 *    Solomon"), a MISC name after a person's title is a person.
 * The word lists are the model's gazetteers (models/lex) and its
 * vocabulary (ner_common_word).
 *
 * Exports: entities_correct.
 */
#include <string.h>

#include "analyze.h"

/* ner_type_name order */
enum { NER_ENT_PER = 0, NER_ENT_ORG = 1, NER_ENT_LOC = 2, NER_ENT_MISC = 3 };

/* Writes the span [first, last] of `type` into labels, closing or
 * reopening the neighbours it cut into. */
static void relabel(uint8_t *labels, size_t n, size_t first, size_t last,
                    int type)
{
    if (first > 0) {
        int p = labels[first - 1], part = ner_label_part(p);
        if (part == NER_B)
            labels[first - 1] = (uint8_t)ner_label(ner_label_type(p), NER_U);
        else if (part == NER_I)
            labels[first - 1] = (uint8_t)ner_label(ner_label_type(p), NER_L);
    }
    if (last + 1 < n) {
        int p = labels[last + 1], part = ner_label_part(p);
        if (part == NER_I)
            labels[last + 1] = (uint8_t)ner_label(ner_label_type(p), NER_B);
        else if (part == NER_L)
            labels[last + 1] = (uint8_t)ner_label(ner_label_type(p), NER_U);
    }
    if (first == last) {
        labels[first] = (uint8_t)ner_label(type, NER_U);
        return;
    }
    labels[first] = (uint8_t)ner_label(type, NER_B);
    for (size_t i = first + 1; i < last; i++)
        labels[i] = (uint8_t)ner_label(type, NER_I);
    labels[last] = (uint8_t)ner_label(type, NER_L);
}

/* An Arabic article glued to a name: al-Sudani, el-Sisi. */
static bool particle_name(const ner_token *t)
{
    if (t->len < 5 || t->s[2] != '-' || !(t->s[3] >= 'A' && t->s[3] <= 'Z'))
        return false;
    return (t->s[0] == 'a' || t->s[0] == 'e' || t->s[0] == 'A') &&
           t->s[1] == 'l';
}

/* ---- span boundaries -------------------------------------------------- */

/* The last token of the span that starts at token i (B or U). */
static size_t span_end(const uint8_t *labels, size_t i, size_t e)
{
    size_t j = i;
    while (ner_label_part(labels[j]) != NER_U &&
           ner_label_part(labels[j]) != NER_L && j + 1 < e)
        j++;
    return j;
}

static bool capitalized(const ner_token *t)
{
    return t->s[0] >= 'A' && t->s[0] <= 'Z';
}

/* Token i is a whole phrase of gazetteer list `list`. */
static bool in_list(const ner_model *m, const ner_token *t, unsigned list)
{
    return ner_gaz_longest(m, t, 1, list) == 1;
}

/* Tokens [i, i + n) are a place of the gazetteers. */
static bool place(const ner_model *m, const ner_token *t, size_t n)
{
    return ner_gaz_longest(m, t, n, NER_GAZ_COUNTRIES) == n ||
           ner_gaz_longest(m, t, n, NER_GAZ_CITIES) == n ||
           ner_gaz_longest(m, t, n, NER_GAZ_REGIONS) == n ||
           ner_gaz_longest(m, t, n, NER_GAZ_DEMONYMS) == n;
}

/* A word that ends or belongs to organization names ("Council",
 * "Labour"). */
static bool org_word(const ner_model *m, const ner_token *t)
{
    return in_list(m, t, NER_GAZ_ORG_SUFFIXES) ||
           in_list(m, t, NER_GAZ_ORG_WORDS) || in_list(m, t, NER_GAZ_ORG_NAMES);
}

/* "Mr|Blair" (PER, PER), "Kiara|Perkins" (PER, ORG), "New
 * Zealand|Herald" (LOC, ORG): the tagger cut one name in two. A title
 * and the name after it are one person; so are a one-word person and a
 * next word that is no place, organization word or common word (not
 * "Leicester|Square"); a place and the organization right after it
 * ("Saudi|Interior Ministry") are one organization. The spans are
 * [a, b) and [b, b_end]. */
static void join_spans(const ner_model *m, const ner_doc *doc, uint8_t *labels,
                       size_t a, size_t b, size_t b_end)
{
    int ta = ner_label_type(labels[a]), tb = ner_label_type(labels[b]);
    const ner_token *t = doc->tokens;
    bool titles = ta == NER_ENT_PER;
    for (size_t i = a; titles && i < b; i++)
        titles = in_list(m, &t[i], NER_GAZ_PERSON_TITLES);
    if (titles) /* "Mr|Blair": the title and the name are one person */
        relabel(labels, doc->ntokens, a, b_end, NER_ENT_PER);
    else if (ta == NER_ENT_PER && tb != NER_ENT_PER && a + 1 == b &&
             b == b_end && !place(m, &t[b], 1) && !org_word(m, &t[b]) &&
             capitalized(&t[b]) && !ner_common_word(m, t[b].s, t[b].len))
        relabel(labels, doc->ntokens, a, b_end, NER_ENT_PER);
    else if (ta == NER_ENT_LOC && tb == NER_ENT_ORG)
        relabel(labels, doc->ntokens, a, b_end, NER_ENT_ORG);
}

/* Tokens [j, end] can be a person's name after an organization's:
 * two capitalized words, neither a place nor an organization word, the
 * first no common word ("Apple Developer Connection"). */
static bool name_tail(const ner_model *m, const ner_token *t, size_t j,
                      size_t end)
{
    return end == j + 1 && capitalized(&t[j]) && capitalized(&t[end]) &&
           !place(m, &t[j], 1) && !place(m, &t[end], 1) &&
           !org_word(m, &t[j]) && !org_word(m, &t[end]) &&
           !ner_common_word(m, t[j].s, t[j].len);
}

/* Tokens [a, j) are a place that is no first name, or a country or
 * region: "Washington", not the "Martin" of "Martin Luther King". */
static bool place_before_name(const ner_model *m, const ner_token *t, size_t a,
                              size_t j)
{
    size_t n = j - a;
    if (ner_gaz_longest(m, &t[a], n, NER_GAZ_COUNTRIES) == n ||
        ner_gaz_longest(m, &t[a], n, NER_GAZ_REGIONS) == n)
        return true;
    return place(m, &t[a], n) &&
           ner_gaz_longest(m, &t[a], n, NER_GAZ_FIRST_NAMES) != n;
}

/* "Governor of Washington Chris Gregoire", "CEO of the Refugee Council
 * Enver Solomon": after "of", a span of three words or more that begins
 * with a place or an organization and ends with a person: split before
 * a first name that follows a place, or after an organization word when
 * two words are left to the person (in a person's span: two at least). */
static void split_person(const ner_model *m, const ner_doc *doc,
                         uint8_t *labels, size_t s, size_t a, size_t a_end)
{
    const ner_token *t = doc->tokens;
    bool person = ner_label_type(labels[a]) == NER_ENT_PER;
    size_t of = a > s && t[a - 1].len == 3 && memcmp(t[a - 1].s, "the", 3) == 0
                    ? a - 1
                    : a;
    if (of == s || t[of - 1].len != 2 || memcmp(t[of - 1].s, "of", 2) != 0 ||
        a_end < a + 2)
        return;
    for (size_t j = a + 1; j + 1 <= a_end; j++) {
        bool after_place = in_list(m, &t[j], NER_GAZ_FIRST_NAMES) &&
                           place_before_name(m, t, a, j);
        bool after_org = org_word(m, &t[j - 1]);
        if ((!after_place && !after_org) ||
            (!person && !name_tail(m, t, j, a_end)))
            continue;
        relabel(labels, doc->ntokens, a, j - 1,
                after_place ? NER_ENT_LOC : NER_ENT_ORG);
        relabel(labels, doc->ntokens, j, a_end, NER_ENT_PER);
        return;
    }
}

/* "director General Suleiman al-Amr": a span the tagger called MISC
 * right after a person's title is a person, unless it starts with a
 * common word ("General Election"). */
static void titled_person(const ner_model *m, const ner_doc *doc,
                          uint8_t *labels, size_t s, size_t a, size_t a_end)
{
    const ner_token *t = &doc->tokens[a];
    if (ner_label_type(labels[a]) != NER_ENT_MISC || a == s ||
        labels[a - 1] != 0 || !capitalized(t) ||
        ner_common_word(m, t->s, t->len) ||
        !in_list(m, &doc->tokens[a - 1], NER_GAZ_PERSON_TITLES))
        return;
    relabel(labels, doc->ntokens, a, a_end, NER_ENT_PER);
}

/* The span corrections above over the sentence [s, e). */
static void correct_boundaries(const ner_model *m, const ner_doc *doc,
                               uint8_t *labels, size_t s, size_t e)
{
    for (size_t i = s; i < e; i++) {
        if (labels[i] == 0)
            continue;
        size_t end = span_end(labels, i, e);
        titled_person(m, doc, labels, s, i, end);
        if (ner_label_type(labels[i]) == NER_ENT_PER ||
            ner_label_type(labels[i]) == NER_ENT_ORG)
            split_person(m, doc, labels, s, i, end);
        end = span_end(labels, i, e);
        if (end + 1 < e && labels[end + 1] != 0 &&
            ner_label_part(labels[end + 1]) != NER_I &&
            ner_label_part(labels[end + 1]) != NER_L)
            join_spans(m, doc, labels, i, end + 1,
                       span_end(labels, end + 1, e));
        i = span_end(labels, i, e);
    }
}

/* Well-known organizations of the gazetteer in the sentence [s, e). */
static void org_names(const ner_model *m, const ner_doc *doc, uint8_t *labels,
                      size_t s, size_t e)
{
    for (size_t i = s; i < e; i++) {
        const ner_token *t = &doc->tokens[i];
        if (!(t->s[0] >= 'A' && t->s[0] <= 'Z'))
            continue;
        size_t len = ner_gaz_longest(m, t, e - i, NER_GAZ_ORG_NAMES);
        /* Only where no tagged span runs across its ends: the
         * tagger's longer names stand ("Islamic State of Iran"). */
        int first = ner_label_part(labels[i]);
        int last = len ? ner_label_part(labels[i + len - 1]) : 0;
        if (len >= 2 && first != NER_I && first != NER_L && last != NER_B &&
            last != NER_I) {
            relabel(labels, doc->ntokens, i, i + len - 1, NER_ENT_ORG);
            i += len - 1;
        }
    }
}

/* A person or organization over the particle name after it, in the
 * sentence [s, e). */
static void particles(const ner_doc *doc, uint8_t *labels, size_t s, size_t e)
{
    for (size_t i = s; i + 1 < e; i++) {
        int l = labels[i], part = ner_label_part(l), type;
        type = ner_label_type(l);
        if ((part != NER_L && part != NER_U) ||
            (type != NER_ENT_PER && type != NER_ENT_ORG) ||
            !particle_name(&doc->tokens[i + 1]))
            continue;
        size_t first = i;
        while (first > s && ner_label_part(labels[first]) != NER_B &&
               ner_label_part(labels[first]) != NER_U)
            first--;
        relabel(labels, doc->ntokens, first, i + 1, type);
    }
}

void entities_correct(const ner_model *m, const ner_doc *doc, uint8_t *labels)
{
    for (size_t k = 0; k < doc->nsent; k++) {
        size_t s = doc->sent_start[k], e = doc->sent_start[k + 1];
        org_names(m, doc, labels, s, e);
        particles(doc, labels, s, e);
        correct_boundaries(m, doc, labels, s, e);
    }
}
