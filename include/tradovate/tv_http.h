/**
 * @file tv_http.h
 * @brief HTTP/1.1 over a tv_transport, in caller-owned buffers.
 *
 * Two halves, both allocation-free and both resumable:
 *
 * **Request writer** (tv_http_req_*). Builds one request into the caller's
 * buffer in the order it goes on the wire:
 *
 *     tv_http_req_begin(&rq, buf, sizeof buf, TV_HTTP_GET, "/v1", "/order/items");
 *     tv_http_req_query_ids(&rq, "ids", ids, n);         // ?ids=1,2,3
 *     tv_http_req_host(&rq, "demo.tradovateapi.com", 443, true);
 *     tv_http_req_bearer(&rq, token);
 *     tv_http_req_finish(&rq);                           // or body_begin/body_end
 *     tv_http_req_send(&rq, &transport, deadline);
 *     tv_http_req_wipe(&rq);                             // the token was in buf
 *
 * A JSON body is written by someone else straight into the same buffer:
 * tv_http_req_body_begin() hands out the region after the head, the caller's
 * JSON writer fills it, tv_http_req_body_end() stores the length. The head
 * reserves just enough digits for Content-Length; once the length is known
 * the few spare digit bytes are closed by moving whichever side of them is
 * shorter (the head before them or the body after them). Head and body are
 * then one contiguous byte range and go out in one send (one TLS record when
 * they fit). Every call after a failure returns the same failure, so a
 * half-built request can never be sent; a call out of order is such a
 * failure too (TV_ERR_STATE).
 *
 * **Response parser** (tv_http_resp_*). Reads into the caller's buffer and
 * parses in place: the head's few interesting values are copied into the
 * struct (so body handling may overwrite the head bytes), a chunked body is
 * decoded in place, and the body is delivered either whole or as a stream
 * window that the caller consumes piecewise. The parser keeps where it is
 * between calls: bytes may arrive one at a time and nothing scanned is
 * scanned again (each head byte is examined once by the line scanner and
 * once by the line parser; each body byte once).
 *
 * **Blocking and non-blocking use are the same calls.** The read functions
 * loop on the transport until they reach their goal. With a real deadline
 * the transport waits (and at the deadline returns TV_ERR_TIMEOUT, which is
 * passed on). With deadline TV_PORT_NO_WAIT the transport returns
 * TV_ERR_WOULD_BLOCK when it has nothing; that is passed on too, all progress
 * is kept, and a superloop calls the same function again when the socket is
 * readable. Neither TV_ERR_WOULD_BLOCK nor TV_ERR_TIMEOUT spoils the object;
 * every other error is sticky (later calls return it again).
 *
 * Decisions (strictness is deliberate: this client talks to one API and
 * would rather fail loudly than guess):
 *  - 1xx interim responses (100, 102, 103) are validated and skipped, at most
 *    TV_HTTP_MAX_INTERIM of them (more: TV_ERR_HTTP_BAD_RESPONSE). 101
 *    Switching Protocols is final: parsing stops after its head and the bytes
 *    after it, which belong to the new protocol, are left in the buffer
 *    (tv_http_resp_extra()).
 *  - A response with a body but neither Content-Length nor chunked framing
 *    (read-until-close) is refused with TV_ERR_HTTP_BAD_RESPONSE when its
 *    body is read: a dropped connection would be indistinguishable from the
 *    end of the body. The head (and so the status) is still reported.
 *  - HTTP/1.0 responses are accepted and never kept alive.
 */
#ifndef TV_HTTP_H
#define TV_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tradovate/tv_config.h"
#include "tradovate/tv_error.h"
#include "tradovate/tv_transport.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Request methods. HEAD matters to the parser: its responses have no body. */
typedef enum tv_http_method {
    TV_HTTP_GET = 0,
    TV_HTTP_POST,
    TV_HTTP_PUT,
    TV_HTTP_DELETE,
    TV_HTTP_HEAD
} tv_http_method;

