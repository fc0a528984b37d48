/*
 * test_serve.c -- the HTTP server against a store of the bundled samples,
 * started in-process on a free port (ng_server_start with port 0) and
 * spoken to over a socket by the tiny client below: statuses and JSON
 * shapes of every endpoint (an article's entities, times, amounts, quotes
 * and keywords are the analysis record's own; quotes and the graph are
 * the library's and SQL's), errors (400 404 405 413), traversal attempts,
 * oversized targets, HEAD, static files and ETags, CORS off and on,
 * keep-alive, slow clients, and answers while an ingest writes.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <jansson.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <sys/time.h>

#include "support.h"

typedef struct fixture {
    char *dir;
    char *db;
    ng_server *server;
    unsigned port;
} fixture;

static void ingest(const char *db, const char *path)
{
    ng_store *s;
    ng_analyzer *an;
    ng_reader *r;
    const char *paths[] = {path};
    assert_int_equal(ng_store_open(&s, db, 0), NG_OK);
    assert_int_equal(ng_analyzer_new(&an, NULL), NG_OK);
    assert_int_equal(ng_reader_open(&r, paths, 1, NULL), NG_OK);
    ng_ingest_options opt = {.threads = 2};
    assert_int_equal(ng_ingest(s, an, r, &opt, NULL), NG_OK);
    ng_reader_close(r);
    ng_analyzer_free(an);
    ng_store_close(s);
}

static ng_server *start(const char *db, unsigned timeout, const char *cors)
{
    ng_server *srv = NULL;
    ng_server_options o = {.db = db,
                           .port = 0,
                           .threads = 2,
                           .timeout = timeout,
                           .cors_origin = cors};
    ng_status st = ng_server_start(&srv, &o);
    if (st != NG_OK)
        fail_msg("ng_server_start: %s: %s", ng_strerror(st),
                 ng_server_message(srv));
    assert_true(ng_server_port(srv) > 0);
    return srv;
}

static int setup_group(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->dir = test_temp_dir();
    f->db = test_path(f->dir, "serve.db");
    ingest(f->db, "samples");
    f->server = start(f->db, 0, NULL);
    f->port = ng_server_port(f->server);
    *state = f;
    return 0;
}

static int teardown_group(void **state)
{
    fixture *f = *state;
    ng_server_stop(f->server);
    test_remove_tree(f->dir);
    free(f->dir);
    free(f->db);
    free(f);
    return 0;
}

/* ---- a tiny HTTP client ------------------------------------------------- */

typedef struct reply {
    unsigned status; /* 0 when the connection closed without an answer */
    char *head;      /* status line and headers */
    char *body;
    size_t body_len;
} reply;

static int connect_to(unsigned port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    struct sockaddr_in a = {.sin_family = AF_INET,
                            .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    struct timeval tv = {.tv_sec = 20};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
    return fd;
}

static void send_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = send(fd, data, len, MSG_NOSIGNAL);
        if (n <= 0)
            return; /* the server may close early: the reply says so */
        data += n;
        len -= (size_t)n;
    }
}

/* Reads until the server closes the connection. */
static char *read_all(int fd, size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    char *data = malloc(cap + 1);
    assert_non_null(data);
    for (;;) {
        if (n == cap) {
            cap *= 2;
            data = realloc(data, cap + 1);
            assert_non_null(data);
        }
        ssize_t got = recv(fd, data + n, cap - n, 0);
        if (got <= 0)
            break;
        n += (size_t)got;
    }
    data[n] = '\0';
    *len = n;
    return data;
}

/* Splits a raw answer into status, head and body. */
static reply parse_reply(char *raw, size_t len)
{
    reply r = {0};
    char *end = strstr(raw, "\r\n\r\n");
    if (!end || sscanf(raw, "HTTP/1.1 %u", &r.status) != 1) {
        r.status = 0;
        r.head = str_ndup_test("", 0);
        r.body = str_ndup_test("", 0);
        free(raw);
        return r;
    }
    r.head = str_ndup_test(raw, (size_t)(end - raw) + 2);
    r.body_len = len - (size_t)(end + 4 - raw);
    r.body = str_ndup_test(end + 4, r.body_len);
    free(raw);
    return r;
}

/* Sends raw request bytes on a new connection; reads the one answer. */
static reply raw_request(unsigned port, const char *req, size_t len)
{
    int fd = connect_to(port);
    send_all(fd, req, len);
    size_t n;
    char *raw = read_all(fd, &n);
    close(fd);
    return parse_reply(raw, n);
}

static reply request(unsigned port, const char *method, const char *target,
                     const char *extra_headers)
{
    size_t cap =
        strlen(target) + (extra_headers ? strlen(extra_headers) : 0) + 512;
    char *req = malloc(cap);
    int n = snprintf(req, cap,
                     "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%s"
                     "Connection: close\r\n\r\n",
                     method, target, extra_headers ? extra_headers : "");
    reply r = raw_request(port, req, (size_t)n);
    free(req);
    return r;
}

static reply get(unsigned port, const char *target)
{
    return request(port, "GET", target, NULL);
}

static void reply_free(reply *r)
{
    free(r->head);
    free(r->body);
}

/* The value of a header (case-insensitive name), or NULL; static buffer. */
static const char *header(const reply *r, const char *name)
{
    static char value[512];
    size_t n = strlen(name);
    for (const char *p = strstr(r->head, "\r\n"); p; p = strstr(p, "\r\n")) {
        p += 2;
        if (strncasecmp(p, name, n) == 0 && p[n] == ':') {
            const char *v = p + n + 1;
            while (*v == ' ')
                v++;
            size_t len = strcspn(v, "\r");
            snprintf(value, sizeof value, "%.*s", (int)len, v);
            return value;
        }
    }
    return NULL;
}

/* The body as JSON (fails the test when it is not). */
static json_t *body_json(const reply *r)
{
    json_error_t err;
    json_t *j = json_loadb(r->body, r->body_len, 0, &err);
    if (!j)
        fail_msg("not JSON (%s): %.200s", err.text, r->body);
    return j;
}

/* GET target; checks the status and returns the JSON body. */
static json_t *get_json(unsigned port, const char *target, unsigned status)
{
    reply r = get(port, target);
    if (r.status != status)
        fail_msg("GET %s: %u, expected %u: %.300s", target, r.status, status,
                 r.body);
    const char *type = header(&r, "Content-Type");
    assert_non_null(type);
    assert_string_equal(type, "application/json; charset=utf-8");
    json_t *j = body_json(&r);
    reply_free(&r);
    return j;
}

