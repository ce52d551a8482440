/* The scripted in-memory transport; the rules are in scripted_transport.h. */
#include "scripted_transport.h"

#include <string.h>

#include "tradovate/tv_error.h"

void tv_script_init(tv_script *s, const void *resp, size_t len)
{
    memset(s, 0, sizeof *s);
    s->resp = resp;
    s->resp_len = len;
    s->block_at = TV_SCRIPT_NEVER;
    s->end_at = len;
    s->end_err = TV_ERR_PEER_CLOSED;
    s->send_fail_at = TV_SCRIPT_NEVER;
    s->send_err = TV_ERR_CONNECTION_RESET;
}

void tv_script_end_at(tv_script *s, size_t k, int32_t err)
{
    s->end_at = k < s->resp_len ? k : s->resp_len;
    s->end_err = err;
}

void tv_script_record(tv_script *s, uint8_t *buf, size_t cap)
{
    s->sent = buf;
    s->sent_cap = cap;
}

static size_t min_size(size_t a, size_t b)
{
    return a < b ? a : b;
}

/* The alternating would-block of block_every / send_block_every: true for
 * the call that must block; the next one delivers. */
static bool must_block(bool every, bool *blocked)
{
    if (!every || *blocked) {
        return false;
    }
    *blocked = true;
    return true;
}

/* n bounded by a per-call limit (0: none) and by what an int32_t can say;
 * a delivery re-arms the alternating would-block. */
static int32_t deliver(size_t n, size_t limit, bool *blocked)
{
    if (limit != 0) {
        n = min_size(n, limit);
    }
    *blocked = false;
    return (int32_t)min_size(n, INT32_MAX);
}

static int32_t script_recv(void *ctx, uint8_t *buf, size_t len, uint64_t deadline)
{
    tv_script *s = ctx;
    s->recv_calls++;
    s->last_deadline = deadline;
    if (must_block(s->block_every, &s->blocked)) {
        return TV_ERR_WOULD_BLOCK;
    }
    if (s->pos == s->block_at && !s->block_done) {
        s->block_done = true;
        return TV_ERR_WOULD_BLOCK;
    }
    if (s->pos >= s->end_at) {
        return s->end_err;
    }
    size_t n = min_size(len, s->end_at - s->pos);
    if (s->block_at > s->pos && !s->block_done) {
        n = min_size(n, s->block_at - s->pos);
    }
    int32_t got = deliver(n, s->max_recv, &s->blocked);
    memcpy(buf, s->resp + s->pos, (size_t)got);
    s->pos += (size_t)got;
    return got;
}

static int32_t script_send(void *ctx, const uint8_t *buf, size_t len, uint64_t deadline)
{
    tv_script *s = ctx;
    s->send_calls++;
    s->last_deadline = deadline;
    if (must_block(s->send_block_every, &s->send_blocked)) {
        return TV_ERR_WOULD_BLOCK;
    }
    if (s->sent_len >= s->send_fail_at) {
        return s->send_err;
    }
    int32_t got =
        deliver(min_size(len, s->send_fail_at - s->sent_len), s->max_send, &s->send_blocked);
    if (s->sent != NULL) {
        if ((size_t)got > s->sent_cap - s->sent_len) {
            return TV_ERR_IO;
        }
        memcpy(s->sent + s->sent_len, buf, (size_t)got);
    }
    s->sent_len += (size_t)got;
    return got;
}

tv_transport tv_script_transport(tv_script *s)
{
    tv_transport t = {s, script_send, script_recv};
    return t;
}
