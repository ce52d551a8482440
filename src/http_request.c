/* The request writer: one HTTP/1.1 request into a caller buffer (tv_http.h). */
#include <string.h>

#include "tv_bytes_priv.h"
#include "tv_http_priv.h"

/* tv_http_req.state: what may be written next. */
enum {
    REQ_UNUSED = 0, /* never begun, or wiped */
    REQ_TARGET,     /* request target: query pairs may follow */
    REQ_HEADERS,    /* request line and Host written: headers may follow */
    REQ_BODY,       /* body region handed out */
    REQ_DONE        /* finished: may be sent */
};

/* Longest decimal form of a uint64_t. */
#define DEC_MAX 20u

static int req_fail(tv_http_req *rq, int err)
{
    rq->err = err;
    return err;
}

/* The status of a request about to be extended in state `want`. A call out
 * of order fails the request too: what was meant cannot be guessed. */
static int req_check(tv_http_req *rq, uint8_t want)
{
    if (rq == NULL) {
        return TV_ERR_INVALID_ARG;
    }
    if (rq->err != TV_OK) {
        return rq->err;
    }
    return rq->state == want ? TV_OK : req_fail(rq, TV_ERR_STATE);
}

static int req_put(tv_http_req *rq, const void *p, size_t n)
{
    if (n > rq->cap - rq->len) {
        return req_fail(rq, TV_ERR_REQUEST_TOO_LARGE);
    }
    memcpy(rq->buf + rq->len, p, n);
    rq->len += n;
    return TV_OK;
}

static int req_puts(tv_http_req *rq, const char *s)
{
    return req_put(rq, s, strlen(s));
}

/* Writes v in decimal at the end of out[DEC_MAX]; returns where it starts. */
static size_t dec_format(uint8_t out[DEC_MAX], uint64_t v)
{
    size_t i = DEC_MAX;
    do {
        out[--i] = (uint8_t)('0' + v % 10u);
        v /= 10u;
    } while (v != 0 && i > 0);
    return i;
}

static size_t dec_digits(uint64_t v)
{
    uint8_t tmp[DEC_MAX];
    return DEC_MAX - dec_format(tmp, v);
}

static int req_put_u64(tv_http_req *rq, uint64_t v)
{
    uint8_t tmp[DEC_MAX];
    size_t at = dec_format(tmp, v);
    return req_put(rq, tmp + at, DEC_MAX - at);
}

static int req_put_i64(tv_http_req *rq, int64_t v)
{
    /* Negate in unsigned arithmetic: -INT64_MIN does not fit an int64_t. */
    if (v < 0) {
        int rc = req_put(rq, "-", 1);
        return rc != TV_OK ? rc : req_put_u64(rq, 0u - (uint64_t)v);
    }
    return req_put_u64(rq, (uint64_t)v);
}

