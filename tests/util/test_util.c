/*
 * test_util.c -- calendar dates, UTF-8 validation, capped buffers, JSON
 * strings, the arena and the content hash.
 */
#include <math.h>

#include "support.h"
#include "util/util.h"

static void test_dates(void **state)
{
    (void)state;
    static const struct {
        const char *date;
        bool valid;
    } cases[] = {
        {"2024-01-08", true},   {"2024-02-29", true},  {"2000-02-29", true},
        {"0001-01-01", true},   {"9999-12-31", true},  {"2024-02-30", false},
        {"2023-02-29", false},  {"1900-02-29", false}, {"2024-13-01", false},
        {"2024-00-10", false},  {"2024-04-31", false}, {"0000-01-01", false},
        {"2024-1-08", false},   {"24-01-08", false},   {"2024/01/08", false},
        {"2024-01-08x", false}, {"", false},           {"abcd-ef-gh", false},
        {"99999-01-01", false}, {"2024-01-0", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        bool got = date_valid(cases[i].date, strlen(cases[i].date));
        if (got != cases[i].valid)
            fail_msg("date %s: expected %d", cases[i].date, cases[i].valid);
        assert_int_equal(ng_date_valid(cases[i].date), cases[i].valid);
    }
    assert_false(ng_date_valid(NULL));
}

static void test_utf8(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        size_t valid_prefix;
    } cases[] = {
        {"plain ascii", 11},
        {"caf\xC3\xA9", 5},
        {"\xE2\x80\x9Cquote\xE2\x80\x9D", 11},
        {"\xF0\x9F\x98\x80", 4}, /* emoji */
        {"ab\x80", 2},           /* lone continuation */
        {"ab\xC0\xAF", 2},       /* overlong slash */
        {"\xE0\x80\xAF", 0},     /* overlong 3-byte */
        {"x\xED\xA0\x80", 1},    /* surrogate */
        {"\xF4\x90\x80\x80", 0}, /* above U+10FFFF */
        {"ok\xE2\x80", 2},       /* truncated */
        {"\xFF", 0},
        {"12345678\xC3\xA9 and more ascii after", 31},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        assert_int_equal(utf8_valid_prefix(cases[i].s, strlen(cases[i].s)),
                         cases[i].valid_prefix);
}

static void test_buf_cap(void **state)
{
    (void)state;
    buf b;
    buf_init(&b, 8);
    assert_true(buf_append(&b, "12345678", 8));
    assert_false(buf_putc(&b, '9'));
    assert_true(b.failed);
    assert_false(buf_append(&b, "x", 1)); /* sticky */
    assert_string_equal(buf_cstr(&b), "12345678");
    buf_clear(&b);
    assert_false(b.failed);
    assert_string_equal(buf_cstr(&b), "");
    assert_true(buf_printf(&b, "%d-%s", 7, "ab"));
    assert_string_equal(buf_cstr(&b), "7-ab");
    buf_free(&b);
}

static void test_json_string(void **state)
{
    (void)state;
    buf b;
    buf_init(&b, 0);
    const char in[] = "a\"b\\c\nd\te\x01\xE2\x80\x9C";
    jw_string(&b, in, sizeof in - 1);
    assert_string_equal(buf_cstr(&b),
                        "\"a\\\"b\\\\c\\nd\\te\\u0001\xE2\x80\x9C\"");
    buf_clear(&b);
    jw_cstr_or_null(&b, NULL);
    jw_uint(&b, 0);
    jw_uint(&b, 18446744073709551615ull);
    assert_string_equal(buf_cstr(&b), "null018446744073709551615");
    /* numbers: integers plain, huge ones (an amount of 1e21 once overflowed
     * the integer cast) and fractions with 15 digits, no NaN or inf */
    static const struct {
        double v;
        const char *json;
    } numbers[] = {{3, "3"},        {-2500, "-2500"},  {2.5, "2.5"},
                   {1e21, "1e+21"}, {-1e15, "-1e+15"}, {1e301, "null"},
                   {0.1, "0.1"},    {NAN, "null"}};
    for (size_t i = 0; i < sizeof numbers / sizeof *numbers; i++) {
        buf_clear(&b);
        jw_number(&b, numbers[i].v);
        assert_string_equal(buf_cstr(&b), numbers[i].json);
    }
    buf_free(&b);
}

static void test_arena(void **state)
{
    (void)state;
    arena a;
    arena_init(&a);
    char *small = arena_strndup(&a, "hello", 5);
    assert_string_equal(small, "hello");
    void *big = arena_alloc(&a, 1 << 20); /* bigger than a block */
    assert_non_null(big);
    memset(big, 7, 1 << 20);
    for (int i = 0; i < 1000; i++) {
        double *d = arena_alloc(&a, sizeof *d);
        assert_int_equal((uintptr_t)d % _Alignof(max_align_t), 0);
        *d = i;
    }
    assert_string_equal(small, "hello");
    assert_null(arena_alloc(&a, SIZE_MAX));
    arena_release(&a);
    arena_release(&a); /* twice is fine */
}

static void test_hash(void **state)
{
    (void)state;
    /* FNV-1a 64 reference values. */
    assert_true(hash_bytes(HASH_SEED, "", 0) == 0xcbf29ce484222325ull);
    assert_true(hash_bytes(HASH_SEED, "a", 1) == 0xaf63dc4c8601ec8cull);
    assert_true(hash_bytes(HASH_SEED, "foobar", 6) == 0x85944171f73967e8ull);
}

static void test_strerror(void **state)
{
    (void)state;
    for (int st = NG_OK; st <= NG_ERR_INTERRUPTED; st++)
        assert_string_not_equal(ng_strerror((ng_status)st), "unknown status");
    assert_string_equal(ng_strerror((ng_status)999), "unknown status");
    assert_string_equal(ng_version(), NG_VERSION_STRING);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates),    cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_buf_cap),  cmocka_unit_test(test_json_string),
        cmocka_unit_test(test_arena),    cmocka_unit_test(test_hash),
        cmocka_unit_test(test_strerror),
    };
    return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
