/* The request writer: exact bytes, injection attempts, exact fits, sending. */
#include "tv_test.h"

#include "scripted_transport.h"
#include "tradovate/tv_http.h"
#include "tv_endpoints.h"
#include "tv_http_priv.h"

#define DEADLINE 777u

static tv_http_req rq;
static uint8_t buf[4096];

static void check_request(const char *want)
{
    size_t n;
    const uint8_t *p = tv_http_req_data(&rq, &n);
    TV_CHECK(p != NULL);
    if (p != NULL) {
        TV_CHECK_MEM(p, n, want, strlen(want));
    }
}

static void test_get_with_query(void)
{
    static const int64_t ids[] = {1, 2, 3};
    TV_CHECK_INT(tv_http_req_begin(&rq, buf, sizeof buf, TV_HTTP_GET, "/v1", "/order/items"),
                 TV_OK);
    TV_CHECK_INT(tv_http_req_query_ids(&rq, "ids", ids, 3), TV_OK);
    TV_CHECK_INT(tv_http_req_query_str(&rq, "name", "ES Z6&x=1,2"), TV_OK);
    TV_CHECK_INT(tv_http_req_query_i64(&rq, "masterid", -7), TV_OK);
    TV_CHECK_INT(tv_http_req_host(&rq, "demo.tradovateapi.com", 443, true), TV_OK);
    TV_CHECK_INT(tv_http_req_bearer(&rq, "eyJhbGciOi.J9-x_y~z+/=="), TV_OK);
    TV_CHECK_INT(tv_http_req_finish(&rq), TV_OK);
    check_request("GET /v1/order/items?ids=1,2,3&name=ES%20Z6%26x%3D1%2C2&masterid=-7 HTTP/1.1\r\n"
                  "Host: demo.tradovateapi.com\r\n"
                  "Accept: application/json\r\n"
                  "Authorization: Bearer eyJhbGciOi.J9-x_y~z+/==\r\n"
                  "\r\n");
}

static void test_get_plain(void)
{
    /* No base path, no query, no token; non-default port; extra header;
     * asking the server to close. */
    TV_CHECK_INT(tv_http_req_begin(&rq, buf, sizeof buf, TV_HTTP_GET, NULL, "/auth/me"), TV_OK);
    TV_CHECK_INT(tv_http_req_host(&rq, "127.0.0.1", 8080, false), TV_OK);
    TV_CHECK_INT(tv_http_req_header(&rq, "User-Agent", "libtradovate/0.1 (\tx)"), TV_OK);
    TV_CHECK_INT(tv_http_req_connection_close(&rq), TV_OK);
    TV_CHECK_INT(tv_http_req_finish(&rq), TV_OK);
    check_request("GET /auth/me HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nAccept: application/json\r\n"
                  "User-Agent: libtradovate/0.1 (\tx)\r\nConnection: close\r\n\r\n");

    /* Default ports are left out; the other scheme's default is not. */
    TV_CHECK_INT(tv_http_req_begin(&rq, buf, sizeof buf, TV_HTTP_HEAD, "", "/"), TV_OK);
    TV_CHECK_INT(tv_http_req_host(&rq, "[::1]", 80, false), TV_OK);
    TV_CHECK_INT(tv_http_req_finish(&rq), TV_OK);
    check_request("HEAD / HTTP/1.1\r\nHost: [::1]\r\nAccept: application/json\r\n\r\n");
    /* a bare IPv6 literal (as getaddrinfo takes it) gets its brackets */
    TV_CHECK_INT(tv_http_req_begin(&rq, buf, sizeof buf, TV_HTTP_GET, "", "/"), TV_OK);
    TV_CHECK_INT(tv_http_req_host(&rq, "2001:db8::ffff:1.2.3.4", 8443, true), TV_OK);
    TV_CHECK_INT(tv_http_req_finish(&rq), TV_OK);
    check_request("GET / HTTP/1.1\r\nHost: [2001:db8::ffff:1.2.3.4]:8443\r\n"
                  "Accept: application/json\r\n\r\n");
    TV_CHECK_INT(tv_http_req_begin(&rq, buf, sizeof buf, TV_HTTP_GET, "", "/"), TV_OK);
    TV_CHECK_INT(tv_http_req_host(&rq, "fe80::1%eth0", 443, true), TV_ERR_BAD_STRING);
    TV_CHECK_INT(tv_http_req_begin(&rq, buf, sizeof buf, TV_HTTP_DELETE, "/a%2Fb", "/c:d@e"),
                 TV_OK);
    TV_CHECK_INT(tv_http_req_host(&rq, "h", 80, true), TV_OK);
    TV_CHECK_INT(tv_http_req_finish(&rq), TV_OK);
    check_request("DELETE /a%2Fb/c:d@e HTTP/1.1\r\nHost: h:80\r\nAccept: application/json\r\n\r\n");
}

