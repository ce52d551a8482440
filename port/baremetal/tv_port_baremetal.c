/*
 * The bare-metal / RTOS port: every tv_port.h hook in terms of the board's
 * integration points (tv_baremetal.h). What it adds is the part every board
 * would otherwise get subtly wrong: absolute deadlines turned into the
 * relative timeouts drivers take, a monotonic clock that never reads 0
 * (TV_PORT_NO_WAIT), and drivers that break the "never 0 bytes" rule or
 * return early held to the deadline.
 */
#include "tv_baremetal.h"

#include "tradovate/tv_port.h"

uint64_t tv_port_now_ms(void)
{
    return tv_bm_millis() + 1u; /* 0 means TV_PORT_NO_WAIT, never a reading */
}

int64_t tv_port_unix_time_s(void)
{
    int64_t t = tv_bm_wall_clock();
    return t < 0 ? -1 : t;
}

int tv_port_entropy(uint8_t *buf, size_t len)
{
    if (len == 0) {
        return TV_OK;
    }
    if (buf == NULL) {
        return TV_ERR_INVALID_ARG;
    }
    return tv_bm_rng(buf, len) == TV_OK ? TV_OK : TV_ERR_ENTROPY;
}

/* The driver timeout for an absolute deadline: 0 for TV_PORT_NO_WAIT, the
 * milliseconds left otherwise, or TV_ERR_TIMEOUT once it has passed. */
static int64_t tv_bm_timeout(uint64_t deadline)
{
    if (deadline == TV_PORT_NO_WAIT) {
        return 0;
    }
    uint64_t now = tv_port_now_ms();
    if (now >= deadline) {
        return TV_ERR_TIMEOUT;
    }
    uint64_t left = deadline - now;
    return left > UINT32_MAX ? (int64_t)UINT32_MAX : (int64_t)left;
}

int tv_port_tcp_connect(tv_socket *sock, const char *host, uint16_t port, uint64_t deadline)
{
    if (sock == NULL) {
        return TV_ERR_INVALID_ARG;
    }
    sock->handle = TV_PORT_SOCKET_INVALID;
    if (host == NULL || host[0] == '\0' || port == 0 || deadline == TV_PORT_NO_WAIT) {
        return TV_ERR_INVALID_ARG;
    }
    int64_t timeout = tv_bm_timeout(deadline);
    if (timeout < 0) {
        return (int)timeout;
    }
    intptr_t handle = TV_PORT_SOCKET_INVALID;
    int rc = tv_bm_tcp_open(&handle, host, port, (uint32_t)timeout);
    if (rc == TV_OK && handle == TV_PORT_SOCKET_INVALID) {
        rc = TV_ERR_IO;
    }
    if (rc == TV_OK) {
        sock->handle = handle;
    }
    return rc;
}

/* One read or write (wbuf set) held to the port's contract. The driver is
 * asked to wait for the time left; one that returns would-block early is
 * asked again until the deadline, which bounds the loop. */
static int32_t tv_bm_transfer(tv_socket *sock, uint8_t *rbuf, const uint8_t *wbuf, size_t len,
                              uint64_t deadline)
{
    if (sock == NULL || sock->handle == TV_PORT_SOCKET_INVALID || len == 0 ||
        (rbuf == NULL && wbuf == NULL)) {
        return TV_ERR_INVALID_ARG;
    }
    if (len > INT32_MAX) {
        len = INT32_MAX;
    }
    for (;;) {
        int64_t timeout = tv_bm_timeout(deadline);
        if (timeout < 0) {
            return TV_ERR_TIMEOUT;
        }
        int32_t n = wbuf != NULL ? tv_bm_tcp_write(sock->handle, wbuf, len, (uint32_t)timeout)
                                 : tv_bm_tcp_read(sock->handle, rbuf, len, (uint32_t)timeout);
        if (n != TV_ERR_WOULD_BLOCK || timeout == 0) {
            return n == 0 ? TV_ERR_IO : n; /* 0 bytes would read as end of data */
        }
    }
}

int32_t tv_port_tcp_send(tv_socket *sock, const uint8_t *buf, size_t len, uint64_t deadline)
{
    return tv_bm_transfer(sock, NULL, buf, len, deadline);
}

int32_t tv_port_tcp_recv(tv_socket *sock, uint8_t *buf, size_t len, uint64_t deadline)
{
    return tv_bm_transfer(sock, buf, NULL, len, deadline);
}

void tv_port_tcp_close(tv_socket *sock)
{
    if (sock != NULL && sock->handle != TV_PORT_SOCKET_INVALID) {
        tv_bm_tcp_close(sock->handle);
        sock->handle = TV_PORT_SOCKET_INVALID;
    }
}
