/*
 * server.c -- ng_server: `newsgraph serve` on libmicrohttpd. A pool of
 * worker threads (MHD's thread pool, epoll) answers GET and HEAD; each
 * worker takes a read-only store handle from a pool of as many handles as
 * threads (an SQLite connection serves one thread at a time), so searches
 * run in parallel and never block on an ingest writing in WAL mode.
 *
 * Safety: only GET and HEAD (405 otherwise); the raw request target is
 * copied and checked by params.c (413 past SRV_MAX_URI; MHD itself refuses
 * longer request lines and headers past the connection memory limit);
 * static files only from the built-in table (assets.c); idle connections
 * are closed after `timeout` seconds; loopback unless told otherwise; no
 * CORS header unless an origin is given; on loopback, a Host header that
 * names another machine is refused, so that a web page elsewhere cannot
 * reach the server through DNS rebinding. The library prints nothing:
 * requests are reported through the on_request callback.
 */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "serve.h"

enum {
    SERVER_MAX_THREADS = 64,
    SERVER_DEFAULT_TIMEOUT = 10,     /* seconds */
    SERVER_MEMORY_LIMIT = 64 * 1024, /* per connection: request line and
                                        headers must fit */
    SERVER_MAX_HEADERS = 16 * 1024,  /* bytes of all request headers */
    SERVER_MAX_CONNECTIONS = 512,
    SERVER_MAX_BODY = 1 << 24 /* cap on one JSON answer */
};

/* Read-only store handles, one per worker thread. */
typedef struct store_pool {
    ng_store **stores;
    bool *busy;
    size_t n;
    pthread_mutex_t lock;
    pthread_cond_t freed;
} store_pool;

struct ng_server {
    struct MHD_Daemon *daemon;
    store_pool pool;
    unsigned port;
    bool loopback; /* listening on 127.0.0.0/8 or ::1 only */
    char bind[64]; /* the address listened on, as given */
    char *cors_origin;
    void (*on_request)(void *ctx, const ng_server_request *request);
    void *ctx;
    char message[512];
};

/* One request from its first line on (MHD's per-request pointer). */
typedef struct request_state {
    char *uri; /* the raw target, cut after SRV_MAX_URI + 1 bytes */
    size_t uri_len;
    bool headers_seen; /* the first call of the handler happened */
    struct timespec started;
} request_state;

static const char csp[] =
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

static ng_status server_fail(ng_server *srv, ng_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static ng_status server_fail(ng_server *srv, ng_status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(srv->message, sizeof srv->message, fmt, ap);
    va_end(ap);
    return st;
}

/* ---- the store pool ------------------------------------------------------ */

static ng_status pool_open(ng_server *srv, const char *db, size_t n)
{
    store_pool *p = &srv->pool;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->freed, NULL);
    p->stores = calloc(n, sizeof *p->stores);
    p->busy = calloc(n, sizeof *p->busy);
    if (!p->stores || !p->busy)
        return NG_ERR_NOMEM;
    p->n = n;
    for (size_t i = 0; i < n; i++) {
        ng_status st = ng_store_open(&p->stores[i], db, NG_STORE_READONLY);
        if (st != NG_OK)
            return server_fail(srv, st, "%s: %s%s%s", db, ng_strerror(st),
                               p->stores[i] ? ": " : "",
                               ng_store_message(p->stores[i]));
    }
    return NG_OK;
}

static void pool_close(store_pool *p)
{
    for (size_t i = 0; p->stores && i < p->n; i++)
        ng_store_close(p->stores[i]);
    free(p->stores);
    free(p->busy);
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->freed);
}

/* A free handle; waits when all are taken (not expected: there are as
 * many handles as threads that answer requests). */
static size_t pool_take(store_pool *p)
{
    pthread_mutex_lock(&p->lock);
    for (;;) {
        for (size_t i = 0; i < p->n; i++)
            if (!p->busy[i]) {
                p->busy[i] = true;
                pthread_mutex_unlock(&p->lock);
                return i;
            }
        pthread_cond_wait(&p->freed, &p->lock);
    }
}

