/*
 * The response parser, fed every way a stream can arrive: whole, one byte at
 * a time, with a would-block before every byte and before each single offset,
 * and cut by a reset or an orderly close at every offset. The corpus under
 * tests/http/ goes through the same runner.
 */
#define _POSIX_C_SOURCE 200809L
#include "tv_test.h"

#include <dirent.h>
#include <stdlib.h>

#include "scripted_transport.h"
#include "tradovate/tv_http.h"

/* The buffer the corpus and most cases are read into. */
#define CAP      1024
#define DEADLINE 424242u
#define MAX_FILE 8192

/* What a successful read must produce; fields left at NOCHECK are not checked. */
#define NOCHECK (-999)
typedef struct expect {
    int status, reusable, json, chunked, version;
    int64_t content_length, retry_after;
    const uint8_t *body;
    size_t body_len;
} expect;

static expect expect_none(void)
{
    expect e = {NOCHECK, NOCHECK, NOCHECK, NOCHECK, NOCHECK, NOCHECK, NOCHECK, NULL, 0};
    return e;
}

/* Context printed with a failure: which case, which delivery, which offset. */
static const char *ctx_name = "";
static const char *ctx_mode = "";
static size_t ctx_k;

static void check_eq(int64_t got, int64_t want, const char *what)
{
    tv_test_checks++;
    if (got != want) {
        tv_test_fail(__FILE__, __LINE__,
                     "%s: %s (%s, k=%zu) = %" PRId64 " (%s), want %" PRId64 " (%s)", ctx_name, what,
                     ctx_mode, ctx_k, got, tv_err_name((int)got), want, tv_err_name((int)want));
    }
}

typedef enum mode { M_WHOLE, M_BYTES, M_BLOCK_EVERY, M_BLOCK_AT, M_RESET_AT, M_CLOSE_AT } mode;

static void script_for(tv_script *s, const uint8_t *raw, size_t len, mode m, size_t k)
{
    tv_script_init(s, raw, len);
    switch (m) {
    case M_BYTES:
        s->max_recv = 1;
        break;
    case M_BLOCK_EVERY:
        s->max_recv = 1;
        s->block_every = true;
        break;
    case M_BLOCK_AT:
        s->block_at = k;
        break;
    case M_RESET_AT:
        tv_script_end_at(s, k, TV_ERR_CONNECTION_RESET);
        break;
    case M_CLOSE_AT:
        tv_script_end_at(s, k, TV_ERR_PEER_CLOSED);
        break;
    default:
        break;
    }
}

/* Reads a whole response (or streams it, copying the body out), resuming
 * after every TV_ERR_WOULD_BLOCK as a superloop would. */
static int read_response(tv_script *s, tv_http_resp *r, uint8_t *buf, size_t cap,
                         tv_http_method method, bool stream, uint8_t *out, size_t *out_len)
{
    tv_transport t = tv_script_transport(s);
    tv_http_resp_init(r, buf, cap, method);
    *out_len = 0;
    int rc = TV_ERR_WOULD_BLOCK;
    for (size_t guard = 0; guard < 4 * MAX_FILE + 16; guard++) {
        rc = stream ? tv_http_resp_body_more(r, &t, DEADLINE)
                    : tv_http_resp_read_body(r, &t, DEADLINE);
        if (rc == TV_ERR_WOULD_BLOCK) {
            continue;
        }
        if (rc != TV_OK || !stream) {
            break;
        }
        size_t n;
        uint8_t *p = tv_http_resp_body(r, &n);
        if (*out_len + n <= MAX_FILE) {
            memcpy(out + *out_len, p, n);
        }
        *out_len += n;
        check_eq(tv_http_resp_consume(r, n), TV_OK, "consume");
        if (tv_http_resp_complete(r)) {
            break;
        }
    }
    if (rc == TV_OK && !stream) {
        size_t n;
        uint8_t *p = tv_http_resp_body(r, &n);
        memcpy(out, p, n < MAX_FILE ? n : MAX_FILE);
        *out_len = n;
    }
    return rc;
}