static void test_post_with_body(void)
{
    uint8_t *body;
    size_t room;
    TV_CHECK_INT(tv_http_req_begin(&rq, buf, sizeof buf, TV_HTTP_POST, "/v1", "/order/placeorder"),
                 TV_OK);
    TV_CHECK_INT(tv_http_req_host(&rq, "localhost", 8443, true), TV_OK);
    TV_CHECK_INT(tv_http_req_bearer(&rq, "abc.def-ghi"), TV_OK);
    TV_CHECK_INT(tv_http_req_body_begin(&rq, &body, &room), TV_OK);
    TV_CHECK(body > buf && body < buf + sizeof buf);
    TV_CHECK_INT(room, sizeof buf - (size_t)(body - buf));
    /* The JSON writer writes straight into the request buffer. */
    memcpy(body, "{\"accountId\":123}", 17);
    TV_CHECK_INT(tv_http_req_body_end(&rq, 17), TV_OK);
    check_request("POST /v1/order/placeorder HTTP/1.1\r\nHost: localhost:8443\r\n"
                  "Accept: application/json\r\nAuthorization: Bearer abc.def-ghi\r\n"
                  "Content-Type: application/json\r\nContent-Length: 17\r\n\r\n"
                  "{\"accountId\":123}");
    TV_CHECK_INT(tv_http_req_body_end(&rq, 17), TV_ERR_STATE);

    TV_CHECK_INT(tv_http_req_begin(&rq, buf, sizeof buf, TV_HTTP_POST, "/v1", "/x"), TV_OK);
    TV_CHECK_INT(tv_http_req_host(&rq, "h", 443, true), TV_OK);
    TV_CHECK_INT(tv_http_req_body(&rq, NULL, 0), TV_OK);
    check_request("POST /v1/x HTTP/1.1\r\nHost: h\r\nAccept: application/json\r\n"
                  "Content-Type: application/json\r\nContent-Length: 0\r\n\r\n");
}

static void test_query_values(void)
{
    static const int64_t ids[] = {INT64_MIN, 0, INT64_MAX};
    TV_CHECK_INT(tv_http_req_begin(&rq, buf, sizeof buf, TV_HTTP_GET, NULL, "/q"), TV_OK);
    TV_CHECK_INT(tv_http_req_query_ids(&rq, "masterids", ids, 3), TV_OK);
    TV_CHECK_INT(tv_http_req_query_i64(&rq, "l", 0), TV_OK);
    TV_CHECK_INT(tv_http_req_query_str(&rq, "t", ""), TV_OK);
    TV_CHECK_INT(tv_http_req_query_str(&rq, "a b", "\r\nHost: evil"), TV_OK);
    TV_CHECK_INT(tv_http_req_host(&rq, "h", 443, true), TV_OK);
    TV_CHECK_INT(tv_http_req_finish(&rq), TV_OK);
    check_request(
        "GET /q?masterids=-9223372036854775808,0,9223372036854775807&l=0&t="
        "&a%20b=%0D%0AHost%3A%20evil HTTP/1.1\r\nHost: h\r\nAccept: application/json\r\n\r\n");
}

