/**
 * @file tv_json.h
 * @brief Strict, allocation-free JSON: parse in place, typed reads, a fixed-buffer
 *        writer, and an array splitter for streaming large lists.
 *
 * This module knows nothing of Tradovate; it can be taken alone (with jsmn 1.1.0
 * and tv_error.h / tv_config.h).
 *
 * **Parsing.** tv_json_parse() first runs a validation pass of ours (one linear
 * pass, a state machine with a bit stack of TV_JSON_MAX_DEPTH bits, no recursion)
 * that accepts exactly RFC 8259 JSON and gives a specific TV_ERR_JSON_* code for
 * each kind of defect; only valid text is then tokenized by jsmn (compiled once
 * inside the library with JSMN_STRICT and JSMN_PARENT_LINKS). Validating first
 * costs nothing on valid input (both passes run either way), rejects bad input
 * after one pass, and tells the exact token count before tokenizing, so a short
 * token array is reported as TV_ERR_JSON_TOO_MANY_TOKENS and jsmn never sees a
 * document it might half-accept.
 *
 * **Tokens** are our own type, not jsmn's: after jsmn has filled the caller's
 * array, one linear pass rewrites each token in place into tv_json_tok, which
 * records where each value's subtree ends (`next`). Skipping a value of any size
 * is then O(1), so walking an object visits each token once. jsmn's own header
 * stays private to the library, so its macros cannot disagree between our build
 * and the caller's.
 *
 * **Mutation.** The caller owns the text and it must be writable: reading a
 * string (tv_json_get_str(), object keys during iteration) unescapes it in place
 * and NUL-terminates it by overwriting its closing quote. After that the text is
 * no longer valid JSON; pointers returned stay valid as long as the text buffer.
 *
 * **Numbers.** No strtod and no printf: integers are read exactly with overflow
 * detection; doubles are correctly rounded on Clinger's fast path (at most 15-16
 * significant digits, decimal exponent within +-22: every price), and on the slow
 * path computed with a 128-bit mantissa (see tv_json_parse_double() for the
 * accuracy). Doubles are written as the shortest text that reads back to the same
 * value (tv_json_format_double()).
 *
 * Nothing here allocates, keeps global state or calls libc beyond
 * memcpy/memmove/memset/memcmp/memchr/strlen. Every function is reentrant.
 */
#ifndef TV_JSON_H
#define TV_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tradovate/tv_config.h"
#include "tradovate/tv_error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ======================================================================== */
/* Documents and tokens                                                      */
/* ======================================================================== */

/** The JSON type of a token. */
typedef enum tv_json_type {
    TV_JSON_NONE = 0, /**< not a token (bad index) */
    TV_JSON_OBJECT,
    TV_JSON_ARRAY,
    TV_JSON_STRING,
    TV_JSON_NUMBER,
    TV_JSON_BOOL,
    TV_JSON_NULL
} tv_json_type;

/**
 * One value (or object key) of a parsed document. The caller provides the array;
 * tv_json_parse() fills it. Fields are for reading; change them only through this
 * API. Its size equals jsmn's token (20 bytes) because jsmn fills the same array.
 */
typedef struct tv_json_tok {
    /** Offset in the text of the first byte: `{`, `[`, the first byte after a
     *  string's opening quote, or the first byte of a number or literal. */
    int32_t start;
    /** Offset one past the value: after `}`/`]`, the closing quote of a string
     *  (or, once unescaped, the end of the unescaped bytes), after a number. */
    int32_t end;
    /** Objects: number of members; arrays: number of elements; otherwise 0. */
    int32_t size;
    /** Index of the first token after this value and everything inside it. */
    int32_t next;
    /** A tv_json_type. */
    uint8_t type;
    /** Internal state (TV_JSON_TOK_UNESCAPED). */
    uint8_t flags;
    /** Zero; keeps the size fixed. */
    uint8_t reserved[2];
} tv_json_tok;