static bool is_alnum(uint8_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_hex(uint8_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* RFC 3986 unreserved: the only bytes a query value keeps literally. */
static bool is_unreserved(uint8_t c)
{
    return is_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

/* RFC 3986 pchar or '/', apart from '%' (checked with its two digits):
 * unreserved and !$&'()*+,;=:@/, one bit per ASCII byte (every request's
 * path is checked byte by byte). */
static bool is_path_byte(uint8_t c)
{
    static const uint32_t pchar_bits[4] = {0x00000000u, 0x2fffffd2u, 0x87ffffffu, 0x47fffffeu};
    return c < 128 && ((pchar_bits[c >> 5] >> (c & 31u)) & 1u) != 0;
}

/* Validates a path part: TV_OK or TV_ERR_BAD_STRING. */
static int path_check(const char *s)
{
    const uint8_t *p = (const uint8_t *)s;
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '%') {
            if (i + 2 >= n || !is_hex(p[i + 1]) || !is_hex(p[i + 2])) {
                return TV_ERR_BAD_STRING;
            }
            i += 2;
        } else if (!is_path_byte(p[i])) {
            return TV_ERR_BAD_STRING;
        }
    }
    return TV_OK;
}

static const char *const method_names[] = {"GET", "POST", "PUT", "DELETE", "HEAD"};

bool tv_http_path_ok(const char *s)
{
    return s != NULL && path_check(s) == TV_OK;
}

/* "METHOD " and the target's parts (base may be NULL, sub NULL or ""), each
 * checked first unless `check` is false. */
static int req_begin(tv_http_req *rq, uint8_t *buf, size_t cap, tv_http_method method,
                     const char *base, const char *path, const char *sub, bool check)
{
    if (rq == NULL) {
        return TV_ERR_INVALID_ARG;
    }
    memset(rq, 0, sizeof *rq);
    rq->buf = buf;
    rq->cap = cap;
    if (buf == NULL || path == NULL ||
        (unsigned)method >= sizeof method_names / sizeof *method_names) {
        return req_fail(rq, TV_ERR_INVALID_ARG);
    }
    if (base == NULL) {
        base = "";
    }
    if ((base[0] != '\0' ? base[0] : path[0]) != '/') {
        return req_fail(rq, TV_ERR_INVALID_ARG);
    }
    if (check && (path_check(base) != TV_OK || path_check(path) != TV_OK ||
                  (sub != NULL && path_check(sub) != TV_OK))) {
        return req_fail(rq, TV_ERR_BAD_STRING);
    }
    rq->state = REQ_TARGET;
    int rc = req_puts(rq, method_names[method]);
    if (rc == TV_OK) {
        rc = req_put(rq, " ", 1);
    }
    if (rc == TV_OK) {
        rc = req_puts(rq, base);
    }
    if (rc == TV_OK) {
        rc = req_puts(rq, path);
    }
    return rc != TV_OK || sub == NULL ? rc : req_puts(rq, sub);
}

int tv_http_req_begin(tv_http_req *rq, uint8_t *buf, size_t cap, tv_http_method method,
                      const char *base, const char *path)
{
    return req_begin(rq, buf, cap, method, base, path, NULL, true);
}

int tv_http_req_begin_parts(tv_http_req *rq, uint8_t *buf, size_t cap, tv_http_method method,
                            const char *base, const char *path, const char *sub, bool check)
{
    return req_begin(rq, buf, cap, method, base, path, sub, check);
}

/* Percent-encodes s: unreserved bytes stay, all others become %XX. */
static int req_put_pct(tv_http_req *rq, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    const uint8_t *p = (const uint8_t *)s;
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++) {
        if (is_unreserved(p[i])) {
            if (req_put(rq, p + i, 1) != TV_OK) {
                return rq->err;
            }
        } else {
            uint8_t esc[3] = {'%', (uint8_t)hex[p[i] >> 4], (uint8_t)hex[p[i] & 15u]};
            if (req_put(rq, esc, sizeof esc) != TV_OK) {
                return rq->err;
            }
        }
    }
    return TV_OK;
}

/* Writes "?name=" or "&name=" with the name percent-encoded. */
static int query_name(tv_http_req *rq, const char *name)
{
    int rc = req_check(rq, REQ_TARGET);
    if (rc != TV_OK) {
        return rc;
    }
    if (name == NULL || name[0] == '\0') {
        return req_fail(rq, TV_ERR_INVALID_ARG);
    }
    rc = req_put(rq, rq->queries == 0 ? "?" : "&", 1);
    if (rc == TV_OK) {
        rc = req_put_pct(rq, name);
    }
    if (rc == TV_OK) {
        rc = req_put(rq, "=", 1);
    }
    if (rq->queries < UINT8_MAX) {
        rq->queries++;
    }
    return rc;
}

int tv_http_req_query_str(tv_http_req *rq, const char *name, const char *value)
{
    if (rq != NULL && rq->err == TV_OK && value == NULL) {
        return req_fail(rq, TV_ERR_INVALID_ARG);
    }
    int rc = query_name(rq, name);
    return rc != TV_OK ? rc : req_put_pct(rq, value);
}

int tv_http_req_query_i64(tv_http_req *rq, const char *name, int64_t value)
{
    int rc = query_name(rq, name);
    return rc != TV_OK ? rc : req_put_i64(rq, value);
}

int tv_http_req_query_ids(tv_http_req *rq, const char *name, const int64_t *ids, size_t n)
{
    if (rq != NULL && rq->err == TV_OK && (ids == NULL || n == 0)) {
        return req_fail(rq, TV_ERR_INVALID_ARG);
    }
    int rc = query_name(rq, name);
    for (size_t i = 0; i < n && rc == TV_OK; i++) {
        rc = (i == 0) ? TV_OK : req_put(rq, ",", 1);
        if (rc == TV_OK) {
            rc = req_put_i64(rq, ids[i]);
        }
    }
    return rc;
}