/* ================================================================== */
/* Request writer                                                      */
/* ================================================================== */

/**
 * One request being written. Declare it anywhere (stack, static, inside a
 * client struct); tv_http_req_begin() initialises every member. Members are
 * private except `sent`, which a connection manager reads to know whether any
 * byte of a mutation may have reached the server.
 */
typedef struct tv_http_req {
    /** Bytes of the finished request already accepted by the transport. */
    size_t sent;
    /* ---- private ---- */
    uint8_t *buf;
    size_t cap;
    size_t len;      /* bytes written so far */
    size_t start;    /* first byte of the finished request (see file comment) */
    size_t cl_at;    /* offset of the reserved Content-Length digits */
    size_t body_at;  /* offset of the body */
    size_t body_max; /* room handed out by tv_http_req_body_begin() */
    uint8_t cl_slot; /* digits reserved at cl_at */
    uint8_t state;
    uint8_t queries; /* query pairs written (0: next one starts with '?') */
    int err;         /* sticky failure, TV_OK while healthy */
} tv_http_req;

/**
 * @brief Start a request: writes "METHOD <base><path>" into buf.
 *
 * @param rq     the request; fully initialised here.
 * @param buf    the caller's buffer; it receives the whole request (and the
 *               secret token) and must stay valid until the request has been
 *               sent and wiped. Not NUL-terminated.
 * @param cap    size of buf.
 * @param method request method.
 * @param base   path prefix such as "/v1", or NULL / "" for none. Read only
 *               during the call.
 * @param path   the rest of the path, e.g. "/order/item". Read only during the
 *               call. base+path must start with '/' and contain only RFC 3986
 *               path characters (unreserved, sub-delims, ':', '@', '/', and
 *               complete %XX escapes): no space, '?', '#', CR, LF or controls.
 * @return TV_OK; TV_ERR_INVALID_ARG (NULL rq/buf/path, unknown method, or
 *         base+path empty / not starting with '/'); TV_ERR_BAD_STRING (a byte
 *         not allowed in a path); TV_ERR_REQUEST_TOO_LARGE.
 */
int tv_http_req_begin(tv_http_req *rq, uint8_t *buf, size_t cap, tv_http_method method,
                      const char *base, const char *path);

/**
 * @brief Append one query pair `name=value`, both percent-encoded per RFC 3986
 *        (only ALPHA, DIGIT, '-', '.', '_', '~' stay literal; every other byte
 *        becomes %XX with upper-case hex, so CR/LF cannot reach the wire).
 *
 * Allowed only between tv_http_req_begin() and tv_http_req_host().
 * @param name  non-empty NUL-terminated string; read only during the call.
 * @param value NUL-terminated string, may be empty; read only during the call.
 * @return TV_OK; TV_ERR_INVALID_ARG (NULL, empty name); TV_ERR_STATE (after
 *         tv_http_req_host()); TV_ERR_REQUEST_TOO_LARGE; or an earlier
 *         failure of this request.
 */
int tv_http_req_query_str(tv_http_req *rq, const char *name, const char *value);

/**
 * @brief Append `name=<decimal>` (e.g. `id=42`, `id=-1`).
 * @return as tv_http_req_query_str().
 */
int tv_http_req_query_i64(tv_http_req *rq, const char *name, int64_t value);

/**
 * @brief Append `name=1,2,3`: a comma list of int64 ids, as Tradovate's
 *        `items?ids=` and `ldeps?masterids=` take them.
 *
 * The commas stay literal: RFC 3986 allows sub-delims in a query unencoded,
 * the API documents the literal form, and a server that splits the raw query
 * on ',' before decoding (common in hand-written handlers) would see one
 * value in `1%2C2%2C3`. In tv_http_req_query_str() a comma is data and is
 * encoded.
 * @param ids   n ids; read only during the call.
 * @param n     at least 1.
 * @return as tv_http_req_query_str(); TV_ERR_INVALID_ARG also for n == 0.
 */
