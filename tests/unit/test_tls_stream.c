/* The TLS layer reading a real server's byte stream (tests/tls/server.py)
 * through a scripted socket: delivered one byte at a time, with a
 * would-block before every byte offset, and with a reset at every offset.
 *
 * This program provides the tv_port hooks itself, over a plain loopback
 * socket, so the linker takes them from here instead of the POSIX port; the
 * script decides what each recv returns. */
#define _POSIX_C_SOURCE 200809L
#include "tv_test.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>

#include "../tls/tv_tls_test.h"
#include "tradovate/tv_tls.h"

static uint8_t arena[160 * 1024];
static tv_tls_config cfg;

/* What the scripted socket does on the connection in progress. */
static struct {
    long in;       /* bytes recv has delivered since connect */
    long reset_at; /* recv reports a reset once `in` reaches this; -1: never */
    long block_at; /* recv reports would-block once when `in` equals this; -1: never */
    int one_byte;  /* send and recv move one byte per call */
} script = {0, -1, -1, 0};

/* ------------------------------------------------------------------ */
/* The port, scripted                                                  */
/* ------------------------------------------------------------------ */

uint64_t tv_port_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u + 1u;
}

int64_t tv_port_unix_time_s(void)
{
    return (int64_t)time(NULL);
}

int tv_port_entropy(uint8_t *buf, size_t len)
{
    int fd = open("/dev/urandom", O_RDONLY);
    size_t have = 0;
    while (fd >= 0 && have < len) {
        ssize_t n = read(fd, buf + have, len - have);
        if (n <= 0) {
            break;
        }
        have += (size_t)n;
    }
    if (fd >= 0) {
        close(fd);
    }
    return have == len ? TV_OK : TV_ERR_ENTROPY;
}

int tv_port_tcp_connect(tv_socket *sock, const char *host, uint16_t port, uint64_t deadline)
{
    (void)deadline; /* loopback connects at once */
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    sock->handle = TV_PORT_SOCKET_INVALID;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0 || inet_pton(AF_INET, host, &sa.sin_addr) != 1 ||
        connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
        if (fd >= 0) {
            close(fd);
        }
        return TV_ERR_CONNECT;
    }
    int one = 1; /* one-byte sends must not wait for Nagle and delayed ACKs */
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    script.in = 0;
    sock->handle = fd;
    return TV_OK;
}

int32_t tv_port_tcp_send(tv_socket *sock, const uint8_t *buf, size_t len, uint64_t deadline)
{
    (void)deadline;
    ssize_t n = send((int)sock->handle, buf, script.one_byte ? 1 : len, MSG_NOSIGNAL);
    return n > 0 ? (int32_t)n : TV_ERR_CONNECTION_RESET;
}

/* How far recv may read before the script's next event. */
static size_t scripted_cap(size_t len)
{
    size_t cap = script.one_byte ? 1 : len;
    long stops[] = {script.reset_at, script.block_at};
    for (int i = 0; i < 2; i++) {
        if (stops[i] > script.in && (size_t)(stops[i] - script.in) < cap) {
            cap = (size_t)(stops[i] - script.in);
        }
    }
    return cap;
}

int32_t tv_port_tcp_recv(tv_socket *sock, uint8_t *buf, size_t len, uint64_t deadline)
{
    if (script.reset_at >= 0 && script.in >= script.reset_at) {
        return TV_ERR_CONNECTION_RESET;
    }
    if (script.block_at >= 0 && script.in == script.block_at) {
        script.block_at = -1;
        return TV_ERR_WOULD_BLOCK;
    }
    uint64_t now = tv_port_now_ms();
    int wait = deadline == TV_PORT_NO_WAIT ? 0 : now >= deadline ? 0 : (int)(deadline - now);
    struct pollfd p = {(int)sock->handle, POLLIN, 0};
    if (poll(&p, 1, wait) <= 0) {
        return deadline == TV_PORT_NO_WAIT ? TV_ERR_WOULD_BLOCK : TV_ERR_TIMEOUT;
    }
    ssize_t n = recv((int)sock->handle, buf, scripted_cap(len), 0);
    if (n <= 0) {
        return n == 0 ? TV_ERR_PEER_CLOSED : TV_ERR_CONNECTION_RESET;
    }
    script.in += n;
    return (int32_t)n;
}

void tv_port_tcp_close(tv_socket *sock)
{
    if (sock->handle != TV_PORT_SOCKET_INVALID) {
        close((int)sock->handle);
        sock->handle = TV_PORT_SOCKET_INVALID;
    }
}

/* ------------------------------------------------------------------ */
/* Tests                                                               */
/* ------------------------------------------------------------------ */

/* Sends msg and reads it back. With TV_PORT_NO_WAIT the reads are polled as a
 * superloop would, counting the would-blocks. Returns the first failure, or
 * TV_OK when the echo came back intact. */
static int echo_back(tv_tls_conn *conn, const char *msg, uint64_t deadline, int *would_blocks)
{
    size_t len = strlen(msg);
    int32_t n = tv_tls_send(conn, (const uint8_t *)msg, len, in_ms(5000));
    if (n != (int32_t)len) {
        return n < 0 ? n : TV_ERR_INTERNAL;
    }
    char got[256];
    size_t have = 0;
    for (int tries = 0; have < len && tries < 5000; tries++) {
        n = tv_tls_recv(conn, (uint8_t *)got + have, sizeof got - have,
                        deadline == TV_PORT_NO_WAIT ? TV_PORT_NO_WAIT : in_ms(5000));
        if (n == TV_ERR_WOULD_BLOCK && deadline == TV_PORT_NO_WAIT) {
            *would_blocks += 1;
            tls_sleep_ms(1);
            continue;
        }
        if (n < 0) {
            return n;
        }
        have += (size_t)n;
    }
    return have == len && memcmp(got, msg, len) == 0 ? TV_OK : TV_ERR_INTERNAL;
}

