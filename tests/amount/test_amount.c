/*
 * test_amount.c -- the amount extractor as a table of cases: a sentence,
 * the amount that must be found (its text), its kind, value, unit or
 * currency, approx flag and bounds; sentences with no amount at all sit
 * next to the good ones (years, dates, ordinals, phone numbers,
 * identifiers). Then the number readers of number.c on their own.
 */
#include <math.h>
#include <stdbool.h>

#include "amount/amount.h"
#include "support.h"

#define NONE (-1.0)

typedef struct amount_case {
    const char *text;
    const char *expr; /* the expected amount's text; NULL: no amount */
    ng_amount_kind kind;
    double value;
    const char *unit; /* or the currency for money; NULL: none */
    unsigned flags;   /* NG_AMOUNT_* that must be set */
    double low, high; /* NONE: not checked */
} amount_case;

static const amount_case cases[] = {
    /* counts */
    {"The US has 2,500 troops in Iraq.", "2,500 troops", NG_AMOUNT_COUNT, 2500,
     "troops", 0, NONE, NONE},
    {"The US has 2,500 troops in Iraq and 900 in Syria.", "900",
     NG_AMOUNT_COUNT, 900, "troops", NG_AMOUNT_INFERRED, NONE, NONE},
    {"The blast killed nearly 100 people.", "nearly 100 people",
     NG_AMOUNT_COUNT, 100, "people", NG_AMOUNT_APPROX, NONE, 100},
    {"It killed 100 people and injured hundreds more.", "hundreds more",
     NG_AMOUNT_COUNT, 100, "people",
     NG_AMOUNT_INFERRED | NG_AMOUNT_VAGUE | NG_AMOUNT_APPROX, 200, NONE},
    {"Some 2,500 American troops remain.", "Some 2,500 American troops",
     NG_AMOUNT_COUNT, 2500, "troops", NG_AMOUNT_APPROX, NONE, NONE},
    {"Two soldiers died.", "Two soldiers", NG_AMOUNT_COUNT, 2, "soldiers", 0,
     NONE, NONE},
    {"Twenty-five protesters were held.", "Twenty-five protesters",
     NG_AMOUNT_COUNT, 25, "protesters", 0, NONE, NONE},
    {"A dozen police officers were hurt.", "A dozen police officers",
     NG_AMOUNT_COUNT, 12, "officers", 0, NONE, NONE},
    {"Two hundred and fifty families fled.", "Two hundred and fifty families",
     NG_AMOUNT_COUNT, 250, "families", 0, NONE, NONE},
    {"Thousands of people marched.", "Thousands of people", NG_AMOUNT_COUNT,
     1000, "people", NG_AMOUNT_VAGUE | NG_AMOUNT_APPROX, 2000, NONE},
    {"Hundreds of thousands of people marched.",
     "Hundreds of thousands of people", NG_AMOUNT_COUNT, 100000, "people",
     NG_AMOUNT_VAGUE, 200000, NONE},
    {"Dozens of houses burned.", "Dozens of houses", NG_AMOUNT_COUNT, 12,
     "houses", NG_AMOUNT_VAGUE, 24, NONE},
    /* a vague end of a range is its low end, not twice it (fuzz_amount:
     * "tens - a dozen" had low 20 above high 12) */
    {"Dozens to 100 boats sank.", "Dozens to 100 boats", NG_AMOUNT_COUNT, 12,
     "boats", NG_AMOUNT_VAGUE, 12, 100},
    {"Tens - a dozen boats sank.", "Tens - a dozen boats", NG_AMOUNT_COUNT, 10,
     "boats", NG_AMOUNT_VAGUE, 10, 12},
    {"Tens of thousands of refugees crossed.", "Tens of thousands of refugees",
     NG_AMOUNT_COUNT, 10000, "refugees", NG_AMOUNT_VAGUE, 20000, NONE},
    {"The army sent 1.5 million doses.", "1.5 million doses", NG_AMOUNT_COUNT,
     1.5e6, "doses", 0, NONE, NONE},
    {"About 3 million people voted.", "About 3 million people", NG_AMOUNT_COUNT,
     3e6, "people", NG_AMOUNT_APPROX, NONE, NONE},
    {"More than 300 prisoners escaped.", "More than 300 prisoners",
     NG_AMOUNT_COUNT, 300, "prisoners", NG_AMOUNT_HAS_LOW, 300, NONE},
    {"At least 40 civilians died.", "At least 40 civilians", NG_AMOUNT_COUNT,
     40, "civilians", NG_AMOUNT_HAS_LOW, 40, NONE},
    {"Up to 5,000 refugees may arrive.", "Up to 5,000 refugees",
     NG_AMOUNT_COUNT, 5000, "refugees", NG_AMOUNT_HAS_HIGH, NONE, 5000},
    {"Fewer than 20 doctors stayed.", "Fewer than 20 doctors", NG_AMOUNT_COUNT,
     20, "doctors", NG_AMOUNT_HAS_HIGH, NONE, 20},
    {"Less than 10 percent voted.", "Less than 10 percent", NG_AMOUNT_PERCENT,
     10, NULL, NG_AMOUNT_HAS_HIGH, NONE, 10},
    {"As many as 7 million people fled.", "As many as 7 million people",
     NG_AMOUNT_COUNT, 7e6, "people", NG_AMOUNT_HAS_HIGH, NONE, 7e6},
    {"Almost 50 villages were hit.", "Almost 50 villages", NG_AMOUNT_COUNT, 50,
     "villages", NG_AMOUNT_APPROX, NONE, 50},
    {"Roughly 800 workers struck.", "Roughly 800 workers", NG_AMOUNT_COUNT, 800,
     "workers", NG_AMOUNT_APPROX, NONE, NONE},
    {"An estimated 20,000 fans came.", "An estimated 20,000 fans",
     NG_AMOUNT_COUNT, 20000, "fans", NG_AMOUNT_APPROX, NONE, NONE},
    {"Over 1,000 homes lost power.", "Over 1,000 homes", NG_AMOUNT_COUNT, 1000,
     "homes", NG_AMOUNT_HAS_LOW, 1000, NONE},
    {"Between 10 and 15 people were hurt.", "Between 10 and 15 people",
     NG_AMOUNT_COUNT, 10, "people", NG_AMOUNT_HAS_LOW | NG_AMOUNT_HAS_HIGH, 10,
     15},
    {"Some 10 to 15 boats sank.", "Some 10 to 15 boats", NG_AMOUNT_COUNT, 10,
     "boats", NG_AMOUNT_APPROX, NONE, NONE},
    {"Police arrested 10-15 people.", "10-15 people", NG_AMOUNT_COUNT, 10,
     "people", NG_AMOUNT_HAS_LOW | NG_AMOUNT_HAS_HIGH, 10, 15},
    {"Two soldiers died and 12 others were missing.", "12 others",
     NG_AMOUNT_COUNT, 12, "soldiers", NG_AMOUNT_INFERRED, NONE, NONE},
    {"The 2.500 soldiers returned home.", "2.500 soldiers", NG_AMOUNT_COUNT,
     2500, "soldiers", 0, NONE, NONE},
    {"Iran fired 1.234.567 rounds.", "1.234.567 rounds", NG_AMOUNT_COUNT,
     1234567, "rounds", 0, NONE, NONE},
    {"Some 5,000 Americans live there.", "Some 5,000 Americans",
     NG_AMOUNT_COUNT, 5000, "Americans", NG_AMOUNT_APPROX, NONE, NONE},
    {"Seven new cases were found.", "Seven new cases", NG_AMOUNT_COUNT, 7,
     "cases", 0, NONE, NONE},
    {"The unit has 40 armed men.", "40 armed men", NG_AMOUNT_COUNT, 40, "men",
     0, NONE, NONE},
    {"A million people watched.", "A million people", NG_AMOUNT_COUNT, 1e6,
     "people", 0, NONE, NONE},
    {"Nine of the 12 judges agreed.", "12 judges", NG_AMOUNT_COUNT, 12,
     "judges", 0, NONE, NONE},
    {"The vote was 52 to 48.", "52", NG_AMOUNT_NUMBER, 52, NULL, 0, NONE, NONE},
    {"One person was killed.", "One person", NG_AMOUNT_COUNT, 1, "person", 0,
     NONE, NONE},
    {"He scored 3 goals.", "3 goals", NG_AMOUNT_COUNT, 3, "goals", 0, NONE,
     NONE},
    {"Inflation is 3.", "3", NG_AMOUNT_NUMBER, 3, NULL, 0, NONE, NONE},
    /* money */
    {"The company paid $3bn for the unit.", "$3bn", NG_AMOUNT_MONEY, 3e9, "USD",
     0, NONE, NONE},
    {"It raised $1.5 billion.", "$1.5 billion", NG_AMOUNT_MONEY, 1.5e9, "USD",
     0, NONE, NONE},
    {"Shares rose to $68.50.", "$68.50", NG_AMOUNT_MONEY, 68.5, "USD", 0, NONE,
     NONE},
    {"The fine was €20 million.", "€20 million", NG_AMOUNT_MONEY, 2e7, "EUR", 0,
     NONE, NONE},
    {"Tickets cost £5m in all.", "£5m", NG_AMOUNT_MONEY, 5e6, "GBP", 0, NONE,
     NONE},
    {"The deal is worth US$ 4 million.", "US$ 4 million", NG_AMOUNT_MONEY, 4e6,
     "USD", 0, NONE, NONE},
    {"Aid reached 500 million euros.", "500 million euros", NG_AMOUNT_MONEY,
     5e8, "EUR", 0, NONE, NONE},
    {"The bank lent 10 billion dollars.", "10 billion dollars", NG_AMOUNT_MONEY,
     1e10, "USD", 0, NONE, NONE},
    {"Loans of 300 billion rubles were cut.", "300 billion rubles",
     NG_AMOUNT_MONEY, 3e11, "RUB", 0, NONE, NONE},
    {"He earned 30 cents a share.", "30 cents", NG_AMOUNT_MONEY, 0.3, "USD", 0,
     NONE, NONE},
    {"The fund holds EUR 2 million.", "EUR 2 million", NG_AMOUNT_MONEY, 2e6,
     "EUR", 0, NONE, NONE},
    {"Billions of dollars were lost.", "Billions of dollars", NG_AMOUNT_MONEY,
     1e9, "USD", NG_AMOUNT_VAGUE, NONE, NONE},
    {"Costs rose to about $2.5 million.", "about $2.5 million", NG_AMOUNT_MONEY,
     2.5e6, "USD", NG_AMOUNT_APPROX, NONE, NONE},
    {"Bids ranged from $10 to $15.", "$10", NG_AMOUNT_MONEY, 10, "USD", 0, NONE,
     NONE},
    {"Sales hit $5 million in 2020 and 7 million in 2021.", "7 million",
     NG_AMOUNT_MONEY, 7e6, "USD", NG_AMOUNT_INFERRED, NONE, NONE},
    {"It costs 500,000 pounds.", "500,000 pounds", NG_AMOUNT_MONEY, 5e5, "GBP",
     0, NONE, NONE},
    {"It weighs 5 pounds of sugar.", "5 pounds", NG_AMOUNT_MEASURE, 5, "pounds",
     0, NONE, NONE},
    {"Japan pledged 100 billion yen.", "100 billion yen", NG_AMOUNT_MONEY, 1e11,
     "JPY", 0, NONE, NONE},
    {"The loan was HK$ 3 million.", "HK$ 3 million", NG_AMOUNT_MONEY, 3e6,
     "HKD", 0, NONE, NONE},
    {"Ticket prices reached $20k.", "$20k", NG_AMOUNT_MONEY, 2e4, "USD", 0,
     NONE, NONE},
    /* percentages */
    {"Unemployment rose to 20%.", "20%", NG_AMOUNT_PERCENT, 20, NULL, 0, NONE,
     NONE},
    {"Turnout was 61.5 percent.", "61.5 percent", NG_AMOUNT_PERCENT, 61.5, NULL,
     0, NONE, NONE},
    {"Prices fell 3 per cent.", "3 per cent", NG_AMOUNT_PERCENT, 3, NULL, 0,
     NONE, NONE},
    {"Rates rose 2.5 percentage points.", "2.5 percentage points",
     NG_AMOUNT_PERCENT, 2.5, "percentage points", 0, NONE, NONE},
    {"Homes lost 10-15% of value.", "10-15%", NG_AMOUNT_PERCENT, 10, NULL,
     NG_AMOUNT_HAS_LOW | NG_AMOUNT_HAS_HIGH, 10, 15},
    {"Nearly 40% of voters agreed.", "Nearly 40%", NG_AMOUNT_PERCENT, 40, NULL,
     NG_AMOUNT_APPROX, NONE, 40},
    {"The 2.500 percent bonds fell.", "2.500 percent", NG_AMOUNT_PERCENT, 2.5,
     NULL, 0, NONE, NONE},
    {"Ten percent of homes burned.", "Ten percent", NG_AMOUNT_PERCENT, 10, NULL,
     0, NONE, NONE},
    /* measures */
    {"The convoy drove 300 km.", "300 km", NG_AMOUNT_MEASURE, 300, "km", 0,
     NONE, NONE},
    {"More than 300 km of road was cut.", "More than 300 km", NG_AMOUNT_MEASURE,
     300, "km", NG_AMOUNT_HAS_LOW, 300, NONE},
    {"At least 40 tonnes of aid arrived.", "At least 40 tonnes",
     NG_AMOUNT_MEASURE, 40, "tonnes", NG_AMOUNT_HAS_LOW, 40, NONE},
    {"Output fell to 1.2 million barrels.", "1.2 million barrels",
     NG_AMOUNT_MEASURE, 1.2e6, "barrels", 0, NONE, NONE},
    {"The fire burned 5,000 acres.", "5,000 acres", NG_AMOUNT_MEASURE, 5000,
     "acres", 0, NONE, NONE},
    {"The wall is 12 miles long.", "12 miles", NG_AMOUNT_MEASURE, 12, "miles",
     0, NONE, NONE},
    {"It reached 45 degrees.", "45 degrees", NG_AMOUNT_MEASURE, 45, "degrees",
     0, NONE, NONE},
    /* fractions and decimals */
    {"About 3/4 of the town voted.", "About 3/4", NG_AMOUNT_NUMBER, 0.75, NULL,
     NG_AMOUNT_APPROX, NONE, NONE},
    {"The rate is 1.75.", "1.75", NG_AMOUNT_NUMBER, 1.75, NULL, 0, NONE, NONE},
    {"It grew by .5 points.", ".5", NG_AMOUNT_NUMBER, 0.5, NULL, 0, NONE, NONE},
    /* not amounts */
    {"Founded in 2013, the group grew.", NULL, 0, 0, NULL, 0, NONE, NONE},
    {"The talks ended on Dec. 20.", NULL, 0, 0, NULL, 0, NONE, NONE},
    {"The blast came at 10:30 a.m. on Friday.", NULL, 0, 0, NULL, 0, NONE,
     NONE},
    {"The regime lasted two decades.", NULL, 0, 0, NULL, 0, NONE, NONE},
    {"He was 3rd in the 21st race.", NULL, 0, 0, NULL, 0, NONE, NONE},
    {"It was his first visit.", NULL, 0, 0, NULL, 0, NONE, NONE},
    {"Call 555-0100 for tickets.", NULL, 0, 0, NULL, 0, NONE, NONE},
    {"Call 202-555-0100 now.", NULL, 0, 0, NULL, 0, NONE, NONE},
    {"He flew a Boeing 747 home.", NULL, 0, 0, NULL, 0, NONE, NONE},
    {"The case fell under Chapter 11.", NULL, 0, 0, NULL, 0, NONE, NONE},
    {"She lives at 10 Downing Street.", NULL, 0, 0, NULL, 0, NONE, NONE},
    {"See page 12 of the report.", NULL, 0, 0, NULL, 0, NONE, NONE},
    {"Resolution 1441 was passed.", NULL, 0, 0, NULL, 0, NONE, NONE},
    {"One of the officials resigned.", NULL, 0, 0, NULL, 0, NONE, NONE},
    {"The meeting of 2024-03-15 was cancelled.", NULL, 0, 0, NULL, 0, NONE,
     NONE},
    {"The 6-year-old boy was rescued.", NULL, 0, 0, NULL, 0, NONE, NONE},
    {"He is 52 years old.", NULL, 0, 0, NULL, 0, NONE, NONE},
    {"The score was 3-1.", NULL, 0, 0, NULL, 0, NONE, NONE},
    {"", NULL, 0, 0, NULL, 0, NONE, NONE},
    {"No numbers in here at all.", NULL, 0, 0, NULL, 0, NONE, NONE},
    {"Ryder spoke in 2024 about COVID-19.", NULL, 0, 0, NULL, 0, NONE, NONE},
    {"In 1990 sales rose.", NULL, 0, 0, NULL, 0, NONE, NONE},
    {"The firm's G7 plan and its 5G unit.", NULL, 0, 0, NULL, 0, NONE, NONE},
    {"Trains run every 15 minutes.", NULL, 0, 0, NULL, 0, NONE, NONE},
    {"Exports fell 2.5% last year.", "2.5%", NG_AMOUNT_PERCENT, 2.5, NULL, 0,
     NONE, NONE},
};

