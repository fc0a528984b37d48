/*
 * normalize.c -- the text every offset refers to: valid UTF-8 without NUL,
 * "\r\n" and "\r" turned into "\n", other control characters (but tab)
 * turned into spaces, a leading byte order mark dropped, and Unicode NFC.
 *
 * NFC runs through utf8proc only when the text holds a character that
 * could change under it: most news text is ASCII, Latin-1 letters and
 * general punctuation, which NFC leaves as they are.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text.h"

/* True when NFC might change the text: a code point at or above U+0300
 * (where combining marks and canonical singletons begin) outside the
 * general punctuation and currency blocks, which have neither. */
static bool may_change_under_nfc(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0xCC) { /* ASCII, continuation bytes, and U+0080..U+02FF */
            i++;
            continue;
        }
        size_t n;
        uint32_t cp = uc_decode(s, i, len, &n);
        bool stable =
            (cp >= 0x2010 && cp <= 0x206F) || (cp >= 0x20A0 && cp <= 0x20BF);
        if (!stable)
            return true;
        i += n;
    }
    return false;
}

/* Copies with line ends and control characters fixed. Returns the new
 * length (never longer). */
static size_t clean_controls(const char *in, size_t len, char *out)
{
    size_t o = 0, i = 0;
    if (len >= 3 && memcmp(in, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    for (; i < len; i++) {
        unsigned char c = (unsigned char)in[i];
        if (c >= 0x20 || c == '\n' || c == '\t') {
            out[o++] = (char)c;
        } else if (c == '\r') {
            out[o++] = '\n';
            if (i + 1 < len && in[i + 1] == '\n')
                i++;
        } else {
            out[o++] = ' ';
        }
    }
    return o;
}

ng_status text_normalize(const char *text, size_t len, arena *a, char **out,
                         size_t *out_len)
{
    *out = NULL;
    if (memchr(text, '\0', len) || utf8_valid_prefix(text, len) != len)
        return NG_ERR_INPUT;
    char *clean = arena_alloc(a, len + 1);
    if (!clean)
        return NG_ERR_NOMEM;
    size_t n = clean_controls(text, len, clean);
    clean[n] = '\0';
    if (!may_change_under_nfc(clean, n)) {
        *out = clean;
        *out_len = n;
        return NG_OK;
    }
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t m =
        utf8proc_map((const utf8proc_uint8_t *)clean, (utf8proc_ssize_t)n, &nfc,
                     UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (m < 0) {
        free(nfc);
        return m == UTF8PROC_ERROR_NOMEM ? NG_ERR_NOMEM : NG_ERR_INPUT;
    }
    char *copy = arena_strndup(a, (const char *)nfc, (size_t)m);
    free(nfc);
    if (!copy)
        return NG_ERR_NOMEM;
    *out = copy;
    *out_len = (size_t)m;
    return NG_OK;
}