/* Checks that target is refused with this status and error code. */
static void expect_error(unsigned port, const char *target, unsigned status,
                         const char *code)
{
    json_t *j = get_json(port, target, status);
    json_t *e = json_object_get(j, "error");
    assert_non_null(e);
    assert_int_equal(json_integer_value(json_object_get(e, "status")), status);
    const char *got = json_string_value(json_object_get(e, "code"));
    if (!got || strcmp(got, code) != 0)
        fail_msg("GET %.80s: code %s, expected %s", target, got, code);
    assert_true(json_string_length(json_object_get(e, "message")) > 0);
    json_decref(j);
}

/* ---- the API ------------------------------------------------------------ */

static void test_index_and_stats(void **state)
{
    fixture *f = *state;
    json_t *j = get_json(f->port, "/api", 200);
    assert_string_equal(json_string_value(json_object_get(j, "name")),
                        "newsgraph");
    json_t *eps = json_object_get(j, "endpoints");
    assert_int_equal(json_array_size(eps), 9);
    assert_string_equal(json_string_value(json_array_get(eps, 0)),
                        "/api/search");
    assert_string_equal(json_string_value(json_array_get(eps, 5)),
                        "/api/entities");
    assert_string_equal(json_string_value(json_array_get(eps, 6)),
                        "/api/entity");
    assert_string_equal(json_string_value(json_array_get(eps, 7)),
                        "/api/quotes");
    assert_string_equal(json_string_value(json_array_get(eps, 8)),
                        "/api/graph");
    json_decref(j);
    j = get_json(f->port, "/api/stats", 200);
    assert_int_equal(json_integer_value(json_object_get(j, "articles")), 74);
    assert_string_equal(json_string_value(json_object_get(j, "first_date")),
                        "2006-01-12");
    json_decref(j);
    j = get_json(f->port, "/api/tags?limit=3", 200);
    json_t *tags = json_object_get(j, "tags");
    assert_int_equal(json_array_size(tags), 3);
    assert_true(
        json_is_string(json_object_get(json_array_get(tags, 0), "tag")));
    assert_true(json_integer_value(
                    json_object_get(json_array_get(tags, 0), "articles")) >=
                json_integer_value(
                    json_object_get(json_array_get(tags, 2), "articles")));
    json_decref(j);
}

static void test_search(void **state)
{
    fixture *f = *state;
    json_t *j = get_json(f->port, "/api/search?q=troops&limit=2", 200);
    assert_string_equal(json_string_value(json_object_get(j, "query")),
                        "troops");
    assert_int_equal(json_integer_value(json_object_get(j, "total")), 3);
    assert_int_equal(json_integer_value(json_object_get(j, "limit")), 2);
    json_t *results = json_object_get(j, "results");
    assert_int_equal(json_array_size(results), 2);
    size_t i;
    json_t *h;
    json_array_foreach(results, i, h)
    {
        assert_true(json_is_string(json_object_get(h, "id")));
        assert_true(json_is_string(json_object_get(h, "date")));
        assert_true(json_is_null(json_object_get(h, "title")));
        assert_true(json_array_size(json_object_get(h, "tags")) > 0);
        assert_true(json_is_real(json_object_get(h, "score")));
        const char *snippet = json_string_value(json_object_get(h, "snippet"));
        json_t *marks = json_object_get(h, "marks");
        assert_true(json_array_size(marks) >= 1);
        json_t *m0 = json_array_get(marks, 0);
        size_t s = (size_t)json_integer_value(json_array_get(m0, 0));
        size_t e = (size_t)json_integer_value(json_array_get(m0, 1));
        assert_true(s < e && e <= strlen(snippet));
        assert_int_equal(strncasecmp(snippet + s, "troops", e - s), 0);
    }
    const char *first =
        json_string_value(json_object_get(json_array_get(results, 0), "id"));
    assert_string_equal(first, "samples/000_3e5691df25d3c8b8.txt");
    json_decref(j);

    /* the third page holds the last one */
    j = get_json(f->port, "/api/search?q=troops&limit=2&offset=2", 200);
    assert_int_equal(json_array_size(json_object_get(j, "results")), 1);
    assert_int_equal(json_integer_value(json_object_get(j, "offset")), 2);
    json_decref(j);

    /* filters: tag, dates, and a phrase with escapes */
    j = get_json(f->port, "/api/search?q=troops&tag=pentagon", 200);
    assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
    assert_string_equal(json_string_value(json_object_get(j, "tag")),
                        "pentagon");
    json_decref(j);
    j = get_json(f->port,
                 "/api/search?q=troops&since=2008-01-01&until=2020-12-31", 200);
    assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
    assert_string_equal(
        json_string_value(json_object_get(
            json_array_get(json_object_get(j, "results"), 0), "date")),
        "2015-08-21");
    json_decref(j);
    j = get_json(f->port, "/api/search?q=%22air+strike%22+al-Nujaba", 200);
    assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
    json_decref(j);
    j = get_json(f->port, "/api/search?q=zzzyyyxxx", 200);
    assert_int_equal(json_integer_value(json_object_get(j, "total")), 0);
    assert_int_equal(json_array_size(json_object_get(j, "results")), 0);
    json_decref(j);
}

static void test_article(void **state)
{
    fixture *f = *state;
    json_t *j = get_json(
        f->port, "/api/article?id=samples%2F000_3e5691df25d3c8b8.txt", 200);
    assert_string_equal(json_string_value(json_object_get(j, "date")),
                        "2024-01-08");
    assert_string_equal(
        json_string_value(json_array_get(json_object_get(j, "tags"), 0)),
        "Pentagon");
    assert_non_null(strstr(json_string_value(json_object_get(j, "text")),
                           "Harakat al-Nujaba"));
    assert_true(json_is_null(json_object_get(j, "url")));
    json_decref(j);
    j = get_json(f->port, "/api/article?id=1", 200); /* by row number */
    assert_true(json_is_string(json_object_get(j, "id")));
    json_decref(j);
    expect_error(f->port, "/api/article?id=no-such-article", 404, "not_found");
    expect_error(f->port, "/api/article", 400, "bad_parameter");
    expect_error(f->port, "/api/article?id=", 400, "bad_parameter");
}

/* The article's entities, times, amounts, quotes and keywords are, field
 * for field, those of the analysis record of the same file. */