static void check_success(const tv_http_resp *r, const expect *e, const uint8_t *body,
                          size_t body_len, bool stream)
{
    check_eq(tv_http_resp_complete(r), 1, "complete");
    if (e->status != NOCHECK)
        check_eq(r->status, e->status, "status");
    if (e->reusable != NOCHECK)
        check_eq(tv_http_resp_reusable(r), e->reusable, "reusable");
    if (e->json != NOCHECK)
        check_eq(r->json, e->json, "json");
    if (e->chunked != NOCHECK)
        check_eq(r->chunked, e->chunked, "chunked");
    if (e->version != NOCHECK)
        check_eq(r->version_minor, e->version, "version");
    if (e->content_length != NOCHECK)
        check_eq(r->content_length, e->content_length, "content_length");
    if (e->retry_after != NOCHECK)
        check_eq(r->retry_after_s, e->retry_after, "retry_after");
    check_eq((int64_t)body_len, (int64_t)e->body_len, "body length");
    tv_test_checks++;
    if (body_len == e->body_len && e->body_len != 0 && memcmp(body, e->body, body_len) != 0) {
        tv_test_fail(__FILE__, __LINE__, "%s: body differs (%s, k=%zu)", ctx_name, ctx_mode, ctx_k);
    }
    if (!stream) {
        /* NUL-terminated whenever a byte is free after the body. */
        size_t n;
        uint8_t *p = tv_http_resp_body((tv_http_resp *)r, &n);
        check_eq(tv_http_resp_body_nul(r), n < r->cap, "nul");
        if (tv_http_resp_body_nul(r))
            check_eq(p[n], 0, "nul byte");
    }
}

/*
 * Runs raw through every delivery and expects `want` from each (and the
 * values in e on success). "need" is how many bytes the parser must see to
 * decide: the whole input for a valid response, the first offending byte
 * for a malformed one, and one past the end when only the end of the stream
 * decides (truncation). A reset or close before that point is what must be
 * reported instead.
 */
static void check_deliveries(const char *name, const uint8_t *raw, size_t len, size_t cap,
                             tv_http_method method, int want, const expect *e)
{
    static uint8_t buf[CAP * 2], body[MAX_FILE];
    tv_http_resp r;
    tv_script s;
    size_t body_len;
    ctx_name = name;

    static const struct {
        mode m;
        const char *name;
    } plain[] = {{M_WHOLE, "whole"}, {M_BYTES, "bytes"}, {M_BLOCK_EVERY, "block-every"}};
    size_t need = len;
    for (size_t i = 0; i < sizeof plain / sizeof *plain; i++) {
        ctx_mode = plain[i].name;
        ctx_k = 0;
        script_for(&s, raw, len, plain[i].m, 0);
        int rc = read_response(&s, &r, buf, cap, method, false, body, &body_len);
        check_eq(rc, want, "result");
        check_eq((int64_t)s.last_deadline, DEADLINE, "deadline passed on");
        if (rc == TV_OK && e != NULL) {
            check_success(&r, e, body, body_len, false);
        }
        if (plain[i].m == M_BYTES) {
            need = s.pos;
            check_eq(s.pos <= len, 1, "never reads past the input");
            if (want == TV_OK || want == TV_ERR_HTTP_TRUNCATED || want == TV_ERR_PEER_CLOSED) {
                check_eq((int64_t)s.pos, (int64_t)len, "reads exactly the response");
            }
            if (want == TV_ERR_HTTP_TRUNCATED || want == TV_ERR_PEER_CLOSED) {
                need = len + 1;
            }
        }
    }
    if (want == TV_OK) {
        ctx_mode = "stream-bytes";
        script_for(&s, raw, len, M_BLOCK_EVERY, 0);
        check_eq(read_response(&s, &r, buf, cap, method, true, body, &body_len), TV_OK, "result");
        check_success(&r, e, body, body_len, true);
    }
    for (size_t k = 0; k <= len; k++) {
        ctx_k = k;
        ctx_mode = "block-at";
        script_for(&s, raw, len, M_BLOCK_AT, k);
        int rc = read_response(&s, &r, buf, cap, method, false, body, &body_len);
        check_eq(rc, want, "result");
        if (rc == TV_OK && e != NULL) {
            check_success(&r, e, body, body_len, false);
        }
        ctx_mode = "reset-at";
        script_for(&s, raw, len, M_RESET_AT, k);
        rc = read_response(&s, &r, buf, cap, method, false, body, &body_len);
        check_eq(rc, k < need ? TV_ERR_CONNECTION_RESET : want, "result");
        ctx_mode = "close-at";
        script_for(&s, raw, len, M_CLOSE_AT, k);
        rc = read_response(&s, &r, buf, cap, method, false, body, &body_len);
        int cut = k == 0 ? TV_ERR_PEER_CLOSED : TV_ERR_HTTP_TRUNCATED;
        check_eq(rc, k < need ? cut : want, "result");
        if (k < need) {
            check_eq((int64_t)r.received, (int64_t)k, "received");
        }
    }
}

