/* The JSON writer: one document into a caller buffer, errors sticky.
 *
 * Embedding (JSON inside a JSON string) needs no second buffer: every byte the
 * writer emits that is a quote or a backslash goes through tv_put_syntax(),
 * which escapes it once more while an embedded document is open. Everything
 * else the writer emits (digits, letters, `{}[],:`, unescaped string content)
 * contains neither, so it is copied as is in both modes. */
#include "tv_json_priv.h"

#include <string.h>

_Static_assert(TV_JSON_MAX_DEPTH <= 65535, "the writer keeps depths in 16 bits");

static int tv_fail(tv_json_writer *w, int err)
{
    if (w->err == TV_OK) {
        w->err = err;
    }
    return w->err;
}

/* Appends bytes; on overflow fails without writing past the buffer. */
static void tv_put(tv_json_writer *w, const char *s, size_t n)
{
    if (w->err != TV_OK) {
        return;
    }
    if (w->cap - w->len < n) {
        tv_fail(w, TV_ERR_BUFFER_TOO_SMALL);
        return;
    }
    memcpy(w->buf + w->len, s, n);
    w->len += n;
}

/* Appends bytes that may contain `"` or `\`. */
static void tv_put_syntax(tv_json_writer *w, const char *s, size_t n)
{
    if (!w->embedded) {
        tv_put(w, s, n);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"' || s[i] == '\\') {
            tv_put(w, "\\", 1);
        }
        tv_put(w, s + i, 1);
    }
}

static int tv_in_object(const tv_json_writer *w)
{
    unsigned level = w->depth - 1u;
    return (w->objects[level / 8] >> (level % 8)) & 1;
}

/* Checks that a value may come now and writes its comma; 0 if it may not. */
static int tv_value_begin(tv_json_writer *w)
{
    if (w->err != TV_OK) {
        return 0;
    }
    if (w->depth == w->base) {
        if (w->top_done) {
            tv_fail(w, TV_ERR_STATE);
        }
    } else if (tv_in_object(w)) {
        if (!w->after_key) {
            tv_fail(w, TV_ERR_STATE);
        }
        w->after_key = 0;
    } else if (!w->first) {
        tv_put(w, ",", 1);
    }
    return w->err == TV_OK;
}

static int tv_value_end(tv_json_writer *w)
{
    if (w->depth == w->base) {
        w->top_done = 1;
    } else {
        w->first = 0;
    }
    return w->err;
}

/* The letter of a control byte's short escape (`\n` ...), or 0. */
static char tv_escape_letter(unsigned char c)
{
    switch (c) {
    case '\b':
        return 'b';
    case '\f':
        return 'f';
    case '\n':
        return 'n';
    case '\r':
        return 'r';
    case '\t':
        return 't';
    default:
        return 0;
    }
}

/* Writes s as a JSON string: escapes `"`, `\` and control bytes, passes valid
 * UTF-8 through in runs, refuses invalid UTF-8. */
static void tv_put_string(tv_json_writer *w, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *u = (const unsigned char *)s;
    size_t run = 0, i = tv_json_skip_plain(u, 0, n);
    if (i == n && !w->embedded && w->err == TV_OK && w->cap - w->len >= n + 2) {
        /* Nothing to escape (keys, symbols, ids): quotes and bytes at once. */
        char *d = w->buf + w->len;
        d[0] = '"';
        memcpy(d + 1, s, n);
        d[n + 1] = '"';
        w->len += n + 2;
        return;
    }
    tv_put_syntax(w, "\"", 1);
    while (i < n && w->err == TV_OK) {
        i = tv_json_skip_plain(u, i, n);
        if (i == n) {
            break;
        }
        unsigned char c = u[i];
        if (c >= 0x20 && c != '"' && c != '\\') {
            if (tv_json_utf8_check(u, n, &i) != TV_OK) {
                tv_fail(w, TV_ERR_BAD_STRING);
            }
            continue;
        }
        tv_put(w, s + run, i - run);
        char esc[6] = {'\\', (char)c, 0, 0, 0, 0};
        size_t len = 2;
        char letter = tv_escape_letter(c);
        if (letter != 0) {
            esc[1] = letter;
        } else if (c != '"' && c != '\\') {
            memcpy(esc + 1, "u00", 3);
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            len = 6;
        }
        tv_put_syntax(w, esc, len);
        run = ++i;
    }
    tv_put(w, s + run, i - run);
    tv_put_syntax(w, "\"", 1);
}