enum { NCASES = sizeof cases / sizeof *cases };

static bool close_to(double a, double b)
{
    return fabs(a - b) <= 1e-9 * (fabs(b) > 1 ? fabs(b) : 1);
}

static bool check_amount(size_t k, const amount_case *c, const ng_amount *m)
{
    const char *got_unit = c->kind == NG_AMOUNT_MONEY ? m->currency : m->unit;
    if (m->kind != c->kind || !close_to(m->value, c->value) ||
        (c->unit == NULL) != (got_unit == NULL) ||
        (c->unit && strcmp(c->unit, got_unit) != 0) ||
        (m->flags & c->flags) != c->flags) {
        print_error("case %zu: '%s': want %s %g %s flags %u, got %s %g %s "
                    "flags %u\n",
                    k, c->expr, ng_amount_kind_name(c->kind), c->value,
                    c->unit ? c->unit : "-", c->flags,
                    ng_amount_kind_name(m->kind), m->value,
                    got_unit ? got_unit : "-", m->flags);
        return false;
    }
    if ((c->low != NONE && !close_to(m->low, c->low)) ||
        (c->high != NONE && !close_to(m->high, c->high))) {
        print_error("case %zu: '%s': want bounds %g..%g, got %g..%g\n", k,
                    c->expr, c->low, c->high, m->low, m->high);
        return false;
    }
    return true;
}

