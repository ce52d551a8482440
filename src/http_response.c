/* Reading a response: the receive loop, body delivery and compaction. */
#include <string.h>

#include "tv_http_priv.h"

/*
 * Buffer layout while reading (offsets into r->buf):
 *
 *   [0, body)        consumed: head bytes, released body bytes
 *   [body, dec)      decoded body bytes the caller has not consumed
 *   [dec, scan)      raw bytes already decoded away (chunk framing)
 *   [scan, len)      raw bytes not yet parsed (after the end: extra bytes)
 *   [len, cap)       free
 *
 * While a body is incomplete every received byte is parsed at once, so
 * [scan, len) is empty and the framing gap is reclaimed after each receive
 * (len = scan = dec): free space is always at the end, in one piece.
 */

/* What a read call waits for. */
enum { GOAL_HEAD, GOAL_BODY, GOAL_MORE };

static int resp_fail(tv_http_resp *r, int err)
{
    /* Waiting is not failing: the caller may come back and resume. */
    if (err != TV_ERR_WOULD_BLOCK && err != TV_ERR_TIMEOUT) {
        r->err = err;
    }
    return err;
}

static bool in_body(const tv_http_resp *r)
{
    return r->phase == TV_HTTP_PH_LENGTH || r->phase == TV_HTTP_PH_CHUNKED;
}

void tv_http_resp_init(tv_http_resp *r, uint8_t *buf, size_t cap, tv_http_method method)
{
    if (r == NULL) {
        return;
    }
    memset(r, 0, sizeof *r);
    r->buf = buf;
    r->cap = cap;
    r->content_length = -1;
    r->retry_after_s = -1;
    r->head_request = method == TV_HTTP_HEAD;
    r->phase = TV_HTTP_PH_HEAD;
    if (buf == NULL || cap == 0) {
        r->err = TV_ERR_INVALID_ARG;
    }
}

/*
 * Moves the unconsumed body to the buffer's start and the unparsed bytes
 * after it, leaving `gap` free bytes between them. False (nothing moved) when
 * that does not fit.
 */
static bool compact(tv_http_resp *r, size_t gap)
{
    size_t avail = r->dec - r->body;
    size_t extra = r->len - r->scan;
    if (avail + gap + extra > r->cap) {
        return false;
    }
    memmove(r->buf, r->buf + r->body, avail);
    memmove(r->buf + avail + gap, r->buf + r->scan, extra);
    r->body = 0;
    r->dec = avail;
    r->scan = avail + gap;
    r->len = r->scan + extra;
    return true;
}

/* Parses everything received so far, as far as the phase allows. */
static int parse(tv_http_resp *r)
{
    int rc = TV_OK;
    if (r->phase == TV_HTTP_PH_HEAD) {
        rc = tv_http_head_parse(r);
    }
    if (rc == TV_OK && r->phase == TV_HTTP_PH_LENGTH) {
        size_t have = r->len - r->scan;
        size_t k = (uint64_t)have < r->remaining ? have : (size_t)r->remaining;
        r->scan += k;
        r->dec = r->scan;
        r->remaining -= k;
        if (r->remaining == 0) {
            r->phase = TV_HTTP_PH_DONE;
        }
    }
    if (rc == TV_OK && r->phase == TV_HTTP_PH_CHUNKED) {
        rc = tv_http_chunked_decode(r);
    }
    if (rc == TV_OK && in_body(r)) {
        r->len = r->scan = r->dec; /* drop decoded framing */
    }
    return rc;
}

/* 1: reached; 0: keep reading; < 0: an error that reading cannot fix. */
static int goal_check(const tv_http_resp *r, int goal, size_t avail_before)
{
    if (r->phase == TV_HTTP_PH_HEAD) {
        return 0;
    }
    if (goal == GOAL_HEAD || r->phase == TV_HTTP_PH_DONE) {
        return 1;
    }
    if (r->phase == TV_HTTP_PH_UNFRAMED) {
        return TV_ERR_HTTP_BAD_RESPONSE;
    }
    if (goal == GOAL_BODY) {
        bool too_long = r->phase == TV_HTTP_PH_LENGTH && (uint64_t)r->content_length > r->cap;
        return too_long ? TV_ERR_HTTP_BODY_TOO_LARGE : 0;
    }
    return r->dec - r->body > avail_before ? 1 : 0;
}

/* Frees space at the end of a full buffer, or says why it cannot. */
static int make_room(tv_http_resp *r)
{
    if (r->phase == TV_HTTP_PH_HEAD) {
        return TV_ERR_HTTP_HEAD_TOO_LARGE;
    }
    /* In a body phase the buffer is [consumed | window]; only consumed
     * bytes can be given back. */
    if (r->body == 0 || !compact(r, 0)) {
        return TV_ERR_HTTP_BODY_TOO_LARGE;
    }
    return TV_OK;
}