static void test_article_analysis(void **state)
{
    fixture *f = *state;
    static const char path[] = "samples/000_3e5691df25d3c8b8.txt";
    ng_reader *r;
    ng_article *a;
    ng_analyzer *an;
    ng_analysis *res;
    const char *paths[] = {path};
    assert_int_equal(ng_reader_open(&r, paths, 1, NULL), NG_OK);
    assert_int_equal(ng_reader_next(r, &a), NG_OK);
    assert_int_equal(ng_analyzer_new(&an, NULL), NG_OK);
    assert_int_equal(ng_analyze(an, a, &res), NG_OK);
    char *json;
    size_t len;
    assert_int_equal(ng_analysis_json(res, 0, &json, &len), NG_OK);
    json_t *record = json_loadb(json, len, 0, NULL);
    assert_non_null(record);
    json_t *api = get_json(
        f->port, "/api/article?id=samples%2F000_3e5691df25d3c8b8.txt", 200);
    /* the store keeps no cue span: the API's quotes are the record's
     * without it */
    size_t qi;
    json_t *rq;
    json_array_foreach(json_object_get(record, "quotes"), qi, rq)
        json_object_del(rq, "cue");
    static const char *const keys[] = {"entities", "times", "amounts", "quotes",
                                       "keywords"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        json_t *want = json_object_get(record, keys[i]);
        json_t *got = json_object_get(api, keys[i]);
        assert_true(json_array_size(want) > 0);
        if (!json_equal(want, got)) {
            char *g = json_dumps(got, 0), *w = json_dumps(want, 0);
            fail_msg("%s differ:\n got %.400s\nwant %.400s", keys[i], g, w);
        }
    }
    /* an entity's mentions are spans of the text (the name may be another
     * spelling: "Iraqi" is a mention of Iraq) */
    const char *text = json_string_value(json_object_get(api, "text"));
    size_t text_len = strlen(text), ei;
    json_t *e;
    json_array_foreach(json_object_get(api, "entities"), ei, e)
    {
        size_t mi;
        json_t *m;
        json_array_foreach(json_object_get(e, "mentions"), mi, m)
        {
            size_t start =
                (size_t)json_integer_value(json_object_get(m, "start"));
            size_t end = (size_t)json_integer_value(json_object_get(m, "end"));
            assert_true(start < end && end <= text_len);
            /* glued words ("Ryderthe") keep a mention inside a word */
            assert_false(isspace((unsigned char)text[start]) ||
                         isspace((unsigned char)text[end - 1]));
        }
    }
    json_decref(api);
    json_decref(record);
    free(json);
    ng_analysis_free(res);
    ng_analyzer_free(an);
    ng_article_free(a);
    ng_reader_close(r);
}

static int64_t sql_int(const char *db, const char *sql)
{
    sqlite3 *h;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(h);
    return v;
}

