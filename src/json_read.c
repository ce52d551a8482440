/* Typed reads on parsed tokens: iteration that skips subtrees in O(1), strings
 * unescaped in place, numbers, booleans, null, date-times. */
#include "tv_json_priv.h"

#include <string.h>

static tv_json_tok *tv_tok(const tv_json_doc *doc, int i)
{
    if (doc == NULL || doc->toks == NULL || i < 0 || i >= doc->count) {
        return NULL;
    }
    return &doc->toks[i];
}

/* The token if it has type `type`; *r is set to the status otherwise. */
static tv_json_tok *tv_tok_typed(const tv_json_doc *doc, int i, int type, const void *out, int *r)
{
    tv_json_tok *t = tv_tok(doc, i);
    *r = t == NULL || out == NULL ? TV_ERR_INVALID_ARG : t->type != type ? TV_ERR_JSON_TYPE : TV_OK;
    return *r == TV_OK ? t : NULL;
}

tv_json_type tv_json_type_of(const tv_json_doc *doc, int tok)
{
    const tv_json_tok *t = tv_tok(doc, tok);
    return t != NULL ? (tv_json_type)t->type : TV_JSON_NONE;
}

int tv_json_iter_init(const tv_json_doc *doc, int tok, tv_json_iter *it)
{
    const tv_json_tok *t = tv_tok(doc, tok);
    if (t == NULL || it == NULL) {
        return TV_ERR_INVALID_ARG;
    }
    if (t->type != TV_JSON_OBJECT && t->type != TV_JSON_ARRAY) {
        return TV_ERR_JSON_TYPE;
    }
    it->cur = tok + 1;
    it->end = t->next;
    it->object = t->type == TV_JSON_OBJECT;
    return TV_OK;
}

int tv_json_iter_next(tv_json_doc *doc, tv_json_iter *it, tv_json_str *key, int *value)
{
    if (doc == NULL || it == NULL || value == NULL) {
        return TV_ERR_INVALID_ARG;
    }
    if (it->cur >= it->end) {
        return 0;
    }
    int v = it->cur + it->object;
    const tv_json_tok *vt = tv_tok(doc, v);
    /* `next` must move forward and stay inside the container, or a loop over
     * tampered tokens could spin or escape. */
    if (vt == NULL || it->end > doc->count || vt->next <= v || vt->next > it->end) {
        return TV_ERR_INTERNAL;
    }
    if (key != NULL) {
        key->ptr = NULL;
        key->len = 0;
        if (it->object) {
            int r = tv_json_get_str(doc, it->cur, key);
            if (r != TV_OK) {
                return r == TV_ERR_JSON_TYPE ? TV_ERR_INTERNAL : r;
            }
        }
    }
    *value = v;
    it->cur = vt->next;
    return 1;
}

int tv_json_obj_get(tv_json_doc *doc, int obj, const char *name, int *value)
{
    tv_json_iter it;
    tv_json_str key;
    int v = 0, r; /* set by every positive return of tv_json_iter_next */
    if (name == NULL || value == NULL) {
        return TV_ERR_INVALID_ARG;
    }
    r = tv_json_iter_init(doc, obj, &it);
    if (r == TV_OK && !it.object) {
        r = TV_ERR_JSON_TYPE;
    }
    size_t n = strlen(name);
    while (r == TV_OK && (r = tv_json_iter_next(doc, &it, &key, &v)) > 0) {
        if (key.len == n && memcmp(key.ptr, name, n) == 0) {
            *value = v;
            return TV_OK;
        }
        r = TV_OK;
    }
    return r == 0 ? TV_ERR_JSON_MISSING_FIELD : r;
}

