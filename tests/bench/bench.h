/*
 * The benchmark harness and the two clients it drives.
 *
 * One harness (bench_main.c) runs every scenario of `make bench`; it is
 * linked twice, once with our client (bench_tv.c, libtradovate) and once
 * with the client a C programmer would otherwise write (bench_curl.c,
 * libcurl + cJSON). Both clients send the same requests to the same nginx
 * and decode the same answers into the same kind of typed structs, so that
 * every figure compares like with like.
 *
 *   BENCH MODE BASE_URL CA_PEM N [TIMES_FILE]
 *
 * Modes (each logs in first, with the same credentials):
 *   place      N placeOrder round trips on one kept-alive connection
 *   list       N order/list calls, every order decoded into a typed struct
 *   cold       N times: a new client, connect + full handshake + login
 *   reconnect  N placeOrders, each on a new connection (the server closes
 *              after every answer; it decides whether sessions resume)
 *   session    memory of a whole session: login, 100 placeOrders, one list
 *   listmem    memory of one order/list (its length is the server's)
 *
 * Only bench_measured() does the measured work, so callgrind can count it
 * alone (--toggle-collect=bench_measured); TIMES_FILE receives the wall
 * time of each measured iteration in nanoseconds, one per line.
 */
#ifndef BENCH_H
#define BENCH_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* What a client decoded from order/list calls, to check both agree. */
typedef struct bench_list_sum {
    uint64_t count;
    uint64_t id_sum;   /* sum of id + accountId + parentId ... (wrapping) */
    uint64_t time_sum; /* sum of timestamps, ms (wrapping) */
    uint64_t enum_sum; /* sum of the action and ordStatus codes */
} bench_list_sum;

/* Adds one decoded order (a tv_order or the libcurl client's twin) to a sum. */
#define BENCH_ORDER_SUM(sum, o)                                                                    \
    do {                                                                                           \
        (sum)->count++;                                                                            \
        (sum)->id_sum += (uint64_t)(o).id + (uint64_t)(o).account_id + (uint64_t)(o).contract_id + \
                         (uint64_t)(o).spread_definition_id +                                      \
                         (uint64_t)(o).execution_provider_id + (uint64_t)(o).oco_id +              \
                         (uint64_t)(o).parent_id + (uint64_t)(o).linked_id + (uint64_t)(o).admin;  \
        (sum)->time_sum += (uint64_t)(o).timestamp;                                                \
        (sum)->enum_sum += (uint64_t)(o).action + (uint64_t)(o).ord_status;                        \
    } while (0)

/* The orderId every placeOrder answer carries (tests/bench/nginx.conf.in). */
#define BENCH_ORDER_ID 4000000000001LL

/* ---- implemented by each client ---------------------------------------- */

/* The client's name for the report ("libtradovate", "libcurl+cJSON"). */
extern const char bench_client_name[];

/* A new client for base_url (e.g. https://127.0.0.1:PORT/v1) trusting the
 * PEM file ca_path. No network traffic. 0 or -1. */
int bench_client_init(const char *base_url, const char *ca_path);

/* POST /auth/accesstokenrequest; keeps the token. 0 or -1. */
int bench_client_login(void);

/* POST /order/placeorder (the same order every time) and decode the
 * answer; 0 when it is the expected orderId, else -1. */
int bench_client_place(void);

/* GET /order/list; decode every order into a typed struct and add it to
 * *sum. 0 or -1. */
int bench_client_list(bench_list_sum *sum);

/* Whether the last call opened a new connection that resumed a TLS session:
 * 1, 0, or -1 when the client cannot tell. */
int bench_client_resumed(void);

/* Close the connection and release everything. */
void bench_client_free(void);

/* Client-specific memory figures, as "key value" lines. */
void bench_client_report(FILE *out);

#endif /* BENCH_H */
