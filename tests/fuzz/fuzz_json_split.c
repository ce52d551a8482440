/*
 * The array splitter fed in fuzzer-chosen pieces through a small window, as
 * the client's list streaming uses it.
 *
 * Input: one control byte, then the body. Control: bits 0-2 the window size,
 * bit 3 how the window is emptied (tv_json_split_compact() when full, or the
 * caller dropping each element with tv_json_split_consumed()), bits 4-7 the
 * piece sizes (fuzz_delivery's cycles).
 *
 * Checks: statuses are documented ones; in pieces through a small window the
 * elements and the outcome are those of the whole body at once (unless an
 * element does not fit the window); and against whole-document validation:
 * a valid JSON array splits into exactly its elements, and a body the
 * splitter accepts whose elements are each valid is a valid document.
 */
#include <string.h>

#include "harness.h"
#include "ops.h"
#include "tradovate/tv_json.h"

#define MAX_BODY (1u << 16)

typedef struct split_out {
    int rc;
    size_t elements;
    uint64_t digest;
    bool all_valid; /* every element is a valid document by itself */
} split_out;

static char window[MAX_BODY + 1];
static tv_json_tok toks[MAX_BODY];

static void element(split_out *o, const char *p, size_t n)
{
    uint64_t len = n;
    tv_digest_mix(&o->digest, &len, sizeof len);
    tv_digest_mix(&o->digest, p, n);
    o->elements++;
    o->all_valid = o->all_valid && tv_json_validate(p, n) > 0;
}

static split_out split(const uint8_t *body, size_t size, size_t cap, const tv_chop *pieces,
                       bool compact)
{
    split_out o = {0, 0, UINT64_C(0xcbf29ce484222325), true};
    tv_json_splitter sp;
    size_t len = 0, fed = 0, a, b, i = 0;
    int r;
    tv_json_split_init(&sp);
    while ((r = tv_json_split_next(&sp, window, len, &a, &b)) >= 0) {
        FUZZ_CHECK(r <= TV_JSON_SPLIT_END, "split_next %d", r);
        if (r == TV_JSON_SPLIT_ELEMENT) {
            FUZZ_CHECK(a < b && b <= len, "element [%zu, %zu) outside the window of %zu", a, b,
                       len);
            element(&o, window + a, b - a);
            if (!compact) {
                memmove(window, window + b, len - b);
                len -= b;
                FUZZ_CHECK(tv_json_split_consumed(&sp, b) == TV_OK, "split_consumed");
            }
            continue;
        }
        if (len == cap && compact) {
            len = tv_json_split_compact(&sp, window, len);
        }
        if (len == cap) {
            o.rc = TV_ERR_JSON_ELEMENT_TOO_LARGE;
            return o;
        }
        if (fed == size) {
            o.rc = tv_json_split_finish(&sp);
            return o;
        }
        size_t n = pieces->n > 0 ? pieces->sizes[i++ % pieces->n] : 0;
        if (n == 0 || n > size - fed) {
            n = size - fed;
        }
        if (n > cap - len) {
            n = cap - len;
        }
        memcpy(window + len, body + fed, n);
        len += n;
        fed += n;
    }
    o.rc = r;
    return o;
}

/* The elements of a valid array, as tv_json_parse() sees them. */
static uint64_t parsed_elements(const uint8_t *body, size_t size, size_t *count)
{
    split_out o = {0, 0, UINT64_C(0xcbf29ce484222325), true};
    tv_json_doc doc;
    memcpy(window, body, size);
    int n = tv_json_parse(&doc, window, size, toks, MAX_BODY);
    FUZZ_CHECK(n > 0, "a valid document does not parse: %s", tv_err_name(n));
    for (int i = 1; i < n; i = doc.toks[i].next) {
        const tv_json_tok *t = &doc.toks[i];
        int q = t->type == TV_JSON_STRING; /* string tokens exclude their quotes */
        element(&o, window + t->start - q, (size_t)(t->end - t->start + 2 * q));
    }
    *count = o.elements;
    return o.digest;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const size_t caps[8] = {64, 128, 256, 1024, 32, 512, 16, 4096};
    if (size < 1 || size - 1 > MAX_BODY) {
        return 0;
    }
    const uint8_t ctl = data[0];
    const uint8_t *body = data + 1;
    size_t n = size - 1;
    tv_chop whole_pieces, pieces;
    tv_chop_init(&whole_pieces, body, n);
    tv_chop_init(&pieces, body, n);
    fuzz_delivery(&pieces, (uint8_t)((ctl >> 4) & 7));

    split_out whole = split(body, n, n + 1, &whole_pieces, true);
    split_out part = split(body, n, caps[ctl & 7], &pieces, (ctl & 8) == 0);
    int rcs[2] = {whole.rc, part.rc};
    for (int k = 0; k < 2; k++) {
        int rc = rcs[k];
        FUZZ_CHECK(rc == TV_OK || rc == TV_ERR_JSON_TYPE || rc == TV_ERR_JSON_SYNTAX ||
                       rc == TV_ERR_JSON_TRAILING_COMMA || rc == TV_ERR_JSON_TRAILING_DATA ||
                       rc == TV_ERR_JSON_TOO_DEEP || rc == TV_ERR_JSON_EMPTY ||
                       rc == TV_ERR_JSON_UNTERMINATED || rc == TV_ERR_JSON_ELEMENT_TOO_LARGE,
                   "splitter status %s", tv_err_name(rc));
    }
    FUZZ_CHECK(whole.rc != TV_ERR_JSON_ELEMENT_TOO_LARGE, "the whole body did not fit");
    if (part.rc != TV_ERR_JSON_ELEMENT_TOO_LARGE) {
        FUZZ_CHECK(part.rc == whole.rc && part.elements == whole.elements &&
                       part.digest == whole.digest,
                   "in pieces: %s after %zu elements; whole: %s after %zu", tv_err_name(part.rc),
                   part.elements, tv_err_name(whole.rc), whole.elements);
    }

    size_t i = 0;
    while (i < n && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n')) {
        i++;
    }
    int v = tv_json_validate((const char *)body, n);
    if (i < n && body[i] != '[') {
        FUZZ_CHECK(whole.rc == TV_ERR_JSON_TYPE, "not an array, yet %s", tv_err_name(whole.rc));
    } else if (v > 0) {
        size_t count;
        uint64_t d = parsed_elements(body, n, &count);
        FUZZ_CHECK(whole.rc == TV_OK && whole.elements == count && whole.digest == d,
                   "a valid array of %zu elements splits into %zu (%s)", count, whole.elements,
                   tv_err_name(whole.rc));
    } else if (whole.rc == TV_OK && whole.all_valid) {
        fuzz_fail("the splitter accepts every element, validation says %s", tv_err_name(v));
    }
    return 0;
}