static bool check_case(size_t k, const amount_case *c, const ng_analysis *res)
{
    const char *text = ng_analysis_text(res, NULL);
    size_t n = ng_analysis_amount_count(res);
    if (!c->expr) {
        if (n) {
            const ng_amount *m = ng_analysis_amount(res, 0);
            print_error("case %zu: '%s': want no amount, got '%.*s'\n", k,
                        c->text, (int)(m->span.end - m->span.start),
                        text + m->span.start);
            return false;
        }
        return true;
    }
    for (size_t i = 0; i < n; i++) {
        const ng_amount *m = ng_analysis_amount(res, i);
        size_t len = m->span.end - m->span.start;
        if (len == strlen(c->expr) &&
            memcmp(text + m->span.start, c->expr, len) == 0)
            return check_amount(k, c, m);
    }
    print_error("case %zu: '%s' not found in '%s' (%zu amounts)\n", k, c->expr,
                c->text, n);
    for (size_t i = 0; i < n; i++) {
        const ng_amount *m = ng_analysis_amount(res, i);
        print_error("    found '%.*s'\n", (int)(m->span.end - m->span.start),
                    text + m->span.start);
    }
    return false;
}

static void test_cases(void **state)
{
    (void)state;
    ng_analyzer *an;
    assert_int_equal(ng_analyzer_new(&an, NULL), NG_OK);
    size_t failed = 0;
    for (size_t k = 0; k < NCASES; k++) {
        ng_article *a;
        assert_int_equal(ng_article_new(&a, "case", "2024-01-08", NULL, NULL, 0,
                                        cases[k].text, strlen(cases[k].text)),
                         NG_OK);
        ng_analysis *res;
        assert_int_equal(ng_analyze(an, a, &res), NG_OK);
        failed += !check_case(k, &cases[k], res);
        ng_analysis_free(res);
        ng_article_free(a);
    }
    print_message("%d amount cases, %zu failed\n", (int)NCASES, failed);
    assert_int_equal(failed, 0);
    assert_true(NCASES >= 100);
    ng_analyzer_free(an);
}

