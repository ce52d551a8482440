/*
 * Request structs from the command line, by walking the request's schema:
 * every field is settable as `--<jsonName> value` (names compared without
 * regard to case; a few short aliases such as --qty). Nested objects take
 * `--other.price 6100` or `--other action=Sell,orderType=Limit,price=6100`;
 * lists of objects take one `--order k=v,...` per element; id lists
 * `--positions 1,2,3`. Numbers are parsed by the library (exact, no strtod).
 */
#include <string.h>

#include "cli.h"
#include "tv_tables_priv.h"

static const struct {
    const char *alias;
    const char *json;
} cli_aliases[] = {
    {"qty", "orderQty"},
    {"type", "orderType"},
    {"account", "accountSpec"},
    {"account-id", "accountId"},
    {"tif", "timeInForce"},
    {"stop", "stopPrice"},
    {"tag50", "customTag50"},
    {"cl-ord-id", "clOrdId"},
    {"order-id", "orderId"},
    {"contract-id", "contractId"},
    {"strategy-id", "orderStrategyId"},
    {"automated", "isAutomated"},
    {"entry", "params.entryVersion"},
    {"bracket", "params.brackets"},
    {"order", "orders"},
};

/* Storage for list elements and id lists given on the command line. */
static _Alignas(max_align_t) unsigned char cli_pool[16384];
static size_t cli_pool_used;

static void *cli_alloc(size_t n)
{
    size_t a = _Alignof(max_align_t);
    size_t at = (cli_pool_used + a - 1) / a * a;
    if (n > sizeof cli_pool - at) {
        return NULL;
    }
    cli_pool_used = at + n;
    memset(cli_pool + at, 0, n);
    return cli_pool + at;
}

static char cli_lower(char ch)
{
    return ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
}

/* Case-insensitive: a[0..n) equals NUL-terminated b. */
static bool cli_eq(const char *a, size_t n, const char *b)
{
    for (size_t i = 0; i < n; i++) {
        if (b[i] == '\0' || cli_lower(a[i]) != cli_lower(b[i])) {
            return false;
        }
    }
    return b[n] == '\0';
}

bool cli_parse_i64(const char *s, int64_t *out)
{
    return s != NULL && tv_json_parse_i64(s, strlen(s), out) == TV_OK;
}

int cli_parse_ids(const char *s, int64_t *ids, int cap)
{
    int n = 0;
    while (*s != '\0') {
        const char *end = strchr(s, ',');
        size_t len = end != NULL ? (size_t)(end - s) : strlen(s);
        if (n >= cap || tv_json_parse_i64(s, len, &ids[n]) != TV_OK) {
            return -1;
        }
        n++;
        s += len + (end != NULL ? 1 : 0);
    }
    return n;
}

static void cli_mark(void *obj, int i)
{
    uint32_t present;
    memcpy(&present, obj, sizeof present);
    present |= (uint32_t)1u << i;
    memcpy(obj, &present, sizeof present);
}

static int cli_set(const tv_schema *s, void *obj, const char *name, size_t name_len,
                   const char *value);

/* "k=v,k=v" into the struct obj of schema s. */
static int cli_set_pairs(const tv_schema *s, void *obj, const char *value)
{
    static char copy[1024];
    size_t n = strlen(value);
    if (n >= sizeof copy) {
        return -1;
    }
    memcpy(copy, value, n + 1);
    char *p = copy;
    while (*p != '\0') {
        char *end = strchr(p, ',');
        if (end != NULL) {
            *end = '\0';
        }
        char *eq = strchr(p, '=');
        if (eq == NULL) {
            cli_err("error: expected key=value, got", p, NULL);
            return -1;
        }
        *eq = '\0';
        /* the value must outlive this call: move it to the pool */
        size_t vlen = strlen(eq + 1);
        char *v = cli_alloc(vlen + 1);
        if (v == NULL) {
            return -1;
        }
        memcpy(v, eq + 1, vlen + 1);
        if (cli_set(s, obj, p, strlen(p), v) != 0) {
            return -1;
        }
        if (end == NULL) {
            break;
        }
        p = end + 1;
    }
    return 0;
}

