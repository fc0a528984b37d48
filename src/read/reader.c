/*
 * reader.c -- ng_reader: walks the inputs (files, directories, stdin,
 * memory), recognizes each one's format and yields articles, reporting
 * every bad item with its file and line and going on with the rest.
 *
 * Format recognition (NG_FORMAT_AUTO): .jsonl and .ndjson are JSON Lines;
 * otherwise the first non-blank line decides: "{" starts JSON Lines
 * (except in .txt files), "date <digit>" a native header, anything else
 * plain text.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "read.h"

enum { MAX_WALK_DEPTH = 64 };

typedef struct input {
    char *path;    /* as given or joined while walking; "-" is stdin */
    char *name;    /* the path as valid UTF-8, for ids and messages */
    char *problem; /* set when walking already found it unusable */
} input;

typedef struct source {
    bool open;
    int fd;
    bool owns_fd;     /* false for stdin */
    const char *name; /* path shown in messages and ids */
    line_reader lines;
    ng_format format; /* decided at the first non-blank line */
    bool is_txt;      /* .txt/.text: never JSON Lines by content */
    bool saw_content; /* a non-blank line was read */
    bool finished;    /* close it before reading on */
} source;

struct ng_reader {
    ng_read_options options;
    char *default_date;
    input *inputs;
    size_t ninputs, cap_inputs, next_input;
    char *memory; /* copy of the memory input */
    size_t memory_len;
    source src;
    buf message;
    size_t skipped;
    uint64_t bytes_total, bytes_closed;
};

/* ---- the input list -------------------------------------------------- */

static bool has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static bool is_jsonl_name(const char *path)
{
    return has_suffix(path, ".jsonl") || has_suffix(path, ".ndjson");
}

static bool is_txt_name(const char *path)
{
    return has_suffix(path, ".txt") || has_suffix(path, ".text");
}

static bool wanted_in_walk(const char *name)
{
    return is_jsonl_name(name) || is_txt_name(name) ||
           has_suffix(name, ".json");
}

static ng_status push_input(ng_reader *r, const char *path, const char *problem)
{
    if (r->ninputs == r->cap_inputs) {
        size_t cap = r->cap_inputs ? r->cap_inputs * 2 : 16;
        input *p = realloc(r->inputs, cap * sizeof *p);
        if (!p)
            return NG_ERR_NOMEM;
        r->inputs = p;
        r->cap_inputs = cap;
    }
    input *in = &r->inputs[r->ninputs];
    in->path = str_dup(path);
    in->name = utf8_sanitize(path);
    in->problem = problem ? str_dup(problem) : NULL;
    if (!in->path || !in->name || (problem && !in->problem)) {
        free(in->path);
        free(in->name);
        free(in->problem);
        return NG_ERR_NOMEM;
    }
    r->ninputs++;
    return NG_OK;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static ng_status walk(ng_reader *r, const char *dir, int depth);

/* Adds one directory entry: a wanted file, or a subdirectory walked. */
static ng_status walk_entry(ng_reader *r, const char *dir, const char *name,
                            int depth)
{
    buf path;
    buf_init(&path, 0);
    size_t dl = strlen(dir);
    buf_printf(&path, "%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", name);
    if (path.failed)
        return NG_ERR_NOMEM;
    struct stat st;
    ng_status status = NG_OK;
    if (lstat(path.data, &st) != 0)
        status = push_input(r, path.data, strerror(errno));
    else if (S_ISDIR(st.st_mode)) /* symlinked directories are not followed */
        status = walk(r, path.data, depth + 1);
    else if (wanted_in_walk(name) &&
             (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode))) {
        status = push_input(r, path.data, NULL);
        if (stat(path.data, &st) == 0)
            r->bytes_total += (uint64_t)st.st_size;
    }
    buf_free(&path);
    return status;
}

static ng_status walk(ng_reader *r, const char *dir, int depth)
{
    if (depth > MAX_WALK_DEPTH)
        return push_input(r, dir, "directories nested too deeply");
    DIR *d = opendir(dir);
    if (!d)
        return push_input(r, dir, strerror(errno));
    char **names = NULL;
    size_t n = 0, cap = 0;
    ng_status status = NG_OK;
    struct dirent *e;
    while (status == NG_OK && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue; /* hidden files, "." and ".." */
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **p = realloc(names, cap * sizeof *p);
            if (!p) {
                status = NG_ERR_NOMEM;
                break;
            }
            names = p;
        }
        if (!(names[n] = str_dup(e->d_name)))
            status = NG_ERR_NOMEM;
        else
            n++;
    }
    closedir(d);
    if (status == NG_OK)
        qsort(names, n, sizeof *names, compare_names);
    for (size_t i = 0; i < n; i++) {
        if (status == NG_OK)
            status = walk_entry(r, dir, names[i], depth);
        free(names[i]);
    }
    free(names);
    return status;
}

