/*
 * libtradovate behind the benchmark harness (bench.h): one client on the
 * caller's fixed buffers, typed requests and results, orders streamed from
 * order/list into a tv_order one at a time.
 */
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "bench_client.h"

const char bench_client_name[] = "libtradovate";

#define BENCH_ARENA_SIZE (128u * 1024u)

static uint8_t arena[BENCH_ARENA_SIZE] __attribute__((aligned(8)));
static int arena_ready;
static tv_client client;
static int client_ready;
static bench_memory memory;
static uint8_t ca[16384];
static size_t ca_len;
static const tv_credentials creds = {
    .name = "demo",
    .password = "demo-password",
    .app_id = "libtradovate",
    .app_version = "0.1",
    .device_id = "bench-device",
    .cid = 1,
    .has_cid = true,
    .sec = "demo-secret",
};

static int load_ca(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        perror(path);
        return -1;
    }
    ca_len = fread(ca, 1, sizeof ca - 1, f);
    fclose(f);
    ca[ca_len++] = '\0'; /* mbedTLS wants PEM with its terminator counted */
    return 0;
}

int bench_client_init(const char *base_url, const char *ca_path)
{
    if (!arena_ready) {
        if (tv_tls_arena_init(arena, sizeof arena) != TV_OK || load_ca(ca_path) != 0) {
            return -1;
        }
        arena_ready = 1;
    }
    tv_client_config cfg;
    bench_config(&cfg, &memory, base_url, ca, ca_len, &creds);
    int rc = tv_client_init(&client, &cfg);
    if (rc != TV_OK) {
        fprintf(stderr, "tv_client_init: %s\n", tv_err_name(rc));
        return -1;
    }
    client_ready = 1;
    return 0;
}

static int check(const char *what, int rc)
{
    if (rc != TV_OK) {
        fprintf(stderr, "%s: %s (HTTP %d)\n", what, tv_err_name(rc),
                tv_client_last_call(&client)->http_status);
        return -1;
    }
    return 0;
}

int bench_client_login(void)
{
    return check("login", tv_auth_request_token(&client, NULL));
}

int bench_client_place(void)
{
    tv_place_order req;
    tv_place_order_result out;
    bench_order(&req);
    if (check("placeOrder", tv_order_place(&client, &req, &out)) != 0) {
        return -1;
    }
    return out.order_id == BENCH_ORDER_ID ? 0 : -1;
}

static int on_order(void *user, const void *entity)
{
    bench_list_sum *sum = user;
    const tv_order *o = entity;
    BENCH_ORDER_SUM(sum, *o);
    return 0;
}

int bench_client_list(bench_list_sum *sum)
{
    tv_sink sink = tv_sink_callback(on_order, sum);
    return check("order/list", tv_order_list(&client, &sink));
}

int bench_client_resumed(void)
{
    const tv_call_info *last = tv_client_last_call(&client);
    return last->reconnected && last->resumed;
}

void bench_client_free(void)
{
    if (client_ready) {
        tv_client_free(&client);
        client_ready = 0;
    }
}

void bench_client_report(FILE *out)
{
    size_t buffers = sizeof memory;
    fprintf(out, "client_struct %zu\n", sizeof client);
    fprintf(out, "buffers %zu\n", buffers);
    fprintf(out, "arena_peak %zu\n", tv_tls_arena_peak(arena, sizeof arena));
}