int tv_http_req_query_raw(tv_http_req *rq, const char *query)
{
    int rc = req_check(rq, REQ_TARGET);
    if (rc != TV_OK) {
        return rc;
    }
    if (query == NULL || query[0] == '\0') {
        return req_fail(rq, TV_ERR_INVALID_ARG);
    }
    /* Query bytes are path bytes (RFC 3986 pchar and '/', %XX complete),
     * which leaves no way to a space, CR, LF or '#'. */
    if (path_check(query) != TV_OK) {
        return req_fail(rq, TV_ERR_BAD_STRING);
    }
    rc = req_put(rq, rq->queries == 0 ? "?" : "&", 1);
    if (rc == TV_OK) {
        rc = req_puts(rq, query);
    }
    if (rq->queries < UINT8_MAX) {
        rq->queries++;
    }
    return rc;
}

/* Host: letters, digits, "-._~%"; or "[...]" with hex digits, ':' and '.'. */
/* A bare IPv6 literal ("::1", "fe80::1", "::ffff:1.2.3.4"): a ':' can be
 * in no host name, and the URL parser strips an address's brackets. */
static bool host_is_bare_ipv6(const char *host)
{
    return host[0] != '[' && strchr(host, ':') != NULL;
}

bool tv_http_host_ok(const char *host)
{
    if (host == NULL || host[0] == '\0') {
        return false;
    }
    const uint8_t *p = (const uint8_t *)host;
    size_t n = strlen(host);
    if (host_is_bare_ipv6(host)) {
        for (size_t i = 0; i < n; i++) {
            if (!is_hex(p[i]) && p[i] != ':' && p[i] != '.') {
                return false;
            }
        }
        return true;
    }
    bool literal = n >= 2 && p[0] == '[' && p[n - 1] == ']';
    for (size_t i = literal ? 1 : 0; i < (literal ? n - 1 : n); i++) {
        bool ok = is_unreserved(p[i]) || p[i] == '%' || (literal && p[i] == ':');
        if (!ok) {
            return false;
        }
    }
    return true;
}

/* With `check` false the host passed tv_http_host_ok() and `bare_v6` says
 * whether it is a bare IPv6 literal (the client works both out once). */
static int req_host(tv_http_req *rq, const char *host, uint16_t port, bool tls, bool check,
                    bool bare_v6)
{
    int rc = req_check(rq, REQ_TARGET);
    if (rc != TV_OK) {
        return rc;
    }
    if (host == NULL || host[0] == '\0' || port == 0) {
        return req_fail(rq, TV_ERR_INVALID_ARG);
    }
    if (check && !tv_http_host_ok(host)) {
        return req_fail(rq, TV_ERR_BAD_STRING);
    }
    rq->state = REQ_HEADERS;
    bool bare = check ? host_is_bare_ipv6(host) : bare_v6;
    rc = req_puts(rq, bare ? " HTTP/1.1\r\nHost: [" : " HTTP/1.1\r\nHost: ");
    if (rc == TV_OK) {
        rc = req_puts(rq, host);
    }
    if (rc == TV_OK && bare) {
        rc = req_put(rq, "]", 1);
    }
    if (rc == TV_OK && port != (tls ? 443 : 80)) {
        rc = req_put(rq, ":", 1);
        if (rc == TV_OK) {
            rc = req_put_u64(rq, port);
        }
    }
    return rc != TV_OK ? rc : req_puts(rq, "\r\nAccept: application/json\r\n");
}

int tv_http_req_host(tv_http_req *rq, const char *host, uint16_t port, bool tls)
{
    return req_host(rq, host, port, tls, true, false);
}

int tv_http_req_host_checked(tv_http_req *rq, const char *host, uint16_t port, bool tls,
                             bool bare_v6)
{
    return req_host(rq, host, port, tls, false, bare_v6);
}

bool tv_http_host_is_bare_v6(const char *host)
{
    return host != NULL && host_is_bare_ipv6(host);
}

/* Appends "name: value\r\n" after the caller's checks. */
static int req_put_header(tv_http_req *rq, const char *name, const char *value)
{
    int rc = req_puts(rq, name);
    if (rc == TV_OK) {
        rc = req_put(rq, ": ", 2);
    }
    if (rc == TV_OK) {
        rc = req_puts(rq, value);
    }
    return rc != TV_OK ? rc : req_put(rq, "\r\n", 2);
}

/* Visible ASCII only; a token is long and sent with every request, so it
 * is checked a word at a time where it can be. */
bool tv_http_token_ok(const char *token, size_t n)
{
    const uint8_t *t = (const uint8_t *)token;
    size_t i = 0;
    if (token == NULL || n == 0) {
        return false;
    }
    while (n - i >= sizeof(tv_word)) {
        tv_word x = tv_word_load(t + i);
        if ((tv_word_less(x, 0x21) | tv_word_has(x, 0x7f) | (x & TV_WORD_HIGHS)) != 0) {
            break;
        }
        i += sizeof x;
    }
    for (; i < n; i++) {
        if (t[i] <= 0x20 || t[i] >= 0x7f) {
            return false;
        }
    }
    return true;
}

