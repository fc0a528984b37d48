/*
 * writer.c -- writes analyzed articles into the store inside the caller's
 * transactions. An article is keyed by its doc_id: unchanged content (same
 * hash) is not written again; changed content replaces every row of the
 * old version (articles, articles_fts, times, amounts, quotes, keywords),
 * so each article is either fully present or absent.
 *
 * Entities are shared between articles (one row per name and type);
 * mentions and the spellings they give the entity (aliases with the
 * article's id) belong to their article and go with it; the alias
 * table's names of an entity (article_id 0) stay with the entity.
 *
 * The insert is tried first (ON CONFLICT DO NOTHING): a new article, the
 * common case, costs one statement, and only a conflict looks the old
 * version up.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store.h"

enum {
    W_FIND,
    W_FTS_DELETE,
    W_DELETE_TIMES,
    W_DELETE_AMOUNTS,
    W_DELETE,
    W_INSERT,
    W_FTS_INSERT,
    W_ENTITY,
    W_MENTION,
    W_MENTIONS_DELETE,
    W_INSERT_TIME,
    W_INSERT_AMOUNT,
    W_DELETE_QUOTES,
    W_INSERT_QUOTE,
    W_DELETE_KEYWORDS,
    W_INSERT_KEYWORD,
    W_DELETE_ALIASES,
    W_INSERT_ALIAS,
    W_BEGIN,
    W_COMMIT,
    W_COUNT
};

static const char *const writer_sql[W_COUNT] = {
    [W_FIND] = "SELECT id, hash FROM articles WHERE doc_id = ?",
    [W_FTS_DELETE] = ("INSERT INTO articles_fts(articles_fts, rowid, title,"
                      " tags, text) SELECT 'delete', id, title, tags, text"
                      " FROM articles WHERE id = ?"),
    [W_DELETE_TIMES] = "DELETE FROM times WHERE article_id = ?",
    [W_DELETE_AMOUNTS] = "DELETE FROM amounts WHERE article_id = ?",
    [W_DELETE] = "DELETE FROM articles WHERE id = ?",
    [W_INSERT] = ("INSERT INTO articles(doc_id, date, title, tags, url,"
                  " source, text, origin, hash, bytes, sentences, tokens,"
                  " ingested) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
                  " ON CONFLICT(doc_id) DO NOTHING"),
    [W_FTS_INSERT] = ("INSERT INTO articles_fts(rowid, title, tags, text)"
                      " VALUES (?,?,?,?)"),
    [W_ENTITY] = ("INSERT INTO entities(name, type) VALUES (?,?)"
                  " ON CONFLICT(name, type) DO UPDATE SET name = excluded.name"
                  " RETURNING id"),
    [W_MENTION] = ("INSERT INTO mentions(article_id, entity_id, start, end)"
                   " VALUES (?,?,?,?)"),
    [W_MENTIONS_DELETE] = "DELETE FROM mentions WHERE article_id = ?",
    [W_INSERT_TIME] = ("INSERT INTO times(article_id, start, end, text,"
                       " type, value, mod) VALUES (?,?,?,?,?,?,?)"),
    [W_INSERT_AMOUNT] = ("INSERT INTO amounts(article_id, start, end, text,"
                         " kind, value, approx, low, high, mod, unit,"
                         " currency, inferred, vague)"
                         " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"),
    [W_DELETE_QUOTES] = "DELETE FROM quotes WHERE article_id = ?",
    [W_INSERT_QUOTE] = ("INSERT OR IGNORE INTO quotes(article_id, start, end,"
                        " text, kind, speaker_id, source_start, source_end,"
                        " verb) VALUES (?,?,?,?,?,?,?,?,?)"),
    [W_DELETE_KEYWORDS] = "DELETE FROM keywords WHERE article_id = ?",
    [W_INSERT_KEYWORD] = ("INSERT INTO keywords(article_id, rank, term, score)"
                          " VALUES (?,?,?,?)"),
    [W_DELETE_ALIASES] = "DELETE FROM aliases WHERE article_id = ?",
    [W_INSERT_ALIAS] = ("INSERT OR IGNORE INTO aliases(alias, entity_id,"
                        " article_id) VALUES (?,?,?)"),
    [W_BEGIN] = "BEGIN IMMEDIATE",
    [W_COMMIT] = "COMMIT",
};

struct store_writer {
    ng_store *store;
    sqlite3_stmt *stmt[W_COUNT];
    buf tags;          /* the article's tags as a JSON array */
    strmap entity_ids; /* "TYPE name" -> entities.id, committed or in the
                        * open transaction; cleared on rollback */
    buf entity_key;
    buf ids; /* the store ids of the article's entities, in order */
    char now[32];
};

