/*
 * TLS connections: TCP from the port, the verified handshake, records, and
 * the session kept for resumption.
 *
 * mbedTLS talks to the socket through two callbacks that pass on the
 * deadline of the call in progress. A port error is remembered in io_err and
 * reported to mbedTLS as "try again" (WANT_READ/WANT_WRITE) when it is a
 * timeout or would-block, so the context stays usable, or as a hard I/O
 * error otherwise; we then return the port's own code rather than mbedTLS's.
 */
#include "tls_priv.h"

#include <mbedtls/net_sockets.h>

#include <string.h>

enum { TV_TLS_CLOSED = 0, TV_TLS_OPEN = 1 };

/* mbedtls_ssl_handshake/read return early twice for every TLS 1.3 ticket
 * the server sends (OpenSSL sends two): WANT_READ without any I/O pending,
 * to be called again, then RECEIVED_NEW_SESSION_TICKET once it is parsed.
 * This many such returns are absorbed before control goes back. */
#define TV_TLS_MAX_RETRIES 16

/* 1 when mbedTLS wants to be called again for its own reasons (a ticket
 * arrived), not because the socket would block. */
static int tv_tls_again(const tv_tls_conn *c, int ret)
{
    if (ret == MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET) {
        return 1;
    }
    return (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE) &&
           c->io_err == 0;
}

static int tv_tls_bio_result(tv_tls_conn *c, int32_t n, int want)
{
    if (n > 0) {
        return (int)n;
    }
    c->io_err = n < 0 ? (int)n : TV_ERR_IO; /* 0 breaks the port contract */
    if (n == TV_ERR_WOULD_BLOCK || n == TV_ERR_TIMEOUT) {
        return want;
    }
    if (n == TV_ERR_PEER_CLOSED && want == MBEDTLS_ERR_SSL_WANT_READ) {
        return 0; /* end of stream: mbedTLS tells close_notify from a bare FIN */
    }
    return want == MBEDTLS_ERR_SSL_WANT_READ ? MBEDTLS_ERR_NET_RECV_FAILED
                                             : MBEDTLS_ERR_NET_SEND_FAILED;
}

static int tv_tls_bio_send(void *ctx, const unsigned char *buf, size_t len)
{
    tv_tls_conn *c = ctx;
    return tv_tls_bio_result(c, tv_port_tcp_send(&c->sock, buf, len, c->deadline),
                             MBEDTLS_ERR_SSL_WANT_WRITE);
}

static int tv_tls_bio_recv(void *ctx, unsigned char *buf, size_t len)
{
    tv_tls_conn *c = ctx;
    return tv_tls_bio_result(c, tv_port_tcp_recv(&c->sock, buf, len, c->deadline),
                             MBEDTLS_ERR_SSL_WANT_READ);
}

/* Called by mbedTLS for each certificate of the chain it built, root first,
 * before the handshake can complete. The leaf's key must match a pin when
 * pins are set; a mismatch fails verification like any other flag, so
 * mbedTLS sends an alert and the handshake never finishes. */
static int tv_tls_verify(void *ctx, mbedtls_x509_crt *crt, int depth, uint32_t *flags)
{
    tv_tls_conn *c = ctx;
    if (depth != 0) {
        return 0;
    }
    c->cert_seen = 1;
    if (c->cfg->pin_count == 0) {
        return 0;
    }
    uint8_t spki[TV_TLS_PIN_LEN];
    if (tv_tls_spki_sha256(crt->raw.p, crt->raw.len, spki) == TV_OK) {
        for (uint8_t i = 0; i < c->cfg->pin_count; i++) {
            if (memcmp(spki, c->cfg->pins[i], TV_TLS_PIN_LEN) == 0) {
                return 0;
            }
        }
    }
    c->pin_failed = 1;
    *flags |= MBEDTLS_X509_BADCERT_OTHER;
    return 0;
}

/* The most fundamental reason first: an untrusted chain makes every other
 * finding moot. */
static int tv_tls_verify_error(const tv_tls_conn *c)
{
    uint32_t flags = mbedtls_ssl_get_verify_result(&c->ssl);
    if (flags & MBEDTLS_X509_BADCERT_NOT_TRUSTED) {
        return TV_ERR_TLS_CERT_UNTRUSTED;
    }
    if (flags & MBEDTLS_X509_BADCERT_EXPIRED) {
        return TV_ERR_TLS_CERT_EXPIRED;
    }
    if (flags & MBEDTLS_X509_BADCERT_FUTURE) {
        return TV_ERR_TLS_CERT_NOT_YET_VALID;
    }
    if (flags & MBEDTLS_X509_BADCERT_CN_MISMATCH) {
        return TV_ERR_TLS_HOSTNAME_MISMATCH;
    }
    if (c->pin_failed) {
        return TV_ERR_TLS_PIN_MISMATCH;
    }
    return TV_ERR_TLS_CERT_BAD;
}

