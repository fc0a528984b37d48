/*
 * lexicon.c -- the word tables of the quote finder: reporting verbs (the
 * forms as written, with how they behave), role words (titles and the
 * nouns of descriptions, with a gender where the word gives one),
 * pronouns, first-person words, and the small words between a subject and
 * its verb.
 *
 * Sources: the reporting verbs of Krestel, Bergler and Witte (LREC 2008)
 * and Levin's verbs of communication (1993, class 37: say, tell, claim,
 * announce, deny ...), forms written out; the titles of the AP Stylebook
 * ("Gen.", "Maj. Gen.", "Sen.", "Gov.", "Rev."). Opinion verbs (think,
 * believe) are left out on purpose: they report a view, not speech.
 *
 * Exports: quote_verb_lookup, quote_role_lookup, quote_pronoun,
 * quote_first_person, quote_adverb, quote_be, quote_tables_sorted.
 */
#include <string.h>
#include <strings.h>

#include "quote.h"

/* Sorted by bytes (binary search); all lower case. */
static const quote_verb verbs[] = {
    {"acknowledge", QV_THAT},
    {"acknowledged", QV_THAT},
    {"acknowledges", QV_THAT},
    {"acknowledging", QV_GERUND | QV_THAT},
    {"add", 0},
    {"added", 0},
    {"adding", QV_GERUND},
    {"adds", 0},
    {"admit", QV_THAT},
    {"admits", QV_THAT},
    {"admitted", QV_THAT},
    {"admitting", QV_GERUND | QV_THAT},
    {"allege", QV_THAT},
    {"alleged", QV_THAT},
    {"alleges", QV_THAT},
    {"alleging", QV_GERUND},
    {"announce", QV_THAT},
    {"announced", QV_THAT},
    {"announces", QV_THAT},
    {"announcing", QV_GERUND},
    {"answered", QV_QUOTE},
    {"argue", 0},
    {"argued", 0},
    {"argues", 0},
    {"arguing", QV_GERUND},
    {"ask", QV_OBJECT | QV_QUOTE},
    {"asked", QV_OBJECT | QV_QUOTE},
    {"asks", QV_OBJECT | QV_QUOTE},
    {"assert", 0},
    {"asserted", 0},
    {"asserting", QV_GERUND},
    {"asserts", 0},
    {"assure", QV_OBJECT},
    {"assured", QV_OBJECT},
    {"assures", QV_OBJECT},
    {"boasted", QV_THAT},
    {"cautioned", QV_THAT},
    {"claim", QV_NOUN | QV_THAT},
    {"claimed", QV_THAT},
    {"claiming", QV_GERUND | QV_THAT},
    {"claims", QV_NOUN | QV_THAT},
    {"comment", QV_NOUN | QV_THAT},
    {"commented", QV_THAT},
    {"commenting", QV_GERUND | QV_THAT},
    {"comments", QV_NOUN | QV_THAT},
    {"complain", QV_THAT},
    {"complained", QV_THAT},
    {"complaining", QV_GERUND | QV_THAT},
    {"complains", QV_THAT},
    {"concede", QV_THAT},
    {"conceded", QV_THAT},
    {"concedes", QV_THAT},
    {"conceding", QV_GERUND},
    {"conclude", 0},
    {"concluded", 0},
    {"concludes", 0},
    {"confirm", QV_THAT},
    {"confirmed", QV_THAT},
    {"confirming", QV_GERUND | QV_THAT},
    {"confirms", QV_THAT},
    {"contend", 0},
    {"contended", 0},
    {"contending", QV_GERUND},
    {"contends", 0},
    {"continued", QV_QUOTE},
    {"declare", QV_THAT},
    {"declared", QV_THAT},
    {"declares", QV_THAT},
    {"declaring", QV_GERUND | QV_THAT},
    {"denied", QV_THAT},
    {"denies", QV_THAT},
    {"deny", QV_THAT},
    {"denying", QV_GERUND | QV_THAT},
    {"described", QV_OBJECT | QV_QUOTE}, /* "described him as \"...\"" */
    {"disclose", QV_THAT},
    {"disclosed", QV_THAT},
    {"discloses", QV_THAT},
    {"disclosing", QV_GERUND},
    {"emphasise", QV_THAT},
    {"emphasised", QV_THAT},
    {"emphasises", QV_THAT},
    {"emphasising", QV_GERUND | QV_THAT},
    {"emphasize", QV_THAT},
    {"emphasized", QV_THAT},
    {"emphasizes", QV_THAT},
    {"emphasizing", QV_GERUND | QV_THAT},
    {"estimated", QV_THAT},
    {"exclaimed", QV_QUOTE},
    {"explain", QV_THAT},
    {"explained", QV_THAT},
    {"explaining", QV_GERUND | QV_THAT},
    {"explains", QV_THAT},
    {"inform", QV_OBJECT},
    {"informed", QV_OBJECT},
    {"informs", QV_OBJECT},
    {"insist", 0},
    {"insisted", 0},
    {"insisting", QV_GERUND},
    {"insists", 0},
    {"joked", QV_QUOTE},
    {"maintain", QV_THAT},
    {"maintained", QV_THAT},
    {"maintaining", QV_GERUND | QV_THAT},
    {"maintains", QV_THAT},
    {"mentioned", QV_THAT},
    {"note", QV_NOUN | QV_THAT},
    {"noted", QV_THAT},
    {"notes", QV_NOUN | QV_THAT},
    {"noting", QV_GERUND},
    {"observe", QV_THAT},
    {"observed", QV_THAT},
    {"observes", QV_THAT},
    {"observing", QV_GERUND},
    {"pledge", QV_NOUN | QV_THAT},
    {"pledged", QV_THAT},
    {"pledges", QV_NOUN | QV_THAT},
    {"pledging", QV_GERUND},
    {"predict", QV_THAT},
    {"predicted", QV_THAT},
    {"predicting", QV_GERUND | QV_THAT},
    {"predicts", QV_THAT},
    {"proclaimed", QV_THAT},
    {"promise", QV_NOUN | QV_THAT},
    {"promised", QV_THAT},
    {"promises", QV_NOUN | QV_THAT},
    {"quipped", QV_QUOTE},
    {"reads", QV_QUOTE}, /* "the letter reads "..."" */
    {"recall", QV_NOUN | QV_THAT},
    {"recalled", QV_THAT},
    {"recalling", QV_GERUND | QV_THAT},
    {"recalls", QV_NOUN | QV_THAT},
    {"recommend", QV_THAT},
    {"recommended", QV_THAT},
    {"recommending", QV_GERUND | QV_THAT},
    {"recommends", QV_THAT},
    {"reiterate", QV_THAT},
    {"reiterated", QV_THAT},
    {"reiterates", QV_THAT},
    {"reiterating", QV_GERUND | QV_THAT},
    {"remarked", QV_QUOTE},
    {"replied", QV_QUOTE},
    {"replies", QV_NOUN | QV_QUOTE},
    {"reply", QV_NOUN | QV_QUOTE},
    {"report", QV_NOUN | QV_THAT},
    {"reported", QV_THAT},
    {"reporting", QV_GERUND | QV_THAT},
    {"reports", QV_NOUN | QV_THAT},
    {"respond", QV_QUOTE},
    {"responded", QV_QUOTE},
    {"responds", QV_QUOTE},
    {"reveal", QV_THAT},
    {"revealed", QV_THAT},
    {"revealing", QV_GERUND | QV_THAT},
    {"reveals", QV_THAT},
    {"said", 0},
    {"say", 0},
    {"saying", QV_GERUND},
    {"says", 0},
    {"state", QV_NOUN | QV_THAT},
    {"stated", QV_THAT},
    {"states", QV_NOUN | QV_THAT},
    {"stating", QV_GERUND | QV_THAT},
    {"stress", QV_NOUN | QV_THAT},
    {"stressed", QV_THAT},
    {"stresses", QV_THAT},
    {"stressing", QV_GERUND | QV_THAT},
    {"suggest", QV_THAT},
    {"suggested", QV_THAT},
    {"suggesting", QV_GERUND | QV_THAT},
    {"suggests", QV_THAT},
    {"tell", QV_OBJECT},
    {"telling", QV_GERUND | QV_OBJECT},
    {"tells", QV_OBJECT},
    {"testified", QV_THAT},
    {"testifies", QV_THAT},
    {"testify", QV_THAT},
    {"testifying", QV_GERUND | QV_THAT},
    {"theorise", QV_THAT},
    {"theorised", QV_THAT},
    {"theorises", QV_THAT},
    {"theorize", QV_THAT},
    {"theorized", QV_THAT},
    {"theorizes", QV_THAT},
    {"told", QV_OBJECT},
    {"tweet", QV_NOUN | QV_THAT},
    {"tweeted", QV_THAT},
    {"tweets", QV_NOUN | QV_THAT},
    {"urge", QV_THAT},
    {"urged", QV_THAT},
    {"urges", QV_THAT},
    {"urging", QV_GERUND},
    {"vow", QV_NOUN | QV_THAT},
    {"vowed", QV_THAT},
    {"vowing", QV_GERUND | QV_THAT},
    {"vows", QV_NOUN | QV_THAT},
    {"warn", QV_NOUN | QV_THAT},
    {"warned", QV_THAT},
    {"warning", QV_GERUND | QV_NOUN | QV_THAT},
    {"warns", QV_THAT},
    {"write", 0},
    {"writes", 0},
    {"writing", QV_GERUND},
    {"wrote", 0},
};

