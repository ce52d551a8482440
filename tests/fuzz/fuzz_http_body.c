/*
 * The HTTP body path (Content-Length and the chunked decoder), fed the
 * fuzzer's bytes as the server's stream: whole bodies with
 * tv_http_resp_read_body() and streamed ones with tv_http_resp_body_more().
 *
 * Input: one control byte, then the stream. Control: bits 0-2 the buffer
 * size (fuzz_cap), bit 3 how the streaming reader consumes (everything, or
 * all but the last few bytes of each window, so windows move), bits 4-7 the
 * delivery (fuzz_delivery).
 *
 * Checks: statuses are documented ones; each reader gets the same outcome
 * and the same body bytes whether the stream arrives whole or in pieces; and
 * the streamed body equals the whole body whenever the whole one fits (with
 * the same error when neither succeeds for a reason other than size).
 */
#include <string.h>

#include "harness.h"
#include "ops.h"
#include "tradovate/tv_http.h"

typedef struct body_run {
    tv_http_resp r;
    tv_chop chop;
    tv_transport t;
    bool stream;
    size_t keep;     /* bytes each streaming round leaves in the window */
    uint64_t digest; /* the body bytes, in order */
    size_t len;      /* their number */
} body_run;

static int body_step(void *ctx)
{
    body_run *b = ctx;
    if (!b->stream) {
        return tv_http_resp_read_body(&b->r, &b->t, 1);
    }
    for (;;) {
        int rc = tv_http_resp_body_more(&b->r, &b->t, 1);
        if (rc != TV_OK) {
            return rc;
        }
        size_t n;
        const uint8_t *p = tv_http_resp_body(&b->r, &n);
        bool done = tv_http_resp_complete(&b->r);
        size_t take = done ? n : n > b->keep ? n - b->keep : 0;
        tv_digest_mix(&b->digest, p, take);
        b->len += take;
        FUZZ_CHECK(tv_http_resp_consume(&b->r, take) == TV_OK, "consume");
        if (done) {
            return TV_OK;
        }
    }
}

static int run(body_run *b, uint8_t *buf, size_t cap, bool stream, size_t keep, const uint8_t *data,
               size_t size, uint8_t delivery)
{
    tv_chop_init(&b->chop, data, size);
    fuzz_delivery(&b->chop, delivery);
    b->t = tv_chop_transport(&b->chop);
    b->stream = stream;
    b->keep = keep;
    b->digest = 0;
    b->len = 0;
    tv_http_resp_init(&b->r, buf, cap, TV_HTTP_GET);
    int rc = fuzz_resume(body_step, b, 4 * size + 16);
    if (rc == TV_OK && !stream) {
        const uint8_t *p = tv_http_resp_body(&b->r, &b->len);
        tv_digest_mix(&b->digest, p, b->len);
        FUZZ_CHECK(!tv_http_resp_body_nul(&b->r) || p[b->len] == '\0', "no NUL after the body");
    }
    return rc;
}

static void same(const body_run *x, int rx, const body_run *y, int ry, const char *what)
{
    FUZZ_CHECK(rx == ry, "%s: %s whole, %s in pieces", what, tv_err_name(rx), tv_err_name(ry));
    if (rx == TV_OK) {
        size_t ex, ey;
        FUZZ_CHECK(x->len == y->len && x->digest == y->digest, "%s: body differs", what);
        /* Bytes after the response make a connection unusable, but only
         * once they have been received, which depends on the delivery. */
        (void)tv_http_resp_extra(&x->r, &ex);
        (void)tv_http_resp_extra(&y->r, &ey);
        FUZZ_CHECK(ex != 0 || ey != 0 ||
                       tv_http_resp_reusable(&x->r) == tv_http_resp_reusable(&y->r),
                   "%s: reusable differs", what);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static uint8_t bufs[4][4096];
    static body_run runs[4];
    if (size < 1) {
        return 0;
    }
    uint8_t ctl = data[0];
    size_t cap = fuzz_cap(ctl);
    size_t keep = (ctl & 8) ? 5 : 0;
    uint8_t delivery = (uint8_t)(ctl >> 4);
    const uint8_t *s = data + 1;
    size_t n = size - 1;
    int whole = run(&runs[0], bufs[0], cap, false, 0, s, n, 0);
    int whole_p = run(&runs[1], bufs[1], cap, false, 0, s, n, delivery);
    int stream = run(&runs[2], bufs[2], cap, true, keep, s, n, 0);
    int stream_p = run(&runs[3], bufs[3], cap, true, keep, s, n, delivery);

    FUZZ_CHECK(fuzz_status_ok(whole) && whole != TV_ERR_WOULD_BLOCK, "status %d", whole);
    FUZZ_CHECK(fuzz_status_ok(stream) && stream != TV_ERR_WOULD_BLOCK, "status %d", stream);
    same(&runs[0], whole, &runs[1], whole_p, "read_body");
    same(&runs[2], stream, &runs[3], stream_p, "body_more");
    if (whole == TV_OK) {
        FUZZ_CHECK(stream == TV_OK, "whole body read, streaming failed: %s", tv_err_name(stream));
        FUZZ_CHECK(runs[0].len == runs[2].len && runs[0].digest == runs[2].digest,
                   "streamed body differs from the whole body");
    } else if (whole != TV_ERR_HTTP_BODY_TOO_LARGE) {
        FUZZ_CHECK(stream == whole, "whole body %s, streamed %s", tv_err_name(whole),
                   tv_err_name(stream));
    }
    return 0;
}