static int recv_failed(tv_http_resp *r, int32_t err)
{
    if (err == TV_ERR_PEER_CLOSED) {
        /* Nothing at all: the connection was stale (a kept-alive one the
         * server had closed). Anything at all: the response is cut short. */
        return resp_fail(r, r->received == 0 ? TV_ERR_PEER_CLOSED : TV_ERR_HTTP_TRUNCATED);
    }
    return resp_fail(r, err);
}

/*
 * Receives and parses until the goal is reached. Each pass receives at least
 * one byte. Bytes that complete nothing (neither a head line nor a body byte)
 * are bounded: a head line fits the buffer, and chunk framing between two
 * data bytes is at most TV_HTTP_FRAMING_BOUND. So `idle` bounds the loop;
 * reaching the bound means the transport broke its contract.
 */
static int pump(tv_http_resp *r, const tv_transport *t, uint64_t deadline, int goal)
{
    if (r == NULL) {
        return TV_ERR_INVALID_ARG;
    }
    if (r->err != TV_OK) {
        return r->err;
    }
    if (t == NULL || t->recv == NULL) {
        return TV_ERR_INVALID_ARG;
    }
    size_t avail_before = r->dec - r->body;
    for (size_t idle = 0; idle <= r->cap + TV_HTTP_FRAMING_BOUND; idle++) {
        int rc = goal_check(r, goal, avail_before);
        if (rc != 0) {
            return rc > 0 ? TV_OK : resp_fail(r, rc);
        }
        if (r->len == r->cap && (rc = make_room(r)) != TV_OK) {
            return resp_fail(r, rc);
        }
        size_t room = r->cap - r->len;
        int32_t n = t->recv(t->ctx, r->buf + r->len, room, deadline);
        if (n < 0) {
            return recv_failed(r, n);
        }
        if (n == 0 || (size_t)n > room) {
            return resp_fail(r, TV_ERR_IO);
        }
        r->len += (size_t)n;
        r->received += (uint64_t)n;
        size_t dec = r->dec, line = r->line;
        uint8_t phase = r->phase;
        if ((rc = parse(r)) != TV_OK) {
            return resp_fail(r, rc);
        }
        if (r->dec != dec || r->line != line || r->phase != phase) {
            idle = 0;
        }
    }
    return resp_fail(r, TV_ERR_INTERNAL);
}

int tv_http_resp_read_head(tv_http_resp *r, const tv_transport *t, uint64_t deadline)
{
    return pump(r, t, deadline, GOAL_HEAD);
}

int tv_http_resp_read_body(tv_http_resp *r, const tv_transport *t, uint64_t deadline)
{
    int rc = pump(r, t, deadline, GOAL_BODY);
    if (rc != TV_OK) {
        return rc;
    }
    /* NUL after the body, for the JSON layer's convenience; it needs one
     * byte that holds neither body nor bytes received after the response. */
    if (r->dec == r->len && r->len < r->cap) {
        r->nul = 1;
    } else if (r->dec < r->scan || compact(r, 1)) {
        r->nul = 1;
    }
    if (r->nul) {
        r->buf[r->dec] = 0;
    }
    return TV_OK;
}

int tv_http_resp_body_more(tv_http_resp *r, const tv_transport *t, uint64_t deadline)
{
    return pump(r, t, deadline, GOAL_MORE);
}

uint8_t *tv_http_resp_body(tv_http_resp *r, size_t *len)
{
    if (len != NULL) {
        *len = r != NULL ? r->dec - r->body : 0;
    }
    return r != NULL && r->buf != NULL ? r->buf + r->body : NULL;
}

int tv_http_resp_consume(tv_http_resp *r, size_t n)
{
    if (r == NULL || n > r->dec - r->body) {
        return TV_ERR_INVALID_ARG;
    }
    r->body += n;
    if (r->body == r->dec && in_body(r)) {
        /* Window empty mid-body (so len == dec): start over at the front
         * for free instead of compacting later. */
        r->body = r->dec = r->scan = r->len = 0;
    }
    return TV_OK;
}

bool tv_http_resp_complete(const tv_http_resp *r)
{
    return r != NULL && r->err == TV_OK && r->phase == TV_HTTP_PH_DONE;
}

bool tv_http_resp_body_nul(const tv_http_resp *r)
{
    return tv_http_resp_complete(r) && r->nul;
}

bool tv_http_resp_reusable(const tv_http_resp *r)
{
    return tv_http_resp_complete(r) && r->keep_alive && r->status != 101 && r->scan == r->len;
}

const uint8_t *tv_http_resp_extra(const tv_http_resp *r, size_t *len)
{
    bool done = tv_http_resp_complete(r);
    if (len != NULL) {
        *len = done ? r->len - r->scan : 0;
    }
    return done ? r->buf + r->scan : NULL;
}
