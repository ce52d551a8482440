/*
 * The POSIX port (Linux, macOS, the BSDs): the tv_port.h hooks over
 * clock_gettime, getaddrinfo, non-blocking sockets with poll, and the
 * kernel's random source.
 *
 * Sockets stay non-blocking for their whole life: every wait is a poll()
 * bounded by the caller's absolute deadline, so no call can block past it
 * (name resolution aside: getaddrinfo has no timeout; numeric addresses skip
 * it entirely, which also keeps resolver allocations out of the hot path).
 */
#if !defined(_POSIX_C_SOURCE) || _POSIX_C_SOURCE < 200809L
#undef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#if defined(__APPLE__)
#define _DARWIN_C_SOURCE 1 /* SO_NOSIGPIPE, getentropy */
#endif

#include "tradovate/tv_port.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#if defined(__linux__)
#include <sys/random.h>
#endif

/* Linux suppresses SIGPIPE per call; macOS and some BSDs per socket. Either
 * way we never touch the process's signal dispositions. */
#if defined(MSG_NOSIGNAL)
#define TV_SEND_FLAGS MSG_NOSIGNAL
#else
#define TV_SEND_FLAGS 0
#endif

uint64_t tv_port_now_ms(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
        return 1;
    }
    /* +1: 0 is TV_PORT_NO_WAIT and must never be a reading. */
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u + 1u;
}

int64_t tv_port_unix_time_s(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_REALTIME, &ts) != 0) {
        return -1;
    }
    return (int64_t)ts.tv_sec;
}

/* Milliseconds poll() may wait for `deadline`: 0 when it has passed. */
static int tv_posix_wait_ms(uint64_t deadline)
{
    uint64_t now = tv_port_now_ms();
    if (now >= deadline) {
        return 0;
    }
    uint64_t left = deadline - now;
    return left > (uint64_t)INT_MAX ? INT_MAX : (int)left;
}

/* Waits until fd is ready for `events` or the deadline passes.
 * TV_OK, TV_ERR_WOULD_BLOCK (no-wait deadline), TV_ERR_TIMEOUT or TV_ERR_IO. */
static int tv_posix_wait(int fd, short events, uint64_t deadline)
{
    if (deadline == TV_PORT_NO_WAIT) {
        return TV_ERR_WOULD_BLOCK;
    }
    /* Bounded: every iteration either returns or consumes time towards the
     * deadline (EINTR restarts with the remaining time). */
    for (;;) {
        int wait_ms = tv_posix_wait_ms(deadline);
        if (wait_ms == 0) {
            return TV_ERR_TIMEOUT;
        }
        struct pollfd pfd = {.fd = fd, .events = events, .revents = 0};
        int n = poll(&pfd, 1, wait_ms);
        if (n > 0) {
            /* POLLERR/POLLHUP also mean "the next call will not block": it
             * reports the error or end of stream itself. */
            return TV_OK;
        }
        if (n < 0 && errno != EINTR) {
            return TV_ERR_IO;
        }
    }
}

static int tv_posix_errno_to_err(int e)
{
    switch (e) {
    case ECONNRESET:
    case ECONNABORTED:
        return TV_ERR_CONNECTION_RESET;
    case EPIPE:
        return TV_ERR_PEER_CLOSED;
    case ETIMEDOUT:
        return TV_ERR_TIMEOUT;
    default:
        return TV_ERR_IO;
    }
}

/* Opens a non-blocking, no-delay, no-SIGPIPE socket and starts connecting.
 * Returns TV_OK with *fd_out set, or a status; closes the socket on failure. */
static int tv_posix_try_connect(const struct sockaddr *sa, socklen_t salen, uint64_t deadline,
                                int *fd_out)
{
    int fd = socket(sa->sa_family, SOCK_STREAM, 0);
    if (fd < 0) {
        return TV_ERR_CONNECT;
    }
    int one = 1;
    int flags = fcntl(fd, F_GETFL, 0);
    if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0 ||
        fcntl(fd, F_SETFD, FD_CLOEXEC) < 0) {
        close(fd);
        return TV_ERR_IO;
    }
    /* Requests go out whole in one write; Nagle would only add latency. */
    (void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
#if defined(SO_NOSIGPIPE)
    (void)setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one);
#endif
    int rc;
    do {
        rc = connect(fd, sa, salen);
    } while (rc != 0 && errno == EINTR);
    if (rc != 0 && errno != EINPROGRESS) {
        close(fd);
        return TV_ERR_CONNECT;
    }
    if (rc != 0) {
        int w = tv_posix_wait(fd, POLLOUT, deadline);
        if (w != TV_OK) {
            close(fd);
            return w;
        }
        int soerr = 0;
        socklen_t len = sizeof soerr;
        if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &len) != 0 || soerr != 0) {
            close(fd);
            return soerr == ETIMEDOUT ? TV_ERR_TIMEOUT : TV_ERR_CONNECT;
        }
    }
    *fd_out = fd;
    return TV_OK;
}