void tv_json_writer_init(tv_json_writer *w, char *buf, size_t cap)
{
    if (w == NULL) {
        return;
    }
    memset(w, 0, sizeof *w);
    w->buf = buf;
    w->cap = buf != NULL ? cap : 0;
    w->err = buf == NULL ? TV_ERR_INVALID_ARG : TV_OK;
}

int tv_json_writer_finish(tv_json_writer *w, size_t *len)
{
    if (w == NULL) {
        return TV_ERR_INVALID_ARG;
    }
    if (w->depth != 0 || !w->top_done || w->embedded) {
        tv_fail(w, TV_ERR_STATE);
    }
    if (len != NULL) {
        *len = w->err == TV_OK ? w->len : 0;
    }
    return w->err;
}

static int tv_open(tv_json_writer *w, char c)
{
    if (!tv_value_begin(w)) {
        return w->err;
    }
    if (w->depth >= TV_JSON_MAX_DEPTH) {
        return tv_fail(w, TV_ERR_JSON_TOO_DEEP);
    }
    tv_put(w, &c, 1);
    unsigned level = w->depth;
    uint8_t bit = (uint8_t)(1u << (level % 8));
    w->objects[level / 8] =
        (uint8_t)(c == '{' ? w->objects[level / 8] | bit : w->objects[level / 8] & ~bit);
    w->depth++;
    w->first = 1;
    return w->err;
}

static int tv_close(tv_json_writer *w, char c)
{
    if (w->err != TV_OK) {
        return w->err;
    }
    if (w->depth == w->base || tv_in_object(w) != (c == '}') || w->after_key) {
        return tv_fail(w, TV_ERR_STATE);
    }
    tv_put(w, &c, 1);
    w->depth--;
    return tv_value_end(w);
}

int tv_json_write_object_begin(tv_json_writer *w)
{
    return w == NULL ? TV_ERR_INVALID_ARG : tv_open(w, '{');
}

int tv_json_write_object_end(tv_json_writer *w)
{
    return w == NULL ? TV_ERR_INVALID_ARG : tv_close(w, '}');
}

int tv_json_write_array_begin(tv_json_writer *w)
{
    return w == NULL ? TV_ERR_INVALID_ARG : tv_open(w, '[');
}

int tv_json_write_array_end(tv_json_writer *w)
{
    return w == NULL ? TV_ERR_INVALID_ARG : tv_close(w, ']');
}

int tv_json_write_key_n(tv_json_writer *w, const char *key, size_t len)
{
    if (w == NULL) {
        return TV_ERR_INVALID_ARG;
    }
    if (key == NULL) {
        return tv_fail(w, TV_ERR_INVALID_ARG);
    }
    if (w->err != TV_OK) {
        return w->err;
    }
    if (w->depth == w->base || !tv_in_object(w) || w->after_key) {
        return tv_fail(w, TV_ERR_STATE);
    }
    if (!w->first) {
        tv_put(w, ",", 1);
    }
    tv_put_string(w, key, len);
    tv_put(w, ":", 1);
    w->first = 0;
    w->after_key = 1;
    return w->err;
}

/* `"s"` for text the caller vouches needs no escaping, outside an embedded
 * document (whose quotes would need escaping), after the byte `lead` (none
 * if 0) and before the byte `tail` (none if 0); false (and nothing written)
 * when it does not fit. */
static bool tv_put_quoted_plain(tv_json_writer *w, char lead, const char *s, size_t len, char tail)
{
    size_t n = (lead != 0) + len + 2 + (tail != 0);
    if (w->cap - w->len < n) {
        tv_fail(w, TV_ERR_BUFFER_TOO_SMALL);
        return false;
    }
    char *d = w->buf + w->len;
    d[0] = lead; /* overwritten by the quote when there is no lead */
    d += lead != 0;
    d[0] = '"';
    memcpy(d + 1, s, len);
    d[len + 1] = '"';
    if (tail != 0) {
        d[len + 2] = tail;
    }
    w->len += n;
    return true;
}

int tv_json_write_key_plain(tv_json_writer *w, const char *key, size_t len)
{
    if (w->err != TV_OK || w->embedded) {
        return tv_json_write_key_n(w, key, len);
    }
    if (w->depth == w->base || !tv_in_object(w) || w->after_key) {
        return tv_fail(w, TV_ERR_STATE);
    }
    if (tv_put_quoted_plain(w, w->first ? 0 : ',', key, len, ':')) {
        w->first = 0;
        w->after_key = 1;
    }
    return w->err;
}