static const char *str_of(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static json_int_t int_of(json_t *o, const char *key)
{
    return json_integer_value(json_object_get(o, key));
}

/* The API's quotes equal the library's list for the same question. */
static void expect_quotes_equal(json_t *api, const ng_quote_list *l)
{
    json_t *items = json_object_get(api, "quotes");
    assert_int_equal(int_of(api, "total"), l->total);
    assert_int_equal(json_array_size(items), l->count);
    for (size_t i = 0; i < l->count; i++) {
        json_t *q = json_array_get(items, i);
        const ng_quote_hit *h = &l->items[i];
        assert_string_equal(str_of(q, "article"), h->article);
        assert_string_equal(str_of(q, "kind"), h->kind);
        assert_string_equal(str_of(q, "text"), h->text);
        assert_int_equal(int_of(q, "start"), h->span.start);
        assert_int_equal(int_of(q, "end"), h->span.end);
        assert_true((str_of(q, "speaker") == NULL) == (h->speaker == NULL));
        if (h->speaker) {
            assert_string_equal(str_of(q, "speaker"), h->speaker);
            assert_string_equal(str_of(q, "speaker_type"), h->speaker_type);
        }
        assert_true((str_of(q, "date") == NULL) == (h->date == NULL));
    }
}

/* /api/quotes: the library's answers (ng_store_quotes), counts as SQL
 * gives them, pages that join up, a quote's text at its place in the
 * article. */
static void test_quotes(void **state)
{
    fixture *f = *state;
    ng_store *s;
    assert_int_equal(ng_store_open(&s, f->db, NG_STORE_READONLY), NG_OK);
    ng_quote_list *l;
    ng_quote_query all = {.limit = 100};
    assert_int_equal(ng_store_quotes(s, &all, &l), NG_OK);
    json_t *j = get_json(f->port, "/api/quotes?limit=100", 200);
    assert_int_equal(int_of(j, "total"),
                     sql_int(f->db, "SELECT count(*) FROM quotes"));
    assert_true(int_of(j, "total") > 100);
    expect_quotes_equal(j, l);
    json_decref(j);
    ng_quote_list_free(l);

    /* a speaker by name, then page by page */
    ng_quote_query ryder = {.speaker = "Patrick Ryder", .limit = 10};
    assert_int_equal(ng_store_quotes(s, &ryder, &l), NG_OK);
    assert_int_equal(l->total,
                     sql_int(f->db, "SELECT count(*) FROM quotes q JOIN "
                                    "entities e ON e.id = q.speaker_id WHERE "
                                    "e.name = 'Patrick Ryder'"));
    j = get_json(f->port, "/api/quotes?speaker=Patrick+Ryder", 200);
    expect_quotes_equal(j, l);
    assert_string_equal(str_of(j, "speaker"), "Patrick Ryder");
    json_decref(j);
    for (size_t off = 0; off < l->count; off++) {
        char target[128];
        snprintf(target, sizeof target,
                 "/api/quotes?speaker=patrick+ryder&limit=1&offset=%zu", off);
        j = get_json(f->port, target, 200);
        json_t *q = json_array_get(json_object_get(j, "quotes"), 0);
        assert_int_equal(int_of(j, "total"), l->total);
        assert_string_equal(str_of(q, "text"), l->items[off].text);
        /* the text is the article's at the quote's span */
        char art[256];
        snprintf(art, sizeof art, "/api/article?id=%s", str_of(q, "article"));
        json_t *a = get_json(f->port, art, 200);
        const char *text = str_of(a, "text");
        size_t start = (size_t)int_of(q, "start"),
               end = (size_t)int_of(q, "end");
        assert_true(start < end && end <= strlen(text));
        assert_memory_equal(text + start, str_of(q, "text"), end - start);
        json_decref(a);
        json_decref(j);
    }
    ng_quote_list_free(l);

    /* an alias ("Pentagon" is the US Department of Defense), the type,
     * the kind, words and dates */
    j = get_json(f->port, "/api/quotes?speaker=Pentagon", 200);
    assert_true(int_of(j, "total") >= 1);
    assert_string_equal(
        str_of(json_array_get(json_object_get(j, "quotes"), 0), "speaker"),
        "US Department of Defense");
    json_decref(j);
    j = get_json(f->port, "/api/quotes?type=per&kind=direct&limit=100", 200);
    assert_string_equal(str_of(j, "type"), "PER");
    assert_int_equal(int_of(j, "total"),
                     sql_int(f->db, "SELECT count(*) FROM quotes q JOIN "
                                    "entities e ON e.id = q.speaker_id WHERE "
                                    "e.type = 'PER' AND q.kind = 'direct'"));
    size_t i;
    json_t *q;
    json_array_foreach(json_object_get(j, "quotes"), i, q)
    {
        assert_string_equal(str_of(q, "speaker_type"), "PER");
        assert_string_equal(str_of(q, "kind"), "direct");
    }
    json_decref(j);
    j = get_json(f->port,
                 "/api/quotes?q=not+AWARE&since=2024-01-01&until=2024-01-31",
                 200);
    assert_int_equal(int_of(j, "total"),
                     sql_int(f->db, "SELECT count(*) FROM quotes q JOIN "
                                    "articles a ON a.id = q.article_id WHERE "
                                    "instr(lower(q.text), 'not') AND "
                                    "instr(lower(q.text), 'aware') AND a.date "
                                    "BETWEEN '2024-01-01' AND '2024-01-31'"));
    assert_true(int_of(j, "total") >= 1);
    json_array_foreach(json_object_get(j, "quotes"), i, q)
    {
        assert_non_null(strstr(str_of(q, "text"), "not"));
        assert_non_null(strstr(str_of(q, "text"), "aware"));
        assert_string_equal(str_of(q, "date"), "2024-01-08");
    }
    json_decref(j);
    /* one entity, as /api/entity finds it (the entity page's question):
     * its own quotes, not those of others whose name ends alike */
    j = get_json(f->port, "/api/quotes?entity=iraq&type=LOC", 200);
    assert_string_equal(str_of(j, "entity"), "iraq");
    assert_int_equal(int_of(j, "total"),
                     sql_int(f->db, "SELECT count(*) FROM quotes q JOIN "
                                    "entities e ON e.id = q.speaker_id WHERE "
                                    "e.name = 'Iraq' AND e.type = 'LOC'"));
    json_array_foreach(json_object_get(j, "quotes"), i, q)
        assert_string_equal(str_of(q, "speaker"), "Iraq");
    json_decref(j);
    j = get_json(f->port, "/api/quotes?entity=American&limit=100", 200);
    assert_int_equal(int_of(j, "total"),
                     sql_int(f->db, "SELECT count(*) FROM quotes q JOIN "
                                    "entities e ON e.id = q.speaker_id WHERE "
                                    "e.name = 'United States' AND e.type = "
                                    "'LOC'"));
    json_decref(j);
    j = get_json(f->port, "/api/quotes?speaker=Nobody+Here", 200);
    assert_int_equal(int_of(j, "total"), 0);
    assert_int_equal(json_array_size(json_object_get(j, "quotes")), 0);
    json_decref(j);
    ng_store_close(s);
}

/* /api/graph is ng_store_graph: the same nodes, edges and weights. */
static void test_graph(void **state)
{
    fixture *f = *state;
    ng_store *s;
    assert_int_equal(ng_store_open(&s, f->db, NG_STORE_READONLY), NG_OK);
    static const struct {
        const char *target;
        ng_graph_query q;
    } cases[] = {
        /* 1 */ {"/api/graph", {.max_nodes = 50}},
        /* 2 */
        {"/api/graph?max_nodes=20&min_weight=2",
         {.max_nodes = 20, .min_weight = 2}},
        /* 3 */
        {"/api/graph?type=per&since=2020-01-01&until=2024-12-31",
         {.type = "PER",
          .since = "2020-01-01",
          .until = "2024-12-31",
          .max_nodes = 50}},
    };
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        ng_graph *g;
        assert_int_equal(ng_store_graph(s, &cases[c].q, &g), NG_OK);
        json_t *j = get_json(f->port, cases[c].target, 200);
        json_t *nodes = json_object_get(j, "nodes");
        json_t *edges = json_object_get(j, "edges");
        if (json_array_size(nodes) != g->nnodes ||
            json_array_size(edges) != g->nedges)
            fail_msg("case %zu: %zu nodes, %zu edges; want %zu, %zu", c + 1,
                     json_array_size(nodes), json_array_size(edges), g->nnodes,
                     g->nedges);
        assert_true(g->nnodes > 1 && g->nedges > 0);
        for (size_t i = 0; i < g->nnodes; i++) {
            json_t *n = json_array_get(nodes, i);
            assert_int_equal(int_of(n, "id"), g->nodes[i].id);
            assert_string_equal(str_of(n, "name"), g->nodes[i].name);
            assert_string_equal(str_of(n, "type"), g->nodes[i].type);
            assert_int_equal(int_of(n, "mentions"), g->nodes[i].mentions);
            assert_int_equal(int_of(n, "articles"), g->nodes[i].articles);
            if (cases[c].q.type)
                assert_string_equal(str_of(n, "type"), cases[c].q.type);
        }
        for (size_t i = 0; i < g->nedges; i++) {
            json_t *e = json_array_get(edges, i);
            assert_int_equal(int_of(e, "source"),
                             g->nodes[g->edges[i].source].id);
            assert_int_equal(int_of(e, "target"),
                             g->nodes[g->edges[i].target].id);
            assert_int_equal(int_of(e, "weight"), g->edges[i].weight);
            assert_true(int_of(e, "weight") >=
                        (cases[c].q.min_weight ? cases[c].q.min_weight : 1));
        }
        assert_int_equal(int_of(j, "max_nodes"), cases[c].q.max_nodes);
        ng_graph_free(g);
        json_decref(j);
    }
    /* the heaviest edge's weight is the articles both ends share (SQL) */
    json_t *j = get_json(f->port, "/api/graph?max_nodes=10", 200);
    json_t *e0 = json_array_get(json_object_get(j, "edges"), 0);
    char sql[512];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM (SELECT article_id FROM mentions WHERE "
             "entity_id = %lld INTERSECT SELECT article_id FROM mentions "
             "WHERE entity_id = %lld)",
             (long long)int_of(e0, "source"), (long long)int_of(e0, "target"));
    assert_int_equal(int_of(e0, "weight"), sql_int(f->db, sql));
    json_decref(j);
    ng_store_close(s);
}