ng_status store_writer_new(ng_store *s, store_writer **out)
{
    *out = NULL;
    if (s->readonly)
        return store_fail(s, NG_ERR_ARG, "the store is open read-only");
    store_writer *w = calloc(1, sizeof *w);
    if (!w)
        return NG_ERR_NOMEM;
    w->store = s;
    buf_init(&w->tags, 0);
    buf_init(&w->entity_key, 0);
    buf_init(&w->ids, 0);
    strmap_init(&w->entity_ids);
    for (int i = 0; i < W_COUNT; i++)
        if (sqlite3_prepare_v3(s->db, writer_sql[i], -1,
                               SQLITE_PREPARE_PERSISTENT, &w->stmt[i],
                               NULL) != SQLITE_OK) {
            ng_status st = store_sqlite_fail(s, "prepare");
            store_writer_free(w);
            return st;
        }
    *out = w;
    return NG_OK;
}

void store_writer_free(store_writer *w)
{
    if (!w)
        return;
    for (int i = 0; i < W_COUNT; i++)
        sqlite3_finalize(w->stmt[i]);
    buf_free(&w->tags);
    buf_free(&w->entity_key);
    buf_free(&w->ids);
    strmap_clear(&w->entity_ids);
    free(w);
}

/* Steps a statement that returns no rows and resets it. */
static ng_status run(store_writer *w, int which, const char *what)
{
    sqlite3_stmt *stmt = w->stmt[which];
    int rc = sqlite3_step(stmt);
    ng_status st = rc == SQLITE_DONE || rc == SQLITE_ROW
                       ? NG_OK
                       : store_sqlite_fail(w->store, what);
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    return st;
}

ng_status store_writer_begin(store_writer *w)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(w->now, sizeof w->now, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return run(w, W_BEGIN, "begin");
}

ng_status store_writer_commit(store_writer *w)
{
    return run(w, W_COMMIT, "commit");
}

void store_writer_rollback(store_writer *w)
{
    if (!sqlite3_get_autocommit(w->store->db))
        sqlite3_exec(w->store->db, "ROLLBACK", NULL, NULL, NULL);
    strmap_clear(&w->entity_ids); /* ids made in the transaction are gone */
}

static void bind_text(sqlite3_stmt *stmt, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(stmt, i, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(stmt, i);
}

/* Removes every row of the stored article `id`. */
static ng_status delete_article(store_writer *w, sqlite3_int64 id)
{
    static const int steps[] = {W_MENTIONS_DELETE, W_FTS_DELETE,
                                W_DELETE_TIMES,    W_DELETE_AMOUNTS,
                                W_DELETE_QUOTES,   W_DELETE_KEYWORDS,
                                W_DELETE_ALIASES,  W_DELETE};
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
        sqlite3_bind_int64(w->stmt[steps[i]], 1, id);
        ng_status st = run(w, steps[i], "delete");
        if (st != NG_OK)
            return st;
    }
    return NG_OK;
}

/* Looks an existing article up: its row and whether it is unchanged. */
static ng_status find(store_writer *w, const ng_analysis *an, sqlite3_int64 *id,
                      bool *same)
{
    sqlite3_stmt *stmt = w->stmt[W_FIND];
    sqlite3_bind_text(stmt, 1, an->article.id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    *id = 0;
    *same = false;
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(stmt, 0);
        *same = (uint64_t)sqlite3_column_int64(stmt, 1) == an->content_hash;
    }
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    return rc == SQLITE_ROW || rc == SQLITE_DONE
               ? NG_OK
               : store_sqlite_fail(w->store, "lookup");
}

