/*
 * fuzz_http_params.c -- the server's request handling without sockets
 * (src/serve/params.c and handlers.c): the input, cut at its first NUL
 * (libmicrohttpd hands over a C string), is a raw request target. It goes
 * through srv_request_parse, and an accepted API request is answered by
 * srv_handle_api from a small store made once in a temporary directory
 * (with entities, times, amounts, quotes and keywords, so that every
 * route has rows to answer with).
 *
 * Promises checked beyond the sanitizers: a refused request has a status
 * of 400, 404 or 413, a code and a message; an accepted one has a decoded
 * path starting with '/', at most SRV_MAX_PARAMS parameters whose names
 * and values are valid UTF-8 without NUL and within SRV_MAX_VALUE, and no
 * name twice on an API route; srv_url_decode never grows its input and
 * gives valid UTF-8; every answer, error or not, is one JSON object with
 * a status of 200, 400, 404 or 413 (never 500: no input may make the store
 * fail), and an error answer names the same status inside.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "serve/serve.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const char *uri, const char *detail)
{
    fprintf(stderr,
            "fuzz_http_params: %s\n  target: %.300s\n  detail: %.300s\n", what,
            uri, detail ? detail : "");
    abort();
}

static const char corpus[] =
    "{\"id\":\"a/1\",\"date\":\"2024-01-08\",\"tags\":[\"Pentagon\",\"Iraq\"],"
    "\"text\":\"The Pentagon denies troops will leave Iraq. \\u00c9t\\u00e9 "
    "al-Nujaba 2,500.\"}\n"
    "{\"id\":\"b\",\"date\":\"2023-12-31\",\"title\":\"Oil\",\"text\":\"Oil "
    "prices rose. \\\"We will sell more,\\\" said John Smith of Shell. Smith "
    "told reporters that prices would fall.\"}\n"
    "{\"id\":\"3\",\"text\":\"An undated note about troops.\"}\n";

static char store_dir[64];
static char store_path[96];
static ng_store *store;

static void remove_store(void)
{
    static const char *const suffixes[] = {"", "-wal", "-shm"};
    ng_store_close(store);
    for (size_t i = 0; i < 3; i++) {
        char p[128];
        snprintf(p, sizeof p, "%s%s", store_path, suffixes[i]);
        unlink(p);
    }
    rmdir(store_dir);
}

/* Makes the store once: ingest the corpus, reopen it read-only. */
static void setup(void)
{
    if (store)
        return;
    snprintf(store_dir, sizeof store_dir, "/tmp/fuzz-http-XXXXXX");
    if (!mkdtemp(store_dir))
        fail("mkdtemp", "", NULL);
    snprintf(store_path, sizeof store_path, "%s/s.db", store_dir);
    ng_store *w = NULL;
    ng_analyzer *an = NULL;
    ng_reader *r = NULL;
    ng_ingest_options opt = {.threads = 1};
    if (ng_store_open(&w, store_path, 0) != NG_OK ||
        ng_analyzer_new(&an, NULL) != NG_OK ||
        ng_reader_open_memory(&r, "c.jsonl", corpus, strlen(corpus), NULL) !=
            NG_OK ||
        ng_ingest(w, an, r, &opt, NULL) != NG_OK)
        fail("cannot make the store", "", ng_store_message(w));
    ng_reader_close(r);
    ng_analyzer_free(an);
    ng_store_close(w);
    if (ng_store_open(&store, store_path, NG_STORE_READONLY) != NG_OK)
        fail("cannot reopen the store", "", ng_store_message(store));
    atexit(remove_store);
}

static bool text_ok(const char *s, size_t max)
{
    size_t n = strlen(s);
    return n <= max && utf8_valid_prefix(s, n) == n;
}

static void check_decode(const char *uri, size_t len)
{
    char *out = malloc(len + 1);
    size_t n = 0;
    for (int plus = 0; out && plus < 2; plus++)
        if (srv_url_decode(uri, len, plus, out, &n) &&
            (n > len || strlen(out) != n || !text_ok(out, len)))
            fail("srv_url_decode gave a bad result", uri, out);
    free(out);
}

static void check_request(const char *uri, const srv_request *req)
{
    if (!req->path || req->path[0] != '/' || !text_ok(req->path, SRV_MAX_URI))
        fail("a bad path was accepted", uri, req->path);
    if (req->nparams > SRV_MAX_PARAMS)
        fail("too many parameters accepted", uri, NULL);
    for (size_t i = 0; i < req->nparams; i++) {
        const srv_param *p = &req->params[i];
        if (!text_ok(p->name, SRV_MAX_VALUE) ||
            !text_ok(p->value, SRV_MAX_VALUE))
            fail("a bad parameter was accepted", uri, p->name);
        for (size_t j = 0; req->route != SRV_ROUTE_NONE && j < i; j++)
            if (strcmp(req->params[j].name, p->name) == 0)
                fail("a parameter given twice was accepted", uri, p->name);
    }
}

/* The answer must be one JSON object with a status we allow. */
static void check_answer(const char *uri, const srv_response *res)
{
    if (res->status != 200 && res->status != 400 && res->status != 404 &&
        res->status != 413)
        fail("unexpected status", uri, res->body.data);
    json_error_t err;
    json_t *j = json_loadb(res->body.data ? res->body.data : "", res->body.len,
                           0, &err);
    if (!json_is_object(j))
        fail("the answer is not a JSON object", uri, err.text);
    json_t *e = json_object_get(j, "error");
    if ((res->status != 200) != (e != NULL))
        fail("error object and status disagree", uri, res->body.data);
    if (e && json_integer_value(json_object_get(e, "status")) !=
                 (json_int_t)res->status)
        fail("the error object names another status", uri, res->body.data);
    json_decref(j);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *uri = str_ndup((const char *)data, size);
    if (!uri)
        return 0;
    size_t len = strlen(uri);
    setup();
    check_decode(uri, len);
    srv_request req;
    srv_error e = {0};
    srv_response res = {0};
    buf_init(&res.body, 1 << 24);
    if (!srv_request_parse(&req, uri, len, &e)) {
        if ((e.status != 400 && e.status != 404 && e.status != 413) ||
            !e.code || !e.message[0])
            fail("a refusal without a status, code or message", uri, e.message);
        srv_error_json(&e, &res);
        check_answer(uri, &res);
    } else {
        check_request(uri, &req);
        if (req.route != SRV_ROUTE_NONE) {
            srv_handle_api(store, &req, &res);
            check_answer(uri, &res);
        }
    }
    srv_request_free(&req);
    buf_free(&res.body);
    free(uri);
    return 0;
}