static int req_bearer(tv_http_req *rq, const char *token, size_t n, bool check)
{
    int rc = req_check(rq, REQ_HEADERS);
    if (rc != TV_OK) {
        return rc;
    }
    if (token == NULL || n == 0) {
        return req_fail(rq, TV_ERR_INVALID_ARG);
    }
    if (check && !tv_http_token_ok(token, n)) {
        return req_fail(rq, TV_ERR_BAD_STRING);
    }
    rc = req_puts(rq, "Authorization: Bearer ");
    if (rc == TV_OK) {
        rc = req_put(rq, token, n);
    }
    return rc != TV_OK ? rc : req_put(rq, "\r\n", 2);
}

int tv_http_req_bearer(tv_http_req *rq, const char *token)
{
    return req_bearer(rq, token, token != NULL ? strlen(token) : 0, true);
}

int tv_http_req_bearer_checked(tv_http_req *rq, const char *token, size_t len)
{
    return req_bearer(rq, token, len, false);
}

/* Headers whose value the writer decides: a caller's copy would conflict. */
static bool header_reserved(const char *name)
{
    static const char *const reserved[] = {"host", "content-length", "content-type",
                                           "transfer-encoding"};
    size_t n = strlen(name);
    for (size_t i = 0; i < sizeof reserved / sizeof *reserved; i++) {
        if (tv_http_ieq((const uint8_t *)name, n, reserved[i])) {
            return true;
        }
    }
    return false;
}

int tv_http_req_header(tv_http_req *rq, const char *name, const char *value)
{
    int rc = req_check(rq, REQ_HEADERS);
    if (rc != TV_OK) {
        return rc;
    }
    if (name == NULL || value == NULL || name[0] == '\0' || header_reserved(name)) {
        return req_fail(rq, TV_ERR_INVALID_ARG);
    }
    size_t n = strlen(name);
    for (size_t i = 0; i < n; i++) {
        if (!tv_http_is_tchar((uint8_t)name[i])) {
            return req_fail(rq, TV_ERR_BAD_STRING);
        }
    }
    n = strlen(value);
    for (size_t i = 0; i < n; i++) {
        if (!tv_http_is_field_byte((uint8_t)value[i])) {
            return req_fail(rq, TV_ERR_BAD_STRING);
        }
    }
    return req_put_header(rq, name, value);
}

int tv_http_req_connection_close(tv_http_req *rq)
{
    int rc = req_check(rq, REQ_HEADERS);
    return rc != TV_OK ? rc : req_put_header(rq, "Connection", "close");
}

int tv_http_req_finish(tv_http_req *rq)
{
    int rc = req_check(rq, REQ_HEADERS);
    if (rc != TV_OK) {
        return rc;
    }
    rc = req_put(rq, "\r\n", 2);
    if (rc == TV_OK) {
        rq->state = REQ_DONE;
    }
    return rc;
}

/*
 * The largest body that fits in `avail` bytes together with its
 * Content-Length digits, and how many digits to reserve for it: a body of
 * room bytes needs digits(room) <= slot, and room + slot <= avail. The best
 * slot is digits(avail) or one less (at a power of ten the shorter slot
 * leaves one byte more for the body).
 */
static size_t body_room(size_t avail, uint8_t *slot)
{
    size_t best = 0;
    size_t d = dec_digits(avail);
    *slot = 0;
    for (size_t s = d > 1 ? d - 1 : 1; s <= d; s++) {
        if (s > avail) {
            continue;
        }
        size_t room = avail - s;
        if (s < DEC_MAX) {
            uint64_t limit = 1;
            for (size_t k = 0; k < s; k++) {
                limit *= 10u;
            }
            if ((uint64_t)room > limit - 1u) {
                room = (size_t)(limit - 1u);
            }
        }
        if (*slot == 0 || room > best) {
            best = room;
            *slot = (uint8_t)s;
        }
    }
    return best;
}

