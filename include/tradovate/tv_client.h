/**
 * @file tv_client.h
 * @brief The Tradovate client: one struct the caller declares, its set-up,
 *        what the last call did, the penalty retry and a generic call.
 *
 * The operations themselves are in tv_api.h. A client is one TLS connection
 * kept alive between calls, an access token with its expiry, and the
 * caller's buffers; it allocates nothing. Two clients may run in two threads
 * (each must be used by one thread at a time), sharing the process's TLS
 * arena (tv_tls_arena_init(), which the caller calls once first).
 *
 * Memory, all the caller's (typical sizes for the Tradovate API in brackets):
 *  - request buffer [2 KB]: request line, headers (the bearer token among
 *    them) and JSON body, sent in one write;
 *  - response buffer [4-16 KB]: the response head and body. Single results
 *    must fit whole; lists only need room for their largest element;
 *  - JSON tokens [256]: for the largest single object or list element;
 *  - token buffer [1 KB]: holds the access token between calls.
 */
#ifndef TV_CLIENT_H
#define TV_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tradovate/tv_config.h"
#include "tradovate/tv_enums.h"
#include "tradovate/tv_error.h"
#include "tradovate/tv_http.h"
#include "tradovate/tv_json.h"
#include "tradovate/tv_tls.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Tradovate's simulation (demo) environment. */
#define TV_BASE_URL_DEMO "https://demo.tradovateapi.com/v1"
/** Tradovate's live environment. */
#define TV_BASE_URL_LIVE "https://live.tradovateapi.com/v1"

/** Longest clOrdId the library sends or accepts from a caller. */
#define TV_CL_ORD_ID_MAX 64

/** Longest penalty ticket kept for tv_client_retry_penalty(). */
#ifndef TV_PENALTY_TICKET_MAX
#define TV_PENALTY_TICKET_MAX 256
#endif

/**
 * Login credentials (POST /auth/accesstokenrequest). The strings are the
 * caller's; the client keeps a pointer to this struct (it logs in again with
 * it when the session cannot be renewed), so it must outlive the client.
 * Nothing here is ever logged or printed by the library.
 */
typedef struct tv_credentials {
    const char *name;        /**< user name (required) */
    const char *password;    /**< password or API-dedicated password (required) */
    const char *app_id;      /**< application id (NULL: not sent) */
    const char *app_version; /**< application version (NULL: not sent) */
    const char *device_id;   /**< stable per-device id; live trading needs a verified one */
    int64_t cid;             /**< API key id ("cid"); sent when has_cid */
    bool has_cid;
    const char *sec;         /**< API secret (NULL: not sent) */
} tv_credentials;

/**
 * Bring your own connection: a modem with TLS built in, a TLS offload engine,
 * an RTOS socket layer with its own security, or a test's scripted bytes.
 * When tv_client_config.io is set the client uses it instead of its own TLS
 * over the port's TCP, and **certificate verification is then the io's job**.
 * All pointers are the caller's and must outlive the client.
 */
typedef struct tv_client_io {
    /** Open the byte stream to host:port before the deadline; TV_OK or a
     *  transport/security status. NULL: the stream is always open. */
    int (*connect)(void *ctx, const char *host, uint16_t port, uint64_t deadline);
    /** Close it (the client reconnects on its next call). May be NULL. */
    void (*close)(void *ctx);
    /** The stream itself (tv_transport.h conventions). */
    tv_transport transport;
} tv_client_io;