static ng_status add_path(ng_reader *r, const char *path)
{
    struct stat st;
    if (strcmp(path, "-") == 0)
        return push_input(r, path, NULL);
    if (stat(path, &st) != 0)
        return push_input(r, path, strerror(errno));
    if (S_ISDIR(st.st_mode))
        return walk(r, path, 0);
    r->bytes_total += (uint64_t)st.st_size;
    return push_input(r, path, NULL);
}

static ng_status reader_alloc(ng_reader **out, const ng_read_options *opt)
{
    *out = NULL;
    if (opt && opt->default_date && !ng_date_valid(opt->default_date))
        return NG_ERR_ARG;
    if (opt && (opt->format < NG_FORMAT_AUTO || opt->format > NG_FORMAT_TEXT))
        return NG_ERR_ARG;
    ng_reader *r = calloc(1, sizeof *r);
    if (!r)
        return NG_ERR_NOMEM;
    if (opt)
        r->options = *opt;
    buf_init(&r->message, 4096);
    if (opt && opt->default_date &&
        !(r->default_date = str_dup(opt->default_date))) {
        free(r);
        return NG_ERR_NOMEM;
    }
    r->options.default_date = r->default_date;
    *out = r;
    return NG_OK;
}

ng_status ng_reader_open(ng_reader **out, const char *const *paths,
                         size_t npaths, const ng_read_options *options)
{
    if (!out || (npaths && !paths))
        return NG_ERR_ARG;
    ng_status st = reader_alloc(out, options);
    for (size_t i = 0; st == NG_OK && i < npaths; i++)
        st = paths[i] ? add_path(*out, paths[i]) : NG_ERR_ARG;
    if (st != NG_OK) {
        ng_reader_close(*out);
        *out = NULL;
    }
    return st;
}

ng_status ng_reader_open_memory(ng_reader **out, const char *name,
                                const void *data, size_t len,
                                const ng_read_options *options)
{
    if (!out || !name || (len && !data))
        return NG_ERR_ARG;
    ng_status st = reader_alloc(out, options);
    if (st != NG_OK)
        return st;
    ng_reader *r = *out;
    r->memory = malloc(len ? len : 1);
    if (!r->memory || push_input(r, name, NULL) != NG_OK) {
        ng_reader_close(r);
        *out = NULL;
        return NG_ERR_NOMEM;
    }
    if (len)
        memcpy(r->memory, data, len);
    r->memory_len = len;
    r->bytes_total = len;
    return NG_OK;
}

/* ---- one source at a time -------------------------------------------- */

static void source_close(ng_reader *r)
{
    source *s = &r->src;
    if (!s->open)
        return;
    r->bytes_closed += s->lines.bytes;
    lines_free(&s->lines);
    if (s->owns_fd)
        close(s->fd);
    s->open = false;
}

/* Sets the problem message "name[:line]: what" and counts a skip. */
static ng_status problem(ng_reader *r, ng_status st, uint64_t line,
                         const char *what)
{
    buf_clear(&r->message);
    if (line)
        buf_printf(&r->message, "%s:%llu: %s", r->src.name,
                   (unsigned long long)line, what);
    else
        buf_printf(&r->message, "%s: %s", r->src.name, what);
    if (st != NG_ERR_NOMEM)
        r->skipped++;
    return st;
}