static void test_entities(void **state)
{
    fixture *f = *state;
    json_t *j = get_json(f->port, "/api/entities?limit=5", 200);
    assert_true(json_is_null(json_object_get(j, "query")));
    assert_string_equal(json_string_value(json_object_get(j, "order")),
                        "mentions");
    json_t *list = json_object_get(j, "entities");
    assert_int_equal(json_array_size(list), 5);
    json_t *e0 = json_array_get(list, 0);
    assert_string_equal(json_string_value(json_object_get(e0, "name")),
                        "United States");
    assert_string_equal(json_string_value(json_object_get(e0, "type")), "LOC");
    assert_int_equal(json_integer_value(json_object_get(e0, "mentions")), 134);
    assert_int_equal(json_integer_value(json_object_get(e0, "articles")), 43);
    assert_string_equal(json_string_value(json_object_get(e0, "first_date")),
                        "2006-02-23");
    json_int_t prev = INT64_MAX;
    size_t i;
    json_t *e;
    json_array_foreach(list, i, e)
    {
        json_int_t n = json_integer_value(json_object_get(e, "mentions"));
        assert_true(n <= prev);
        prev = n;
    }
    json_decref(j);

    /* the top entities of a query, in most articles first, of a type */
    j = get_json(f->port,
                 "/api/entities?q=troops&order=articles&type=loc&limit=3", 200);
    assert_string_equal(json_string_value(json_object_get(j, "query")),
                        "troops");
    assert_string_equal(json_string_value(json_object_get(j, "type")), "LOC");
    list = json_object_get(j, "entities");
    assert_int_equal(json_array_size(list), 3);
    prev = INT64_MAX;
    json_array_foreach(list, i, e)
    {
        assert_string_equal(json_string_value(json_object_get(e, "type")),
                            "LOC");
        json_int_t n = json_integer_value(json_object_get(e, "articles"));
        assert_true(n <= prev && n <= 3);
        prev = n;
    }
    json_decref(j);

    /* with the filters of a search: tag, dates, entity */
    j = get_json(f->port,
                 "/api/entities?q=troops&tag=Pentagon&since=2024-01-01&until="
                 "2024-12-31&entity=patrick+ryder&limit=100",
                 200);
    list = json_object_get(j, "entities");
    assert_true(json_array_size(list) > 20);
    json_array_foreach(list, i, e)
        assert_int_equal(json_integer_value(json_object_get(e, "articles")), 1);
    json_decref(j);
    j = get_json(f->port, "/api/entities?q=zzzyyyxxx", 200);
    assert_int_equal(json_array_size(json_object_get(j, "entities")), 0);
    json_decref(j);
}

static void test_entity(void **state)
{
    fixture *f = *state;
    json_t *j = get_json(
        f->port,
        "/api/entity?name=united+states&type=LOC&limit=5&related=4&by=month",
        200);
    json_t *e = json_object_get(j, "entity");
    assert_string_equal(json_string_value(json_object_get(e, "name")),
                        "United States");
    assert_int_equal(json_integer_value(json_object_get(e, "mentions")), 134);
    assert_string_equal(json_string_value(json_object_get(j, "by")), "month");
    json_t *tl = json_object_get(j, "timeline");
    assert_int_equal(json_array_size(tl), 216); /* 2006-02 to 2024-01 */
    json_int_t mentions = 0, articles = 0;
    size_t i;
    json_t *p;
    json_array_foreach(tl, i, p)
    {
        assert_true(json_is_string(json_object_get(p, "period")));
        assert_true(json_is_string(json_object_get(p, "start")));
        mentions += json_integer_value(json_object_get(p, "mentions"));
        articles += json_integer_value(json_object_get(p, "articles"));
    }
    assert_int_equal(mentions, 134);
    assert_int_equal(articles, 43);
    json_t *rel = json_object_get(j, "related");
    assert_int_equal(json_array_size(rel), 4);
    json_int_t prev = INT64_MAX;
    json_array_foreach(rel, i, p)
    {
        assert_string_not_equal(json_string_value(json_object_get(p, "name")),
                                "United States");
        json_int_t n = json_integer_value(json_object_get(p, "articles"));
        assert_true(n <= prev && n > 0);
        prev = n;
    }
    assert_int_equal(json_integer_value(json_object_get(j, "total")), 43);
    assert_int_equal(json_integer_value(json_object_get(j, "limit")), 5);
    json_t *arts = json_object_get(j, "articles");
    assert_int_equal(json_array_size(arts), 5);
    json_t *a0 = json_array_get(arts, 0);
    assert_string_equal(json_string_value(json_object_get(a0, "id")),
                        "samples/000_3e5691df25d3c8b8.txt");
    assert_true(json_array_size(json_object_get(a0, "tags")) > 0);
    const char *snippet = json_string_value(json_object_get(a0, "snippet"));
    json_t *mark = json_array_get(json_object_get(a0, "marks"), 0);
    size_t s0 = (size_t)json_integer_value(json_array_get(mark, 0));
    size_t s1 = (size_t)json_integer_value(json_array_get(mark, 1));
    /* the mark is one of its names (the article says "U.S.", "American") */
    char *marked = strndup(snippet + s0, s1 - s0);
    json_t *names = json_object_get(j, "aliases");
    size_t k;
    json_t *name;
    int named = 0;
    json_array_foreach(names, k, name) named |=
        strcmp(json_string_value(name), marked) == 0;
    assert_true(named);
    free(marked);
    json_decref(j);

    /* the last page; auto periods over a month are days */
    j = get_json(f->port, "/api/entity?name=United+States&limit=5&offset=42",
                 200);
    assert_string_equal(json_string_value(json_object_get(j, "by")), "month");
    assert_int_equal(json_array_size(json_object_get(j, "articles")), 1);
    json_decref(j);
    j = get_json(f->port,
                 "/api/entity?name=Iraq&since=2024-01-01&until=2024-01-31",
                 200);
    assert_string_equal(json_string_value(json_object_get(j, "by")), "day");
    assert_int_equal(json_array_size(json_object_get(j, "timeline")), 31);
    json_decref(j);
    expect_error(f->port, "/api/entity?name=Nobody+Here", 404, "not_found");
    expect_error(f->port, "/api/entity?name=Iraq&type=PER", 404, "not_found");
}

/* The entity filter of search and timeline. */
static void test_entity_filter(void **state)
{
    fixture *f = *state;
    json_t *j = get_json(f->port, "/api/search?q=troops&entity=Iraq", 200);
    assert_int_equal(json_integer_value(json_object_get(j, "total")), 2);
    assert_string_equal(json_string_value(json_object_get(j, "entity")),
                        "Iraq");
    assert_true(json_is_null(json_object_get(j, "type")));
    json_decref(j);
    j = get_json(f->port, "/api/search?q=troops&entity=iraq&type=per", 200);
    assert_int_equal(json_integer_value(json_object_get(j, "total")), 0);
    assert_string_equal(json_string_value(json_object_get(j, "type")), "PER");
    json_decref(j);
    j = get_json(f->port,
                 "/api/timeline?q=troops&entity=Patrick+Ryder&type=PER", 200);
    assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
    assert_string_equal(json_string_value(json_object_get(j, "entity")),
                        "Patrick Ryder");
    json_decref(j);
}