/** tv_json_tok.flags: the string has been unescaped and NUL-terminated in place. */
#define TV_JSON_TOK_UNESCAPED 0x01u

/**
 * A parsed document: the caller's text and token array. The root value is token 0.
 * Declare one anywhere; tv_json_parse() sets every field.
 */
typedef struct tv_json_doc {
    char *text;        /**< the caller's text (mutated by string reads) */
    size_t len;        /**< its length in bytes */
    tv_json_tok *toks; /**< the caller's tokens */
    int count;         /**< tokens in use; 0 after a failed parse */
} tv_json_doc;

/** A byte range in the caller's (writable) text. After an unescaping read it is
 *  also NUL-terminated (ptr[len] == '\0'); it may contain NUL bytes (from
 *  `\u0000`). Not const: a string holding JSON (like Tradovate's `params`) can be
 *  parsed in place in turn. */
typedef struct tv_json_str {
    char *ptr;
    size_t len;
} tv_json_str;

/**
 * @brief Check that text is one strict RFC 8259 JSON document, without tokenizing.
 * @param text the bytes (need not be NUL-terminated; never read past len). Not kept.
 * @param len  their number; at most INT32_MAX - 1.
 * @return the number of tokens tv_json_parse() will need (>= 1), or
 *  TV_ERR_INVALID_ARG (text NULL with len > 0, or len too large),
 *  TV_ERR_JSON_EMPTY (nothing but whitespace), TV_ERR_JSON_TOO_DEEP (nesting past
 *  TV_JSON_MAX_DEPTH), TV_ERR_JSON_SYNTAX (misplaced or missing `,` `:` `{` `}`
 *  `[` `]`, a key that is not a string, a byte that starts no value),
 *  TV_ERR_JSON_TRAILING_COMMA, TV_ERR_JSON_BAD_NUMBER (`01`, `1.`, `.5`, `-`,
 *  `1e`, `+1`, `1x`), TV_ERR_JSON_BAD_LITERAL (`tru`, `False`, `nulll`, `NaN`),
 *  TV_ERR_JSON_BAD_ESCAPE, TV_ERR_JSON_LONE_SURROGATE (a `\u` escape of a UTF-16
 *  surrogate without its partner), TV_ERR_JSON_BAD_UTF8 (overlong forms, encoded
 *  surrogates, code points above U+10FFFF, stray or missing continuation bytes;
 *  a byte order mark is refused as TV_ERR_JSON_SYNTAX), TV_ERR_JSON_CONTROL_CHAR
 *  (a raw byte below 0x20 in a string), TV_ERR_JSON_UNTERMINATED (the text ends
 *  inside a string, array or object) or TV_ERR_JSON_TRAILING_DATA (anything but
 *  whitespace after the value, such as a second document). The first defect in
 *  the text decides the code.
 */
int tv_json_validate(const char *text, size_t len);

/**
 * @brief Validate and tokenize one JSON document in place.
 * @param doc  set to describe the result (count 0 on failure).
 * @param text the caller's text; kept in doc and mutated by later string reads.
 *             Must outlive every use of doc and of strings read from it.
 * @param len  its length; at most INT32_MAX - 1. text need not be NUL-terminated.
 * @param toks the caller's token array; kept in doc.
 * @param cap  its number of elements.
 * @return the number of tokens (>= 1) on success; TV_ERR_INVALID_ARG (NULL doc,
 *  text or toks, len too large); any error of tv_json_validate();
 *  TV_ERR_JSON_TOO_MANY_TOKENS if the document needs more than cap tokens
 *  (tv_json_validate() tells how many); TV_ERR_INTERNAL if jsmn disagrees with
 *  the validation (a bug).
 */
int tv_json_parse(tv_json_doc *doc, char *text, size_t len, tv_json_tok *toks, size_t cap);

/* ======================================================================== */
/* Reading tokens                                                            */
/* ======================================================================== */

