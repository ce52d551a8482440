/**
 * @file tv_config.h
 * @brief Compile-time configuration of libtradovate, with documented defaults.
 *
 * Every option has a default under `#ifndef`. To change one, put your
 * definitions in a header of your own and build the library (and your code)
 * with `-DTV_CONFIG_FILE='"my_tv_config.h"'`; that file is included first, so
 * whatever it defines wins. Options can also be given with `-D` directly.
 *
 * Sizes here bound loops and parsing work; buffers themselves are always the
 * caller's (see tv_client.h), so none of these reserve memory on their own
 * unless said so.
 */
#ifndef TV_CONFIG_H
#define TV_CONFIG_H

#if defined(TV_CONFIG_FILE)
#include TV_CONFIG_FILE
#endif

/* ------------------------------------------------------------------ */
/* Version                                                             */
/* ------------------------------------------------------------------ */

/** Major version: incremented on incompatible API changes. */
#define TV_VERSION_MAJOR 0
/** Minor version: incremented when features are added compatibly. */
#define TV_VERSION_MINOR 1
/** Patch version: incremented for fixes. */
#define TV_VERSION_PATCH 0
/** The version as one number, 0xMMmmpp00 (like MBEDTLS_VERSION_NUMBER). */
#define TV_VERSION_NUMBER                                                                          \
    ((TV_VERSION_MAJOR << 24) | (TV_VERSION_MINOR << 16) | (TV_VERSION_PATCH << 8))
/** The version as a string. */
#define TV_VERSION_STRING "0.1.0"

/* ------------------------------------------------------------------ */
/* HTTP                                                                */
/* ------------------------------------------------------------------ */

/**
 * Most header lines accepted in one response head. Past it the response is
 * refused with TV_ERR_HTTP_TOO_MANY_HEADERS. Bounds work per response; the
 * parser keeps no per-header storage.
 */
#ifndef TV_HTTP_MAX_HEADER_LINES
#define TV_HTTP_MAX_HEADER_LINES 64
#endif

/**
 * Longest chunk extension (the `;name=value` after a chunk size) and longest
 * trailer section accepted in a chunked body, in bytes. Both are tolerated and
 * skipped; past these bounds: TV_ERR_HTTP_CHUNK_META_TOO_LARGE.
 */
#ifndef TV_HTTP_MAX_CHUNK_EXT
#define TV_HTTP_MAX_CHUNK_EXT 256
#endif
#ifndef TV_HTTP_MAX_TRAILER
#define TV_HTTP_MAX_TRAILER 1024
#endif

/**
 * Most 1xx interim responses (100 Continue, 103 Early Hints, ...) skipped
 * before the final response. One more is refused with
 * TV_ERR_HTTP_BAD_RESPONSE, so a peer cannot keep the client reading interim
 * heads forever. At most 255.
 */
#ifndef TV_HTTP_MAX_INTERIM
#define TV_HTTP_MAX_INTERIM 4
#endif

/**
 * Allow plaintext `http://` base URLs. 0 (the default) refuses them with
 * TV_ERR_INSECURE_URL. Benchmark builds set 1 to measure the client without
 * TLS; even then only loopback hosts (127.0.0.0/8, ::1, localhost) are
 * accepted.
 */
#ifndef TV_CONFIG_ALLOW_PLAINTEXT_LOOPBACK
#define TV_CONFIG_ALLOW_PLAINTEXT_LOOPBACK 0
#endif

/* ------------------------------------------------------------------ */
/* JSON                                                                */
/* ------------------------------------------------------------------ */

/**
 * Deepest nesting of arrays/objects accepted in a JSON document. Deeper
 * documents are refused with TV_ERR_JSON_TOO_DEEP. The validator keeps one
 * bit per level on the stack, so this costs TV_JSON_MAX_DEPTH/8 bytes; every
 * tv_json_writer carries the same bits (and refuses to nest deeper), and the
 * array splitter lets an element nest TV_JSON_MAX_DEPTH - 1 deep, so that a
 * streamed document obeys the same bound as a whole one. At most 65535.
 */
