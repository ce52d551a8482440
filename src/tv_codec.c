/*
 * The one table-driven decoder and encoder (see tv_codec_priv.h).
 *
 * Members are reached by offset and written with memcpy, so the code needs
 * no per-type knowledge and no type punning. Decoding visits each token of an
 * object once: member keys are matched against the schema starting after the
 * last field matched, because the service sends fields in a stable order and
 * the match is then found on the first comparison.
 */
#include <string.h>

#include "tradovate/tv_config.h"
#include "tradovate/tv_error.h"
#include "tradovate/tv_types.h"
#include "tv_codec_priv.h"
#include "tv_json_priv.h"
#include "tv_tables_priv.h"

/* Legacy spellings accepted when decoding (the reference, section 12). */
typedef struct tv_codec_alias {
    const tv_schema *schema;
    const char *json;  /* the spelling on the wire */
    const char *canon; /* the schema's own key */
} tv_codec_alias;

static const tv_codec_alias tv_codec_aliases[] = {
    {&tv_fill_fee_schema, "commissionFee", "commission"},
    {&tv_estimated_fill_fee_schema, "commissionFee", "commission"},
};

static void *tv_member(void *base, const tv_field *f)
{
    return (char *)base + f->offset;
}

static const void *tv_cmember(const void *base, const tv_field *f)
{
    return (const char *)base + f->offset;
}

static bool tv_key_is(const char *json, const tv_json_str *key)
{
    return tv_name_eq(json, key->ptr, key->len);
}

int tv_codec_field_index(const tv_schema *schema, const char *json)
{
    for (uint16_t i = 0; i < schema->count; i++) {
        if (strcmp(schema->fields[i].json, json) == 0) {
            return (int)i;
        }
    }
    return -1;
}

/* Field index for `key`, searching from `hint` round the table; -1 if none. */
static int tv_codec_find(const tv_schema *schema, const tv_json_str *key, uint16_t hint)
{
    uint16_t n = schema->count;
    for (uint16_t k = 0; k < n; k++) {
        uint16_t i = (uint16_t)((hint + k) % n);
        if (tv_key_is(schema->fields[i].json, key)) {
            return (int)i;
        }
    }
    for (size_t a = 0; a < sizeof tv_codec_aliases / sizeof tv_codec_aliases[0]; a++) {
        if (tv_codec_aliases[a].schema == schema && tv_key_is(tv_codec_aliases[a].json, key)) {
            return tv_codec_field_index(schema, tv_codec_aliases[a].canon);
        }
    }
    return -1;
}

/* Field index for key token k by its raw bytes, trying field `hint` (the one
 * after the last match: the service sends fields in a stable order) and then
 * the others; -1 if none matches. Raw bytes equal to a table key (which has no
 * backslash) have no escapes, so they are the key; a key that matches no
 * name raw is unescaped and looked up again by tv_codec_find(). */
static int tv_codec_find_raw(const tv_schema *schema, const tv_json_doc *doc, int k, uint16_t hint)
{
    const tv_json_tok *t = &doc->toks[k];
    const char *raw = doc->text + t->start;
    size_t len = (size_t)(t->end - t->start);
    uint16_t n = schema->count;
    for (uint16_t j = 0, i = hint < n ? hint : 0; j < n;
         j++, i = (uint16_t)(i + 1 < n ? i + 1 : 0)) {
        const char *name = schema->fields[i].json;
        if (len > 0 && name[0] == raw[0] && tv_name_eq(name, raw, len)) {
            return (int)i;
        }
    }
    return -1;
}

/* The text of number, string or literal token v of the given type: TV_OK,
 * TV_ERR_JSON_TYPE, or TV_ERR_INTERNAL for a span outside the text. */
static int tv_codec_span(const tv_json_doc *doc, int v, int type, const char **s, size_t *n)
{
    const tv_json_tok *t = &doc->toks[v];
    if (t->type != type) {
        return TV_ERR_JSON_TYPE;
    }
    if (t->start < 0 || t->end < t->start || (size_t)t->end > doc->len) {
        return TV_ERR_INTERNAL;
    }
    *s = doc->text + t->start;
    *n = (size_t)(t->end - t->start);
    return TV_OK;
}