static void pool_give(store_pool *p, size_t i)
{
    pthread_mutex_lock(&p->lock);
    p->busy[i] = false;
    pthread_cond_signal(&p->freed);
    pthread_mutex_unlock(&p->lock);
}

/* ---- responses ------------------------------------------------------------
 */

static double ms_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) * 1e3 +
           (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

static void add_common_headers(ng_server *srv, struct MHD_Response *r,
                               const char *type)
{
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    if (srv->cors_origin) {
        MHD_add_response_header(r, "Access-Control-Allow-Origin",
                                srv->cors_origin);
        MHD_add_response_header(r, MHD_HTTP_HEADER_VARY, "Origin");
    }
}

/* Queues `res` (its body is handed to MHD) and reports the request. */
static enum MHD_Result send_response(ng_server *srv,
                                     struct MHD_Connection *conn,
                                     const char *method, request_state *rs,
                                     srv_response *res, bool allow_header)
{
    size_t len = 0;
    char *body = buf_detach(&res->body, &len);
    struct MHD_Response *r = MHD_create_response_from_buffer(
        len, body ? body : "",
        body ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
    if (!r) {
        free(body);
        return MHD_NO;
    }
    add_common_headers(srv, r, res->type);
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    if (allow_header)
        MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
    enum MHD_Result ok = MHD_queue_response(conn, res->status, r);
    MHD_destroy_response(r);
    if (srv->on_request) {
        ng_server_request info = {method, rs ? rs->uri : "", res->status,
                                  rs ? ms_since(&rs->started) : 0};
        srv->on_request(srv->ctx, &info);
    }
    return ok;
}

static enum MHD_Result send_error(ng_server *srv, struct MHD_Connection *conn,
                                  const char *method, request_state *rs,
                                  const srv_error *e)
{
    srv_response res = {0};
    buf_init(&res.body, 4096);
    srv_error_json(e, &res);
    return send_response(srv, conn, method, rs, &res, e->status == 405);
}

static enum MHD_Result send_asset(ng_server *srv, struct MHD_Connection *conn,
                                  const char *method, request_state *rs,
                                  const srv_asset *a)
{
    const char *match = MHD_lookup_connection_value(
        conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH);
    unsigned status = match && strcmp(match, a->etag) == 0
                          ? MHD_HTTP_NOT_MODIFIED
                          : MHD_HTTP_OK;
    struct MHD_Response *r = MHD_create_response_from_buffer(
        status == MHD_HTTP_OK ? a->len : 0, (void *)a->data,
        MHD_RESPMEM_PERSISTENT);
    if (!r)
        return MHD_NO;
    add_common_headers(srv, r, a->type);
    MHD_add_response_header(r, MHD_HTTP_HEADER_ETAG, a->etag);
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
    MHD_add_response_header(r, "Content-Security-Policy", csp);
    enum MHD_Result ok = MHD_queue_response(conn, status, r);
    MHD_destroy_response(r);
    if (srv->on_request) {
        ng_server_request info = {method, rs->uri, status,
                                  ms_since(&rs->started)};
        srv->on_request(srv->ctx, &info);
    }
    return ok;
}

/* ---- MHD callbacks ----------------------------------------------------------
 */

/* Called with the raw request target before MHD parses it: the copy made
 * here is what params.c checks. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
    (void)cls, (void)conn;
    request_state *rs = calloc(1, sizeof *rs);
    if (!rs)
        return NULL;
    clock_gettime(CLOCK_MONOTONIC, &rs->started);
    rs->uri_len = strnlen(uri, SRV_MAX_URI + 1);
    rs->uri = str_ndup(uri, rs->uri_len);
    if (!rs->uri) {
        free(rs);
        return NULL;
    }
    return rs;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **req_cls,
                         enum MHD_RequestTerminationCode why)
{
    (void)cls, (void)conn, (void)why;
    request_state *rs = *req_cls;
    if (rs) {
        free(rs->uri);
        free(rs);
    }
    *req_cls = NULL;
}

static enum MHD_Result answer_api(ng_server *srv, struct MHD_Connection *conn,
                                  const char *method, request_state *rs,
                                  const srv_request *req)
{
    srv_response res = {0};
    buf_init(&res.body, SERVER_MAX_BODY);
    size_t slot = pool_take(&srv->pool);
    srv_handle_api(srv->pool.stores[slot], req, &res);
    pool_give(&srv->pool, slot);
    return send_response(srv, conn, method, rs, &res, false);
}

static enum MHD_Result add_header_size(void *cls, enum MHD_ValueKind kind,
                                       const char *key, const char *value)
{
    (void)kind;
    *(size_t *)cls += strlen(key) + (value ? strlen(value) : 0) + 4;
    return MHD_YES;
}

/* Bytes of the request's headers, roughly as sent. */
static size_t header_bytes(struct MHD_Connection *conn)
{
    size_t n = 0;
    MHD_get_connection_values(conn, MHD_HEADER_KIND, add_header_size, &n);
    return n;
}

/* On loopback the Host header must name this machine: localhost,
 * 127.0.0.1, [::1] or the bound address, with any port. A request without
 * one (HTTP/1.0) passes: browsers always send it. */
static bool host_allowed(const ng_server *srv, struct MHD_Connection *conn)
{
    const char *host = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
                                                   MHD_HTTP_HEADER_HOST);
    if (!srv->loopback || !host)
        return true;
    size_t n = strcspn(host, ":");
    if (host[0] == '[') {
        const char *end = strchr(host, ']');
        if (!end)
            return false;
        n = (size_t)(end - host) + 1;
    }
    const char *const names[] = {"localhost", "127.0.0.1", "[::1]", srv->bind};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strlen(names[i]) == n && strncasecmp(host, names[i], n) == 0)
            return true;
    return false;
}

