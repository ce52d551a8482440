/*
 * The firmware test image: what an application on a Cortex-M4 does with the
 * library, end to end. It hands mbedTLS a static arena, builds a TLS
 * configuration from the CA compiled into the image (ca.S), then twice:
 * connects (the second time resuming the session), sends one HTTP request
 * through the connection's tv_transport, reads the response to the end and
 * closes. It reports the status line, whether the handshake resumed and the
 * arena's peak on the semihosting console.
 *
 * The command line (QEMU -append) is "host port [pipe-prefix] [path]";
 * semihosting hands it over after the image's own name.
 * When the HTTP layer lands, the request and response go through it instead
 * of the literal request below.
 */
#include <stdint.h>
#include <string.h>

#include "board.h"
#include "tradovate/tv_tls.h"

#ifndef TV_FW_ARENA_SIZE
#define TV_FW_ARENA_SIZE (48u * 1024u)
#endif

extern const uint8_t tv_fw_ca[];
extern const uint8_t tv_fw_ca_end[];

static uint8_t arena[TV_FW_ARENA_SIZE] __attribute__((aligned(8)));
static tv_tls_config cfg;
static tv_tls_conn conn;
static uint8_t response[2048];

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

static void print_status(const char *what, int rc)
{
    board_print(what);
    board_print(": ");
    board_print(tv_err_name(rc));
    board_print("\n");
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

static uint16_t parse_port(const char *s)
{
    uint32_t v = 0;
    for (size_t i = 0; s[i] >= '0' && s[i] <= '9' && i < 5; i++) {
        v = v * 10u + (uint32_t)(s[i] - '0');
    }
    return v > 0 && v <= 65535u ? (uint16_t)v : 443u;
}

/* ---- one request ------------------------------------------------------ */

static size_t build_request(uint8_t *out, size_t cap, const char *host, const char *path)
{
    const char *parts[] = {"GET ", path, " HTTP/1.1\r\nHost: ", host,
                           "\r\nConnection: close\r\nAccept: application/json\r\n\r\n"};
    size_t n = 0;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        size_t len = strlen(parts[i]);
        if (n + len > cap) {
            return 0;
        }
        memcpy(out + n, parts[i], len);
        n += len;
    }
    return n;
}

static int one_request(const char *host, uint16_t port, const char *path)
{
    uint64_t deadline = tv_port_now_ms() + 30000u;
    int rc = tv_tls_connect(&conn, host, port, deadline);
    if (rc != TV_OK) {
        return rc;
    }
    tv_transport t = tv_tls_transport(&conn);
    size_t len = build_request(response, sizeof response, host, path);
    for (size_t sent = 0; sent < len && rc == TV_OK;) {
        int32_t n = t.send(t.ctx, response + sent, len - sent, deadline);
        rc = n > 0 ? TV_OK : n;
        sent += n > 0 ? (size_t)n : 0;
    }
    size_t have = 0;
    while (rc == TV_OK && have < sizeof response - 1) {
        int32_t n = t.recv(t.ctx, response + have, sizeof response - 1 - have, deadline);
        if (n == TV_ERR_PEER_CLOSED) {
            break;
        }
        rc = n > 0 ? TV_OK : n;
        have += n > 0 ? (size_t)n : 0;
    }
    tv_tls_close(&conn);
    response[have] = '\0';
    if (rc == TV_OK && (have < 12 || memcmp(response, "HTTP/1.", 7) != 0)) {
        rc = TV_ERR_HTTP_BAD_STATUS_LINE;
    }
    if (rc == TV_OK) {
        char *eol = memchr(response, '\r', have);
        if (eol != NULL) {
            *eol = '\0';
        }
        board_print((const char *)response);
        board_print(tv_tls_resumed(&conn) ? " (resumed)\n" : " (full handshake)\n");
    }
    return rc;
}

int main(void)
{
    char line[160], host[TV_MAX_HOST_LEN + 1], port[8], prefix[96], path[64];
    char *p = (char *)(uintptr_t)board_cmdline(line, sizeof line);
    (void)next_word(&p, prefix, sizeof prefix, ""); /* the image's name */
    const char *h = next_word(&p, host, sizeof host, "127.0.0.1");
    uint16_t tcp_port = parse_port(next_word(&p, port, sizeof port, "443"));
    const char *pre = next_word(&p, prefix, sizeof prefix, "");
    const char *req = next_word(&p, path, sizeof path, "/v1/auth/timestamp");
    if (pre[0] != '\0') {
        board_set_net_prefix(pre);
    }
    board_init();

    int rc = tv_tls_arena_init(arena, sizeof arena);
    if (rc == TV_OK) {
        rc = tv_tls_config_init(&cfg, tv_fw_ca, (size_t)(tv_fw_ca_end - tv_fw_ca));
    }
    if (rc != TV_OK) {
        print_status("setup", rc);
        return 1;
    }
    tv_tls_conn_init(&conn, &cfg);
    for (int round = 0; round < 2 && rc == TV_OK; round++) {
        rc = one_request(h, tcp_port, req);
    }
    print_status("result", rc);
    board_print("arena peak: ");
    print_num((uint32_t)tv_tls_arena_peak(arena, sizeof arena));
    board_print(" of ");
    print_num((uint32_t)sizeof arena);
    board_print(" bytes\n");
    tv_tls_conn_free(&conn);
    tv_tls_config_free(&cfg);
    return rc == TV_OK ? 0 : 1;
}
