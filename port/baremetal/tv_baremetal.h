/**
 * @file tv_baremetal.h
 * @brief The integration points of the bare-metal / RTOS port.
 *
 * port/baremetal/tv_port_baremetal.c implements every tv_port.h hook for a
 * target without an operating system (or with an RTOS the library need not
 * know about). It needs only the functions below, which the integrator
 * writes for the board: a millisecond counter, a wall clock, a hardware
 * random generator, and a TCP driver (lwIP's socket or netconn API, a
 * cellular or Wi-Fi modem's AT socket commands, an offloaded TCP stack).
 * Each is called from the thread that uses the client; none needs to be
 * reentrant for the same socket.
 *
 * The port turns the library's absolute deadlines into the relative
 * timeouts these functions take, so a driver never sees a clock. A timeout
 * of 0 means "do not wait": return at once, with TV_ERR_WOULD_BLOCK if
 * nothing could be done. A timeout > 0 means "wait at most this long" and
 * TV_ERR_TIMEOUT when it ran out. Byte counts are > 0; failures are the
 * tv_err codes listed per function (tv_error.h). Nothing here allocates,
 * and the port keeps no state of its own.
 *
 * Besides these, the C library needs what any newlib target provides: an
 * `_exit` (mbedTLS's arena allocator calls exit() if it ever finds the arena
 * corrupted). Nothing else: no `_sbrk` (nothing allocates), no `_write`
 * (nothing prints).
 *
 * tests/firmware/board_mps2.c is a complete example for QEMU's mps2-an386
 * (Cortex-M4).
 */
#ifndef TV_BAREMETAL_H
#define TV_BAREMETAL_H

#include <stddef.h>
#include <stdint.h>

#include "tradovate/tv_error.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief INTEGRATION POINT: milliseconds since boot, 64-bit.
 *
 * Typically a SysTick (or RTOS tick) interrupt that increments a 64-bit
 * counter; a 32-bit millisecond counter wraps after 49 days, so extend it.
 * Must be monotonic. Any starting value is fine.
 */
uint64_t tv_bm_millis(void);

/**
 * @brief INTEGRATION POINT: the wall clock, in seconds since
 *        1970-01-01T00:00:00Z.
 *
 * From an RTC set by SNTP, GNSS or the cellular network. Return -1 while the
 * time is not known: certificates cannot be checked for expiry then, and
 * the TLS layer refuses to connect (TV_ERR_TLS_CERT_NOT_YET_VALID) rather
 * than accept an expired certificate.
 */
int64_t tv_bm_wall_clock(void);

/**
 * @brief INTEGRATION POINT: len bytes from the hardware random generator.
 *
 * TLS keys and client order ids come from here, directly: the output must
 * be uniformly random and unpredictable. A raw TRNG (ring oscillators, as on
 * STM32, nRF, i.MX RT) should go through the vendor's conditioning or a
 * DRBG seeded from it. Never a counter, a clock or a fixed seed.
 *
 * @return TV_OK or TV_ERR_ENTROPY (the generator reports a fault).
 */
int tv_bm_rng(uint8_t *buf, size_t len);

/**
 * @brief INTEGRATION POINT: open a TCP connection.
 *
 * Resolves host (a name or a numeric address) and connects, with
 * TCP_NODELAY if the stack has it (requests are written whole).
 *
 * @param handle     out: the driver's handle for the connection (a socket
 *                   number, a modem link id, a pointer); any value but -1.
 * @param host       NUL-terminated; only read during the call.
 * @param port       TCP port.
 * @param timeout_ms how long it may take, > 0.
 * @return TV_OK, TV_ERR_DNS, TV_ERR_CONNECT, TV_ERR_TIMEOUT or TV_ERR_IO.
 */
int tv_bm_tcp_open(intptr_t *handle, const char *host, uint16_t port, uint32_t timeout_ms);

/**
 * @brief INTEGRATION POINT: write up to len bytes.
 * @return bytes accepted (> 0), TV_ERR_WOULD_BLOCK (timeout_ms 0 and the
 *         send buffer is full), TV_ERR_TIMEOUT, TV_ERR_PEER_CLOSED,
 *         TV_ERR_CONNECTION_RESET or TV_ERR_IO.
 */
int32_t tv_bm_tcp_write(intptr_t handle, const uint8_t *buf, size_t len, uint32_t timeout_ms);

/**
 * @brief INTEGRATION POINT: read up to len bytes.
 * @return bytes read (> 0), TV_ERR_WOULD_BLOCK (timeout_ms 0 and nothing
 *         buffered), TV_ERR_TIMEOUT, TV_ERR_PEER_CLOSED (orderly end of
 *         stream), TV_ERR_CONNECTION_RESET or TV_ERR_IO.
 */
int32_t tv_bm_tcp_read(intptr_t handle, uint8_t *buf, size_t len, uint32_t timeout_ms);

/** @brief INTEGRATION POINT: close the connection and release the handle. */
void tv_bm_tcp_close(intptr_t handle);

#ifdef __cplusplus
}
#endif

#endif /* TV_BAREMETAL_H */
