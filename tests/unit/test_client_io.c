/*
 * The client over a connection of the caller's (tv_client_io), here the
 * scripted in-memory transport: the exact request bytes of a mutation, its
 * decoded answer, and a list streamed through a small buffer with bytes
 * arriving one at a time and would-block before each.
 */
#include <string.h>

#include "scripted_transport.h"
#include "tradovate/tv_api.h"
#include "tv_test.h"

static uint8_t req_buf[1024], resp_buf[600];
static tv_json_tok toks[64];
static char token_buf[128];
static tv_script script;
static uint8_t sent[2048];
static int connects;

static bool contains(const uint8_t *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++) {
        if (memcmp(hay + i, needle, k) == 0) {
            return true;
        }
    }
    return false;
}

static int io_connect(void *ctx, const char *host, uint16_t port, uint64_t deadline)
{
    (void)ctx;
    (void)deadline;
    TV_CHECK_STR(host, "demo.tradovateapi.com");
    TV_CHECK_INT(port, 443);
    connects++;
    return TV_OK;
}

static tv_client_config config(const tv_client_io *io, const char *url)
{
    tv_client_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.base_url = url;
    cfg.io = io;
    cfg.request_buf = req_buf;
    cfg.request_size = sizeof req_buf;
    cfg.response_buf = resp_buf;
    cfg.response_size = sizeof resp_buf;
    cfg.tokens = toks;
    cfg.token_count = 64;
    cfg.access_token_buf = token_buf;
    cfg.access_token_size = sizeof token_buf;
    return cfg;
}

static void setup_url(tv_client *c, const tv_client_io *io, const char *url, const char *token)
{
    tv_client_config cfg = config(io, url);
    TV_CHECK_INT(tv_client_init(c, &cfg), TV_OK);
    TV_CHECK_INT(tv_client_set_token(c, token, 3600), TV_OK);
}

static void setup(tv_client *c, const tv_client_io *io)
{
    setup_url(c, io, TV_BASE_URL_DEMO, "tok-123");
}

static void test_place_order_bytes(void)
{
    static const char answer[] = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                 "Content-Length: 25\r\n\r\n{\"orderId\":4000000000001}";
    tv_script_init(&script, answer, sizeof answer - 1);
    tv_script_record(&script, sent, sizeof sent);
    tv_client_io io = {io_connect, NULL, tv_script_transport(&script)};
    tv_client c;
    setup(&c, &io);

    tv_place_order o;
    memset(&o, 0, sizeof o);
    TV_SET(&o, tv_place_order, account_id, 1001);
    o.symbol = "ESZ6";
    o.action = TV_ACTION_SELL;
    o.order_qty = 2;
    o.order_type = TV_ORDER_TYPE_LIMIT;
    TV_SET(&o, tv_place_order, price, 6000.25);
    o.cl_ord_id = "abc";
    tv_place_order_result r;
    TV_CHECK_INT(tv_order_place(&c, &o, &r), TV_OK);
    TV_CHECK_INT(r.order_id, 4000000000001);
    TV_CHECK_INT(connects, 1);
    static const char want[] =
        "POST /v1/order/placeorder HTTP/1.1\r\nHost: demo.tradovateapi.com\r\n"
        "Accept: application/json\r\nAuthorization: Bearer tok-123\r\n"
        "Content-Type: application/json\r\nContent-Length: 115\r\n\r\n"
        "{\"accountId\":1001,\"clOrdId\":\"abc\",\"action\":\"Sell\",\"symbol\":\"ESZ6\","
        "\"orderQty\":2,\"orderType\":\"Limit\",\"price\":6000.25}";
    TV_CHECK_MEM(sent, script.sent_len, want, sizeof want - 1);
    TV_CHECK_INT(script.send_calls, 1); /* head and body in one write */
    /* the bearer token does not stay in the request buffer */
    TV_CHECK(!contains(req_buf, sizeof req_buf, "tok-123"));
    tv_client_free(&c);
}

static int count(void *user, const void *entity);

/* An IPv6 base URL: the address goes to connect() bare, as getaddrinfo()
 * takes it, and into the Host header in brackets (RFC 9110, 7.2). */
static int io_connect_v6(void *ctx, const char *host, uint16_t port, uint64_t deadline)
{
    (void)ctx;
    (void)deadline;
    TV_CHECK_STR(host, "::1");
    TV_CHECK_INT(port, 8443);
    connects++;
    return TV_OK;
}

static void test_ipv6_literal(void)
{
    static const char answer[] = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n[]";
    tv_script_init(&script, answer, sizeof answer - 1);
    tv_script_record(&script, sent, sizeof sent);
    tv_client_io io = {io_connect_v6, NULL, tv_script_transport(&script)};
    tv_client c;
    connects = 0;
    setup_url(&c, &io, "https://[::1]:8443/v1/", "tok-123");
    int seen = 0;
    tv_sink sink = tv_sink_callback(count, &seen);
    TV_CHECK_INT(tv_order_list(&c, &sink), TV_OK);
    TV_CHECK_INT(seen, 0);
    TV_CHECK_INT(connects, 1);
    static const char want[] = "GET /v1/order/list HTTP/1.1\r\nHost: [::1]:8443\r\n"
                               "Accept: application/json\r\nAuthorization: Bearer tok-123\r\n\r\n";
    TV_CHECK_MEM(sent, script.sent_len, want, sizeof want - 1);
    tv_client_free(&c);

    /* what follows the closing bracket must be a port or the path */
    tv_client_config cfg = config(&io, "https://[::1]x]/v1");
    TV_CHECK_INT(tv_client_init(&c, &cfg), TV_ERR_BAD_URL);
    cfg.base_url = "https://[::1/v1";
    TV_CHECK_INT(tv_client_init(&c, &cfg), TV_ERR_BAD_URL);
}

