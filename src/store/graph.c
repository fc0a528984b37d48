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

/* ?1 type, ?2 since, ?3 until, ?4 max nodes. */
#define NODES_SQL                                                              \
    "SELECT e.id, e.name, e.type, count(*) AS n,"                              \
    "  count(DISTINCT m.article_id)"                                           \
    " FROM mentions m JOIN entities e ON e.id = m.entity_id"                   \
    " JOIN articles a ON a.id = m.article_id"                                  \
    " WHERE (?1 IS NULL OR e.type = ?1)"                                       \
    "   AND (?2 IS NULL OR a.date >= ?2) AND (?3 IS NULL OR a.date <= ?3)"     \
    " GROUP BY e.id ORDER BY n DESC, e.name, e.id LIMIT ?4"

static const char nodes_sql[] = NODES_SQL;

/* The same, and ?5 the minimum weight. */
static const char edges_sql[] =
    "WITH n AS (" NODES_SQL "),"
    " am AS (SELECT DISTINCT m.article_id, m.entity_id FROM mentions m"
    "   JOIN articles a ON a.id = m.article_id"
    "   WHERE m.entity_id IN (SELECT id FROM n)"
    "     AND (?2 IS NULL OR a.date >= ?2) AND (?3 IS NULL OR a.date <= ?3))"
    " SELECT x.entity_id, y.entity_id, count(*) AS w FROM am x JOIN am y"
    "   ON x.article_id = y.article_id AND x.entity_id < y.entity_id"
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

static void bind_query(sqlite3_stmt *stmt, const ng_graph_query *q,
                       const char *type)
{
    if (type)
        sqlite3_bind_text(stmt, 1, type, -1, SQLITE_STATIC);
    if (q && q->since)
        sqlite3_bind_text(stmt, 2, q->since, -1, SQLITE_TRANSIENT);
    if (q && q->until)
        sqlite3_bind_text(stmt, 3, q->until, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(stmt, 4,
                       q && q->max_nodes ? q->max_nodes : DEFAULT_NODES);
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
    bind_query(stmt, q, type);
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

static ng_status read_edges(ng_store *s, const ng_graph_query *q,
                            const char *type, ng_graph *g)
{
    id_index *ix = malloc((g->nnodes + 1) * sizeof *ix);
    if (!ix)
        return NG_ERR_NOMEM;
    for (size_t i = 0; i < g->nnodes; i++)
        ix[i] = (id_index){g->nodes[i].id, i};
    qsort(ix, g->nnodes, sizeof *ix, by_id);
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(s->db, edges_sql, -1, &stmt, NULL) != SQLITE_OK) {
        free(ix);
        return store_sqlite_fail(s, "graph edges");
    }
    bind_query(stmt, q, type);
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
    ng_status st = read_nodes(s, q, type, g);
    if (st == NG_OK)
        st = read_edges(s, q, type, g);
    if (st != NG_OK) {
        ng_graph_free(g);
        return st;
    }
    *out = g;
    return NG_OK;
}
