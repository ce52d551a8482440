/* The JSON writer: exact output, escaping, JSON inside a JSON string, sticky
 * errors, buffer limits at every size, and round trips through the parser. */
#include "tv_test.h"

#include <float.h>
#include <stdlib.h>

#include "tradovate/tv_json.h"
#include "tv_json_priv.h" /* the codec's writers for keys and names that need no escaping */

#include "../json/json_test_rng.h" /* tests/json holds the JSON tests' shared helpers */

/* Finishes w and checks the result is exactly `want` and valid JSON. */
static void check_output(tv_json_writer *w, const char *want)
{
    size_t len = 99;
    TV_CHECK_INT(tv_json_writer_finish(w, &len), TV_OK);
    TV_CHECK_MEM(w->buf, len, want, strlen(want));
    TV_CHECK(tv_json_validate(w->buf, len) > 0);
}

/* A key and a string value, through the public writers or the codec's. */
static void key(tv_json_writer *w, const char *k, bool plain)
{
    if (plain) {
        tv_json_write_key_plain(w, k, strlen(k));
    } else {
        tv_json_write_key(w, k);
    }
}

static void str(tv_json_writer *w, const char *s, bool plain)
{
    if (plain) {
        tv_json_write_str_plain(w, s, strlen(s));
    } else {
        tv_json_write_str(w, s);
    }
}

/* A placeOrder body; returns the writer's status. */
static int write_order_with(tv_json_writer *w, bool plain)
{
    tv_json_write_object_begin(w);
    key(w, "accountSpec", plain);
    str(w, "DEMO123", plain);
    key(w, "accountId", plain);
    tv_json_write_i64(w, 12345);
    key(w, "action", plain);
    str(w, "Buy", plain);
    key(w, "orderQty", plain);
    tv_json_write_i64(w, 1);
    key(w, "price", plain);
    tv_json_write_double(w, 4150.25);
    key(w, "isAutomated", plain);
    tv_json_write_bool(w, true);
    key(w, "text", plain);
    tv_json_write_null(w);
    key(w, "expireTime", plain);
    tv_json_write_time(w, INT64_C(1618289946588));
    key(w, "tags", plain);
    tv_json_write_array_begin(w);
    tv_json_write_array_end(w);
    return tv_json_write_object_end(w);
}

static int write_order(tv_json_writer *w)
{
    return write_order_with(w, false);
}

static const char order_text[] =
    "{\"accountSpec\":\"DEMO123\",\"accountId\":12345,\"action\":\"Buy\",\"orderQty\":1,"
    "\"price\":4150.25,\"isAutomated\":true,\"text\":null,"
    "\"expireTime\":\"2021-04-13T04:59:06.588Z\",\"tags\":[]}";

static void test_order_body(void)
{
    char buf[512];
    tv_json_writer w;
    tv_json_writer_init(&w, buf, sizeof buf);
    TV_CHECK_INT(write_order(&w), TV_OK);
    check_output(&w, order_text);
}

static void test_nesting_and_values(void)
{
    char buf[256];
    tv_json_writer w;
    tv_json_writer_init(&w, buf, sizeof buf);
    tv_json_write_array_begin(&w);
    tv_json_write_object_begin(&w);
    tv_json_write_object_end(&w);
    tv_json_write_array_begin(&w);
    tv_json_write_i64(&w, INT64_MIN);
    tv_json_write_i64(&w, INT64_MAX);
    tv_json_write_i64(&w, 0);
    tv_json_write_i64(&w, -1);
    tv_json_write_array_end(&w);
    tv_json_write_object_begin(&w);
    tv_json_write_key(&w, "a");
    tv_json_write_object_begin(&w);
    tv_json_write_key(&w, "");
    tv_json_write_bool(&w, false);
    tv_json_write_object_end(&w);
    tv_json_write_key(&w, "b");
    tv_json_write_double(&w, -0.0);
    tv_json_write_object_end(&w);
    tv_json_write_double(&w, 1e21);
    tv_json_write_array_end(&w);
    check_output(&w, "[{},[-9223372036854775808,9223372036854775807,0,-1],"
                     "{\"a\":{\"\":false},\"b\":-0},1e+21]");

    /* a lone scalar is a document too */
    tv_json_writer_init(&w, buf, sizeof buf);
    tv_json_write_str(&w, "x");
    check_output(&w, "\"x\"");
}