/* Unit cases share one script, its transport and a response. */
static struct {
    tv_script s;
    tv_transport t;
    tv_http_resp r;
} u;

/* Serves raw (a string literal: its size less the NUL) into buf[cap]. */
static void start(const char *raw, size_t len, uint8_t *buf, size_t cap)
{
    tv_script_init(&u.s, raw, len);
    u.t = tv_script_transport(&u.s);
    tv_http_resp_init(&u.r, buf, cap, TV_HTTP_GET);
}

static int read_body(void)
{
    return tv_http_resp_read_body(&u.r, &u.t, DEADLINE);
}

static void check_body(const char *want, size_t want_len)
{
    size_t n;
    uint8_t *p = tv_http_resp_body(&u.r, &n);
    TV_CHECK_MEM(p, n, want, want_len);
}

/* ------------------------------------------------------------------ */

/* Bytes after the response make the connection unusable, and are kept. */
static void test_extra_bytes(void)
{
    static const char raw[] = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1";
    uint8_t buf[256];
    size_t n;
    start(raw, sizeof raw - 1, buf, sizeof buf);
    TV_CHECK_INT(read_body(), TV_OK);
    check_body("ok", 2);
    TV_CHECK(tv_http_resp_body_nul(&u.r));
    TV_CHECK_INT(tv_http_resp_body(&u.r, &n)[2], 0);
    TV_CHECK(!tv_http_resp_reusable(&u.r));
    const uint8_t *extra = tv_http_resp_extra(&u.r, &n);
    TV_CHECK_MEM(extra, n, "HTTP/1.1", 8);

    /* Delivered one byte at a time, the parser stops at the end: nothing
     * extra was received and the connection is fine. */
    start(raw, sizeof raw - 1, buf, sizeof buf);
    u.s.max_recv = 1;
    TV_CHECK_INT(read_body(), TV_OK);
    TV_CHECK(tv_http_resp_reusable(&u.r));
    TV_CHECK_INT(u.s.pos, sizeof raw - 1 - 8);
}

/* After 101 the bytes that follow belong to the new protocol. */
static void test_switching_protocols(void)
{
    static const char raw[] = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                              "Connection: Upgrade\r\n\r\n\x81\x05hello";
    uint8_t buf[256];
    size_t n;
    start(raw, sizeof raw - 1, buf, sizeof buf);
    TV_CHECK_INT(tv_http_resp_read_head(&u.r, &u.t, DEADLINE), TV_OK);
    TV_CHECK_INT(u.r.status, 101);
    TV_CHECK(tv_http_resp_complete(&u.r));
    TV_CHECK(!tv_http_resp_reusable(&u.r));
    const uint8_t *extra = tv_http_resp_extra(&u.r, &n);
    TV_CHECK_MEM(extra, n, "\x81\x05hello", 7);
}