/* Every byte value: unreserved ones stay, all others become %XX. */
static void test_percent_encoding_table(void)
{
    static const char hex[] = "0123456789ABCDEF";
    for (int c = 1; c < 256; c++) {
        char value[2] = {(char)c, 0};
        char want[96];
        bool keep = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    c == '-' || c == '.' || c == '_' || c == '~';
        int n = keep ? snprintf(want, sizeof want, "GET /?v=%c HTTP", c)
                     : snprintf(want, sizeof want, "GET /?v=%%%c%c HTTP", hex[c >> 4], hex[c & 15]);
        TV_CHECK_INT(tv_http_req_begin(&rq, buf, sizeof buf, TV_HTTP_GET, NULL, "/"), TV_OK);
        TV_CHECK_INT(tv_http_req_query_str(&rq, "v", value), TV_OK);
        TV_CHECK_INT(tv_http_req_host(&rq, "h", 443, true), TV_OK);
        TV_CHECK_INT(tv_http_req_finish(&rq), TV_OK);
        TV_CHECK_MEM(buf, (size_t)n, want, (size_t)n);
    }
}

/* Nothing a caller passes can put CR, LF, NUL or a space where it would
 * change the request's structure. */
static void test_injection_refused(void)
{
    static const char *const bad_paths[] = {"/a\r\nX: y", "/a b", "/a?b=c", "/a#f",      "/a\tb",
                                            "/%4",        "/%zz", "/a\x7f", "/\xc3\xa9", "/a\"b"};
    for (size_t i = 0; i < sizeof bad_paths / sizeof *bad_paths; i++) {
        TV_CHECK_INT(tv_http_req_begin(&rq, buf, sizeof buf, TV_HTTP_GET, NULL, bad_paths[i]),
                     TV_ERR_BAD_STRING);
        TV_CHECK_INT(tv_http_req_begin(&rq, buf, sizeof buf, TV_HTTP_GET, bad_paths[i], "/ok"),
                     TV_ERR_BAD_STRING);
    }
    static const char *const bad_hosts[] = {"h\r\nX: y", "h h",  "h/x",   "u@h", "h:443",
                                            "h\n",       "[::1", "h\x01", "h?"};
    for (size_t i = 0; i < sizeof bad_hosts / sizeof *bad_hosts; i++) {
        TV_CHECK_INT(tv_http_req_begin(&rq, buf, sizeof buf, TV_HTTP_GET, NULL, "/"), TV_OK);
        TV_CHECK_INT(tv_http_req_host(&rq, bad_hosts[i], 443, true), TV_ERR_BAD_STRING);
    }
    static const char *const bad_tokens[] = {"a\r\nX: y", "a b", "a\tb", "a\x7f", "a\x80", "a\n"};
    for (size_t i = 0; i < sizeof bad_tokens / sizeof *bad_tokens; i++) {
        TV_CHECK_INT(tv_http_req_begin(&rq, buf, sizeof buf, TV_HTTP_GET, NULL, "/"), TV_OK);
        TV_CHECK_INT(tv_http_req_host(&rq, "h", 443, true), TV_OK);
        TV_CHECK_INT(tv_http_req_bearer(&rq, bad_tokens[i]), TV_ERR_BAD_STRING);
        TV_CHECK(tv_http_req_data(&rq, NULL) == NULL);
    }
    static const char *const bad_names[] = {"X-A:", "X A", "X\r\nY", "X-\xc3\xa9", "(x)", "a/b"};
    static const char *const bad_values[] = {"a\r\nX: y", "a\rb", "a\nb", "a\x01", "a\x7f"};
    for (size_t i = 0; i < sizeof bad_names / sizeof *bad_names; i++) {
        TV_CHECK_INT(tv_http_req_begin(&rq, buf, sizeof buf, TV_HTTP_GET, NULL, "/"), TV_OK);
        TV_CHECK_INT(tv_http_req_host(&rq, "h", 443, true), TV_OK);
        TV_CHECK_INT(tv_http_req_header(&rq, bad_names[i], "v"), TV_ERR_BAD_STRING);
    }
    for (size_t i = 0; i < sizeof bad_values / sizeof *bad_values; i++) {
        TV_CHECK_INT(tv_http_req_begin(&rq, buf, sizeof buf, TV_HTTP_GET, NULL, "/"), TV_OK);
        TV_CHECK_INT(tv_http_req_host(&rq, "h", 443, true), TV_OK);
        TV_CHECK_INT(tv_http_req_header(&rq, "X-Ok", bad_values[i]), TV_ERR_BAD_STRING);
    }
    /* The writer owns the framing headers. */
    static const char *const reserved[] = {"Host", "content-length", "Content-Type",
                                           "TRANSFER-ENCODING"};
    for (size_t i = 0; i < sizeof reserved / sizeof *reserved; i++) {
        TV_CHECK_INT(tv_http_req_begin(&rq, buf, sizeof buf, TV_HTTP_GET, NULL, "/"), TV_OK);
        TV_CHECK_INT(tv_http_req_host(&rq, "h", 443, true), TV_OK);
        TV_CHECK_INT(tv_http_req_header(&rq, reserved[i], "1"), TV_ERR_INVALID_ARG);
    }
}

