/*
 * abbrev.c -- abbreviations that keep their period, and the words that
 * usually start a sentence. Compiled from common English news usage (AP
 * style titles, months, corporate and US state abbreviations); the lists
 * are facts of the language, written for this project.
 */
#include <stdlib.h>
#include <string.h>

#include "text.h"

typedef struct abbrev_entry {
    const char *word;
    abbrev_kind kind;
} abbrev_entry;

/* Sorted by strcmp (checked by a test): binary search. */
static const abbrev_entry abbrevs[] = {
    {"Adm", ABBREV_TITLE},  {"Ala", ABBREV_OTHER},   {"Apr", ABBREV_MONTH},
    {"Ariz", ABBREV_OTHER}, {"Ark", ABBREV_OTHER},   {"Art", ABBREV_NUMBER},
    {"Assn", ABBREV_OTHER}, {"Aug", ABBREV_MONTH},   {"Ave", ABBREV_OTHER},
    {"Bhd", ABBREV_OTHER},  {"Blvd", ABBREV_OTHER},  {"Brig", ABBREV_TITLE},
    {"Bros", ABBREV_OTHER}, {"Calif", ABBREV_OTHER}, {"Capt", ABBREV_TITLE},
    {"Cdr", ABBREV_TITLE},  {"Cmdr", ABBREV_TITLE},  {"Co", ABBREV_OTHER},
    {"Col", ABBREV_TITLE},  {"Colo", ABBREV_OTHER},  {"Conn", ABBREV_OTHER},
    {"Corp", ABBREV_OTHER}, {"Cpl", ABBREV_TITLE},   {"Dec", ABBREV_MONTH},
    {"Del", ABBREV_OTHER},  {"Dept", ABBREV_OTHER},  {"Dr", ABBREV_TITLE},
    {"Esq", ABBREV_OTHER},  {"Feb", ABBREV_MONTH},   {"Fig", ABBREV_NUMBER},
    {"Fla", ABBREV_OTHER},  {"Fr", ABBREV_TITLE},    {"Ft", ABBREV_OTHER},
    {"Ga", ABBREV_OTHER},   {"Gen", ABBREV_TITLE},   {"Gov", ABBREV_TITLE},
    {"Hon", ABBREV_TITLE},  {"Ill", ABBREV_OTHER},   {"Inc", ABBREV_OTHER},
    {"Ind", ABBREV_OTHER},  {"Jan", ABBREV_MONTH},   {"Jr", ABBREV_OTHER},
    {"Jul", ABBREV_MONTH},  {"Jun", ABBREV_MONTH},   {"Kan", ABBREV_OTHER},
    {"Ky", ABBREV_OTHER},   {"La", ABBREV_OTHER},    {"Lt", ABBREV_TITLE},
    {"Ltd", ABBREV_OTHER},  {"Maj", ABBREV_TITLE},   {"Mar", ABBREV_MONTH},
    {"Mass", ABBREV_OTHER}, {"Md", ABBREV_OTHER},    {"Messrs", ABBREV_TITLE},
    {"Mich", ABBREV_OTHER}, {"Minn", ABBREV_OTHER},  {"Miss", ABBREV_OTHER},
    {"Mo", ABBREV_OTHER},   {"Mont", ABBREV_OTHER},  {"Mr", ABBREV_TITLE},
    {"Mrs", ABBREV_TITLE},  {"Ms", ABBREV_TITLE},    {"Msgr", ABBREV_TITLE},
    {"Mt", ABBREV_TITLE},   {"Neb", ABBREV_OTHER},   {"Nev", ABBREV_OTHER},
    {"No", ABBREV_NUMBER},  {"Nos", ABBREV_NUMBER},  {"Nov", ABBREV_MONTH},
    {"Nr", ABBREV_NUMBER},  {"Oct", ABBREV_MONTH},   {"Okla", ABBREV_OTHER},
    {"Ore", ABBREV_OTHER},  {"Pa", ABBREV_OTHER},    {"Ph", ABBREV_OTHER},
    {"Plc", ABBREV_OTHER},  {"Pres", ABBREV_TITLE},  {"Prof", ABBREV_TITLE},
    {"Pte", ABBREV_OTHER},  {"Pty", ABBREV_OTHER},   {"Pvt", ABBREV_TITLE},
    {"Rd", ABBREV_OTHER},   {"Rep", ABBREV_TITLE},   {"Reps", ABBREV_TITLE},
    {"Rev", ABBREV_TITLE},  {"Sen", ABBREV_TITLE},   {"Sens", ABBREV_TITLE},
    {"Sep", ABBREV_MONTH},  {"Sept", ABBREV_MONTH},  {"Sgt", ABBREV_TITLE},
    {"Sr", ABBREV_OTHER},   {"St", ABBREV_TITLE},    {"Supt", ABBREV_TITLE},
    {"Tenn", ABBREV_OTHER}, {"Tex", ABBREV_OTHER},   {"Va", ABBREV_OTHER},
    {"Vol", ABBREV_NUMBER}, {"Vt", ABBREV_OTHER},    {"Wash", ABBREV_OTHER},
    {"Wis", ABBREV_OTHER},  {"Wyo", ABBREV_OTHER},   {"approx", ABBREV_OTHER},
    {"cf", ABBREV_OTHER},   {"dept", ABBREV_OTHER},  {"est", ABBREV_OTHER},
    {"etc", ABBREV_OTHER},  {"ft", ABBREV_OTHER},    {"incl", ABBREV_OTHER},
    {"mln", ABBREV_OTHER},  {"no", ABBREV_NUMBER},   {"pct", ABBREV_OTHER},
    {"vs", ABBREV_OTHER},
};

