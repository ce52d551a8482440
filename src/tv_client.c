/*
 * Setting a client up and tearing it down: the base URL, the TLS
 * configuration, the clOrdId generator, and the two calls that are not one
 * typed operation (the penalty retry and the generic request).
 */
#include <string.h>

#include "tradovate/tv_port.h"
#include "tv_client_priv.h"
#include "tv_http_priv.h"

/* Smallest buffers that can carry any exchange at all (documented at init). */
#define TV_MIN_REQUEST 256u
#define TV_MIN_RESPONSE 512u
#define TV_MIN_TOKENS 16u
#define TV_MIN_TOKEN_BUF 32u

static bool tv_is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

#if TV_CONFIG_ALLOW_PLAINTEXT_LOOPBACK
static bool tv_is_loopback(const char *host)
{
    return strcmp(host, "localhost") == 0 || strcmp(host, "::1") == 0 ||
           strncmp(host, "127.", 4) == 0;
}
#endif

/* scheme://host[:port][/path] with no user info, query or fragment. */
static int tv_parse_url(tv_client *c, const char *url)
{
    size_t skip;
    if (url == NULL) {
        return TV_ERR_BAD_URL;
    }
    if (strncmp(url, "https://", 8) == 0) {
        c->tls = 1;
        c->port = 443;
        skip = 8;
    } else if (strncmp(url, "http://", 7) == 0) {
        c->tls = 0;
        c->port = 80;
        skip = 7;
    } else {
        return TV_ERR_BAD_URL;
    }
    const char *p = url + skip;
    const char *host = p;
    size_t host_len;
    if (*p == '[') { /* IPv6 literal: the brackets are not part of the name */
        const char *close = strchr(p, ']');
        if (close == NULL) {
            return TV_ERR_BAD_URL;
        }
        host = p + 1;
        host_len = (size_t)(close - host);
        p = close + 1;
    } else {
        while (*p != '\0' && *p != ':' && *p != '/') {
            if (*p == '@' || *p == '?' || *p == '#') {
                return TV_ERR_BAD_URL;
            }
            p++;
        }
        host_len = (size_t)(p - host);
    }
    if (host_len == 0 || host_len > TV_MAX_HOST_LEN) {
        return TV_ERR_BAD_URL;
    }
    memcpy(c->host, host, host_len);
    c->host[host_len] = '\0';
    if (*p == ':') {
        uint32_t port = 0;
        p++;
        for (int i = 0; tv_is_digit(*p); i++, p++) {
            port = port * 10u + (uint32_t)(*p - '0');
            if (i >= 5 || port > 65535u) {
                return TV_ERR_BAD_URL;
            }
        }
        if (port == 0) {
            return TV_ERR_BAD_URL;
        }
        c->port = (uint16_t)port;
    }
    if (*p != '\0' && *p != '/') {
        return TV_ERR_BAD_URL;
    }
    size_t path_len = strlen(p);
    while (path_len > 0 && p[path_len - 1] == '/') {
        path_len--; /* "/v1/" and "/v1" are the same base */
    }
    if (path_len > TV_MAX_BASE_PATH_LEN || memchr(p, '?', path_len) != NULL ||
        memchr(p, '#', path_len) != NULL) {
        return TV_ERR_BAD_URL;
    }
    memcpy(c->base_path, p, path_len);
    c->base_path[path_len] = '\0';
    if (!c->tls) {
#if TV_CONFIG_ALLOW_PLAINTEXT_LOOPBACK
        return tv_is_loopback(c->host) ? TV_OK : TV_ERR_INSECURE_URL;
#else
        return TV_ERR_INSECURE_URL;
#endif
    }
    return TV_OK;
}

int tv_client_init(tv_client *c, const tv_client_config *cfg)
{
    if (c == NULL || cfg == NULL) {
        return TV_ERR_INVALID_ARG;
    }
    memset(c, 0, sizeof *c);
    c->plain.handle = TV_PORT_SOCKET_INVALID;
    if (cfg->request_buf == NULL || cfg->request_size < TV_MIN_REQUEST ||
        cfg->response_buf == NULL || cfg->response_size < TV_MIN_RESPONSE ||
        cfg->tokens == NULL || cfg->token_count < TV_MIN_TOKENS ||
        cfg->access_token_buf == NULL || cfg->access_token_size < TV_MIN_TOKEN_BUF ||
        cfg->request_buf == cfg->response_buf) {
        return TV_ERR_INVALID_ARG;
    }
    c->cfg = *cfg;
    int rc = tv_parse_url(c, cfg->base_url);
    if (rc != TV_OK) {
        return rc;
    }
    c->cfg.base_url = NULL; /* parsed; the caller's string is not kept */
    c->target_ok = tv_http_host_ok(c->host) && tv_http_path_ok(c->base_path);
    c->host_v6 = tv_http_host_is_bare_v6(c->host);
    if (cfg->io != NULL && (cfg->io->transport.send == NULL || cfg->io->transport.recv == NULL)) {
        return TV_ERR_INVALID_ARG;
    }
    if (c->tls && cfg->io == NULL) {
        rc = tv_tls_config_init(&c->tls_cfg, cfg->ca, cfg->ca_len);
        if (rc == TV_OK && cfg->pin_primary != NULL) {
            rc = tv_tls_config_set_pins(&c->tls_cfg, cfg->pin_primary, cfg->pin_backup);
        }
        if (rc != TV_OK) {
            tv_tls_config_free(&c->tls_cfg);
            return rc;
        }
        tv_tls_conn_init(&c->conn, &c->tls_cfg);
    }
    /* A random prefix makes generated clOrdIds unique across clients and
     * restarts; the counter makes them unique within this client. */
    uint8_t rnd[6];
    rc = tv_port_entropy(rnd, sizeof rnd);
    if (rc != TV_OK) {
        tv_client_free(c);
        return rc;
    }
    static const char alphabet[] = "abcdefghijkmnpqrstuvwxyz23456789";
    uint64_t bits = 0;
    for (size_t i = 0; i < sizeof rnd; i++) {
        bits = bits << 8 | rnd[i];
    }
    memcpy(c->id_prefix, "tv", 2);
    for (int i = 0; i < 9; i++) {
        c->id_prefix[2 + i] = alphabet[bits & 31u];
        bits >>= 5;
    }
    c->id_prefix[11] = '\0';
    c->last.retry_after_s = -1;
    return TV_OK;
}

