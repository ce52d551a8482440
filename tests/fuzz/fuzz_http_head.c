/*
 * The HTTP response head parser, fed the fuzzer's bytes as the server's
 * stream.
 *
 * Input: one control byte, then the stream. Control: bits 0-2 the buffer
 * size (fuzz_cap), bit 3 the request was HEAD, bits 4-7 the delivery
 * (fuzz_delivery: recv size cycle, would-block before every recv).
 *
 * Checks: the status is one the parser documents; a parsed head has sane
 * values; and the outcome is the same as when the stream arrives whole
 * (bytes may arrive in any pieces: a resumable parser's result depends on
 * the bytes only). One documented exception: body bytes that arrive with
 * the head are decoded at once, so a body error may end the head read when
 * they come together, and not when the head comes alone.
 */
#include <string.h>

#include "harness.h"
#include "tradovate/tv_http.h"

typedef struct head_run {
    tv_http_resp r;
    tv_chop chop;
    tv_transport t;
} head_run;

static int head_step(void *ctx)
{
    head_run *h = ctx;
    return tv_http_resp_read_head(&h->r, &h->t, 1);
}

static int run(head_run *h, uint8_t *buf, size_t cap, tv_http_method m, const uint8_t *data,
               size_t size, uint8_t delivery)
{
    tv_chop_init(&h->chop, data, size);
    fuzz_delivery(&h->chop, delivery);
    h->t = tv_chop_transport(&h->chop);
    tv_http_resp_init(&h->r, buf, cap, m);
    return fuzz_resume(head_step, h, 2 * size + 16);
}

/* The errors of body bytes (tv_http_resp_read_body()). */
static bool body_error(int rc)
{
    return rc == TV_ERR_HTTP_BAD_CHUNK || rc == TV_ERR_HTTP_CHUNK_META_TOO_LARGE ||
           rc == TV_ERR_HTTP_BODY_TOO_LARGE;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static uint8_t buf_a[4096], buf_b[4096];
    static head_run a, b;
    if (size < 1) {
        return 0;
    }
    uint8_t ctl = data[0];
    size_t cap = fuzz_cap(ctl);
    tv_http_method m = (ctl & 8) ? TV_HTTP_HEAD : TV_HTTP_GET;
    int ra = run(&a, buf_a, cap, m, data + 1, size - 1, 0);
    int rb = run(&b, buf_b, cap, m, data + 1, size - 1, (uint8_t)(ctl >> 4));

    FUZZ_CHECK(fuzz_status_ok(ra) && ra != TV_ERR_WOULD_BLOCK, "whole: status %d", ra);
    FUZZ_CHECK(ra == rb || (rb == TV_OK && body_error(ra)) || (ra == TV_OK && body_error(rb)),
               "whole %s, in pieces %s", tv_err_name(ra), tv_err_name(rb));
    if (ra == TV_OK && rb == TV_OK) {
        const tv_http_resp *x = &a.r, *y = &b.r;
        FUZZ_CHECK(x->status >= 100 && x->status <= 599, "status %d", x->status);
        FUZZ_CHECK(x->version_minor == 0 || x->version_minor == 1, "version");
        FUZZ_CHECK(x->content_length >= -1 && x->retry_after_s >= -1, "lengths");
        FUZZ_CHECK(x->status == y->status && x->version_minor == y->version_minor &&
                       x->content_length == y->content_length &&
                       x->retry_after_s == y->retry_after_s && x->chunked == y->chunked &&
                       x->keep_alive == y->keep_alive && x->json == y->json,
                   "the head's values depend on the delivery");
        FUZZ_CHECK(x->received <= size - 1, "received more than was sent");
    }
    return 0;
}