/* Where the NUL after a whole body goes: after moving the body over the
 * head, into the gap chunk framing left, or nowhere when the body fills the
 * buffer (which is read, not refused). */
static void test_nul_termination(void)
{
    static const char cl[] = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789";
    static const char chunked[] = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                  "5\r\n01234\r\n5\r\n56789\r\n0\r\n\r\n";
    static const char exact[] = "HTTP/1.1 200 OK\r\nContent-Length: 48\r\n\r\n"
                                "0123456789abcdef0123456789ABCDEF0123456789abcdef";
    uint8_t buf[64];
    size_t n;

    start(cl, sizeof cl - 1, buf, sizeof cl - 1); /* head + body fill it exactly */
    TV_CHECK_INT(read_body(), TV_OK);
    check_body("0123456789", 10);
    TV_CHECK(tv_http_resp_body(&u.r, &n) == buf);
    TV_CHECK(tv_http_resp_body_nul(&u.r));
    TV_CHECK_INT(buf[10], 0);

    start(chunked, sizeof chunked - 1, buf, sizeof buf);
    TV_CHECK_INT(read_body(), TV_OK);
    check_body("0123456789", 10);
    TV_CHECK(tv_http_resp_body_nul(&u.r));
    TV_CHECK_INT(tv_http_resp_body(&u.r, &n)[10], 0);

    start(exact, sizeof exact - 1, buf, 48);
    TV_CHECK_INT(read_body(), TV_OK);
    check_body(exact + sizeof exact - 1 - 48, 48);
    TV_CHECK(tv_http_resp_body(&u.r, &n) == buf);
    TV_CHECK(!tv_http_resp_body_nul(&u.r));
}

/* Errors stick (no more reads); waiting does not. */
static void test_sticky_and_resumable(void)
{
    static const char bad[] = "HTTP/1.1 200 OK\r\nBad Header: x\r\n\r\n";
    static const char good[] = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi";
    uint8_t buf[128];

    start(bad, sizeof bad - 1, buf, sizeof buf);
    TV_CHECK_INT(read_body(), TV_ERR_HTTP_BAD_HEADER);
    unsigned calls = u.s.recv_calls;
    TV_CHECK_INT(tv_http_resp_read_head(&u.r, &u.t, DEADLINE), TV_ERR_HTTP_BAD_HEADER);
    TV_CHECK_INT(tv_http_resp_body_more(&u.r, &u.t, DEADLINE), TV_ERR_HTTP_BAD_HEADER);
    TV_CHECK_INT(u.s.recv_calls, calls);
    TV_CHECK(!tv_http_resp_complete(&u.r));

    /* A timeout mid-head; the caller extends its deadline and resumes. */
    start(good, sizeof good - 1, buf, sizeof buf);
    tv_script_end_at(&u.s, 20, TV_ERR_TIMEOUT);
    TV_CHECK_INT(read_body(), TV_ERR_TIMEOUT);
    TV_CHECK_INT(u.r.received, 20);
    tv_script_end_at(&u.s, sizeof good - 1, TV_ERR_PEER_CLOSED);
    TV_CHECK_INT(tv_http_resp_read_body(&u.r, &u.t, DEADLINE + 1), TV_OK);
    check_body("hi", 2);
    TV_CHECK_INT(u.s.last_deadline, DEADLINE + 1);
    /* Reading a complete response again is a no-op. */
    calls = u.s.recv_calls;
    TV_CHECK_INT(read_body(), TV_OK);
    TV_CHECK_INT(tv_http_resp_body_more(&u.r, &u.t, DEADLINE), TV_OK);
    TV_CHECK_INT(u.s.recv_calls, calls);
}

/* The head is available before the body is read; the unframed refusal
 * comes only with the body, so the status can still be classified. */
