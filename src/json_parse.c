/* Parsing: the validation pass, then jsmn over valid text, then one linear pass
 * that turns jsmn's tokens into ours in place.
 *
 * jsmn 1.1.0 is compiled here and only here: static (no jsmn_* symbol leaves
 * the library), strict, and with parent links, without which every closing
 * bracket costs a backwards scan over all tokens (quadratic). */
#include "tv_json_priv.h"

#include <limits.h>
#include <string.h>

#define JSMN_STATIC
#define JSMN_STRICT
#define JSMN_PARENT_LINKS
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wsign-conversion"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wunused-function"
#endif
#include "jsmn.h"
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

/* jsmn fills the caller's tv_json_tok array as jsmntok_t, then each token is
 * rewritten in place; both types must have the same size. The array is only
 * touched through jsmntok_t inside jsmn_parse() and through memcpy while
 * rewriting, so the two struct types never alias within one access path. */
_Static_assert(sizeof(tv_json_tok) == sizeof(jsmntok_t), "tv_json_tok must match jsmntok_t");

/* Texts longer than this cannot be addressed by jsmn's int offsets. */
#define TV_JSON_MAX_LEN ((size_t)INT_MAX - 1)

int tv_json_validate(const char *text, size_t len)
{
    tv_json_scan scan;
    if ((text == NULL && len > 0) || len > TV_JSON_MAX_LEN) {
        return TV_ERR_INVALID_ARG;
    }
    return tv_json_scan_doc(text, len, &scan);
}

static uint8_t tv_type_of(const jsmntok_t *raw, const char *text)
{
    switch (raw->type) {
    case JSMN_OBJECT:
        return TV_JSON_OBJECT;
    case JSMN_ARRAY:
        return TV_JSON_ARRAY;
    case JSMN_STRING:
        return TV_JSON_STRING;
    default:
        break;
    }
    char c = text[raw->start];
    return c == 't' || c == 'f' ? TV_JSON_BOOL : c == 'n' ? TV_JSON_NULL : TV_JSON_NUMBER;
}

static void tv_store(tv_json_tok *toks, int i, const jsmntok_t *raw, const char *text, int next)
{
    tv_json_tok t;
    memset(&t, 0, sizeof t);
    t.start = raw->start;
    t.end = raw->end;
    t.type = tv_type_of(raw, text);
    t.size = t.type == TV_JSON_OBJECT || t.type == TV_JSON_ARRAY ? raw->size : 0;
    t.next = next;
    memcpy(&toks[i], &t, sizeof t);
}

/* Rewrites jsmn tokens [0, n) as tv_json_tok in one backward pass: when token
 * i is rewritten every token after it already has its `next` (the index after
 * its subtree), so a container's is found by stepping over its children: an
 * array's elements, an object's keys each followed by its value (jsmn makes a
 * value the child of its key; a key does not enclose its value, so a key's
 * `next` is its value). Each child is stepped over once: linear. The bounds
 * only matter for tokens that did not come from valid text. */
static void tv_link(tv_json_tok *toks, int n, const char *text)
{
    jsmntok_t *raw = (jsmntok_t *)(void *)toks;
    for (int i = n - 1; i >= 0; i--) {
        jsmntok_t r;
        memcpy(&r, &raw[i], sizeof r);
        int next = i + 1;
        if (r.type == JSMN_OBJECT || r.type == JSMN_ARRAY) {
            int key = r.type == JSMN_OBJECT;
            for (int k = 0; k < r.size && next + key < n; k++) {
                next = toks[next + key].next;
            }
        }
        tv_store(toks, i, &r, text, next);
    }
}

int tv_json_parse(tv_json_doc *doc, char *text, size_t len, tv_json_tok *toks, size_t cap)
{
    tv_json_scan scan;
    if (doc == NULL) {
        return TV_ERR_INVALID_ARG;
    }
    doc->text = text;
    doc->len = len;
    doc->toks = toks;
    doc->count = 0;
    if (text == NULL || toks == NULL || len > TV_JSON_MAX_LEN) {
        return TV_ERR_INVALID_ARG;
    }
    int r = tv_json_scan_doc(text, len, &scan);
    if (r < 0) {
        return r;
    }
    if ((size_t)scan.count > cap) {
        return TV_ERR_JSON_TOO_MANY_TOKENS;
    }
    char c = text[scan.root_start];
    if (c != '{' && c != '[') {
        /* A lone scalar: jsmn's strict mode wants a delimiter after a number or
         * literal, so the validator's span is used directly. */
        jsmntok_t raw;
        memset(&raw, 0, sizeof raw);
        raw.type = c == '"' ? JSMN_STRING : JSMN_PRIMITIVE;
        raw.start = (int)scan.root_start + (c == '"');
        raw.end = (int)scan.root_end - (c == '"');
        tv_store(toks, 0, &raw, text, 1);
        doc->count = 1;
        return 1;
    }
    jsmn_parser p;
    jsmn_init(&p);
    r = jsmn_parse(&p, text, len, (jsmntok_t *)(void *)toks, (unsigned int)scan.count);
    if (r != scan.count) {
        return TV_ERR_INTERNAL;
    }
    tv_link(toks, r, text);
    doc->count = r;
    return r;
}
