/*
 * The client against a misbehaving server (the simulator's fault injection):
 * every response classified the same way, orders placed at most once, and
 * the client usable after every failure.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "client_fixture.h"
#include "tv_test.h"

static tv_sim sim;
static tv_fixture fx;
#define C (&fx.client)

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static void fault(const char *json)
{
    TV_CHECK_INT(tv_sim_admin(&sim, "POST", "/sim/fault", json, NULL), 200);
}

static tv_place_order market(void)
{
    tv_place_order o;
    memset(&o, 0, sizeof o);
    TV_SET(&o, tv_place_order, account_id, 1001);
    o.symbol = "ESZ6";
    o.action = TV_ACTION_BUY;
    o.order_qty = 1;
    o.order_type = TV_ORDER_TYPE_MARKET;
    return o;
}

/* How many orders the simulator applied for this clOrdId (0 if none). */
static int64_t placed(const char *cl_ord_id)
{
    int64_t n = tv_sim_counter(&sim, cl_ord_id);
    return n < 0 ? 0 : n;
}

static int64_t requests(const char *path)
{
    int64_t n = tv_sim_counter(&sim, path);
    return n < 0 ? 0 : n;
}

/* After any failure the next call on the same client works. */
static void check_usable(void)
{
    tv_me_response me;
    TV_CHECK_INT(tv_auth_me(C, &me), TV_OK);
    TV_CHECK_INT(me.user_id, 101);
}

static void test_business_failures(void)
{
    tv_place_order o = market();
    tv_place_order_result r;
    o.order_qty = 0;
    TV_CHECK_INT(tv_order_place(C, &o, &r), TV_ERR_BUSINESS);
    const tv_call_info *ci = tv_client_last_call(C);
    TV_CHECK_INT(ci->http_status, 200);
    TV_CHECK(ci->failure_text != NULL && ci->failure_text[0] != '\0');
    TV_CHECK(ci->failure_reason != TV_FAILURE_REASON_SUCCESS);
    TV_CHECK(TV_HAS(&r, tv_place_order_result, failure_text)); /* the result is filled too */

    o = market();
    o.symbol = "XXZ9";
    TV_CHECK_INT(tv_order_place(C, &o, &r), TV_ERR_BUSINESS);
    TV_CHECK_INT(tv_client_last_call(C)->failure_reason, TV_FAILURE_REASON_INVALID_CONTRACT);

    o = market();
    o.order_type = TV_ORDER_TYPE_LIMIT; /* no price */
    TV_CHECK_INT(tv_order_place(C, &o, &r), TV_ERR_BUSINESS);

    tv_cancel_order cx;
    tv_command_result cr;
    memset(&cx, 0, sizeof cx);
    cx.order_id = 123456;
    TV_CHECK_INT(tv_order_cancel(C, &cx, &cr), TV_ERR_BUSINESS);

    /* request struct errors are the caller's: nothing is sent */
    int64_t before = requests("/order/placeorder");
    o = market();
    o.symbol = NULL;
    TV_CHECK_INT(tv_order_place(C, &o, &r), TV_ERR_INVALID_ARG);
    TV_CHECK_STR(tv_client_last_call(C)->detail, "symbol");
    o = market();
    o.action = TV_ACTION_UNRECOGNIZED;
    TV_CHECK_INT(tv_order_place(C, &o, &r), TV_ERR_INVALID_ARG);
    o = market();
    o.text = "bad\xff utf-8";
    TV_CHECK_INT(tv_order_place(C, &o, &r), TV_ERR_BAD_STRING);
    TV_CHECK_INT(requests("/order/placeorder"), before);
    check_usable();
}

