/*
 * graph.c -- the co-occurrence network of entities in the store: the
 * most mentioned entities within the dates (and of a type) are the
 * nodes; two of them are joined by an edge weighted by the number of
 * articles that mention both, kept from a minimum weight on.
 *
 * Exports: ng_store_graph, ng_graph_free.
 */
#include <stdlib.h>
#include <string.h>

#include "store.h"

enum { DEFAULT_NODES = 500 };

/* The articles within ?2 since and ?3 until, or every article when both
 * are NULL (then the subquery is never run). */
#define IN_DATES(ARTICLE)                                                      \
    "((?2 IS NULL AND ?3 IS NULL) OR " ARTICLE " IN (SELECT id FROM articles"  \
    "  WHERE (?2 IS NULL OR date >= ?2) AND (?3 IS NULL OR date <= ?3)))"

/* ?1 type, ?2 since, ?3 until, ?4 max nodes. Mentions are counted per
 * entity over the mentions_entity index first, and only the counted
 * entities are looked up: joining every mention to its entity and
 * article took five times as long on Reuters-21578. */
static const char nodes_sql[] =
    "SELECT e.id, e.name, e.type, t.n, t.articles FROM"
    " (SELECT m.entity_id AS id, count(*) AS n,"
    "   count(DISTINCT m.article_id) AS articles FROM mentions m"
    "   WHERE " IN_DATES(
        "m.article_id") " GROUP BY m.entity_id) t"
                        " JOIN entities e ON e.id = t.id WHERE (?1 IS NULL OR "
                        "e.type = ?1)"
                        " ORDER BY t.n DESC, e.name, e.id LIMIT ?4";

/* ?1 the nodes' ids (a JSON array), ?2 since, ?3 until, ?5 the minimum
 * weight: pairs of nodes mentioned in the same articles. */
static const char edges_sql[] =
    "WITH am AS (SELECT DISTINCT m.article_id, m.entity_id FROM mentions m"
    "   WHERE m.entity_id IN (SELECT value FROM json_each(?1))"
    "     AND " IN_DATES(
        "m.article_id") ")"
                        " SELECT x.entity_id, y.entity_id, count(*) AS w FROM "
                        "am x JOIN am y"
                        "   ON x.article_id = y.article_id AND x.entity_id < "
                        "y.entity_id"
                        " GROUP BY x.entity_id, y.entity_id HAVING w >= ?5"
                        " ORDER BY w DESC, x.entity_id, y.entity_id";

typedef struct graph_mem {
    arena a;
} graph_mem;

void ng_graph_free(ng_graph *g)
{
    if (!g)
        return;
    graph_mem *m = g->mem;
    if (m)
        arena_release(&m->a);
    free(m);
    free(g->nodes);
    free(g->edges);
    free(g);
}

static void bind_dates(sqlite3_stmt *stmt, const ng_graph_query *q)
{
    if (q && q->since)
        sqlite3_bind_text(stmt, 2, q->since, -1, SQLITE_TRANSIENT);
    if (q && q->until)
        sqlite3_bind_text(stmt, 3, q->until, -1, SQLITE_TRANSIENT);
}

static char *col_text(arena *a, sqlite3_stmt *stmt, int col)
{
    const unsigned char *v = sqlite3_column_text(stmt, col);
    return v ? arena_strndup(a, (const char *)v,
                             (size_t)sqlite3_column_bytes(stmt, col))
             : NULL;
}

static ng_status read_nodes(ng_store *s, const ng_graph_query *q,
                            const char *type, ng_graph *g)
{
    arena *a = &((graph_mem *)g->mem)->a;
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(s->db, nodes_sql, -1, &stmt, NULL) != SQLITE_OK)
        return store_sqlite_fail(s, "graph nodes");
    if (type)
        sqlite3_bind_text(stmt, 1, type, -1, SQLITE_STATIC);
    bind_dates(stmt, q);
    sqlite3_bind_int64(stmt, 4,
                       q && q->max_nodes ? q->max_nodes : DEFAULT_NODES);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (g->nnodes == cap) {
            size_t ncap = cap ? cap * 2 : 64;
            ng_graph_node *p = realloc(g->nodes, ncap * sizeof *p);
            if (!p) {
                rc = SQLITE_NOMEM;
                break;
            }
            g->nodes = p;
            cap = ncap;
        }
        ng_graph_node *n = &g->nodes[g->nnodes++];
        n->id = sqlite3_column_int64(stmt, 0);
        n->name = col_text(a, stmt, 1);
        n->type = col_text(a, stmt, 2);
        n->mentions = (uint64_t)sqlite3_column_int64(stmt, 3);
        n->articles = (uint64_t)sqlite3_column_int64(stmt, 4);
        if (!n->name || !n->type) {
            rc = SQLITE_NOMEM;
            break;
        }
    }
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE ? NG_OK : store_step_error(s, rc, "graph");
}

