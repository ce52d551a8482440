/*
 * JSON validation and tokenizing (tv_json_parse), then every typed read on
 * every token of the result.
 *
 * Input: the document itself.
 *
 * Checks: tv_json_validate() and tv_json_parse() agree (same error, or the
 * count tv_json_validate() announced); tokens are well formed (ranges inside
 * the text, subtree links, sizes equal to what iteration finds); strings
 * unescape to NUL-terminated bytes; numbers read as glibc's strtod and
 * strtoll read them (doubles correctly rounded where the library promises it,
 * within one unit in the last place always) and format back to the same
 * double; times format back to the same instant; object lookups find the
 * first member of a name.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "tradovate/tv_json.h"

#define MAX_TEXT (1u << 16)
#define MAX_TOKS 1024

static char text[MAX_TEXT];
static char num[MAX_TEXT + 1];
static tv_json_tok toks[MAX_TOKS];

/* The decimal exponent e and significant digits d of a JSON number, value =
 * M * 10^e with M the d significant digits (leading and trailing zeros
 * dropped). Exponents are clamped far outside any double. */
static void decimal_shape(const char *s, size_t len, int *digits, long *exp10)
{
    long e = 0, pos = 0, first = -1, last = -1;
    size_t i = 0;
    if (s[i] == '-') {
        i++;
    }
    long point = -1;
    for (; i < len && s[i] != 'e' && s[i] != 'E'; i++) {
        if (s[i] == '.') {
            point = pos;
            continue;
        }
        if (s[i] != '0') {
            if (first < 0) {
                first = pos;
            }
            last = pos;
        }
        pos++;
    }
    if (point < 0) {
        point = pos;
    }
    if (i < len) {
        int neg = s[++i] == '-';
        if (s[i] == '-' || s[i] == '+') {
            i++;
        }
        for (; i < len; i++) {
            if (e < 100000) {
                e = e * 10 + (s[i] - '0');
            }
        }
        e = neg ? -e : e;
    }
    if (first < 0) {
        *digits = 0;
        *exp10 = 0;
        return;
    }
    *digits = (int)(last - first + 1);
    *exp10 = e + (point - last - 1);
}

static void check_number(const tv_json_doc *doc, int i, const char *s, size_t len)
{
    bool integer =
        memchr(s, '.', len) == NULL && memchr(s, 'e', len) == NULL && memchr(s, 'E', len) == NULL;
    memcpy(num, s, len);
    num[len] = '\0';

    /* doubles against strtod */
    double ours = 0, ref;
    int rc = tv_json_get_double(doc, i, &ours);
    errno = 0;
    ref = strtod(num, NULL);
    if (isinf(ref)) {
        FUZZ_CHECK(rc == TV_ERR_JSON_RANGE, "%s: %s, strtod overflows", num, tv_err_name(rc));
    } else {
        int digits;
        long e;
        decimal_shape(s, len, &digits, &e);
        FUZZ_CHECK(rc == TV_OK, "%s: %s", num, tv_err_name(rc));
        if (digits <= 15 && e >= -22 && e <= 22) {
            FUZZ_CHECK(ours == ref && signbit(ours) == signbit(ref), "%s: %.17g, strtod %.17g", num,
                       ours, ref);
        } else {
            FUZZ_CHECK(ours == ref || ours == nextafter(ref, INFINITY) ||
                           ours == nextafter(ref, -INFINITY),
                       "%s: %.17g more than one ulp from strtod's %.17g", num, ours, ref);
        }
        char out[TV_JSON_DOUBLE_BUF];
        double back;
        int n = tv_json_format_double(ours, out, sizeof out);
        FUZZ_CHECK(n > 0, "format %.17g: %s", ours, tv_err_name(n));
        FUZZ_CHECK(tv_json_parse_double(out, (size_t)n, &back) == TV_OK &&
                       memcmp(&back, &ours, sizeof back) == 0,
                   "%.17g formats as %s, which reads back as %.17g", ours, out, back);
    }

    /* integers against strtoll */
    int64_t i64 = 0;
    int32_t i32 = 0;
    int r64 = tv_json_get_i64(doc, i, &i64);
    int r32 = tv_json_get_i32(doc, i, &i32);
    if (!integer) {
        FUZZ_CHECK(r64 == TV_ERR_JSON_TYPE && r32 == TV_ERR_JSON_TYPE, "%s read as an integer",
                   num);
        return;
    }
    errno = 0;
    long long ll = strtoll(num, NULL, 10);
    if (errno == ERANGE) {
        FUZZ_CHECK(r64 == TV_ERR_JSON_RANGE && r32 == TV_ERR_JSON_RANGE, "%s: %s", num,
                   tv_err_name(r64));
        return;
    }
    FUZZ_CHECK(r64 == TV_OK && i64 == ll, "%s: %s %lld", num, tv_err_name(r64), (long long)i64);
    if (ll >= INT32_MIN && ll <= INT32_MAX) {
        FUZZ_CHECK(r32 == TV_OK && i32 == ll, "%s as int32: %s", num, tv_err_name(r32));
    } else {
        FUZZ_CHECK(r32 == TV_ERR_JSON_RANGE, "%s as int32: %s", num, tv_err_name(r32));
    }
}

