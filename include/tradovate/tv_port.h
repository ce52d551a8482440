/**
 * @file tv_port.h
 * @brief The platform port: the only place libtradovate touches the OS.
 *
 * A target provides these functions, each once, at link time (the way
 * mbedTLS's platform hooks work): a monotonic clock, a wall clock for
 * certificate validity, TCP with deadlines, and an entropy source. The
 * library ships `port/posix/` (Linux, macOS, BSDs) and `port/baremetal/`
 * (a template whose hooks an integrator fills with lwIP, an RTOS or a modem
 * driver). See README.md, "Porting".
 *
 * Deadlines are absolute times on the tv_port_now_ms() clock. The special
 * deadline TV_PORT_NO_WAIT (0) means "do not wait at all": an operation that
 * cannot make progress at once returns TV_ERR_WOULD_BLOCK. Any other deadline
 * makes the call wait until it can make progress or until the deadline, after
 * which it returns TV_ERR_TIMEOUT. No hook blocks past its deadline.
 *
 * All hooks are called from the thread that uses the client; the library
 * never calls them concurrently for the same socket.
 */
#ifndef TV_PORT_H
#define TV_PORT_H

#include <stddef.h>
#include <stdint.h>

#include "tradovate/tv_error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Deadline meaning "poll once, never wait". */
#define TV_PORT_NO_WAIT 0u

/**
 * A connected TCP socket as the port sees it. `handle` is the port's own
 * (a file descriptor on POSIX, an index or pointer on other targets);
 * TV_PORT_SOCKET_INVALID when not connected.
 */
typedef struct tv_socket {
    intptr_t handle;
} tv_socket;

/** The handle of a socket that is not connected. */
#define TV_PORT_SOCKET_INVALID ((intptr_t)-1)

/**
 * @brief Milliseconds on a monotonic clock (never goes back, any epoch).
 *
 * Used for deadlines and for token expiry. Must never return 0 (that value
 * is TV_PORT_NO_WAIT): start counting at 1 or more.
 */
uint64_t tv_port_now_ms(void);

/**
 * @brief Seconds since 1970-01-01T00:00:00Z, for certificate validity checks.
 * @return the time, or a negative value when the target has no wall clock yet
 *         (then certificates cannot be checked for expiry and the TLS layer
 *         refuses to connect with TV_ERR_TLS_CERT_NOT_YET_VALID).
 */
int64_t tv_port_unix_time_s(void);

/**
 * @brief Open a TCP connection to host:port, waiting at most until the deadline.
 *
 * @param sock     out: the connected socket. Its handle is set to
 *                 TV_PORT_SOCKET_INVALID on failure.
 * @param host     NUL-terminated host name or numeric address; owned by the
 *                 caller, only read during the call.
 * @param port     TCP port.
 * @param deadline absolute tv_port_now_ms() time; TV_PORT_NO_WAIT is not
 *                 allowed here.
 * @return TV_OK, TV_ERR_DNS, TV_ERR_CONNECT, TV_ERR_TIMEOUT or TV_ERR_IO.
 *
 * Implementations set TCP_NODELAY (requests are written whole) and make sure
 * a write to a closed peer returns an error instead of raising SIGPIPE,
 * without changing process-wide signal handling.
 */
int tv_port_tcp_connect(tv_socket *sock, const char *host, uint16_t port, uint64_t deadline);

/**
 * @brief Send up to len bytes.
 * @return bytes sent (> 0), TV_ERR_WOULD_BLOCK (deadline TV_PORT_NO_WAIT and
 *         the socket is full), TV_ERR_TIMEOUT, TV_ERR_CONNECTION_RESET,
 *         TV_ERR_PEER_CLOSED or TV_ERR_IO. Never 0.
 */
int32_t tv_port_tcp_send(tv_socket *sock, const uint8_t *buf, size_t len, uint64_t deadline);

/**
 * @brief Receive up to len bytes.
 * @return bytes received (> 0), TV_ERR_PEER_CLOSED (orderly shutdown by the
 *         peer), TV_ERR_WOULD_BLOCK (deadline TV_PORT_NO_WAIT and nothing to
 *         read), TV_ERR_TIMEOUT, TV_ERR_CONNECTION_RESET or TV_ERR_IO. Never 0.
 */
int32_t tv_port_tcp_recv(tv_socket *sock, uint8_t *buf, size_t len, uint64_t deadline);

/**
 * @brief Close the socket (if open) and mark it TV_PORT_SOCKET_INVALID.
 * Safe to call on a closed socket.
 */
void tv_port_tcp_close(tv_socket *sock);

/**
 * @brief Fill buf with len bytes from a cryptographically secure source.
 * @return TV_OK or TV_ERR_ENTROPY.
 *
 * Seeds the TLS random generator and makes client order ids unique. On a
 * target without a hardware RNG this must still be unpredictable: do not
 * return a counter or a clock.
 */
int tv_port_entropy(uint8_t *buf, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* TV_PORT_H */