int tv_http_req_query_ids(tv_http_req *rq, const char *name, const int64_t *ids, size_t n);

/**
 * @brief Append an already formed query part verbatim, e.g. "masterid=7&x=1"
 *        (for generic calls whose parameters the caller spells).
 *
 * Every byte must be an RFC 3986 path byte (unreserved, sub-delims, ':', '@',
 * '/', or a complete %XX escape): no space, '#', CR, LF or control byte.
 * Allowed only between tv_http_req_begin() and tv_http_req_host().
 * @return TV_OK; TV_ERR_INVALID_ARG (NULL or empty); TV_ERR_BAD_STRING;
 *         TV_ERR_STATE; TV_ERR_REQUEST_TOO_LARGE; or an earlier failure.
 */
int tv_http_req_query_raw(tv_http_req *rq, const char *query);

/**
 * @brief End the request line (" HTTP/1.1") and write `Host` and
 *        `Accept: application/json`. Required, once, before any header.
 *
 * @param host  NUL-terminated host name, IPv4 address or IPv6 literal, the
 *              latter with or without its brackets ("[::1]" or "::1", the
 *              form getaddrinfo() takes: the brackets are then added);
 *              letters, digits, '-', '.', '_', '~', '%' (and ':' in an IPv6
 *              literal, which is hex digits, ':' and '.' when bare) only.
 *              Read only during the call.
 * @param port  the TCP port; written as `host:port` unless it is the default
 *              of the scheme (443 with tls, 80 without).
 * @param tls   whether the connection uses TLS (https).
 * @return TV_OK; TV_ERR_INVALID_ARG (NULL or empty host, port 0);
 *         TV_ERR_BAD_STRING (a byte not allowed in a host); TV_ERR_STATE
 *         (called twice); TV_ERR_REQUEST_TOO_LARGE; or an earlier failure.
 */
int tv_http_req_host(tv_http_req *rq, const char *host, uint16_t port, bool tls);

/**
 * @brief Write `Authorization: Bearer <token>`.
 *
 * The token is copied into the request buffer only; wipe it with
 * tv_http_req_wipe() once the request is sent.
 * @param token NUL-terminated, visible ASCII (0x21..0x7E) only; read only
 *              during the call.
 * @return TV_OK; TV_ERR_INVALID_ARG (NULL or empty token); TV_ERR_BAD_STRING
 *         (space, control or non-ASCII byte); TV_ERR_STATE (before
 *         tv_http_req_host() or after the head is finished);
 *         TV_ERR_REQUEST_TOO_LARGE; or an earlier failure.
 */
int tv_http_req_bearer(tv_http_req *rq, const char *token);

/**
 * @brief Write one extra header `name: value`.
 *
 * @param name  an RFC 9110 token (letters, digits and !#$%&'*+-.^_`|~).
 *              Host, Content-Length, Content-Type and Transfer-Encoding are
 *              refused: the writer owns them, and a second copy would make
 *              the request ambiguous.
 * @param value visible ASCII, space, tab and bytes >= 0x80; no CR, LF, NUL
 *              or other controls.
 * @return TV_OK; TV_ERR_INVALID_ARG (NULL, empty or reserved name);
 *         TV_ERR_BAD_STRING (a byte not allowed in a name or value);
 *         TV_ERR_STATE; TV_ERR_REQUEST_TOO_LARGE; or an earlier failure.
 */
int tv_http_req_header(tv_http_req *rq, const char *name, const char *value);

/**
 * @brief Ask the server to close the connection after its response
 *        (`Connection: close`). Without it the connection is kept alive.
 * @return as tv_http_req_header().
 */
int tv_http_req_connection_close(tv_http_req *rq);