static void test_http_statuses(void)
{
    tv_sink none = tv_sink_callback(NULL, NULL);
    tv_order o;
    fault("{\"kind\":\"status\",\"code\":429,\"path\":\"/order/item\"}");
    TV_CHECK_INT(tv_order_item(C, 1, &o), TV_ERR_RATE_LIMITED);
    TV_CHECK_INT(tv_client_last_call(C)->http_status, 429);
    fault("{\"kind\":\"status\",\"code\":423,\"path\":\"/order/item\"}");
    TV_CHECK_INT(tv_order_item(C, 1, &o), TV_ERR_RATE_LIMIT_WARNING);
    fault("{\"kind\":\"status\",\"code\":503,\"path\":\"/order/item\"}");
    TV_CHECK_INT(tv_order_item(C, 1, &o), TV_ERR_SERVER);
    fault("{\"kind\":\"status\",\"code\":400,\"path\":\"/order/item\","
          "\"body\":\"{\\\"errorText\\\":\\\"bad request\\\"}\"}");
    TV_CHECK_INT(tv_order_item(C, 1, &o), TV_ERR_BAD_REQUEST);
    TV_CHECK_STR(tv_client_last_call(C)->failure_text, "bad request");
    TV_CHECK_INT(tv_order_item(C, 1, &o), TV_ERR_NOT_FOUND);
    (void)none;
    check_usable();
}

static void test_penalty(void)
{
    tv_place_order o = market();
    tv_place_order_result r;
    fault("{\"kind\":\"penalty\",\"path\":\"/order/placeorder\",\"p_time\":1}");
    TV_CHECK_INT(tv_order_place(C, &o, &r), TV_ERR_PENALTY);
    const tv_call_info *ci = tv_client_last_call(C);
    TV_CHECK_INT(ci->penalty_wait_s, 1);
    TV_CHECK(!ci->penalty_captcha);
    char id[TV_CL_ORD_ID_MAX + 1];
    memcpy(id, ci->cl_ord_id, sizeof id);
    TV_CHECK_INT(placed(id), 0);
    /* too early: the service hands out another ticket */
    TV_CHECK_INT(tv_client_retry_penalty(C, &r), TV_ERR_PENALTY);
    sleep_ms(1100);
    /* the token is "due for renewal": the retry must still resend the kept
     * body (a renewal first would overwrite it) */
    fx.client.cfg.renew_margin_s = 1000000;
    TV_CHECK_INT(tv_client_retry_penalty(C, &r), TV_OK);
    fx.client.cfg.renew_margin_s = 0;
    TV_CHECK(r.order_id > 0);
    TV_CHECK_STR(tv_client_last_call(C)->cl_ord_id, id); /* the identical body */
    TV_CHECK_INT(placed(id), 1);
    TV_CHECK_INT(tv_client_retry_penalty(C, &r), TV_ERR_STATE); /* nothing pending */

    /* captcha: stop; the client says so */
    fault("{\"kind\":\"penalty\",\"path\":\"/order/placeorder\",\"p_time\":3600,"
          "\"captcha\":true}");
    TV_CHECK_INT(tv_order_place(C, &o, &r), TV_ERR_PENALTY_CAPTCHA);
    TV_CHECK(tv_client_last_call(C)->penalty_captcha);
    TV_CHECK_INT(tv_client_last_call(C)->penalty_wait_s, 3600);
    TV_CHECK_INT(placed(tv_client_last_call(C)->cl_ord_id), 0);

    /* a penalty on login: the retry resends the credentials' body */
    fault("{\"kind\":\"penalty\",\"path\":\"/auth/accesstokenrequest\",\"p_time\":1}");
    tv_access_token_response a;
    TV_CHECK_INT(tv_auth_request_token(C, &a), TV_ERR_PENALTY);
    sleep_ms(1100);
    TV_CHECK_INT(tv_client_retry_penalty(C, &a), TV_OK);
    TV_CHECK(a.access_token == NULL);
    TV_CHECK(tv_client_logged_in(C));
    check_usable();
}

