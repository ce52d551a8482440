/**
 * @file tv_transport.h
 * @brief The byte stream the HTTP layer reads and writes.
 *
 * HTTP knows nothing of TLS or sockets: it talks to a tv_transport, a pair of
 * function pointers over an opaque context (as coreHTTP does). The TLS layer
 * provides one over an mbedTLS session; tests provide a scripted in-memory
 * one that delivers bytes one at a time, returns would-block at any offset and
 * resets at any offset.
 *
 * Both functions follow the port's conventions (tv_port.h): `deadline` is an
 * absolute tv_port_now_ms() time or TV_PORT_NO_WAIT; they return a byte count
 * (> 0) or a negative tv_err, never 0:
 *  - TV_ERR_WOULD_BLOCK: no progress possible now (non-blocking use, or a
 *    TLS record still incomplete); call again.
 *  - TV_ERR_TIMEOUT: the deadline passed.
 *  - TV_ERR_PEER_CLOSED: orderly end of stream (recv only).
 *  - any other negative value: the stream is broken; close it.
 */
#ifndef TV_TRANSPORT_H
#define TV_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A byte stream. Both pointers must be set; ctx is passed back unchanged. */
typedef struct tv_transport {
    /** The implementation's state (a TLS connection, a test script, ...). */
    void *ctx;
    /** Send up to len bytes from buf; see the file comment for results. */
    int32_t (*send)(void *ctx, const uint8_t *buf, size_t len, uint64_t deadline);
    /** Receive up to len bytes into buf; see the file comment for results. */
    int32_t (*recv)(void *ctx, uint8_t *buf, size_t len, uint64_t deadline);
} tv_transport;

#ifdef __cplusplus
}
#endif

#endif /* TV_TRANSPORT_H */
