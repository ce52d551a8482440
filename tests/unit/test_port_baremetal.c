/* The bare-metal port (port/baremetal/tv_port_baremetal.c) on the host, over
 * scripted integration points: deadlines become the drivers' relative
 * timeouts, the clock never reads TV_PORT_NO_WAIT, and drivers that return
 * 0 bytes or give up early are held to the port's contract.
 *
 * The port is compiled into this program (it is not part of the host
 * library), so its tv_port_* hooks replace the POSIX port's here. */
#include "tv_test.h"

#include "../../port/baremetal/tv_port_baremetal.c"

/* The board, scripted. */
static struct {
    uint64_t ms;          /* the tick */
    uint64_t ms_per_call; /* how far the tick moves on each driver call */
    int64_t wall;
    int rng_rc;
    int open_rc;
    int32_t xfer_rc[8]; /* what successive reads/writes return */
    int xfer_calls;
    uint32_t last_timeout;
    int closed;
} board;

uint64_t tv_bm_millis(void)
{
    return board.ms;
}

int64_t tv_bm_wall_clock(void)
{
    return board.wall;
}

int tv_bm_rng(uint8_t *buf, size_t len)
{
    memset(buf, 0x42, len);
    return board.rng_rc;
}

int tv_bm_tcp_open(intptr_t *handle, const char *host, uint16_t port, uint32_t timeout_ms)
{
    (void)host;
    (void)port;
    board.last_timeout = timeout_ms;
    *handle = 7;
    return board.open_rc;
}

static int32_t scripted_xfer(uint32_t timeout_ms)
{
    board.last_timeout = timeout_ms;
    board.ms += board.ms_per_call;
    int i = board.xfer_calls++;
    return i < 8 ? board.xfer_rc[i] : TV_ERR_IO;
}

int32_t tv_bm_tcp_write(intptr_t handle, const uint8_t *buf, size_t len, uint32_t timeout_ms)
{
    (void)handle;
    (void)buf;
    (void)len;
    return scripted_xfer(timeout_ms);
}

int32_t tv_bm_tcp_read(intptr_t handle, uint8_t *buf, size_t len, uint32_t timeout_ms)
{
    (void)handle;
    (void)buf;
    (void)len;
    return scripted_xfer(timeout_ms);
}

void tv_bm_tcp_close(intptr_t handle)
{
    TV_CHECK_INT(handle, 7);
    board.closed++;
}

static void reset_board(void)
{
    memset(&board, 0, sizeof board);
    board.ms = 1000;
    board.wall = 1700000000;
}

static void test_clocks_and_entropy(void)
{
    reset_board();
    board.ms = 0;
    TV_CHECK(tv_port_now_ms() != TV_PORT_NO_WAIT);
    TV_CHECK_INT(tv_port_unix_time_s(), 1700000000);
    board.wall = -5;
    TV_CHECK_INT(tv_port_unix_time_s(), -1);
    uint8_t b[4];
    TV_CHECK_INT(tv_port_entropy(b, sizeof b), TV_OK);
    TV_CHECK_INT(b[3], 0x42);
    TV_CHECK_INT(tv_port_entropy(NULL, 0), TV_OK);
    TV_CHECK_INT(tv_port_entropy(NULL, 4), TV_ERR_INVALID_ARG);
    board.rng_rc = TV_ERR_IO;
    TV_CHECK_INT(tv_port_entropy(b, sizeof b), TV_ERR_ENTROPY);
}