/**
 * @brief Finish a request without a body (ends the head).
 * @return TV_OK; TV_ERR_STATE (before tv_http_req_host() or already
 *         finished); TV_ERR_REQUEST_TOO_LARGE; or an earlier failure.
 */
int tv_http_req_finish(tv_http_req *rq);

/**
 * @brief Start a JSON body: writes `Content-Type: application/json`, the
 *        `Content-Length` header with its digits reserved, and the blank line;
 *        returns where the body goes.
 *
 * @param body out: the body's first byte, inside the request buffer. Valid
 *             until tv_http_req_body_end(), which may move the body.
 * @param room out: the most body bytes that fit (every byte up to the end of
 *             the buffer, less the Content-Length digits the length needs).
 * @return TV_OK; TV_ERR_INVALID_ARG (NULL out pointer); TV_ERR_STATE;
 *         TV_ERR_REQUEST_TOO_LARGE (not even an empty body fits); or an
 *         earlier failure.
 */
int tv_http_req_body_begin(tv_http_req *rq, uint8_t **body, size_t *room);

/**
 * @brief Finish a request whose body_len body bytes were written at the
 *        pointer from tv_http_req_body_begin().
 * @return TV_OK; TV_ERR_INVALID_ARG (body_len greater than the room handed
 *         out); TV_ERR_STATE (no body begun); or an earlier failure.
 */
int tv_http_req_body_end(tv_http_req *rq, size_t body_len);

/**
 * @brief Convenience: tv_http_req_body_begin(), copy len bytes, body_end().
 * @param body len bytes, read only during the call; may be NULL if len is 0.
 * @return as tv_http_req_body_begin(); TV_ERR_REQUEST_TOO_LARGE also when the
 *         body does not fit.
 */
int tv_http_req_body(tv_http_req *rq, const void *body, size_t len);

/**
 * @brief The finished request: one contiguous range inside the buffer.
 * @param len out: its length (0 when not finished).
 * @return its first byte, or NULL when the request is not finished or failed.
 */
const uint8_t *tv_http_req_data(const tv_http_req *rq, size_t *len);

/**
 * @brief Send the finished request, resuming where an earlier call stopped.
 *
 * Loops until every byte is accepted. rq->sent counts the bytes handed over,
 * so a caller can tell "nothing left this host" (sent == 0, safe to retry a
 * mutation on a fresh connection) from "maybe delivered".
 * @param t        the transport; both function pointers set.
 * @param deadline absolute tv_port_now_ms() time, or TV_PORT_NO_WAIT.
 * @return TV_OK when all is sent; TV_ERR_INVALID_ARG; TV_ERR_STATE (not
 *         finished, or failed earlier); TV_ERR_WOULD_BLOCK (call again);
 *         TV_ERR_TIMEOUT; any other transport error; TV_ERR_IO when the
 *         transport breaks its contract (returns 0 or more than asked).
 */
int tv_http_req_send(tv_http_req *rq, const tv_transport *t, uint64_t deadline);

/**
 * @brief Wipe the whole request buffer (all cap bytes) with writes the
 *        compiler may not remove, and make the request unusable.
 *
 * Use after sending (or after any failure): the buffer held the bearer token.
 * Safe on a request whose begin failed, and on NULL.
 */
void tv_http_req_wipe(tv_http_req *rq);

/**
 * @brief Zero len bytes at p with writes the compiler may not remove (for
 *        secrets in any caller buffer). p may be NULL when len is 0.
 */
void tv_http_wipe(void *p, size_t len);

/* ================================================================== */
/* Response parser                                                     */
/* ================================================================== */

/**
 * One response being read. tv_http_resp_init() initialises every member.
 * The public members are the head's values, valid once
 * tv_http_resp_read_head() returned TV_OK (before that they hold their
 * "absent" values); members under "private" are the parser's.
 */
