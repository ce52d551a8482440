/* The response head: status line and the few headers the client needs. */
#include <string.h>

#include "tv_bytes_priv.h"
#include "tv_http_priv.h"

static bool is_ows(uint8_t c)
{
    return c == ' ' || c == '\t';
}

/* Narrows [*p, *p + *n) by the optional whitespace at both ends. */
static void trim_ows(const uint8_t **p, size_t *n)
{
    while (*n > 0 && is_ows((*p)[0])) {
        (*p)++;
        (*n)--;
    }
    while (*n > 0 && is_ows((*p)[*n - 1])) {
        (*n)--;
    }
}

/* 1*DIGIT into *out; false when empty, not all digits or above max. */
static bool parse_decimal(const uint8_t *p, size_t n, uint64_t max, uint64_t *out)
{
    uint64_t v = 0;
    if (n == 0) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9') {
            return false;
        }
        uint64_t d = (uint64_t)(p[i] - '0');
        if (v > (max - d) / 10u) {
            return false;
        }
        v = v * 10u + d;
    }
    *out = v;
    return true;
}

static int on_content_length(tv_http_resp *r, const uint8_t *v, size_t n)
{
    uint64_t len;
    if (!parse_decimal(v, n, (uint64_t)INT64_MAX, &len)) {
        return TV_ERR_HTTP_BAD_CONTENT_LENGTH;
    }
    /* Repeats are tolerated only when they agree (RFC 9110, 8.6). */
    if ((r->seen & TV_HTTP_SEEN_LENGTH) && (uint64_t)r->content_length != len) {
        return TV_ERR_HTTP_CONFLICTING_LENGTH;
    }
    r->seen |= TV_HTTP_SEEN_LENGTH;
    r->content_length = (int64_t)len;
    return TV_OK;
}

static int on_transfer_encoding(tv_http_resp *r, const uint8_t *v, size_t n)
{
    /* Only one `chunked`, alone: no codings we would have to undo, and a
     * repeated header would mean chunked applied twice. */
    if ((r->seen & TV_HTTP_SEEN_CHUNKED) || !tv_http_ieq(v, n, "chunked")) {
        return TV_ERR_HTTP_BAD_TRANSFER_ENCODING;
    }
    r->seen |= TV_HTTP_SEEN_CHUNKED;
    return TV_OK;
}

static int on_connection(tv_http_resp *r, const uint8_t *v, size_t n)
{
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && v[i] != ',') {
            continue;
        }
        const uint8_t *e = v + start;
        size_t len = i - start;
        trim_ows(&e, &len);
        for (size_t k = 0; k < len; k++) {
            if (!tv_http_is_tchar(e[k])) {
                return TV_ERR_HTTP_BAD_HEADER;
            }
        }
        if (tv_http_ieq(e, len, "close")) {
            r->seen |= TV_HTTP_SEEN_CLOSE;
        }
        start = i + 1;
    }
    return TV_OK;
}

static void on_content_type(tv_http_resp *r, const uint8_t *v, size_t n)
{
    const uint8_t *semi = memchr(v, ';', n);
    size_t len = semi != NULL ? (size_t)(semi - v) : n;
    trim_ows(&v, &len);
    r->json = tv_http_ieq(v, len, "application/json");
}

static void on_retry_after(tv_http_resp *r, const uint8_t *v, size_t n)
{
    /* Only delta-seconds; an HTTP-date would need calendar code for advice
     * the client can do without. Huge values mean "a long time". */
    uint64_t s;
    bool digits = n > 0;
    for (size_t i = 0; i < n; i++) {
        digits = digits && v[i] >= '0' && v[i] <= '9';
    }
    if (!digits) {
        r->retry_after_s = -1;
    } else if (parse_decimal(v, n, INT32_MAX, &s)) {
        r->retry_after_s = (int64_t)s;
    } else {
        r->retry_after_s = INT32_MAX;
    }
}

/* Whether header name p[0, n) is `lit` (lower-case letters and `-`), any
 * case. A head line holds no CR, the only other byte that `| 0x20` maps
 * onto `-`. */
static bool name_is(const uint8_t *p, size_t n, const char *lit)
{
    for (size_t i = 0; i < n; i++) {
        if ((uint8_t)(p[i] | 0x20u) != (uint8_t)lit[i]) {
            return false;
        }
    }
    return true;
}

/* The header the client acts on that name p[0, n) is, told apart by length
 * first (all five lengths differ): 1..5, or 0 for any other name. */
