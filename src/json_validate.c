/* The strict validation pass: RFC 8259 exactly, one linear pass over the bytes,
 * a small state machine with one bit per open container (object or array),
 * no recursion. It runs before jsmn, which is lenient (it takes `[1 2]`,
 * `{"a":1,}`, `tru`, `01`, two documents in a row), so jsmn only ever sees
 * valid text; and it counts the tokens jsmn will need. */
#include "tv_json_priv.h"

#include <string.h>

/* What may come next, outside strings. */
enum {
    TV_EXPECT_VALUE,       /* a value (document start, after `:`) */
    TV_EXPECT_FIRST_ELEM,  /* a value or `]` (after `[`) */
    TV_EXPECT_NEXT_ELEM,   /* a value (after `,` in an array) */
    TV_EXPECT_FIRST_KEY,   /* a key or `}` (after `{`) */
    TV_EXPECT_NEXT_KEY,    /* a key (after `,` in an object) */
    TV_EXPECT_COLON,       /* `:` after a key */
    TV_EXPECT_AFTER_VALUE, /* `,` or the container's close; at depth 0 the end */
};

/* Checks the escape at s[*pos] == '\\'; advances *pos past it (and past the
 * low half of a surrogate pair). */
static int tv_check_escape(const unsigned char *s, size_t len, size_t *pos)
{
    size_t i = *pos;
    if (i + 1 >= len) {
        return TV_ERR_JSON_UNTERMINATED;
    }
    switch (s[i + 1]) {
    case '"':
    case '\\':
    case '/':
    case 'b':
    case 'f':
    case 'n':
    case 'r':
    case 't':
        *pos = i + 2;
        return TV_OK;
    case 'u':
        break;
    default:
        return TV_ERR_JSON_BAD_ESCAPE;
    }
    int32_t cp = tv_json_hex4(s, len, i + 2);
    if (cp < 0) {
        return (int)cp;
    }
    i += 6;
    if (cp >= 0xDC00 && cp <= 0xDFFF) {
        return TV_ERR_JSON_LONE_SURROGATE;
    }
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        if (i >= len || (s[i] == '\\' && i + 1 >= len)) {
            return TV_ERR_JSON_UNTERMINATED;
        }
        if (s[i] != '\\' || s[i + 1] != 'u') {
            return TV_ERR_JSON_LONE_SURROGATE;
        }
        int32_t lo = tv_json_hex4(s, len, i + 2);
        if (lo < 0) {
            return (int)lo;
        }
        if (lo < 0xDC00 || lo > 0xDFFF) {
            return TV_ERR_JSON_LONE_SURROGATE;
        }
        i += 6;
    }
    *pos = i;
    return TV_OK;
}

int tv_json_utf8_check(const unsigned char *s, size_t len, size_t *pos)
{
    size_t i = *pos;
    unsigned char c = s[i];
    unsigned char lo = 0x80, hi = 0xBF; /* range of the second byte */
    size_t n;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        lo = c == 0xE0 ? 0xA0 : 0x80; /* E0 80..9F would be overlong */
        hi = c == 0xED ? 0x9F : 0xBF; /* ED A0..BF would be surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        lo = c == 0xF0 ? 0x90 : 0x80; /* F0 80..8F would be overlong */
        hi = c == 0xF4 ? 0x8F : 0xBF; /* F4 90.. would be above U+10FFFF */
    } else {
        return TV_ERR_JSON_BAD_UTF8; /* continuation, C0/C1, F5..FF */
    }
    for (size_t k = 1; k < n; k++) {
        if (i + k >= len) {
            return TV_ERR_JSON_UNTERMINATED;
        }
        unsigned char b = s[i + k];
        if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) {
            return TV_ERR_JSON_BAD_UTF8;
        }
    }
    *pos = i + n;
    return TV_OK;
}

/* s[*pos] is the opening quote; on success *pos is past the closing one. */
static int tv_check_string(const unsigned char *s, size_t len, size_t *pos)
{
    size_t i = *pos + 1;
    while ((i = tv_json_skip_plain(s, i, len)) < len) {
        unsigned char c = s[i];
        int r;
        if (c == '"') {
            *pos = i + 1;
            return TV_OK;
        } else if (c == '\\') {
            r = tv_check_escape(s, len, &i);
        } else if (c < 0x20) {
            r = TV_ERR_JSON_CONTROL_CHAR;
        } else {
            r = tv_json_utf8_check(s, len, &i);
        }
        if (r != TV_OK) {
            return r;
        }
    }
    return TV_ERR_JSON_UNTERMINATED;
}

static int tv_is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* The digits from s[i]; at least one (else len + 1: no number). */
static size_t tv_skip_digits(const unsigned char *s, size_t len, size_t i)
{
    size_t first = i;
    while (i < len && tv_is_digit(s[i])) {
        i++;
    }
    return i > first ? i : len + 1;
}

/* The number grammar alone (tv_json_dec_read() also computes the value):
 * -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?, then no word byte. */