/* A failed mbedTLS call as a tv_err. */
static int tv_tls_error(const tv_tls_conn *c, int ret, int fallback)
{
    if (c->io_err != 0) {
        return c->io_err;
    }
    switch (ret) {
    case MBEDTLS_ERR_SSL_WANT_READ:
    case MBEDTLS_ERR_SSL_WANT_WRITE:
        return TV_ERR_WOULD_BLOCK;
    case 0:
    case MBEDTLS_ERR_SSL_CONN_EOF:
    case MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY:
        return TV_ERR_PEER_CLOSED;
    case MBEDTLS_ERR_X509_CERT_VERIFY_FAILED:
    case MBEDTLS_ERR_SSL_BAD_CERTIFICATE:
        return tv_tls_verify_error(c);
    default:
        return tv_tls_err_from_mbedtls(ret, fallback);
    }
}

static void tv_tls_forget_session(tv_tls_conn *c)
{
    mbedtls_ssl_session_free(&c->session); /* wipes the master secret */
    mbedtls_ssl_session_init(&c->session);
    c->have_session = 0;
}

/* Keep the session just negotiated (TLS 1.2) or just ticketed (TLS 1.3) for
 * the next connect. Failing to keep it only costs a full handshake later. */
static void tv_tls_keep_session(tv_tls_conn *c)
{
    tv_tls_forget_session(c);
    c->have_session = mbedtls_ssl_get_session(&c->ssl, &c->session) == 0;
}

/* Release the live context and the socket, without close_notify. */
static void tv_tls_drop(tv_tls_conn *c)
{
    mbedtls_ssl_free(&c->ssl);
    tv_port_tcp_close(&c->sock);
    c->state = TV_TLS_CLOSED;
}

static int tv_tls_handshake(tv_tls_conn *c)
{
    int ret = 0;
    for (int i = 0; i < TV_TLS_MAX_RETRIES; i++) {
        ret = mbedtls_ssl_handshake(&c->ssl);
        if (!tv_tls_again(c, ret)) {
            break;
        }
        if (ret == MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET) {
            tv_tls_keep_session(c);
        }
    }
    return ret;
}

static size_t tv_tls_host_len(const char *host)
{
    size_t n = 0;
    while (n <= TV_MAX_HOST_LEN && host[n] != '\0') {
        n++;
    }
    return n;
}

static int tv_tls_start(tv_tls_conn *c, const mbedtls_ssl_config *conf)
{
    int ret = mbedtls_ssl_setup(&c->ssl, conf);
    if (ret == 0) {
        ret = mbedtls_ssl_set_hostname(&c->ssl, c->host);
    }
    if (ret == 0 && c->have_session) {
        /* A session that no longer applies (expired ticket, other suite)
         * only means a full handshake. */
        (void)mbedtls_ssl_set_session(&c->ssl, &c->session);
    }
    if (ret != 0) {
        return tv_tls_err_from_mbedtls(ret, TV_ERR_INTERNAL);
    }
    mbedtls_ssl_set_verify(&c->ssl, tv_tls_verify, c);
    mbedtls_ssl_set_bio(&c->ssl, c, tv_tls_bio_send, tv_tls_bio_recv, NULL);
    ret = tv_tls_handshake(c);
    if (ret == 0) {
        return TV_OK;
    }
    c->pss_refused = ret == MBEDTLS_ERR_SSL_ILLEGAL_PARAMETER &&
                     mbedtls_ssl_get_version_number(&c->ssl) == MBEDTLS_SSL_VERSION_TLS1_2;
    return tv_tls_error(c, ret, TV_ERR_TLS_HANDSHAKE);
}

/* TCP, then the handshake with conf; on failure everything is released
 * (a verification failure has sent its alert already). */
static int tv_tls_attempt(tv_tls_conn *c, const mbedtls_ssl_config *conf, uint16_t port)
{
    c->io_err = 0;
    c->cert_seen = 0;
    c->pin_failed = 0;
    c->pss_refused = 0;
    int rc = tv_port_tcp_connect(&c->sock, c->host, port, c->deadline);
    if (rc != TV_OK) {
        return rc;
    }
    mbedtls_ssl_init(&c->ssl);
    rc = tv_tls_start(c, conf);
    if (rc != TV_OK) {
        tv_tls_drop(c);
    }
    return rc;
}