/* The readers of number.c, with bad input next to good. */
static void test_numbers(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        bool count_follows;
        bool ok;
        double value, high;
        unsigned flags;
    } digits[] = {
        {"2,500", false, true, 2500, 2500, AD_GROUPED},
        {"2.500", true, true, 2500, 2500, AD_GROUPED},
        {"2.500", false, true, 2.5, 2.5, AD_DECIMAL},
        {"1.234.567", false, true, 1234567, 1234567, AD_GROUPED},
        {"12,345.67", false, true, 12345.67, 12345.67, AD_GROUPED | AD_DECIMAL},
        {"1.5m", false, true, 1.5e6, 1.5e6, AD_DECIMAL},
        {"3bn", false, true, 3e9, 3e9, 0},
        {"20k", false, true, 2e4, 2e4, 0},
        {"3/4", false, true, 0.75, 0.75, AD_FRACTION},
        {"10-15", false, true, 10, 15, AD_RANGE},
        {"21st", false, true, 21, 21, AD_ORDINAL},
        {".5", false, true, 0.5, 0.5, AD_DECIMAL},
        {"12st", false, false, 0, 0, 0},
        {"15-10", false, false, 0, 0, 0},
        {"10:30", false, false, 0, 0, 0},
        {"2024-01-08", false, false, 0, 0, 0},
        {"1,2,3", false, false, 0, 0, 0},
        {"12345,678", false, false, 0, 0, 0},
        {"9/11", false, false, 0, 0, 0},
        {"1.2.3.4", false, false, 0, 0, 0},
        {"2,50", false, false, 0, 0, 0},
        {"1234567890123456789", false, false, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof digits / sizeof *digits; i++) {
        double v = -1, h = -1;
        unsigned f = 0;
        bool ok = amount_digits(digits[i].s, strlen(digits[i].s),
                                digits[i].count_follows, &v, &h, &f);
        if (ok != digits[i].ok)
            fail_msg("'%s': want %s", digits[i].s,
                     digits[i].ok ? "a number" : "no number");
        if (ok) {
            assert_true(close_to(v, digits[i].value));
            assert_true(close_to(h, digits[i].high));
            assert_int_equal(f, digits[i].flags);
        }
    }
    assert_true(amount_tables_sorted());
    double v;
    assert_int_equal(amount_word("Twenty", 6, &v), AW_TENS);
    assert_true(v == 20);
    assert_int_equal(amount_word("hundreds", 8, &v), AW_VAGUE);
    assert_int_equal(amount_word("twentyx", 7, &v), AW_NONE);
    assert_int_equal(amount_word("", 0, &v), AW_NONE);
    assert_true(amount_compound("forty-two", 9, &v) && v == 42);
    assert_false(amount_compound("forty-ten", 9, &v));
    assert_false(amount_compound("two-three", 9, &v));
    double vals[] = {2, 100, 50, 1000};
    uint8_t kinds[] = {AW_DIGIT, AW_SCALE, AW_TENS, AW_SCALE};
    assert_true(amount_combine(vals, kinds, 4, &v) && v == 250000);
    uint8_t bad[] = {AW_DIGIT, AW_DIGIT};
    assert_false(amount_combine(vals, bad, 2, &v));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_numbers),
    };
    return cmocka_run_group_tests_name("amount", tests, NULL, NULL);
}
