/* The array splitter: finds complete top-level elements of a JSON array as its
 * bytes arrive. Its state (position, bracket depth, in-string, escape) lives in
 * the caller's struct, so every byte is scanned once however the bytes come,
 * and the window can be compacted between calls. */
#include "tv_json_priv.h"

#include <string.h>

enum {
    TV_SPLIT_START, /* before `[` */
    TV_SPLIT_FIRST, /* after `[`: an element or `]` */
    TV_SPLIT_NEXT,  /* after `,`: an element */
    TV_SPLIT_AFTER, /* after an element: `,` or `]` */
    TV_SPLIT_ELEM,  /* inside an element */
    TV_SPLIT_DONE,  /* after `]`: whitespace only */
};

void tv_json_split_init(tv_json_splitter *sp)
{
    if (sp != NULL) {
        memset(sp, 0, sizeof *sp);
        sp->state = TV_SPLIT_START;
    }
}

static int tv_split_fail(tv_json_splitter *sp, int err)
{
    sp->err = err;
    return err;
}

/* Scans element bytes from s[*pos]; 1 when the element ended (at *pos), 0 if
 * more bytes are needed, negative on error. The state is kept in locals while
 * scanning and inside strings only `"` and `\\` are looked at: this loop runs
 * once per byte of every list the client streams. */
static int tv_split_scan_elem(tv_json_splitter *sp, const unsigned char *s, size_t len, size_t *pos)
{
    size_t i = *pos;
    uint32_t depth = sp->depth;
    int in_string = sp->in_string, escaped = sp->escaped, r = 0;
    while (i < len) {
        if (in_string) {
            if (escaped) {
                escaped = 0;
                i++;
            }
            while (len - i >= sizeof(tv_word)) {
                tv_word x = tv_word_load(s + i);
                tv_word m = tv_word_has(x, '"') | tv_word_has(x, '\\');
                if (m != 0) {
                    i += tv_word_skip(m);
                    break;
                }
                i += sizeof x;
            }
            while (i < len && s[i] != '"' && s[i] != '\\') {
                i++;
            }
            if (i == len) {
                break;
            }
            escaped = s[i] == '\\';
            in_string = escaped;
            i++;
            if (!in_string && depth == 0) {
                r = 1; /* a string element ended */
                break;
            }
            continue;
        }
        /* Inside a container only quotes and brackets matter: skip words
         * without them ((c & 0xD9) == 0x59 holds for [ ] { } and a few
         * letters, which the byte test below lets pass). */
        while (depth > 0 && len - i >= sizeof(tv_word)) {
            tv_word x = tv_word_load(s + i);
            tv_word m = tv_word_has(x, '"') | tv_word_has(x & (TV_WORD_ONES * 0xD9u), 0x59);
            if (m != 0) {
                i += tv_word_skip(m);
                break;
            }
            i += sizeof x;
        }
        if (i == len) {
            break;
        }
        unsigned char c = s[i];
        if (depth == 0) { /* a number or literal ends before a non-word byte */
            if (!tv_json_is_word_byte(c)) {
                r = 1;
                break;
            }
        } else if (c == '"') {
            in_string = 1;
        } else if (c == '{' || c == '[') {
            if (++depth >= TV_JSON_MAX_DEPTH) {
                r = TV_ERR_JSON_TOO_DEEP;
                break;
            }
        } else if (c == '}' || c == ']') {
            if (--depth == 0) {
                i++;
                r = 1;
                break;
            }
        }
        i++;
    }
    sp->depth = depth;
    sp->in_string = (uint8_t)in_string;
    sp->escaped = (uint8_t)escaped;
    *pos = i;
    return r;
}

/* Starts an element at s[i]; its first byte sets the scan's state. */
static int tv_split_begin_elem(tv_json_splitter *sp, unsigned char c, size_t i)
{
    sp->elem_start = i;
    sp->depth = c == '{' || c == '[';
    sp->in_string = c == '"';
    sp->escaped = 0;
    if (!sp->depth && !sp->in_string && !tv_json_is_word_byte(c)) {
        return TV_ERR_JSON_SYNTAX;
    }
    if (sp->depth >= TV_JSON_MAX_DEPTH) {
        return TV_ERR_JSON_TOO_DEEP;
    }
    sp->state = TV_SPLIT_ELEM;
    return TV_OK;
}