/* The client's writers for values it checked when it stored them: the same
 * checks as the public writers, the same bytes without them; and every path
 * of the endpoint table passes (the client writes those unchecked). */
static void test_checked_writers(void)
{
    static const char *const bad_paths[] = {"/a b", "/%4", "/a\r\n", "/\xc3\xa9"};
    for (size_t i = 0; i < sizeof bad_paths / sizeof *bad_paths; i++) {
        TV_CHECK(!tv_http_path_ok(bad_paths[i]));
    }
    TV_CHECK(!tv_http_host_ok("h h") && !tv_http_host_ok("") && tv_http_host_ok("[::1]"));
    TV_CHECK(tv_http_host_ok("::1") && !tv_http_host_ok("::g") && !tv_http_host_ok("::1]"));
    TV_CHECK(!tv_http_token_ok("a b", 3) && !tv_http_token_ok("abcdefgh\x80", 9));
    TV_CHECK(tv_http_token_ok("abcdefgh.ijk", 12) && !tv_http_token_ok("", 0));
    for (int e = 0; e < TV_EP_COUNT; e++) {
        if (tv_endpoints[e].path != NULL) {
            TV_CHECK(tv_http_path_ok(tv_endpoints[e].path));
        }
        if (tv_path_ops[tv_endpoints[e].op] != NULL) {
            TV_CHECK(tv_endpoints[e].path != NULL &&
                     tv_http_path_ok(tv_path_ops[tv_endpoints[e].op]));
        }
    }
    /* checked: a bad operation suffix is refused like a bad path */
    TV_CHECK_INT(
        tv_http_req_begin_parts(&rq, buf, sizeof buf, TV_HTTP_GET, "/v1", "/order", "/li st", true),
        TV_ERR_BAD_STRING);
    TV_CHECK_INT(tv_http_req_begin_parts(&rq, buf, sizeof buf, TV_HTTP_POST, "/v1", "/order",
                                         "/list", false),
                 TV_OK);
    TV_CHECK_INT(tv_http_req_host_checked(&rq, "localhost", 8443, true, false), TV_OK);
    TV_CHECK_INT(tv_http_req_bearer_checked(&rq, "abc.def-ghi", 11), TV_OK);
    TV_CHECK_INT(tv_http_req_finish(&rq), TV_OK);
    check_request("POST /v1/order/list HTTP/1.1\r\nHost: localhost:8443\r\n"
                  "Accept: application/json\r\nAuthorization: Bearer abc.def-ghi\r\n\r\n");
    TV_CHECK_INT(tv_http_req_begin_parts(&rq, buf, sizeof buf, TV_HTTP_GET, NULL, "x", NULL, false),
                 TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_http_req_begin_parts(&rq, buf, 8, TV_HTTP_GET, NULL, "/a", NULL, false), TV_OK);
    TV_CHECK_INT(tv_http_req_host_checked(&rq, "h", 443, true, false), TV_ERR_REQUEST_TOO_LARGE);
    /* a bare IPv6 host the caller already classified */
    TV_CHECK(tv_http_host_is_bare_v6("fe80::1") && !tv_http_host_is_bare_v6("[::1]") &&
             !tv_http_host_is_bare_v6("localhost"));
    TV_CHECK_INT(tv_http_req_begin(&rq, buf, sizeof buf, TV_HTTP_GET, "", "/"), TV_OK);
    TV_CHECK_INT(tv_http_req_host_checked(&rq, "fe80::1", 443, true, true), TV_OK);
    TV_CHECK_INT(tv_http_req_finish(&rq), TV_OK);
    check_request("GET / HTTP/1.1\r\nHost: [fe80::1]\r\nAccept: application/json\r\n\r\n");
}

