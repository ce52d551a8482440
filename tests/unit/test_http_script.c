/* The scripted transport keeps the promises in scripted_transport.h, since
 * every later test relies on them. */
#include "tv_test.h"

#include "scripted_transport.h"

static const char script[] = "0123456789";
static tv_script s;
static tv_transport t;
static uint8_t b[16];

/* A fresh script over the ten digits. */
static void fresh(void)
{
    tv_script_init(&s, script, 10);
    t = tv_script_transport(&s);
}

static void test_delivery_limits(void)
{
    fresh();
    TV_CHECK_INT(t.recv(t.ctx, b, 4, 5), 4);
    TV_CHECK_MEM(b, 4, "0123", 4);
    TV_CHECK_INT(s.last_deadline, 5);
    s.max_recv = 3;
    TV_CHECK_INT(t.recv(t.ctx, b, sizeof b, 0), 3);
    TV_CHECK_MEM(b, 3, "456", 3);
    s.max_recv = 0;
    TV_CHECK_INT(t.recv(t.ctx, b, sizeof b, 0), 3);
    TV_CHECK_MEM(b, 3, "789", 3);
    TV_CHECK_INT(t.recv(t.ctx, b, sizeof b, 0), TV_ERR_PEER_CLOSED);
    TV_CHECK_INT(t.recv(t.ctx, b, sizeof b, 0), TV_ERR_PEER_CLOSED);
    TV_CHECK_INT(s.recv_calls, 5);
}

static void test_would_block(void)
{
    fresh();
    s.block_at = 6;
    TV_CHECK_INT(t.recv(t.ctx, b, sizeof b, 0), 6); /* stops short of the offset */
    TV_CHECK_INT(t.recv(t.ctx, b, sizeof b, 0), TV_ERR_WOULD_BLOCK);
    TV_CHECK_INT(t.recv(t.ctx, b, sizeof b, 0), 4); /* once only */

    fresh();
    s.block_every = true;
    s.max_recv = 1;
    for (int i = 0; i < 10; i++) {
        TV_CHECK_INT(t.recv(t.ctx, b, sizeof b, 0), TV_ERR_WOULD_BLOCK);
        TV_CHECK_INT(t.recv(t.ctx, b, sizeof b, 0), 1);
        TV_CHECK_INT(b[0], script[i]);
    }
    TV_CHECK_INT(t.recv(t.ctx, b, sizeof b, 0), TV_ERR_WOULD_BLOCK);
    TV_CHECK_INT(t.recv(t.ctx, b, sizeof b, 0), TV_ERR_PEER_CLOSED);
}

static void test_end_at(void)
{
    fresh();
    tv_script_end_at(&s, 7, TV_ERR_CONNECTION_RESET);
    TV_CHECK_INT(t.recv(t.ctx, b, sizeof b, 0), 7);
    TV_CHECK_INT(t.recv(t.ctx, b, sizeof b, 0), TV_ERR_CONNECTION_RESET);
    TV_CHECK_INT(t.recv(t.ctx, b, sizeof b, 0), TV_ERR_CONNECTION_RESET);
    fresh();
    tv_script_end_at(&s, 0, TV_ERR_PEER_CLOSED);
    TV_CHECK_INT(t.recv(t.ctx, b, sizeof b, 0), TV_ERR_PEER_CLOSED);
    TV_CHECK_INT(s.pos, 0);
    tv_script_end_at(&s, 99, TV_ERR_TIMEOUT); /* clamped to the script */
    TV_CHECK_INT(s.end_at, 10);
}

static void test_send_rules(void)
{
    uint8_t rec[8];
    fresh();
    tv_script_record(&s, rec, sizeof rec);
    s.max_send = 3;
    TV_CHECK_INT(t.send(t.ctx, (const uint8_t *)"abcdef", 6, 9), 3);
    TV_CHECK_INT(s.last_deadline, 9);
    s.send_fail_at = 5;
    TV_CHECK_INT(t.send(t.ctx, (const uint8_t *)"def", 3, 0), 2);
    TV_CHECK_INT(t.send(t.ctx, (const uint8_t *)"f", 1, 0), TV_ERR_CONNECTION_RESET);
    TV_CHECK_MEM(rec, s.sent_len, "abcde", 5);
    s.send_fail_at = TV_SCRIPT_NEVER;
    s.max_send = 0;
    TV_CHECK_INT(t.send(t.ctx, (const uint8_t *)"fghij", 5, 0), TV_ERR_IO); /* record full */
    s.send_block_every = true;
    TV_CHECK_INT(t.send(t.ctx, (const uint8_t *)"f", 1, 0), TV_ERR_WOULD_BLOCK);
    TV_CHECK_INT(t.send(t.ctx, (const uint8_t *)"f", 1, 0), 1);
    TV_CHECK_INT(s.send_calls, 6);
}

int main(void)
{
    TV_RUN(test_delivery_limits);
    TV_RUN(test_would_block);
    TV_RUN(test_end_at);
    TV_RUN(test_send_rules);
    return tv_test_summary();
}