#ifndef TV_JSON_MAX_DEPTH
#define TV_JSON_MAX_DEPTH 32
#endif

/* ------------------------------------------------------------------ */
/* Client                                                              */
/* ------------------------------------------------------------------ */

/**
 * 1 (default): a decoded object that lacks a field the API reference marks
 * required is refused with TV_ERR_JSON_MISSING_FIELD (the field's name in
 * tv_call_info.detail). 0: such fields are only left absent (their presence
 * bit clear), for servers that are laxer than their published schema.
 */
#ifndef TV_CONFIG_STRICT_REQUIRED
#define TV_CONFIG_STRICT_REQUIRED 1
#endif

/** Default deadline of one request (connect + handshake + send + receive), ms. */
#ifndef TV_DEFAULT_TIMEOUT_MS
#define TV_DEFAULT_TIMEOUT_MS 10000u
#endif

/** Renew the access token this many seconds before it expires. */
#ifndef TV_TOKEN_RENEW_MARGIN_S
#define TV_TOKEN_RENEW_MARGIN_S 900u
#endif

/** Longest host name of the base URL, in bytes (stored in the client). */
#ifndef TV_MAX_HOST_LEN
#define TV_MAX_HOST_LEN 64
#endif

/** Longest path prefix of the base URL (e.g. "/v1"), in bytes. */
#ifndef TV_MAX_BASE_PATH_LEN
#define TV_MAX_BASE_PATH_LEN 32
#endif

/**
 * Path of Get Timestamp, relative to the base URL. The published material
 * does not give it; this default is an assumption (see README).
 */
#ifndef TV_PATH_GET_TIMESTAMP
#define TV_PATH_GET_TIMESTAMP "/auth/timestamp"
#endif

/**
 * Path of OIDC User Info, relative to the base URL. Not published either;
 * this default is an assumption (see README).
 */
#ifndef TV_PATH_OIDC_USERINFO
#define TV_PATH_OIDC_USERINFO "/auth/userinfo"
#endif

/* ------------------------------------------------------------------ */
/* Memory budgets (proved by the tests, see tests/proof/README.md)     */
/* ------------------------------------------------------------------ */

/**
 * The mbedTLS arena (tv_tls_arena_init()) recommended for one client: its
 * connection with 16 KB in / 4 KB out records, a full handshake that
 * verifies a chain of an RSA-2048 leaf and intermediate (what a public CA
 * issues), and the session kept for resumption. tests/unit/test_client_no_heap.c
 * runs a whole session on exactly this many bytes against such a chain and
 * fails if the peak (tv_tls_arena_peak()) leaves less than 10 % free (it
 * measured 43.7 KB on x86-64; 32-bit targets need less, their structures
 * being smaller: the Cortex-M4 test image peaks at 35.9 KB against an EC
 * leaf). Clients with connections open at the same time need more: measure
 * with tv_tls_arena_peak() against your own server. Reserves no memory: the
 * arena is the caller's array.
 */
#ifndef TV_TLS_ARENA_RECOMMENDED
#define TV_TLS_ARENA_RECOMMENDED (52u * 1024u)
#endif

/* ------------------------------------------------------------------ */
/* Diagnostics                                                         */
/* ------------------------------------------------------------------ */

/**
 * 1: tv_strerror() returns an English sentence per code (about 4 KB of
 * flash). 0: it returns the code's name, which firmware builds may prefer.
 */
#ifndef TV_CONFIG_ERROR_TEXT
#define TV_CONFIG_ERROR_TEXT 1
#endif

/**
 * 1: tv_err_name() returns each code's name ("TV_ERR_TIMEOUT"). 0: it
 * returns the name of the code's class instead ("TV_ERRCLASS_TRANSIENT";
 * "TV_OK" for TV_OK, "TV_ERR_UNKNOWN" for values that are not codes), and so
 * does tv_strerror(): about 2 KB less flash for firmware that logs the
 * numbers. Implies no sentences (TV_CONFIG_ERROR_TEXT is then ignored).
 */
#ifndef TV_CONFIG_ERROR_NAMES
#define TV_CONFIG_ERROR_NAMES 1
#endif

#endif /* TV_CONFIG_H */