static void test_head_then_unframed_body(void)
{
    static const char raw[] = "HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\n\r\n<html>";
    uint8_t buf[128];
    start(raw, sizeof raw - 1, buf, sizeof buf);
    TV_CHECK_INT(tv_http_resp_read_head(&u.r, &u.t, DEADLINE), TV_OK);
    TV_CHECK_INT(u.r.status, 502);
    TV_CHECK(!u.r.json);
    TV_CHECK_INT(read_body(), TV_ERR_HTTP_BAD_RESPONSE);
    TV_CHECK(!tv_http_resp_reusable(&u.r));
}

/* A reset before any byte leaves received at 0: the caller can tell a stale
 * kept-alive connection from a response cut short. */
static void test_reset_before_anything(void)
{
    uint8_t buf[64];
    start("HTTP/1.1 200 OK\r\n", 17, buf, sizeof buf);
    tv_script_end_at(&u.s, 0, TV_ERR_CONNECTION_RESET);
    TV_CHECK_INT(tv_http_resp_read_head(&u.r, &u.t, DEADLINE), TV_ERR_CONNECTION_RESET);
    TV_CHECK_INT(u.r.received, 0);
}

static int32_t recv_zero(void *ctx, uint8_t *buf, size_t len, uint64_t deadline)
{
    (void)ctx, (void)buf, (void)len, (void)deadline;
    return 0;
}

static int32_t recv_too_much(void *ctx, uint8_t *buf, size_t len, uint64_t deadline)
{
    (void)ctx, (void)buf, (void)deadline;
    return (int32_t)len + 1;
}

/* Misuse gives clear errors, never a crash or a read past the buffer. */
static void test_misuse(void)
{
    uint8_t buf[64];
    tv_http_resp *r = &u.r;
    tv_transport bad = {NULL, NULL, recv_zero};
    tv_http_resp_init(r, buf, sizeof buf, TV_HTTP_GET);
    TV_CHECK_INT(tv_http_resp_read_head(r, &bad, DEADLINE), TV_ERR_IO);
    bad.recv = recv_too_much;
    tv_http_resp_init(r, buf, sizeof buf, TV_HTTP_GET);
    TV_CHECK_INT(tv_http_resp_read_head(r, &bad, DEADLINE), TV_ERR_IO);
    tv_http_resp_init(r, NULL, 64, TV_HTTP_GET);
    TV_CHECK_INT(tv_http_resp_read_head(r, &bad, DEADLINE), TV_ERR_INVALID_ARG);
    tv_http_resp_init(r, buf, sizeof buf, TV_HTTP_GET);
    TV_CHECK_INT(tv_http_resp_read_head(r, NULL, DEADLINE), TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_http_resp_read_head(NULL, &bad, DEADLINE), TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_http_resp_consume(r, 1), TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_http_resp_consume(r, 0), TV_OK);
    size_t n = 99;
    TV_CHECK(tv_http_resp_body(r, &n) == buf);
    TV_CHECK_INT(n, 0);
    TV_CHECK(tv_http_resp_extra(r, &n) == NULL);
    TV_CHECK_INT(n, 0);
    TV_CHECK(!tv_http_resp_complete(NULL));
}

/* ------------------------------------------------------------------ */
/* Corpus: tests/http/valid/<name>.http (+ .expect, optional .body) and */
/* tests/http/invalid/<TV_ERR_NAME>--<what>.http.                       */

static size_t read_file(const char *path, uint8_t *out, size_t cap)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return SIZE_MAX;
    }
    size_t n = fread(out, 1, cap, f);
    TV_CHECK(n < cap); /* the fixture fits */
    fclose(f);
    return n;
}

static int code_by_name(const char *name, size_t len)
{
    for (int code = 0; code >= -200; code--) {
        const char *n = tv_err_name(code);
        if (strlen(n) == len && memcmp(n, name, len) == 0) {
            return code;
        }
    }
    return 1;
}

