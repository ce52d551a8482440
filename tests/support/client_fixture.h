/*
 * Shared set-up for tests that talk to the simulator through the library:
 * the process's TLS arena, a client on caller-sized buffers, and an admin
 * client for the simulator's /sim API (also through the library).
 */
#ifndef TV_CLIENT_FIXTURE_H
#define TV_CLIENT_FIXTURE_H

#include "sim_process.h"
#include "tradovate/tv_api.h"
#include "tradovate/tv_client.h"

/* A client and the buffers it runs on (sizes chosen per test). */
typedef struct tv_fixture {
    tv_client client;
    tv_credentials creds;
    uint8_t request[4096];
    uint8_t *response; /* points into response_store */
    size_t response_size;
    uint8_t response_store[65536];
    tv_json_tok tokens[1024];
    char token[2048];
} tv_fixture;

/* Once per process: the TLS arena (512 KB static), unless the test chose
 * its own with tv_fixture_arena_with() first. */
void tv_fixture_arena(void);

/* Use the caller's arena instead (a test that measures it); call before
 * anything else here. Returns tv_tls_arena_init()'s status. */
int tv_fixture_arena_with(uint8_t *mem, size_t len);

/* A client for `sim` as the demo user, with a response buffer of
 * response_size bytes (<= 65536). Returns the init status. */
int tv_fixture_client(tv_fixture *f, const tv_sim *sim, size_t response_size);

/* A market order of the demo world: qty contracts of symbol, bought for the
 * account, marked automated. */
tv_place_order tv_fixture_market_order(int64_t account_id, const char *symbol, int32_t qty);

/* An admin call to the simulator: method "GET"/"POST", path like
 * "/sim/fault", JSON body or NULL. Returns the HTTP status (200 expected) or
 * a negative status; *body (if non-NULL) points to the answer until the next
 * admin call. */
int tv_sim_admin(const tv_sim *sim, const char *method, const char *path, const char *json,
                 const char **body);

/* A number from the admin counters: the value after "key": in the JSON text
 * of GET /sim/counters (first occurrence), -1 if absent. */
int64_t tv_sim_counter(const tv_sim *sim, const char *key);

#endif /* TV_CLIENT_FIXTURE_H */
