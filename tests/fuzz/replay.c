/* The scripted server behind a client; the rules are in replay.h. */
#include "replay.h"

#include <string.h>

#include "tradovate/tv_port.h"

enum { PHASE_IDLE, PHASE_REQUEST, PHASE_RESPONSE };

void tv_chop_init(tv_chop *c, const void *resp, size_t len)
{
    memset(c, 0, sizeof *c);
    tv_script_init(&c->s, resp, len);
}

int32_t tv_chop_recv(tv_chop *c, uint8_t *buf, size_t len, uint64_t deadline)
{
    if (c->n > 0) {
        size_t limit = c->sizes[c->i++ % c->n];
        if (limit != 0 && limit < len) {
            len = limit;
        }
    }
    tv_transport t = tv_script_transport(&c->s);
    return t.recv(t.ctx, buf, len, deadline);
}

static int32_t chop_recv(void *ctx, uint8_t *buf, size_t len, uint64_t deadline)
{
    return tv_chop_recv(ctx, buf, len, deadline);
}

static int32_t chop_send(void *ctx, const uint8_t *buf, size_t len, uint64_t deadline)
{
    (void)ctx;
    (void)buf;
    (void)len;
    (void)deadline;
    return TV_ERR_IO;
}

tv_transport tv_chop_transport(tv_chop *c)
{
    tv_transport t = {c, chop_send, chop_recv};
    return t;
}

/* ---- the server -------------------------------------------------------- */

static int replay_connect(void *ctx, const char *host, uint16_t port, uint64_t deadline)
{
    tv_replay *r = ctx;
    (void)host;
    (void)port;
    (void)deadline;
    r->connected = true;
    r->phase = PHASE_IDLE;
    r->connects++;
    return TV_OK;
}

static void replay_close(void *ctx)
{
    tv_replay *r = ctx;
    r->connected = false;
}

static int32_t replay_send(void *ctx, const uint8_t *buf, size_t len, uint64_t deadline)
{
    tv_replay *r = ctx;
    (void)buf;
    (void)deadline;
    if (!r->connected) {
        r->misuse++;
        return TV_ERR_IO;
    }
    if (r->phase != PHASE_REQUEST) {
        /* A new request: its answer is the next queued response. */
        if (r->next < r->queued) {
            r->current = &r->queue[r->next++];
        } else {
            r->again = r->fallback;
            r->current = &r->again;
        }
        r->phase = PHASE_REQUEST;
        r->exchanges++;
    }
    return len > INT32_MAX ? INT32_MAX : (int32_t)len;
}

/* Nothing to read on an open connection: would-block, or at a real deadline
 * the wait ends in the deadline at once. */
static int32_t replay_silence(uint64_t deadline)
{
    return deadline == TV_PORT_NO_WAIT ? TV_ERR_WOULD_BLOCK : TV_ERR_TIMEOUT;
}

static int32_t replay_recv(void *ctx, uint8_t *buf, size_t len, uint64_t deadline)
{
    tv_replay *r = ctx;
    if (!r->connected) {
        r->misuse++;
        return TV_ERR_IO;
    }
    if (r->phase == PHASE_IDLE) {
        return replay_silence(deadline);
    }
    r->phase = PHASE_RESPONSE;
    const tv_script *s = &r->current->s;
    if (s->pos >= s->end_at && s->end_err == TV_ERR_WOULD_BLOCK) {
        return replay_silence(deadline); /* the response is over; the server waits */
    }
    return tv_chop_recv(r->current, buf, len, deadline);
}

void tv_replay_init(tv_replay *r, const void *fb, size_t fb_len)
{
    memset(r, 0, sizeof *r);
    tv_chop_init(&r->fallback, fb, fb_len);
    r->fallback.s.end_err = TV_ERR_WOULD_BLOCK;
    r->io.connect = replay_connect;
    r->io.close = replay_close;
    r->io.transport.ctx = r;
    r->io.transport.send = replay_send;
    r->io.transport.recv = replay_recv;
}

tv_chop *tv_replay_push(tv_replay *r, const void *resp, size_t len)
{
    if (r->queued >= TV_REPLAY_MAX) {
        return NULL;
    }
    tv_chop *c = &r->queue[r->queued++];
    tv_chop_init(c, resp, len);
    return c;
}

void tv_replay_clear(tv_replay *r)
{
    if (r->current != NULL && r->current != &r->again) {
        r->again = *r->current; /* the slot is reused; the connection still sees its state */
        r->current = &r->again;
    }
    r->queued = 0;
    r->next = 0;
}