static void test_connect(void)
{
    tv_socket s;
    reset_board();
    uint64_t now = tv_port_now_ms();
    TV_CHECK_INT(tv_port_tcp_connect(&s, "example.com", 443, now + 2500), TV_OK);
    TV_CHECK_INT(s.handle, 7);
    TV_CHECK_INT(board.last_timeout, 2500);
    TV_CHECK_INT(tv_port_tcp_connect(&s, "example.com", 443, TV_PORT_NO_WAIT), TV_ERR_INVALID_ARG);
    TV_CHECK_INT(s.handle, TV_PORT_SOCKET_INVALID);
    TV_CHECK_INT(tv_port_tcp_connect(&s, "", 443, now + 10), TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_port_tcp_connect(&s, "example.com", 0, now + 10), TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_port_tcp_connect(NULL, "example.com", 443, now + 10), TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_port_tcp_connect(&s, "example.com", 443, now), TV_ERR_TIMEOUT);
    board.open_rc = TV_ERR_DNS;
    TV_CHECK_INT(tv_port_tcp_connect(&s, "example.com", 443, now + 10), TV_ERR_DNS);
    TV_CHECK_INT(s.handle, TV_PORT_SOCKET_INVALID);
}

static void test_transfers(void)
{
    tv_socket s = {7};
    uint8_t buf[16];
    reset_board();
    uint64_t now = tv_port_now_ms();

    board.xfer_rc[0] = 5;
    TV_CHECK_INT(tv_port_tcp_recv(&s, buf, sizeof buf, now + 300), 5);
    TV_CHECK_INT(board.last_timeout, 300);

    /* Non-blocking: the driver gets timeout 0 and its would-block stands. */
    reset_board();
    board.xfer_rc[0] = TV_ERR_WOULD_BLOCK;
    TV_CHECK_INT(tv_port_tcp_send(&s, buf, sizeof buf, TV_PORT_NO_WAIT), TV_ERR_WOULD_BLOCK);
    TV_CHECK_INT(board.last_timeout, 0);
    TV_CHECK_INT(board.xfer_calls, 1);

    /* A driver that gives up early is asked again with the time left. */
    reset_board();
    board.ms_per_call = 100;
    board.xfer_rc[0] = TV_ERR_WOULD_BLOCK;
    board.xfer_rc[1] = TV_ERR_WOULD_BLOCK;
    board.xfer_rc[2] = 3;
    now = tv_port_now_ms();
    TV_CHECK_INT(tv_port_tcp_recv(&s, buf, sizeof buf, now + 1000), 3);
    TV_CHECK_INT(board.xfer_calls, 3);
    TV_CHECK_INT(board.last_timeout, 800);

    /* ... but never past the deadline. */
    reset_board();
    board.ms_per_call = 600;
    for (int i = 0; i < 8; i++) {
        board.xfer_rc[i] = TV_ERR_WOULD_BLOCK;
    }
    now = tv_port_now_ms();
    TV_CHECK_INT(tv_port_tcp_recv(&s, buf, sizeof buf, now + 1000), TV_ERR_TIMEOUT);
    TV_CHECK_INT(board.xfer_calls, 2);
    TV_CHECK_INT(tv_port_tcp_recv(&s, buf, sizeof buf, now), TV_ERR_TIMEOUT);
    TV_CHECK_INT(board.xfer_calls, 2); /* a passed deadline does not reach the driver */

    /* 0 bytes would read as end of data: it is an I/O error. */
    reset_board();
    board.xfer_rc[0] = 0;
    TV_CHECK_INT(tv_port_tcp_send(&s, buf, sizeof buf, now + 10), TV_ERR_IO);
    board.xfer_rc[1] = TV_ERR_PEER_CLOSED;
    TV_CHECK_INT(tv_port_tcp_recv(&s, buf, sizeof buf, now + 10), TV_ERR_PEER_CLOSED);

    TV_CHECK_INT(tv_port_tcp_recv(&s, NULL, 4, now + 10), TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_port_tcp_send(&s, buf, 0, now + 10), TV_ERR_INVALID_ARG);
    tv_port_tcp_close(&s);
    tv_port_tcp_close(&s);
    TV_CHECK_INT(board.closed, 1);
    TV_CHECK_INT(s.handle, TV_PORT_SOCKET_INVALID);
    TV_CHECK_INT(tv_port_tcp_recv(&s, buf, sizeof buf, now + 10), TV_ERR_INVALID_ARG);
}

int main(void)
{
    TV_RUN(test_clocks_and_entropy);
    TV_RUN(test_connect);
    TV_RUN(test_transfers);
    return tv_test_summary();
}