static int tv_decode_date(tv_json_doc *doc, int tok, tv_date *out)
{
    tv_json_iter it;
    tv_json_str key;
    int v;
    int seen = 0;
    int rc = tv_json_iter_init(doc, tok, &it);
    if (rc != TV_OK) {
        return rc;
    }
    while ((rc = tv_json_iter_next(doc, &it, &key, &v)) == 1) {
        int32_t n;
        if (tv_json_is_null(doc, v)) {
            continue;
        }
        rc = tv_json_get_i32(doc, v, &n);
        if (rc != TV_OK) {
            return rc;
        }
        if (tv_key_is("year", &key)) {
            if (n < 0 || n > 9999) {
                return TV_ERR_JSON_RANGE;
            }
            out->year = (int16_t)n;
            seen |= 1;
        } else if (tv_key_is("month", &key)) {
            if (n < 1 || n > 12) {
                return TV_ERR_JSON_RANGE;
            }
            out->month = (uint8_t)n;
            seen |= 2;
        } else if (tv_key_is("day", &key)) {
            if (n < 1 || n > 31) {
                return TV_ERR_JSON_RANGE;
            }
            out->day = (uint8_t)n;
            seen |= 4;
        }
    }
    if (rc < 0) {
        return rc;
    }
    return seen == 7 ? TV_OK : TV_ERR_JSON_MISSING_FIELD;
}

/* An array of strings, packed NUL-separated from the array's first byte:
 * every string's unescaped bytes lie at or after the position they are
 * copied to, so memmove never overwrites what is still to be read. */
static int tv_decode_strs(tv_json_doc *doc, int tok, tv_str_list *out)
{
    tv_json_iter it;
    tv_json_str s;
    int v;
    int rc = tv_json_iter_init(doc, tok, &it);
    if (rc != TV_OK) {
        return rc;
    }
    if (tv_json_type_of(doc, tok) != TV_JSON_ARRAY) {
        return TV_ERR_JSON_TYPE;
    }
    char *dst = doc->text + doc->toks[tok].start;
    char *first = dst;
    uint32_t count = 0;
    while ((rc = tv_json_iter_next(doc, &it, NULL, &v)) == 1) {
        rc = tv_json_get_str(doc, v, &s);
        if (rc != TV_OK) {
            return rc;
        }
        memmove(dst, s.ptr, s.len);
        dst[s.len] = '\0';
        dst += s.len + 1;
        count++;
    }
    if (rc < 0) {
        return rc;
    }
    out->first = count > 0 ? first : NULL;
    out->count = count;
    return TV_OK;
}

static int tv_decode_value(tv_json_doc *doc, int v, const tv_field *f, void *p, const char **where)
{
    const char *s;
    size_t n;
    int rc;
    switch ((tv_kind)f->kind) {
    case TV_KIND_I64:
    case TV_KIND_TIME: {
        int64_t x = 0;
        bool time = f->kind == TV_KIND_TIME;
        rc = tv_codec_span(doc, v, time ? TV_JSON_STRING : TV_JSON_NUMBER, &s, &n);
        if (rc == TV_OK) {
            rc = time ? tv_json_parse_time(s, n, &x) : tv_json_parse_i64(s, n, &x);
        }
        memcpy(p, &x, sizeof x);
        return rc;
    }
    case TV_KIND_I32: {
        int64_t x = 0;
        rc = tv_codec_span(doc, v, TV_JSON_NUMBER, &s, &n);
        if (rc == TV_OK) {
            rc = tv_json_parse_i64(s, n, &x);
        }
        if (rc == TV_OK && (x < INT32_MIN || x > INT32_MAX)) {
            rc = TV_ERR_JSON_RANGE;
        }
        int32_t y = rc == TV_OK ? (int32_t)x : 0;
        memcpy(p, &y, sizeof y);
        return rc;
    }
    case TV_KIND_F64: {
        double x = 0;
        rc = tv_codec_span(doc, v, TV_JSON_NUMBER, &s, &n);
        if (rc == TV_OK) {
            rc = tv_json_parse_double(s, n, &x);
        }
        if (rc != TV_OK) {
            x = 0; /* a failed member reads 0, as the other kinds do */
        }
        memcpy(p, &x, sizeof x);
        return rc;
    }
    case TV_KIND_BOOL: {
        rc = tv_codec_span(doc, v, TV_JSON_BOOL, &s, &n);
        bool x = rc == TV_OK && n > 0 && s[0] == 't';
        memcpy(p, &x, sizeof x);
        return rc;
    }
    case TV_KIND_STR:
    case TV_KIND_ENUM: {
        tv_json_str str;
        rc = tv_json_get_str(doc, v, &str);
        if (rc != TV_OK) {
            return rc;
        }
        if (f->kind == TV_KIND_STR) {
            memcpy(p, &str.ptr, sizeof str.ptr);
        } else {
            int x = tv_enum_parse(tv_all_enums[f->aux], str.ptr, str.len);
            memcpy(p, &x, sizeof x);
        }
        return TV_OK;
    }
    case TV_KIND_DATE:
        return tv_decode_date(doc, v, (tv_date *)p);
    case TV_KIND_OBJ:
        return tv_codec_decode(doc, v, tv_all_schemas[f->aux], p, where);
    case TV_KIND_STRS:
        return tv_decode_strs(doc, v, (tv_str_list *)p);
    default:
        return TV_ERR_INTERNAL; /* request-only kinds never appear in results */
    }
}