static void test_usage_errors(void)
{
    static const int64_t one = 1;
    TV_CHECK_INT(tv_http_req_begin(NULL, buf, sizeof buf, TV_HTTP_GET, NULL, "/"),
                 TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_http_req_begin(&rq, NULL, 10, TV_HTTP_GET, NULL, "/"), TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_http_req_begin(&rq, buf, sizeof buf, (tv_http_method)9, NULL, "/"),
                 TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_http_req_begin(&rq, buf, sizeof buf, TV_HTTP_GET, NULL, "x"),
                 TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_http_req_begin(&rq, buf, sizeof buf, TV_HTTP_GET, NULL, ""),
                 TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_http_req_begin(&rq, buf, sizeof buf, TV_HTTP_GET, "v1", "/x"),
                 TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_http_req_begin(&rq, buf, sizeof buf, TV_HTTP_GET, NULL, NULL),
                 TV_ERR_INVALID_ARG);

    TV_CHECK_INT(tv_http_req_begin(&rq, buf, sizeof buf, TV_HTTP_GET, NULL, "/"), TV_OK);
    TV_CHECK_INT(tv_http_req_query_ids(&rq, "ids", &one, 0), TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_http_req_begin(&rq, buf, sizeof buf, TV_HTTP_GET, NULL, "/"), TV_OK);
    TV_CHECK_INT(tv_http_req_query_str(&rq, "", "v"), TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_http_req_begin(&rq, buf, sizeof buf, TV_HTTP_GET, NULL, "/"), TV_OK);
    TV_CHECK_INT(tv_http_req_host(&rq, "h", 0, true), TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_http_req_begin(&rq, buf, sizeof buf, TV_HTTP_GET, NULL, "/"), TV_OK);
    TV_CHECK_INT(tv_http_req_host(&rq, "", 443, true), TV_ERR_INVALID_ARG);
    TV_CHECK_INT(tv_http_req_begin(&rq, buf, sizeof buf, TV_HTTP_GET, NULL, "/"), TV_OK);
    TV_CHECK_INT(tv_http_req_host(&rq, "h", 443, true), TV_OK);
    TV_CHECK_INT(tv_http_req_bearer(&rq, ""), TV_ERR_INVALID_ARG);

    /* Out of order: the request fails and stays failed. */
    TV_CHECK_INT(tv_http_req_begin(&rq, buf, sizeof buf, TV_HTTP_GET, NULL, "/"), TV_OK);
    TV_CHECK_INT(tv_http_req_header(&rq, "X", "y"), TV_ERR_STATE);
    TV_CHECK_INT(tv_http_req_host(&rq, "h", 443, true), TV_ERR_STATE);
    TV_CHECK_INT(tv_http_req_finish(&rq), TV_ERR_STATE);
    TV_CHECK(tv_http_req_data(&rq, NULL) == NULL);
    TV_CHECK_INT(tv_http_req_begin(&rq, buf, sizeof buf, TV_HTTP_GET, NULL, "/"), TV_OK);
    TV_CHECK_INT(tv_http_req_host(&rq, "h", 443, true), TV_OK);
    TV_CHECK_INT(tv_http_req_query_i64(&rq, "late", 1), TV_ERR_STATE);
    TV_CHECK_INT(tv_http_req_begin(&rq, buf, sizeof buf, TV_HTTP_GET, NULL, "/"), TV_OK);
    TV_CHECK_INT(tv_http_req_host(&rq, "h", 443, true), TV_OK);
    TV_CHECK_INT(tv_http_req_body_end(&rq, 0), TV_ERR_STATE);

    uint8_t *body;
    size_t room;
    TV_CHECK_INT(tv_http_req_begin(&rq, buf, sizeof buf, TV_HTTP_POST, NULL, "/"), TV_OK);
    TV_CHECK_INT(tv_http_req_host(&rq, "h", 443, true), TV_OK);
    TV_CHECK_INT(tv_http_req_body_begin(&rq, &body, &room), TV_OK);
    TV_CHECK_INT(tv_http_req_header(&rq, "X", "late"), TV_ERR_STATE);
    TV_CHECK_INT(tv_http_req_begin(&rq, buf, sizeof buf, TV_HTTP_POST, NULL, "/"), TV_OK);
    TV_CHECK_INT(tv_http_req_host(&rq, "h", 443, true), TV_OK);
    TV_CHECK_INT(tv_http_req_body_begin(&rq, &body, &room), TV_OK);
    TV_CHECK_INT(tv_http_req_body_end(&rq, room + 1), TV_ERR_INVALID_ARG);
    TV_CHECK(tv_http_req_data(&rq, NULL) == NULL);
}

