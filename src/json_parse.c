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

/* Rewrites jsmn tokens [0, n) as tv_json_tok, computing `next` (the index after
 * each subtree) in one forward pass. The tokens whose end is not yet passed
 * form a chain through `parent`, which is re-pointed at the token's enclosing
 * value by offsets (jsmn makes a key the parent of its value; a key does not
 * enclose its value). Each token is linked into the chain once and unlinked
 * (rewritten) once: linear. */
static void tv_link(tv_json_tok *toks, int n, const char *text)
{
    jsmntok_t *raw = (jsmntok_t *)(void *)toks;
    jsmntok_t cur, open_tok;
    int open = -1;
    for (int j = 0; j <= n; j++) {
        if (j < n) {
            memcpy(&cur, &raw[j], sizeof cur);
        }
        while (open >= 0) {
            memcpy(&open_tok, &raw[open], sizeof open_tok);
            if (j < n && open_tok.end > cur.start) {
                break;
            }
            int up = open_tok.parent;
            tv_store(toks, open, &open_tok, text, j);
            open = up;
        }
        if (j < n) {
            cur.parent = open;
            memcpy(&raw[j], &cur, sizeof cur);
            open = j;
        }
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
