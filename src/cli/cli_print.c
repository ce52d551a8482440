/*
 * Printing decoded results by walking their schema: vertical "key: value"
 * for one object, aligned rows for streamed lists (column widths fixed per
 * kind, so rows print as they arrive), or one JSON object per line (--json).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "tv_tables_priv.h"

/* An I64 or I32 member, widened. */
static int64_t cli_int(const tv_field *f, const void *p)
{
    if (f->kind == TV_KIND_I64) {
        int64_t v;
        memcpy(&v, p, sizeof v);
        return v;
    }
    int32_t w;
    memcpy(&w, p, sizeof w);
    return w;
}

/* A value as text; returns buf (or a static string). */
static const char *cli_value(const tv_field *f, const void *p, char *buf, size_t cap)
{
    switch ((tv_kind)f->kind) {
    case TV_KIND_I64:
    case TV_KIND_I32: {
        int64_t v = cli_int(f, p);
        char *q = buf + cap;
        uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
        *--q = '\0';
        do {
            *--q = (char)('0' + u % 10u);
            u /= 10u;
        } while (u != 0);
        if (v < 0) {
            *--q = '-';
        }
        return q;
    }
    case TV_KIND_F64: {
        double d;
        memcpy(&d, p, sizeof d);
        return tv_json_format_double(d, buf, cap) >= 0 ? buf : "?";
    }
    case TV_KIND_BOOL: {
        bool b;
        memcpy(&b, p, sizeof b);
        return b ? "true" : "false";
    }
    case TV_KIND_STR: {
        const char *s;
        memcpy(&s, p, sizeof s);
        return s != NULL ? s : "";
    }
    case TV_KIND_TIME: {
        int64_t ms;
        memcpy(&ms, p, sizeof ms);
        return tv_json_format_time(ms, buf, cap) >= 0 ? buf : "?";
    }
    case TV_KIND_DATE: {
        const tv_date *d = (const tv_date *)p;
        if (cap < 11) {
            return "?";
        }
        int y = d->year;
        buf[0] = (char)('0' + y / 1000 % 10);
        buf[1] = (char)('0' + y / 100 % 10);
        buf[2] = (char)('0' + y / 10 % 10);
        buf[3] = (char)('0' + y % 10);
        buf[4] = '-';
        buf[5] = (char)('0' + d->month / 10);
        buf[6] = (char)('0' + d->month % 10);
        buf[7] = '-';
        buf[8] = (char)('0' + d->day / 10);
        buf[9] = (char)('0' + d->day % 10);
        buf[10] = '\0';
        return buf;
    }
    case TV_KIND_ENUM: {
        int v;
        memcpy(&v, p, sizeof v);
        const char *name = tv_enum_name(tv_field_enum(f), v);
        return name != NULL ? name : "(unrecognized)";
    }
    case TV_KIND_STRS: {
        const tv_str_list *l = (const tv_str_list *)p;
        size_t at = 0;
        const char *s = l->first;
        buf[0] = '\0';
        for (uint32_t i = 0; i < l->count; i++, s = tv_str_list_next(s)) {
            size_t n = strlen(s);
            if (at + n + 2 >= cap) {
                break;
            }
            if (i > 0) {
                buf[at++] = ',';
            }
            memcpy(buf + at, s, n + 1);
            at += n;
        }
        return buf;
    }
    default:
        return "";
    }
}

static bool cli_has(const void *obj, uint16_t i)
{
    uint32_t present;
    memcpy(&present, obj, sizeof present);
    return (present >> i) & 1u;
}

/* One JSON object per line, written by the library's writer. */
static void cli_json_members(tv_json_writer *w, const tv_schema *s, const void *obj)
{
    char buf[64];
    tv_json_write_object_begin(w);
    for (uint16_t i = 0; i < s->count; i++) {
        const tv_field *f = &s->fields[i];
        const void *p = (const char *)obj + f->offset;
        if (!cli_has(obj, i)) {
            continue;
        }
        tv_json_write_key(w, f->json);
        switch ((tv_kind)f->kind) {
        case TV_KIND_I64:
        case TV_KIND_I32:
            tv_json_write_i64(w, cli_int(f, p));
            break;
        case TV_KIND_F64: {
            double d;
            memcpy(&d, p, sizeof d);
            tv_json_write_double(w, d);
            break;
        }
        case TV_KIND_BOOL: {
            bool b;
            memcpy(&b, p, sizeof b);
            tv_json_write_bool(w, b);
            break;
        }
        case TV_KIND_OBJ:
            cli_json_members(w, tv_field_schema(f), p);
            break;
        case TV_KIND_STRS: {
            const tv_str_list *l = (const tv_str_list *)p;
            const char *str = l->first;
            tv_json_write_array_begin(w);
            for (uint32_t k = 0; k < l->count; k++, str = tv_str_list_next(str)) {
                tv_json_write_str(w, str);
            }
            tv_json_write_array_end(w);
            break;
        }
        default:
            tv_json_write_str(w, cli_value(f, p, buf, sizeof buf));
            break;
        }
    }
    tv_json_write_object_end(w);
}