/* Sorted by bytes. Titles keep their case and period; nouns are lower
 * case and found case-insensitively. */
/* Role numbers: 0 general, 1 major, 2 lieutenant, 3 colonel, 4 captain, 5
 * sergeant, 6 admiral, 7 senator, 8 representative, 9 governor, 10 president,
 * 11 doctor, 12 professor, 13 reverend, 14 spokesperson, 15 minister, 16
 * ambassador, 17 secretary, 18 official, 19 director, 20 chairman, 21 chief, 22
 * commander, 23 mayor, 24 judge, 25 coach, 26 founder, 27 leader, 28 executive,
 * 29 officer, 30 king, 31 prince, 32 pope, 33 author, 34 researcher, 35
 * analyst, 36 lawyer, 37 prosecutor, 38 chancellor, 39 negotiator, 40 activist,
 * 41 witness, 42 member, 43 candidate, 44 actor, 45 editor, 46 owner, 47
 * teacher, 48 police, 49 player, 50 astronaut, 51 engineer, 52 organizer, 53
 * mr, 54 mrs, 55 relative, 56 person. */
static const quote_role roles[] = {
    {"Adm.", 6, 0},
    {"CEO", 28, 0},
    {"Capt.", 4, 0},
    {"Col.", 3, 0},
    {"Dame", 54, QUOTE_FEMALE},
    {"Dr.", 11, 0},
    {"Gen.", 0, 0},
    {"Gov.", 9, 0},
    {"Lady", 54, QUOTE_FEMALE},
    {"Lord", 53, QUOTE_MALE},
    {"Lt.", 2, 0},
    {"Maj.", 1, 0},
    {"Miss", 54, QUOTE_FEMALE},
    {"Mr", 53, QUOTE_MALE},
    {"Mr.", 53, QUOTE_MALE},
    {"Mrs", 54, QUOTE_FEMALE},
    {"Mrs.", 54, QUOTE_FEMALE},
    {"Ms", 54, QUOTE_FEMALE},
    {"Ms.", 54, QUOTE_FEMALE},
    {"Pres.", 10, 0},
    {"Prof.", 12, 0},
    {"Rep.", 8, 0},
    {"Rev.", 13, 0},
    {"Sen.", 7, 0},
    {"Senator", 7, 0},
    {"Sgt.", 5, 0},
    {"Sir", 53, QUOTE_MALE},
    {"activist", 40, 0},
    {"actor", 44, QUOTE_MALE},
    {"actress", 44, QUOTE_FEMALE},
    {"admiral", 6, 0},
    {"ambassador", 16, 0},
    {"analyst", 35, 0},
    {"archbishop", 13, 0},
    {"artist", 44, 0},
    {"astronaut", 50, 0},
    {"athlete", 49, 0},
    {"attorney", 36, 0},
    {"aunt", 55, QUOTE_FEMALE},
    {"author", 33, 0},
    {"bishop", 13, 0},
    {"boy", 56, QUOTE_MALE},
    {"brother", 55, QUOTE_MALE},
    {"campaigner", 40, 0},
    {"candidate", 43, 0},
    {"captain", 4, 0},
    {"cardinal", 13, 0},
    {"ceo", 28, 0},
    {"chairman", 20, QUOTE_MALE},
    {"chairperson", 20, 0},
    {"chairwoman", 20, QUOTE_FEMALE},
    {"chancellor", 38, 0},
    {"chief", 21, 0},
    {"co-founder", 26, 0},
    {"coach", 25, 0},
    {"colonel", 3, 0},
    {"commander", 22, 0},
    {"congressman", 8, QUOTE_MALE},
    {"congresswoman", 8, QUOTE_FEMALE},
    {"constable", 48, 0},
    {"coordinator", 52, 0},
    {"correspondent", 45, 0},
    {"counsel", 36, 0},
    {"daughter", 55, QUOTE_FEMALE},
    {"defender", 49, 0},
    {"detective", 48, 0},
    {"diplomat", 16, 0},
    {"director", 19, 0},
    {"doctor", 11, 0},
    {"economist", 34, 0},
    {"editor", 45, 0},
    {"emir", 30, QUOTE_MALE},
    {"emperor", 30, QUOTE_MALE},
    {"engineer", 51, 0},
    {"envoy", 16, 0},
    {"executive", 28, 0},
    {"expert", 35, 0},
    {"eyewitness", 41, 0},
    {"father", 55, QUOTE_MALE},
    {"founder", 26, 0},
    {"general", 0, 0},
    {"generals", 0, 0},
    {"girl", 56, QUOTE_FEMALE},
    {"goalkeeper", 49, 0},
    {"governor", 9, 0},
    {"grandfather", 55, QUOTE_MALE},
    {"grandmother", 55, QUOTE_FEMALE},
    {"head", 21, 0},
    {"historian", 34, 0},
    {"husband", 55, QUOTE_MALE},
    {"imam", 13, 0},
    {"inspector", 48, 0},
    {"journalist", 45, 0},
    {"judge", 24, 0},
    {"justice", 24, 0},
    {"king", 30, QUOTE_MALE},
    {"lawmaker", 8, 0},
    {"lawyer", 36, 0},
    {"leader", 27, 0},
    {"legislator", 8, 0},
    {"lieutenant", 2, 0},
    {"major", 1, 0},
    {"man", 56, QUOTE_MALE},
    {"manager", 25, 0},
    {"mayor", 23, 0},
    {"member", 42, 0},
    {"midfielder", 49, 0},
    {"minister", 15, 0},
    {"monarch", 30, 0},
    {"mother", 55, QUOTE_FEMALE},
    {"musician", 44, 0},
    {"negotiator", 39, 0},
    {"nephew", 55, QUOTE_MALE},
    {"niece", 55, QUOTE_FEMALE},
    {"nominee", 43, 0},
    {"novelist", 33, 0},
    {"officer", 29, 0},
    {"official", 18, 0},
    {"organiser", 52, 0},
    {"organizer", 52, 0},
    {"owner", 46, 0},
    {"pastor", 13, 0},
    {"player", 49, 0},
    {"poet", 33, 0},
    {"pope", 32, QUOTE_MALE},
    {"premier", 15, 0},
    {"president", 10, 0},
    {"priest", 13, 0},
    {"prince", 31, QUOTE_MALE},
    {"princess", 31, QUOTE_FEMALE},
    {"principal", 47, 0},
    {"professor", 12, 0},
    {"proprietor", 46, 0},
    {"prosecutor", 37, 0},
    {"queen", 30, QUOTE_FEMALE},
    {"rabbi", 13, 0},
    {"representative", 8, 0},
    {"researcher", 34, 0},
    {"reverend", 13, 0},
    {"scholar", 34, 0},
    {"scientist", 34, 0},
    {"secretary", 17, 0},
    {"senator", 7, 0},
    {"sergeant", 5, 0},
    {"sheriff", 48, 0},
    {"singer", 44, 0},
    {"sister", 55, QUOTE_FEMALE},
    {"son", 55, QUOTE_MALE},
    {"spokesman", 14, QUOTE_MALE},
    {"spokespeople", 14, 0},
    {"spokesperson", 14, 0},
    {"spokeswoman", 14, QUOTE_FEMALE},
    {"striker", 49, 0},
    {"sultan", 30, QUOTE_MALE},
    {"superintendent", 48, 0},
    {"teacher", 47, 0},
    {"uncle", 55, QUOTE_MALE},
    {"widow", 55, QUOTE_FEMALE},
    {"widower", 55, QUOTE_MALE},
    {"wife", 55, QUOTE_FEMALE},
    {"witness", 41, 0},
    {"woman", 56, QUOTE_FEMALE},
    {"writer", 33, 0},
};

