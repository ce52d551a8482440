/**
 * @file tv_schema.h
 * @brief How libtradovate declares API types once and decodes/encodes them by table.
 *
 * Every Tradovate enum and JSON object the library handles is declared
 * exactly once, as an X-macro list (tv_enums.h, tv_types.h). From that one
 * list the preprocessor produces:
 *  - the C type (an enum, or a struct whose first member is `present`),
 *  - one presence bit per struct field (`<type>_bit_<field>`),
 *  - the descriptor table (`<type>_schema`, `<type>_desc`) that the single
 *    table-driven decoder and encoder walk.
 *
 * **Presence.** JSON fields that are absent or `null` leave their bit clear
 * and their member zero. Test with TV_HAS(&order, tv_order, contract_id).
 * For requests, set optional members with TV_SET(&req, tv_place_order,
 * price, 4150.25); required members are always sent; optional strings are
 * sent when non-NULL.
 *
 * **Kinds** (the fifth column of a field row), with their C types:
 * | kind  | C type        | JSON                                                |
 * |-------|---------------|-----------------------------------------------------|
 * | I64   | int64_t       | integer (ids): never through a double               |
 * | I32   | int32_t       | integer (quantities)                                |
 * | F64   | double        | number (prices), parsed without strtod              |
 * | BOOL  | bool          | true / false                                        |
 * | STR   | const char *  | string, unescaped in place in the response buffer   |
 * | TIME  | int64_t       | ISO-8601 UTC date-time as epoch milliseconds        |
 * | DATE  | tv_date       | {year, month, day} object                           |
 * | ENUM  | tv_<enum>     | string; unknown strings give <PREFIX>_UNRECOGNIZED  |
 * | OBJ   | tv_<type>     | nested object, held by value                        |
 * | STRS  | tv_str_list   | array of strings (decoded in place, see below)      |
 * | I64S  | tv_i64_list   | array of integers (requests)                        |
 * | OBJS  | tv_obj_list   | array of objects (requests)                         |
 * | EMBED | tv_<type>     | object written as a JSON *string* (JSON in JSON)    |
 * | RAW   | const char *  | caller's JSON text, validated, written verbatim     |
 */
#ifndef TV_SCHEMA_H
#define TV_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A calendar date as Tradovate sends it (`tradeDate`): {year, month, day}. */
typedef struct tv_date {
    int16_t year;
    uint8_t month; /**< 1..12 */
    uint8_t day;   /**< 1..31 */
} tv_date;

/**
 * A decoded JSON array of strings. The strings are stored one after the
 * other, each NUL-terminated, starting at `first`, inside the response
 * buffer (they live as long as the other strings of the same result).
 * Walk them with tv_str_list_next().
 */
typedef struct tv_str_list {
    const char *first; /**< NULL when count is 0 */
    uint32_t count;
} tv_str_list;

/**
 * @brief The string after `s` in a tv_str_list (s must be one of its strings
 * other than the last). Example:
 * `for (const char *s = l.first; i < l.count; i++, s = tv_str_list_next(s))`
 */
const char *tv_str_list_next(const char *s);

/** An array of int64 values in a request, owned by the caller. */
typedef struct tv_i64_list {
    const int64_t *items;
    size_t count;
} tv_i64_list;

/**
 * An array of request objects, owned by the caller. `items` points to
 * `count` structs of the type the field's documentation names (e.g.
 * tv_dry_run_order for tv_dry_run.orders).
 */
typedef struct tv_obj_list {
    const void *items;
    size_t count;
} tv_obj_list;

/** Field kinds; see the table in the file comment. */
typedef enum tv_kind {
    TV_KIND_I64,
    TV_KIND_I32,
    TV_KIND_F64,
    TV_KIND_BOOL,
    TV_KIND_STR,
    TV_KIND_TIME,
    TV_KIND_DATE,
    TV_KIND_ENUM,
    TV_KIND_OBJ,
    TV_KIND_STRS,
    TV_KIND_I64S,
    TV_KIND_OBJS,
    TV_KIND_EMBED,
    TV_KIND_RAW
} tv_kind;

