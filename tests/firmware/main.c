/*
 * The firmware test image: what an application on a Cortex-M4 does with the
 * library, end to end, through the public client API. It hands mbedTLS a
 * static arena, sets up a client trusting the CA compiled into the image
 * (ca.S), and makes three calls:
 *
 *   Get Timestamp   connects: TCP, a full TLS handshake, one request
 *   log in          on the same kept-alive connection
 *   account list    after the server closed that connection: a new one,
 *                   which resumes the TLS session
 *
 * and reports each call's outcome, connection and resumption, and the arena's
 * peak, on the semihosting console. tests/firmware/run.py runs it against
 * the simulator (which answers the login with `Connection: close`).
 *
 * The command line (QEMU -append) is "base-url [pipe-prefix]"; semihosting
 * hands it over after the image's own name.
 */
#include <stdint.h>
#include <string.h>

#include "board.h"
#include "tradovate/tv_api.h"
#include "tradovate/tv_client.h"

#ifndef TV_FW_ARENA_SIZE
#define TV_FW_ARENA_SIZE (48u * 1024u)
#endif

extern const uint8_t tv_fw_ca[];
extern const uint8_t tv_fw_ca_end[];

static uint8_t arena[TV_FW_ARENA_SIZE] __attribute__((aligned(8)));
static uint8_t request_buf[2048];
static uint8_t response_buf[4096];
static tv_json_tok tokens[256];
static char token_buf[1024];
static tv_client client;

static const tv_credentials credentials = {
    .name = "demo",
    .password = "demo-password",
    .app_id = "libtradovate",
    .app_version = "0.1",
    .device_id = "firmware-test-image",
    .cid = 1,
    .has_cid = true,
    .sec = "demo-secret",
};

/* ---- small text helpers (no printf in the image) ---------------------- */

static void print_num(uint32_t v)
{
    char digits[11];
    size_t i = sizeof digits - 1;
    digits[i] = '\0';
    do {
        digits[--i] = (char)('0' + v % 10u);
        v /= 10u;
    } while (v != 0 && i > 0);
    board_print(digits + i);
}

/* "what: STATUS (new connection, resumed)" for the call just made. */
static int report(const char *what, int rc)
{
    const tv_call_info *info = tv_client_last_call(&client);
    board_print(what);
    board_print(": ");
    board_print(tv_err_name(rc));
    board_print(info->reconnected ? " (new connection" : " (same connection");
    board_print(info->reconnected ? (info->resumed ? ", resumed)\n" : ", full handshake)\n")
                                  : ")\n");
    return rc;
}

/* Splits the next space-separated word off *p into out (NUL-terminated). */
static const char *next_word(char **p, char *out, size_t cap, const char *fallback)
{
    size_t n = 0;
    while (**p == ' ') {
        (*p)++;
    }
    while (**p != '\0' && **p != ' ' && n + 1 < cap) {
        out[n++] = *(*p)++;
    }
    out[n] = '\0';
    return n > 0 ? out : fallback;
}

static int count_account(void *user, const void *entity)
{
    (void)entity;
    (*(uint32_t *)user)++;
    return TV_OK;
}

static int run(const char *base_url)
{
    tv_client_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.base_url = base_url;
    cfg.ca = tv_fw_ca;
    cfg.ca_len = (size_t)(tv_fw_ca_end - tv_fw_ca);
    cfg.credentials = &credentials;
    cfg.request_buf = request_buf;
    cfg.request_size = sizeof request_buf;
    cfg.response_buf = response_buf;
    cfg.response_size = sizeof response_buf;
    cfg.tokens = tokens;
    cfg.token_count = sizeof tokens / sizeof tokens[0];
    cfg.access_token_buf = token_buf;
    cfg.access_token_size = sizeof token_buf;
    int rc = tv_client_init(&client, &cfg);
    if (rc != TV_OK) {
        return report("client setup", rc);
    }
    int64_t server_ms = 0;
    rc = report("Get Timestamp", tv_server_timestamp(&client, &server_ms));
    if (rc == TV_OK) {
        rc = report("log in", tv_auth_request_token(&client, NULL));
    }
    uint32_t accounts = 0;
    if (rc == TV_OK) {
        tv_sink sink = tv_sink_callback(count_account, &accounts);
        rc = report("account list", tv_account_list(&client, &sink));
        board_print("accounts: ");
        print_num(accounts);
        board_print("\n");
    }
    if (rc == TV_OK && !tv_client_last_call(&client)->resumed) {
        rc = TV_ERR_STATE; /* the reconnect was expected to resume */
    }
    tv_client_free(&client);
    return rc;
}

int main(void)
{
    char line[200], word[128], base_url[128];
    char *p = (char *)(uintptr_t)board_cmdline(line, sizeof line);
    (void)next_word(&p, word, sizeof word, ""); /* the image's name */
    const char *url = next_word(&p, base_url, sizeof base_url, TV_BASE_URL_DEMO);
    const char *prefix = next_word(&p, word, sizeof word, "");
    if (prefix[0] != '\0') {
        board_set_net_prefix(prefix);
    }
    board_init();

    int rc = tv_tls_arena_init(arena, sizeof arena);
    rc = rc == TV_OK ? run(url) : rc;
    board_print("result: ");
    board_print(tv_err_name(rc));
    board_print("\narena peak: ");
    print_num((uint32_t)tv_tls_arena_peak(arena, sizeof arena));
    board_print(" of ");
    print_num((uint32_t)sizeof arena);
    board_print(" bytes\n");
    return rc == TV_OK ? 0 : 1;
}
