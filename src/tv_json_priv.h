/* Internals shared by the src/json_*.c files and the codec; not installed. */
#ifndef TV_JSON_PRIV_H
#define TV_JSON_PRIV_H

#include "tradovate/tv_json.h"
#include "tv_bytes_priv.h"

#include <string.h>

/* What the validation pass learned about a valid document. */
typedef struct tv_json_scan {
    int count;         /* tokens the document needs */
    size_t root_start; /* the root value's first byte */
    size_t root_end;   /* one past its last byte */
} tv_json_scan;

/* tv_json_write_key_n() for a key the caller vouches needs no escaping (the
 * schema tables' keys: ASCII letters and digits), written without scanning
 * it: the codec writes one per member of every request. */
int tv_json_write_key_plain(tv_json_writer *w, const char *key, size_t len);
/* tv_json_write_str_n() likewise, for the tables' enum names. */
int tv_json_write_str_plain(tv_json_writer *w, const char *s, size_t len);

/* The validation pass (json_validate.c): strict RFC 8259, one linear pass. */
int tv_json_scan_doc(const char *text, size_t len, tv_json_scan *out);

/* A JSON number as decimal: value = (neg ? -1 : 1) * mant * 10^exp10, where
 * mant holds the first 19 significant digits. */
typedef struct tv_json_dec {
    uint64_t mant;
    int32_t exp10;
    uint8_t neg;
    uint8_t truncated; /* non-zero digits after the 19th were dropped */
    uint8_t integer;   /* no fraction and no exponent */
} tv_json_dec;

/* Reads the longest JSON number grammar allows from s[0, len) into d and sets
 * *end one past it; TV_ERR_JSON_BAD_NUMBER if no complete number starts at s.
 * The caller decides whether the byte at *end may follow a number. */
int tv_json_dec_read(const char *s, size_t len, tv_json_dec *d, size_t *end);

/* Correctly rounded where tv_json_parse_double() says so; TV_ERR_JSON_RANGE
 * above DBL_MAX. */
int tv_json_dec_to_double(const tv_json_dec *d, double *out);

/* Checks one multi-byte UTF-8 sequence at s[*pos] (RFC 3629: no overlong forms,
 * no surrogates, nothing above U+10FFFF, no stray continuation byte) and
 * advances *pos past it; TV_ERR_JSON_BAD_UTF8, or TV_ERR_JSON_UNTERMINATED if s
 * ends inside an otherwise valid sequence. */
int tv_json_utf8_check(const unsigned char *s, size_t len, size_t *pos);

/* The code unit of the four hex digits at s[k]: TV_ERR_JSON_BAD_ESCAPE for a bad
 * digit, which wins over TV_ERR_JSON_UNTERMINATED for a text ending early. */
static inline int32_t tv_json_hex4(const unsigned char *s, size_t len, size_t k)
{
    int32_t v = 0;
    for (size_t i = k; i < k + 4; i++) {
        if (i >= len) {
            return TV_ERR_JSON_UNTERMINATED;
        }
        unsigned char c = s[i], l = (unsigned char)(c | 0x20);
        if (c >= '0' && c <= '9') {
            v = v * 16 + (c - '0');
        } else if (l >= 'a' && l <= 'f') {
            v = v * 16 + (l - 'a' + 10);
        } else {
            return TV_ERR_JSON_BAD_ESCAPE;
        }
    }
    return v;
}

/* The first index >= i whose byte is `"`, `\\`, below 0x20 or above 0x7F (len if
 * none). A machine word per step where none of its bytes is special
 * (tv_bytes_priv.h): every string byte of every request and response passes
 * here. */
static inline size_t tv_json_skip_plain(const unsigned char *s, size_t i, size_t len)
{
    while (len - i >= sizeof(tv_word)) {
        tv_word x = tv_word_load(s + i);
        tv_word m = tv_word_less(x, 0x20) | tv_word_has(x, '"') | tv_word_has(x, '\\') |
                    (x & TV_WORD_HIGHS);
        if (m != 0) {
            i += tv_word_skip(m);
            break;
        }
        i += sizeof x;
    }
    while (i < len && s[i] >= 0x20 && s[i] < 0x80 && s[i] != '"' && s[i] != '\\') {
        i++;
    }
    return i;
}

/* Whether c may not directly follow a number or literal (`1x`, `1.5.`, `truex`). */
static inline int tv_json_is_word_byte(unsigned char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '.' ||
           c == '+' || c == '-';
}

static inline int tv_json_is_ws(unsigned char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

#endif /* TV_JSON_PRIV_H */
