/*
 * The client's cost of a TLS handshake, for callgrind (see HANDSHAKE.md and
 * handshake-bench.sh, which runs it). One scenario per run; only what
 * tv_bench_measured() does is meant to be counted, with
 * `valgrind --tool=callgrind --toggle-collect=tv_bench_measured`:
 *
 *   full     a full handshake (tv_tls_connect, TCP connect included)
 *   resume   a connect that resumes the session of a previous one
 *   request  one 300-byte write and the 300-byte echo read back, on a
 *            connection that is already open
 *
 *   handshake_bench SCENARIO PORT CA.pem [x25519]
 *
 * "x25519" offers X25519 before P-256 (the library's order is P-256 first),
 * for comparison. Prints the arena peak and whether the
 * measured connect resumed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tradovate/tv_tls.h"

static uint8_t arena[128 * 1024];
static tv_tls_config cfg;
static tv_tls_conn conn;
static uint8_t request[300];

static int echo(void)
{
    uint64_t deadline = tv_port_now_ms() + 5000;
    if (tv_tls_send(&conn, request, sizeof request, deadline) != (int32_t)sizeof request) {
        return -1;
    }
    uint8_t buf[sizeof request];
    size_t have = 0;
    while (have < sizeof buf) {
        int32_t n = tv_tls_recv(&conn, buf + have, sizeof buf - have, deadline);
        if (n <= 0) {
            return n;
        }
        have += (size_t)n;
    }
    return memcmp(buf, request, sizeof buf) == 0 ? 0 : -1;
}

static uint16_t port;

/* Everything callgrind counts happens in here. */
int tv_bench_measured(const char *scenario);
__attribute__((noinline)) int tv_bench_measured(const char *scenario)
{
    if (strcmp(scenario, "request") == 0) {
        return echo();
    }
    return tv_tls_connect(&conn, "127.0.0.1", port, tv_port_now_ms() + 10000);
}

static uint8_t *read_file(const char *path, size_t *len)
{
    static uint8_t buf[16384];
    FILE *f = fopen(path, "rb");
    *len = f != NULL ? fread(buf, 1, sizeof buf, f) : 0;
    if (f != NULL) {
        fclose(f);
    }
    return buf;
}

int main(int argc, char **argv)
{
    static const uint16_t x25519_first[] = {
        MBEDTLS_SSL_IANA_TLS_GROUP_X25519, MBEDTLS_SSL_IANA_TLS_GROUP_SECP256R1,
        MBEDTLS_SSL_IANA_TLS_GROUP_SECP384R1, MBEDTLS_SSL_IANA_TLS_GROUP_NONE};
    if (argc < 4) {
        fprintf(stderr, "usage: %s full|resume|request PORT CA.pem [x25519]\n", argv[0]);
        return 2;
    }
    const char *scenario = argv[1];
    port = (uint16_t)atoi(argv[2]);
    size_t ca_len;
    const uint8_t *ca = read_file(argv[3], &ca_len);
    if (tv_tls_arena_init(arena, sizeof arena) != TV_OK ||
        tv_tls_config_init(&cfg, ca, ca_len) != TV_OK) {
        fprintf(stderr, "setup failed\n");
        return 1;
    }
    if (argc > 4 && strcmp(argv[4], "x25519") == 0) {
        mbedtls_ssl_conf_groups(&cfg.ssl, x25519_first);
    }
    memset(request, 'r', sizeof request);
    tv_tls_conn_init(&conn, &cfg);
    int rc = 0;
    if (strcmp(scenario, "full") != 0) {
        /* A first connection: the session (TLS 1.3: its tickets arrive with
         * the first read) and, for "request", the open connection. */
        rc = tv_tls_connect(&conn, "127.0.0.1", port, tv_port_now_ms() + 10000);
        rc = rc == TV_OK ? echo() : rc;
        if (strcmp(scenario, "resume") == 0) {
            tv_tls_close(&conn);
        }
    }
    if (rc == 0) {
        rc = tv_bench_measured(scenario);
    }
    printf("%s: %s, resumed %d, version %s, arena peak %zu bytes\n", scenario,
           rc == 0 ? "ok" : tv_err_name(rc), tv_tls_resumed(&conn),
           mbedtls_ssl_get_version_number(&conn.ssl) == MBEDTLS_SSL_VERSION_TLS1_3 ? "1.3" : "1.2",
           tv_tls_arena_peak(arena, sizeof arena));
    tv_tls_conn_free(&conn);
    tv_tls_config_free(&cfg);
    tv_tls_arena_free();
    return rc == 0 ? 0 : 1;
}
