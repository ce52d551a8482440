/*
 * The descriptor tables behind tv_enums.h and tv_types.h, expanded from the
 * same X-macro lists that declare the C types: a field cannot be added to a
 * struct without also appearing, with its JSON name and kind, here.
 */
#include <stddef.h>
#include <string.h>

#include "tradovate/tv_types.h"
#include "tv_tables_priv.h"

/* ---- enums -------------------------------------------------------- */

#define TV__ENUM_NAME(c, s) s,
#define TV__DEFINE_ENUM(type, PREFIX, refname, LIST)                                               \
    _Static_assert(sizeof(type) == sizeof(int), #type " must be int-sized for the codec");         \
    static const char *const type##_names[] = {NULL, LIST(TV__ENUM_NAME)};                         \
    const tv_enum_desc type##_desc = {refname, type##_names,                                       \
                                      (uint16_t)(sizeof type##_names / sizeof type##_names[0])};   \
    const char *type##_name(type value)                                                            \
    {                                                                                              \
        return tv_enum_name(&type##_desc, (int)value);                                             \
    }                                                                                              \
    type type##_parse(const char *s, size_t len)                                                   \
    {                                                                                              \
        return (type)tv_enum_parse(&type##_desc, s, len);                                          \
    }

TV_ALL_ENUMS(TV__DEFINE_ENUM)

const char *tv_enum_name(const tv_enum_desc *desc, int value)
{
    if (value <= 0 || value >= (int)desc->count) {
        return NULL;
    }
    return desc->names[value];
}

int tv_enum_parse(const tv_enum_desc *desc, const char *s, size_t len)
{
    if (s == NULL) {
        return 0;
    }
    /* At most 31 names (FailureReason); most differ from s in the first
     * byte, so a miss costs a compare or two per name. */
    for (uint16_t i = 1; len > 0 && i < desc->count; i++) {
        const char *name = desc->names[i];
        if (name[0] == s[0] && tv_name_eq(name, s, len)) {
            return (int)i;
        }
    }
    return 0;
}

#define TV__ENUM_PTR(type, PREFIX, refname, LIST) &type##_desc,
const tv_enum_desc *const tv_all_enums[] = {TV_ALL_ENUMS(TV__ENUM_PTR) NULL};

/* A field row names its enum or nested schema by position in tv_all_enums
 * or tv_all_schemas (11 bits), not by pointer: rows are 8 bytes, not 12. */
_Static_assert(TV__ENUM_COUNT < 2048 && TV__SCHEMA_COUNT < 2048, "tv_field.aux has 11 bits");
_Static_assert(TV_KIND_RAW < 16, "tv_field.kind has 4 bits");
/* tv_endpoint names its schemas as index + 1 in a byte */
_Static_assert(TV__SCHEMA_COUNT < 255, "tv_endpoint.request/result are bytes");

/* ---- schemas ------------------------------------------------------ */

#define TV__REQ_REQ      1u
#define TV__REQ_OPT      0u
#define TV__AUX_I64(a)   0u
#define TV__AUX_I32(a)   0u
#define TV__AUX_F64(a)   0u
#define TV__AUX_BOOL(a)  0u
#define TV__AUX_STR(a)   0u
#define TV__AUX_TIME(a)  0u
#define TV__AUX_DATE(a)  0u
#define TV__AUX_STRS(a)  0u
#define TV__AUX_I64S(a)  0u
#define TV__AUX_RAW(a)   0u
#define TV__AUX_ENUM(a)  (unsigned)tv_##a##_index
#define TV__AUX_OBJ(a)   (unsigned)tv_##a##_index
#define TV__AUX_OBJS(a)  (unsigned)tv_##a##_index
#define TV__AUX_EMBED(a) (unsigned)tv_##a##_index

#define TV__FIELD_ROW(T, name, ctype, json, kind, req, aux)                                        \
    {json, (unsigned)offsetof(T, name), (unsigned)TV_KIND_##kind, TV__REQ_##req,                   \
     TV__AUX_##kind(aux)},

/* Presence is one uint32_t per struct: no type may have more than 32 fields. */
#define TV__DEFINE_SCHEMA(T, refname, LIST)                                                        \
    static const tv_field T##_fields[] = {LIST(TV__FIELD_ROW, T)};                                 \
    _Static_assert(T##_field_count <= 32, #T " has more than 32 fields");                          \
    _Static_assert(sizeof(T) <= UINT16_MAX, #T " is too large for tv_schema.size");                \
    const tv_schema T##_schema = {refname, T##_fields, (uint16_t)T##_field_count,                  \
                                  (uint16_t)sizeof(T)};

TV_ALL_SCHEMAS(TV__DEFINE_SCHEMA)

#define TV__SCHEMA_PTR(T, refname, LIST) &T##_schema,
const tv_schema *const tv_all_schemas[] = {TV_ALL_SCHEMAS(TV__SCHEMA_PTR) NULL};

const tv_enum_desc *tv_field_enum(const tv_field *f)
{
    return f->kind == TV_KIND_ENUM ? tv_all_enums[f->aux] : NULL;
}

const tv_schema *tv_field_schema(const tv_field *f)
{
    bool nested = f->kind == TV_KIND_OBJ || f->kind == TV_KIND_OBJS || f->kind == TV_KIND_EMBED;
    return nested ? tv_all_schemas[f->aux] : NULL;
}

const char *tv_str_list_next(const char *s)
{
    return s + strlen(s) + 1;
}