void tv_client_free(tv_client *c)
{
    if (c == NULL) {
        return;
    }
    if (c->cfg.io != NULL) {
        tv_conn_close(c);
    } else if (c->tls) {
        tv_tls_conn_free(&c->conn);
        tv_tls_config_free(&c->tls_cfg);
    } else {
        tv_port_tcp_close(&c->plain);
    }
    if (c->cfg.access_token_buf != NULL) {
        tv_http_wipe(c->cfg.access_token_buf, c->cfg.access_token_size);
    }
    if (c->cfg.request_buf != NULL) {
        tv_http_wipe(c->cfg.request_buf, c->cfg.request_size);
    }
    if (c->cfg.response_buf != NULL) {
        tv_http_wipe(c->cfg.response_buf, c->cfg.response_size);
    }
    tv_http_wipe(c, sizeof *c);
    c->plain.handle = TV_PORT_SOCKET_INVALID;
}

const tv_call_info *tv_client_last_call(const tv_client *c)
{
    return &c->last;
}

uint64_t tv_client_deadline(const tv_client *c)
{
    return tv_port_now_ms() + (c->cfg.timeout_ms ? c->cfg.timeout_ms : TV_DEFAULT_TIMEOUT_MS);
}

void tv_client_next_id(tv_client *c, char out[TV_CL_ORD_ID_MAX + 1])
{
    char digits[10];
    int n = 0;
    uint32_t v = ++c->id_counter;
    do {
        digits[n++] = (char)('0' + v % 10u);
        v /= 10u;
    } while (v != 0 && n < (int)sizeof digits);
    memcpy(out, c->id_prefix, 11);
    out[11] = '-';
    for (int i = 0; i < n; i++) {
        out[12 + i] = digits[n - 1 - i];
    }
    out[12 + n] = '\0';
}

int tv_client_retry_penalty(tv_client *c, void *result)
{
    if (c == NULL) {
        return TV_ERR_INVALID_ARG;
    }
    if (c->pending_endpoint == 0) {
        return TV_ERR_STATE;
    }
    if (c->penalty_ticket[0] == '\0') {
        return TV_ERR_BUFFER_TOO_SMALL; /* the ticket was longer than TV_PENALTY_TICKET_MAX */
    }
    tv_call call;
    memset(&call, 0, sizeof call);
    call.ep = (tv_endpoint_id)(c->pending_endpoint - 1);
    call.result = result;
    call.retry_penalty = 1;
    char saved_id[TV_CL_ORD_ID_MAX + 1];
    memcpy(saved_id, c->last.cl_ord_id, sizeof saved_id);
    int rc;
    if (call.ep == TV_EP_AUTH_TOKEN) {
        c->in_auth = 1;
        rc = tv_call_run(c, &call);
        c->in_auth = 0;
        if (rc == TV_OK) {
            rc = tv_auth_after_token_response(c, (tv_access_token_response *)result);
            c->last.status = rc;
        }
    } else {
        rc = tv_call_run(c, &call);
    }
    if (c->last.cl_ord_id[0] == '\0') {
        memcpy(c->last.cl_ord_id, saved_id, sizeof saved_id); /* same body, same id */
    }
    return rc;
}

int tv_client_request(tv_client *c, tv_http_method method, const char *path, const char *query,
                      const char *json, tv_raw_response *out)
{
    if (c == NULL || path == NULL || out == NULL ||
        (method != TV_HTTP_GET && method != TV_HTTP_POST)) {
        return TV_ERR_INVALID_ARG;
    }
    tv_call call;
    memset(&call, 0, sizeof call);
    memset(out, 0, sizeof *out);
    out->body = "";
    call.ep = TV_EP_AUTH_ME; /* any; raw calls use only the generic path */
    call.raw = out;
    call.raw_method = (uint8_t)method;
    call.raw_path = path;
    call.raw_query = query;
    call.raw_body = json;
    return tv_call_run(c, &call);
}