/* The "did my order go through?" case, both ways, and never twice. */
static void test_outcome_unknown(void)
{
    tv_place_order o = market();
    tv_place_order_result r;
    tv_reconcile_result rec;
    char id[TV_CL_ORD_ID_MAX + 1];

    fault("{\"kind\":\"close_before_response\",\"path\":\"/order/placeorder\"}");
    TV_CHECK_INT(tv_order_place(C, &o, &r), TV_ERR_OUTCOME_UNKNOWN);
    const tv_call_info *ci = tv_client_last_call(C);
    TV_CHECK(ci->sent);
    TV_CHECK(ci->cause == TV_ERR_PEER_CLOSED || ci->cause == TV_ERR_HTTP_TRUNCATED);
    memcpy(id, ci->cl_ord_id, sizeof id);
    TV_CHECK_INT(tv_order_reconcile(C, id, &rec), TV_OK);
    TV_CHECK(rec.found);
    TV_CHECK(rec.order_id > 0);
    TV_CHECK_INT(rec.command_type, TV_COMMAND_TYPE_NEW);
    TV_CHECK_INT(placed(id), 1); /* applied once, never resent */

    fault("{\"kind\":\"close_before_apply\",\"path\":\"/order/placeorder\",\"abort\":true}");
    TV_CHECK_INT(tv_order_place(C, &o, &r), TV_ERR_OUTCOME_UNKNOWN);
    memcpy(id, tv_client_last_call(C)->cl_ord_id, sizeof id);
    TV_CHECK_INT(tv_order_reconcile(C, id, &rec), TV_OK);
    TV_CHECK(!rec.found);
    TV_CHECK_INT(placed(id), 0);

    /* a broken answer to an accepted order is unknown too */
    static const char *const broken[] = {
        "{\"kind\":\"close_mid_body\",\"path\":\"/order/placeorder\"}",
        "{\"kind\":\"truncated_body\",\"path\":\"/order/placeorder\"}",
        "{\"kind\":\"malformed_json\",\"path\":\"/order/placeorder\"}",
        "{\"kind\":\"status\",\"code\":502,\"apply\":true,\"path\":\"/order/placeorder\"}",
        "{\"kind\":\"delay\",\"ms\":1500,\"path\":\"/order/placeorder\"}",
    };
    for (size_t i = 0; i < sizeof broken / sizeof broken[0]; i++) {
        fault(broken[i]);
        fx.client.cfg.timeout_ms = i == 4 ? 500 : 5000;
        TV_CHECK_INT(tv_order_place(C, &o, &r), TV_ERR_OUTCOME_UNKNOWN);
        fx.client.cfg.timeout_ms = 5000;
        memcpy(id, tv_client_last_call(C)->cl_ord_id, sizeof id);
        if (i == 4) {
            TV_CHECK_INT(tv_client_last_call(C)->cause, TV_ERR_TIMEOUT);
            sleep_ms(1200); /* let the slow order land */
        }
        TV_CHECK_INT(tv_order_reconcile(C, id, &rec), TV_OK);
        TV_CHECK(rec.found);
        TV_CHECK_INT(placed(id), 1);
    }
    check_usable();
}

static void test_framing_and_keepalive(void)
{
    tv_me_response me;
    int64_t conns = tv_sim_counter(&sim, "connections");
    for (int i = 0; i < 5; i++) {
        TV_CHECK_INT(tv_auth_me(C, &me), TV_OK);
    }
    TV_CHECK_INT(tv_sim_counter(&sim, "connections"), conns); /* one connection reused */

    fault("{\"kind\":\"chunked\",\"count\":3,\"min\":1,\"max\":5,\"seed\":7,\"ext\":true,"
          "\"trailer\":true,\"path\":\"/auth/me\"}");
    for (int i = 0; i < 3; i++) {
        TV_CHECK_INT(tv_auth_me(C, &me), TV_OK);
        TV_CHECK_STR(me.name, "demo");
    }
    fault("{\"kind\":\"drip\",\"path\":\"/auth/me\"}");
    TV_CHECK_INT(tv_auth_me(C, &me), TV_OK);
    TV_CHECK_STR(me.email, "demo@example.com");

    /* the server closes after answering: the next call reconnects (resuming TLS) */
    fault("{\"kind\":\"connection_close\",\"path\":\"/auth/me\"}");
    TV_CHECK_INT(tv_auth_me(C, &me), TV_OK);
    TV_CHECK_INT(tv_auth_me(C, &me), TV_OK);
    TV_CHECK(tv_client_last_call(C)->reconnected);
    TV_CHECK(tv_client_last_call(C)->resumed);

    /* a response larger than the buffer: refused, never truncated */
    fault("{\"kind\":\"oversized\",\"size\":40000,\"path\":\"/auth/me\"}");
    TV_CHECK_INT(tv_auth_me(C, &me), TV_ERR_HTTP_BODY_TOO_LARGE);
    fault("{\"kind\":\"malformed_json\",\"path\":\"/auth/me\"}");
    TV_CHECK_INT(tv_auth_me(C, &me), TV_ERR_JSON_TRAILING_COMMA);
    fault("{\"kind\":\"raw\",\"path\":\"/auth/me\",\"data\":\"HTTP/1.1 200 OK\\r\\n"
          "Content-Length: 2\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n{}\"}");
    TV_CHECK_INT(tv_auth_me(C, &me), TV_ERR_HTTP_CONFLICTING_LENGTH);
    fault("{\"kind\":\"truncated_body\",\"path\":\"/auth/me\"}");
    TV_CHECK_INT(tv_auth_me(C, &me), TV_ERR_HTTP_TRUNCATED);
    check_usable();
}