/* Runs body against an echo server of each TLS version in turn, with a fresh
 * connection (no kept session) each time. */
static void for_each_version(void (*body)(const tls_server *, tv_tls_conn *, const char *))
{
    static const char *const versions[] = {"1.2", "1.3"};
    for (int v = 0; v < 2; v++) {
        tls_server s;
        tv_tls_conn conn;
        if (tls_server_start(&s, "server", versions[v], "echo") != 0) {
            return;
        }
        tv_tls_conn_init(&conn, &cfg);
        body(&s, &conn, versions[v]);
        tv_tls_conn_free(&conn);
        tls_server_stop(&s);
    }
}

/* Handshakes and records arriving one byte per recv (and leaving one byte
 * per send), full and then resumed. */
static void one_byte_at_a_time(const tls_server *s, tv_tls_conn *conn, const char *version)
{
    int blocks = 0;
    script.one_byte = 1;
    for (int round = 0; round < 2; round++) {
        TV_CHECK_INT(tv_tls_connect(conn, "127.0.0.1", s->port, in_ms(10000)), TV_OK);
        TV_CHECK_INT(tv_tls_resumed(conn), round);
        TV_CHECK_INT(echo_back(conn, "one byte at a time", in_ms(5000), &blocks), TV_OK);
        TV_CHECK(script.in > 100);
        tv_tls_close(conn);
    }
    script.one_byte = 0;
    (void)version;
}

/* A superloop's reads (TV_PORT_NO_WAIT) with a would-block injected before
 * each byte offset of an echoed record in turn: the bytes come out intact
 * and the connection stays usable. */
static void would_block_at_every_offset(const tls_server *s, tv_tls_conn *conn, const char *version)
{
    static const char msg[] = "would block here";
    int blocks = 0;
    TV_CHECK_INT(tv_tls_connect(conn, "127.0.0.1", s->port, in_ms(5000)), TV_OK);
    /* The first echo also carries TLS 1.3's tickets; measure after it. */
    TV_CHECK_INT(echo_back(conn, msg, in_ms(5000), &blocks), TV_OK);
    long base = script.in;
    TV_CHECK_INT(echo_back(conn, msg, in_ms(5000), &blocks), TV_OK);
    long round = script.in - base;
    TV_CHECK(round > (long)sizeof msg);
    for (long k = 0; k < round; k++) {
        script.block_at = script.in + k;
        blocks = 0;
        int rc = echo_back(conn, msg, TV_PORT_NO_WAIT, &blocks);
        if (rc != TV_OK || script.block_at != -1 || blocks < 1) {
            TV_CHECK_INT(rc, TV_OK);
            TV_CHECK_INT(script.block_at, -1);
            TV_CHECK(blocks >= 1);
            fprintf(stderr, "  TLS %s, would-block at offset %ld of %ld\n", version, k, round);
            break;
        }
    }
}

/* A reset at every offset of a resumed handshake and an echo: connect or
 * recv reports TV_ERR_CONNECTION_RESET, whichever was reading, and the kept
 * session survives it (a network failure says nothing against the peer). */
static void reset_at_every_offset(const tls_server *s, tv_tls_conn *conn, const char *version)
{
    static const char msg[] = "reset";
    int blocks = 0;
    /* A full round, then a clean resumed one to know its length and where
     * its handshake ends. */
    long handshake = 0, total = 0;
    for (int round = 0; round < 2; round++) {
        TV_CHECK_INT(tv_tls_connect(conn, "127.0.0.1", s->port, in_ms(5000)), TV_OK);
        handshake = script.in;
        TV_CHECK_INT(echo_back(conn, msg, in_ms(5000), &blocks), TV_OK);
        total = script.in;
        tv_tls_close(conn);
    }
    TV_CHECK(handshake > 0 && total > handshake);
    for (long k = 0; k < total; k++) {
        script.reset_at = k;
        int rc = tv_tls_connect(conn, "127.0.0.1", s->port, in_ms(5000));
        int want = k < handshake ? TV_ERR_CONNECTION_RESET : TV_OK;
        int echoed = rc == TV_OK ? echo_back(conn, msg, in_ms(5000), &blocks) : rc;
        tv_tls_close(conn);
        if (rc != want || echoed != TV_ERR_CONNECTION_RESET) {
            TV_CHECK_INT(rc, want);
            TV_CHECK_INT(echoed, TV_ERR_CONNECTION_RESET);
            fprintf(stderr, "  TLS %s, reset at offset %ld of %ld\n", version, k, total);
            break;
        }
    }
    script.reset_at = -1;
    TV_CHECK_INT(tv_tls_connect(conn, "127.0.0.1", s->port, in_ms(5000)), TV_OK);
    TV_CHECK_INT(tv_tls_resumed(conn), 1);
}

static void test_one_byte_at_a_time(void)
{
    for_each_version(one_byte_at_a_time);
}

static void test_would_block_at_every_offset(void)
{
    for_each_version(would_block_at_every_offset);
}

static void test_reset_at_every_offset(void)
{
    for_each_version(reset_at_every_offset);
}

int main(void)
{
    if (tv_tls_test_setup(arena, sizeof arena, &cfg) != 0) {
        return 1;
    }
    TV_RUN(test_one_byte_at_a_time);
    TV_RUN(test_would_block_at_every_offset);
    TV_RUN(test_reset_at_every_offset);
    tv_tls_config_free(&cfg);
    tv_tls_arena_free();
    return tv_test_summary();
}