/* Inserts the article unless its doc_id is taken; *id = 0 when taken. */
static ng_status insert_article(store_writer *w, const ng_analysis *an,
                                sqlite3_int64 *id)
{
    const ng_article *a = &an->article;
    sqlite3_stmt *stmt = w->stmt[W_INSERT];
    bind_text(stmt, 1, a->id);
    bind_text(stmt, 2, a->date);
    bind_text(stmt, 3, a->title);
    bind_text(stmt, 4, buf_cstr(&w->tags));
    bind_text(stmt, 5, a->url);
    bind_text(stmt, 6, a->source);
    sqlite3_bind_text(stmt, 7, a->text, (int)a->text_len, SQLITE_STATIC);
    bind_text(stmt, 8, a->origin);
    sqlite3_bind_int64(stmt, 9, (sqlite3_int64)an->content_hash);
    sqlite3_bind_int64(stmt, 10, (sqlite3_int64)a->text_len);
    sqlite3_bind_int64(stmt, 11, (sqlite3_int64)an->seg.nsentences);
    sqlite3_bind_int64(stmt, 12, (sqlite3_int64)an->seg.ntokens);
    bind_text(stmt, 13, w->now);
    ng_status st = run(w, W_INSERT, "insert article");
    *id = st == NG_OK && sqlite3_changes(w->store->db) > 0
              ? sqlite3_last_insert_rowid(w->store->db)
              : 0;
    return st;
}

static ng_status index_article(store_writer *w, const ng_analysis *an,
                               sqlite3_int64 id)
{
    const ng_article *a = &an->article;
    sqlite3_stmt *stmt = w->stmt[W_FTS_INSERT];
    sqlite3_bind_int64(stmt, 1, id);
    bind_text(stmt, 2, a->title);
    bind_text(stmt, 3, buf_cstr(&w->tags));
    sqlite3_bind_text(stmt, 4, a->text, (int)a->text_len, SQLITE_STATIC);
    return run(w, W_FTS_INSERT, "index article");
}

static ng_status put_alias(store_writer *w, const char *alias, size_t len,
                           sqlite3_int64 entity, sqlite3_int64 article)
{
    sqlite3_stmt *stmt = w->stmt[W_INSERT_ALIAS];
    sqlite3_bind_text(stmt, 1, alias, (int)len, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 2, entity);
    sqlite3_bind_int64(stmt, 3, article);
    return run(w, W_INSERT_ALIAS, "alias");
}

/* The alias table's names of a new entity (article 0: they stay). */
static ng_status table_aliases(store_writer *w, const ng_entity *e,
                               sqlite3_int64 id)
{
    ng_status st = NG_OK;
    for (size_t i = 0; i < e->naliases && st == NG_OK; i++)
        st = put_alias(w, e->aliases[i], strlen(e->aliases[i]), id, 0);
    return st;
}

/* The spellings of the entity's mentions in this article. */
static ng_status mention_aliases(store_writer *w, const ng_analysis *an,
                                 const ng_entity *e, sqlite3_int64 id,
                                 sqlite3_int64 article)
{
    const char *text = an->article.text;
    ng_status st = NG_OK;
    for (size_t k = 0; k < e->nmentions && st == NG_OK; k++) {
        ng_span sp = e->mentions[k];
        bool seen = false; /* INSERT OR IGNORE would do; this saves most */
        for (size_t j = 0; j < k && !seen; j++)
            seen = e->mentions[j].end - e->mentions[j].start ==
                       sp.end - sp.start &&
                   memcmp(text + e->mentions[j].start, text + sp.start,
                          sp.end - sp.start) == 0;
        if (!seen && !memchr(text + sp.start, '\n', sp.end - sp.start))
            st = put_alias(w, text + sp.start, sp.end - sp.start, id, article);
    }
    return st;
}

/* The entity row of (name, type), created when new. The ids are cached:
 * an entity comes back in article after article, and a statement each
 * time was most of the writer's work. */
