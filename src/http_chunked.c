/* Chunked transfer coding (RFC 9112, 7.1), decoded in place, byte by byte. */
#include <string.h>

#include "tv_http_priv.h"

/* tv_http_resp.chunk_state */
enum {
    CH_SIZE_START = 0, /* first hex digit of a chunk size */
    CH_SIZE,           /* more hex digits, ';', BWS or CR */
    CH_EXT_BWS,        /* whitespace after the size: only ';' may follow */
    CH_EXT,            /* chunk extension, skipped up to CR */
    CH_SIZE_LF,        /* LF ending the chunk-size line */
    CH_DATA,           /* chunk data */
    CH_DATA_CR,        /* CR after chunk data */
    CH_DATA_LF,        /* LF after chunk data */
    CH_TRAILER_START,  /* a trailer field's first byte, or CR of the end */
    CH_TRAILER_NAME,   /* trailer field name up to ':' */
    CH_TRAILER_VALUE,  /* trailer field value up to CR */
    CH_TRAILER_LF,     /* LF ending a trailer field */
    CH_END_LF          /* LF ending the message */
};

static int hex_value(uint8_t c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    c = tv_http_lower(c);
    return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

/* Moves chunk data from the raw bytes down to the end of the decoded body. */
static void take_data(tv_http_resp *r)
{
    size_t have = r->len - r->scan;
    size_t k = (uint64_t)have < r->remaining ? have : (size_t)r->remaining;
    if (r->dec != r->scan) {
        memmove(r->buf + r->dec, r->buf + r->scan, k);
    }
    r->dec += k;
    r->scan += k;
    r->remaining -= k;
    if (r->remaining == 0) {
        r->chunk_state = CH_DATA_CR;
    }
}

/* Counts one more byte of chunk extension or trailer against its bound. */
static int meta_byte(tv_http_resp *r, uint32_t bound)
{
    return ++r->meta > bound ? TV_ERR_HTTP_CHUNK_META_TOO_LARGE : TV_OK;
}

static int size_byte(tv_http_resp *r, uint8_t c)
{
    int h = hex_value(c);
    if (r->chunk_state == CH_SIZE_START) {
        if (h < 0) {
            return TV_ERR_HTTP_BAD_CHUNK;
        }
        r->remaining = (uint64_t)h;
        r->meta = 1;
        r->chunk_state = CH_SIZE;
        return TV_OK;
    }
    if (h >= 0) {
        /* Bounded digits (leading zeros too) and sizes below 2^63. */
        if (r->meta >= TV_HTTP_CHUNK_DIGITS_MAX || (r->remaining >> 59) != 0) {
            return TV_ERR_HTTP_BAD_CHUNK;
        }
        r->remaining = (r->remaining << 4) | (uint64_t)h;
        r->meta++;
        return TV_OK;
    }
    r->meta = 0;
    if (c == '\r') {
        r->chunk_state = CH_SIZE_LF;
        return TV_OK;
    }
    if (c == ';' || c == ' ' || c == '\t') {
        r->chunk_state = c == ';' ? CH_EXT : CH_EXT_BWS;
        return meta_byte(r, TV_HTTP_MAX_CHUNK_EXT);
    }
    return TV_ERR_HTTP_BAD_CHUNK;
}

/* The bytes of a chunk-size line after its digits, and the line ends. */
static int ext_byte(tv_http_resp *r, uint8_t c)
{
    switch (r->chunk_state) {
    case CH_EXT_BWS:
        if (c != ';' && c != ' ' && c != '\t') {
            return TV_ERR_HTTP_BAD_CHUNK;
        }
        r->chunk_state = c == ';' ? CH_EXT : CH_EXT_BWS;
        return meta_byte(r, TV_HTTP_MAX_CHUNK_EXT);
    case CH_EXT:
        if (c == '\r') {
            r->chunk_state = CH_SIZE_LF;
            return TV_OK;
        }
        return tv_http_is_field_byte(c) ? meta_byte(r, TV_HTTP_MAX_CHUNK_EXT)
                                        : TV_ERR_HTTP_BAD_CHUNK;
    case CH_SIZE_LF:
        if (c != '\n') {
            return TV_ERR_HTTP_BAD_CHUNK;
        }
        r->meta = 0;
        r->chunk_state = r->remaining == 0 ? CH_TRAILER_START : CH_DATA;
        return TV_OK;
    case CH_DATA_CR:
        r->chunk_state = CH_DATA_LF;
        return c == '\r' ? TV_OK : TV_ERR_HTTP_BAD_CHUNK;
    default: /* CH_DATA_LF */
        r->chunk_state = CH_SIZE_START;
        return c == '\n' ? TV_OK : TV_ERR_HTTP_BAD_CHUNK;
    }
}

/* The trailer section: field lines, tolerated, checked and skipped. */
static int trailer_byte(tv_http_resp *r, uint8_t c)
{
    if (meta_byte(r, TV_HTTP_MAX_TRAILER) != TV_OK) {
        return TV_ERR_HTTP_CHUNK_META_TOO_LARGE;
    }
    uint8_t next;
    switch (r->chunk_state) {
    case CH_TRAILER_START:
        next = c == '\r' ? CH_END_LF : tv_http_is_tchar(c) ? CH_TRAILER_NAME : 0xff;
        break;
    case CH_TRAILER_NAME:
        next = c == ':' ? CH_TRAILER_VALUE : tv_http_is_tchar(c) ? CH_TRAILER_NAME : 0xff;
        break;
    case CH_TRAILER_VALUE:
        next = c == '\r' ? CH_TRAILER_LF : tv_http_is_field_byte(c) ? CH_TRAILER_VALUE : 0xff;
        break;
    case CH_TRAILER_LF:
        next = c == '\n' ? CH_TRAILER_START : 0xff;
        break;
    default: /* CH_END_LF */
        if (c != '\n') {
            return TV_ERR_HTTP_BAD_CHUNK;
        }
        r->phase = TV_HTTP_PH_DONE;
        return TV_OK;
    }
    if (next == 0xff) {
        return TV_ERR_HTTP_BAD_CHUNK;
    }
    r->chunk_state = next;
    return TV_OK;
}

int tv_http_chunked_decode(tv_http_resp *r)
{
    while (r->scan < r->len && r->phase == TV_HTTP_PH_CHUNKED) {
        uint8_t st = r->chunk_state;
        if (st == CH_DATA) {
            take_data(r);
            continue;
        }
        uint8_t c = r->buf[r->scan++];
        int rc;
        if (st <= CH_SIZE) {
            rc = size_byte(r, c);
        } else if (st < CH_TRAILER_START) {
            rc = ext_byte(r, c);
        } else {
            rc = trailer_byte(r, c);
        }
        if (rc != TV_OK) {
            return rc;
        }
    }
    return TV_OK;
}