static void cli_json_line(const tv_schema *s, const void *obj)
{
    static char out[16384];
    tv_json_writer w;
    size_t len = 0;
    tv_json_writer_init(&w, out, sizeof out - 1);
    cli_json_members(&w, s, obj);
    if (tv_json_writer_finish(&w, &len) != TV_OK) {
        cli_err("error: result too large to print as JSON", NULL, NULL);
        return;
    }
    out[len] = '\0';
    cli_puts(out);
    cli_puts("\n");
}

static void cli_vertical(const tv_schema *s, const void *obj, int indent)
{
    char buf[64];
    for (uint16_t i = 0; i < s->count; i++) {
        const tv_field *f = &s->fields[i];
        const void *p = (const char *)obj + f->offset;
        if (!cli_has(obj, i)) {
            continue;
        }
        for (int k = 0; k < indent; k++) {
            cli_puts("  ");
        }
        cli_puts(f->json);
        cli_puts(":");
        if (f->kind == TV_KIND_OBJ) {
            cli_puts("\n");
            cli_vertical(tv_field_schema(f), p, indent + 1);
            continue;
        }
        cli_puts(" ");
        cli_puts(cli_value(f, p, buf, sizeof buf));
        cli_puts("\n");
    }
}

void cli_print_object(const cli_ctx *x, const tv_schema *s, const void *obj)
{
    if (x->json) {
        cli_json_line(s, obj);
    } else {
        cli_vertical(s, obj, 0);
    }
}

/* Table columns: every scalar field but free text, which goes last. */
static size_t cli_width(const tv_field *f)
{
    size_t w;
    switch ((tv_kind)f->kind) {
    case TV_KIND_I64:
        w = 14;
        break;
    case TV_KIND_I32:
        w = 6;
        break;
    case TV_KIND_F64:
        w = 10;
        break;
    case TV_KIND_BOOL:
        w = 5;
        break;
    case TV_KIND_TIME:
        w = 24;
        break;
    case TV_KIND_DATE:
        w = 10;
        break;
    case TV_KIND_ENUM: {
        const tv_enum_desc *d = tv_field_enum(f);
        w = 0;
        for (uint16_t i = 1; i < d->count; i++) {
            size_t n = strlen(d->names[i]);
            w = n > w ? n : w;
        }
        break;
    }
    default:
        w = 12;
        break;
    }
    size_t n = strlen(f->json);
    return n > w ? n : w;
}

static bool cli_is_column(const tv_field *f, bool text)
{
    bool is_text = f->kind == TV_KIND_STR || f->kind == TV_KIND_STRS;
    return f->kind != TV_KIND_OBJ && is_text == text;
}

int cli_print_row(void *table, const void *entity)
{
    cli_table *t = (cli_table *)table;
    const tv_schema *s = t->schema;
    char buf[64];
    if (t->x->json) {
        cli_json_line(s, entity);
        return 0;
    }
    if (!t->header_done) {
        t->header_done = true;
        for (int pass = 0; pass < 2; pass++) {
            for (uint16_t i = 0; i < s->count; i++) {
                if (cli_is_column(&s->fields[i], pass == 1)) {
                    cli_put_pad(s->fields[i].json, cli_width(&s->fields[i]) + 2);
                }
            }
        }
        cli_puts("\n");
    }
    for (int pass = 0; pass < 2; pass++) {
        for (uint16_t i = 0; i < s->count; i++) {
            const tv_field *f = &s->fields[i];
            if (!cli_is_column(f, pass == 1)) {
                continue;
            }
            const char *v = cli_has(entity, i)
                                ? cli_value(f, (const char *)entity + f->offset, buf, sizeof buf)
                                : "-";
            cli_put_pad(v, cli_width(f) + 2);
        }
    }
    cli_puts("\n");
    return 0;
}

static const char *cli_kind_name(const tv_field *f)
{
    static const char *const names[] = {"int64", "integer", "number", "true|false", "text",
                                        "time",  "date",    "enum",   "object",     "texts",
                                        "ids",   "objects", "object", "json"};
    return f->kind < sizeof names / sizeof names[0] ? names[f->kind] : "?";
}

void cli_print_fields(const tv_schema *s, const char *prefix)
{
    for (uint16_t i = 0; i < s->count; i++) {
        const tv_field *f = &s->fields[i];
        fputs("    --", stdout);
        fputs(prefix, stdout);
        cli_put_pad(f->json, 28 - strlen(prefix));
        fputs(cli_kind_name(f), stdout);
        if (f->kind == TV_KIND_ENUM) {
            const tv_enum_desc *d = tv_field_enum(f);
            fputs(" (", stdout);
            for (uint16_t k = 1; k < d->count; k++) {
                fputs(k > 1 ? "|" : "", stdout);
                fputs(d->names[k], stdout);
            }
            fputs(")", stdout);
        }
        fputs(f->required ? "  required\n" : "\n", stdout);
        if (f->kind == TV_KIND_OBJ || f->kind == TV_KIND_EMBED || f->kind == TV_KIND_OBJS) {
            char sub[64];
            size_t n = strlen(prefix) + strlen(f->json);
            if (n + 2 < sizeof sub) {
                memcpy(sub, prefix, strlen(prefix));
                memcpy(sub + strlen(prefix), f->json, strlen(f->json));
                sub[n] = '.';
                sub[n + 1] = '\0';
                cli_print_fields(tv_field_schema(f), sub);
            }
        }
    }
}