/* Builds a GET that is `len` bytes long into out[cap]; returns the status. */
static int build_get(uint8_t *out, size_t cap)
{
    int rc = tv_http_req_begin(&rq, out, cap, TV_HTTP_GET, "/v1", "/fill/item");
    if (rc == TV_OK)
        rc = tv_http_req_query_i64(&rq, "id", 1234567);
    if (rc == TV_OK)
        rc = tv_http_req_host(&rq, "live.tradovateapi.com", 443, true);
    if (rc == TV_OK)
        rc = tv_http_req_bearer(&rq, "TOKEN-0123456789");
    if (rc == TV_OK)
        rc = tv_http_req_finish(&rq);
    return rc;
}

/* Every capacity below the exact size fails cleanly and writes nothing past
 * the buffer; the exact size works. */
static void test_get_exact_fit(void)
{
    static const char want[] =
        "GET /v1/fill/item?id=1234567 HTTP/1.1\r\nHost: live.tradovateapi.com\r\n"
        "Accept: application/json\r\nAuthorization: Bearer TOKEN-0123456789\r\n\r\n";
    const size_t len = sizeof want - 1;
    uint8_t area[sizeof want + 16];
    for (size_t cap = 0; cap < len; cap++) {
        memset(area, 0xA5, sizeof area);
        TV_CHECK_INT(build_get(area, cap), TV_ERR_REQUEST_TOO_LARGE);
        TV_CHECK(tv_http_req_data(&rq, NULL) == NULL);
        TV_CHECK_INT(area[cap], 0xA5);
    }
    memset(area, 0xA5, sizeof area);
    TV_CHECK_INT(build_get(area, len), TV_OK);
    check_request(want);
    TV_CHECK_INT(area[len], 0xA5);
}

/* POSTs whose bodies straddle powers of ten: the reserved Content-Length
 * digits never cost the exact fit, whichever side of the gap moves. */