/* True when the headers announce a request body. */
static bool has_body(struct MHD_Connection *conn)
{
    const char *len = MHD_lookup_connection_value(
        conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    const char *te = MHD_lookup_connection_value(
        conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING);
    return te || (len && strspn(len, "0") != strlen(len));
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn,
                                  const char *url, const char *method,
                                  const char *version, const char *upload,
                                  size_t *upload_size, void **req_cls)
{
    (void)url, (void)version, (void)upload;
    ng_server *srv = cls;
    request_state *rs = *req_cls;
    srv_error e;
    if (!rs)
        return MHD_NO; /* out of memory in on_uri: drop the connection */
    /* Answering on the first call (headers only) makes MHD close the
     * connection after the answer: right for what is refused, but a good
     * GET waits for the second call so that the connection stays open. */
    if (strcmp(method, MHD_HTTP_METHOD_GET) != 0 &&
        strcmp(method, MHD_HTTP_METHOD_HEAD) != 0) {
        srv_fail(&e, 405, "method_not_allowed",
                 "only GET and HEAD are allowed");
        return send_error(srv, conn, method, rs, &e);
    }
    if (!rs->headers_seen) {
        if (!host_allowed(srv, conn)) {
            srv_fail(&e, 400, "bad_host",
                     "the Host header must name this machine (localhost or "
                     "127.0.0.1): the server listens on loopback only");
            return send_error(srv, conn, method, rs, &e);
        }
        if (header_bytes(conn) > SERVER_MAX_HEADERS) {
            srv_fail(&e, 413, "too_large",
                     "the request headers are longer than %d bytes",
                     SERVER_MAX_HEADERS);
            return send_error(srv, conn, method, rs, &e);
        }
        if (has_body(conn)) {
            srv_fail(&e, 413, "too_large", "a GET request takes no body");
            return send_error(srv, conn, method, rs, &e);
        }
        rs->headers_seen = true;
        return MHD_YES;
    }
    if (*upload_size > 0) { /* not announced by the headers: dropped */
        *upload_size = 0;
        return MHD_YES;
    }
    srv_request req;
    enum MHD_Result ok;
    if (!srv_request_parse(&req, rs->uri, rs->uri_len, &e)) {
        ok = send_error(srv, conn, method, rs, &e);
    } else if (req.route != SRV_ROUTE_NONE) {
        ok = answer_api(srv, conn, method, rs, &req);
    } else {
        const srv_asset *a = srv_asset_find(req.path);
        if (a) {
            ok = send_asset(srv, conn, method, rs, a);
        } else {
            srv_fail(&e, 404, "not_found", "no such page");
            ok = send_error(srv, conn, method, rs, &e);
        }
    }
    srv_request_free(&req);
    return ok;
}

/* ---- starting and stopping
 * ---------------------------------------------------- */

/* Fills addr from a numeric IPv4 or IPv6 address ("localhost" is
 * 127.0.0.1); false when it is neither. */
static bool parse_bind(const char *bind, unsigned port,
                       struct sockaddr_storage *addr, bool *v6, bool *loopback)
{
    memset(addr, 0, sizeof *addr);
    struct sockaddr_in *a4 = (struct sockaddr_in *)addr;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)addr;
    if (strcmp(bind, "localhost") == 0)
        bind = "127.0.0.1";
    if (inet_pton(AF_INET, bind, &a4->sin_addr) == 1) {
        a4->sin_family = AF_INET;
        a4->sin_port = htons((uint16_t)port);
        *v6 = false;
        *loopback = (ntohl(a4->sin_addr.s_addr) >> 24) == 127;
        return true;
    }
    if (inet_pton(AF_INET6, bind, &a6->sin6_addr) == 1) {
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)port);
        *v6 = true;
        *loopback = IN6_IS_ADDR_LOOPBACK(&a6->sin6_addr);
        return true;
    }
    return false;
}