/* A base path, host or token the request writer would refuse is kept (the
 * client checks them once, when it stores them) and refused with every
 * request, before anything is sent. */
static void test_refused_values(void)
{
    static const struct {
        const char *url, *token;
    } cases[] = {
        {"https://demo.tradovateapi.com/v1%zz", "tok-123"},
        {"https://demo.trad!ovateapi.com/v1", "tok-123"},
        {"https://[fe80::1%25eth0]/v1", "tok-123"}, /* zone ids: not supported */
        {TV_BASE_URL_DEMO, "tok 123"},
        {TV_BASE_URL_DEMO, "tok-123\r\nX-Injected: 1"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tv_client c;
        tv_place_order o;
        tv_place_order_result r;
        tv_script_init(&script, "", 0);
        tv_client_io io = {io_connect, NULL, tv_script_transport(&script)};
        setup_url(&c, &io, cases[i].url, cases[i].token);
        memset(&o, 0, sizeof o);
        o.symbol = "ESZ6";
        o.action = TV_ACTION_BUY;
        o.order_qty = 1;
        o.order_type = TV_ORDER_TYPE_MARKET;
        TV_CHECK_INT(tv_order_place(&c, &o, &r), TV_ERR_BAD_STRING);
        TV_CHECK_INT(script.send_calls, 0);
        tv_client_free(&c);
    }
}

/* 40 orders through a 600-byte buffer, one byte per read, would-block
 * before every byte. */
static int count(void *user, const void *entity)
{
    const tv_order *o = (const tv_order *)entity;
    int *n = (int *)user;
    TV_CHECK_INT(o->id, 100 + *n);
    TV_CHECK_INT(o->ord_status, TV_ORD_STATUS_WORKING);
    ++*n;
    return 0;
}

static void test_list_trickle(void)
{
    static char body[8192], answer[9000];
    size_t n = 0;
    body[n++] = '[';
    for (int i = 0; i < 40; i++) {
        static const char item[] =
            "{\"id\":1%02d,\"accountId\":1,\"timestamp\":\"2026-11-25T12:00:00Z\","
            "\"action\":\"Buy\",\"ordStatus\":\"Working\",\"admin\":false}";
        char one[200];
        int k = 0;
        for (const char *p = item; *p != '\0'; p++) {
            if (p[0] == '%' && p[1] == '0') {
                one[k++] = (char)('0' + i / 10);
                one[k++] = (char)('0' + i % 10);
                p += 3; /* "%02d" */
            } else {
                one[k++] = *p;
            }
        }
        if (i > 0) {
            body[n++] = ',';
        }
        memcpy(body + n, one, (size_t)k);
        n += (size_t)k;
    }
    body[n++] = ']';
    static const char head[] = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
    size_t a = 0;
    memcpy(answer, head, sizeof head - 1);
    a = sizeof head - 1;
    /* chunks of 37 bytes */
    for (size_t off = 0; off < n; off += 37) {
        size_t len = n - off < 37 ? n - off : 37;
        answer[a++] = "0123456789abcdef"[len >> 4];
        answer[a++] = "0123456789abcdef"[len & 15];
        memcpy(answer + a, "\r\n", 2);
        a += 2;
        memcpy(answer + a, body + off, len);
        a += len;
        memcpy(answer + a, "\r\n", 2);
        a += 2;
    }
    memcpy(answer + a, "0\r\n\r\n", 5);
    a += 5;
    tv_script_init(&script, answer, a);
    tv_script_record(&script, sent, sizeof sent);
    script.max_recv = 1;
    script.block_every = true;
    tv_client_io io = {NULL, NULL, tv_script_transport(&script)};
    tv_client c;
    setup(&c, &io);
    int seen = 0;
    tv_sink sink = tv_sink_callback(count, &seen);
    TV_CHECK_INT(tv_order_list(&c, &sink), TV_OK);
    TV_CHECK_INT(seen, 40);
    tv_client_free(&c);
}

/* Found by the fuzzers: a list answered by an object is the wrong type (not
 * an empty list), and the HTTP status of a response whose body is broken is
 * reported however the bytes arrive. */
static void test_fuzz_findings(void)
{
    static const char object[] = "HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n{\"a\":[1]}";
    static const char bad_chunk[] = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n";
    tv_client c;
    tv_client_io io;
    tv_sink sink = tv_sink_callback(NULL, NULL);
    int seen = 0;
    sink = tv_sink_callback(count, &seen);

    tv_script_init(&script, object, sizeof object - 1);
    io = (tv_client_io){NULL, NULL, tv_script_transport(&script)};
    setup(&c, &io);
    TV_CHECK_INT(tv_order_list(&c, &sink), TV_ERR_JSON_TYPE);
    TV_CHECK_INT(seen, 0);
    tv_client_free(&c);

    for (int split = 0; split < 2; split++) {
        tv_script_init(&script, bad_chunk, sizeof bad_chunk - 1);
        script.max_recv = split ? 1 : 0;
        io = (tv_client_io){NULL, NULL, tv_script_transport(&script)};
        setup(&c, &io);
        TV_CHECK_INT(tv_order_list(&c, &sink), TV_ERR_HTTP_BAD_CHUNK);
        TV_CHECK_INT(tv_client_last_call(&c)->http_status, 200);
        tv_client_free(&c);
    }
}

int main(void)
{
    TV_RUN(test_place_order_bytes);
    TV_RUN(test_ipv6_literal);
    TV_RUN(test_refused_values);
    TV_RUN(test_fuzz_findings);
    TV_RUN(test_list_trickle);
    return tv_test_summary();
}
