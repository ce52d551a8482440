/*
 * A scripted in-memory tv_transport for tests, torture runs and fuzzers.
 *
 * The "server" is a byte string the test owns; recv hands it out under the
 * script's rules, send records what the client wrote into a buffer the test
 * owns. No allocation: everything lives in the tv_script and the test's
 * buffers.
 *
 *   tv_script s;
 *   tv_script_init(&s, response, response_len);  // whole bytes, then PEER_CLOSED
 *   s.max_recv = 1;                               // one byte per recv
 *   s.block_at = 17;                              // one WOULD_BLOCK before byte 17
 *   tv_script_end_at(&s, 40, TV_ERR_CONNECTION_RESET);  // reset instead of byte 40
 *   tv_transport t = tv_script_transport(&s);
 *
 * recv rules, in order:
 *  1. block_every: every other call returns TV_ERR_WOULD_BLOCK (the first one
 *     included), so the reader must resume before each delivery.
 *  2. block_at == pos: one TV_ERR_WOULD_BLOCK (deliveries stop short of
 *     block_at, so the offset is hit exactly whatever max_recv is).
 *  3. pos == end_at: end_err, on this and every later call. By default
 *     end_at is the script length and end_err TV_ERR_PEER_CLOSED: a reader
 *     that asks for more than the response holds sees the connection close.
 *  4. otherwise up to min(len, max_recv, bytes up to block_at/end_at).
 * send rules: send_block_every alternates TV_ERR_WOULD_BLOCK like recv;
 * once send_fail_at bytes have been accepted every send returns send_err;
 * otherwise up to max_send bytes are accepted and appended to the record
 * (TV_ERR_IO when the record buffer is full, so a test notices).
 * Deadlines are recorded (last_deadline) and otherwise ignored.
 */
#ifndef SCRIPTED_TRANSPORT_H
#define SCRIPTED_TRANSPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tradovate/tv_transport.h"

/** "No such offset" for block_at, send_fail_at. */
#define TV_SCRIPT_NEVER SIZE_MAX

typedef struct tv_script {
    /* ---- server side: what recv delivers ---- */
    const uint8_t *resp; /* the scripted response bytes (test-owned) */
    size_t resp_len;
    size_t pos;       /* bytes delivered so far */
    size_t max_recv;  /* most bytes per recv; 0: no limit */
    size_t block_at;  /* one WOULD_BLOCK when pos reaches it; TV_SCRIPT_NEVER: none */
    bool block_every; /* WOULD_BLOCK before every delivery */
    size_t end_at;    /* where the stream ends (default resp_len) */
    int32_t end_err;  /* what recv returns there (default TV_ERR_PEER_CLOSED) */
    /* ---- client side: what send records ---- */
    uint8_t *sent; /* record buffer (test-owned), may be NULL */
    size_t sent_cap;
    size_t sent_len; /* bytes accepted so far */
    size_t max_send; /* most bytes per send; 0: no limit */
    bool send_block_every;
    size_t send_fail_at; /* sends fail once this many bytes are accepted */
    int32_t send_err;    /* what they return (default TV_ERR_CONNECTION_RESET) */
    /* ---- observations ---- */
    unsigned recv_calls;
    unsigned send_calls;
    uint64_t last_deadline;
    /* ---- private ---- */
    bool blocked;    /* the previous recv returned WOULD_BLOCK for block_every */
    bool block_done; /* block_at has fired */
    bool send_blocked;
} tv_script;

/** Serve len bytes of resp (owned by the caller, kept until the test ends). */
void tv_script_init(tv_script *s, const void *resp, size_t len);

/** End the stream at offset k (<= resp_len) with err instead of delivering byte k. */
void tv_script_end_at(tv_script *s, size_t k, int32_t err);

/** Record sent bytes into buf[cap]. */
void tv_script_record(tv_script *s, uint8_t *buf, size_t cap);

/** The transport; its ctx is s. */
tv_transport tv_script_transport(tv_script *s);

#endif /* SCRIPTED_TRANSPORT_H */
