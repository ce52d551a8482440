/*
 * The client's one connection: open it when needed, keep it alive between
 * calls, and send a request and read the response head on it under the
 * rules that keep orders at most once:
 *
 *  - A request that cannot have reached the server whole (the send failed)
 *    reports the transport error: nothing was applied.
 *  - A kept-alive connection that the server closed while idle shows up as
 *    "closed before the first response byte". A GET is then sent once more
 *    on a new connection. A POST never is: before a POST the connection is
 *    checked (a non-blocking read sees the server's close), so this case is
 *    rare, and when it still happens the call reports outcome-unknown.
 *  - Once a mutation's request was handed over whole, any failure before a
 *    complete response is TV_ERR_OUTCOME_UNKNOWN, with the cause kept.
 */
#include "tradovate/tv_port.h"
#include "tv_client_priv.h"

#if TV_CONFIG_ALLOW_PLAINTEXT_LOOPBACK
static int32_t tv_plain_send(void *ctx, const uint8_t *buf, size_t len, uint64_t deadline)
{
    return tv_port_tcp_send((tv_socket *)ctx, buf, len, deadline);
}

static int32_t tv_plain_recv(void *ctx, uint8_t *buf, size_t len, uint64_t deadline)
{
    return tv_port_tcp_recv((tv_socket *)ctx, buf, len, deadline);
}
#endif

/* The connection's own byte stream: the caller's io, TLS, or plain TCP. */
static tv_transport tv_conn_raw(tv_client *c)
{
    if (c->cfg.io != NULL) {
        return c->cfg.io->transport;
    }
#if TV_CONFIG_ALLOW_PLAINTEXT_LOOPBACK
    if (!c->tls) {
        tv_transport t = {&c->plain, tv_plain_send, tv_plain_recv};
        return t;
    }
#endif
    return tv_tls_transport(&c->conn);
}

/* A stream may answer "would block" even when given a deadline (TLS after
 * processing a session ticket, an offload engine polling its modem): the
 * blocking calls keep asking until the deadline, then report it. */
static int32_t tv_conn_send(void *ctx, const uint8_t *buf, size_t len, uint64_t deadline)
{
    tv_transport t = tv_conn_raw((tv_client *)ctx);
    for (;;) {
        int32_t r = t.send(t.ctx, buf, len, deadline);
        if (r != TV_ERR_WOULD_BLOCK || deadline == TV_PORT_NO_WAIT) {
            return r;
        }
        if (tv_port_now_ms() >= deadline) {
            return TV_ERR_TIMEOUT;
        }
    }
}

static int32_t tv_conn_recv(void *ctx, uint8_t *buf, size_t len, uint64_t deadline)
{
    tv_transport t = tv_conn_raw((tv_client *)ctx);
    for (;;) {
        int32_t r = t.recv(t.ctx, buf, len, deadline);
        if (r != TV_ERR_WOULD_BLOCK || deadline == TV_PORT_NO_WAIT) {
            return r;
        }
        if (tv_port_now_ms() >= deadline) {
            return TV_ERR_TIMEOUT;
        }
    }
}

tv_transport tv_conn_transport(tv_client *c)
{
    tv_transport t = {c, tv_conn_send, tv_conn_recv};
    return t;
}

void tv_conn_close(tv_client *c)
{
    if (c->cfg.io != NULL) {
        if (c->cfg.io->close != NULL) {
            c->cfg.io->close(c->cfg.io->transport.ctx);
        }
    } else if (c->tls) {
        tv_tls_close(&c->conn);
    } else {
        tv_port_tcp_close(&c->plain);
    }
    c->connected = 0;
}

static int tv_conn_open(tv_client *c, uint64_t deadline)
{
    int rc;
    if (c->cfg.io != NULL) {
        rc = c->cfg.io->connect != NULL
                 ? c->cfg.io->connect(c->cfg.io->transport.ctx, c->host, c->port, deadline)
                 : TV_OK;
    } else if (c->tls) {
        rc = tv_tls_connect(&c->conn, c->host, c->port, deadline);
        c->last.resumed = rc == TV_OK && tv_tls_resumed(&c->conn);
    } else {
        rc = tv_port_tcp_connect(&c->plain, c->host, c->port, deadline);
    }
    if (rc == TV_OK) {
        c->connected = 1;
        c->last.reconnected = true;
    }
    return rc;
}

/* An idle kept-alive connection is healthy when a non-blocking read finds
 * nothing to read. End of stream or an error means the server closed it;
 * unsolicited bytes are a protocol violation. Either way, do not use it. */
static bool tv_conn_alive(tv_client *c)
{
    uint8_t byte;
    tv_transport t = tv_conn_raw(c);
    return t.recv(t.ctx, &byte, 1, TV_PORT_NO_WAIT) == TV_ERR_WOULD_BLOCK;
}

int tv_conn_exchange(tv_client *c, tv_http_method method, bool mutation, uint64_t deadline)
{
    const bool idempotent = method == TV_HTTP_GET;
    for (int attempt = 0; attempt < 2; attempt++) {
        bool reused = c->connected != 0;
        if (reused && !idempotent && !tv_conn_alive(c)) {
            tv_conn_close(c);
            reused = false;
        }
        if (!c->connected) {
            int rc = tv_conn_open(c, deadline);
            if (rc != TV_OK) {
                return rc; /* nothing was sent */
            }
        }
        tv_transport t = tv_conn_transport(c);
        c->req.sent = 0;
        int rc = tv_http_req_send(&c->req, &t, deadline);
        if (c->req.sent > 0) {
            c->last.sent = true;
        }
        if (rc != TV_OK) {
            /* Not every byte was handed over: the server holds at most an
             * incomplete request, which it cannot act on. */
            tv_conn_close(c);
            if (reused && c->req.sent == 0 && attempt == 0) {
                continue;
            }
            return rc;
        }
        tv_http_resp_init(&c->resp, c->cfg.response_buf, c->cfg.response_size,
                          method);
        rc = tv_http_resp_read_head(&c->resp, &t, deadline);
        /* The status line may be known even when the rest failed (a bad
         * header, or body bytes that came with the head): report it whatever
         * the bytes' arrival pattern. */
        c->last.http_status = c->resp.status;
        if (rc == TV_OK) {
            return TV_OK;
        }
        tv_conn_close(c);
        bool silent = c->resp.received == 0 &&
                      (rc == TV_ERR_PEER_CLOSED || rc == TV_ERR_CONNECTION_RESET);
        if (silent && reused && idempotent && attempt == 0) {
            continue; /* a stale kept-alive connection: a GET goes once more */
        }
        if (silent && reused && !mutation) {
            rc = TV_ERR_STALE_CONNECTION; /* nothing was acted on: safe to ask again */
        }
        if (mutation) {
            c->last.cause = rc;
            return TV_ERR_OUTCOME_UNKNOWN;
        }
        return rc;
    }
    return TV_ERR_STALE_CONNECTION;
}