static int tv_check_number(const unsigned char *s, size_t len, size_t *pos)
{
    size_t i = *pos;
    i += i < len && s[i] == '-';
    if (i < len && s[i] == '0') {
        i++; /* a leading zero is the whole integer part */
    } else {
        i = tv_skip_digits(s, len, i);
    }
    if (i < len && s[i] == '.') {
        i = tv_skip_digits(s, len, i + 1);
    }
    if (i < len && (s[i] | 0x20) == 'e') {
        i++;
        i += i < len && (s[i] == '+' || s[i] == '-');
        i = tv_skip_digits(s, len, i);
    }
    if (i > len || (i < len && tv_json_is_word_byte(s[i]))) {
        return TV_ERR_JSON_BAD_NUMBER;
    }
    *pos = i;
    return TV_OK;
}

static int tv_check_literal(const unsigned char *s, size_t len, size_t *pos)
{
    size_t i = *pos;
    const char *word = s[i] == 't' ? "true" : s[i] == 'f' ? "false" : s[i] == 'n' ? "null" : "";
    size_t n = strlen(word);
    if (n == 0 || len - i < n || memcmp(s + i, word, n) != 0 ||
        (i + n < len && tv_json_is_word_byte(s[i + n]))) {
        return TV_ERR_JSON_BAD_LITERAL;
    }
    *pos = i + n;
    return TV_OK;
}

/* Any value that is not a container; *pos is at its first byte. */
static int tv_check_scalar(const unsigned char *s, size_t len, size_t *pos)
{
    unsigned char c = s[*pos];
    if (c == '"') {
        return tv_check_string(s, len, pos);
    }
    if (c == '-' || (c >= '0' && c <= '9') || c == '+' || c == '.') {
        return tv_check_number(s, len, pos);
    }
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
        return tv_check_literal(s, len, pos);
    }
    return TV_ERR_JSON_SYNTAX;
}

int tv_json_scan_doc(const char *text, size_t len, tv_json_scan *out)
{
    const unsigned char *s = (const unsigned char *)text;
    uint8_t objects[(TV_JSON_MAX_DEPTH + 7) / 8] = {0}; /* bit set: that level is an object */
    unsigned depth = 0;
    int state = TV_EXPECT_VALUE;
    int count = 0;
    size_t i = 0;
    out->count = 0;
    out->root_start = out->root_end = 0;
    for (;;) {
        while (i < len && s[i] <= ' ' && tv_json_is_ws(s[i])) { /* mostly none at all */
            i++;
        }
        if (i >= len) {
            break;
        }
        unsigned char c = s[i];
        int r = TV_OK;
        switch (state) {
        case TV_EXPECT_VALUE:
        case TV_EXPECT_FIRST_ELEM:
        case TV_EXPECT_NEXT_ELEM:
            if (c == ']' && state != TV_EXPECT_VALUE) {
                if (state == TV_EXPECT_NEXT_ELEM) {
                    return TV_ERR_JSON_TRAILING_COMMA;
                }
                goto close;
            }
            if (depth == 0) {
                out->root_start = i;
            }
            count++;
            if (c == '{' || c == '[') {
                if (depth >= TV_JSON_MAX_DEPTH) {
                    return TV_ERR_JSON_TOO_DEEP;
                }
                uint8_t bit = (uint8_t)(1u << (depth % 8));
                objects[depth / 8] =
                    (uint8_t)(c == '{' ? objects[depth / 8] | bit : objects[depth / 8] & ~bit);
                depth++;
                i++;
                state = c == '{' ? TV_EXPECT_FIRST_KEY : TV_EXPECT_FIRST_ELEM;
                continue;
            }
            r = tv_check_scalar(s, len, &i);
            state = TV_EXPECT_AFTER_VALUE;
            break;
        case TV_EXPECT_FIRST_KEY:
        case TV_EXPECT_NEXT_KEY:
            if (c == '}') {
                if (state == TV_EXPECT_NEXT_KEY) {
                    return TV_ERR_JSON_TRAILING_COMMA;
                }
                goto close;
            }
            if (c != '"') {
                return TV_ERR_JSON_SYNTAX;
            }
            count++;
            r = tv_check_string(s, len, &i);
            state = TV_EXPECT_COLON;
            break;
        case TV_EXPECT_COLON:
            if (c != ':') {
                return TV_ERR_JSON_SYNTAX;
            }
            i++;
            state = TV_EXPECT_VALUE;
            continue;
        default: /* TV_EXPECT_AFTER_VALUE */
            if (depth == 0) {
                return TV_ERR_JSON_TRAILING_DATA;
            }
            int in_object = (objects[(depth - 1) / 8] >> ((depth - 1) % 8)) & 1;
            if (c == ',') {
                i++;
                state = in_object ? TV_EXPECT_NEXT_KEY : TV_EXPECT_NEXT_ELEM;
                continue;
            }
            if (c == (in_object ? '}' : ']')) {
                goto close;
            }
            return TV_ERR_JSON_SYNTAX;
        }
        if (r != TV_OK) {
            return r;
        }
        if (depth == 0) {
            out->root_end = i;
        }
        continue;
    close:
        /* `]` or `}` that matches the innermost container (checked by the caller) */
        depth--;
        i++;
        state = TV_EXPECT_AFTER_VALUE;
        if (depth == 0) {
            out->root_end = i;
        }
    }
    if (state == TV_EXPECT_AFTER_VALUE && depth == 0) {
        out->count = count;
        return count;
    }
    return count == 0 ? TV_ERR_JSON_EMPTY : TV_ERR_JSON_UNTERMINATED;
}
