/*
 * Streaming bodies through small buffers: a long list in many small chunks
 * and a long Content-Length body, consumed element by element as the list
 * streamer will, delivered whole, one byte at a time, and with a would-block
 * before every byte.
 */
#include "tv_test.h"

#include "scripted_transport.h"
#include "tradovate/tv_http.h"

#define DEADLINE 99u
#define ELEMENTS 20000
#define BIG      (ELEMENTS * 40 + 4096)

static uint8_t raw[BIG];
static size_t raw_len;

static void put(const char *s, size_t n)
{
    memcpy(raw + raw_len, s, n);
    raw_len += n;
}

static void put_str(const char *s)
{
    put(s, strlen(s));
}

/* Element i of the list, e.g. {"id":17}; elements differ in length. */
static size_t element(char *out, size_t cap, int i)
{
    return (size_t)snprintf(out, cap, "{\"id\":%d}", i * 7919 % 1000003);
}

/* The JSON list [e0,e1,...] as a chunked body: one chunk per element (with
 * the comma or bracket around it), every tenth with an extension, and a
 * trailer. */
static void build_chunked(void)
{
    char el[64], line[96];
    raw_len = 0;
    put_str(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
    for (int i = 0; i < ELEMENTS; i++) {
        size_t n = element(el + 1, sizeof el - 2, i);
        el[0] = i == 0 ? '[' : ',';
        n++;
        if (i == ELEMENTS - 1) {
            el[n++] = ']';
        }
        int h = snprintf(line, sizeof line, i % 10 == 0 ? "%zx;i=%d\r\n" : "%zX\r\n", n, i);
        put(line, (size_t)h);
        put(el, n);
        put("\r\n", 2);
    }
    put_str("0\r\nX-Count: 20000\r\n\r\n");
}

static void build_length(void)
{
    char el[64];
    static uint8_t body[BIG];
    size_t blen = 0;
    for (int i = 0; i < ELEMENTS; i++) {
        body[blen++] = i == 0 ? '[' : ',';
        blen += element((char *)body + blen, sizeof el, i);
    }
    body[blen++] = ']';
    raw_len = 0;
    char head[128];
    int h = snprintf(head, sizeof head, "HTTP/1.1 200 OK\r\nContent-Length: %zu\r\n\r\n", blen);
    put(head, (size_t)h);
    put((const char *)body, blen);
}

/*
 * Consumes whole elements from the window (a stand-in for the list
 * streamer): skips '[' and ',', takes "{...}" when its '}' is in view,
 * leaves a partial element for the next round. Checks each element's value.
 */
static int stream_list(tv_script *s, size_t cap, size_t *max_window)
{
    static uint8_t buf[4096];
    tv_http_resp r;
    tv_transport t = tv_script_transport(s);
    tv_http_resp_init(&r, buf, cap, TV_HTTP_GET);
    int seen = 0;
    *max_window = 0;
    for (size_t guard = 0; guard < 4 * BIG; guard++) {
        int rc = tv_http_resp_body_more(&r, &t, DEADLINE);
        if (rc == TV_ERR_WOULD_BLOCK) {
            continue;
        }
        if (rc != TV_OK) {
            return rc;
        }
        size_t n;
        uint8_t *p = tv_http_resp_body(&r, &n);
        TV_CHECK(p >= buf && p + n <= buf + cap);
        if (n > *max_window) {
            *max_window = n;
        }
        size_t used = 0;
        while (used < n) {
            if (p[used] == '[' || p[used] == ',' || p[used] == ']') {
                used++;
                continue;
            }
            uint8_t *end = memchr(p + used, '}', n - used);
            if (end == NULL) {
                break;
            }
            char want[64];
            size_t wn = element(want, sizeof want, seen);
            size_t len = (size_t)(end + 1 - (p + used));
            tv_test_checks++;
            if (len != wn || memcmp(p + used, want, wn) != 0) {
                tv_test_fail(__FILE__, __LINE__, "element %d is \"%.*s\"", seen, (int)len,
                             (const char *)(p + used));
                return TV_ERR_INTERNAL;
            }
            seen++;
            used += len;
        }
        TV_CHECK_INT(tv_http_resp_consume(&r, used), TV_OK);
        if (tv_http_resp_complete(&r)) {
            TV_CHECK(tv_http_resp_reusable(&r));
            TV_CHECK_INT(r.received, raw_len);
            return seen;
        }
    }
    return TV_ERR_INTERNAL;
}

static void run_stream(const char *what, size_t cap)
{
    tv_script s;
    size_t window;
    static const struct {
        size_t max_recv;
        bool block;
    } modes[] = {{0, false}, {1, false}, {1, true}, {13, false}, {4096, true}};
    for (size_t i = 0; i < sizeof modes / sizeof *modes; i++) {
        tv_script_init(&s, raw, raw_len);
        s.max_recv = modes[i].max_recv;
        s.block_every = modes[i].block;
        int got = stream_list(&s, cap, &window);
        if (got != ELEMENTS) {
            fprintf(stderr, "%s cap %zu mode %zu: %d (%s)\n", what, cap, i, got, tv_err_name(got));
        }
        TV_CHECK_INT(got, ELEMENTS);
        TV_CHECK(window <= cap);
        TV_CHECK_INT(s.pos, raw_len);
    }
}

static void test_chunked_list_small_buffer(void)
{
    build_chunked();
    TV_CHECK(raw_len > 200000);
    run_stream("chunked", 128); /* the head (84 bytes) must fit */
    run_stream("chunked", 256);
    run_stream("chunked", 4096);
}

static void test_length_list_small_buffer(void)
{
    build_length();
    run_stream("length", 64);
    run_stream("length", 4096);
}

/* An element larger than the buffer is refused, not truncated. */
static void test_element_too_large(void)
{
    static const char list[] =
        "[{\"id\":0},{\"name\":\"a-very-long-element-that-cannot-fit-in-forty-eight-bytes\"}]";
    char head[64];
    tv_script s;
    size_t window;
    int h = snprintf(head, sizeof head, "HTTP/1.1 200 OK\r\nContent-Length: %zu\r\n\r\n",
                     sizeof list - 1);
    raw_len = 0;
    put(head, (size_t)h);
    put_str(list);
    tv_script_init(&s, raw, raw_len);
    s.max_recv = 1;
    TV_CHECK_INT(stream_list(&s, 48, &window), TV_ERR_HTTP_BODY_TOO_LARGE);
    TV_CHECK_INT(window, 48);
}

/* The whole-body reader refuses what does not fit, but not what fits after
 * the head is dropped; streaming the same body through the same buffer
 * works. */
static void test_whole_versus_stream(void)
{
    static uint8_t buf[256];
    tv_http_resp r;
    tv_script s;
    tv_transport t = tv_script_transport(&s);
    build_length();
    tv_script_init(&s, raw, raw_len);
    tv_http_resp_init(&r, buf, sizeof buf, TV_HTTP_GET);
    TV_CHECK_INT(tv_http_resp_read_body(&r, &t, DEADLINE), TV_ERR_HTTP_BODY_TOO_LARGE);
    /* Refused on the Content-Length alone: nothing of the body was waited for. */
    TV_CHECK(s.pos < 512);

    build_chunked();
    tv_script_init(&s, raw, raw_len);
    tv_http_resp_init(&r, buf, sizeof buf, TV_HTTP_GET);
    TV_CHECK_INT(tv_http_resp_read_body(&r, &t, DEADLINE), TV_ERR_HTTP_BODY_TOO_LARGE);
    size_t n;
    tv_http_resp_body(&r, &n);
    TV_CHECK_INT(n, sizeof buf);
}

/* A chunked body whose framing splits across every compaction boundary:
 * chunks of 1..40 bytes through buffers just larger than the head. */
static void test_chunk_boundaries(void)
{
    static uint8_t buf[160], expect[8192];
    size_t elen = 0;
    raw_len = 0;
    put_str("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
    for (size_t size = 1; size <= 40; size++) {
        char line[32];
        int h = snprintf(line, sizeof line, "%zx\r\n", size);
        put(line, (size_t)h);
        for (size_t i = 0; i < size; i++) {
            char c = (char)('A' + (size + i) % 26);
            put(&c, 1);
            expect[elen++] = (uint8_t)c;
        }
        put("\r\n", 2);
    }
    put_str("0\r\n\r\n");
    for (size_t cap = 50; cap <= sizeof buf; cap += 11) {
        for (size_t take = 1; take <= 7; take += 3) {
            tv_script s;
            tv_http_resp r;
            tv_transport t = tv_script_transport(&s);
            tv_script_init(&s, raw, raw_len);
            s.max_recv = take;
            tv_http_resp_init(&r, buf, cap, TV_HTTP_GET);
            size_t got = 0;
            int rc = TV_OK;
            for (size_t guard = 0; guard < 10000 && !tv_http_resp_complete(&r); guard++) {
                rc = tv_http_resp_body_more(&r, &t, DEADLINE);
                if (rc != TV_OK) {
                    break;
                }
                size_t n;
                uint8_t *p = tv_http_resp_body(&r, &n);
                /* Consume at most `take` bytes: leaves tails to compact. */
                size_t use = n < take ? n : take;
                tv_test_checks++;
                if (got + use > elen || memcmp(p, expect + got, use) != 0) {
                    tv_test_fail(__FILE__, __LINE__, "cap %zu take %zu: body differs at %zu", cap,
                                 take, got);
                    break;
                }
                got += use;
                TV_CHECK_INT(tv_http_resp_consume(&r, use), TV_OK);
            }
            TV_CHECK_INT(rc, TV_OK);
            size_t n;
            uint8_t *p = tv_http_resp_body(&r, &n);
            TV_CHECK(got + n == elen && memcmp(p, expect + got, n) == 0);
        }
    }
}

int main(void)
{
    TV_RUN(test_chunked_list_small_buffer);
    TV_RUN(test_length_list_small_buffer);
    TV_RUN(test_element_too_large);
    TV_RUN(test_whole_versus_stream);
    TV_RUN(test_chunk_boundaries);
    return tv_test_summary();
}