typedef struct tv_http_resp {
    /** Status code, 100..599 (0 until the head is read). */
    int status;
    /** 1 for HTTP/1.1, 0 for HTTP/1.0. */
    int version_minor;
    /** Content-Length, or -1 when absent. For HEAD, 204 and 304 responses it
     *  describes a body that is not sent. */
    int64_t content_length;
    /** Retry-After in seconds when sent as delta-seconds (values above
     *  2^31-1 are clamped); -1 when absent or an HTTP-date. */
    int64_t retry_after_s;
    /** Raw bytes received on this response so far (interim responses
     *  included). 0 after an error means the peer sent nothing at all. */
    uint64_t received;
    /** The body is chunked (Transfer-Encoding: chunked). */
    bool chunked;
    /** HTTP/1.1 without `Connection: close`: the server intends to keep the
     *  connection. See tv_http_resp_reusable() for the complete answer. */
    bool keep_alive;
    /** Content-Type is application/json (parameters such as charset allowed). */
    bool json;
    /* ---- private ---- */
    uint8_t *buf;
    size_t cap;
    size_t len;           /* bytes in buf */
    size_t scan;          /* next byte to examine (head: line scanner; body: decoder) */
    size_t line;          /* head: first byte of the line being scanned */
    size_t body;          /* first unconsumed decoded body byte */
    size_t dec;           /* end of the decoded body bytes */
    uint64_t remaining;   /* Content-Length left, or bytes left in this chunk */
    uint32_t meta;        /* chunk-size/extension or trailer bytes seen */
    uint16_t lines;       /* header lines in this head */
    uint8_t interim;      /* 1xx responses skipped */
    uint8_t phase;        /* where the parser is (head, body kind, done) */
    uint8_t chunk_state;  /* chunked decoder state */
    uint8_t head_request; /* the request was HEAD */
    uint8_t seen;         /* which framing headers the head had */
    uint8_t nul;          /* the whole body was NUL-terminated */
    int err;              /* sticky failure, TV_OK while healthy */
} tv_http_resp;

/**
 * @brief Prepare to read one response into buf.
 *
 * @param r      the response; fully initialised here.
 * @param buf    the caller's buffer. It holds the head, then the body; it must
 *               stay valid while the response is read and while the caller
 *               uses body pointers. It may be the request's buffer once the
 *               request has been sent.
 * @param cap    size of buf. The head must fit in it whole.
 * @param method the request's method (HEAD responses have no body).
 * With NULL r or buf (or cap 0) the object is left failed with
 * TV_ERR_INVALID_ARG, which every later call returns.
 */
void tv_http_resp_init(tv_http_resp *r, uint8_t *buf, size_t cap, tv_http_method method);

/**
 * @brief Read until the response head (status line and headers) is parsed.
 *
 * Skips 1xx interim responses. Body bytes that arrive together with the head
 * are kept (and decoded) for the body calls. Returns TV_OK at once if the
 * head was already read.
 * @param t        the transport.
 * @param deadline absolute tv_port_now_ms() time, or TV_PORT_NO_WAIT.
 * @return TV_OK;
 *  transient: TV_ERR_WOULD_BLOCK, TV_ERR_TIMEOUT (call again to resume);
 *  connection: TV_ERR_PEER_CLOSED (closed before a single response byte: a
 *  stale kept-alive connection), TV_ERR_HTTP_TRUNCATED (closed after the
 *  first byte), TV_ERR_CONNECTION_RESET, TV_ERR_IO and any other transport
 *  error (received tells whether any byte came first);
 *  capacity: TV_ERR_HTTP_HEAD_TOO_LARGE, TV_ERR_HTTP_TOO_MANY_HEADERS;
 *  protocol: TV_ERR_HTTP_BAD_STATUS_LINE, TV_ERR_HTTP_BAD_HEADER,
 *  TV_ERR_HTTP_OBS_FOLD, TV_ERR_HTTP_BAD_CONTENT_LENGTH,
 *  TV_ERR_HTTP_CONFLICTING_LENGTH, TV_ERR_HTTP_BAD_TRANSFER_ENCODING,
 *  TV_ERR_HTTP_BAD_RESPONSE (too many 1xx), and the body errors of
 *  tv_http_resp_read_body() for body bytes that arrived with the head;
 *  usage: TV_ERR_INVALID_ARG.
 */