/** @brief Type of token `tok`, or TV_JSON_NONE if doc is NULL or tok out of range. */
tv_json_type tv_json_type_of(const tv_json_doc *doc, int tok);

/** Position inside an object or array; see tv_json_iter_init(). */
typedef struct tv_json_iter {
    int cur;    /**< next member's key / next element */
    int end;    /**< first token after the container */
    int object; /**< 1 for an object, 0 for an array */
} tv_json_iter;

/**
 * @brief Start iterating the members of an object or the elements of an array.
 * @return TV_OK; TV_ERR_INVALID_ARG (NULL argument, tok out of range);
 *         TV_ERR_JSON_TYPE (tok is not an object or array).
 */
int tv_json_iter_init(const tv_json_doc *doc, int tok, tv_json_iter *it);

/**
 * @brief Next member or element; skips the previous value's subtree in O(1).
 *
 * Iterating an object unescapes each key in place (see tv_json_get_str()).
 * @param key   objects: set to the member's name (pointing into the text);
 *              arrays: set to {NULL, 0}. May be NULL.
 * @param value set to the index of the member's value / the element.
 * @return 1 with *value set; 0 at the end; TV_ERR_INVALID_ARG (NULL doc, it or
 *         value); TV_ERR_INTERNAL (tokens changed behind the API's back).
 */
int tv_json_iter_next(tv_json_doc *doc, tv_json_iter *it, tv_json_str *key, int *value);

/**
 * @brief Find an object member by name (first match), comparing unescaped names.
 *
 * Linear in the object's members (each value skipped in O(1)). For several
 * fields of one object, iterate once with tv_json_iter_next() and look each key
 * up in a field table instead of calling this per field.
 * @param name NUL-terminated; not kept.
 * @return TV_OK with *value set; TV_ERR_JSON_MISSING_FIELD; TV_ERR_JSON_TYPE (obj
 *         is not an object); TV_ERR_INVALID_ARG.
 */
int tv_json_obj_get(tv_json_doc *doc, int obj, const char *name, int *value);

/**
 * @brief Read a string (value or key), unescaping it in place once.
 *
 * All RFC escapes are decoded; `\uXXXX` (with surrogate pairs) becomes UTF-8.
 * The result is written over the escaped bytes and NUL-terminated in place (the
 * closing quote's byte is overwritten); later calls return the same bytes.
 * @param out set to the bytes, which live as long as the text buffer.
 * @return TV_OK; TV_ERR_JSON_TYPE (not a string); TV_ERR_INVALID_ARG;
 *         TV_ERR_JSON_BAD_ESCAPE / TV_ERR_JSON_LONE_SURROGATE only if the text
 *         was changed after parsing.
 */
int tv_json_get_str(tv_json_doc *doc, int tok, tv_json_str *out);

/**
 * @brief Read an integer number into int64_t.
 * @return TV_OK; TV_ERR_JSON_TYPE (not a number, or a number with a fraction or
 *         an exponent, even `1.0` or `1e3`: an integer field never silently
 *         takes a rounded value); TV_ERR_JSON_RANGE (outside int64_t);
 *         TV_ERR_INVALID_ARG.
 */
int tv_json_get_i64(const tv_json_doc *doc, int tok, int64_t *out);

/** @brief As tv_json_get_i64(), for int32_t (TV_ERR_JSON_RANGE outside it). */
int tv_json_get_i32(const tv_json_doc *doc, int tok, int32_t *out);

/**
 * @brief Read any number as a double; see tv_json_parse_double() for accuracy.
 * @return TV_OK; TV_ERR_JSON_TYPE (not a number); TV_ERR_JSON_RANGE (magnitude
 *         above DBL_MAX after rounding; tiny values become 0 or subnormal, TV_OK);
 *         TV_ERR_INVALID_ARG.
 */
int tv_json_get_double(const tv_json_doc *doc, int tok, double *out);

