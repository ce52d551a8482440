/* Shared between the HTTP files: byte classes, phases, and the parser steps. */
#ifndef TV_HTTP_PRIV_H
#define TV_HTTP_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tradovate/tv_http.h"

/* Where the response parser is (tv_http_resp.phase). */
enum {
    TV_HTTP_PH_HEAD = 0, /* reading status line and headers */
    TV_HTTP_PH_LENGTH,   /* body framed by Content-Length */
    TV_HTTP_PH_CHUNKED,  /* body framed by chunked encoding */
    TV_HTTP_PH_UNFRAMED, /* body with no framing: refused when read */
    TV_HTTP_PH_DONE      /* response complete */
};

/* Framing-related headers seen in the current head (tv_http_resp.seen). */
enum { TV_HTTP_SEEN_LENGTH = 1, TV_HTTP_SEEN_CHUNKED = 2, TV_HTTP_SEEN_CLOSE = 4 };

/*
 * Most raw bytes between two decoded body bytes of a chunked body: the CRLF
 * after chunk data, a chunk-size line (at most 16 hex digits), its extension
 * (bounded by TV_HTTP_MAX_CHUNK_EXT) and the trailer section. Bounds the
 * receive loop together with the buffer size.
 */
#define TV_HTTP_CHUNK_DIGITS_MAX 16u
#define TV_HTTP_FRAMING_BOUND                                                                      \
    ((size_t)TV_HTTP_MAX_CHUNK_EXT + (size_t)TV_HTTP_MAX_TRAILER + TV_HTTP_CHUNK_DIGITS_MAX + 8u)

/* RFC 9110 tchar: the bytes of a token (header names, list elements):
 * ALPHA, DIGIT and !#$%&'*+-.^_`|~, one bit per ASCII byte (header names
 * are scanned byte by byte for every response, so no strchr here). */
static inline bool tv_http_is_tchar(uint8_t c)
{
    static const uint32_t tchar_bits[4] = {0x00000000u, 0x03ff6cfau, 0xc7fffffeu, 0x57ffffffu};
    return c < 128 && ((tchar_bits[c >> 5] >> (c & 31u)) & 1u) != 0;
}

/* A byte that may appear in a field value or reason phrase: HTAB, SP,
 * VCHAR and obs-text. Everything else is a control byte. */
static inline bool tv_http_is_field_byte(uint8_t c)
{
    return c == '\t' || (c >= 0x20 && c != 0x7f);
}

/* ASCII lower case; other bytes unchanged. */
static inline uint8_t tv_http_lower(uint8_t c)
{
    return (c >= 'A' && c <= 'Z') ? (uint8_t)(c + ('a' - 'A')) : c;
}

/* Case-insensitive comparison of n bytes with the lower-case literal lit
 * (which must be exactly n bytes long to match). */
static inline bool tv_http_ieq(const uint8_t *p, size_t n, const char *lit)
{
    if (strlen(lit) != n) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (tv_http_lower(p[i]) != (uint8_t)lit[i]) {
            return false;
        }
    }
    return true;
}

/*
 * Parses head bytes [r->scan, r->len): validates each byte, processes each
 * complete line, and at the blank line either skips a 1xx response or sets
 * r->phase to the body's framing (r->scan then points at the first body
 * byte). Returns TV_OK (more bytes needed, or the head is done) or a
 * protocol/capacity error.
 */
int tv_http_head_parse(tv_http_resp *r);

/*
 * Decodes chunked body bytes [r->scan, r->len) in place: chunk data is
 * appended at r->dec, framing is dropped. Sets r->phase to TV_HTTP_PH_DONE
 * after the last chunk's trailer section. Returns TV_OK or a chunk error.
 */
int tv_http_chunked_decode(tv_http_resp *r);

/*
 * For the client, which keeps its base path, host and token and writes them
 * into every request: the checks tv_http_req_begin(), tv_http_req_host() and
 * tv_http_req_bearer() make of those values (true: they would pass), and the
 * same three writers without the checks, for values that passed them when
 * they were stored (the endpoint table's paths pass them in
 * tests/unit/test_http_request.c). The _checked writers write the same bytes
 * and return the same statuses otherwise.
 */
bool tv_http_path_ok(const char *s);
bool tv_http_host_ok(const char *host);
bool tv_http_token_ok(const char *token, size_t len);

/* The target is base, then path, then sub (an operation such as "/list"
 * after an entity's path; NULL for none). With `check` false, base, path and
 * sub are trusted to have passed tv_http_path_ok() already. */
int tv_http_req_begin_parts(tv_http_req *rq, uint8_t *buf, size_t cap, tv_http_method method,
                            const char *base, const char *path, const char *sub, bool check);
/* `bare_v6`: tv_http_host_is_bare_v6(host), worked out when the host was
 * stored (the Host header then brackets it). */
int tv_http_req_host_checked(tv_http_req *rq, const char *host, uint16_t port, bool tls,
                             bool bare_v6);
/* Whether host is an IPv6 literal without its brackets ("::1"). */
bool tv_http_host_is_bare_v6(const char *host);
int tv_http_req_bearer_checked(tv_http_req *rq, const char *token, size_t len);

#endif /* TV_HTTP_PRIV_H */