/* Walks the members of object token `tok` by their tokens, without the
 * iterator's per-call checks: the container's extent is checked once, each
 * member's `next` once (it must move forward and stay inside, or tampered
 * tokens could loop or escape). */
int tv_codec_decode(tv_json_doc *doc, int tok, const tv_schema *schema, void *out,
                    const char **where)
{
    uint32_t present = 0;
    uint16_t hint = 0;
    memset(out, 0, schema->size);
    if (tv_json_type_of(doc, tok) != TV_JSON_OBJECT) {
        return TV_ERR_JSON_TYPE;
    }
    const tv_json_tok *t = doc->toks;
    int end = t[tok].next;
    if (end > doc->count) {
        return TV_ERR_INTERNAL;
    }
    for (int k = tok + 1; k < end;) {
        int v = k + 1;
        if (v >= end || t[v].next <= v || t[v].next > end || t[k].type != TV_JSON_STRING) {
            return TV_ERR_INTERNAL;
        }
        int next = t[v].next;
        int i = tv_codec_find_raw(schema, doc, k, hint);
        if (i < 0) {
            tv_json_str key;
            int rc = tv_json_get_str(doc, k, &key); /* escaped, an alias, or unknown */
            if (rc != TV_OK) {
                return rc;
            }
            i = tv_codec_find(schema, &key, hint);
        }
        k = next;
        if (i < 0) {
            continue; /* keys the reference does not name are skipped */
        }
        const tv_field *f = &schema->fields[i];
        hint = (uint16_t)(i + 1);
        if (t[v].type == TV_JSON_NULL) {
            continue;
        }
        int rc = tv_decode_value(doc, v, f, tv_member(out, f), where);
        if (rc != TV_OK) {
            if (where != NULL && (f->kind != TV_KIND_OBJ || *where == NULL)) {
                *where = f->json;
            }
            return rc;
        }
        present |= (uint32_t)1u << i;
    }
    memcpy(out, &present, sizeof present); /* `present` is every struct's first member */
#if TV_CONFIG_STRICT_REQUIRED
    for (uint16_t i = 0; i < schema->count; i++) {
        if (schema->fields[i].required && !((present >> i) & 1u)) {
            if (where != NULL) {
                *where = schema->fields[i].json;
            }
            return TV_ERR_JSON_MISSING_FIELD;
        }
    }
#endif
    return TV_OK;
}

/* ---- encoding ------------------------------------------------------ */

static int tv_encode_object(tv_json_writer *w, const tv_schema *schema, const void *in,
                            const char **where)
{
    tv_json_write_object_begin(w);
    int rc = tv_codec_encode_members(w, schema, in, NULL, where);
    if (rc != TV_OK) {
        return rc;
    }
    return tv_json_write_object_end(w);
}

static int tv_encode_value(tv_json_writer *w, const tv_field *f, const void *p, const char **where)
{
    switch ((tv_kind)f->kind) {
    case TV_KIND_I64:
    case TV_KIND_TIME: {
        int64_t x;
        memcpy(&x, p, sizeof x);
        return f->kind == TV_KIND_I64 ? tv_json_write_i64(w, x) : tv_json_write_time(w, x);
    }
    case TV_KIND_I32: {
        int32_t x;
        memcpy(&x, p, sizeof x);
        return tv_json_write_i64(w, x);
    }
    case TV_KIND_F64: {
        double x;
        memcpy(&x, p, sizeof x);
        return tv_json_write_double(w, x);
    }
    case TV_KIND_BOOL: {
        bool x;
        memcpy(&x, p, sizeof x);
        return tv_json_write_bool(w, x);
    }
    case TV_KIND_STR: {
        const char *s;
        memcpy(&s, p, sizeof s);
        return tv_json_write_str(w, s);
    }
    case TV_KIND_ENUM: {
        int x;
        memcpy(&x, p, sizeof x);
        const char *name = tv_enum_name(tv_all_enums[f->aux], x);
        return name != NULL ? tv_json_write_str_plain(w, name, strlen(name)) : TV_ERR_INVALID_ARG;
    }
    case TV_KIND_DATE: {
        const tv_date *d = (const tv_date *)p;
        tv_json_write_object_begin(w);
        tv_json_write_key(w, "year");
        tv_json_write_i64(w, d->year);
        tv_json_write_key(w, "month");
        tv_json_write_i64(w, d->month);
        tv_json_write_key(w, "day");
        tv_json_write_i64(w, d->day);
        return tv_json_write_object_end(w);
    }
    case TV_KIND_OBJ:
        return tv_encode_object(w, tv_all_schemas[f->aux], p, where);
    case TV_KIND_EMBED: {
        tv_json_write_embedded_begin(w);
        int rc = tv_encode_object(w, tv_all_schemas[f->aux], p, where);
        return rc != TV_OK ? rc : tv_json_write_embedded_end(w);
    }
    case TV_KIND_I64S: {
        const tv_i64_list *l = (const tv_i64_list *)p;
        if (l->items == NULL && l->count > 0) {
            return TV_ERR_INVALID_ARG;
        }
        tv_json_write_array_begin(w);
        for (size_t i = 0; i < l->count; i++) {
            tv_json_write_i64(w, l->items[i]);
        }
        return tv_json_write_array_end(w);
    }
    case TV_KIND_OBJS: {
        const tv_obj_list *l = (const tv_obj_list *)p;
        const tv_schema *es = tv_all_schemas[f->aux];
        if (l->items == NULL && l->count > 0) {
            return TV_ERR_INVALID_ARG;
        }
        tv_json_write_array_begin(w);
        for (size_t i = 0; i < l->count; i++) {
            int rc = tv_encode_object(w, es, (const char *)l->items + i * es->size, where);
            if (rc != TV_OK) {
                return rc;
            }
        }
        return tv_json_write_array_end(w);
    }
    case TV_KIND_RAW: {
        const char *s;
        memcpy(&s, p, sizeof s);
        return tv_json_write_raw(w, s, strlen(s));
    }
    default:
        return TV_ERR_INTERNAL;
    }
}