static ng_status entity_id(store_writer *w, const ng_entity *e,
                           sqlite3_int64 *id)
{
    buf_clear(&w->entity_key);
    buf_printf(&w->entity_key, "%s %s", ng_entity_type_name(e->type), e->name);
    if (w->entity_key.failed)
        return NG_ERR_NOMEM;
    int64_t cached;
    if (strmap_get(&w->entity_ids, w->entity_key.data, w->entity_key.len,
                   &cached)) {
        *id = cached;
        return NG_OK;
    }
    sqlite3_stmt *stmt = w->stmt[W_ENTITY];
    sqlite3_bind_text(stmt, 1, e->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, ng_entity_type_name(e->type), -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    *id = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
    ng_status st =
        rc == SQLITE_ROW ? NG_OK : store_sqlite_fail(w->store, "entity");
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    if (st == NG_OK &&
        !strmap_put(&w->entity_ids, w->entity_key.data, w->entity_key.len, *id))
        st = NG_ERR_NOMEM;
    if (st == NG_OK) /* once per entity and writer */
        st = table_aliases(w, e, *id);
    return st;
}

/* Writes the article's entities and mentions; w->ids gets the entities'
 * store ids in order (for the quotes' speakers). */
static ng_status put_entities(store_writer *w, const ng_analysis *an,
                              sqlite3_int64 article)
{
    sqlite3_stmt *stmt = w->stmt[W_MENTION];
    buf_clear(&w->ids);
    for (size_t i = 0; i < ng_analysis_entity_count(an); i++) {
        const ng_entity *e = ng_analysis_entity(an, i);
        sqlite3_int64 id;
        ng_status st = entity_id(w, e, &id);
        if (st == NG_OK && !buf_append(&w->ids, &id, sizeof id))
            st = NG_ERR_NOMEM;
        if (st == NG_OK)
            st = mention_aliases(w, an, e, id, article);
        for (size_t k = 0; st == NG_OK && k < e->nmentions; k++) {
            sqlite3_bind_int64(stmt, 1, article);
            sqlite3_bind_int64(stmt, 2, id);
            sqlite3_bind_int64(stmt, 3, e->mentions[k].start);
            sqlite3_bind_int64(stmt, 4, e->mentions[k].end);
            st = run(w, W_MENTION, "mention");
        }
        if (st != NG_OK)
            return st;
    }
    return NG_OK;
}

static void bind_span_text(sqlite3_stmt *stmt, const ng_analysis *an,
                           sqlite3_int64 id, ng_span sp)
{
    sqlite3_bind_int64(stmt, 1, id);
    sqlite3_bind_int64(stmt, 2, sp.start);
    sqlite3_bind_int64(stmt, 3, sp.end);
    sqlite3_bind_text(stmt, 4, an->article.text + sp.start,
                      (int)(sp.end - sp.start), SQLITE_STATIC);
}

/* The article's times and amounts, in the same transaction. */
static ng_status insert_extracts(store_writer *w, const ng_analysis *an,
                                 sqlite3_int64 id)
{
    ng_status st = NG_OK;
    for (size_t i = 0; i < an->ntimes && st == NG_OK; i++) {
        const ng_time *t = &an->times[i];
        sqlite3_stmt *stmt = w->stmt[W_INSERT_TIME];
        bind_span_text(stmt, an, id, t->span);
        bind_text(stmt, 5, ng_time_type_name(t->type));
        bind_text(stmt, 6, t->value);
        bind_text(stmt, 7, t->mod);
        st = run(w, W_INSERT_TIME, "insert time");
    }
    for (size_t i = 0; i < an->namounts && st == NG_OK; i++) {
        const ng_amount *m = &an->amounts[i];
        sqlite3_stmt *stmt = w->stmt[W_INSERT_AMOUNT];
        bind_span_text(stmt, an, id, m->span);
        bind_text(stmt, 5, ng_amount_kind_name(m->kind));
        sqlite3_bind_double(stmt, 6, m->value);
        sqlite3_bind_int(stmt, 7, (m->flags & NG_AMOUNT_APPROX) != 0);
        if (m->flags & NG_AMOUNT_HAS_LOW)
            sqlite3_bind_double(stmt, 8, m->low);
        if (m->flags & NG_AMOUNT_HAS_HIGH)
            sqlite3_bind_double(stmt, 9, m->high);
        bind_text(stmt, 10, m->mod);
        bind_text(stmt, 11, m->unit);
        bind_text(stmt, 12, m->currency);
        sqlite3_bind_int(stmt, 13, (m->flags & NG_AMOUNT_INFERRED) != 0);
        sqlite3_bind_int(stmt, 14, (m->flags & NG_AMOUNT_VAGUE) != 0);
        st = run(w, W_INSERT_AMOUNT, "insert amount");
    }
    return st;
}

/* The article's quotes, speakers as store ids. */
static ng_status insert_quotes(store_writer *w, const ng_analysis *an,
                               sqlite3_int64 id)
{
    ng_status st = NG_OK;
    size_t nids = w->ids.len / sizeof(sqlite3_int64);
    for (size_t i = 0; i < an->nquotes && st == NG_OK; i++) {
        const ng_quote *q = &an->quotes[i];
        sqlite3_stmt *stmt = w->stmt[W_INSERT_QUOTE];
        bind_span_text(stmt, an, id, q->span);
        bind_text(stmt, 5, ng_quote_kind_name(q->kind));
        if (q->speaker >= 0 && (size_t)q->speaker < nids) {
            sqlite3_int64 sid;
            memcpy(&sid, w->ids.data + (size_t)q->speaker * sizeof sid,
                   sizeof sid);
            sqlite3_bind_int64(stmt, 6, sid);
        }
        if (q->source.end > q->source.start) {
            sqlite3_bind_int64(stmt, 7, q->source.start);
            sqlite3_bind_int64(stmt, 8, q->source.end);
        }
        bind_text(stmt, 9, q->verb);
        st = run(w, W_INSERT_QUOTE, "insert quote");
    }
    return st;
}

/* The article's keyphrases, best first. */
static ng_status insert_keywords(store_writer *w, const ng_analysis *an,
                                 sqlite3_int64 id)
{
    ng_status st = NG_OK;
    for (size_t i = 0; i < an->nkeywords && st == NG_OK; i++) {
        sqlite3_stmt *stmt = w->stmt[W_INSERT_KEYWORD];
        sqlite3_bind_int64(stmt, 1, id);
        sqlite3_bind_int64(stmt, 2, (sqlite3_int64)i + 1);
        bind_text(stmt, 3, an->keywords[i].term);
        sqlite3_bind_double(stmt, 4, an->keywords[i].score);
        st = run(w, W_INSERT_KEYWORD, "insert keyword");
    }
    return st;
}

/* The tags as the JSON array stored in articles.tags. */
static bool tags_json(store_writer *w, const ng_article *a)
{
    buf_clear(&w->tags);
    buf_putc(&w->tags, '[');
    for (size_t i = 0; i < a->ntags; i++) {
        if (i)
            buf_putc(&w->tags, ',');
        jw_string(&w->tags, a->tags[i], strlen(a->tags[i]));
    }
    buf_putc(&w->tags, ']');
    return !w->tags.failed;
}

ng_status store_writer_put(store_writer *w, const ng_analysis *an,
                           store_outcome *outcome)
{
    sqlite3_int64 id, old_id = 0;
    bool same;
    if (!tags_json(w, &an->article))
        return NG_ERR_NOMEM;
    ng_status st = insert_article(w, an, &id);
    if (st == NG_OK && id == 0) { /* the doc_id is taken */
        if ((st = find(w, an, &old_id, &same)) != NG_OK)
            return st;
        if (same) {
            *outcome = STORE_SAME;
            return NG_OK;
        }
        if ((st = delete_article(w, old_id)) != NG_OK ||
            (st = insert_article(w, an, &id)) != NG_OK)
            return st;
        if (id == 0)
            return store_fail(w->store, NG_ERR_STORE, "replacing '%s' failed",
                              an->article.id);
    }
    if (st == NG_OK)
        st = index_article(w, an, id);
    if (st == NG_OK)
        st = put_entities(w, an, id);
    if (st == NG_OK)
        st = insert_extracts(w, an, id);
    if (st == NG_OK)
        st = insert_quotes(w, an, id);
    if (st == NG_OK)
        st = insert_keywords(w, an, id);
    *outcome = old_id ? STORE_UPDATED : STORE_ADDED;
    return st;
}