/* Opens the file (or stdin) of the source; the memory input needs none. */
static ng_status open_file(ng_reader *r, source *s, const char *path)
{
    if (strcmp(path, "-") == 0) {
        s->name = "stdin";
        s->fd = 0;
        return NG_OK;
    }
    s->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (s->fd < 0)
        return problem(r, NG_ERR_IO, 0, strerror(errno));
    s->owns_fd = true;
    struct stat st;
    if (fstat(s->fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(s->fd);
        s->owns_fd = false;
        return problem(r, NG_ERR_IO, 0, "is a directory");
    }
    return NG_OK;
}

static ng_status source_open(ng_reader *r, const input *in)
{
    source *s = &r->src;
    memset(s, 0, sizeof *s);
    s->name = in->name;
    s->fd = -1;
    s->format = r->options.format;
    s->is_txt = is_txt_name(in->path);
    if (s->format == NG_FORMAT_AUTO && is_jsonl_name(in->path))
        s->format = NG_FORMAT_JSONL;
    if (in->problem)
        return problem(r, NG_ERR_IO, 0, in->problem);
    ng_status st = r->memory ? NG_OK : open_file(r, s, in->path);
    if (st != NG_OK)
        return st;
    if (!lines_init(&s->lines, s->fd, r->memory, r->memory_len)) {
        if (s->owns_fd)
            close(s->fd);
        return NG_ERR_NOMEM;
    }
    s->open = true;
    return NG_OK;
}

/* Reads the next line, turning read problems into reader problems.
 * Returns NG_OK with a line, NG_DONE at the end, or a problem. */
static ng_status next_line(ng_reader *r, const char **line, size_t *len)
{
    source *s = &r->src;
    switch (lines_next(&s->lines, line, len)) {
    case LINES_OK: return NG_OK;
    case LINES_EOF: return NG_DONE;
    case LINES_OVERLONG: {
        char what[96];
        snprintf(what, sizeof what, "line longer than the cap of %u bytes",
                 NG_MAX_LINE_BYTES);
        return problem(r, NG_ERR_TOO_LARGE, s->lines.lineno, what);
    }
    case LINES_ERROR: break;
    }
    if (s->lines.read_errno)
        return problem(r, NG_ERR_IO, s->lines.lineno + 1,
                       strerror(s->lines.read_errno));
    return NG_ERR_NOMEM;
}

/* Checks a line and reports it when it is not text. */
static ng_status check_line(ng_reader *r, const char *line, size_t len)
{
    buf msg;
    buf_init(&msg, 256);
    ng_status st = NG_OK;
    if (!line_is_text(line, len, &msg))
        st = problem(r, NG_ERR_INPUT, r->src.lines.lineno, buf_cstr(&msg));
    buf_free(&msg);
    return st;
}

/* A NUL byte is not blank: strchr would find the terminator. */
static bool is_blank(const char *line, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (line[i] == '\0' || !strchr(" \t\f\v", line[i]))
            return false;
    return true;
}

static ng_format decide_format(const source *s, const char *line, size_t len)
{
    if (s->format != NG_FORMAT_AUTO)
        return s->format;
    size_t i = 0;
    while (i < len && (line[i] == ' ' || line[i] == '\t'))
        i++;
    if (i < len && line[i] == '{' && !s->is_txt)
        return NG_FORMAT_JSONL;
    return native_is_header(line, len) ? NG_FORMAT_NATIVE : NG_FORMAT_TEXT;
}

/* ---- formats ----------------------------------------------------------- */

static ng_status jsonl_next(ng_reader *r, const char *line, size_t len,
                            ng_article **out)
{
    source *s = &r->src;
    ng_status st = check_line(r, line, len);
    if (st != NG_OK)
        return st;
    buf origin, msg;
    buf_init(&origin, 0);
    buf_init(&msg, 1024);
    buf_printf(&origin, "%s:%llu", s->name,
               (unsigned long long)s->lines.lineno);
    st = origin.failed ? NG_ERR_NOMEM
                       : jsonl_parse(line, len, origin.data, out, &msg);
    if (st != NG_OK && st != NG_ERR_NOMEM)
        st = problem(r, st, s->lines.lineno, buf_cstr(&msg));
    buf_free(&origin);
    buf_free(&msg);
    return st;
}

/* Reads the rest of a native or plain-text file as one article whose
 * first non-blank line is `line`. */
static ng_status whole_file_article(ng_reader *r, ng_format format,
                                    const char *line, size_t len,
                                    ng_article **out)
{
    source *s = &r->src;
    ng_article *a = article_alloc();
    if (!a)
        return NG_ERR_NOMEM;
    body_builder body;
    body_init(&body);
    buf msg;
    buf_init(&msg, 1024);
    ng_status st = NG_OK;
    uint64_t header_line = s->lines.lineno;
    if (format == NG_FORMAT_NATIVE) {
        if (!native_is_header(line, len)) {
            buf_printf(&msg, "expected the header 'date YYYY-MM-DD #tags'");
            st = NG_ERR_INPUT;
        } else {
            st = native_parse_header(line, len, a, &msg);
        }
        if (st != NG_OK && st != NG_ERR_NOMEM)
            st = problem(r, st, header_line, buf_cstr(&msg));
    } else if (!body_add_line(&body, line, len)) {
        st = NG_ERR_NOMEM;
    }
    while (st == NG_OK && (st = next_line(r, &line, &len)) == NG_OK &&
           (st = check_line(r, line, len)) == NG_OK) {
        if (!body_add_line(&body, line, len))
            st = body.text.len + len + 2 > NG_MAX_ARTICLE_BYTES
                     ? problem(r, NG_ERR_TOO_LARGE, s->lines.lineno,
                               "article longer than the cap of 16 MiB")
                     : NG_ERR_NOMEM;
    }
    if (st == NG_DONE) {
        st = NG_OK;
        if (body.text.len == 0)
            st = problem(r, NG_ERR_INPUT, header_line,
                         "a header with no body after it");
    }
    if (st == NG_OK) {
        a->text = buf_detach(&body.text, &a->text_len);
        a->id = str_dup(s->name);
        a->origin = str_dup(s->name);
        if (!a->text || !a->id || !a->origin)
            st = NG_ERR_NOMEM;
    }
    body_free(&body);
    buf_free(&msg);
    if (st != NG_OK) {
        ng_article_free(a);
        return st;
    }
    *out = a;
    return NG_OK;
}

/* The next article of the open source: NG_OK, NG_DONE when the source is
 * exhausted, or a problem. Sets src.finished when the source is done with
 * (a whole-file format, the end, or a problem that ends the file). */
static ng_status source_next(ng_reader *r, ng_article **out)
{
    source *s = &r->src;
    const char *line;
    size_t len;
    ng_status st;
    do {
        st = next_line(r, &line, &len);
    } while (st == NG_OK && is_blank(line, len));
    if (st != NG_OK) {
        /* An overlong JSON line is skipped alone; other problems end it. */
        s->finished = !(st == NG_ERR_TOO_LARGE && s->format == NG_FORMAT_JSONL);
        if (st == NG_DONE && !s->saw_content)
            return problem(r, NG_ERR_INPUT, 0, "empty file");
        return st;
    }
    s->saw_content = true;
    s->format = decide_format(s, line, len);
    if (s->format == NG_FORMAT_JSONL)
        return jsonl_next(r, line, len, out);
    s->finished = true;
    if ((st = check_line(r, line, len)) != NG_OK)
        return st;
    return whole_file_article(r, s->format, line, len, out);
}

ng_status ng_reader_next(ng_reader *r, ng_article **out)
{
    if (!r || !out)
        return NG_ERR_ARG;
    *out = NULL;
    for (;;) {
        if (!r->src.open) {
            if (r->next_input >= r->ninputs)
                return NG_DONE;
            ng_status st = source_open(r, &r->inputs[r->next_input++]);
            if (st != NG_OK)
                return st;
        }
        ng_status st = source_next(r, out);
        if (r->src.finished)
            source_close(r);
        if (st == NG_DONE)
            continue;
        if (st == NG_OK && !(*out)->date && r->default_date &&
            !((*out)->date = str_dup(r->default_date))) {
            ng_article_free(*out);
            *out = NULL;
            return NG_ERR_NOMEM;
        }
        return st;
    }
}

const char *ng_reader_message(const ng_reader *r)
{
    return r && r->message.data ? r->message.data : "";
}

void ng_reader_progress(const ng_reader *r, uint64_t *done, uint64_t *total)
{
    if (!r) {
        if (done)
            *done = 0;
        if (total)
            *total = 0;
        return;
    }
    uint64_t d = r->bytes_closed + (r->src.open ? r->src.lines.bytes : 0);
    if (done)
        *done = d;
    if (total)
        *total = r->bytes_total;
}

size_t ng_reader_skipped(const ng_reader *r)
{
    return r ? r->skipped : 0;
}

void ng_reader_close(ng_reader *r)
{
    if (!r)
        return;
    source_close(r);
    for (size_t i = 0; i < r->ninputs; i++) {
        free(r->inputs[i].path);
        free(r->inputs[i].name);
        free(r->inputs[i].problem);
    }
    free(r->inputs);
    free(r->memory);
    free(r->default_date);
    buf_free(&r->message);
    free(r);
}
