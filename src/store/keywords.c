/*
 * keywords.c -- keyphrases in the store, weighted by the corpus: a term's
 * IDF is ln(N / n), N the articles in the store and n those with the term
 * among their keyphrases (case-insensitive); its weight is its score (in
 * one article, or summed over the articles in the dates) times its IDF.
 * The logarithm is taken here, not in SQL (SQLite's math functions are
 * optional).
 *
 * Exports: ng_store_keywords, ng_keyword_list_free.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

enum { DEFAULT_LIMIT = 20 };

/* One article: ?1 its doc_id (or row number). */
static const char article_sql[] =
    "SELECT k.term, k.score, 1,"
    "  (SELECT count(DISTINCT k2.article_id) FROM keywords k2"
    "   WHERE k2.term = k.term COLLATE NOCASE)"
    " FROM keywords k WHERE k.article_id = (SELECT id FROM articles"
    "   WHERE doc_id = ?1 UNION ALL SELECT id FROM articles"
    "   WHERE id = CAST(?1 AS INTEGER) LIMIT 1)"
    " ORDER BY k.rank";

/* All articles within ?2 since, ?3 until, in one pass over the table:
 * the document frequency counts every article, the rest those of the
 * dates (a correlated count per term was a scan per row). */
static const char corpus_sql[] =
    "SELECT min(CASE WHEN in_dates THEN term END),"
    "  total(CASE WHEN in_dates THEN score END),"
    "  count(DISTINCT CASE WHEN in_dates THEN article_id END) AS n_in,"
    "  count(DISTINCT article_id)"
    " FROM (SELECT k.term, k.score, k.article_id,"
    "   (?2 IS NULL OR a.date >= ?2) AND (?3 IS NULL OR a.date <= ?3)"
    "   AS in_dates"
    "   FROM keywords k JOIN articles a ON a.id = k.article_id)"
    " GROUP BY term COLLATE NOCASE"
    " HAVING n_in > 0";

typedef struct list_mem {
    arena a;
} list_mem;

void ng_keyword_list_free(ng_keyword_list *l)
{
    if (!l)
        return;
    list_mem *m = l->mem;
    if (m)
        arena_release(&m->a);
    free(m);
    free(l->items);
    free(l);
}

/* Whether an article has this doc_id (or row number). */
static bool article_exists(ng_store *s, const char *id)
{
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT 1 FROM articles WHERE doc_id = ?1 OR id ="
                           " CAST(?1 AS INTEGER)",
                           -1, &stmt, NULL) != SQLITE_OK)
        return false;
    sqlite3_bind_text(stmt, 1, id, -1, SQLITE_TRANSIENT);
    bool found = sqlite3_step(stmt) == SQLITE_ROW;
    sqlite3_finalize(stmt);
    return found;
}

static int by_weight(const void *pa, const void *pb)
{
    const ng_keyword_weight *a = pa, *b = pb;
    if (a->weight != b->weight)
        return a->weight > b->weight ? -1 : 1;
    return strcmp(a->term, b->term);
}

static ng_status count_articles(ng_store *s, double *n)
{
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM articles", -1, &stmt,
                           NULL) != SQLITE_OK)
        return store_sqlite_fail(s, "keywords");
    int rc = sqlite3_step(stmt);
    *n = rc == SQLITE_ROW ? (double)sqlite3_column_int64(stmt, 0) : 0;
    sqlite3_finalize(stmt);
    return rc == SQLITE_ROW ? NG_OK : store_sqlite_fail(s, "keywords");
}

/* Reads (term, score, articles, df) rows; items grow with malloc. */
static ng_status read_rows(ng_store *s, sqlite3_stmt *stmt, ng_keyword_list *l,
                           double total)
{
    arena *a = &((list_mem *)l->mem)->a;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (l->count == cap) {
            size_t ncap = cap ? cap * 2 : 64;
            ng_keyword_weight *p = realloc(l->items, ncap * sizeof *p);
            if (!p)
                return NG_ERR_NOMEM;
            l->items = p;
            cap = ncap;
        }
        ng_keyword_weight *k = &l->items[l->count];
        const unsigned char *term = sqlite3_column_text(stmt, 0);
        k->term = term ? arena_strndup(a, (const char *)term,
                                       (size_t)sqlite3_column_bytes(stmt, 0))
                       : NULL;
        if (!k->term)
            return NG_ERR_NOMEM;
        k->score = sqlite3_column_double(stmt, 1);
        k->articles = (uint64_t)sqlite3_column_int64(stmt, 2);
        double df = sqlite3_column_double(stmt, 3);
        k->idf = df > 0 && total >= df ? log(total / df) : 0;
        k->weight = k->score * k->idf;
        l->count++;
    }
    return rc == SQLITE_DONE ? NG_OK : store_step_error(s, rc, "keywords");
}

ng_status ng_store_keywords(ng_store *s, const ng_keyword_query *q,
                            ng_keyword_list **out)
{
    if (!s || !out)
        return NG_ERR_ARG;
    *out = NULL;
    if (q && !store_check_dates(s, q->since, q->until))
        return NG_ERR_ARG;
    bool one = q && q->article;
    double total;
    ng_status st = count_articles(s, &total);
    if (st != NG_OK)
        return st;
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(s->db, one ? article_sql : corpus_sql, -1, &stmt,
                           NULL) != SQLITE_OK)
        return store_sqlite_fail(s, "keywords");
    if (one)
        sqlite3_bind_text(stmt, 1, q->article, -1, SQLITE_TRANSIENT);
    if (q && q->since)
        sqlite3_bind_text(stmt, 2, q->since, -1, SQLITE_TRANSIENT);
    if (q && q->until)
        sqlite3_bind_text(stmt, 3, q->until, -1, SQLITE_TRANSIENT);
    ng_keyword_list *l = calloc(1, sizeof *l);
    list_mem *m = calloc(1, sizeof *m);
    if (l && m) {
        arena_init(&m->a);
        l->mem = m;
        st = read_rows(s, stmt, l, total);
    } else {
        free(m);
        st = NG_ERR_NOMEM;
    }
    sqlite3_finalize(stmt);
    if (st == NG_OK && one && l->count == 0 && !article_exists(s, q->article))
        st = store_fail(s, NG_ERR_NOT_FOUND, "no article '%s'", q->article);
    if (st != NG_OK) {
        ng_keyword_list_free(l);
        return st;
    }
    qsort(l->items, l->count, sizeof *l->items, by_weight);
    unsigned limit = q && q->limit ? q->limit : DEFAULT_LIMIT;
    if (l->count > limit)
        l->count = limit;
    *out = l;
    return NG_OK;
}
