/*
 * split.c -- glued words from scraping: "Ryderthe" is "Ryder" followed by
 * "the" with the space lost. A capitalized word unknown to the model's
 * word list (the Brown cluster vocabulary) that ends in a common
 * lower-case function word, after a known capitalized stem of three or
 * more letters, is tagged as two tokens, so the name does not swallow the
 * next word. A word the model knows ("Blythe", "Bethe") is never split,
 * nor one whose function word would end a clause: "the", "on", "of"
 * open a phrase, so a word must follow them ("Ryderthe major general",
 * but "curator Elaine Gustafon." is a name); only the verbs ("Rydersaid,")
 * may stand before punctuation.
 *
 * ner_common_word: a word that the vocabulary knows in lower case
 * ("Square", "Windows", "Developer"), which a name's word rarely is
 * ("Perkins", "Enver"); the span corrections of src/analyze ask it.
 */
#include <string.h>

#include "ner.h"

/* Function words that start a clause or phrase after a name. */
static const char *const glue_words[] = {
    "the",  "and",   "who",  "said", "was",  "has",  "had",  "is",
    "of",   "in",    "to",   "for",  "from", "with", "that", "which",
    "will", "would", "also", "told", "says", "on",   "at",   "added",
};

/* Those of them that can end a clause: "..., Rydersaid." */
static bool clause_final(const char *w)
{
    return strcmp(w, "said") == 0 || strcmp(w, "says") == 0 ||
           strcmp(w, "told") == 0 || strcmp(w, "added") == 0;
}

static bool known(const ner_model *m, const char *s, size_t len)
{
    uint32_t v;
    return m->clusters.slots &&
           ner_table_get(&m->clusters, ner_hash(s, len), &v);
}

size_t ner_split_glued(const ner_model *m, const char *s, size_t len,
                       bool word_follows)
{
    if (len < 5 || len > 40 || !(s[0] >= 'A' && s[0] <= 'Z'))
        return 0;
    for (size_t i = 1; i < len; i++)
        if (!(s[i] >= 'a' && s[i] <= 'z'))
            return 0;
    if (!m->clusters.slots || known(m, s, len))
        return 0;
    for (size_t k = 0; k < sizeof glue_words / sizeof *glue_words; k++) {
        size_t gl = strlen(glue_words[k]);
        if (len < gl + 3 || memcmp(s + len - gl, glue_words[k], gl) != 0 ||
            (!word_follows && !clause_final(glue_words[k])))
            continue;
        if (known(m, s, len - gl))
            return len - gl;
    }
    return 0;
}

bool ner_common_word(const ner_model *m, const char *s, size_t len)
{
    char lower[64];
    if (len == 0 || len > sizeof lower)
        return false;
    for (size_t i = 0; i < len; i++)
        lower[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
    return known(m, lower, len);
}