/* Every control byte, quote, backslash, and UTF-8 of every length. */
static void test_escaping(void)
{
    char in[64], buf[512];
    size_t n = 0;
    for (int c = 0; c < 0x20; c++) {
        in[n++] = (char)c;
    }
    memcpy(in + n, "\"\\/\x7f\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 13);
    n += 13;
    tv_json_writer w;
    tv_json_writer_init(&w, buf, sizeof buf);
    tv_json_write_str_n(&w, in, n);
    check_output(&w, "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b"
                     "\\f\\r\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016"
                     "\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f\\\"\\\\/"
                     "\x7f\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"");
    /* and it reads back to the same bytes */
    tv_json_tok toks[2];
    tv_json_doc doc;
    tv_json_str s;
    TV_CHECK_INT(tv_json_parse(&doc, buf, w.len, toks, 2), 1);
    TV_CHECK_INT(tv_json_get_str(&doc, 0, &s), TV_OK);
    TV_CHECK_MEM(s.ptr, s.len, in, n);
}

/* Keys and strings cannot break out of their quotes. */
static void test_no_injection(void)
{
    char buf[256];
    tv_json_writer w;
    tv_json_writer_init(&w, buf, sizeof buf);
    tv_json_write_object_begin(&w);
    tv_json_write_key(&w, "a\":1,\"admin\":true,\"b");
    tv_json_write_str(&w, "\"},{\"x\":\"");
    tv_json_write_object_end(&w);
    size_t len;
    TV_CHECK_INT(tv_json_writer_finish(&w, &len), TV_OK);
    tv_json_tok toks[4];
    tv_json_doc doc;
    tv_json_iter it;
    tv_json_str key, val;
    int v;
    TV_CHECK_INT(tv_json_parse(&doc, buf, len, toks, 4), 3);
    TV_CHECK_INT(toks[0].size, 1);
    TV_CHECK_INT(tv_json_iter_init(&doc, 0, &it), TV_OK);
    TV_CHECK_INT(tv_json_iter_next(&doc, &it, &key, &v), 1);
    TV_CHECK_STR(key.ptr, "a\":1,\"admin\":true,\"b");
    TV_CHECK_INT(tv_json_get_str(&doc, v, &val), TV_OK);
    TV_CHECK_STR(val.ptr, "\"},{\"x\":\"");
}

static void test_bad_values(void)
{
    char buf[64];
    tv_json_writer w;
    static const char *bad_utf8[] = {"\xc0\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80",
                                     "\x80",     "ab\xc3",       "\xff"};
    for (size_t i = 0; i < sizeof bad_utf8 / sizeof bad_utf8[0]; i++) {
        tv_json_writer_init(&w, buf, sizeof buf);
        TV_CHECK_INT(tv_json_write_str(&w, bad_utf8[i]), TV_ERR_BAD_STRING);
        tv_json_writer_init(&w, buf, sizeof buf);
        tv_json_write_object_begin(&w);
        TV_CHECK_INT(tv_json_write_key(&w, bad_utf8[i]), TV_ERR_BAD_STRING);
    }
    tv_json_writer_init(&w, buf, sizeof buf);
    TV_CHECK_INT(tv_json_write_double(&w, strtod("nan", NULL)), TV_ERR_INVALID_ARG);
    tv_json_writer_init(&w, buf, sizeof buf);
    TV_CHECK_INT(tv_json_write_double(&w, -strtod("inf", NULL)), TV_ERR_INVALID_ARG);
    tv_json_writer_init(&w, buf, sizeof buf);
    TV_CHECK_INT(tv_json_write_str(&w, NULL), TV_ERR_INVALID_ARG);
    tv_json_writer_init(&w, buf, sizeof buf);
    TV_CHECK_INT(tv_json_write_time(&w, INT64_MAX), TV_ERR_INVALID_ARG);
    tv_json_writer_init(&w, NULL, 10);
    TV_CHECK_INT(tv_json_write_null(&w), TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_json_write_null(NULL), TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_json_writer_finish(NULL, NULL), TV_ERR_INVALID_ARG);
}

/* Calls out of order are TV_ERR_STATE; the first error sticks. */
static void test_state_errors(void)
{
    char buf[64];
    tv_json_writer w;
    size_t len = 7;

    tv_json_writer_init(&w, buf, sizeof buf);
    TV_CHECK_INT(tv_json_write_key(&w, "a"), TV_ERR_STATE); /* key at top level */
    tv_json_writer_init(&w, buf, sizeof buf);
    TV_CHECK_INT(tv_json_write_key_plain(&w, "a", 1), TV_ERR_STATE);

    tv_json_writer_init(&w, buf, sizeof buf); /* the codec's writers keep the same order */
    tv_json_write_object_begin(&w);
    TV_CHECK_INT(tv_json_write_str_plain(&w, "v", 1), TV_ERR_STATE);
    tv_json_writer_init(&w, buf, sizeof buf);
    tv_json_write_object_begin(&w);
    tv_json_write_key_plain(&w, "a", 1);
    TV_CHECK_INT(tv_json_write_key_plain(&w, "b", 1), TV_ERR_STATE);
    TV_CHECK_INT(tv_json_write_str_plain(&w, "v", 1), TV_ERR_STATE); /* sticky */

    tv_json_writer_init(&w, buf, sizeof buf);
    tv_json_write_object_begin(&w);
    TV_CHECK_INT(tv_json_write_i64(&w, 1), TV_ERR_STATE); /* value without key */

    tv_json_writer_init(&w, buf, sizeof buf);
    tv_json_write_object_begin(&w);
    tv_json_write_key(&w, "a");
    TV_CHECK_INT(tv_json_write_key(&w, "b"), TV_ERR_STATE); /* two keys */

    tv_json_writer_init(&w, buf, sizeof buf);
    tv_json_write_object_begin(&w);
    tv_json_write_key(&w, "a");
    TV_CHECK_INT(tv_json_write_object_end(&w), TV_ERR_STATE); /* key without value */

    tv_json_writer_init(&w, buf, sizeof buf);
    tv_json_write_object_begin(&w);
    TV_CHECK_INT(tv_json_write_array_end(&w), TV_ERR_STATE); /* wrong close */

    tv_json_writer_init(&w, buf, sizeof buf);
    TV_CHECK_INT(tv_json_write_array_end(&w), TV_ERR_STATE); /* nothing open */

    tv_json_writer_init(&w, buf, sizeof buf);
    tv_json_write_null(&w);
    TV_CHECK_INT(tv_json_write_null(&w), TV_ERR_STATE); /* second document */

    tv_json_writer_init(&w, buf, sizeof buf);
    tv_json_write_array_begin(&w);
    TV_CHECK_INT(tv_json_writer_finish(&w, &len), TV_ERR_STATE); /* left open */
    TV_CHECK_INT(len, 0);

    tv_json_writer_init(&w, buf, sizeof buf);
    TV_CHECK_INT(tv_json_writer_finish(&w, &len), TV_ERR_STATE); /* empty */

    tv_json_writer_init(&w, buf, sizeof buf);
    tv_json_write_embedded_begin(&w);
    TV_CHECK_INT(tv_json_write_embedded_begin(&w), TV_ERR_STATE); /* nested embedding */

    tv_json_writer_init(&w, buf, sizeof buf);
    tv_json_write_embedded_begin(&w);
    tv_json_write_object_begin(&w);
    TV_CHECK_INT(tv_json_write_embedded_end(&w), TV_ERR_STATE); /* inner still open */

    tv_json_writer_init(&w, buf, sizeof buf);
    TV_CHECK_INT(tv_json_write_embedded_end(&w), TV_ERR_STATE); /* never opened */

    /* sticky: later calls change nothing, the first error is reported */
    tv_json_writer_init(&w, buf, sizeof buf);
    tv_json_write_array_begin(&w);
    tv_json_write_double(&w, strtod("inf", NULL));
    size_t at = w.len;
    TV_CHECK_INT(tv_json_write_i64(&w, 5), TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_json_write_key(&w, "k"), TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_json_write_array_end(&w), TV_ERR_INVALID_ARG);
    TV_CHECK_INT(w.len, at);
    TV_CHECK_INT(tv_json_writer_finish(&w, &len), TV_ERR_INVALID_ARG);
    TV_CHECK_INT(len, 0);
}

static void test_depth_limit(void)
{
    char buf[8 * TV_JSON_MAX_DEPTH];
    tv_json_writer w;
    tv_json_writer_init(&w, buf, sizeof buf);
    for (int i = 0; i < TV_JSON_MAX_DEPTH; i++) {
        tv_json_write_array_begin(&w);
    }
    TV_CHECK_INT(w.err, TV_OK);
    for (int i = 0; i < TV_JSON_MAX_DEPTH; i++) {
        tv_json_write_array_end(&w);
    }
    size_t len;
    TV_CHECK_INT(tv_json_writer_finish(&w, &len), TV_OK);
    TV_CHECK_INT(tv_json_validate(buf, len), TV_JSON_MAX_DEPTH);
    tv_json_writer_init(&w, buf, sizeof buf);
    for (int i = 0; i <= TV_JSON_MAX_DEPTH; i++) {
        tv_json_write_object_begin(&w);
        tv_json_write_key(&w, "a");
    }
    TV_CHECK_INT(w.err, TV_ERR_JSON_TOO_DEEP);
}

/* Every buffer size: too small fails cleanly, never writes past the end, and
 * finish reports no length; exactly enough succeeds. */
static void test_every_buffer_size(void)
{
    size_t full = strlen(order_text);
    char *buf = malloc(full + 16);
    for (int plain = 0; plain < 2; plain++) { /* the public writers, then the codec's */
        for (size_t cap = 0; cap <= full; cap++) {
            tv_json_writer w;
            size_t len = 99;
            memset(buf, '#', full + 16);
            tv_json_writer_init(&w, buf, cap);
            int r = write_order_with(&w, plain != 0);
            TV_CHECK_INT(r, cap < full ? TV_ERR_BUFFER_TOO_SMALL : TV_OK);
            TV_CHECK_INT(tv_json_writer_finish(&w, &len), r);
            TV_CHECK_INT(len, r == TV_OK ? full : 0);
            TV_CHECK(buf[cap] == '#');
            if (r == TV_OK) {
                TV_CHECK_MEM(buf, len, order_text, full);
            }
        }
    }
    free(buf);
}

/* startOrderStrategy: `params` is a JSON text carried as a string. */
static void test_embedded(void)
{
    char buf[512];
    tv_json_writer w;
    tv_json_writer_init(&w, buf, sizeof buf);
    tv_json_write_object_begin(&w);
    tv_json_write_key(&w, "accountId");
    tv_json_write_i64(&w, 1);
    tv_json_write_key(&w, "params");
    tv_json_write_embedded_begin(&w);
    tv_json_write_object_begin(&w);
    tv_json_write_key(&w, "entryVersion");
    tv_json_write_object_begin(&w);
    tv_json_write_key_plain(&w, "orderQty", 8); /* the codec's writers escape here too */
    tv_json_write_i64(&w, 1);
    tv_json_write_key_plain(&w, "orderType", 9);
    tv_json_write_str_plain(&w, "Market", 6);
    tv_json_write_object_end(&w);
    tv_json_write_key(&w, "brackets");
    tv_json_write_array_begin(&w);
    tv_json_write_object_begin(&w);
    tv_json_write_key(&w, "stopLoss");
    tv_json_write_double(&w, -5);
    tv_json_write_key(&w, "trailingStop");
    tv_json_write_bool(&w, false);
    tv_json_write_key(&w, "note");
    tv_json_write_str(&w, "q\"b\\s\n");
    tv_json_write_object_end(&w);
    tv_json_write_array_end(&w);
    tv_json_write_object_end(&w);
    tv_json_write_embedded_end(&w);
    tv_json_write_key(&w, "uuid");
    tv_json_write_str(&w, "u");
    tv_json_write_object_end(&w);
    check_output(&w,
                 "{\"accountId\":1,\"params\":\"{\\\"entryVersion\\\":{\\\"orderQty\\\":1,"
                 "\\\"orderType\\\":\\\"Market\\\"},\\\"brackets\\\":[{\\\"stopLoss\\\":-5,"
                 "\\\"trailingStop\\\":false,\\\"note\\\":\\\"q\\\\\\\"b\\\\\\\\s\\\\n\\\"}]}\","
                 "\"uuid\":\"u\"}");

    /* Decoding twice gives back what was written inside. */
    tv_json_tok toks[16], inner_toks[16];
    tv_json_doc doc, inner;
    tv_json_str params, note;
    int v, b;
    TV_CHECK(tv_json_parse(&doc, buf, w.len, toks, 16) > 0);
    TV_CHECK_INT(tv_json_obj_get(&doc, 0, "params", &v), TV_OK);
    TV_CHECK_INT(tv_json_get_str(&doc, v, &params), TV_OK);
    TV_CHECK(tv_json_parse(&inner, params.ptr, params.len, inner_toks, 16) > 0);
    TV_CHECK_INT(tv_json_obj_get(&inner, 0, "brackets", &b), TV_OK);
    TV_CHECK_INT(tv_json_obj_get(&inner, b + 1, "note", &v), TV_OK);
    TV_CHECK_INT(tv_json_get_str(&inner, v, &note), TV_OK);
    TV_CHECK_STR(note.ptr, "q\"b\\s\n");

    /* an embedded scalar, at the top level */
    tv_json_writer_init(&w, buf, sizeof buf);
    tv_json_write_embedded_begin(&w);
    tv_json_write_time(&w, 0);
    tv_json_write_embedded_end(&w);
    check_output(&w, "\"\\\"1970-01-01T00:00:00.000Z\\\"\"");
}

/* Random prices (at most 15 significant digits, 0-6 decimals) are written as
 * exactly their own digits; they and random doubles read back unchanged. */
static void test_double_round_trip(void)
{
    static char buf[64 * 1024], want[2048][32];
    static tv_json_tok toks[2049];
    static double vals[2048];
    uint64_t x = 2463534242u;
    tv_json_writer w;
    tv_json_writer_init(&w, buf, sizeof buf);
    tv_json_write_array_begin(&w);
    for (int i = 0; i < 2048; i++) {
        json_test_rnd(&x);
        if (i % 2 == 0) {
            int decimals = (int)(x % 7);
            uint64_t m = 1 + (x >> 8) % UINT64_C(999999999999999); /* <= 15 digits */
            char text[40];
            snprintf(text, sizeof text, "%" PRIu64 "e-%d", m, decimals);
            vals[i] = strtod(text, NULL);
            /* the expected text: fixed notation, trailing zeros dropped */
            int n = snprintf(want[i], sizeof want[i], "%.*f", decimals, vals[i]);
            while (decimals > 0 && want[i][n - 1] == '0') {
                want[i][--n] = '\0';
            }
            if (want[i][n - 1] == '.') {
                want[i][n - 1] = '\0';
            }
        } else {
            memcpy(&vals[i], &x, sizeof x);
            if (vals[i] != vals[i] || vals[i] > DBL_MAX || vals[i] < -DBL_MAX) {
                vals[i] = 1.5;
            }
        }
        tv_json_write_double(&w, vals[i]);
    }
    tv_json_write_array_end(&w);
    size_t len;
    TV_CHECK_INT(tv_json_writer_finish(&w, &len), TV_OK);
    tv_json_doc doc;
    TV_CHECK_INT(tv_json_parse(&doc, buf, len, toks, 2049), 2049);
    int bad = 0;
    for (int i = 0; i < 2048; i++) {
        const tv_json_tok *t = &toks[i + 1];
        double v;
        if (tv_json_get_double(&doc, i + 1, &v) != TV_OK || memcmp(&v, &vals[i], sizeof v) != 0 ||
            (i % 2 == 0 && ((size_t)(t->end - t->start) != strlen(want[i]) ||
                            memcmp(buf + t->start, want[i], strlen(want[i])) != 0))) {
            if (bad++ < 5) {
                tv_test_fail(__FILE__, __LINE__, "%.17g written as %.*s", vals[i],
                             (int)(t->end - t->start), buf + t->start);
            }
        }
    }
    TV_CHECK_INT(bad, 0);
}

int main(void)
{
    TV_RUN(test_order_body);
    TV_RUN(test_nesting_and_values);
    TV_RUN(test_escaping);
    TV_RUN(test_no_injection);
    TV_RUN(test_bad_values);
    TV_RUN(test_state_errors);
    TV_RUN(test_depth_limit);
    TV_RUN(test_every_buffer_size);
    TV_RUN(test_embedded);
    TV_RUN(test_double_round_trip);
    return tv_test_summary();
}
