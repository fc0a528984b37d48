/*
 * lexicon.c -- the words of temporal expressions with their class and
 * value, one sorted table searched by binary search (lower-case keys;
 * periods of abbreviations are dropped before lookup: "Sept." is "sept").
 *
 * Sources: the months, weekdays, units, seasons and parts of day of the
 * TIMEX3 value syntax (TimeML 1.2.1 guidelines, sections 2.2-2.4); the
 * modifier words of the guidelines' mod attribute (START, MID, END,
 * APPROX, LESS_THAN, MORE_THAN, EQUAL_OR_LESS, EQUAL_OR_MORE); the US
 * time zone abbreviations of news wires.
 *
 * "second" is an ordinal here; the recognizer reads it as a unit after a
 * number ("30 second").
 */
#include <string.h>

#include "timex.h"

static const timex_entry lexicon[] = {
    {"a", TC_DET, 1, 0},
    {"a.m", TC_CLOCK, TK_AM, 0},
    {"about", TC_QUANTMOD, TQ_APPROX, 0},
    {"after", TC_AFTERWORD, TA_LATER, 0},
    {"afternoon", TC_PARTDAY, TP_AFTERNOON, 0},
    {"afternoons", TC_PARTDAY, TP_AFTERNOON, TF_PLURAL},
    {"afterward", TC_AFTERWORD, TA_LATER, 0},
    {"afterwards", TC_AFTERWORD, TA_LATER, 0},
    {"ago", TC_AFTERWORD, TA_AGO, 0},
    {"ahead", TC_AFTERWORD, TA_AHEAD, 0},
    {"almost", TC_QUANTMOD, TQ_LESS_THAN, 0},
    {"am", TC_CLOCK, TK_AM, TF_ABBREV},
    {"an", TC_DET, 1, 0},
    {"annually", TC_FREQ, TU_YEAR, 0},
    {"approximately", TC_QUANTMOD, TQ_APPROX, 0},
    {"apr", TC_MONTH, 4, TF_ABBREV},
    {"april", TC_MONTH, 4, 0},
    {"around", TC_QUANTMOD, TQ_APPROX, 0},
    {"aug", TC_MONTH, 8, TF_ABBREV},
    {"august", TC_MONTH, 8, 0},
    {"autumn", TC_SEASON, 3, 0},
    {"before", TC_AFTERWORD, TA_EARLIER, 0},
    {"beginning", TC_PART, TR_EARLY, 0},
    {"biweekly", TC_FREQ, TU_FORTNIGHT, 0},
    {"bst", TC_ZONE, 0, 0},
    {"cdt", TC_ZONE, 0, 0},
    {"centuries", TC_UNIT, TU_CENTURY, TF_PLURAL},
    {"century", TC_UNIT, TU_CENTURY, 0},
    {"cet", TC_ZONE, 0, 0},
    {"christmas", TC_HOLIDAY, TH_CHRISTMAS, 0},
    {"close", TC_PART, TR_LATE, 0},
    {"coming", TC_SHIFT, TS_NEXT, 0},
    {"couple", TC_VAGUE, 2, 0},
    {"cst", TC_ZONE, 0, 0},
    {"current", TC_SHIFT, TS_THIS, 0},
    {"currently", TC_DEICTIC, TD_NOW, 0},
    {"daily", TC_FREQ, TU_DAY, 0},
    {"day", TC_UNIT, TU_DAY, 0},
    {"days", TC_UNIT, TU_DAY, TF_PLURAL},
    {"daytime", TC_PARTDAY, TP_DAYTIME, 0},
    {"dec", TC_MONTH, 12, TF_ABBREV},
    {"decade", TC_UNIT, TU_DECADE, 0},
    {"decades", TC_UNIT, TU_DECADE, TF_PLURAL},
    {"december", TC_MONTH, 12, 0},
    {"each", TC_EVERY, 0, 0},
    {"earlier", TC_SHIFT, TS_EARLIER, 0},
    {"early", TC_PART, TR_EARLY, 0},
    {"easter", TC_HOLIDAY, TH_EASTER, 0},
    {"edt", TC_ZONE, 0, 0},
    {"eighteenth", TC_ORDINAL, 18, 0},
    {"eighth", TC_ORDINAL, 8, 0},
    {"eleventh", TC_ORDINAL, 11, 0},
    {"end", TC_PART, TR_LATE, 0},
    {"ensuing", TC_SHIFT, TS_NEXT, 0},
    {"est", TC_ZONE, 0, 0},
    {"evening", TC_PARTDAY, TP_EVENING, 0},
    {"evenings", TC_PARTDAY, TP_EVENING, TF_PLURAL},
    {"every", TC_EVERY, 0, 0},
    {"fall", TC_SEASON, 3, 0},
    {"feb", TC_MONTH, 2, TF_ABBREV},
    {"february", TC_MONTH, 2, 0},
    {"few", TC_VAGUE, 0, 0},
    {"fifteenth", TC_ORDINAL, 15, 0},
    {"fifth", TC_ORDINAL, 5, 0},
    {"first", TC_ORDINAL, 1, 0},
    {"fiscal", TC_FISCAL, 0, 0},
    {"following", TC_SHIFT, TS_NEXT, 0},
    {"fortnight", TC_UNIT, TU_FORTNIGHT, 0},
    {"fortnights", TC_UNIT, TU_FORTNIGHT, TF_PLURAL},
    {"fourteenth", TC_ORDINAL, 14, 0},
    {"fourth", TC_ORDINAL, 4, 0},
    {"fri", TC_WEEKDAY, 5, TF_ABBREV | TF_CAPONLY},
    {"friday", TC_WEEKDAY, 5, 0},
    {"fridays", TC_WEEKDAY, 5, TF_PLURAL},
    {"gmt", TC_ZONE, 0, 0},
    {"halloween", TC_HOLIDAY, TH_HALLOWEEN, 0},
    {"hence", TC_AFTERWORD, TA_LATER, 0},
    {"hour", TC_UNIT, TU_HOUR, 0},
    {"hourly", TC_FREQ, TU_HOUR, 0},
    {"hours", TC_UNIT, TU_HOUR, TF_PLURAL},
    {"its", TC_DET, 0, 0},
    {"jan", TC_MONTH, 1, TF_ABBREV},
    {"january", TC_MONTH, 1, 0},
    {"jul", TC_MONTH, 7, TF_ABBREV},
    {"july", TC_MONTH, 7, 0},
    {"jun", TC_MONTH, 6, TF_ABBREV},
    {"june", TC_MONTH, 6, 0},
    {"last", TC_SHIFT, TS_LAST, 0},
    {"late", TC_PART, TR_LATE, 0},
    {"lately", TC_DEICTIC, TD_PAST_REF, 0},
    {"later", TC_SHIFT, TS_LATER, 0},
    {"many", TC_VAGUE, 0, 0},
    {"mar", TC_MONTH, 3, TF_ABBREV | TF_CAPONLY},
    {"march", TC_MONTH, 3, TF_CAPONLY},
    {"may", TC_MONTH, 5, TF_CAPONLY},
    {"mdt", TC_ZONE, 0, 0},
    {"mid", TC_PART, TR_MID, 0},
    {"midday", TC_CLOCK, TK_NOON, 0},
    {"middle", TC_PART, TR_MID, 0},
    {"midnight", TC_CLOCK, TK_MIDNIGHT, 0},
    {"millennia", TC_UNIT, TU_MILLENNIUM, TF_PLURAL},
    {"millennium", TC_UNIT, TU_MILLENNIUM, 0},
    {"minute", TC_UNIT, TU_MINUTE, 0},
    {"minutes", TC_UNIT, TU_MINUTE, TF_PLURAL},
    {"moment", TC_PERIOD, 3, 0},
    {"mon", TC_WEEKDAY, 1, TF_ABBREV | TF_CAPONLY},
    {"monday", TC_WEEKDAY, 1, 0},
    {"mondays", TC_WEEKDAY, 1, TF_PLURAL},
    {"month", TC_UNIT, TU_MONTH, 0},
    {"monthly", TC_FREQ, TU_MONTH, 0},
    {"months", TC_UNIT, TU_MONTH, TF_PLURAL},
    {"morning", TC_PARTDAY, TP_MORNING, 0},
    {"mornings", TC_PARTDAY, TP_MORNING, TF_PLURAL},
    {"mst", TC_ZONE, 0, 0},
    {"nearly", TC_QUANTMOD, TQ_LESS_THAN, 0},
    {"next", TC_SHIFT, TS_NEXT, 0},
    {"night", TC_PARTDAY, TP_NIGHT, 0},
    {"nightly", TC_FREQ, TU_DAY, 0},
    {"nights", TC_PARTDAY, TP_NIGHT, TF_PLURAL},
    {"nineteenth", TC_ORDINAL, 19, 0},
    {"ninth", TC_ORDINAL, 9, 0},
    {"noon", TC_CLOCK, TK_NOON, 0},
    {"nov", TC_MONTH, 11, TF_ABBREV},
    {"november", TC_MONTH, 11, 0},
    {"now", TC_DEICTIC, TD_NOW, 0},
    {"nowadays", TC_DEICTIC, TD_NOW, 0},
    {"numerous", TC_VAGUE, 0, 0},
    {"oct", TC_MONTH, 10, TF_ABBREV},
    {"october", TC_MONTH, 10, 0},
    {"over", TC_QUANTMOD, TQ_MORE_THAN, 0},
    {"overnight", TC_PARTDAY, TP_NIGHT, TF_ABBREV},
    {"p.m", TC_CLOCK, TK_PM, 0},
    {"past", TC_SHIFT, TS_LAST, 0},
    {"pdt", TC_ZONE, 0, 0},
    {"per", TC_EVERY, 1, 0},
    {"period", TC_PERIOD, 0, 0},
    {"pm", TC_CLOCK, TK_PM, TF_ABBREV},
    {"preceding", TC_SHIFT, TS_LAST, 0},
    {"present", TC_SHIFT, TS_THIS, 0},
    {"presently", TC_DEICTIC, TD_NOW, 0},
    {"previous", TC_SHIFT, TS_LAST, 0},
    {"prior", TC_SHIFT, TS_LAST, 0},
    {"pst", TC_ZONE, 0, 0},
    {"quarter", TC_UNIT, TU_QUARTER, 0},
    {"quarters", TC_UNIT, TU_QUARTER, TF_PLURAL},
    {"recent", TC_SHIFT, TS_RECENT, 0},
    {"recently", TC_DEICTIC, TD_PAST_REF, 0},
    {"roughly", TC_QUANTMOD, TQ_APPROX, 0},
    {"same", TC_SHIFT, TS_THAT, 0},
    {"sat", TC_WEEKDAY, 6, TF_ABBREV | TF_CAPONLY},
    {"saturday", TC_WEEKDAY, 6, 0},
    {"saturdays", TC_WEEKDAY, 6, TF_PLURAL},
    {"second", TC_ORDINAL, 2, 0},
    {"seconds", TC_UNIT, TU_SECOND, TF_PLURAL},
    {"sep", TC_MONTH, 9, TF_ABBREV},
    {"sept", TC_MONTH, 9, TF_ABBREV},
    {"september", TC_MONTH, 9, 0},
    {"seventeenth", TC_ORDINAL, 17, 0},
    {"seventh", TC_ORDINAL, 7, 0},
    {"several", TC_VAGUE, 0, 0},
    {"sixteenth", TC_ORDINAL, 16, 0},
    {"sixth", TC_ORDINAL, 6, 0},
    {"some", TC_VAGUE, 0, 0},
    {"spring", TC_SEASON, 1, 0},
    {"start", TC_PART, TR_EARLY, 0},
    {"summer", TC_SEASON, 2, 0},
    {"summers", TC_SEASON, 2, TF_PLURAL},
    {"sun", TC_WEEKDAY, 7, TF_ABBREV | TF_CAPONLY},
    {"sunday", TC_WEEKDAY, 7, 0},
    {"sundays", TC_WEEKDAY, 7, TF_PLURAL},
    {"tenth", TC_ORDINAL, 10, 0},
    {"term", TC_PERIOD, 1, 0},
    {"thanksgiving", TC_HOLIDAY, TH_THANKSGIVING, 0},
    {"that", TC_SHIFT, TS_THAT, 0},
    {"the", TC_DET, 0, 0},
    {"third", TC_ORDINAL, 3, 0},
    {"thirteenth", TC_ORDINAL, 13, 0},
    {"thirtieth", TC_ORDINAL, 30, 0},
    {"this", TC_SHIFT, TS_THIS, 0},
    {"thu", TC_WEEKDAY, 4, TF_ABBREV | TF_CAPONLY},
    {"thur", TC_WEEKDAY, 4, TF_ABBREV | TF_CAPONLY},
    {"thurs", TC_WEEKDAY, 4, TF_ABBREV | TF_CAPONLY},
    {"thursday", TC_WEEKDAY, 4, 0},
    {"thursdays", TC_WEEKDAY, 4, TF_PLURAL},
    {"time", TC_PERIOD, 2, 0},
    {"today", TC_DEICTIC, TD_TODAY, 0},
    {"tomorrow", TC_DEICTIC, TD_TOMORROW, 0},
    {"tonight", TC_DEICTIC, TD_TONIGHT, 0},
    {"tue", TC_WEEKDAY, 2, TF_ABBREV | TF_CAPONLY},
    {"tues", TC_WEEKDAY, 2, TF_ABBREV | TF_CAPONLY},
    {"tuesday", TC_WEEKDAY, 2, 0},
    {"tuesdays", TC_WEEKDAY, 2, TF_PLURAL},
    {"twelfth", TC_ORDINAL, 12, 0},
    {"twentieth", TC_ORDINAL, 20, 0},
    {"under", TC_QUANTMOD, TQ_LESS_THAN, 0},
    {"upcoming", TC_SHIFT, TS_NEXT, 0},
    {"utc", TC_ZONE, 0, 0},
    {"wed", TC_WEEKDAY, 3, TF_ABBREV | TF_CAPONLY},
    {"wednesday", TC_WEEKDAY, 3, 0},
    {"wednesdays", TC_WEEKDAY, 3, TF_PLURAL},
    {"week", TC_UNIT, TU_WEEK, 0},
    {"weekend", TC_UNIT, TU_WEEKEND, 0},
    {"weekends", TC_UNIT, TU_WEEKEND, TF_PLURAL},
    {"weekly", TC_FREQ, TU_WEEK, 0},
    {"weeks", TC_UNIT, TU_WEEK, TF_PLURAL},
    {"while", TC_PERIOD, 4, 0},
    {"winter", TC_SEASON, 4, 0},
    {"winters", TC_SEASON, 4, TF_PLURAL},
    {"within", TC_QUANTMOD, TQ_EQUAL_OR_LESS, 0},
    {"year", TC_UNIT, TU_YEAR, 0},
    {"yearly", TC_FREQ, TU_YEAR, 0},
    {"years", TC_UNIT, TU_YEAR, TF_PLURAL},
    {"yesterday", TC_DEICTIC, TD_YESTERDAY, 0},
};

