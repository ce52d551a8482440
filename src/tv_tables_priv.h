/* Private to the library: generic access to the enum and schema tables. */
#ifndef TV_TABLES_PRIV_H
#define TV_TABLES_PRIV_H

#include <stdbool.h>
#include <stddef.h>

#include "tradovate/tv_types.h"

/* Whether NUL-terminated `name` (a table's key or enum name) is exactly
 * s[0, len); never reads past name's NUL, whatever s holds. */
static inline bool tv_name_eq(const char *name, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && name[i] != '\0' && name[i] == s[i]) {
        i++;
    }
    return i == len && name[i] == '\0';
}

/* The JSON string of enum value `value`, NULL for 0 or out of range. */
const char *tv_enum_name(const tv_enum_desc *desc, int value);

/* The value whose JSON string is s[0..len), 0 (UNRECOGNIZED) if none. */
int tv_enum_parse(const tv_enum_desc *desc, const char *s, size_t len);

/* NULL-terminated lists of every enum and schema (the field rows' and the
 * endpoint table's indices point into them; conformance tests, CLI). */
extern const tv_enum_desc *const tv_all_enums[];
extern const tv_schema *const tv_all_schemas[];

/* The positions in those lists: tv_<enum>_index, tv_<type>_index. */
#define TV__ENUM_INDEX(type, PREFIX, refname, LIST) type##_index,
enum { TV_ALL_ENUMS(TV__ENUM_INDEX) TV__ENUM_COUNT };
#define TV__SCHEMA_INDEX(T, refname, LIST) T##_index,
enum { TV_ALL_SCHEMAS(TV__SCHEMA_INDEX) TV__SCHEMA_COUNT };

#endif /* TV_TABLES_PRIV_H */