int tv_json_write_str_plain(tv_json_writer *w, const char *s, size_t len)
{
    if (w->err != TV_OK || w->embedded) {
        return tv_json_write_str_n(w, s, len);
    }
    if (tv_value_begin(w)) {
        tv_put_quoted_plain(w, 0, s, len, 0);
    }
    return tv_value_end(w);
}

int tv_json_write_key(tv_json_writer *w, const char *key)
{
    return tv_json_write_key_n(w, key, key != NULL ? strlen(key) : 0);
}

int tv_json_write_str_n(tv_json_writer *w, const char *s, size_t len)
{
    if (w == NULL) {
        return TV_ERR_INVALID_ARG;
    }
    if (s == NULL) {
        return tv_fail(w, TV_ERR_INVALID_ARG);
    }
    if (tv_value_begin(w)) {
        tv_put_string(w, s, len);
    }
    return tv_value_end(w);
}

int tv_json_write_str(tv_json_writer *w, const char *s)
{
    return tv_json_write_str_n(w, s, s != NULL ? strlen(s) : 0);
}

/* A value whose text needs no escaping (numbers, literals). */
static int tv_write_plain(tv_json_writer *w, const char *s, size_t n)
{
    if (w == NULL) {
        return TV_ERR_INVALID_ARG;
    }
    if (tv_value_begin(w)) {
        tv_put(w, s, n);
    }
    return tv_value_end(w);
}

int tv_json_write_raw(tv_json_writer *w, const char *json, size_t len)
{
    if (w == NULL) {
        return TV_ERR_INVALID_ARG;
    }
    if (json == NULL) {
        return tv_fail(w, TV_ERR_INVALID_ARG);
    }
    /* Only one complete, strict JSON value may pass: nothing a caller gives
     * can break the document around it. */
    int rc = tv_json_validate(json, len);
    if (rc < 0) {
        return tv_fail(w, rc);
    }
    if (tv_value_begin(w)) {
        tv_put_syntax(w, json, len);
    }
    return tv_value_end(w);
}

int tv_json_write_i64(tv_json_writer *w, int64_t v)
{
    char tmp[20];
    size_t i = sizeof tmp;
    uint64_t u = v < 0 ? 0u - (uint64_t)v : (uint64_t)v;
    do {
        tmp[--i] = (char)('0' + u % 10);
        u /= 10;
    } while (u != 0);
    if (v < 0) {
        tmp[--i] = '-';
    }
    return tv_write_plain(w, tmp + i, sizeof tmp - i);
}

int tv_json_write_double(tv_json_writer *w, double v)
{
    char tmp[TV_JSON_DOUBLE_BUF];
    int n = tv_json_format_double(v, tmp, sizeof tmp);
    if (n < 0) {
        return w == NULL ? TV_ERR_INVALID_ARG : tv_fail(w, n);
    }
    return tv_write_plain(w, tmp, (size_t)n);
}

int tv_json_write_bool(tv_json_writer *w, bool v)
{
    return v ? tv_write_plain(w, "true", 4) : tv_write_plain(w, "false", 5);
}

int tv_json_write_null(tv_json_writer *w)
{
    return tv_write_plain(w, "null", 4);
}

int tv_json_write_time(tv_json_writer *w, int64_t ms)
{
    char tmp[TV_JSON_TIME_BUF];
    if (w == NULL) {
        return TV_ERR_INVALID_ARG;
    }
    int n = tv_json_format_time(ms, tmp, sizeof tmp);
    if (n < 0) {
        return tv_fail(w, n);
    }
    if (tv_value_begin(w)) {
        tv_put_syntax(w, "\"", 1);
        tv_put(w, tmp, (size_t)n);
        tv_put_syntax(w, "\"", 1);
    }
    return tv_value_end(w);
}

int tv_json_write_embedded_begin(tv_json_writer *w)
{
    if (w == NULL) {
        return TV_ERR_INVALID_ARG;
    }
    if (w->err == TV_OK && w->embedded) {
        return tv_fail(w, TV_ERR_STATE);
    }
    if (tv_value_begin(w)) {
        tv_put(w, "\"", 1);
        w->embedded = 1;
        w->base = w->depth;
        w->top_done = 0;
    }
    return w->err;
}

int tv_json_write_embedded_end(tv_json_writer *w)
{
    if (w == NULL) {
        return TV_ERR_INVALID_ARG;
    }
    if (w->err != TV_OK) {
        return w->err;
    }
    if (!w->embedded || w->depth != w->base || !w->top_done) {
        return tv_fail(w, TV_ERR_STATE);
    }
    w->embedded = 0;
    tv_put(w, "\"", 1);
    w->base = 0;
    w->top_done = 0;
    return tv_value_end(w);
}
