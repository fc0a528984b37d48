/*
 * uc.c -- the character classes the segmenter works with. ASCII comes
 * from a table; the rest from a short list of punctuation that news text
 * uses, then utf8proc's general category.
 */
#include <utf8proc.h>

#include "text.h"

#define S UC_SPACE
#define U UC_UPPER
#define L UC_LOWER
#define D UC_DIGIT
#define P UC_PUNCT
#define Y UC_SYMBOL
/* Classes of the ASCII characters; controls count as space. */
const uint8_t uc_ascii_class[128] = {
    S,        S, S,        S, S, S,         S, S,
    S,        S, S,        S, S, S,         S, S, /* 0x00 */
    S,        S, S,        S, S, S,         S, S,
    S,        S, S,        S, S, S,         S, S,       /* 0x10 */
    S,        P, UC_QUOTE, Y, Y, Y,         Y, UC_APOS, /*  !"#$%&' */
    P,        P, Y,        Y, P, UC_HYPHEN, P, Y,       /* ()*+,-./ */
    D,        D, D,        D, D, D,         D, D,
    D,        D, P,        P, Y, Y,         Y, P, /* 0-9 :;<=>? */
    Y,        U, U,        U, U, U,         U, U,
    U,        U, U,        U, U, U,         U, U, /* @A-O */
    U,        U, U,        U, U, U,         U, U,
    U,        U, U,        P, Y, P,         Y, Y, /* P-Z [\]^_ */
    UC_QUOTE, L, L,        L, L, L,         L, L,
    L,        L, L,        L, L, L,         L, L, /* `a-o */
    L,        L, L,        L, L, L,         L, L,
    L,        L, L,        P, Y, P,         Y, S, /* p-z {|}~ DEL */
};
#undef S
#undef U
#undef L
#undef D
#undef P
#undef Y

static uc_class category_class(uint32_t cp)
{
    switch (utf8proc_category((utf8proc_int32_t)cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT: return UC_UPPER;
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME: return UC_LOWER;
    case UTF8PROC_CATEGORY_ND: return UC_DIGIT;
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC: return UC_SPACE;
    case UTF8PROC_CATEGORY_PC:
    case UTF8PROC_CATEGORY_PD:
    case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE:
    case UTF8PROC_CATEGORY_PI:
    case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO: return UC_PUNCT;
    default: return UC_SYMBOL;
    }
}

uc_class uc_classify(uint32_t cp)
{
    if (cp < 0x80)
        return (uc_class)uc_ascii_class[cp];
    switch (cp) {
    case 0x2018: /* ‘ opens a quote or stands for a dropped letter */
    case 0x2019: /* ’ closes a quote or is an apostrophe */
    case 0x02BC: /* ʼ modifier apostrophe */ return UC_APOS;
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F: /* “ ” „ ‟ */
    case 0x00AB:
    case 0x00BB:
    case 0x2039:
    case 0x203A: /* « » ‹ › */
    case 0x201A:
    case 0x300C:
    case 0x300D: /* ‚ 「 」 */ return UC_QUOTE;
    case 0x2010:
    case 0x2011:
    case 0x00AD: /* hyphen, no-break, soft */ return UC_HYPHEN;
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212: return UC_DASH;
    case 0x2026: return UC_ELLIPSIS;
    case 0x200C:
    case 0x200D: /* joiners live inside words (Persian) */ return UC_LOWER;
    case 0x200B:
    case 0x2060:
    case 0xFEFF: /* zero-width spaces */ return UC_SPACE;
    }
    return category_class(cp);
}