/** The strings of an enum: names[0] is NULL (the UNRECOGNIZED value). */
typedef struct tv_enum_desc {
    const char *type_name;    /**< the reference's name, e.g. "OrdStatus" */
    const char *const *names; /**< names[v] is the JSON string of value v */
    uint16_t count;           /**< number of entries in names, including [0] */
} tv_enum_desc;

struct tv_schema;

/**
 * One row of a schema: JSON name -> C member. Two words (8 bytes on a 32-bit
 * target): the key, then the member's offset, kind, required flag and the
 * index of its enum or nested schema packed into one.
 */
typedef struct tv_field {
    const char *json;      /**< JSON key */
    unsigned offset : 16;  /**< offsetof the member */
    unsigned kind : 4;     /**< tv_kind */
    unsigned required : 1; /**< 1 if the reference marks the field required */
    unsigned aux : 11;     /**< see tv_field_enum() and tv_field_schema() */
} tv_field;

/** The values of an ENUM field; NULL for a field of another kind. */
const tv_enum_desc *tv_field_enum(const tv_field *f);

/** The object type of an OBJ, OBJS or EMBED field; NULL for other kinds. */
const struct tv_schema *tv_field_schema(const tv_field *f);

/** A JSON object type: its fields in declaration order (bit i = field i). */
typedef struct tv_schema {
    const char *name; /**< the reference's name, e.g. "Order" */
    const tv_field *fields;
    uint16_t count;
    uint16_t size; /**< sizeof the C struct */
} tv_schema;

/* ---- the X-macro machinery (see tv_enums.h and tv_types.h) ---------- */

#define TV__ENUM_CONST(c, s) c,

/** Declares enum `type` from LIST, its descriptor and its two functions:
 *  `const char *type_name(type v)` — the JSON string, or NULL for
 *  UNRECOGNIZED/out-of-range values; `type type_parse(const char *s,
 *  size_t len)` — the value, or PREFIX_UNRECOGNIZED for anything else. */
#define TV_DECLARE_ENUM(type, PREFIX, refname, LIST)                                               \
    typedef enum type {                                                                            \
        PREFIX##_UNRECOGNIZED = 0,                                                                 \
        LIST(TV__ENUM_CONST) PREFIX##_COUNT,                                                       \
        PREFIX##_FORCE_INT = 0x7FFFFFFF /* int-sized even with -fshort-enums */                    \
    } type;                                                                                        \
    extern const tv_enum_desc type##_desc;                                                         \
    const char *type##_name(type value);                                                           \
    type type##_parse(const char *s, size_t len);

#define TV__FIELD_MEMBER(T, name, ctype, json, kind, req, aux) ctype name;
#define TV__FIELD_BIT(T, name, ctype, json, kind, req, aux)    T##_bit_##name,

/** Declares struct `T` (members from LIST after `uint32_t present`), its
 *  presence bits `T_bit_<member>` and its schema `T_schema`. */
#define TV_DECLARE_SCHEMA(T, refname, LIST)                                                        \
    typedef struct T {                                                                             \
        uint32_t present;                                                                          \
        LIST(TV__FIELD_MEMBER, T)                                                                  \
    } T;                                                                                           \
    enum { LIST(TV__FIELD_BIT, T) T##_field_count };                                               \
    extern const tv_schema T##_schema;

/** Non-zero when member `field` of *obj (a T) was present and not null. */
#define TV_HAS(obj, T, field) ((((obj)->present) >> T##_bit_##field) & 1u)

/** Sets optional member `field` of *obj (a T) and marks it present. */
#define TV_SET(obj, T, field, value)                                                               \
    do {                                                                                           \
        (obj)->field = (value);                                                                    \
        (obj)->present |= (uint32_t)1u << T##_bit_##field;                                         \
    } while (0)

/** Marks optional member `field` of *obj absent again (it will not be sent). */
#define TV_CLEAR(obj, T, field) ((obj)->present &= ~((uint32_t)1u << T##_bit_##field))

#ifdef __cplusplus
}
#endif

#endif /* TV_SCHEMA_H */