static void check_string(tv_json_doc *doc, int i)
{
    tv_json_str s;
    int rc = tv_json_get_str(doc, i, &s);
    FUZZ_CHECK(rc == TV_OK, "string %d: %s", i, tv_err_name(rc));
    FUZZ_CHECK(s.ptr >= doc->text && s.ptr + s.len < doc->text + doc->len + 1 &&
                   s.ptr[s.len] == '\0',
               "string %d outside the text or not terminated", i);
    int64_t ms;
    if (tv_json_get_time(doc, i, &ms) == TV_OK) {
        char out[TV_JSON_TIME_BUF];
        int64_t back;
        int n = tv_json_format_time(ms, out, sizeof out);
        if (n == TV_ERR_INVALID_ARG) {
            /* 9999-12-31T23:59:60Z is the first instant of the year 10000 */
            FUZZ_CHECK(ms >= INT64_C(253402300800000), "%s does not format: %s", s.ptr,
                       tv_err_name(n));
            return;
        }
        FUZZ_CHECK(n == 24 && tv_json_parse_time(out, 24, &back) == TV_OK && back == ms,
                   "%s: %lld formats as %s", s.ptr, (long long)ms, out);
    }
}

static void check_container(tv_json_doc *doc, int i, tv_json_type type)
{
    tv_json_iter it;
    tv_json_str key, first_key = {NULL, 0};
    int v, first_value = -1, members = 0, rc;
    FUZZ_CHECK(tv_json_iter_init(doc, i, &it) == TV_OK, "iter_init %d", i);
    while ((rc = tv_json_iter_next(doc, &it, &key, &v)) == 1) {
        FUZZ_CHECK(v > i && v < doc->count, "member %d of %d out of range", v, i);
        if (type == TV_JSON_OBJECT) {
            FUZZ_CHECK(key.ptr != NULL && key.ptr[key.len] == '\0', "key");
            if (members == 0) {
                first_key = key;
                first_value = v;
            }
        }
        members++;
    }
    FUZZ_CHECK(rc == 0, "iteration of %d: %s", i, tv_err_name(rc));
    FUZZ_CHECK(members == doc->toks[i].size, "token %d: size %d, %d members", i,
               (int)doc->toks[i].size, members);
    if (first_key.ptr != NULL && strlen(first_key.ptr) == first_key.len) {
        int found = -1;
        FUZZ_CHECK(tv_json_obj_get(doc, i, first_key.ptr, &found) == TV_OK && found == first_value,
                   "lookup of the first key of %d", i);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > MAX_TEXT) {
        return 0;
    }
    memcpy(text, data, size);
    int v = tv_json_validate((const char *)data, size);
    tv_json_doc doc;
    int n = tv_json_parse(&doc, text, size, toks, MAX_TOKS);
    FUZZ_CHECK((v > 0 || fuzz_status_ok(v)) && (n > 0 || fuzz_status_ok(n)),
               "validate %d, parse %d", v, n);
    if (v < 0 || v > MAX_TOKS) {
        FUZZ_CHECK(n == (v < 0 ? v : TV_ERR_JSON_TOO_MANY_TOKENS), "validate %s, parse %s",
                   tv_err_name(v), tv_err_name(n));
        return 0;
    }
    FUZZ_CHECK(n == v && doc.count == n, "validate counts %d tokens, parse %d", v, n);
    FUZZ_CHECK(doc.toks[0].next == n, "the root does not span every token");
    FUZZ_CHECK(tv_json_type_of(&doc, n) == TV_JSON_NONE &&
                   tv_json_type_of(&doc, -1) == TV_JSON_NONE,
               "type of a bad index");
    for (int i = 0; i < n; i++) {
        const tv_json_tok *t = &doc.toks[i];
        FUZZ_CHECK(t->start >= 0 && t->start <= t->end && (size_t)t->end <= size, "token %d range",
                   i);
        FUZZ_CHECK(t->next > i && t->next <= n, "token %d: next %d", i, (int)t->next);
        tv_json_type type = tv_json_type_of(&doc, i);
        switch (type) {
        case TV_JSON_STRING:
            check_string(&doc, i);
            break;
        case TV_JSON_NUMBER:
            check_number(&doc, i, text + t->start, (size_t)(t->end - t->start));
            break;
        case TV_JSON_BOOL: {
            bool b;
            FUZZ_CHECK(tv_json_get_bool(&doc, i, &b) == TV_OK && b == (text[t->start] == 't'),
                       "bool %d", i);
            break;
        }
        case TV_JSON_NULL:
            FUZZ_CHECK(tv_json_is_null(&doc, i), "null %d", i);
            break;
        case TV_JSON_OBJECT:
        case TV_JSON_ARRAY:
            check_container(&doc, i, type);
            break;
        default:
            fuzz_fail("token %d has no type", i);
        }
    }
    return 0;
}