static void test_timeline(void **state)
{
    fixture *f = *state;
    json_t *j = get_json(f->port, "/api/timeline?q=troops&by=month", 200);
    assert_string_equal(json_string_value(json_object_get(j, "by")), "month");
    assert_int_equal(json_integer_value(json_object_get(j, "total")), 3);
    json_t *points = json_object_get(j, "points");
    json_t *p0 = json_array_get(points, 0);
    assert_string_equal(json_string_value(json_object_get(p0, "period")),
                        "2007-10");
    assert_string_equal(json_string_value(json_object_get(p0, "start")),
                        "2007-10-01");
    assert_int_equal(json_integer_value(json_object_get(p0, "articles")), 1);
    /* October 2007 to January 2024, every month */
    assert_int_equal(json_array_size(points), 16 * 12 + 4);
    json_int_t sum = 0;
    size_t i;
    json_t *p;
    json_array_foreach(points, i, p) sum +=
        json_integer_value(json_object_get(p, "articles"));
    assert_int_equal(sum, 3);
    json_decref(j);
    j = get_json(f->port,
                 "/api/timeline?q=troops&by=day&since=2024-01-07&until="
                 "2024-01-09&tag=Pentagon",
                 200);
    assert_int_equal(json_array_size(json_object_get(j, "points")), 3);
    json_decref(j);
    j = get_json(f->port, "/api/timeline?q=troops", 200); /* by=month */
    assert_string_equal(json_string_value(json_object_get(j, "by")), "month");
    json_decref(j);
    expect_error(f->port, "/api/timeline?q=troops&by=year", 400,
                 "bad_parameter");
    expect_error(f->port, "/api/timeline?by=day", 400, "bad_parameter");
    expect_error(f->port, "/api/timeline?q=(iraq", 400, "bad_query");
}