static int known_header(const uint8_t *p, size_t n)
{
    switch (n) {
    case 14:
        return name_is(p, n, "content-length") ? 1 : 0;
    case 17:
        return name_is(p, n, "transfer-encoding") ? 2 : 0;
    case 10:
        return name_is(p, n, "connection") ? 3 : 0;
    case 12:
        return name_is(p, n, "content-type") ? 4 : 0;
    case 11:
        return name_is(p, n, "retry-after") ? 5 : 0;
    default:
        return 0;
    }
}

static int header_line(tv_http_resp *r, const uint8_t *p, size_t n)
{
    if (is_ows(p[0])) {
        return TV_ERR_HTTP_OBS_FOLD;
    }
    if (r->lines - 1u >= TV_HTTP_MAX_HEADER_LINES) {
        return TV_ERR_HTTP_TOO_MANY_HEADERS;
    }
    const uint8_t *end = memchr(p, ':', n);
    if (end == NULL) {
        return TV_ERR_HTTP_BAD_HEADER;
    }
    size_t colon = (size_t)(end - p);
    int known = known_header(p, colon);
    /* A known name is made of tchars; any other is checked byte by byte.
     * Also refuses an empty name and whitespace before the colon. */
    for (size_t k = 0; known == 0 && k < colon; k++) {
        if (!tv_http_is_tchar(p[k])) {
            return TV_ERR_HTTP_BAD_HEADER;
        }
    }
    if (colon == 0) {
        return TV_ERR_HTTP_BAD_HEADER;
    }
    const uint8_t *v = p + colon + 1;
    size_t vn = n - colon - 1;
    trim_ows(&v, &vn);
    switch (known) {
    case 1:
        return on_content_length(r, v, vn);
    case 2:
        return on_transfer_encoding(r, v, vn);
    case 3:
        return on_connection(r, v, vn);
    case 4:
        on_content_type(r, v, vn);
        return TV_OK;
    case 5:
        on_retry_after(r, v, vn);
        return TV_OK;
    default:
        return TV_OK;
    }
}

/* "HTTP/1.x" has been checked byte by byte already (see head_byte_ok). */
static int status_line(tv_http_resp *r, const uint8_t *p, size_t n)
{
    if (n < 12 || p[8] != ' ' || p[9] < '1' || p[9] > '5' || p[10] < '0' || p[10] > '9' ||
        p[11] < '0' || p[11] > '9' || (n > 12 && p[12] != ' ')) {
        return TV_ERR_HTTP_BAD_STATUS_LINE;
    }
    r->version_minor = p[7] - '0';
    r->status = (p[9] - '0') * 100 + (p[10] - '0') * 10 + (p[11] - '0');
    return TV_OK;
}

/* Forget an interim head: its bytes and everything parsed from it. */
static void drop_interim(tv_http_resp *r)
{
    size_t rest = r->len - r->scan;
    memmove(r->buf, r->buf + r->scan, rest);
    r->len = rest;
    r->scan = r->line = 0;
    r->lines = 0;
    r->seen = 0;
    r->status = 0;
    r->content_length = -1;
    r->retry_after_s = -1;
    r->json = false;
    r->interim++;
}

/* The blank line: decide what follows. r->scan is the first byte after it. */
static int head_end(tv_http_resp *r)
{
    if (r->status < 200 && r->status != 101) {
        if (r->interim >= TV_HTTP_MAX_INTERIM) {
            return TV_ERR_HTTP_BAD_RESPONSE;
        }
        drop_interim(r);
        return TV_OK;
    }
    if ((r->seen & TV_HTTP_SEEN_CHUNKED) && r->version_minor == 0) {
        /* RFC 9112, 6.1: in HTTP/1.0 the framing is faulty. */
        return TV_ERR_HTTP_BAD_TRANSFER_ENCODING;
    }
    if ((r->seen & TV_HTTP_SEEN_CHUNKED) && (r->seen & TV_HTTP_SEEN_LENGTH)) {
        return TV_ERR_HTTP_CONFLICTING_LENGTH;
    }
    r->chunked = (r->seen & TV_HTTP_SEEN_CHUNKED) != 0;
    r->keep_alive = r->version_minor == 1 && !(r->seen & TV_HTTP_SEEN_CLOSE);
    r->body = r->dec = r->scan;
    if (r->head_request || r->status == 101 || r->status == 204 || r->status == 304) {
        r->phase = TV_HTTP_PH_DONE;
    } else if (r->chunked) {
        r->phase = TV_HTTP_PH_CHUNKED;
        r->chunk_state = 0;
        r->meta = 0;
    } else if (r->seen & TV_HTTP_SEEN_LENGTH) {
        r->remaining = (uint64_t)r->content_length;
        r->phase = r->remaining == 0 ? TV_HTTP_PH_DONE : TV_HTTP_PH_LENGTH;
    } else {
        r->phase = TV_HTTP_PH_UNFRAMED;
    }
    return TV_OK;
}

