/*
 * extracts.c -- the public accessors of what the extractors found in an
 * analysis (times from src/time, amounts from src/amount, quotes from
 * src/quote, keyphrases from src/keyword) and the names of their types.
 */
#include "analyze.h"

const char *ng_time_type_name(ng_time_type type)
{
    static const char *const names[] = {"DATE", "TIME", "DURATION", "SET"};
    if ((unsigned)type < sizeof names / sizeof *names)
        return names[type];
    return "unknown";
}

size_t ng_analysis_time_count(const ng_analysis *an)
{
    return an ? an->ntimes : 0;
}

const ng_time *ng_analysis_time(const ng_analysis *an, size_t i)
{
    return an && i < an->ntimes ? &an->times[i] : NULL;
}

const char *ng_amount_kind_name(ng_amount_kind kind)
{
    static const char *const names[] = {"number", "count", "money", "percent",
                                        "measure"};
    if ((unsigned)kind < sizeof names / sizeof *names)
        return names[kind];
    return "unknown";
}

size_t ng_analysis_amount_count(const ng_analysis *an)
{
    return an ? an->namounts : 0;
}

const ng_amount *ng_analysis_amount(const ng_analysis *an, size_t i)
{
    return an && i < an->namounts ? &an->amounts[i] : NULL;
}

const char *ng_quote_kind_name(ng_quote_kind kind)
{
    static const char *const names[] = {"direct", "blockquote", "reported"};
    if ((unsigned)kind < sizeof names / sizeof *names)
        return names[kind];
    return "unknown";
}

size_t ng_analysis_quote_count(const ng_analysis *an)
{
    return an ? an->nquotes : 0;
}

const ng_quote *ng_analysis_quote(const ng_analysis *an, size_t i)
{
    return an && i < an->nquotes ? &an->quotes[i] : NULL;
}

size_t ng_analysis_keyword_count(const ng_analysis *an)
{
    return an ? an->nkeywords : 0;
}

const ng_keyword *ng_analysis_keyword(const ng_analysis *an, size_t i)
{
    return an && i < an->nkeywords ? &an->keywords[i] : NULL;
}