/** @brief Read `true`/`false`. @return TV_OK; TV_ERR_JSON_TYPE; TV_ERR_INVALID_ARG. */
int tv_json_get_bool(const tv_json_doc *doc, int tok, bool *out);

/** @brief true if token tok is `null` (false for any other token or bad index). */
bool tv_json_is_null(const tv_json_doc *doc, int tok);

/**
 * @brief Read an ISO-8601 UTC date-time string as epoch milliseconds.
 * @return TV_OK; TV_ERR_JSON_TYPE (not a string); TV_ERR_JSON_BAD_TIMESTAMP (see
 *         tv_json_parse_time()); TV_ERR_INVALID_ARG.
 */
int tv_json_get_time(const tv_json_doc *doc, int tok, int64_t *ms);

/* ======================================================================== */
/* Numbers and times as text                                                 */
/* ======================================================================== */

/**
 * @brief Parse a JSON number (the whole of s) as an exact int64_t.
 * @return TV_OK; TV_ERR_JSON_BAD_NUMBER (not JSON number syntax);
 *         TV_ERR_JSON_TYPE (fraction or exponent); TV_ERR_JSON_RANGE;
 *         TV_ERR_INVALID_ARG.
 */
int tv_json_parse_i64(const char *s, size_t len, int64_t *out);

/**
 * @brief Parse a JSON number (the whole of s) as a double, without strtod.
 *
 * Accuracy: correctly rounded (round-half-even, as a C compiler reads a literal)
 * whenever the number has at most 19 significant digits and either fits Clinger's
 * fast path (mantissa <= 2^53, decimal exponent within +-22, or a little beyond
 * when the mantissa absorbs it) or is exactly representable as a 128-bit integer
 * times a power of two. Otherwise the result is computed with a 128-bit mantissa
 * and a relative error below 2^-120 before the final rounding: it is correctly
 * rounded unless the exact value lies within that distance of a rounding
 * boundary (none found in the tests' random trials), and never off by more than
 * one unit in the last place. Past 19 significant digits the rest only count as
 * "a little more" (an apparent tie rounds up): the result is then correctly
 * rounded unless a rounding boundary lies between the 19-digit prefix and the
 * exact value, and within one unit in the last place always.
 * Magnitudes above DBL_MAX after rounding give TV_ERR_JSON_RANGE (never inf);
 * tiny ones round to a subnormal or to zero with TV_OK; `-0` gives -0.0.
 * @return TV_OK; TV_ERR_JSON_BAD_NUMBER; TV_ERR_JSON_RANGE; TV_ERR_INVALID_ARG.
 */
int tv_json_parse_double(const char *s, size_t len, double *out);

/** Bytes tv_json_format_double() may need, NUL included. */
#define TV_JSON_DOUBLE_BUF 32

/**
 * @brief Write the shortest decimal text that reads back to exactly v.
 *
 * Guarantees: the text parses (with tv_json_parse_double() or any correctly
 * rounding reader) to exactly v, and no text with fewer significant digits does;
 * so a double that is the nearest to a decimal of at most 15 significant digits
 * (any price or tick size) is written as exactly that decimal: 4150.25, 0.1.
 * Layout follows ECMAScript's Number.prototype.toString: plain notation for
 * 1e-7 < |v| < 1e21 (`0.000001`, `123456789012345680000`), exponent otherwise
 * (`1e+21`, `1.5e-7`). Negative zero is written `-0`.
 * @param out receives the text and a NUL; cap >= TV_JSON_DOUBLE_BUF always suffices.
 * @return the length (without the NUL); TV_ERR_INVALID_ARG (NaN, infinity, NULL
 *         out); TV_ERR_BUFFER_TOO_SMALL (nothing useful written).
 */
int tv_json_format_double(double v, char *out, size_t cap);

