/*
 * serve.h -- internals of the HTTP server (`newsgraph serve`): requests
 * parsed from the raw URI and checked against a route table (params.c),
 * JSON answers built from the store (handlers.c), the web page built into
 * the binary (assets.c), and the libmicrohttpd daemon with its pool of
 * read-only store handles (server.c).
 *
 * Prefix: srv_. Nothing here prints or exits; nothing but server.c knows
 * about libmicrohttpd, so the rest is tested and fuzzed without sockets.
 */
#ifndef NG_SERVE_H
#define NG_SERVE_H

#include "../util/util.h"
#include "newsgraph.h"

/* Caps on what a request may hold (docs/api.md lists them). */
enum {
    SRV_MAX_URI = 4096,     /* bytes of path and query string, raw */
    SRV_MAX_PARAMS = 16,    /* name=value pairs in the query string */
    SRV_MAX_VALUE = 1024,   /* bytes of one decoded value */
    SRV_MAX_LIMIT = 100,    /* results per page */
    SRV_MAX_OFFSET = 10000, /* results skipped: deeper pages are refused */
    SRV_MAX_TAGS = 1000,    /* /api/tags?limit= */
    SRV_MAX_ENTITIES = 100, /* /api/entities?limit= */
    SRV_MAX_RELATED = 50,   /* /api/entity?related= */
    SRV_MAX_NODES = 300,    /* /api/graph?max_nodes= */
    SRV_MAX_WEIGHT = 100000 /* /api/graph?min_weight= */
};

typedef enum srv_route {
    SRV_ROUTE_NONE = 0, /* not an API path: a static file or 404 */
    SRV_ROUTE_INDEX,    /* /api: what the API offers */
    SRV_ROUTE_SEARCH,
    SRV_ROUTE_ARTICLE,
    SRV_ROUTE_TIMELINE,
    SRV_ROUTE_STATS,
    SRV_ROUTE_TAGS,
    SRV_ROUTE_ENTITIES,   /* the most mentioned entities (of a query) */
    SRV_ROUTE_ENTITY,     /* one entity's profile */
    SRV_ROUTE_QUOTES,     /* quotes by speaker, words, kind, dates */
    SRV_ROUTE_GRAPH,      /* the co-occurrence network of entities */
    SRV_ROUTE_UNKNOWN_API /* under /api/ but no such endpoint */
} srv_route;

typedef struct srv_param {
    char *name;  /* decoded, NUL-terminated, valid UTF-8 */
    char *value; /* decoded, NUL-terminated, valid UTF-8, no NUL inside */
} srv_param;

/* A parsed request. Strings live in `mem` and die with srv_request_free. */
typedef struct srv_request {
    arena mem;
    char *path; /* decoded path, without the query string */
    srv_param params[SRV_MAX_PARAMS];
    size_t nparams;
    srv_route route;
} srv_request;

/* Why a request was refused: an HTTP status, a stable code and a sentence
 * (docs/api.md lists the codes). */
typedef struct srv_error {
    unsigned status;  /* 400, 404, 405, 413, 500, 503 */
    const char *code; /* "bad_parameter", "bad_query", "not_found", ... */
    char message[256];
} srv_error;

/* Sets e and returns false (so that callers can `return srv_fail(...)`). */
bool srv_fail(srv_error *e, unsigned status, const char *code, const char *fmt,
              ...) __attribute__((format(printf, 4, 5)));

/* ---- params.c ---------------------------------------------------------- */

/*
 * Decodes %XX escapes (and '+' as a space when `plus`) of s[0..n) into
 * `out` (at least n + 1 bytes), NUL-terminated. False when an escape is
 * malformed, the result holds a NUL byte or is not valid UTF-8.
 */
bool srv_url_decode(const char *s, size_t n, bool plus, char *out,
                    size_t *out_len);

/*
 * Parses a raw request target ("/api/search?q=a+b&limit=5") into req
 * (initialized here; free with srv_request_free even on failure), finds
 * its route, and checks that every parameter is one the route takes,
 * given once. False with e set (400 or 413) when it is refused.
 */
bool srv_request_parse(srv_request *req, const char *uri, size_t len,
                       srv_error *e);
void srv_request_free(srv_request *req);

/* The value of parameter `name`, or NULL when absent. */
const char *srv_param_get(const srv_request *req, const char *name);

/* Typed parameters: absent gives `def`; a bad value sets e (400). */
bool srv_param_uint(const srv_request *req, const char *name, unsigned def,
                    unsigned min, unsigned max, unsigned *out, srv_error *e);
bool srv_param_date(const srv_request *req, const char *name, const char **out,
                    srv_error *e);

/* The route's path ("/api/search"), for the /api index. */
const char *srv_route_path(srv_route route);

/* ---- handlers.c --------------------------------------------------------- */

/* A response: a status and a body with its content type. */
typedef struct srv_response {
    unsigned status;
    const char *type; /* a static string */
    buf body;         /* built here; the caller frees it */
} srv_response;

/*
 * Answers an API request (req->route is not SRV_ROUTE_NONE) from the
 * store: res gets a status and a JSON body, an error object when the
 * request is refused. res->body must be initialized by the caller.
 */
void srv_handle_api(ng_store *store, const srv_request *req, srv_response *res);

/* The JSON error object {"error":{"status":..,"code":..,"message":..}}. */
void srv_error_json(const srv_error *e, srv_response *res);

/* ---- assets.c ------------------------------------------------------------ */

typedef struct srv_asset {
    const char *path; /* "/", "/app.js", ... */
    const char *type; /* its Content-Type */
    const unsigned char *data;
    size_t len;
    const char *etag; /* a quoted hash of the content */
} srv_asset;

/* The built-in file at exactly this path, or NULL. */
const srv_asset *srv_asset_find(const char *path);

#endif /* NG_SERVE_H */
