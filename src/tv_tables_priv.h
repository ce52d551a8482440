/* Private to the library: generic access to the enum and schema tables. */
#ifndef TV_TABLES_PRIV_H
#define TV_TABLES_PRIV_H

#include <stddef.h>

#include "tradovate/tv_schema.h"

/* The JSON string of enum value `value`, NULL for 0 or out of range. */
const char *tv_enum_name(const tv_enum_desc *desc, int value);

/* The value whose JSON string is s[0..len), 0 (UNRECOGNIZED) if none. */
int tv_enum_parse(const tv_enum_desc *desc, const char *s, size_t len);

/* NULL-terminated lists of every enum and schema (conformance tests, CLI). */
extern const tv_enum_desc *const tv_all_enums[];
extern const tv_schema *const tv_all_schemas[];

#endif /* TV_TABLES_PRIV_H */
