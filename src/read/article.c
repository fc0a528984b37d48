/*
 * article.c -- making and freeing ng_article values.
 */
#include <stdlib.h>
#include <string.h>

#include "read.h"

ng_article *article_alloc(void)
{
    return calloc(1, sizeof(ng_article));
}

void ng_article_free(ng_article *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->ntags; i++)
        free(a->tags[i]);
    free(a->tags);
    free(a->id);
    free(a->date);
    free(a->title);
    free(a->url);
    free(a->source);
    free(a->text);
    free(a->origin);
    free(a);
}

/* Copies an optional string; false only when a copy failed. */
static bool copy_opt(char **dst, const char *src)
{
    *dst = NULL;
    if (!src)
        return true;
    *dst = str_dup(src);
    return *dst != NULL;
}

ng_status ng_article_new(ng_article **out, const char *id, const char *date,
                         const char *title, const char *const *tags,
                         size_t ntags, const char *text, size_t text_len)
{
    *out = NULL;
    if (!id || !text || (date && !ng_date_valid(date)) || ntags > NG_MAX_TAGS ||
        (ntags && !tags))
        return NG_ERR_ARG;
    ng_article *a = article_alloc();
    if (!a)
        return NG_ERR_NOMEM;
    bool ok = copy_opt(&a->id, id) && copy_opt(&a->origin, id) &&
              copy_opt(&a->date, date) && copy_opt(&a->title, title);
    a->text = ok ? str_ndup(text, text_len) : NULL;
    a->text_len = text_len;
    if (ok && a->text && ntags) {
        a->tags = calloc(ntags, sizeof *a->tags);
        ok = a->tags != NULL;
        for (size_t i = 0; ok && i < ntags; i++, a->ntags++)
            ok = copy_opt(&a->tags[i], tags[i]) && a->tags[i];
    }
    if (!ok || !a->text) {
        ng_article_free(a);
        return NG_ERR_NOMEM;
    }
    *out = a;
    return NG_OK;
}