static int cli_set_scalar(const tv_field *f, void *p, const char *value)
{
    size_t n = strlen(value);
    switch ((tv_kind)f->kind) {
    case TV_KIND_I64:
    case TV_KIND_I32: {
        int64_t v;
        if (tv_json_parse_i64(value, n, &v) != TV_OK ||
            (f->kind == TV_KIND_I32 && (v < INT32_MIN || v > INT32_MAX))) {
            return -1;
        }
        if (f->kind == TV_KIND_I64) {
            memcpy(p, &v, sizeof v);
        } else {
            int32_t w = (int32_t)v;
            memcpy(p, &w, sizeof w);
        }
        return 0;
    }
    case TV_KIND_F64: {
        double d;
        if (tv_json_parse_double(value, n, &d) != TV_OK) {
            return -1;
        }
        memcpy(p, &d, sizeof d);
        return 0;
    }
    case TV_KIND_BOOL: {
        bool b = cli_eq(value, n, "true") || cli_eq(value, n, "yes") || cli_eq(value, n, "1");
        if (!b && !cli_eq(value, n, "false") && !cli_eq(value, n, "no") && !cli_eq(value, n, "0")) {
            return -1;
        }
        memcpy(p, &b, sizeof b);
        return 0;
    }
    case TV_KIND_STR:
    case TV_KIND_RAW:
        memcpy(p, &value, sizeof value);
        return 0;
    case TV_KIND_TIME: {
        int64_t ms;
        if (tv_json_parse_time(value, n, &ms) != TV_OK) {
            return -1;
        }
        memcpy(p, &ms, sizeof ms);
        return 0;
    }
    case TV_KIND_ENUM: {
        const tv_enum_desc *d = tv_field_enum(f);
        for (uint16_t i = 1; i < d->count; i++) {
            if (cli_eq(value, n, d->names[i])) {
                int v = (int)i;
                memcpy(p, &v, sizeof v);
                return 0;
            }
        }
        return -1;
    }
    case TV_KIND_I64S: {
        tv_i64_list *l = (tv_i64_list *)p;
        int64_t *ids = cli_alloc(64 * sizeof *ids);
        int count = ids != NULL ? cli_parse_ids(value, ids, 64) : -1;
        if (count <= 0) {
            return -1;
        }
        l->items = ids;
        l->count = (size_t)count;
        return 0;
    }
    default:
        return -1;
    }
}

static int cli_set(const tv_schema *s, void *obj, const char *name, size_t name_len,
                   const char *value)
{
    const char *dot = memchr(name, '.', name_len);
    size_t head = dot != NULL ? (size_t)(dot - name) : name_len;
    for (uint16_t i = 0; i < s->count; i++) {
        const tv_field *f = &s->fields[i];
        if (!cli_eq(name, head, f->json)) {
            continue;
        }
        void *p = (char *)obj + f->offset;
        int rc;
        if (f->kind == TV_KIND_OBJ || f->kind == TV_KIND_EMBED) {
            const tv_schema *sub = tv_field_schema(f);
            rc = dot != NULL ? cli_set(sub, p, dot + 1, name_len - head - 1, value)
                             : cli_set_pairs(sub, p, value);
        } else if (f->kind == TV_KIND_OBJS && dot == NULL) {
            /* one element per option; elements of a list are contiguous */
            const tv_schema *es = tv_field_schema(f);
            tv_obj_list *l = (tv_obj_list *)p;
            if (l->items == NULL) {
                l->items = cli_alloc(8u * es->size);
            }
            if (l->items == NULL || l->count >= 8) {
                rc = -1;
            } else {
                void *el = (char *)(uintptr_t)l->items + l->count * es->size;
                rc = cli_set_pairs(es, el, value);
                l->count += rc == 0 ? 1u : 0u;
            }
        } else if (dot != NULL) {
            rc = -1;
        } else {
            rc = cli_set_scalar(f, p, value);
            if (rc != 0) {
                cli_err("error: bad value for", f->json, value);
                return -1;
            }
        }
        if (rc == 0) {
            cli_mark(obj, i);
        }
        return rc;
    }
    cli_err("error: unknown field", name, NULL);
    return -1;
}

int cli_fill(const tv_schema *s, void *obj, int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        const char *opt = argv[i];
        if (strncmp(opt, "--", 2) != 0 || i + 1 >= argc) {
            cli_err("error: expected --field value, got", opt, NULL);
            return 1;
        }
        const char *name = opt + 2;
        for (size_t a = 0; a < sizeof cli_aliases / sizeof cli_aliases[0]; a++) {
            if (cli_eq(name, strlen(name), cli_aliases[a].alias)) {
                name = cli_aliases[a].json;
                break;
            }
        }
        if (cli_set(s, obj, name, strlen(name), argv[++i]) != 0) {
            return 1;
        }
    }
    return 0;
}
