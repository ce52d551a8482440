/* The POSIX port against real loopback sockets: clocks, entropy, connect,
 * send/recv with deadlines, would-block, peer close, reset without SIGPIPE. */
#define _POSIX_C_SOURCE 200809L
#include "tv_test.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tradovate/tv_port.h"

/* A listening socket on 127.0.0.1 with a kernel-chosen port. */
static int listen_any(int backlog, uint16_t *port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    TV_CHECK(bind(fd, (struct sockaddr *)&sa, sizeof sa) == 0);
    TV_CHECK(listen(fd, backlog) == 0);
    socklen_t len = sizeof sa;
    TV_CHECK(getsockname(fd, (struct sockaddr *)&sa, &len) == 0);
    *port = ntohs(sa.sin_port);
    return fd;
}

static void test_clocks(void)
{
    uint64_t a = tv_port_now_ms();
    uint64_t b = tv_port_now_ms();
    TV_CHECK(a != TV_PORT_NO_WAIT);
    TV_CHECK(b >= a);
    /* 2024-01-01 as a floor: the machine's wall clock is set. */
    TV_CHECK(tv_port_unix_time_s() > 1704067200);
}

static void test_entropy(void)
{
    uint8_t a[600], b[600];
    memset(a, 0, sizeof a);
    memset(b, 0, sizeof b);
    TV_CHECK_INT(tv_port_entropy(a, sizeof a), TV_OK);
    TV_CHECK_INT(tv_port_entropy(b, sizeof b), TV_OK);
    TV_CHECK(memcmp(a, b, sizeof a) != 0);
    int zeros = 0;
    for (size_t i = 0; i < sizeof a; i++) {
        zeros += a[i] == 0;
    }
    TV_CHECK(zeros < 30); /* expected about 2 */
    TV_CHECK_INT(tv_port_entropy(NULL, 0), TV_OK);
}

static void test_roundtrip_and_deadlines(void)
{
    uint16_t port;
    int lfd = listen_any(4, &port);
    tv_socket s;
    uint64_t deadline = tv_port_now_ms() + 2000;
    TV_CHECK_INT(tv_port_tcp_connect(&s, "127.0.0.1", port, deadline), TV_OK);
    int peer = accept(lfd, NULL, NULL);
    TV_CHECK(peer >= 0);

    const uint8_t msg[] = "GET / HTTP/1.1\r\n\r\n";
    TV_CHECK_INT(tv_port_tcp_send(&s, msg, sizeof msg - 1, deadline), (int32_t)(sizeof msg - 1));
    char got[64];
    TV_CHECK_INT(read(peer, got, sizeof got), (int)(sizeof msg - 1));
    TV_CHECK_MEM(got, sizeof msg - 1, msg, sizeof msg - 1);

    uint8_t buf[16];
    /* Nothing to read: no-wait polls once, a deadline waits and times out. */
    TV_CHECK_INT(tv_port_tcp_recv(&s, buf, sizeof buf, TV_PORT_NO_WAIT), TV_ERR_WOULD_BLOCK);
    uint64_t t0 = tv_port_now_ms();
    TV_CHECK_INT(tv_port_tcp_recv(&s, buf, sizeof buf, t0 + 50), TV_ERR_TIMEOUT);
    TV_CHECK(tv_port_now_ms() >= t0 + 50);

    TV_CHECK_INT(write(peer, "hello", 5), 5);
    TV_CHECK_INT(tv_port_tcp_recv(&s, buf, sizeof buf, deadline), 5);
    TV_CHECK_MEM(buf, 5, "hello", 5);

    /* Orderly close by the peer is distinct from errors. */
    close(peer);
    TV_CHECK_INT(tv_port_tcp_recv(&s, buf, sizeof buf, deadline), TV_ERR_PEER_CLOSED);
    tv_port_tcp_close(&s);
    TV_CHECK(s.handle == TV_PORT_SOCKET_INVALID);
    tv_port_tcp_close(&s); /* idempotent */
    close(lfd);
}

/* A reset peer: sends fail with an error and the process gets no SIGPIPE
 * (if it did, the default action would kill this test). */
static void test_reset_no_sigpipe(void)
{
    uint16_t port;
    int lfd = listen_any(4, &port);
    tv_socket s;
    uint64_t deadline = tv_port_now_ms() + 2000;
    TV_CHECK_INT(tv_port_tcp_connect(&s, "localhost", port, deadline), TV_OK);
    int peer = accept(lfd, NULL, NULL);
    struct linger lg = {.l_onoff = 1, .l_linger = 0};
    TV_CHECK(setsockopt(peer, SOL_SOCKET, SO_LINGER, &lg, sizeof lg) == 0);
    close(peer); /* RST */
    static const uint8_t chunk[4096];
    int32_t rc = 1;
    for (int i = 0; i < 100 && rc > 0; i++) {
        rc = tv_port_tcp_send(&s, chunk, sizeof chunk, deadline);
    }
    TV_CHECK(rc == TV_ERR_CONNECTION_RESET || rc == TV_ERR_PEER_CLOSED);
    tv_port_tcp_close(&s);
    close(lfd);
}

static void test_connect_failures(void)
{
    uint16_t port;
    int lfd = listen_any(1, &port);
    close(lfd); /* nothing listens there now */
    tv_socket s;
    TV_CHECK_INT(tv_port_tcp_connect(&s, "127.0.0.1", port, tv_port_now_ms() + 2000),
                 TV_ERR_CONNECT);
    TV_CHECK(s.handle == TV_PORT_SOCKET_INVALID);
    TV_CHECK_INT(tv_port_tcp_connect(&s, "127.0.0.1", 0, tv_port_now_ms() + 2000),
                 TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_port_tcp_connect(&s, "127.0.0.1", port, TV_PORT_NO_WAIT), TV_ERR_INVALID_ARG);
}

/* A listener that never accepts and whose queue is full drops further SYNs,
 * so a connect can only end at its deadline. */
static void test_connect_deadline(void)
{
    uint16_t port;
    int lfd = listen_any(0, &port);
    tv_socket held[8];
    int rc = TV_OK;
    int n = 0;
    for (; n < 8 && rc == TV_OK; n++) {
        rc = tv_port_tcp_connect(&held[n], "127.0.0.1", port, tv_port_now_ms() + 300);
    }
    TV_CHECK_INT(rc, TV_ERR_TIMEOUT);
    for (int i = 0; i < n - 1; i++) {
        tv_port_tcp_close(&held[i]);
    }
    close(lfd);
}

int main(void)
{
    TV_RUN(test_clocks);
    TV_RUN(test_entropy);
    TV_RUN(test_roundtrip_and_deadlines);
    TV_RUN(test_reset_no_sigpipe);
    TV_RUN(test_connect_failures);
    TV_RUN(test_connect_deadline);
    return tv_test_summary();
}
