/*
 * A scripted server behind a whole client (tv_client_io), for the torture
 * test and the client fuzzer.
 *
 * The server answers each request with the next queued response; once the
 * queue is used up, every further request gets the fallback response. Each
 * response is served by its own tv_script (scripted_transport.h), so its
 * delivery rules apply per response: bytes one at a time, would-block at an
 * offset or before every byte, a reset or close at an offset. On top, a
 * "chop" cycle limits each recv to the next of a few sizes, so delivery
 * sizes can come from fuzzer bytes.
 *
 * What the server does besides, as a real one would:
 *  - it says nothing before a request: a recv before the first request on
 *    a connection gets TV_ERR_WOULD_BLOCK with TV_PORT_NO_WAIT (the client's
 *    idle-connection probe) and TV_ERR_TIMEOUT with a real deadline;
 *  - a response whose script ends "open" (end_err TV_ERR_WOULD_BLOCK) keeps
 *    the connection open after its last byte: reading on finds nothing, as
 *    before a request. A script ending in TV_ERR_PEER_CLOSED (the default)
 *    is a server that closes after the response: the next request's probe
 *    sees the close;
 *  - a request on a closed connection is a client bug and is counted in
 *    `misuse` (and answered with TV_ERR_IO).
 */
#ifndef TV_REPLAY_H
#define TV_REPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "scripted_transport.h"
#include "tradovate/tv_client.h"

/** Most queued responses. */
#define TV_REPLAY_MAX 4

/** A script whose recv sizes cycle through sizes[0..n) (0: no limit). */
typedef struct tv_chop {
    tv_script s;
    const uint8_t *sizes;
    size_t n;
    size_t i;
} tv_chop;

/** Serve len bytes of resp (whole, closing after the last byte). */
void tv_chop_init(tv_chop *c, const void *resp, size_t len);

/** Receive through c's rules (the tv_transport recv convention). */
int32_t tv_chop_recv(tv_chop *c, uint8_t *buf, size_t len, uint64_t deadline);

/** A transport over c (send is refused with TV_ERR_IO). */
tv_transport tv_chop_transport(tv_chop *c);

typedef struct tv_replay {
    tv_chop queue[TV_REPLAY_MAX]; /* responses to the next requests, in order;
                                     served in place (their pos tells how far) */
    size_t queued;
    tv_chop fallback;   /* template for every later response */
    tv_chop again;      /* the fallback's copy being served */
    tv_chop *current;   /* the response being served */
    size_t next;        /* next queued response to serve */
    bool connected;     /* the client's connection is open */
    uint8_t phase;      /* idle (nothing asked yet), request, response */
    unsigned connects;  /* connections opened */
    unsigned exchanges; /* requests answered (started) */
    unsigned misuse;    /* sends/recvs on a closed connection */
    tv_client_io io;
} tv_replay;

/** Empty queue; the fallback serves fb (fb_len bytes), keeping the connection open. */
void tv_replay_init(tv_replay *r, const void *fb, size_t fb_len);

/** Queue one response; returns its script (rules may be set on it) or NULL when full. */
tv_chop *tv_replay_push(tv_replay *r, const void *resp, size_t len);

/** Drop what is queued (the fallback stays); the connection state stays. */
void tv_replay_clear(tv_replay *r);

#endif /* TV_REPLAY_H */