/** Everything tv_client_init() needs. Zero what you do not set. */
typedef struct tv_client_config {
    /** e.g. TV_BASE_URL_DEMO, or the simulator's "https://127.0.0.1:PORT/v1"
     *  ("https://[::1]:PORT/v1" for IPv6; zone ids are not supported).
     *  Copied (host at most TV_MAX_HOST_LEN bytes, path TV_MAX_BASE_PATH_LEN). */
    const char *base_url;
    /** Trusted CA certificates, PEM or DER; read during init only. */
    const uint8_t *ca;
    size_t ca_len;
    /** Optional SPKI SHA-256 pins (TV_TLS_PIN_LEN bytes each, copied). */
    const uint8_t *pin_primary;
    const uint8_t *pin_backup;
    /** Deadline of each request, ms; 0: TV_DEFAULT_TIMEOUT_MS. */
    uint32_t timeout_ms;
    /** Renew the token this many seconds before expiry; 0: TV_TOKEN_RENEW_MARGIN_S. */
    uint32_t renew_margin_s;
    /** Login data; may be NULL if the caller sets a token with tv_client_set_token(). */
    const tv_credentials *credentials;
    /** Paths of the two endpoints the published material lacks (NULL: defaults). */
    const char *path_timestamp;
    const char *path_userinfo;
    /** Optional: a connection of your own instead of TLS over TCP (see
     *  tv_client_io). NULL for the library's verified TLS. */
    const tv_client_io *io;
    /** The caller's buffers (see the file comment); must outlive the client. */
    uint8_t *request_buf;
    size_t request_size;
    uint8_t *response_buf;
    size_t response_size;
    tv_json_tok *tokens;
    size_t token_count;
    char *access_token_buf;
    size_t access_token_size;
} tv_client_config;

/**
 * What the last call on a client did, beyond its status: read it with
 * tv_client_last_call() right after the call. Strings point into the
 * client's buffers and live until the next call.
 */
typedef struct tv_call_info {
    int status;            /**< what the call returned */
    int http_status;       /**< 0 when no response arrived */
    int cause;             /**< for TV_ERR_OUTCOME_UNKNOWN: what broke (a transport
                                or protocol status); else equal to status */
    const char *detail;    /**< for JSON errors: the field concerned (its JSON key) */
    /** Business failure: failureReason / rejectReason (UNRECOGNIZED if absent). */
    tv_failure_reason failure_reason;
    /** errorText or failureText, NULL if none. */
    const char *failure_text;
    /** Penalty: seconds to wait before tv_client_retry_penalty(). */
    uint32_t penalty_wait_s;
    bool penalty_captcha;  /**< the penalty asks for a captcha: stop for ~1 h */
    int64_t retry_after_s; /**< Retry-After header, -1 if absent */
    bool sent;             /**< some request bytes were handed to the network */
    bool reconnected;      /**< the call opened a new connection */
    bool resumed;          /**< ... and resumed a TLS session */
    /** The clOrdId (or strategy uuid) this mutation carried, "" for others. */
    char cl_ord_id[TV_CL_ORD_ID_MAX + 1];
} tv_call_info;

/** A client. Declare one (static or on a task stack); all members are private. */
typedef struct tv_client {
    tv_client_config cfg;
    char host[TV_MAX_HOST_LEN + 1];
    char base_path[TV_MAX_BASE_PATH_LEN + 1];
    uint16_t port;
    uint8_t tls;       /* https (always, unless a plaintext loopback build) */
    uint8_t connected; /* the connection is open */
    uint8_t target_ok; /* host and base path pass the request writer's checks */
    uint8_t token_ok;  /* so does the kept token: neither is checked per request */
    uint8_t host_v6;   /* host is an IPv6 address (kept bare, bracketed in Host) */
    tv_tls_config tls_cfg;
    tv_tls_conn conn;
    tv_socket plain; /* plaintext loopback builds only */
    tv_http_req req;
    tv_http_resp resp;
    tv_json_doc doc;
    tv_call_info last;
    size_t token_len;          /* 0: not logged in */
    uint64_t token_expiry_ms;  /* on tv_port_now_ms() */
    uint32_t id_counter;       /* clOrdId sequence */
    char id_prefix[12];        /* random per client, drawn at init */
    size_t req_body_len; /* body bytes of the request being sent */
    /* the body of a request answered with a penalty, kept for the retry */
    uint8_t pending_endpoint; /* endpoint id + 1; 0: none */
    size_t pending_body_off; /* where it sits in the request buffer */
    size_t pending_body_len;
    char penalty_ticket[TV_PENALTY_TICKET_MAX + 1];
    uint8_t in_auth; /* a renewal/login is in progress (no recursion) */
} tv_client;