/* A kept-alive connection the server dropped while idle: a GET goes again
 * once on a new connection; a POST is checked before it is sent. */
static void test_stale_connection(void)
{
    tv_me_response me;
    TV_CHECK_INT(tv_sim_admin(&sim, "POST", "/sim/config", "{\"idle_timeout\":0.3}", NULL), 200);
    /* a new connection, which the server now drops after 0.3 s idle */
    fault("{\"kind\":\"connection_close\",\"path\":\"/auth/me\"}");
    TV_CHECK_INT(tv_auth_me(C, &me), TV_OK);
    TV_CHECK_INT(tv_auth_me(C, &me), TV_OK);
    sleep_ms(600);
    TV_CHECK_INT(tv_auth_me(C, &me), TV_OK);
    TV_CHECK(tv_client_last_call(C)->reconnected);
    sleep_ms(600);
    tv_place_order o = market();
    tv_place_order_result r;
    TV_CHECK_INT(tv_order_place(C, &o, &r), TV_OK);
    TV_CHECK_INT(placed(tv_client_last_call(C)->cl_ord_id), 1);
    TV_CHECK_INT(tv_sim_admin(&sim, "POST", "/sim/config", "{\"idle_timeout\":30}", NULL), 200);
}

static void test_auth_life_cycle(void)
{
    tv_me_response me;
    /* short tokens, renewed ahead of expiry by the client itself */
    TV_CHECK_INT(tv_sim_admin(&sim, "POST", "/sim/config", "{\"token_lifetime\":4}", NULL), 200);
    fx.client.cfg.renew_margin_s = 2;
    TV_CHECK_INT(tv_auth_request_token(C, NULL), TV_OK);
    TV_CHECK(tv_client_token_seconds_left(C) <= 4);
    int64_t renewals = requests("/auth/renewaccesstoken");
    TV_CHECK_INT(tv_auth_me(C, &me), TV_OK); /* 3-4 s left > 2 s margin: no renewal */
    TV_CHECK_INT(requests("/auth/renewaccesstoken"), renewals);
    sleep_ms(2200);
    TV_CHECK_INT(tv_auth_me(C, &me), TV_OK); /* inside the margin: renewed first */
    TV_CHECK_INT(requests("/auth/renewaccesstoken"), renewals + 1);

    /* fully expired: renewal is no longer possible, the client logs in again */
    int64_t logins = requests("/auth/accesstokenrequest");
    sleep_ms(4200);
    TV_CHECK(!tv_client_logged_in(C));
    TV_CHECK_INT(tv_auth_me(C, &me), TV_OK);
    TV_CHECK_INT(requests("/auth/accesstokenrequest"), logins + 1);
    TV_CHECK_INT(tv_sim_admin(&sim, "POST", "/sim/config", "{\"token_lifetime\":4800}", NULL),
                 200);
    TV_CHECK_INT(tv_auth_request_token(C, NULL), TV_OK);
    fx.client.cfg.renew_margin_s = 0;

    /* a 401 on a GET: one renewal and one retry; on a POST: nothing resent */
    fault("{\"kind\":\"status\",\"code\":401,\"path\":\"/auth/me\"}");
    TV_CHECK_INT(tv_auth_me(C, &me), TV_OK);
    fault("{\"kind\":\"status\",\"code\":401,\"path\":\"/order/placeorder\"}");
    tv_place_order o = market();
    tv_place_order_result r;
    TV_CHECK_INT(tv_order_place(C, &o, &r), TV_ERR_UNAUTHORIZED);
    TV_CHECK_INT(placed(tv_client_last_call(C)->cl_ord_id), 0);

    /* wrong password: a business failure with the service's text */
    fx.creds.password = "wrong";
    tv_access_token_response a;
    TV_CHECK_INT(tv_auth_request_token(C, &a), TV_ERR_BUSINESS);
    TV_CHECK(tv_client_last_call(C)->failure_text != NULL);
    TV_CHECK(!tv_client_logged_in(C));
    fx.creds.password = "demo-password";
    check_usable(); /* logs in again by itself */
}

