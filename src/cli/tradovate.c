/*
 * `tradovate`: every operation of the library from a shell.
 *
 *   tradovate [--base-url URL | --env demo|live] [--ca FILE] [--pin SHA256]
 *             [--timeout MS] [--json] COMMAND [args]
 *
 * Credentials come only from the environment (never argv, where other users
 * can read them); nothing secret is ever printed. See cli_usage().
 */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "tradovate/tv_port.h"
#include "tradovate/tv_tls.h"

/* The CLI is a host program: generous buffers (the library needs far less). */
static uint8_t cli_arena[1024 * 1024];
static uint8_t cli_request[8192];
static uint8_t cli_response[65536];
static tv_json_tok cli_tokens[4096];
static char cli_token[8192];
static uint8_t cli_ca[512 * 1024];
static cli_ctx cli;

static const char *const cli_system_cas[] = {
    "/etc/ssl/certs/ca-certificates.crt", /* Debian, Ubuntu, Alpine */
    "/etc/pki/tls/certs/ca-bundle.crt",   /* Fedora, RHEL */
    "/etc/ssl/cert.pem",                  /* macOS, BSDs */
};

static int cli_read_file(const char *path, uint8_t *buf, size_t cap, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return -1;
    }
    *len = fread(buf, 1, cap, f);
    int full = *len == cap && fgetc(f) != EOF;
    fclose(f);
    return full ? -1 : 0;
}

static int cli_hex(char ch)
{
    if (ch >= '0' && ch <= '9') {
        return ch - '0';
    }
    if (ch >= 'a' && ch <= 'f') {
        return ch - 'a' + 10;
    }
    if (ch >= 'A' && ch <= 'F') {
        return ch - 'A' + 10;
    }
    return -1;
}

static int cli_b64(char ch)
{
    static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const char *p = strchr(a, ch);
    return ch != '\0' && p != NULL ? (int)(p - a) : -1;
}

/* A pin as 64 hex digits or 44 base64 characters (RFC 7469 pin-sha256). */
static int cli_parse_pin(const char *s, uint8_t out[TV_TLS_PIN_LEN])
{
    size_t n = strlen(s);
    if (n == 64) {
        for (size_t i = 0; i < 32; i++) {
            int hi = cli_hex(s[2 * i]), lo = cli_hex(s[2 * i + 1]);
            if (hi < 0 || lo < 0) {
                return -1;
            }
            out[i] = (uint8_t)(hi << 4 | lo);
        }
        return 0;
    }
    if (n == 44 && s[43] == '=') {
        uint32_t acc = 0;
        int bits = 0;
        size_t o = 0;
        for (size_t i = 0; i < 43; i++) {
            int v = cli_b64(s[i]);
            if (v < 0) {
                return -1;
            }
            acc = acc << 6 | (uint32_t)v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                if (o < 32) {
                    out[o++] = (uint8_t)(acc >> bits);
                }
            }
        }
        return o == 32 ? 0 : -1;
    }
    return -1;
}

/* TRADOVATE_TOKEN_CACHE: "<token>\n<unix expiry>\n", mode 0600. */
static void cli_cache_load(cli_ctx *x)
{
    static char buf[8300];
    size_t len = 0;
    if (x->token_cache == NULL ||
        cli_read_file(x->token_cache, (uint8_t *)buf, sizeof buf - 1, &len) != 0) {
        return;
    }
    buf[len] = '\0';
    char *nl = strchr(buf, '\n');
    int64_t expiry;
    if (nl == NULL) {
        return;
    }
    *nl = '\0';
    char *end = strchr(nl + 1, '\n');
    if (end != NULL) {
        *end = '\0';
    }
    int64_t now = tv_port_unix_time_s();
    if (cli_parse_i64(nl + 1, &expiry) && expiry - now > 60 &&
        tv_client_set_token(&x->client, buf, (uint32_t)(expiry - now)) == TV_OK) {
        x->logged_in = true;
    }
    tv_http_wipe(buf, sizeof buf);
}

static void cli_cache_save(cli_ctx *x)
{
    if (x->token_cache == NULL || !tv_client_logged_in(&x->client)) {
        return;
    }
    int fd = open(x->token_cache, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) {
        return;
    }
    (void)fchmod(fd, 0600);
    char num[24];
    char *p = num + sizeof num;
    int64_t exp = tv_port_unix_time_s() + (int64_t)tv_client_token_seconds_left(&x->client);
    *--p = '\n';
    do {
        *--p = (char)('0' + exp % 10);
        exp /= 10;
    } while (exp > 0);
    if (write(fd, cli_token, strlen(cli_token)) < 0 || write(fd, "\n", 1) < 0 ||
        write(fd, p, (size_t)(num + sizeof num - p)) < 0) {
        cli_err("warning: could not write the token cache", x->token_cache, NULL);
    }
    close(fd);
}