/* Capitalized words that usually begin a sentence rather than continue a
 * name, sorted by strcmp. */
static const char *const starters[] = {
    "A",      "After", "Also",  "An",     "And",     "As",      "At",
    "Before", "But",   "By",    "During", "Each",    "Earlier", "For",
    "From",   "He",    "Her",   "His",    "However", "I",       "If",
    "In",     "It",    "Its",   "Last",   "Later",   "Many",    "Meanwhile",
    "Most",   "Mr",    "Mrs",   "Ms",     "No",      "Now",     "On",
    "One",    "Other", "Our",   "She",    "Since",   "So",      "Some",
    "That",   "The",   "Their", "Then",   "There",   "These",   "They",
    "This",   "Those", "Thus",  "To",     "Two",     "Under",   "Until",
    "We",     "What",  "When",  "Where",  "While",   "Who",     "With",
    "Yet",    "You",
};

typedef struct key {
    const char *s;
    size_t len;
} key;

/* Compares a counted string with a C string the way strcmp would. */
static int compare_key(const key *k, const char *word)
{
    int c = strncmp(k->s, word, k->len);
    if (c != 0)
        return c;
    return word[k->len] == '\0' ? 0 : -1;
}

static int compare_abbrev(const void *k, const void *e)
{
    return compare_key(k, ((const abbrev_entry *)e)->word);
}

static int compare_starter(const void *k, const void *e)
{
    return compare_key(k, *(const char *const *)e);
}

abbrev_kind abbrev_lookup(const char *s, size_t len)
{
    if (len == 0 || len > 8)
        return ABBREV_NONE;
    key k = {s, len};
    const abbrev_entry *e =
        bsearch(&k, abbrevs, sizeof abbrevs / sizeof *abbrevs, sizeof *abbrevs,
                compare_abbrev);
    return e ? e->kind : ABBREV_NONE;
}

bool abbrev_is_sentence_starter(const char *s, size_t len)
{
    if (len == 0 || len > 12)
        return false;
    key k = {s, len};
    return bsearch(&k, starters, sizeof starters / sizeof *starters,
                   sizeof *starters, compare_starter) != NULL;
}

bool abbrev_tables_sorted(void)
{
    for (size_t i = 1; i < sizeof abbrevs / sizeof *abbrevs; i++)
        if (strcmp(abbrevs[i - 1].word, abbrevs[i].word) >= 0)
            return false;
    for (size_t i = 1; i < sizeof starters / sizeof *starters; i++)
        if (strcmp(starters[i - 1], starters[i]) >= 0)
            return false;
    return true;
}