/* 10,000 orders through a 4 KB response buffer, each decoded and checked. */
typedef struct list_check {
    size_t n;
    int64_t last_id;
    int bad;
} list_check;

static int check_order(void *user, const void *entity)
{
    list_check *lc = (list_check *)user;
    const tv_order *o = (const tv_order *)entity;
    lc->bad += o->id <= lc->last_id || o->account_id != 1002 ||
               o->ord_status == TV_ORD_STATUS_UNRECOGNIZED;
    lc->last_id = o->id;
    lc->n++;
    return 0;
}

static int stop_at_3(void *user, const void *entity)
{
    (void)entity;
    return ++*(int *)user == 3;
}

static void test_long_list_small_buffer(void)
{
    static tv_fixture small;
    TV_CHECK_INT(tv_fixture_client(&small, &sim, 4096), TV_OK);
    TV_CHECK_INT(tv_sim_admin(&sim, "POST", "/sim/seed-orders",
                              "{\"count\":10000,\"accountId\":1002}", NULL),
                 200);
    list_check lc = {0, 0, 0};
    tv_sink sink = tv_sink_callback(check_order, &lc);
    TV_CHECK_INT(tv_order_deps(&small.client, 1002, &sink), TV_OK);
    TV_CHECK_INT(lc.n, 10000);
    TV_CHECK_INT(sink.count, 10000);
    TV_CHECK_INT(lc.bad, 0);

    /* the same, chunked in small random pieces */
    fault("{\"kind\":\"chunked\",\"min\":1,\"max\":300,\"seed\":11,\"path\":\"/order/deps\"}");
    lc = (list_check){0, 0, 0};
    sink = tv_sink_callback(check_order, &lc);
    TV_CHECK_INT(tv_order_deps(&small.client, 1002, &sink), TV_OK);
    TV_CHECK_INT(lc.n, 10000);
    TV_CHECK_INT(lc.bad, 0);

    /* the caller stops early: the rest is dropped with the connection */
    int seen = 0;
    sink = tv_sink_callback(stop_at_3, &seen);
    TV_CHECK_INT(tv_order_deps(&small.client, 1002, &sink), TV_ERR_ABORTED);
    TV_CHECK_INT(seen, 3);

    /* array mode with too little room */
    tv_order few[5];
    sink = tv_sink_array(few, 5, NULL, 0);
    TV_CHECK_INT(tv_order_deps(&small.client, 1002, &sink), TV_ERR_BUFFER_TOO_SMALL);
    TV_CHECK_INT(sink.count, 5);

    /* one element larger than the whole buffer */
    fault("{\"kind\":\"oversized\",\"size\":9000,\"path\":\"/auth/me\"}");
    tv_me_response me;
    TV_CHECK_INT(tv_auth_me(&small.client, &me), TV_ERR_HTTP_BODY_TOO_LARGE);
    TV_CHECK_INT(tv_auth_me(&small.client, &me), TV_OK);
    tv_client_free(&small.client);
}

int main(void)
{
    if (tv_sim_start(&sim, NULL) != 0) {
        return 1;
    }
    TV_CHECK_INT(tv_fixture_client(&fx, &sim, 16384), TV_OK);
    TV_CHECK_INT(tv_auth_request_token(C, NULL), TV_OK);
    TV_RUN(test_business_failures);
    TV_RUN(test_http_statuses);
    TV_RUN(test_penalty);
    TV_RUN(test_outcome_unknown);
    TV_RUN(test_framing_and_keepalive);
    TV_RUN(test_stale_connection);
    TV_RUN(test_auth_life_cycle);
    TV_RUN(test_long_list_small_buffer);
    tv_client_free(C);
    TV_CHECK_INT(tv_sim_stop(&sim), 0);
    return tv_test_summary();
}