int tv_json_split_next(tv_json_splitter *sp, const char *buf, size_t len, size_t *start,
                       size_t *end)
{
    if (sp == NULL || (buf == NULL && len > 0) || start == NULL || end == NULL) {
        return TV_ERR_INVALID_ARG;
    }
    if (sp->err != TV_OK) {
        return sp->err;
    }
    if (len < sp->pos) {
        return tv_split_fail(sp, TV_ERR_INVALID_ARG);
    }
    const unsigned char *s = (const unsigned char *)buf;
    size_t i = sp->pos;
    while (i < len) {
        if (sp->state == TV_SPLIT_ELEM) {
            int r = tv_split_scan_elem(sp, s, len, &i);
            if (r < 0) {
                return tv_split_fail(sp, r);
            }
            if (r == 0) {
                break;
            }
            sp->state = TV_SPLIT_AFTER;
            sp->pos = i;
            *start = sp->elem_start;
            *end = i;
            return TV_JSON_SPLIT_ELEMENT;
        }
        unsigned char c = s[i];
        if (tv_json_is_ws(c)) {
            i++;
            continue;
        }
        int r = TV_OK;
        switch (sp->state) {
        case TV_SPLIT_START:
            r = c == '[' ? TV_OK : TV_ERR_JSON_TYPE;
            sp->state = TV_SPLIT_FIRST;
            break;
        case TV_SPLIT_FIRST:
        case TV_SPLIT_NEXT:
            if (c == ']') {
                r = sp->state == TV_SPLIT_NEXT ? TV_ERR_JSON_TRAILING_COMMA : TV_OK;
                sp->state = TV_SPLIT_DONE;
            } else {
                r = c == ',' ? TV_ERR_JSON_SYNTAX : tv_split_begin_elem(sp, c, i);
            }
            break;
        case TV_SPLIT_AFTER:
            r = c == ',' || c == ']' ? TV_OK : TV_ERR_JSON_SYNTAX;
            sp->state = c == ',' ? TV_SPLIT_NEXT : TV_SPLIT_DONE;
            break;
        default: /* TV_SPLIT_DONE */
            r = TV_ERR_JSON_TRAILING_DATA;
            break;
        }
        if (r != TV_OK) {
            return tv_split_fail(sp, r);
        }
        i++; /* after `]` the rest of the window is checked too */
    }
    sp->pos = i;
    return sp->state == TV_SPLIT_DONE ? TV_JSON_SPLIT_END : TV_JSON_SPLIT_MORE;
}

size_t tv_json_split_compact(tv_json_splitter *sp, char *buf, size_t len)
{
    if (sp == NULL || buf == NULL) {
        return len;
    }
    size_t keep = sp->state == TV_SPLIT_ELEM ? sp->elem_start : sp->pos;
    if (keep > len) {
        keep = len;
    }
    memmove(buf, buf + keep, len - keep);
    sp->pos -= keep < sp->pos ? keep : sp->pos;
    sp->elem_start -= keep < sp->elem_start ? keep : sp->elem_start;
    return len - keep;
}

int tv_json_split_consumed(tv_json_splitter *sp, size_t n)
{
    if (sp == NULL || n > sp->pos || (sp->state == TV_SPLIT_ELEM && n > sp->elem_start)) {
        return TV_ERR_INVALID_ARG;
    }
    sp->pos -= n;
    sp->elem_start -= n < sp->elem_start ? n : sp->elem_start;
    return TV_OK;
}

int tv_json_split_finish(const tv_json_splitter *sp)
{
    if (sp == NULL) {
        return TV_ERR_INVALID_ARG;
    }
    if (sp->err != TV_OK) {
        return sp->err;
    }
    return sp->state == TV_SPLIT_DONE    ? TV_OK
           : sp->state == TV_SPLIT_START ? TV_ERR_JSON_EMPTY
                                         : TV_ERR_JSON_UNTERMINATED;
}
