/*
 * test_params.c -- request targets to checked requests (src/serve/
 * params.c): URL decoding, routes, parameters each route takes, caps,
 * typed values. Numbered case tables, bad input beside good.
 */
#include "support.h"
#include <jansson.h>

#include "serve/serve.h"

static void test_url_decode(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        bool plus;
        const char *want; /* NULL: refused */
    } cases[] = {
        /* 1 */ {"abc", true, "abc"},
        /* 2 */ {"a+b", true, "a b"},
        /* 3 */ {"a+b", false, "a+b"},
        /* 4 */ {"%22air%20strike%22", true, "\"air strike\""},
        /* 5 */ {"%c3%a9t%C3%A9", true, "\xc3\xa9t\xc3\xa9"},
        /* 6 */ {"100%", true, NULL},
        /* 7 */ {"%4", true, NULL},
        /* 8 */ {"%zz", true, NULL},
        /* 9 */ {"%00", true, NULL},
        /* 10 */ {"%ff", true, NULL},
        /* 11 */ {"%c3", true, NULL},
        /* 12 */ {"%ed%a0%80", true, NULL}, /* a surrogate */
        /* 13 */ {"", true, ""},
        /* 14 */ {"%2e%2e%2f", false, "../"},
        /* 15 */ {"%%41", true, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char out[64];
        size_t len = 99;
        bool ok = srv_url_decode(cases[i].in, strlen(cases[i].in),
                                 cases[i].plus, out, &len);
        if (ok != (cases[i].want != NULL))
            fail_msg("case %zu (%s): %s", i + 1, cases[i].in,
                     ok ? "accepted" : "refused");
        if (ok) {
            assert_string_equal(out, cases[i].want);
            assert_int_equal(len, strlen(cases[i].want));
        }
    }
}

