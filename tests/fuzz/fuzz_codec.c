/*
 * The table-driven decoder over every schema in tv_all_schemas.
 *
 * Input: one byte choosing the schema (modulo their number), then a JSON
 * document whose root is decoded with it.
 *
 * Checks: the status is one tv_codec_decode() documents (TV_ERR_INTERNAL
 * only for a request schema whose request-only kinds cannot be decoded); a
 * failure names a field; a decoded struct keeps its values when its strings
 * are copied out (tv_codec_copy_strings) and the text is then overwritten;
 * and a decoded struct encoded again (tv_codec_encode_members) decodes to the
 * same struct.
 */
#include <stddef.h>
#include <string.h>

#include "harness.h"
#include "ops.h"
#include "tv_codec_priv.h"
#include "tv_tables_priv.h"

#define MAX_TEXT (1u << 16)

typedef union aligned_buf {
    max_align_t align;
    unsigned char b[65536];
} aligned_buf;

static char text[MAX_TEXT], text2[MAX_TEXT];
static tv_json_tok toks[1024];
static aligned_buf out, out2;
static char arena[8192];

static size_t schema_count(void)
{
    size_t n = 0;
    while (tv_all_schemas[n] != NULL) {
        n++;
    }
    return n;
}

/* Whether a schema (or one nested in it) has a kind only requests use. */
static bool request_only(const tv_schema *s)
{
    for (uint16_t i = 0; i < s->count; i++) {
        uint8_t k = s->fields[i].kind;
        if (k == TV_KIND_I64S || k == TV_KIND_OBJS || k == TV_KIND_EMBED || k == TV_KIND_RAW ||
            (k == TV_KIND_OBJ && request_only(tv_field_schema(&s->fields[i])))) {
            return true;
        }
    }
    return false;
}

static uint64_t digest(const tv_schema *s, const void *obj)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    tv_digest_obj(&h, s, obj);
    return h;
}

/* Encode the decoded struct and decode the result: the same struct again. */
static void round_trip(const tv_schema *s, uint64_t want)
{
    tv_json_writer w;
    const char *where = NULL;
    size_t len = 0;
    tv_json_writer_init(&w, text2, sizeof text2);
    tv_json_write_object_begin(&w);
    int rc = tv_codec_encode_members(&w, s, out.b, NULL, &where);
    tv_json_write_object_end(&w);
    if (rc == TV_OK) {
        rc = tv_json_writer_finish(&w, &len);
    }
    /* Not encodable: an enum value the library does not know (decoded as
     * UNRECOGNIZED), a kind requests never carry, a time past year 9999. */
    if (rc == TV_ERR_INVALID_ARG || rc == TV_ERR_INTERNAL) {
        return;
    }
    FUZZ_CHECK(rc == TV_OK, "%s: encoding a decoded struct: %s (%s)", s->name, tv_err_name(rc),
               where ? where : "?");
    tv_json_doc doc;
    int n = tv_json_parse(&doc, text2, len, toks, sizeof toks / sizeof toks[0]);
    FUZZ_CHECK(n > 0, "%s: the encoder wrote invalid JSON: %s", s->name, tv_err_name(n));
    rc = tv_codec_decode(&doc, 0, s, out2.b, &where);
    FUZZ_CHECK(rc == TV_OK, "%s: re-decoding: %s (%s)", s->name, tv_err_name(rc),
               where ? where : "?");
    FUZZ_CHECK(digest(s, out2.b) == want, "%s: decode(encode(x)) differs from x", s->name);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static size_t count;
    if (count == 0) {
        count = schema_count();
    }
    if (size < 1 || size - 1 >= MAX_TEXT) {
        return 0;
    }
    const tv_schema *s = tv_all_schemas[data[0] % count];
    memcpy(text, data + 1, size - 1);
    tv_json_doc doc;
    if (tv_json_parse(&doc, text, size - 1, toks, sizeof toks / sizeof toks[0]) < 0) {
        return 0;
    }
    const char *where = NULL;
    int rc = tv_codec_decode(&doc, 0, s, out.b, &where);
    FUZZ_CHECK(rc == TV_OK || rc == TV_ERR_JSON_TYPE || rc == TV_ERR_JSON_RANGE ||
                   rc == TV_ERR_JSON_BAD_TIMESTAMP || rc == TV_ERR_JSON_MISSING_FIELD ||
                   (rc == TV_ERR_INTERNAL && request_only(s)),
               "%s: decode returned %s", s->name, tv_err_name(rc));
    if (rc != TV_OK) {
        FUZZ_CHECK(where != NULL || tv_json_type_of(&doc, 0) != TV_JSON_OBJECT,
                   "%s: %s names no field", s->name, tv_err_name(rc));
        return 0;
    }
    uint64_t d = digest(s, out.b);
    size_t used = 0;
    rc = tv_codec_copy_strings(s, out.b, arena, sizeof arena, &used);
    FUZZ_CHECK(rc == TV_OK || rc == TV_ERR_BUFFER_TOO_SMALL, "copy_strings: %s", tv_err_name(rc));
    if (rc == TV_OK) {
        memset(text, '#', size - 1); /* nothing may point into the text any more */
        text[size - 1] = '\0';
        FUZZ_CHECK(digest(s, out.b) == d, "%s: copied strings differ", s->name);
        round_trip(s, d);
    }
    return 0;
}