static void test_post_exact_fit(void)
{
    static const size_t sizes[] = {0, 1, 8, 9, 10, 11, 98, 99, 100, 101, 998, 999, 1000, 1001};
    static const char *const tokens[] = {NULL,
                                         "a-long-token-so-the-head-is-longer-than-a-small-body"};
    static uint8_t area[2048], want[2048], body_bytes[1100];
    for (size_t i = 0; i < sizeof body_bytes; i++) {
        body_bytes[i] = (uint8_t)('a' + i % 26);
    }
    for (size_t ti = 0; ti < 2; ti++) {
        for (size_t si = 0; si < sizeof sizes / sizeof *sizes; si++) {
            size_t n = sizes[si];
            int hl = snprintf((char *)want, sizeof want,
                              "POST /o HTTP/1.1\r\nHost: h\r\nAccept: application/json\r\n%s%s%s"
                              "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n",
                              tokens[ti] ? "Authorization: Bearer " : "",
                              tokens[ti] ? tokens[ti] : "", tokens[ti] ? "\r\n" : "", n);
            memcpy(want + hl, body_bytes, n);
            size_t len = (size_t)hl + n;
            /* Exact, one short, and roomier buffers (whose spare digit
             * bytes must be closed up by moving the head or the body). */
            const size_t caps[] = {len - 1, len, len + 1, len + 3, sizeof area - 1};
            for (size_t ci = 0; ci < sizeof caps / sizeof *caps; ci++) {
                size_t cap = caps[ci];
                memset(area, 0xA5, sizeof area);
                uint8_t *body;
                size_t room;
                int rc = tv_http_req_begin(&rq, area, cap, TV_HTTP_POST, NULL, "/o");
                if (rc == TV_OK)
                    rc = tv_http_req_host(&rq, "h", 443, true);
                if (rc == TV_OK && tokens[ti])
                    rc = tv_http_req_bearer(&rq, tokens[ti]);
                if (rc == TV_OK)
                    rc = tv_http_req_body_begin(&rq, &body, &room);
                if (rc == TV_OK && n > room)
                    rc = TV_ERR_REQUEST_TOO_LARGE;
                if (rc == TV_OK) {
                    memcpy(body, body_bytes, n);
                    rc = tv_http_req_body_end(&rq, n);
                }
                TV_CHECK_INT(rc, cap >= len ? TV_OK : TV_ERR_REQUEST_TOO_LARGE);
                TV_CHECK_INT(area[cap], 0xA5);
                if (rc == TV_OK) {
                    size_t got;
                    const uint8_t *p = tv_http_req_data(&rq, &got);
                    TV_CHECK_MEM(p, got, want, len);
                }
            }
            /* The copying convenience agrees. */
            TV_CHECK_INT(tv_http_req_begin(&rq, area, len - 1, TV_HTTP_POST, NULL, "/o"), TV_OK);
            TV_CHECK_INT(tv_http_req_host(&rq, "h", 443, true), TV_OK);
            if (tokens[ti])
                TV_CHECK_INT(tv_http_req_bearer(&rq, tokens[ti]), TV_OK);
            TV_CHECK_INT(tv_http_req_body(&rq, body_bytes, n), TV_ERR_REQUEST_TOO_LARGE);
        }
    }
}

static void build_post(void)
{
    TV_CHECK_INT(tv_http_req_begin(&rq, buf, sizeof buf, TV_HTTP_POST, "/v1", "/order/cancelorder"),
                 TV_OK);
    TV_CHECK_INT(tv_http_req_host(&rq, "h", 443, true), TV_OK);
    TV_CHECK_INT(tv_http_req_bearer(&rq, "secret-token"), TV_OK);
    TV_CHECK_INT(tv_http_req_body(&rq, "{\"orderId\":1}", 13), TV_OK);
}