/**
 * @brief Parse an ISO-8601 UTC date-time as Tradovate sends it, without libc time.
 *
 * Accepted, and nothing else: `YYYY-MM-DDTHH:MMZ`, `YYYY-MM-DDTHH:MM:SSZ`,
 * `YYYY-MM-DDTHH:MM:SS.fZ` with one or more fraction digits (truncated to
 * milliseconds, never rounded up into the next second). Uppercase `T` and `Z`
 * only; no offsets, no spaces, four-digit years 0000-9999 (proleptic Gregorian).
 * Month 01-12, day within the month (leap years: divisible by 4 and not by 100,
 * or by 400), hour 00-23, minute 00-59, second 00-59, and second 60 only at
 * 23:59 (a leap second); like POSIX time, 23:59:60 gives the same instant as the
 * next day's 00:00:00.
 * @param s   the text (need not be NUL-terminated); len its length.
 * @param ms  milliseconds since 1970-01-01T00:00:00Z (negative before).
 * @return TV_OK; TV_ERR_JSON_BAD_TIMESTAMP; TV_ERR_INVALID_ARG.
 */
int tv_json_parse_time(const char *s, size_t len, int64_t *ms);

/** Bytes tv_json_format_time() needs, NUL included. */
#define TV_JSON_TIME_BUF 25

/**
 * @brief Format epoch milliseconds as `YYYY-MM-DDTHH:MM:SS.sssZ` (24 bytes + NUL).
 * @return 24; TV_ERR_INVALID_ARG (year outside 0000-9999, NULL out);
 *         TV_ERR_BUFFER_TOO_SMALL (cap < TV_JSON_TIME_BUF; nothing written).
 */
int tv_json_format_time(int64_t ms, char *out, size_t cap);

/* ======================================================================== */
/* Writer                                                                    */
/* ======================================================================== */

/**
 * Writes one JSON document into a caller buffer. Commas and colons are placed by
 * the writer; keys and strings are always escaped, so no input can inject syntax.
 * Errors are sticky: the first one is kept and every later call does nothing, so
 * a body can be written in full and checked once with tv_json_writer_finish().
 * On TV_ERR_BUFFER_TOO_SMALL nothing is written past the buffer's end.
 * Between tv_json_write_embedded_begin() and _end() everything written becomes
 * the escaped content of one string value (JSON carried inside JSON).
 * The fields are private.
 */
typedef struct tv_json_writer {
    char *buf;
    size_t cap;
    size_t len;
    int err;
    uint16_t depth;
    uint16_t base;     /* depth of the current document's top level */
    uint8_t first;     /* nothing written yet in the innermost container */
    uint8_t after_key; /* a key was written; its value comes next */
    uint8_t top_done;  /* the current document's value is complete */
    uint8_t embedded;  /* inside tv_json_write_embedded_begin() */
    uint8_t objects[(TV_JSON_MAX_DEPTH + 7) / 8];
} tv_json_writer;

/** @brief Start writing into buf[0, cap). buf is the caller's and must outlive w. */
void tv_json_writer_init(tv_json_writer *w, char *buf, size_t cap);

/**
 * @brief End of writing: the sticky status and the document's length.
 * @param len set to the bytes written on success, 0 on any error (so a failed
 *        document is never mistaken for a complete one). May be NULL.
 * @return TV_OK; the first error of any call: TV_ERR_BUFFER_TOO_SMALL,
 *         TV_ERR_INVALID_ARG (NaN/inf, NULL string, time out of range),
 *         TV_ERR_BAD_STRING (invalid UTF-8 in a key or string),
 *         TV_ERR_JSON_TOO_DEEP (nesting past TV_JSON_MAX_DEPTH), TV_ERR_STATE
 *         (a call out of order: value where a key is due, unbalanced end, a
 *         second top-level value); or, if all calls succeeded but the document is
 *         incomplete (open containers, no value), TV_ERR_STATE.
 */
int tv_json_writer_finish(tv_json_writer *w, size_t *len);

/* Each of the following returns the writer's sticky status after the call
 * (TV_OK or the first error; see tv_json_writer_finish()). */