static unsigned default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1                    ? 1
           : n > SERVER_MAX_THREADS ? SERVER_MAX_THREADS
                                    : (unsigned)n;
}

static ng_status start_daemon(ng_server *srv, const ng_server_options *o,
                              unsigned threads)
{
    const char *bind = o->bind ? o->bind : "127.0.0.1";
    struct sockaddr_storage addr;
    bool v6;
    if (!parse_bind(bind, o->port, &addr, &v6, &srv->loopback))
        return server_fail(srv, NG_ERR_ARG,
                           "'%s' is not an IPv4 or IPv6 address", bind);
    snprintf(srv->bind, sizeof srv->bind, "%s", bind);
    unsigned timeout = o->timeout ? o->timeout : SERVER_DEFAULT_TIMEOUT;
    unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | (v6 ? MHD_USE_IPv6 : 0);
    srv->daemon = MHD_start_daemon(
        flags, (uint16_t)o->port, NULL, NULL, on_request, srv,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_TIMEOUT,
        timeout, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)SERVER_MEMORY_LIMIT, MHD_OPTION_CONNECTION_LIMIT,
        SERVER_MAX_CONNECTIONS, MHD_OPTION_URI_LOG_CALLBACK, on_uri, srv,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv, MHD_OPTION_END);
    if (!srv->daemon)
        return server_fail(srv, NG_ERR_IO,
                           "cannot listen on %s port %u (in use, or not an "
                           "address of this machine?)",
                           bind, o->port);
    const union MHD_DaemonInfo *info =
        MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
    srv->port = info ? info->port : o->port;
    return NG_OK;
}

ng_status ng_server_start(ng_server **out, const ng_server_options *o)
{
    if (out)
        *out = NULL;
    if (!out || !o || !o->db || o->port > 65535 ||
        o->threads > SERVER_MAX_THREADS)
        return NG_ERR_ARG;
    ng_server *srv = calloc(1, sizeof *srv);
    *out = srv;
    if (!srv)
        return NG_ERR_NOMEM;
    srv->on_request = o->on_request;
    srv->ctx = o->ctx;
    unsigned threads = o->threads ? o->threads : default_threads();
    ng_status st = pool_open(srv, o->db, threads);
    if (st == NG_OK && o->cors_origin &&
        !(srv->cors_origin = str_dup(o->cors_origin)))
        st = NG_ERR_NOMEM;
    if (st == NG_OK)
        st = start_daemon(srv, o, threads);
    return st;
}

unsigned ng_server_port(const ng_server *srv)
{
    return srv ? srv->port : 0;
}

const char *ng_server_message(const ng_server *srv)
{
    return srv ? srv->message : "";
}

void ng_server_stop(ng_server *srv)
{
    if (!srv)
        return;
    if (srv->daemon)
        MHD_stop_daemon(srv->daemon);
    pool_close(&srv->pool);
    free(srv->cors_origin);
    free(srv);
}