static void test_send(void)
{
    static uint8_t record[512];
    tv_script s;
    tv_transport t = tv_script_transport(&s);
    size_t len;

    /* Head and body leave in one send call. */
    build_post();
    const uint8_t *data = tv_http_req_data(&rq, &len);
    tv_script_init(&s, NULL, 0);
    tv_script_record(&s, record, sizeof record);
    TV_CHECK_INT(tv_http_req_send(&rq, &t, DEADLINE), TV_OK);
    TV_CHECK_INT(s.send_calls, 1);
    TV_CHECK_MEM(record, s.sent_len, data, len);
    TV_CHECK_INT(rq.sent, len);
    TV_CHECK_INT(s.last_deadline, DEADLINE);
    TV_CHECK_INT(tv_http_req_send(&rq, &t, DEADLINE), TV_OK);
    TV_CHECK_INT(s.send_calls, 1);

    /* Short writes and would-block: resumed until complete. */
    build_post();
    tv_script_init(&s, NULL, 0);
    tv_script_record(&s, record, sizeof record);
    s.max_send = 7;
    s.send_block_every = true;
    int rc = TV_ERR_WOULD_BLOCK;
    for (int guard = 0; guard < 1000 && rc == TV_ERR_WOULD_BLOCK; guard++) {
        rc = tv_http_req_send(&rq, &t, 0);
    }
    TV_CHECK_INT(rc, TV_OK);
    TV_CHECK_MEM(record, s.sent_len, data, len);

    /* A failure mid-request: rq.sent says how much may have left. */
    for (size_t k = 0; k < len; k++) {
        build_post();
        tv_script_init(&s, NULL, 0);
        s.max_send = 5;
        s.send_fail_at = k;
        TV_CHECK_INT(tv_http_req_send(&rq, &t, DEADLINE), TV_ERR_CONNECTION_RESET);
        TV_CHECK_INT(rq.sent, k);
    }

    TV_CHECK_INT(tv_http_req_begin(&rq, buf, sizeof buf, TV_HTTP_GET, NULL, "/"), TV_OK);
    TV_CHECK_INT(tv_http_req_send(&rq, &t, DEADLINE), TV_ERR_STATE);
    TV_CHECK_INT(tv_http_req_send(&rq, NULL, DEADLINE), TV_ERR_INVALID_ARG);
}

static int32_t send_zero(void *ctx, const uint8_t *b, size_t len, uint64_t deadline)
{
    (void)ctx, (void)b, (void)len, (void)deadline;
    return 0;
}

static void test_send_contract(void)
{
    tv_transport t = {NULL, send_zero, NULL};
    build_post();
    TV_CHECK_INT(tv_http_req_send(&rq, &t, DEADLINE), TV_ERR_IO);
}

static void test_wipe(void)
{
    build_post();
    tv_http_req_wipe(&rq);
    size_t zeros = 0;
    for (size_t i = 0; i < sizeof buf; i++) {
        zeros += buf[i] == 0;
    }
    TV_CHECK_INT(zeros, sizeof buf);
    TV_CHECK(tv_http_req_data(&rq, NULL) == NULL);
    TV_CHECK_INT(tv_http_req_finish(&rq), TV_ERR_STATE);
    tv_http_req_wipe(NULL);
    tv_http_wipe(NULL, 0);
    uint8_t secret[8] = "pa55wd!";
    tv_http_wipe(secret, sizeof secret);
    TV_CHECK_MEM(secret, sizeof secret, "\0\0\0\0\0\0\0\0", 8);
    /* A request whose begin failed can be wiped too. */
    TV_CHECK_INT(tv_http_req_begin(&rq, buf, 3, TV_HTTP_GET, NULL, "/"), TV_ERR_REQUEST_TOO_LARGE);
    tv_http_req_wipe(&rq);
}

int main(void)
{
    TV_RUN(test_get_with_query);
    TV_RUN(test_get_plain);
    TV_RUN(test_post_with_body);
    TV_RUN(test_query_values);
    TV_RUN(test_percent_encoding_table);
    TV_RUN(test_injection_refused);
    TV_RUN(test_checked_writers);
    TV_RUN(test_usage_errors);
    TV_RUN(test_get_exact_fit);
    TV_RUN(test_post_exact_fit);
    TV_RUN(test_send);
    TV_RUN(test_send_contract);
    TV_RUN(test_wipe);
    return tv_test_summary();
}
