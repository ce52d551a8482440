/* Shared set-up for tests against the simulator; see client_fixture.h. */
#include "client_fixture.h"

#include <stdio.h>
#include <string.h>

#include "tradovate/tv_tls.h"

static uint8_t tv_fixture_arena_mem[512 * 1024];
static int tv_fixture_arena_done;

int tv_fixture_arena_with(uint8_t *mem, size_t len)
{
    tv_fixture_arena_done = 1;
    int rc = tv_tls_arena_init(mem, len);
    if (rc != TV_OK) {
        fprintf(stderr, "cannot set up the TLS arena\n");
    }
    return rc;
}

void tv_fixture_arena(void)
{
    if (!tv_fixture_arena_done) {
        (void)tv_fixture_arena_with(tv_fixture_arena_mem, sizeof tv_fixture_arena_mem);
    }
}

int tv_fixture_client(tv_fixture *f, const tv_sim *sim, size_t response_size)
{
    tv_fixture_arena();
    memset(&f->creds, 0, sizeof f->creds);
    f->creds.name = "demo";
    f->creds.password = "demo-password";
    f->creds.app_id = "libtradovate";
    f->creds.app_version = "0.1";
    f->creds.device_id = "test-device";
    f->creds.sec = "demo-secret";
    f->creds.cid = 1;
    f->creds.has_cid = true;
    f->response = f->response_store;
    f->response_size = response_size;
    tv_client_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.base_url = sim->base_url;
    cfg.ca = sim->ca;
    cfg.ca_len = sim->ca_len;
    cfg.credentials = &f->creds;
    cfg.timeout_ms = 5000;
    cfg.request_buf = f->request;
    cfg.request_size = sizeof f->request;
    cfg.response_buf = f->response;
    cfg.response_size = response_size;
    cfg.tokens = f->tokens;
    cfg.token_count = sizeof f->tokens / sizeof f->tokens[0];
    cfg.access_token_buf = f->token;
    cfg.access_token_size = sizeof f->token;
    return tv_client_init(&f->client, &cfg);
}

tv_place_order tv_fixture_market_order(int64_t account_id, const char *symbol, int32_t qty)
{
    tv_place_order o;
    memset(&o, 0, sizeof o);
    TV_SET(&o, tv_place_order, account_id, account_id);
    o.symbol = symbol;
    o.action = TV_ACTION_BUY;
    o.order_qty = qty;
    o.order_type = TV_ORDER_TYPE_MARKET;
    TV_SET(&o, tv_place_order, is_automated, true);
    return o;
}

int tv_sim_admin(const tv_sim *sim, const char *method, const char *path, const char *json,
                 const char **body)
{
    static tv_fixture admin;
    static uint16_t admin_port;
    if (admin_port != sim->port) {
        if (admin_port != 0) {
            tv_client_free(&admin.client);
        }
        tv_sim url_only = *sim;
        memcpy(url_only.base_url, sim->admin_url, sizeof url_only.base_url);
        int rc = tv_fixture_client(&admin, &url_only, sizeof admin.response_store);
        if (rc != TV_OK) {
            return rc;
        }
        admin.client.cfg.credentials = NULL; /* the admin API takes no token */
        admin_port = sim->port;
    }
    tv_raw_response out;
    int rc = tv_client_request(&admin.client, strcmp(method, "POST") == 0 ? TV_HTTP_POST
                                                                          : TV_HTTP_GET,
                               path, NULL, json, &out);
    if (body != NULL) {
        *body = out.body;
    }
    return rc == TV_OK ? out.http_status : rc;
}

int64_t tv_sim_counter(const tv_sim *sim, const char *key)
{
    const char *body = NULL;
    char pat[128];
    if (tv_sim_admin(sim, "GET", "/sim/counters", NULL, &body) != 200 || body == NULL) {
        return -1;
    }
    snprintf(pat, sizeof pat, "\"%s\":", key);
    const char *p = strstr(body, pat);
    if (p == NULL) {
        return -1;
    }
    p += strlen(pat);
    while (*p == ' ') {
        p++;
    }
    int64_t v = 0;
    if (*p < '0' || *p > '9') {
        return -1;
    }
    while (*p >= '0' && *p <= '9') {
        v = v * 10 + (*p++ - '0');
    }
    return v;
}