#define COUNT(a) (sizeof(a) / sizeof *(a))

/* Copies w[0..n) in lower case into out (size cap); false when too long. */
static bool lower(const char *w, size_t n, char *out, size_t cap)
{
    if (n + 1 > cap)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = w[i];
        out[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    out[n] = '\0';
    return true;
}

/* Binary search of a table of structs whose first member is a string. */
static const void *search(const void *table, size_t count, size_t size,
                          const char *key)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *entry = (const char *)table + mid * size;
        int c = strcmp(key, *(const char *const *)entry);
        if (c == 0)
            return entry;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

const quote_verb *quote_verb_lookup(const char *w, size_t n)
{
    char key[24];
    if (n < 3 || !lower(w, n, key, sizeof key))
        return NULL;
    return search(verbs, COUNT(verbs), sizeof *verbs, key);
}

const quote_role *quote_role_lookup(const char *w, size_t n)
{
    char key[24];
    if (n == 0 || n + 1 > sizeof key)
        return NULL;
    memcpy(key, w, n);
    key[n] = '\0';
    const quote_role *r = search(roles, COUNT(roles), sizeof *roles, key);
    if (r || !lower(w, n, key, sizeof key))
        return r;
    r = search(roles, COUNT(roles), sizeof *roles, key);
    /* Lower-case entries only: "ms" is no title. */
    return r && r->word[0] >= 'a' && r->word[0] <= 'z' ? r : NULL;
}

/* True when w[0..n) is one of the words (case-insensitive). */
static bool one_of(const char *w, size_t n, const char *const *words,
                   size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (strlen(words[i]) == n && strncasecmp(w, words[i], n) == 0)
            return true;
    return false;
}

int quote_pronoun(const char *w, size_t n)
{
    static const char *const he[] = {"he"}, *const she[] = {"she"};
    static const char *const plural[] = {"they", "it"};
    static const char *const first[] = {"I", "we"};
    if (one_of(w, n, he, 1))
        return QUOTE_MALE;
    if (one_of(w, n, she, 1))
        return QUOTE_FEMALE;
    if (one_of(w, n, plural, 2))
        return 3;
    if ((n == 1 && w[0] == 'I') || one_of(w, n, first + 1, 1))
        return 4;
    return 0;
}

bool quote_first_person(const char *w, size_t n)
{
    static const char *const words[] = {
        "we",    "my",  "our",  "me",   "us",    "myself", "ourselves",
        "I'm",   "I’m", "I've", "I’ve", "we're", "we’re",  "we've",
        "we’ve", "I'd", "I’d",  "I'll", "I’ll",  "mine",   "ours"};
    if (n == 1 && w[0] == 'I')
        return true;
    return one_of(w, n, words, COUNT(words));
}

bool quote_adverb(const char *w, size_t n)
{
    static const char *const words[] = {
        "also",       "has",           "have",         "had",
        "later",      "then",          "previously",   "reportedly",
        "further",    "again",         "once",         "recently",
        "would",      "will",          "publicly",     "repeatedly",
        "earlier",    "first",         "subsequently", "separately",
        "quickly",    "simply",        "flatly",       "strongly",
        "firmly",     "openly",        "allegedly",    "initially",
        "finally",    "already",       "officially",   "privately",
        "angrily",    "emphatically",  "clearly",      "explicitly",
        "vehemently", "categorically", "may",          "might",
        "could",      "did",           "does",         "do",
        "not",        "never",         "always",       "often",
        "has",        "himself",       "herself"};
    return one_of(w, n, words, COUNT(words));
}

bool quote_be(const char *w, size_t n)
{
    static const char *const words[] = {"is",  "are",  "was",   "were",
                                        "be",  "been", "being", "am",
                                        "get", "got",  "gets"};
    return one_of(w, n, words, COUNT(words));
}

bool quote_tables_sorted(void)
{
    for (size_t i = 1; i < COUNT(verbs); i++)
        if (strcmp(verbs[i - 1].form, verbs[i].form) >= 0)
            return false;
    for (size_t i = 1; i < COUNT(roles); i++)
        if (strcmp(roles[i - 1].word, roles[i].word) >= 0)
            return false;
    return true;
}