static size_t tv_utf8_put(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* The byte a one-letter escape stands for, or -1. */
static int tv_simple_escape(char e)
{
    switch (e) {
    case '"':
    case '\\':
    case '/':
        return e;
    case 'b':
        return '\b';
    case 'f':
        return '\f';
    case 'n':
        return '\n';
    case 'r':
        return '\r';
    case 't':
        return '\t';
    default:
        return -1;
    }
}

/* Decodes the escapes of s[0, n) in place; returns the new length. Writing
 * never overtakes reading: every escape is at least as long as its UTF-8. */
static int32_t tv_unescape(char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    const char *bs = memchr(s, '\\', n);
    if (bs == NULL) {
        return (int32_t)n;
    }
    size_t r = (size_t)(bs - s), w = r;
    while (r < n) {
        if (s[r] != '\\') {
            bs = memchr(s + r, '\\', n - r);
            size_t run = bs != NULL ? (size_t)(bs - (s + r)) : n - r;
            memmove(s + w, s + r, run);
            w += run;
            r += run;
            continue;
        }
        if (r + 1 >= n) {
            return TV_ERR_JSON_BAD_ESCAPE;
        }
        int c = tv_simple_escape(s[r + 1]);
        if (c >= 0) {
            s[w++] = (char)c;
            r += 2;
            continue;
        }
        if (s[r + 1] != 'u') {
            return TV_ERR_JSON_BAD_ESCAPE;
        }
        int32_t cp = tv_json_hex4(u, n, r + 2);
        r += 6;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            int32_t lo =
                r + 1 < n && s[r] == '\\' && s[r + 1] == 'u' ? tv_json_hex4(u, n, r + 2) : -1;
            if (lo < 0xDC00 || lo > 0xDFFF) {
                return TV_ERR_JSON_LONE_SURROGATE;
            }
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            r += 6;
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return TV_ERR_JSON_LONE_SURROGATE;
        } else if (cp < 0) {
            return TV_ERR_JSON_BAD_ESCAPE;
        }
        w += tv_utf8_put((uint32_t)cp, s + w);
    }
    return (int32_t)w;
}

int tv_json_get_str(tv_json_doc *doc, int tok, tv_json_str *out)
{
    int r;
    tv_json_tok *t = tv_tok_typed(doc, tok, TV_JSON_STRING, out, &r);
    if (t == NULL) {
        return r;
    }
    if (t->start < 0 || t->end < t->start || (size_t)t->end >= doc->len) {
        return TV_ERR_INTERNAL; /* the closing quote must lie inside the text */
    }
    if ((t->flags & TV_JSON_TOK_UNESCAPED) == 0) {
        char *s = doc->text + t->start;
        int32_t n = tv_unescape(s, (size_t)(t->end - t->start));
        if (n < 0) {
            return (int)n;
        }
        s[n] = '\0';
        t->end = t->start + n;
        t->flags |= TV_JSON_TOK_UNESCAPED;
    }
    out->ptr = doc->text + t->start;
    out->len = (size_t)(t->end - t->start);
    return TV_OK;
}

/* The bytes of a number, string or literal token of the given type. */
static int tv_span(const tv_json_doc *doc, int tok, int type, const void *out, const char **s,
                   size_t *n)
{
    int r;
    const tv_json_tok *t = tv_tok_typed(doc, tok, type, out, &r);
    if (t == NULL) {
        return r;
    }
    if (t->start < 0 || t->end < t->start || (size_t)t->end > doc->len) {
        return TV_ERR_INTERNAL;
    }
    *s = doc->text + t->start;
    *n = (size_t)(t->end - t->start);
    return TV_OK;
}

/* Reads the text of a token of the given type with an int64_t text parser. */
static int tv_read_i64(const tv_json_doc *doc, int tok, int type,
                       int (*parse)(const char *, size_t, int64_t *), int64_t *out)
{
    const char *s;
    size_t n;
    int r = tv_span(doc, tok, type, out, &s, &n);
    return r == TV_OK ? parse(s, n, out) : r;
}

int tv_json_get_i64(const tv_json_doc *doc, int tok, int64_t *out)
{
    return tv_read_i64(doc, tok, TV_JSON_NUMBER, tv_json_parse_i64, out);
}

int tv_json_get_i32(const tv_json_doc *doc, int tok, int32_t *out)
{
    int64_t v;
    int r = out == NULL ? TV_ERR_INVALID_ARG : tv_json_get_i64(doc, tok, &v);
    if (r == TV_OK) {
        if (v < INT32_MIN || v > INT32_MAX) {
            return TV_ERR_JSON_RANGE;
        }
        *out = (int32_t)v;
    }
    return r;
}

int tv_json_get_double(const tv_json_doc *doc, int tok, double *out)
{
    const char *s;
    size_t n;
    int r = tv_span(doc, tok, TV_JSON_NUMBER, out, &s, &n);
    return r == TV_OK ? tv_json_parse_double(s, n, out) : r;
}

int tv_json_get_bool(const tv_json_doc *doc, int tok, bool *out)
{
    const char *s;
    size_t n;
    int r = tv_span(doc, tok, TV_JSON_BOOL, out, &s, &n);
    if (r == TV_OK) {
        *out = n > 0 && s[0] == 't';
    }
    return r;
}

bool tv_json_is_null(const tv_json_doc *doc, int tok)
{
    return tv_json_type_of(doc, tok) == TV_JSON_NULL;
}

int tv_json_get_time(const tv_json_doc *doc, int tok, int64_t *ms)
{
    return tv_read_i64(doc, tok, TV_JSON_STRING, tv_json_parse_time, ms);
}