int tv_http_req_body_begin(tv_http_req *rq, uint8_t **body, size_t *room)
{
    int rc = req_check(rq, REQ_HEADERS);
    if (rc != TV_OK) {
        return rc;
    }
    if (body == NULL || room == NULL) {
        return req_fail(rq, TV_ERR_INVALID_ARG);
    }
    rc = req_puts(rq, "Content-Type: application/json\r\nContent-Length: ");
    /* At least one digit and the blank line must fit. */
    if (rc == TV_OK && rq->cap - rq->len < 5) {
        rc = req_fail(rq, TV_ERR_REQUEST_TOO_LARGE);
    }
    if (rc != TV_OK) {
        return rc;
    }
    rq->cl_at = rq->len;
    rq->body_max = body_room(rq->cap - rq->len - 4, &rq->cl_slot);
    memset(rq->buf + rq->cl_at, '0', rq->cl_slot);
    memcpy(rq->buf + rq->cl_at + rq->cl_slot, "\r\n\r\n", 4);
    rq->body_at = rq->cl_at + rq->cl_slot + 4;
    rq->len = rq->body_at;
    rq->state = REQ_BODY;
    *body = rq->buf + rq->body_at;
    *room = rq->body_max;
    return TV_OK;
}

int tv_http_req_body_end(tv_http_req *rq, size_t body_len)
{
    int rc = req_check(rq, REQ_BODY);
    if (rc != TV_OK) {
        return rc;
    }
    if (body_len > rq->body_max) {
        return req_fail(rq, TV_ERR_INVALID_ARG);
    }
    uint8_t tmp[DEC_MAX];
    size_t at = dec_format(tmp, body_len);
    size_t digits = DEC_MAX - at;
    size_t gap = rq->cl_slot - digits;
    /* Digits right-aligned in their slot: the gap sits just before them. */
    memcpy(rq->buf + rq->cl_at + gap, tmp + at, digits);
    size_t end = rq->body_at + body_len;
    size_t before = rq->cl_at - rq->start;  /* head bytes before the gap */
    size_t after = end - (rq->cl_at + gap); /* digits, blank line, body */
    if (gap != 0 && before <= after) {
        memmove(rq->buf + rq->start + gap, rq->buf + rq->start, before);
        rq->start += gap;
    } else if (gap != 0) {
        memmove(rq->buf + rq->cl_at, rq->buf + rq->cl_at + gap, after);
        end -= gap;
    }
    rq->len = end;
    rq->state = REQ_DONE;
    return TV_OK;
}

int tv_http_req_body(tv_http_req *rq, const void *body, size_t len)
{
    uint8_t *dst;
    size_t room;
    if (rq != NULL && rq->err == TV_OK && body == NULL && len != 0) {
        return req_fail(rq, TV_ERR_INVALID_ARG);
    }
    int rc = tv_http_req_body_begin(rq, &dst, &room);
    if (rc != TV_OK) {
        return rc;
    }
    if (len > room) {
        return req_fail(rq, TV_ERR_REQUEST_TOO_LARGE);
    }
    if (len != 0) {
        memcpy(dst, body, len);
    }
    return tv_http_req_body_end(rq, len);
}

const uint8_t *tv_http_req_data(const tv_http_req *rq, size_t *len)
{
    bool ok = rq != NULL && rq->err == TV_OK && rq->state == REQ_DONE;
    if (len != NULL) {
        *len = ok ? rq->len - rq->start : 0;
    }
    return ok ? rq->buf + rq->start : NULL;
}

int tv_http_req_send(tv_http_req *rq, const tv_transport *t, uint64_t deadline)
{
    if (rq == NULL || t == NULL || t->send == NULL) {
        return TV_ERR_INVALID_ARG;
    }
    size_t total;
    const uint8_t *data = tv_http_req_data(rq, &total);
    if (data == NULL) {
        return TV_ERR_STATE;
    }
    /* Each pass sends at least one byte, so total bounds the passes. */
    for (size_t pass = 0; pass < total && rq->sent < total; pass++) {
        size_t want = total - rq->sent;
        int32_t n = t->send(t->ctx, data + rq->sent, want, deadline);
        if (n < 0) {
            return n;
        }
        if (n == 0 || (size_t)n > want) {
            return TV_ERR_IO;
        }
        rq->sent += (size_t)n;
    }
    return TV_OK;
}

void tv_http_wipe(void *p, size_t len)
{
    /* Calling memset through a volatile pointer: the compiler cannot know it
     * is memset, so it cannot drop the call as a dead store. */
    void *(*volatile set)(void *, int, size_t) = memset;
    if (p != NULL && len != 0) {
        set(p, 0, len);
    }
#if defined(__GNUC__)
    __asm__ __volatile__("" : : "r"(p) : "memory");
#endif
}

void tv_http_req_wipe(tv_http_req *rq)
{
    if (rq == NULL) {
        return;
    }
    tv_http_wipe(rq->buf, rq->buf != NULL ? rq->cap : 0);
    rq->state = REQ_UNUSED;
    rq->len = 0;
    rq->start = 0;
    rq->err = TV_ERR_STATE;
}