/**
 * @brief Set up a client: parse the base URL, load the CAs and pins. No
 *        network traffic happens here; the first call connects.
 *
 * tv_tls_arena_init() must have been called. Draws the client's random
 * clOrdId prefix from tv_port_entropy().
 * @param c   the client, owned by the caller.
 * @param cfg read during the call; the pointers inside it (buffers,
 *            credentials) are kept and must outlive the client.
 * @return TV_OK; TV_ERR_INVALID_ARG (missing buffers or sizes too small to
 *         ever work: request < 256 B, response < 512 B, tokens < 16, token
 *         buffer < 32 B); TV_ERR_BAD_URL; TV_ERR_INSECURE_URL (http:// in a
 *         normal build, or not to loopback); TV_ERR_TLS_BAD_CA;
 *         TV_ERR_TLS_ARENA_EXHAUSTED; TV_ERR_ENTROPY.
 */
int tv_client_init(tv_client *c, const tv_client_config *cfg);

/**
 * @brief Close the connection, wipe the access token and the buffers'
 *        secrets, release the TLS objects. The client may be set up again.
 */
void tv_client_free(tv_client *c);

/** @brief What the last call did (valid until the next call on c). */
const tv_call_info *tv_client_last_call(const tv_client *c);

/**
 * @brief Use an access token obtained elsewhere (e.g. shared by another
 *        process), valid for `lifetime_s` seconds from now. Copied into the
 *        token buffer.
 * @return TV_OK; TV_ERR_INVALID_ARG; TV_ERR_BUFFER_TOO_SMALL.
 */
int tv_client_set_token(tv_client *c, const char *token, uint32_t lifetime_s);

/** @brief Whether the client holds a token that has not expired. */
bool tv_client_logged_in(const tv_client *c);

/**
 * @brief Seconds until the token expires (0 if none or expired).
 */
uint32_t tv_client_token_seconds_left(const tv_client *c);

/**
 * @brief Resend the request that the service answered with a penalty ticket,
 *        with the ticket added to the identical body, and decode its answer.
 *
 * Call it after waiting tv_call_info.penalty_wait_s seconds, and before any
 * other call on the client (which discards the kept body). The body is the
 * one sent before, byte for byte (same clOrdId), plus `"p-ticket":"..."`.
 * The retry does not renew the token first (a renewal would overwrite the
 * kept body); if the token has expired meanwhile the answer is
 * TV_ERR_UNAUTHORIZED and the caller places the order anew. Penalties on
 * GET requests need no retry call: call the operation again after the wait.
 * @param result the same kind of result struct the original call took (e.g.
 *        a tv_place_order_result after tv_order_place()); NULL if that call
 *        took none.
 * @return what the original operation returns; TV_ERR_STATE if the last call
 *         did not end in TV_ERR_PENALTY on a POST; TV_ERR_BUFFER_TOO_SMALL if
 *         the ticket was longer than TV_PENALTY_TICKET_MAX.
 */
int tv_client_retry_penalty(tv_client *c, void *result);

/** A raw response of tv_client_request(). */
typedef struct tv_raw_response {
    int http_status;
    const char *body; /**< NUL-terminated, in the response buffer; "" if none */
    size_t body_len;
} tv_raw_response;

/**
 * @brief Any endpoint the library does not type: one request, the raw body back.
 *
 * @param method TV_HTTP_GET or TV_HTTP_POST.
 * @param path   relative to the base URL's path, e.g. "/account/list".
 * @param query  already formed query without '?', e.g. "masterid=7" (each
 *               byte must be allowed in a query; NULL for none).
 * @param json   request body (POST), validated as JSON before it is sent;
 *               NULL for none.
 * @param out    the answer; its body lives until the next call on c.
 * @return TV_OK for any 2xx answer (the body is not classified further: a
 *         business failure inside it is the caller's to read);
 *         TV_ERR_PENALTY/_CAPTCHA when the body is a penalty ticket; the
 *         HTTP-status and transport statuses of tv_api.h; TV_ERR_OUTCOME_UNKNOWN
 *         for a POST whose answer never came complete; TV_ERR_JSON_* if json
 *         is not valid JSON (nothing sent); TV_ERR_BAD_STRING for a bad path
 *         or query.
 */
int tv_client_request(tv_client *c, tv_http_method method, const char *path, const char *query,
                      const char *json, tv_raw_response *out);

#ifdef __cplusplus
}
#endif

#endif /* TV_CLIENT_H */