/* The node index of an entity id (nodes are few: a sorted copy). */
typedef struct id_index {
    int64_t id;
    size_t node;
} id_index;

static int by_id(const void *pa, const void *pb)
{
    const id_index *a = pa, *b = pb;
    return a->id < b->id ? -1 : a->id > b->id;
}

static bool node_of(const id_index *ix, size_t n, int64_t id, size_t *node)
{
    id_index key = {id, 0};
    const id_index *hit = bsearch(&key, ix, n, sizeof *ix, by_id);
    if (hit)
        *node = hit->node;
    return hit != NULL;
}

/* The nodes' ids as a JSON array, for json_each. */
static bool node_ids(const ng_graph *g, buf *ids)
{
    buf_putc(ids, '[');
    for (size_t i = 0; i < g->nnodes; i++)
        buf_printf(ids, "%s%lld", i ? "," : "", (long long)g->nodes[i].id);
    buf_putc(ids, ']');
    return !ids->failed;
}

static ng_status read_edges(ng_store *s, const ng_graph_query *q, ng_graph *g)
{
    id_index *ix = malloc((g->nnodes + 1) * sizeof *ix);
    buf ids;
    buf_init(&ids, 0);
    if (!ix || !node_ids(g, &ids)) {
        free(ix);
        buf_free(&ids);
        return NG_ERR_NOMEM;
    }
    for (size_t i = 0; i < g->nnodes; i++)
        ix[i] = (id_index){g->nodes[i].id, i};
    qsort(ix, g->nnodes, sizeof *ix, by_id);
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(s->db, edges_sql, -1, &stmt, NULL) != SQLITE_OK) {
        free(ix);
        buf_free(&ids);
        return store_sqlite_fail(s, "graph edges");
    }
    sqlite3_bind_text(stmt, 1, buf_cstr(&ids), -1, SQLITE_STATIC);
    bind_dates(stmt, q);
    sqlite3_bind_int64(stmt, 5, q && q->min_weight ? q->min_weight : 1);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        size_t x, y;
        if (!node_of(ix, g->nnodes, sqlite3_column_int64(stmt, 0), &x) ||
            !node_of(ix, g->nnodes, sqlite3_column_int64(stmt, 1), &y))
            continue;
        if (g->nedges == cap) {
            size_t ncap = cap ? cap * 2 : 256;
            ng_graph_edge *p = realloc(g->edges, ncap * sizeof *p);
            if (!p) {
                rc = SQLITE_NOMEM;
                break;
            }
            g->edges = p;
            cap = ncap;
        }
        g->edges[g->nedges++] =
            (ng_graph_edge){x < y ? x : y, x < y ? y : x,
                            (uint64_t)sqlite3_column_int64(stmt, 2)};
    }
    sqlite3_finalize(stmt);
    free(ix);
    buf_free(&ids);
    return rc == SQLITE_DONE ? NG_OK : store_step_error(s, rc, "graph");
}

ng_status ng_store_graph(ng_store *s, const ng_graph_query *q, ng_graph **out)
{
    if (!s || !out)
        return NG_ERR_ARG;
    *out = NULL;
    if (q && !store_check_dates(s, q->since, q->until))
        return NG_ERR_ARG;
    const char *type = NULL;
    if (q && q->type) {
        int t = ng_entity_type_parse(q->type);
        if (t < 0)
            return store_fail(s, NG_ERR_ARG,
                              "unknown entity type '%s' (PER, ORG, LOC or "
                              "MISC)",
                              q->type);
        type = ng_entity_type_name((ng_entity_type)t);
    }
    ng_graph *g = calloc(1, sizeof *g);
    graph_mem *m = calloc(1, sizeof *m);
    if (!g || !m) {
        free(g);
        free(m);
        return NG_ERR_NOMEM;
    }
    arena_init(&m->a);
    g->mem = m;
    bool began = store_read_begin(s); /* nodes and edges of one version */
    ng_status st = read_nodes(s, q, type, g);
    if (st == NG_OK)
        st = read_edges(s, q, g);
    store_read_end(s, began);
    if (st != NG_OK) {
        ng_graph_free(g);
        return st;
    }
    *out = g;
    return NG_OK;
}
