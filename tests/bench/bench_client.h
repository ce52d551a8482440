/*
 * What the benchmark's programs built on libtradovate share: the caller's
 * memory of one client (what a firmware image would declare), its
 * configuration, and the order every placeOrder sends. Used by bench_tv.c
 * (host) and fw_api.c (Cortex-M4 footprint image).
 */
#ifndef BENCH_CLIENT_H
#define BENCH_CLIENT_H

#include <string.h>

#include "tradovate/tv_api.h"

typedef struct bench_memory {
    uint8_t request[1024];
    uint8_t response[4096];
    tv_json_tok tokens[64];
    char token[512];
} bench_memory;

static inline void bench_config(tv_client_config *cfg, bench_memory *m, const char *base_url,
                                const uint8_t *ca, size_t ca_len, const tv_credentials *creds)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->base_url = base_url;
    cfg->ca = ca;
    cfg->ca_len = ca_len;
    cfg->credentials = creds;
    cfg->request_buf = m->request;
    cfg->request_size = sizeof m->request;
    cfg->response_buf = m->response;
    cfg->response_size = sizeof m->response;
    cfg->tokens = m->tokens;
    cfg->token_count = sizeof m->tokens / sizeof m->tokens[0];
    cfg->access_token_buf = m->token;
    cfg->access_token_size = sizeof m->token;
}

/* A day limit order to buy one ESZ6 at 5000.25 (bench_curl.c sends the same). */
static inline void bench_order(tv_place_order *req)
{
    memset(req, 0, sizeof *req);
    TV_SET(req, tv_place_order, account_id, 1001);
    req->action = TV_ACTION_BUY;
    req->symbol = "ESZ6";
    req->order_qty = 1;
    req->order_type = TV_ORDER_TYPE_LIMIT;
    TV_SET(req, tv_place_order, price, 5000.25);
    TV_SET(req, tv_place_order, time_in_force, TV_TIME_IN_FORCE_DAY);
    TV_SET(req, tv_place_order, is_automated, true);
}

#endif /* BENCH_CLIENT_H */
