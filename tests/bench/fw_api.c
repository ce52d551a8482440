/*
 * The footprint image of `make bench`: a Cortex-M4 application that links
 * the client with every one of its operations, so that --gc-sections keeps
 * the whole seed API (the firmware test image of tests/firmware/ only does
 * TLS). It logs in, places an order and streams the order list, and keeps
 * every other operation reachable through a table the optimiser cannot see
 * through. Built for its size only (bench.mk); it runs like the test image
 * (host and port on the QEMU command line) but `make bench` does not run it.
 */
#include <stdint.h>
#include <string.h>

#include "bench_client.h"
#include "board.h"

#ifndef TV_FW_ARENA_SIZE
#define TV_FW_ARENA_SIZE (48u * 1024u)
#endif

extern const uint8_t tv_fw_ca[];
extern const uint8_t tv_fw_ca_end[];

static uint8_t arena[TV_FW_ARENA_SIZE] __attribute__((aligned(8)));
static tv_client client;
static bench_memory memory;

typedef void (*any_fn)(void);
#define KEEP(fn) (any_fn)(fn)
#define KEEP_ENTITY(e)                                                                             \
    KEEP(tv_##e##_list), KEEP(tv_##e##_item), KEEP(tv_##e##_items), KEEP(tv_##e##_deps),           \
        KEEP(tv_##e##_ldeps)

/* Every operation of tv_api.h and tv_client.h. */
static const any_fn operations[] = {
    KEEP(tv_auth_request_token),
    KEEP(tv_auth_renew_token),
    KEEP(tv_auth_me),
    KEEP(tv_server_timestamp),
    KEEP(tv_oidc_userinfo),
    KEEP(tv_order_place),
    KEEP(tv_order_place_oco),
    KEEP(tv_order_place_oso),
    KEEP(tv_order_modify),
    KEEP(tv_order_cancel),
    KEEP(tv_order_liquidate_position),
    KEEP(tv_order_liquidate_positions),
    KEEP(tv_order_dry_run),
    KEEP(tv_order_strategy_start),
    KEEP(tv_order_strategy_modify),
    KEEP(tv_order_strategy_interrupt),
    KEEP(tv_order_reconcile),
    KEEP(tv_account_list),
    KEEP(tv_position_list),
    KEEP(tv_contract_find),
    KEEP(tv_contract_item),
    KEEP(tv_client_request),
    KEEP(tv_client_retry_penalty),
    KEEP(tv_sink_array),
    KEEP_ENTITY(command),
    KEEP_ENTITY(command_report),
    KEEP_ENTITY(execution_report),
    KEEP_ENTITY(fill),
    KEEP_ENTITY(fill_fee),
    KEEP_ENTITY(order),
    KEEP_ENTITY(order_strategy),
    KEEP_ENTITY(order_strategy_link),
    KEEP_ENTITY(order_version),
};

/* Read at run time, so no entry of the table can be proven unused. */
static volatile size_t keep_index = sizeof operations / sizeof operations[0];

static int count_order(void *user, const void *entity)
{
    (void)entity;
    (*(uint32_t *)user)++;
    return 0;
}

static void print_status(const char *what, int rc)
{
    board_print(what);
    board_print(": ");
    board_print(tv_err_name(rc));
    board_print("\n");
}

int main(void)
{
    static const tv_credentials creds = {.name = "demo", .password = "demo-password"};
    board_init();
    if (keep_index < sizeof operations / sizeof operations[0]) {
        operations[keep_index]();
    }
    tv_client_config cfg;
    bench_config(&cfg, &memory, "https://127.0.0.1:443/v1", tv_fw_ca,
                 (size_t)(tv_fw_ca_end - tv_fw_ca), &creds);
    int rc = tv_tls_arena_init(arena, sizeof arena);
    rc = rc == TV_OK ? tv_client_init(&client, &cfg) : rc;
    rc = rc == TV_OK ? tv_auth_request_token(&client, NULL) : rc;
    if (rc == TV_OK) {
        tv_place_order req;
        tv_place_order_result out;
        bench_order(&req);
        rc = tv_order_place(&client, &req, &out);
    }
    if (rc == TV_OK) {
        uint32_t orders = 0;
        tv_sink sink = tv_sink_callback(count_order, &orders);
        rc = tv_order_list(&client, &sink);
    }
    print_status("result", rc);
    tv_client_free(&client);
    return rc == TV_OK ? 0 : 1;
}