static void test_parse(void **state)
{
    (void)state;
    static const struct {
        const char *uri;
        unsigned status; /* 0: accepted */
        srv_route route;
        const char *param, *value; /* one parameter to check */
    } cases[] = {
        /* 1 */ {"/api/search?q=iraq", 0, SRV_ROUTE_SEARCH, "q", "iraq"},
        /* 2 */
        {"/api/search?q=a+b&limit=5", 0, SRV_ROUTE_SEARCH, "limit", "5"},
        /* 3 */ {"/api/search/?q=x", 0, SRV_ROUTE_SEARCH, "q", "x"},
        /* 4 */ {"/api/search?q=x&&tag=", 0, SRV_ROUTE_SEARCH, "tag", ""},
        /* 5 */ {"/api/search?q", 0, SRV_ROUTE_SEARCH, "q", ""},
        /* 6 */ {"/api", 0, SRV_ROUTE_INDEX, NULL, NULL},
        /* 7 */ {"/api/", 0, SRV_ROUTE_INDEX, NULL, NULL},
        /* 8 */
        {"/api/article?id=samples%2F000.txt", 0, SRV_ROUTE_ARTICLE, "id",
         "samples/000.txt"},
        /* 9 */
        {"/api/timeline?q=x&by=week", 0, SRV_ROUTE_TIMELINE, "by", "week"},
        /* 10 */ {"/api/stats", 0, SRV_ROUTE_STATS, NULL, NULL},
        /* 11 */ {"/api/tags?limit=3", 0, SRV_ROUTE_TAGS, "limit", "3"},
        /* 12 */ {"/", 0, SRV_ROUTE_NONE, NULL, NULL},
        /* 13 */ {"/app.js?v=2", 0, SRV_ROUTE_NONE, "v", "2"},
        /* 14 */
        {"/api/search?q=x&color=red", 400, SRV_ROUTE_SEARCH, NULL, NULL},
        /* 15 */ {"/api/search?q=x&q=y", 400, SRV_ROUTE_SEARCH, NULL, NULL},
        /* 16 */ {"/api/stats?limit=1", 400, SRV_ROUTE_STATS, NULL, NULL},
        /* 17 */ {"/api/nothing", 404, SRV_ROUTE_UNKNOWN_API, NULL, NULL},
        /* 18 */ {"/api/search?q=%zz", 400, SRV_ROUTE_NONE, NULL, NULL},
        /* 19 */ {"/api/search?q=a%00b", 400, SRV_ROUTE_NONE, NULL, NULL},
        /* 20 */ {"/api/search?q=%ff", 400, SRV_ROUTE_NONE, NULL, NULL},
        /* 21 */ {"/%00", 400, SRV_ROUTE_NONE, NULL, NULL},
        /* 22 */ {"*", 400, SRV_ROUTE_NONE, NULL, NULL},
        /* 23 */ {"http://example.com/api", 400, SRV_ROUTE_NONE, NULL, NULL},
        /* 24 */ {"", 400, SRV_ROUTE_NONE, NULL, NULL},
        /* 25 */ {"/%2e%2e/%2e%2e/etc/passwd", 0, SRV_ROUTE_NONE, NULL, NULL},
        /* 26 */ {"/api%2fsearch?q=x", 0, SRV_ROUTE_SEARCH, "q", "x"},
        /* 27 */ {"/apixyz", 0, SRV_ROUTE_NONE, NULL, NULL},
        /* 28 */ {"/api/search?%71=x", 0, SRV_ROUTE_SEARCH, "q", "x"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        srv_request req;
        srv_error e = {0};
        bool ok =
            srv_request_parse(&req, cases[i].uri, strlen(cases[i].uri), &e);
        if (ok != (cases[i].status == 0) ||
            (!ok && e.status != cases[i].status))
            fail_msg("case %zu (%s): got %s %u %s", i + 1, cases[i].uri,
                     ok ? "accepted" : "refused", e.status, e.message);
        if (!ok)
            assert_true(e.code && *e.code && e.message[0]);
        if (ok || cases[i].status == 400 || cases[i].status == 404)
            if (cases[i].route != SRV_ROUTE_NONE || ok)
                assert_int_equal(req.route, cases[i].route);
        if (ok && cases[i].param)
            assert_string_equal(srv_param_get(&req, cases[i].param),
                                cases[i].value);
        srv_request_free(&req);
    }
}

/* Everything past a cap is 413. */
static void test_caps(void **state)
{
    (void)state;
    char *uri = malloc(SRV_MAX_URI + 64);
    srv_request req;
    srv_error e;
    /* a target of exactly SRV_MAX_URI bytes passes the length check */
    memset(uri, 'a', SRV_MAX_URI);
    memcpy(uri, "/x?v=", 5);
    assert_false(srv_request_parse(&req, uri, SRV_MAX_URI, &e));
    assert_int_equal(e.status, 413); /* but its value is too long */
    srv_request_free(&req);
    memcpy(uri, "/x?v=", 5);
    assert_false(srv_request_parse(&req, uri, SRV_MAX_URI + 1, &e));
    assert_int_equal(e.status, 413);
    srv_request_free(&req);
    /* a value of SRV_MAX_VALUE bytes is fine, one more is not */
    int n = snprintf(uri, SRV_MAX_URI, "/api/search?q=");
    memset(uri + n, 'b', SRV_MAX_VALUE);
    assert_true(srv_request_parse(&req, uri, (size_t)n + SRV_MAX_VALUE, &e));
    srv_request_free(&req);
    assert_false(
        srv_request_parse(&req, uri, (size_t)n + SRV_MAX_VALUE + 1, &e));
    assert_int_equal(e.status, 413);
    srv_request_free(&req);
    /* SRV_MAX_PARAMS parameters, then one more */
    size_t len = (size_t)snprintf(uri, SRV_MAX_URI, "/x?");
    for (int i = 0; i <= SRV_MAX_PARAMS; i++)
        len += (size_t)snprintf(uri + len, SRV_MAX_URI - len, "p%d=1&", i);
    assert_false(srv_request_parse(&req, uri, len, &e));
    assert_int_equal(e.status, 413);
    srv_request_free(&req);
    free(uri);
}

static void test_typed_values(void **state)
{
    (void)state;
    static const struct {
        const char *uri;
        bool ok;
        unsigned want;
    } cases[] = {
        /* 1 */ {"/api/search?limit=7", true, 7},
        /* 2 */ {"/api/search", true, 10},
        /* 3 */ {"/api/search?limit=100", true, 100},
        /* 4 */ {"/api/search?limit=101", false, 0},
        /* 5 */ {"/api/search?limit=0", false, 0},
        /* 6 */ {"/api/search?limit=-1", false, 0},
        /* 7 */ {"/api/search?limit=1e3", false, 0},
        /* 8 */ {"/api/search?limit=", false, 0},
        /* 9 */ {"/api/search?limit=99999999999999999999", false, 0},
        /* 10 */ {"/api/search?limit=+5", false, 0},
        /* 11 */ {"/api/search?limit=007", true, 7},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        srv_request req;
        srv_error e;
        unsigned v = 0;
        assert_true(
            srv_request_parse(&req, cases[i].uri, strlen(cases[i].uri), &e));
        bool ok = srv_param_uint(&req, "limit", 10, 1, 100, &v, &e);
        if (ok != cases[i].ok)
            fail_msg("case %zu (%s): %s", i + 1, cases[i].uri,
                     ok ? "accepted" : e.message);
        if (ok)
            assert_int_equal(v, cases[i].want);
        else
            assert_int_equal(e.status, 400);
        srv_request_free(&req);
    }
    static const char *const dates[][2] = {
        {"/api/search?since=2024-01-08", "2024-01-08"},
        {"/api/search?since=", NULL},
        {"/api/search?since=2024-02-30", "!"},
        {"/api/search?since=2024-1-8", "!"},
        {"/api/search?since=%C3%A9", "!"},
    };
    for (size_t i = 0; i < sizeof dates / sizeof *dates; i++) {
        srv_request req;
        srv_error e;
        const char *d = "unset";
        assert_true(
            srv_request_parse(&req, dates[i][0], strlen(dates[i][0]), &e));
        bool ok = srv_param_date(&req, "since", &d, &e);
        if (dates[i][1] && dates[i][1][0] == '!') {
            assert_false(ok);
            assert_int_equal(e.status, 400);
        } else {
            assert_true(ok);
            if (dates[i][1])
                assert_string_equal(d, dates[i][1]);
            else
                assert_null(d);
        }
        srv_request_free(&req);
    }
}

/* The error object is JSON even when its message quotes bad input cut in
 * the middle of a character. */
static void test_error_json(void **state)
{
    (void)state;
    srv_error e;
    char value[300];
    memset(value, 'a', sizeof value);
    memcpy(value + 250, "\xc3\xa9\xc3\xa9", 4);
    value[299] = '\0';
    srv_fail(&e, 400, "bad_parameter", "'%s' and \"%s\"", value, value);
    srv_response res = {0};
    buf_init(&res.body, 0);
    srv_error_json(&e, &res);
    assert_int_equal(res.status, 400);
    json_error_t err;
    json_t *j = json_loadb(res.body.data, res.body.len, 0, &err);
    if (!j)
        fail_msg("not JSON: %s: %s", err.text, buf_cstr(&res.body));
    assert_int_equal(json_integer_value(json_object_get(
                         json_object_get(j, "error"), "status")),
                     400);
    json_decref(j);
    buf_free(&res.body);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_url_decode), cmocka_unit_test(test_parse),
        cmocka_unit_test(test_caps),       cmocka_unit_test(test_typed_values),
        cmocka_unit_test(test_error_json),
    };
    return cmocka_run_group_tests_name("serve params", tests, NULL, NULL);
}