int tv_http_resp_read_head(tv_http_resp *r, const tv_transport *t, uint64_t deadline);

/**
 * @brief Read the head (if not yet read) and the whole body into the buffer.
 *
 * When the buffer fills up, the head bytes are dropped and the body moved to
 * the buffer's start. Afterwards tv_http_resp_body() gives the body; it is
 * followed by a NUL byte unless it fills the entire buffer
 * (tv_http_resp_body_nul() says which). Must not be mixed with
 * tv_http_resp_consume().
 * @return TV_OK (the response is complete); everything
 *  tv_http_resp_read_head() returns, plus: TV_ERR_HTTP_BODY_TOO_LARGE
 *  (Content-Length or decoded body larger than the buffer: never truncated),
 *  TV_ERR_HTTP_TRUNCATED (the connection ended inside the body),
 *  TV_ERR_HTTP_BAD_CHUNK, TV_ERR_HTTP_CHUNK_META_TOO_LARGE,
 *  TV_ERR_HTTP_BAD_RESPONSE (no framing: neither Content-Length nor chunked).
 */
int tv_http_resp_read_body(tv_http_resp *r, const tv_transport *t, uint64_t deadline);

/**
 * @brief Streaming: read the head (if needed), then until at least one more
 *        decoded body byte is available than before the call, or the body is
 *        complete.
 *
 * The available bytes are the window tv_http_resp_body(); the caller takes
 * what it can use (say, whole list elements) and releases it with
 * tv_http_resp_consume(). When the buffer is full, this call moves the
 * unconsumed window to the buffer's start first, so a body of any length
 * passes through a buffer as long as the largest piece the caller needs at
 * once. Chunked bodies are decoded across these moves.
 * Pointers into the window are valid until the next call of this function.
 * @return TV_OK (check tv_http_resp_complete()); everything
 *  tv_http_resp_read_body() returns, with TV_ERR_HTTP_BODY_TOO_LARGE meaning
 *  the window already fills the whole buffer and nothing was consumed.
 */
int tv_http_resp_body_more(tv_http_resp *r, const tv_transport *t, uint64_t deadline);

/**
 * @brief The decoded, not yet consumed body bytes.
 * @param len out: how many (may be 0).
 * @return pointer into the caller's buffer (writable: the JSON layer may
 *         decode strings in place); never NULL for an initialised r.
 */
uint8_t *tv_http_resp_body(tv_http_resp *r, size_t *len);

/**
 * @brief Release the first n bytes of the body window (streaming use).
 * @return TV_OK; TV_ERR_INVALID_ARG (n larger than the window).
 */
int tv_http_resp_consume(tv_http_resp *r, size_t n);

/** @brief Whether the whole response (head and body) has been read. */
bool tv_http_resp_complete(const tv_http_resp *r);

/**
 * @brief Whether tv_http_resp_read_body() left a NUL byte right after the body.
 */
bool tv_http_resp_body_nul(const tv_http_resp *r);

/**
 * @brief Whether the connection may carry the next request: the response is
 *        complete, HTTP/1.1, no `Connection: close`, not a 101 switch, and no
 *        byte arrived after its end.
 */
bool tv_http_resp_reusable(const tv_http_resp *r);

/**
 * @brief Bytes received after the end of a complete response (after a 101:
 *        the new protocol's first bytes).
 * @param len out: how many (0 when none or not complete).
 * @return pointer into the caller's buffer; valid until it is reused.
 */
const uint8_t *tv_http_resp_extra(const tv_http_resp *r, size_t *len);

#ifdef __cplusplus
}
#endif

#endif /* TV_HTTP_H */