/* Numeric IPv4/IPv6 literals are connected to without the resolver. */
static int tv_posix_connect_numeric(const char *host, uint16_t port, uint64_t deadline,
                                    int *fd_out)
{
    struct sockaddr_in in4;
    struct sockaddr_in6 in6;
    memset(&in4, 0, sizeof in4);
    memset(&in6, 0, sizeof in6);
    if (inet_pton(AF_INET, host, &in4.sin_addr) == 1) {
        in4.sin_family = AF_INET;
        in4.sin_port = htons(port);
        return tv_posix_try_connect((const struct sockaddr *)&in4, sizeof in4, deadline, fd_out);
    }
    if (inet_pton(AF_INET6, host, &in6.sin6_addr) == 1) {
        in6.sin6_family = AF_INET6;
        in6.sin6_port = htons(port);
        return tv_posix_try_connect((const struct sockaddr *)&in6, sizeof in6, deadline, fd_out);
    }
    return TV_ERR_DNS; /* not numeric: the caller resolves */
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
    int fd = -1;
    int rc = tv_posix_connect_numeric(host, port, deadline, &fd);
    if (rc != TV_ERR_DNS) {
        if (rc == TV_OK) {
            sock->handle = (intptr_t)fd;
        }
        return rc;
    }

    struct addrinfo hints;
    struct addrinfo *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host, NULL, &hints, &res) != 0 || res == NULL) {
        return TV_ERR_DNS;
    }
    rc = TV_ERR_CONNECT;
    /* Each address in turn, all within the one deadline. */
    for (struct addrinfo *ai = res; ai != NULL; ai = ai->ai_next) {
        if (ai->ai_family == AF_INET) {
            ((struct sockaddr_in *)(void *)ai->ai_addr)->sin_port = htons(port);
        } else if (ai->ai_family == AF_INET6) {
            ((struct sockaddr_in6 *)(void *)ai->ai_addr)->sin6_port = htons(port);
        } else {
            continue;
        }
        rc = tv_posix_try_connect(ai->ai_addr, ai->ai_addrlen, deadline, &fd);
        if (rc == TV_OK || rc == TV_ERR_TIMEOUT) {
            break;
        }
    }
    freeaddrinfo(res);
    if (rc == TV_OK) {
        sock->handle = (intptr_t)fd;
    }
    return rc;
}

int32_t tv_port_tcp_send(tv_socket *sock, const uint8_t *buf, size_t len, uint64_t deadline)
{
    if (sock == NULL || sock->handle < 0 || (buf == NULL && len > 0)) {
        return TV_ERR_INVALID_ARG;
    }
    int fd = (int)sock->handle;
    if (len > (size_t)INT32_MAX) {
        len = (size_t)INT32_MAX;
    }
    for (;;) {
        ssize_t n = send(fd, buf, len, TV_SEND_FLAGS);
        if (n > 0) {
            return (int32_t)n;
        }
        if (n == 0) {
            return len == 0 ? TV_ERR_INVALID_ARG : TV_ERR_IO;
        }
        if (errno == EINTR) {
            continue;
        }
        if (errno != EAGAIN && errno != EWOULDBLOCK) {
            return tv_posix_errno_to_err(errno);
        }
        int w = tv_posix_wait(fd, POLLOUT, deadline);
        if (w != TV_OK) {
            return w;
        }
    }
}

int32_t tv_port_tcp_recv(tv_socket *sock, uint8_t *buf, size_t len, uint64_t deadline)
{
    if (sock == NULL || sock->handle < 0 || buf == NULL || len == 0) {
        return TV_ERR_INVALID_ARG;
    }
    int fd = (int)sock->handle;
    if (len > (size_t)INT32_MAX) {
        len = (size_t)INT32_MAX;
    }
    for (;;) {
        ssize_t n = recv(fd, buf, len, 0);
        if (n > 0) {
            return (int32_t)n;
        }
        if (n == 0) {
            return TV_ERR_PEER_CLOSED;
        }
        if (errno == EINTR) {
            continue;
        }
        if (errno != EAGAIN && errno != EWOULDBLOCK) {
            return tv_posix_errno_to_err(errno);
        }
        int w = tv_posix_wait(fd, POLLIN, deadline);
        if (w != TV_OK) {
            return w;
        }
    }
}

void tv_port_tcp_close(tv_socket *sock)
{
    if (sock != NULL && sock->handle >= 0) {
        (void)close((int)sock->handle);
        sock->handle = TV_PORT_SOCKET_INVALID;
    }
}

int tv_port_entropy(uint8_t *buf, size_t len)
{
    if (buf == NULL && len > 0) {
        return TV_ERR_INVALID_ARG;
    }
    size_t done = 0;
    /* Bounded: each round either fills bytes or fails; EINTR retries are
     * limited so a signal storm cannot spin forever. */
    for (int interrupts = 0; done < len && interrupts < 100;) {
        size_t want = len - done > 256 ? 256 : len - done;
#if defined(__linux__)
        ssize_t n = getrandom(buf + done, want, 0);
        if (n < 0) {
            if (errno == EINTR) {
                interrupts++;
                continue;
            }
            return TV_ERR_ENTROPY;
        }
        done += (size_t)n;
#else
        if (getentropy(buf + done, want) != 0) {
            return TV_ERR_ENTROPY;
        }
        done += want;
#endif
    }
    return done == len ? TV_OK : TV_ERR_ENTROPY;
}