int tv_codec_encode_members(tv_json_writer *w, const tv_schema *schema, const void *in,
                            const tv_codec_default *dflt, const char **where)
{
    uint32_t present;
    int dflt_field = dflt != NULL ? dflt->field : -1;
    const char *dflt_value = dflt != NULL ? dflt->value : NULL;
    memcpy(&present, in, sizeof present);
    for (uint16_t i = 0; i < schema->count; i++) {
        const tv_field *f = &schema->fields[i];
        const void *p = tv_cmember(in, f);
        const char *str = NULL;
        bool send;
        if (f->kind == TV_KIND_STR || f->kind == TV_KIND_RAW) {
            memcpy(&str, p, sizeof str);
            if (str == NULL && (int)i == dflt_field) {
                str = dflt_value;
                p = &str;
            }
            send = str != NULL;
            if (!send && f->required) {
                if (where != NULL) {
                    *where = f->json;
                }
                return TV_ERR_INVALID_ARG;
            }
        } else {
            send = f->required || ((present >> i) & 1u);
        }
        if (!send) {
            continue;
        }
        tv_json_write_key_plain(w, f->json, strlen(f->json));
        int rc = tv_encode_value(w, f, p, where);
        if (rc != TV_OK) {
            if (where != NULL && *where == NULL) {
                *where = f->json;
            }
            return rc;
        }
    }
    return w->err; /* the sticky status of every write above */
}

/* ---- copying strings out of the response buffer --------------------- */

static int tv_arena_put(const char *s, size_t len, char *arena, size_t size, size_t *used,
                        const char **out)
{
    if (len + 1 > size - *used) {
        return TV_ERR_BUFFER_TOO_SMALL;
    }
    char *dst = arena + *used;
    memcpy(dst, s, len);
    dst[len] = '\0';
    *used += len + 1;
    *out = dst;
    return TV_OK;
}

int tv_codec_copy_strings(const tv_schema *schema, void *obj, char *arena, size_t size,
                          size_t *used)
{
    for (uint16_t i = 0; i < schema->count; i++) {
        const tv_field *f = &schema->fields[i];
        void *p = tv_member(obj, f);
        int rc = TV_OK;
        if (f->kind == TV_KIND_STR) {
            const char *s;
            memcpy(&s, p, sizeof s);
            if (s != NULL) {
                rc = tv_arena_put(s, strlen(s), arena, size, used, &s);
                memcpy(p, &s, sizeof s);
            }
        } else if (f->kind == TV_KIND_STRS) {
            tv_str_list *l = (tv_str_list *)p;
            if (l->count > 0) {
                /* the strings are packed: copy them as one block */
                const char *end = l->first;
                for (uint32_t k = 0; k < l->count; k++) {
                    end += strlen(end) + 1;
                }
                rc = tv_arena_put(l->first, (size_t)(end - l->first) - 1, arena, size, used,
                                  &l->first);
            }
        } else if (f->kind == TV_KIND_OBJ) {
            rc = tv_codec_copy_strings(tv_all_schemas[f->aux], p, arena, size, used);
        }
        if (rc != TV_OK) {
            return rc;
        }
    }
    return TV_OK;
}