static void load_expect(const char *path, expect *e, tv_http_method *method)
{
    char line[128];
    FILE *f = fopen(path, "r");
    TV_CHECK(f != NULL);
    while (f != NULL && fgets(line, sizeof line, f) != NULL) {
        char key[32], val[64];
        if (sscanf(line, "%31s %63s", key, val) != 2) {
            continue;
        }
        long long v = strtoll(val, NULL, 10);
        if (strcmp(key, "status") == 0)
            e->status = (int)v;
        else if (strcmp(key, "reusable") == 0)
            e->reusable = (int)v;
        else if (strcmp(key, "json") == 0)
            e->json = (int)v;
        else if (strcmp(key, "chunked") == 0)
            e->chunked = (int)v;
        else if (strcmp(key, "version") == 0)
            e->version = (int)v;
        else if (strcmp(key, "content_length") == 0)
            e->content_length = v;
        else if (strcmp(key, "retry_after") == 0)
            e->retry_after = v;
        else if (strcmp(key, "method") == 0)
            *method = strcmp(val, "HEAD") == 0 ? TV_HTTP_HEAD : TV_HTTP_GET;
        else
            tv_test_fail(__FILE__, __LINE__, "%s: unknown key %s", path, key);
    }
    if (f != NULL) {
        fclose(f);
    }
}

static int run_corpus_dir(const char *dir, bool valid)
{
    static uint8_t raw[MAX_FILE], body[MAX_FILE];
    static char names[256][160];
    int count = 0;
    DIR *d = opendir(dir);
    TV_CHECK(d != NULL);
    struct dirent *ent;
    while (d != NULL && (ent = readdir(d)) != NULL && count < 256) {
        size_t n = strlen(ent->d_name);
        if (n > 5 && n < 150 && strcmp(ent->d_name + n - 5, ".http") == 0) {
            memcpy(names[count], ent->d_name, n - 5);
            names[count][n - 5] = '\0';
            count++;
        }
    }
    if (d != NULL) {
        closedir(d);
    }
    for (int i = 0; i < count; i++) {
        char path[300];
        snprintf(path, sizeof path, "%.100s/%.159s.http", dir, names[i]);
        size_t len = read_file(path, raw, sizeof raw);
        TV_CHECK(len != SIZE_MAX);
        if (len == SIZE_MAX) {
            continue;
        }
        if (valid) {
            expect e = expect_none();
            tv_http_method method = TV_HTTP_GET;
            snprintf(path, sizeof path, "%.100s/%.159s.expect", dir, names[i]);
            load_expect(path, &e, &method);
            snprintf(path, sizeof path, "%.100s/%.159s.body", dir, names[i]);
            size_t blen = read_file(path, body, sizeof body);
            e.body = body;
            e.body_len = blen == SIZE_MAX ? 0 : blen;
            check_deliveries(names[i], raw, len, CAP, method, TV_OK, &e);
        } else {
            const char *sep = strstr(names[i], "--");
            int want = sep != NULL ? code_by_name(names[i], (size_t)(sep - names[i])) : 1;
            ctx_name = names[i];
            check_eq(want < 0, 1, "error named in the file name");
            check_deliveries(names[i], raw, len, CAP, TV_HTTP_GET, want, NULL);
        }
    }
    return count;
}

static void test_corpus(void)
{
    int valid = run_corpus_dir("tests/http/valid", true);
    int invalid = run_corpus_dir("tests/http/invalid", false);
    fprintf(stderr, "corpus: %d valid, %d invalid responses\n", valid, invalid);
    TV_CHECK(valid >= 25);
    TV_CHECK(invalid >= 80);
}

int main(void)
{
    TV_RUN(test_extra_bytes);
    TV_RUN(test_switching_protocols);
    TV_RUN(test_nul_termination);
    TV_RUN(test_sticky_and_resumable);
    TV_RUN(test_head_then_unframed_body);
    TV_RUN(test_misuse);
    TV_RUN(test_reset_before_anything);
    TV_RUN(test_corpus);
    return tv_test_summary();
}