/** @brief `{`: a value. */
int tv_json_write_object_begin(tv_json_writer *w);
/** @brief `}`: closes the innermost object (TV_ERR_STATE if it is not one or a
 *  key awaits its value). */
int tv_json_write_object_end(tv_json_writer *w);
/** @brief `[`: a value. */
int tv_json_write_array_begin(tv_json_writer *w);
/** @brief `]`: closes the innermost array. */
int tv_json_write_array_end(tv_json_writer *w);
/** @brief A member name (NUL-terminated, valid UTF-8, escaped); only directly in an
 *  object, where a key is due. */
int tv_json_write_key(tv_json_writer *w, const char *key);
/** @brief As tv_json_write_key() with an explicit length (may contain NUL). */
int tv_json_write_key_n(tv_json_writer *w, const char *key, size_t len);
/**
 * @brief A string value (NUL-terminated). `"` and `\` are escaped, control bytes
 * as `\b \f \n \r \t` or `\u00XX`; valid UTF-8 passes through unchanged; invalid
 * UTF-8 is TV_ERR_BAD_STRING (bytes are never silently altered).
 */
int tv_json_write_str(tv_json_writer *w, const char *s);
/** @brief As tv_json_write_str() with an explicit length (NUL becomes `\u0000`). */
int tv_json_write_str_n(tv_json_writer *w, const char *s, size_t len);
/** @brief An integer. */
int tv_json_write_i64(tv_json_writer *w, int64_t v);
/** @brief A double, as tv_json_format_double(); NaN/inf are TV_ERR_INVALID_ARG. */
int tv_json_write_double(tv_json_writer *w, double v);
/** @brief `true` / `false`. */
int tv_json_write_bool(tv_json_writer *w, bool v);
/** @brief `null`. */
int tv_json_write_null(tv_json_writer *w);
/**
 * @brief A caller's JSON text as one value, verbatim (e.g. a free-form object).
 *
 * The text must be exactly one strict JSON value (tv_json_validate()); otherwise
 * the writer fails with that validation error and nothing is written, so no input
 * can break the surrounding document. json is read only during the call.
 */
int tv_json_write_raw(tv_json_writer *w, const char *json, size_t len);
/** @brief A date-time string as tv_json_format_time(). */
int tv_json_write_time(tv_json_writer *w, int64_t ms);
/**
 * @brief Open a string value whose content is a JSON document written next.
 *
 * Every call until tv_json_write_embedded_end() writes one complete JSON value,
 * which lands escaped inside the string, e.g. `"params":"{\"a\":1}"`: the inner
 * text never needs a second buffer. Embedding does not nest (TV_ERR_STATE).
 */
int tv_json_write_embedded_begin(tv_json_writer *w);
/** @brief Close the string opened by tv_json_write_embedded_begin(); the inner
 *  value must be complete (TV_ERR_STATE otherwise). */
int tv_json_write_embedded_end(tv_json_writer *w);

/* ======================================================================== */
/* Streaming a large top-level array                                         */
/* ======================================================================== */

/** Results of tv_json_split_next() besides errors. */
typedef enum tv_json_split_status {
    TV_JSON_SPLIT_MORE = 0,    /**< no complete element yet: append bytes */
    TV_JSON_SPLIT_ELEMENT = 1, /**< an element is at [*start, *end) */
    TV_JSON_SPLIT_END = 2      /**< the array has closed */
} tv_json_split_status;