/* A complete line [r->line, eol) without its CRLF. */
static int head_line(tv_http_resp *r, size_t eol)
{
    const uint8_t *p = r->buf + r->line;
    size_t n = eol - r->line;
    if (r->lines == 0) {
        r->lines = 1;
        return status_line(r, p, n);
    }
    if (n == 0) {
        return head_end(r);
    }
    int rc = header_line(r, p, n);
    r->lines++;
    return rc;
}

/*
 * Per-byte checks, so that an error is reported at the byte that causes it
 * whatever the delivery: control bytes, bare CR, and the "HTTP/1.0" or
 * "HTTP/1.1" prefix of a status line (garbage fails at once instead of after
 * a buffer's worth of bytes).
 */
static bool head_byte_ok(const tv_http_resp *r, size_t i)
{
    static const char prefix[] = "HTTP/1.";
    uint8_t c = r->buf[i];
    size_t col = i - r->line;
    if (col > 0 && r->buf[i - 1] == '\r' && c != '\n') {
        return false;
    }
    if (c != '\r' && c != '\n' && !tv_http_is_field_byte(c)) {
        return false;
    }
    if (r->lines == 0 && col < 7) {
        return c == (uint8_t)prefix[col];
    }
    return !(r->lines == 0 && col == 7) || c == '0' || c == '1';
}

/*
 * Most head bytes are printable ASCII or obs-text that head_byte_ok() would
 * accept without a second look: skip them in a tight loop, a word at a time.
 * CR, LF, HTAB, control bytes, the byte after a CR and the status line's
 * first eight bytes (unless they are exactly "HTTP/1.0" or "HTTP/1.1") still
 * go through head_byte_ok(), so every error is reported at the same byte as
 * before.
 */
static size_t skip_plain_bytes(const tv_http_resp *r, size_t i)
{
    const uint8_t *buf = r->buf;
    const size_t len = r->len;
    if (r->lines == 0 && i - r->line < 8) {
        if (i != r->line || len - i < 8 || memcmp(buf + i, "HTTP/1.", 7) != 0 ||
            (buf[i + 7] != '0' && buf[i + 7] != '1')) {
            return i;
        }
        i += 8;
    } else if (i == 0 || buf[i - 1] == '\r') {
        return i;
    }
    while (len - i >= sizeof(tv_word)) {
        tv_word x = tv_word_load(buf + i);
        tv_word m = tv_word_less(x, 0x20) | tv_word_has(x, 0x7f);
        if (m != 0) {
            i += tv_word_skip(m);
            break;
        }
        i += sizeof x;
    }
    while (i < len && buf[i] >= 0x20 && buf[i] != 0x7f) {
        i++;
    }
    return i;
}

int tv_http_head_parse(tv_http_resp *r)
{
    while (r->scan < r->len && r->phase == TV_HTTP_PH_HEAD) {
        size_t i = r->scan = skip_plain_bytes(r, r->scan);
        if (i == r->len) {
            break;
        }
        int bad = r->lines == 0 ? TV_ERR_HTTP_BAD_STATUS_LINE : TV_ERR_HTTP_BAD_HEADER;
        if (!head_byte_ok(r, i)) {
            return bad;
        }
        /* A CR that head_byte_ok() accepted makes a following LF acceptable
         * too: take the pair in one step. */
        if (r->buf[i] == '\r' && r->len - i >= 2 && r->buf[i + 1] == '\n') {
            i++;
        }
        r->scan = i + 1;
        if (r->buf[i] != '\n') {
            continue;
        }
        if (i == r->line || r->buf[i - 1] != '\r') {
            return bad; /* bare LF */
        }
        size_t eol = i - 1;
        int rc = head_line(r, eol);
        if (rc != TV_OK) {
            return rc;
        }
        if (r->scan != 0) { /* 0: an interim head was dropped */
            r->line = r->scan;
        }
    }
    return TV_OK;
}
