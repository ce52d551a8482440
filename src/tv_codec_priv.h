/*
 * Private to the library: the one table-driven decoder and encoder.
 *
 * Every typed result is decoded, and every typed request encoded, by these
 * two functions walking a tv_schema (tv_types.h): no per-type code exists.
 */
#ifndef TV_CODEC_PRIV_H
#define TV_CODEC_PRIV_H

#include "tradovate/tv_json.h"
#include "tradovate/tv_schema.h"

/*
 * Decode object token `tok` of `doc` into *out (a struct described by
 * `schema`, zeroed first). Unknown keys are skipped; absent and null fields
 * leave their presence bit clear. Strings are unescaped in place and point
 * into doc's text. On failure *where (if non-NULL) names the offending field's
 * JSON key (static storage) or is NULL.
 * Returns TV_OK, TV_ERR_JSON_TYPE, TV_ERR_JSON_RANGE, TV_ERR_JSON_BAD_TIMESTAMP,
 * TV_ERR_JSON_MISSING_FIELD (a REQ field absent, with TV_CONFIG_STRICT_REQUIRED)
 * or TV_ERR_INTERNAL (a schema using a request-only kind).
 */
int tv_codec_decode(tv_json_doc *doc, int tok, const tv_schema *schema, void *out,
                    const char **where);

/* A member the caller adds to an encoded object when the struct leaves it
 * out: the generated clOrdId (or uuid) of a mutation. */
typedef struct tv_codec_default {
    int field;         /* index of a STR field, e.g. clOrdId; -1 for none */
    const char *value; /* string value */
} tv_codec_default;

/*
 * Write the members of *in (a struct described by `schema`) into the object
 * the writer has open: REQ fields always, OPT fields when present (strings
 * and RAW when non-NULL). If `dflt` (may be NULL) names a STR field of the
 * schema that *in leaves NULL, dflt->value is written in its place. Does not open or close
 * the object, so the caller may add members (a penalty ticket).
 * Returns the writer's sticky status, or TV_ERR_INVALID_ARG (a REQ string
 * NULL, an UNRECOGNIZED enum, a list with NULL items), TV_ERR_JSON_*
 * (invalid RAW text); *where names the field.
 */
int tv_codec_encode_members(tv_json_writer *w, const tv_schema *schema, const void *in,
                            const tv_codec_default *dflt, const char **where);

/* The index of the field of `schema` whose JSON key is `json`, or -1. */
int tv_codec_field_index(const tv_schema *schema, const char *json);

/*
 * Copy every string of the decoded struct *obj (schema) into the arena
 * arena[*used, size), repointing the members, so that the struct outlives
 * the response buffer. Returns TV_OK or TV_ERR_BUFFER_TOO_SMALL.
 */
int tv_codec_copy_strings(const tv_schema *schema, void *obj, char *arena, size_t size,
                          size_t *used);

#endif /* TV_CODEC_PRIV_H */