/**
 * Cuts a top-level JSON array into its elements as its bytes arrive, in constant
 * memory. The caller keeps the bytes in a window buf[0, len) of its own buffer
 * and appends to it; each byte is scanned once, however the bytes are delivered.
 * The splitter checks the array's own syntax (`[`, commas, `]`, whitespace,
 * nothing after) and finds where each element ends (counting brackets, skipping
 * strings); it does not check an element's inside: parse each element with
 * tv_json_parse() as a document of its own. The fields are private.
 *
 * Typical loop. Compacting only when the window is full keeps the copying
 * linear in the bytes received. Feed every byte of the body through the
 * splitter, also after TV_JSON_SPLIT_END (so that trailing garbage is seen), and
 * let tv_json_split_finish() judge at the end of the body:
 * @code
 *   tv_json_splitter sp; size_t len = 0, a, b; int r;
 *   tv_json_split_init(&sp);
 *   while ((r = tv_json_split_next(&sp, buf, len, &a, &b)) >= 0) {
 *       if (r == TV_JSON_SPLIT_ELEMENT) { decode(buf + a, b - a); continue; }
 *       if (len == cap) {                     // MORE or END: make room
 *           len = tv_json_split_compact(&sp, buf, len);
 *           if (len == cap) return TV_ERR_JSON_ELEMENT_TOO_LARGE;
 *       }
 *       n = receive(buf + len, cap - len);
 *       if (n == end_of_body) return tv_json_split_finish(&sp);
 *       len += n;
 *   }
 *   return r;
 * @endcode
 */
typedef struct tv_json_splitter {
    size_t pos;        /* bytes of the window already scanned */
    size_t elem_start; /* start of the element being scanned */
    uint32_t depth;    /* bracket depth inside the element */
    int err;           /* sticky error */
    uint8_t state;
    uint8_t in_string;
    uint8_t escaped;
} tv_json_splitter;

/** @brief Prepare sp for a new body. */
void tv_json_split_init(tv_json_splitter *sp);

/**
 * @brief Scan newly appended bytes for the next complete element.
 * @param buf the window; len its current length (never less than the last call's,
 *        except through tv_json_split_compact()). Not kept.
 * @param start,end on TV_JSON_SPLIT_ELEMENT, the element's bytes (whitespace
 *        excluded). Valid until the next tv_json_split_compact().
 * @return TV_JSON_SPLIT_ELEMENT, TV_JSON_SPLIT_MORE, TV_JSON_SPLIT_END (the `]`
 *         has been seen and the window holds nothing but whitespace after it;
 *         again on later calls while only whitespace follows); or, sticky:
 *         TV_ERR_JSON_TYPE (the body is not an array, e.g. an error object: parse
 *         it whole instead), TV_ERR_JSON_SYNTAX (missing or doubled comma, `]`
 *         where an element must follow, ...), TV_ERR_JSON_TRAILING_COMMA,
 *         TV_ERR_JSON_TRAILING_DATA (bytes after `]`), TV_ERR_JSON_TOO_DEEP (an
 *         element nests past TV_JSON_MAX_DEPTH - 1), TV_ERR_INVALID_ARG.
 */
int tv_json_split_next(tv_json_splitter *sp, const char *buf, size_t len, size_t *start,
                       size_t *end);

/**
 * @brief Drop the bytes no longer needed (consumed elements, separators) from the
 *        front of the window with memmove, keeping a partial element.
 * @return the window's new length. Offsets from earlier calls are invalid after.
 */
size_t tv_json_split_compact(tv_json_splitter *sp, char *buf, size_t len);

/**
 * @brief The caller released the first n bytes of the window itself (another
 *        layer owns the buffer and compacts it): shift the splitter's offsets.
 *
 * n must not exceed the end of the last element returned (bytes not yet
 * scanned are never dropped). Use this or tv_json_split_compact(), not both.
 * @return TV_OK; TV_ERR_INVALID_ARG (NULL, or n beyond the scanned bytes).
 */
int tv_json_split_consumed(tv_json_splitter *sp, size_t n);

/**
 * @brief At the end of the stream: was the array complete?
 * @return TV_OK after `]`; TV_ERR_JSON_EMPTY (no bytes but whitespace);
 *         TV_ERR_JSON_UNTERMINATED (the stream stopped inside the array); or the
 *         sticky error.
 */
int tv_json_split_finish(const tv_json_splitter *sp);

#ifdef __cplusplus
}
#endif

#endif /* TV_JSON_H */