enum { LEXICON_SIZE = sizeof lexicon / sizeof *lexicon };

static unsigned bucket(char c)
{
    return c >= 'a' && c <= 'z' ? (unsigned)(c - 'a') : 26;
}

void timex_index_init(timex_index *ix)
{
    size_t k = 0;
    memset(ix->second, 0, sizeof ix->second);
    for (unsigned b = 0; b < 27; b++) {
        ix->start[b] = (uint16_t)k;
        while (k < LEXICON_SIZE && bucket(lexicon[k].word[0]) == b) {
            ix->second[b] |= 1u << bucket(lexicon[k].word[1]);
            k++;
        }
    }
    ix->start[27] = (uint16_t)k;
}

/* Binary search of w[0..n) in lexicon[lo, hi). */
static const timex_entry *search(size_t lo, size_t hi, const char *w, size_t n)
{
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *k = lexicon[mid].word;
        size_t j = 0; /* inline: this runs for every word of every text */
        while (j < n && k[j] == w[j])
            j++;
        int c =
            j < n ? (unsigned char)k[j] - (unsigned char)w[j] : k[n] != '\0';
        if (c == 0)
            return &lexicon[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

const timex_entry *timex_lookup(const char *w, size_t n)
{
    return search(0, LEXICON_SIZE, w, n);
}

const timex_entry *timex_lookup_in(const timex_index *ix, const char *w,
                                   size_t n)
{
    if (n == 0)
        return NULL;
    unsigned b = bucket(w[0]);
    if (!(ix->second[b] & (1u << bucket(n > 1 ? w[1] : '\0'))))
        return NULL; /* no word begins so: most words stop here */
    return search(ix->start[b], ix->start[b + 1], w, n);
}

bool timex_lexicon_sorted(void)
{
    for (size_t i = 1; i < LEXICON_SIZE; i++)
        if (strcmp(lexicon[i - 1].word, lexicon[i].word) >= 0)
            return false;
    return true;
}
