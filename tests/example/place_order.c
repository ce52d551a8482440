/*
 * The README's quick start: log in, place a market order, read it back,
 * list the account's orders. Build against an installed libtradovate:
 *
 *   cc place_order.c $(pkg-config --cflags --libs tradovate) -o place_order
 *   ./place_order https://127.0.0.1:PORT/v1 build/sim-certs/ca.pem
 *
 * (tests/api/test_install.py does exactly that, with gcc and g++, against
 * the simulator.) Credentials come from the environment, as in the CLI.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tradovate/tradovate.h>

/* All memory is ours: static here, a task's stack or a pool on a device. */
static uint8_t tls_arena[48 * 1024];
static uint8_t request[2048], response[8192];
static tv_json_tok tokens[256];
static char access_token[1024];
static uint8_t ca[16384];

static int print_order(void *user, const void *entity)
{
    const tv_order *o = (const tv_order *)entity;
    (void)user;
    printf("order %lld %s %s\n", (long long)o->id, tv_action_name(o->action),
           tv_ord_status_name(o->ord_status) ? tv_ord_status_name(o->ord_status) : "?");
    return 0; /* non-zero would stop the list */
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s BASE_URL CA_FILE\n", argv[0]);
        return 2;
    }
    FILE *f = fopen(argv[2], "rb");
    size_t ca_len = f ? fread(ca, 1, sizeof ca, f) : 0;
    if (f) {
        fclose(f);
    }

    tv_credentials creds;
    memset(&creds, 0, sizeof creds);
    creds.name = getenv("TRADOVATE_USER");
    creds.password = getenv("TRADOVATE_PASSWORD");

    tv_client_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.base_url = argv[1];
    cfg.ca = ca;
    cfg.ca_len = ca_len;
    cfg.credentials = &creds;
    cfg.request_buf = request;
    cfg.request_size = sizeof request;
    cfg.response_buf = response;
    cfg.response_size = sizeof response;
    cfg.tokens = tokens;
    cfg.token_count = sizeof tokens / sizeof tokens[0];
    cfg.access_token_buf = access_token;
    cfg.access_token_size = sizeof access_token;

    static tv_client client;
    int rc = tv_tls_arena_init(tls_arena, sizeof tls_arena);
    if (rc == TV_OK) {
        rc = tv_client_init(&client, &cfg);
    }
    if (rc != TV_OK) {
        fprintf(stderr, "setup: %s\n", tv_strerror(rc));
        return 1;
    }

    /* The first call logs in by itself; renewal is automatic too. */
    tv_place_order order;
    memset(&order, 0, sizeof order);
    TV_SET(&order, tv_place_order, account_id, 1001);
    order.symbol = "ESZ6";
    order.action = TV_ACTION_BUY;
    order.order_qty = 1;
    order.order_type = TV_ORDER_TYPE_MARKET;
    TV_SET(&order, tv_place_order, is_automated, true);

    tv_place_order_result placed;
    rc = tv_order_place(&client, &order, &placed);
    if (rc == TV_ERR_OUTCOME_UNKNOWN) {
        /* The answer was lost: ask the service instead of sending it again. */
        tv_reconcile_result r;
        const char *id = tv_client_last_call(&client)->cl_ord_id;
        if (tv_order_reconcile(&client, id, &r) == TV_OK && r.found) {
            placed.order_id = r.order_id;
            rc = TV_OK;
        }
    }
    if (rc != TV_OK) {
        fprintf(stderr, "place: %s (%s)\n", tv_err_name(rc), tv_strerror(rc));
        return 1;
    }
    printf("placed order %lld\n", (long long)placed.order_id);

    tv_sink sink = tv_sink_callback(print_order, NULL);
    rc = tv_order_deps(&client, 1001, &sink);
    printf("%zu orders (%s)\n", sink.count, tv_err_name(rc));
    tv_client_free(&client);
    return rc == TV_OK ? 0 : 1;
}
