/*
 * lines.c -- reads lines from a file descriptor or memory. A line longer
 * than NG_MAX_LINE_BYTES is skipped up to its end without being held in
 * memory, so a 1 GB line costs one chunk, not 1 GB.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "read.h"

enum { CHUNK_BYTES = 256 * 1024 };

bool lines_init(line_reader *lr, int fd, const char *mem, size_t mem_len)
{
    memset(lr, 0, sizeof *lr);
    lr->fd = fd;
    buf_init(&lr->line, NG_MAX_LINE_BYTES + 1);
    if (fd < 0) {
        lr->mem = mem;
        lr->mem_len = mem_len;
        return true;
    }
    lr->chunk = malloc(CHUNK_BYTES);
    return lr->chunk != NULL;
}

void lines_free(line_reader *lr)
{
    free(lr->chunk);
    buf_free(&lr->line);
    lr->chunk = NULL;
}

/* Refills the chunk; false at end of file or on error. */
static bool refill(line_reader *lr)
{
    if (lr->eof)
        return false;
    for (;;) {
        ssize_t n = read(lr->fd, lr->chunk, CHUNK_BYTES);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n < 0)
                lr->read_errno = errno;
            lr->eof = true;
            return false;
        }
        lr->chunk_len = (size_t)n;
        lr->chunk_pos = 0;
        return true;
    }
}

static lines_status finish(line_reader *lr, const char **line, size_t *len,
                           const char *p, size_t n)
{
    if (n > 0 && p[n - 1] == '\r')
        n--;
    lr->lineno++;
    *line = p;
    *len = n;
    return LINES_OK;
}

static lines_status next_from_memory(line_reader *lr, const char **line,
                                     size_t *len)
{
    if (lr->bytes >= lr->mem_len)
        return LINES_EOF;
    const char *start = lr->mem + lr->bytes;
    size_t left = lr->mem_len - lr->bytes;
    const char *nl = memchr(start, '\n', left);
    size_t n = nl ? (size_t)(nl - start) : left;
    lr->bytes += n + (nl != NULL);
    if (n > NG_MAX_LINE_BYTES) {
        lr->lineno++;
        return LINES_OVERLONG;
    }
    return finish(lr, line, len, start, n);
}

lines_status lines_next(line_reader *lr, const char **line, size_t *len)
{
    if (lr->fd < 0)
        return next_from_memory(lr, line, len);
    lr->line.len = 0;
    bool overlong = false, any = false;
    for (;;) {
        if (lr->chunk_pos >= lr->chunk_len && !refill(lr)) {
            if (lr->read_errno)
                return LINES_ERROR;
            if (!any)
                return LINES_EOF;
            break; /* last line without a newline */
        }
        any = true;
        const char *start = lr->chunk + lr->chunk_pos;
        size_t left = lr->chunk_len - lr->chunk_pos;
        const char *nl = memchr(start, '\n', left);
        size_t n = nl ? (size_t)(nl - start) : left;
        lr->chunk_pos += n + (nl != NULL);
        lr->bytes += n + (nl != NULL);
        /* Fast path: the whole line is inside the chunk. */
        if (nl && lr->line.len == 0 && !overlong) {
            if (n > NG_MAX_LINE_BYTES) {
                lr->lineno++;
                return LINES_OVERLONG;
            }
            return finish(lr, line, len, start, n);
        }
        if (!overlong && lr->line.len + n > NG_MAX_LINE_BYTES) {
            overlong = true;
            lr->line.len = 0;
        }
        if (!overlong && !buf_append(&lr->line, start, n))
            return LINES_ERROR;
        if (nl)
            break;
    }
    if (overlong) {
        lr->lineno++;
        return LINES_OVERLONG;
    }
    return finish(lr, line, len, lr->line.data ? lr->line.data : "",
                  lr->line.len);
}