int tv_tls_connect(tv_tls_conn *conn, const char *host, uint16_t port, uint64_t deadline)
{
    if (conn == NULL || conn->cfg == NULL || host == NULL || deadline == TV_PORT_NO_WAIT) {
        return TV_ERR_INVALID_ARG;
    }
    size_t host_len = tv_tls_host_len(host);
    if (host_len == 0 || host_len > TV_MAX_HOST_LEN) {
        return TV_ERR_INVALID_ARG;
    }
    tv_tls_close(conn);
    /* Without a wall clock no certificate can be checked for expiry. */
    if (tv_port_unix_time_s() < 0) {
        return TV_ERR_TLS_CERT_NOT_YET_VALID;
    }
    if (conn->have_session && memcmp(conn->host, host, host_len + 1) != 0) {
        tv_tls_forget_session(conn);
    }
    memcpy(conn->host, host, host_len + 1);
    conn->deadline = deadline;
    conn->err = 0;
    conn->resumed = 0;

    int rc = tv_tls_attempt(conn, &conn->cfg->ssl, port);
    if (rc == TV_ERR_TLS_HANDSHAKE && conn->pss_refused) {
        rc = tv_tls_attempt(conn, &conn->cfg->ssl_no_pss, port);
    }
    if (rc != TV_OK) {
        /* A refused peer's session is not offered again; a network failure
         * says nothing against it. */
        if (tv_err_classify(rc) == TV_ERRCLASS_SECURITY) {
            tv_tls_forget_session(conn);
        }
        return rc;
    }
    conn->state = TV_TLS_OPEN;
    conn->resumed = conn->cert_seen == 0;
    if (mbedtls_ssl_get_version_number(&conn->ssl) == MBEDTLS_SSL_VERSION_TLS1_2) {
        tv_tls_keep_session(conn); /* TLS 1.3 sessions come with tickets, later */
    }
    return TV_OK;
}

/* A failed send/recv: timeouts and would-block leave the connection usable,
 * anything else breaks it for good. */
static int32_t tv_tls_io_error(tv_tls_conn *c, int ret)
{
    int rc = tv_tls_error(c, ret, TV_ERR_TLS);
    if (rc != TV_ERR_WOULD_BLOCK && rc != TV_ERR_TIMEOUT) {
        c->err = rc;
    }
    return rc;
}

/* Checks shared by send and recv; TV_OK when the call may go ahead. */
static int tv_tls_io_begin(tv_tls_conn *c, const uint8_t *buf, size_t len, uint64_t deadline)
{
    if (c == NULL || buf == NULL || len == 0) {
        return TV_ERR_INVALID_ARG;
    }
    if (c->state != TV_TLS_OPEN) {
        return TV_ERR_STATE;
    }
    if (c->err != 0) {
        return c->err;
    }
    c->deadline = deadline;
    c->io_err = 0;
    return TV_OK;
}

int32_t tv_tls_send(tv_tls_conn *conn, const uint8_t *buf, size_t len, uint64_t deadline)
{
    int rc = tv_tls_io_begin(conn, buf, len, deadline);
    if (rc != TV_OK) {
        return rc;
    }
    int ret = mbedtls_ssl_write(&conn->ssl, buf, len < INT32_MAX ? len : INT32_MAX);
    return ret > 0 ? (int32_t)ret : tv_tls_io_error(conn, ret);
}

int32_t tv_tls_recv(tv_tls_conn *conn, uint8_t *buf, size_t len, uint64_t deadline)
{
    int rc = tv_tls_io_begin(conn, buf, len, deadline);
    if (rc != TV_OK) {
        return rc;
    }
    for (int i = 0; i < TV_TLS_MAX_RETRIES; i++) {
        int ret = mbedtls_ssl_read(&conn->ssl, buf, len < INT32_MAX ? len : INT32_MAX);
        if (ret > 0) {
            return (int32_t)ret;
        }
        if (!tv_tls_again(conn, ret)) {
            return tv_tls_io_error(conn, ret);
        }
        if (ret == MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET) {
            tv_tls_keep_session(conn);
        }
    }
    return TV_ERR_WOULD_BLOCK;
}

void tv_tls_close(tv_tls_conn *conn)
{
    if (conn == NULL || conn->state != TV_TLS_OPEN) {
        return;
    }
    if (conn->err == 0) {
        conn->deadline = TV_PORT_NO_WAIT; /* best effort: never wait for it */
        (void)mbedtls_ssl_close_notify(&conn->ssl);
    }
    tv_tls_drop(conn);
}

void tv_tls_conn_init(tv_tls_conn *conn, const tv_tls_config *cfg)
{
    if (conn == NULL) {
        return;
    }
    memset(conn, 0, sizeof *conn);
    conn->cfg = cfg;
    conn->sock.handle = TV_PORT_SOCKET_INVALID;
    mbedtls_ssl_session_init(&conn->session);
}

void tv_tls_conn_free(tv_tls_conn *conn)
{
    if (conn == NULL) {
        return;
    }
    tv_tls_close(conn);
    tv_tls_forget_session(conn);
    memset(conn->host, 0, sizeof conn->host);
}

int tv_tls_resumed(const tv_tls_conn *conn)
{
    return conn != NULL && conn->resumed;
}

static int32_t tv_tls_transport_send(void *ctx, const uint8_t *buf, size_t len, uint64_t deadline)
{
    return tv_tls_send(ctx, buf, len, deadline);
}

static int32_t tv_tls_transport_recv(void *ctx, uint8_t *buf, size_t len, uint64_t deadline)
{
    return tv_tls_recv(ctx, buf, len, deadline);
}

tv_transport tv_tls_transport(tv_tls_conn *conn)
{
    tv_transport t = {conn, tv_tls_transport_send, tv_tls_transport_recv};
    return t;
}