int main(int argc, char **argv)
{
    static tv_credentials cr;
    static uint8_t pins[2][TV_TLS_PIN_LEN];
    const char *base = TV_BASE_URL_DEMO;
    const char *ca_path = NULL;
    int npins = 0;
    int64_t timeout = 0;
    int i = 1;
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
        const char *o = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(o, "--help") == 0) {
            cli_usage(stdout);
            return CLI_EXIT_OK;
        } else if (strcmp(o, "--json") == 0) {
            cli.json = true;
            continue;
        } else if (v == NULL) {
            cli_err("error: option needs a value:", o, NULL);
            return CLI_EXIT_USAGE;
        } else if (strcmp(o, "--base-url") == 0) {
            base = v;
        } else if (strcmp(o, "--env") == 0) {
            if (strcmp(v, "demo") == 0) {
                base = TV_BASE_URL_DEMO;
            } else if (strcmp(v, "live") == 0) {
                base = TV_BASE_URL_LIVE;
            } else {
                cli_err("error: --env takes demo or live, not", v, NULL);
                return CLI_EXIT_USAGE;
            }
        } else if (strcmp(o, "--ca") == 0) {
            ca_path = v;
        } else if (strcmp(o, "--pin") == 0) {
            if (npins == 2 || cli_parse_pin(v, pins[npins]) != 0) {
                cli_err("error: --pin takes a SHA-256 in hex or base64, at most twice:", v, NULL);
                return CLI_EXIT_USAGE;
            }
            npins++;
        } else if (strcmp(o, "--timeout") == 0) {
            if (!cli_parse_i64(v, &timeout) || timeout <= 0 || timeout > 600000) {
                cli_err("error: --timeout takes milliseconds (1..600000), not", v, NULL);
                return CLI_EXIT_USAGE;
            }
        } else {
            cli_err("error: unknown option", o, "(tradovate --help)");
            return CLI_EXIT_USAGE;
        }
        i++;
    }
    if (i >= argc) {
        cli_usage(stderr);
        return CLI_EXIT_USAGE;
    }
    /* A command's help needs no client: no CA store, no credentials. */
    for (int k = i; k < argc; k++) {
        if (strcmp(argv[k], "--help") == 0 || strcmp(argv[k], "-h") == 0) {
            int hrc = cli_run_command(&cli, argc - i, argv + i);
            fflush(stdout);
            return hrc < 0 ? CLI_EXIT_USAGE : hrc;
        }
    }

    size_t ca_len = 0;
    int ca_rc = -1;
    if (ca_path != NULL) {
        ca_rc = cli_read_file(ca_path, cli_ca, sizeof cli_ca, &ca_len);
    } else {
        for (size_t k = 0; k < sizeof cli_system_cas / sizeof cli_system_cas[0] && ca_rc; k++) {
            ca_rc = cli_read_file(cli_system_cas[k], cli_ca, sizeof cli_ca, &ca_len);
        }
    }
    if (ca_rc != 0) {
        cli_err("error: cannot read CA certificates", ca_path ? ca_path : "(system)",
                "- give them with --ca FILE");
        return CLI_EXIT_USAGE;
    }

    cr.name = getenv("TRADOVATE_USER");
    cr.password = getenv("TRADOVATE_PASSWORD");
    cr.app_id = getenv("TRADOVATE_APP_ID");
    cr.app_version = getenv("TRADOVATE_APP_VERSION");
    cr.device_id = getenv("TRADOVATE_DEVICE_ID");
    cr.sec = getenv("TRADOVATE_SEC");
    cr.has_cid = cli_parse_i64(getenv("TRADOVATE_CID"), &cr.cid);
    cli.token_cache = getenv("TRADOVATE_TOKEN_CACHE");

    int rc = tv_tls_arena_init(cli_arena, sizeof cli_arena);
    tv_client_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.base_url = base;
    cfg.ca = cli_ca;
    cfg.ca_len = ca_len;
    cfg.pin_primary = npins > 0 ? pins[0] : NULL;
    cfg.pin_backup = npins > 1 ? pins[1] : NULL;
    cfg.timeout_ms = (uint32_t)timeout;
    cfg.credentials = cr.name != NULL && cr.password != NULL ? &cr : NULL;
    cfg.request_buf = cli_request;
    cfg.request_size = sizeof cli_request;
    cfg.response_buf = cli_response;
    cfg.response_size = sizeof cli_response;
    cfg.tokens = cli_tokens;
    cfg.token_count = sizeof cli_tokens / sizeof cli_tokens[0];
    cfg.access_token_buf = cli_token;
    cfg.access_token_size = sizeof cli_token;
    if (rc == TV_OK) {
        rc = tv_client_init(&cli.client, &cfg);
    }
    tv_http_wipe(cli_ca, ca_len);
    if (rc != TV_OK) {
        cli_err("error: cannot set up the client:", tv_err_name(rc), tv_strerror(rc));
        return cli_exit_code(rc);
    }
    cli_cache_load(&cli);

    rc = cli_run_command(&cli, argc - i, argv + i);
    if (rc < 0) {
        cli_report_error(&cli, rc);
        rc = cli_exit_code(rc);
    }
    fflush(stdout);
    cli_cache_save(&cli);
    tv_client_free(&cli.client);
    return rc;
}