static void test_bad_requests(void **state)
{
    fixture *f = *state;
    static const struct {
        const char *target;
        unsigned status;
        const char *code;
    } cases[] = {
        /* 1 */ {"/api/search", 400, "bad_parameter"},
        /* 2 */ {"/api/search?q=", 400, "bad_parameter"},
        /* 3 */ {"/api/search?q=NOT+iraq", 400, "bad_query"},
        /* 4 */ {"/api/search?q=%22unclosed", 400, "bad_query"},
        /* 5 */ {"/api/search?q=x&since=2024-13-01", 400, "bad_parameter"},
        /* 6 */ {"/api/search?q=x&until=soon", 400, "bad_parameter"},
        /* 7 */ {"/api/search?q=x&limit=0", 400, "bad_parameter"},
        /* 8 */ {"/api/search?q=x&limit=101", 400, "bad_parameter"},
        /* 9 */ {"/api/search?q=x&limit=ten", 400, "bad_parameter"},
        /* 10 */ {"/api/search?q=x&offset=10001", 400, "bad_parameter"},
        /* 11 */ {"/api/search?q=x&offset=-1", 400, "bad_parameter"},
        /* 12 */ {"/api/search?q=x&sort=date", 400, "bad_parameter"},
        /* 13 */ {"/api/search?q=x&q=y", 400, "bad_parameter"},
        /* 14 */ {"/api/search?q=%zz", 400, "bad_request"},
        /* 15 */ {"/api/search?q=a%00b", 400, "bad_request"},
        /* 16 */ {"/api/search?q=%C3%28", 400, "bad_request"},
        /* 17 */ {"/api/tags?limit=1001", 400, "bad_parameter"},
        /* 18 */ {"/api/nothing", 404, "not_found"},
        /* 19 */ {"/api/search/more?q=x", 404, "not_found"},
        /* 20 */ {"/nothing.html", 404, "not_found"},
        /* 21 */ {"/api/search?q=x&type=LOC", 400, "bad_parameter"},
        /* 22 */
        {"/api/search?q=x&entity=Iraq&type=PLACE", 400, "bad_parameter"},
        /* 23 */ {"/api/timeline?q=x&type=PER", 400, "bad_parameter"},
        /* 24 */ {"/api/entities?type=PERSON", 400, "bad_parameter"},
        /* 25 */ {"/api/entities?limit=0", 400, "bad_parameter"},
        /* 26 */ {"/api/entities?limit=101", 400, "bad_parameter"},
        /* 27 */ {"/api/entities?order=name", 400, "bad_parameter"},
        /* 28 */ {"/api/entities?q=NOT+iraq", 400, "bad_query"},
        /* 29 */ {"/api/entities?since=yesterday", 400, "bad_parameter"},
        /* 30 */ {"/api/entities?name=Iraq", 400, "bad_parameter"},
        /* 31 */ {"/api/entity", 400, "bad_parameter"},
        /* 32 */ {"/api/entity?name=", 400, "bad_parameter"},
        /* 33 */ {"/api/entity?name=Iraq&type=X", 400, "bad_parameter"},
        /* 34 */ {"/api/entity?name=Iraq&by=year", 400, "bad_parameter"},
        /* 35 */ {"/api/entity?name=Iraq&related=0", 400, "bad_parameter"},
        /* 36 */ {"/api/entity?name=Iraq&related=51", 400, "bad_parameter"},
        /* 37 */ {"/api/entity?name=Iraq&offset=10001", 400, "bad_parameter"},
        /* 38 */
        {"/api/entity?name=Iraq&until=2024-02-30", 400, "bad_parameter"},
        /* 39 */ {"/api/entity?name=Iraq&q=troops", 400, "bad_parameter"},
        /* 40 */ {"/api/timeline?q=x&by=auto", 400, "bad_parameter"},
        /* 41 */ {"/api/quotes?kind=indirect", 400, "bad_parameter"},
        /* 42 */ {"/api/quotes?type=PERSON", 400, "bad_parameter"},
        /* 43 */ {"/api/quotes?limit=0", 400, "bad_parameter"},
        /* 44 */ {"/api/quotes?limit=101", 400, "bad_parameter"},
        /* 45 */ {"/api/quotes?offset=10001", 400, "bad_parameter"},
        /* 46 */ {"/api/quotes?since=2024-02-30", 400, "bad_parameter"},
        /* 47 */ {"/api/quotes?name=Ryder", 400, "bad_parameter"},
        /* 48 */ {"/api/quotes?speaker=a&speaker=b", 400, "bad_parameter"},
        /* 49 */ {"/api/graph?max_nodes=0", 400, "bad_parameter"},
        /* 50 */ {"/api/graph?max_nodes=301", 400, "bad_parameter"},
        /* 51 */ {"/api/graph?min_weight=0", 400, "bad_parameter"},
        /* 52 */ {"/api/graph?min_weight=1e3", 400, "bad_parameter"},
        /* 53 */ {"/api/graph?type=person", 400, "bad_parameter"},
        /* 54 */ {"/api/graph?until=tomorrow", 400, "bad_parameter"},
        /* 55 */ {"/api/graph?q=troops", 400, "bad_parameter"},
        /* 56 */ {"/api/quotes/more", 404, "not_found"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        expect_error(f->port, cases[i].target, cases[i].status, cases[i].code);
}

static void test_methods(void **state)
{
    fixture *f = *state;
    static const char *const methods[] = {"POST", "PUT", "DELETE", "PATCH",
                                          "OPTIONS"};
    for (size_t i = 0; i < sizeof methods / sizeof *methods; i++) {
        reply r = request(f->port, methods[i], "/api/search?q=x", NULL);
        if (r.status != 405)
            fail_msg("%s: %u", methods[i], r.status);
        assert_string_equal(header(&r, "Allow"), "GET, HEAD");
        json_t *j = body_json(&r);
        assert_string_equal(json_string_value(json_object_get(
                                json_object_get(j, "error"), "code")),
                            "method_not_allowed");
        json_decref(j);
        reply_free(&r);
    }
    /* a GET with a body is refused */
    static const char with_body[] =
        "GET /api/stats HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n"
        "Connection: close\r\n\r\nhello";
    reply r = raw_request(f->port, with_body, sizeof with_body - 1);
    assert_int_equal(r.status, 413);
    reply_free(&r);
}

static void test_head(void **state)
{
    fixture *f = *state;
    reply g = get(f->port, "/api/stats");
    reply h = request(f->port, "HEAD", "/api/stats", NULL);
    assert_int_equal(h.status, 200);
    assert_int_equal(h.body_len, 0);
    char want[32];
    snprintf(want, sizeof want, "%zu", g.body_len);
    assert_string_equal(header(&h, "Content-Length"), want);
    reply_free(&g);
    reply_free(&h);
    h = request(f->port, "HEAD", "/", NULL);
    assert_int_equal(h.status, 200);
    assert_int_equal(h.body_len, 0);
    reply_free(&h);
}

static void test_too_large(void **state)
{
    fixture *f = *state;
    /* past SRV_MAX_URI (4096): our 413 */
    char *target = malloc(200000);
    memcpy(target, "/api/search?q=", 14);
    memset(target + 14, 'a', 5000);
    target[5014] = '\0';
    expect_error(f->port, target, 413, "too_large");
    /* one long value, many parameters */
    target[14 + 1100] = '\0';
    expect_error(f->port, target, 413, "too_large");
    size_t n = (size_t)snprintf(target, 200000, "/api/search?q=x");
    for (int i = 0; i < 20; i++)
        n += (size_t)snprintf(target + n, 200000 - n, "&p%d=1", i);
    expect_error(f->port, target, 413, "too_large");
    /* far past the connection's memory: refused by libmicrohttpd itself
     * (414) or the connection closed; never a 200, and the server lives */
    memset(target + 14, 'a', 150000);
    target[150014] = '\0';
    reply r = get(f->port, target);
    assert_true(r.status == 0 || r.status == 413 || r.status == 414 ||
                r.status == 431);
    reply_free(&r);
    /* headers too large */
    char *hdr = malloc(100000);
    snprintf(hdr, 100000, "X-Big: %0*d\r\n", 90000, 0);
    r = request(f->port, "GET", "/api/stats", hdr);
    if (!(r.status == 0 || r.status == 413 || r.status == 431))
        fail_msg("big header: %u %.200s", r.status, r.head);
    reply_free(&r);
    free(hdr);
    free(target);
    json_t *j = get_json(f->port, "/api/stats", 200);
    json_decref(j);
}

static void test_static_files(void **state)
{
    fixture *f = *state;
    reply r = get(f->port, "/");
    assert_int_equal(r.status, 200);
    assert_string_equal(header(&r, "Content-Type"), "text/html; charset=utf-8");
    assert_non_null(strstr(r.body, "<title>newsgraph</title>"));
    assert_non_null(header(&r, "Content-Security-Policy"));
    assert_string_equal(header(&r, "X-Content-Type-Options"), "nosniff");
    char etag[128];
    snprintf(etag, sizeof etag, "%s", header(&r, "ETag"));
    reply_free(&r);
    char cond[200];
    snprintf(cond, sizeof cond, "If-None-Match: %s\r\n", etag);
    r = request(f->port, "GET", "/", cond);
    assert_int_equal(r.status, 304);
    assert_int_equal(r.body_len, 0);
    reply_free(&r);
    static const char *const files[][2] = {
        {"/index.html", "text/html; charset=utf-8"},
        {"/app.js", "text/javascript; charset=utf-8"},
        {"/style.css", "text/css; charset=utf-8"},
        {"/favicon.svg", "image/svg+xml"},
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        r = get(f->port, files[i][0]);
        assert_int_equal(r.status, 200);
        assert_string_equal(header(&r, "Content-Type"), files[i][1]);
        assert_true(r.body_len > 100);
        reply_free(&r);
    }
}

static void test_traversal(void **state)
{
    fixture *f = *state;
    static const char *const targets[] = {
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/..%2f..%2f..%2fetc%2fpasswd",
        "/web/app.js",
        "/./app.js",
        "//etc/passwd",
        "/app.js/../../etc/passwd",
        "/%2Fetc%2Fpasswd",
        "/index.html%00.js",
        "/..\\..\\etc\\passwd",
        "/src/serve/server.c",
        "/Makefile",
        "/api/../../etc/passwd",
    };
    for (size_t i = 0; i < sizeof targets / sizeof *targets; i++) {
        reply r = get(f->port, targets[i]);
        if (r.status != 404 && r.status != 400)
            fail_msg("%s: %u", targets[i], r.status);
        assert_null(strstr(r.body, "root:"));
        reply_free(&r);
    }
}

static void test_cors(void **state)
{
    fixture *f = *state;
    reply r = get(f->port, "/api/stats");
    assert_null(header(&r, "Access-Control-Allow-Origin"));
    reply_free(&r);
    ng_server *srv = start(f->db, 0, "https://example.org");
    r = get(ng_server_port(srv), "/api/stats");
    assert_int_equal(r.status, 200);
    assert_string_equal(header(&r, "Access-Control-Allow-Origin"),
                        "https://example.org");
    reply_free(&r);
    ng_server_stop(srv);
}

/* On loopback, a Host naming another machine (DNS rebinding) is refused. */
static void test_host_header(void **state)
{
    fixture *f = *state;
    static const struct {
        const char *host;
        unsigned status;
    } cases[] = {
        /* 1 */ {"localhost", 200},
        /* 2 */ {"localhost:8080", 200},
        /* 3 */ {"LOCALHOST", 200},
        /* 4 */ {"127.0.0.1:1", 200},
        /* 5 */ {"[::1]:8080", 200},
        /* 6 */ {"evil.example", 400},
        /* 7 */ {"evil.example:8080", 400},
        /* 8 */ {"127.0.0.1.evil.example", 400},
        /* 9 */ {"localhost.evil.example", 400},
        /* 10 */ {"[::1", 400},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char req[256];
        int n = snprintf(req, sizeof req,
                         "GET /api/stats HTTP/1.1\r\nHost: %s\r\n"
                         "Connection: close\r\n\r\n",
                         cases[i].host);
        reply r = raw_request(f->port, req, (size_t)n);
        if (r.status != cases[i].status)
            fail_msg("case %zu (Host: %s): %u", i + 1, cases[i].host, r.status);
        if (r.status == 400)
            assert_non_null(strstr(r.body, "\"bad_host\""));
        reply_free(&r);
    }
    /* HTTP/1.0 without a Host is fine */
    static const char old[] = "GET /api/stats HTTP/1.0\r\n\r\n";
    reply r = raw_request(f->port, old, sizeof old - 1);
    assert_int_equal(r.status, 200);
    reply_free(&r);
}

/* Two requests on one connection: both answered (keep-alive). */
static void test_keep_alive(void **state)
{
    fixture *f = *state;
    static const char two[] =
        "GET /api/stats HTTP/1.1\r\nHost: localhost\r\n\r\n"
        "GET /api/search?q=iraq HTTP/1.1\r\nHost: localhost\r\nConnection: "
        "close\r\n"
        "\r\n";
    int fd = connect_to(f->port);
    send_all(fd, two, sizeof two - 1);
    size_t n;
    char *raw = read_all(fd, &n);
    close(fd);
    const char *second = strstr(raw + 1, "HTTP/1.1 200");
    assert_int_equal(strncmp(raw, "HTTP/1.1 200", 12), 0);
    assert_non_null(second);
    assert_non_null(strstr(second, "\"total\":2"));
    free(raw);
}

/* A client that stops sending is cut off after the timeout. */
static void test_slow_client(void **state)
{
    fixture *f = *state;
    ng_server *srv = start(f->db, 1, NULL);
    int fd = connect_to(ng_server_port(srv));
    send_all(fd, "GET /api/st", 11);
    struct timeval t0, t1;
    gettimeofday(&t0, NULL);
    size_t n;
    char *raw = read_all(fd, &n); /* returns when the server closes */
    gettimeofday(&t1, NULL);
    close(fd);
    double secs = (double)(t1.tv_sec - t0.tv_sec) +
                  (double)(t1.tv_usec - t0.tv_usec) / 1e6;
    assert_true(secs < 10);
    assert_null(strstr(raw, "200 OK"));
    free(raw);
    ng_server_stop(srv);
}

typedef struct hammer {
    unsigned port;
    int requests, failures;
    volatile int *stop;
} hammer;

static void *search_loop(void *arg)
{
    hammer *h = arg;
    while (!*h->stop || h->requests < 20) {
        reply r = get(h->port, "/api/search?q=the&limit=5");
        h->requests++;
        h->failures += r.status != 200;
        reply_free(&r);
    }
    return NULL;
}

/* Searches keep being answered while an ingest writes to the store, and
 * see the new articles once it has committed. */
static void test_answers_during_ingest(void **state)
{
    fixture *f = *state;
    char *jsonl = test_path(f->dir, "more.jsonl");
    FILE *out = fopen(jsonl, "w");
    assert_non_null(out);
    for (int i = 0; i < 3000; i++)
        fprintf(out,
                "{\"id\":\"more-%d\",\"date\":\"2030-01-01\",\"text\":\"the "
                "zebracorn report number %d said the rest\"}\n",
                i, i);
    fclose(out);
    volatile int stop = 0;
    hammer h[2] = {{f->port, 0, 0, &stop}, {f->port, 0, 0, &stop}};
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, search_loop, &h[i]);
    ingest(f->db, jsonl);
    stop = 1;
    for (int i = 0; i < 2; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(h[i].failures, 0);
        assert_true(h[i].requests >= 20);
    }
    json_t *j = get_json(f->port, "/api/search?q=zebracorn", 200);
    assert_int_equal(json_integer_value(json_object_get(j, "total")), 3000);
    json_decref(j);
    free(jsonl);
}

static void test_start_errors(void **state)
{
    fixture *f = *state;
    ng_server *srv = NULL;
    ng_server_options o = {.db = f->db, .bind = "example.org"};
    assert_int_equal(ng_server_start(&srv, &o), NG_ERR_ARG);
    assert_non_null(strstr(ng_server_message(srv), "example.org"));
    ng_server_stop(srv);
    char *missing = test_path(f->dir, "missing.db");
    o = (ng_server_options){.db = missing};
    assert_int_equal(ng_server_start(&srv, &o), NG_ERR_NOT_FOUND);
    assert_non_null(strstr(ng_server_message(srv), "missing.db"));
    ng_server_stop(srv);
    free(missing);
    /* the port in use */
    o = (ng_server_options){.db = f->db, .port = f->port};
    assert_int_equal(ng_server_start(&srv, &o), NG_ERR_IO);
    ng_server_stop(srv);
    /* IPv6 loopback, where the machine has it */
    o = (ng_server_options){.db = f->db, .bind = "::1", .threads = 1};
    if (ng_server_start(&srv, &o) == NG_OK)
        assert_true(ng_server_port(srv) > 0);
    ng_server_stop(srv);
    assert_int_equal(ng_server_start(&srv, NULL), NG_ERR_ARG);
    ng_server_stop(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_index_and_stats),
        cmocka_unit_test(test_search),
        cmocka_unit_test(test_article),
        cmocka_unit_test(test_article_analysis),
        cmocka_unit_test(test_quotes),
        cmocka_unit_test(test_graph),
        cmocka_unit_test(test_entities),
        cmocka_unit_test(test_entity),
        cmocka_unit_test(test_entity_filter),
        cmocka_unit_test(test_timeline),
        cmocka_unit_test(test_bad_requests),
        cmocka_unit_test(test_methods),
        cmocka_unit_test(test_head),
        cmocka_unit_test(test_too_large),
        cmocka_unit_test(test_static_files),
        cmocka_unit_test(test_traversal),
        cmocka_unit_test(test_cors),
        cmocka_unit_test(test_host_header),
        cmocka_unit_test(test_keep_alive),
        cmocka_unit_test(test_slow_client),
        cmocka_unit_test(test_start_errors),
        cmocka_unit_test(test_answers_during_ingest),
    };
    return cmocka_run_group_tests_name("serve", tests, setup_group,
                                       teardown_group);
}
