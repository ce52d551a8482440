/* Names and descriptions of every tv_err code (see tv_error.h). */
#include "tradovate/tv_error.h"

#include "tradovate/tv_config.h"

#include <stddef.h>
#include <stdint.h>

/* Firmware may drop the sentences (about 4 KB of flash) and the names
 * (about 2 KB more; then only the codes are kept, to tell known ones). */
#if TV_CONFIG_ERROR_TEXT && TV_CONFIG_ERROR_NAMES
#define TV_ERR_ENTRY(code, text) {code, #code, text}
#elif TV_CONFIG_ERROR_NAMES
#define TV_ERR_ENTRY(code, text) {code, #code}
#else
#define TV_ERR_ENTRY(code, text) {code}
#endif

typedef struct {
    int16_t code;
#if TV_CONFIG_ERROR_NAMES
    const char *name;
#if TV_CONFIG_ERROR_TEXT
    const char *text;
#endif
#endif
} tv_err_entry;

static const tv_err_entry tv_err_table[] = {
    TV_ERR_ENTRY(TV_OK, "success"),
    TV_ERR_ENTRY(TV_ERR_WOULD_BLOCK, "nothing could be transferred without waiting (non-blocking use)"),
    TV_ERR_ENTRY(TV_ERR_TIMEOUT, "the request's absolute deadline passed"),
    TV_ERR_ENTRY(TV_ERR_STALE_CONNECTION, "a kept-alive connection turned out closed before any response byte"),
    TV_ERR_ENTRY(TV_ERR_PEER_CLOSED, "the peer closed the connection (TCP FIN or TLS close_notify)"),
    TV_ERR_ENTRY(TV_ERR_CONNECTION_RESET, "the connection was reset by the peer or the network"),
    TV_ERR_ENTRY(TV_ERR_DNS, "the host name could not be resolved"),
    TV_ERR_ENTRY(TV_ERR_CONNECT, "the TCP connection could not be established (refused, unreachable)"),
    TV_ERR_ENTRY(TV_ERR_IO, "any other socket-level I/O error"),
    TV_ERR_ENTRY(TV_ERR_HTTP_HEAD_TOO_LARGE, "the HTTP response head does not fit in the response buffer"),
    TV_ERR_ENTRY(TV_ERR_HTTP_TOO_MANY_HEADERS, "the response has more header lines than TV_HTTP_MAX_HEADER_LINES"),
    TV_ERR_ENTRY(TV_ERR_HTTP_BODY_TOO_LARGE, "the response body does not fit in the response buffer"),
    TV_ERR_ENTRY(TV_ERR_REQUEST_TOO_LARGE, "the request (line, headers and body) does not fit in the request buffer"),
    TV_ERR_ENTRY(TV_ERR_JSON_TOO_MANY_TOKENS, "the JSON document has more tokens than the token array holds"),
    TV_ERR_ENTRY(TV_ERR_JSON_TOO_DEEP, "the JSON document nests deeper than TV_JSON_MAX_DEPTH"),
    TV_ERR_ENTRY(TV_ERR_JSON_ELEMENT_TOO_LARGE, "one element of a streamed JSON array does not fit in the buffer"),
    TV_ERR_ENTRY(TV_ERR_BUFFER_TOO_SMALL, "a caller-provided output buffer or array is too small"),
    TV_ERR_ENTRY(TV_ERR_TLS_ARENA_EXHAUSTED, "the mbedTLS memory arena is exhausted"),
    TV_ERR_ENTRY(TV_ERR_HTTP_CHUNK_META_TOO_LARGE, "a chunk extension or trailer section exceeds its configured bound"),
    TV_ERR_ENTRY(TV_ERR_TLS_CERT_UNTRUSTED, "the server's certificate chain does not lead to a trusted CA"),
    TV_ERR_ENTRY(TV_ERR_TLS_CERT_EXPIRED, "a certificate in the chain has expired"),
    TV_ERR_ENTRY(TV_ERR_TLS_CERT_NOT_YET_VALID, "a certificate in the chain is not valid yet"),
    TV_ERR_ENTRY(TV_ERR_TLS_HOSTNAME_MISMATCH, "the certificate does not name the host we connected to"),
    TV_ERR_ENTRY(TV_ERR_TLS_PIN_MISMATCH, "the server key matches neither configured SPKI SHA-256 pin"),
    TV_ERR_ENTRY(TV_ERR_TLS_HANDSHAKE, "the TLS handshake failed (no common version/cipher, alert, ...)"),
    TV_ERR_ENTRY(TV_ERR_TLS_BAD_CA, "the configured CA certificates could not be parsed"),
    TV_ERR_ENTRY(TV_ERR_TLS, "A TLS record-layer error after the handshake (bad MAC, bad record)"),
    TV_ERR_ENTRY(TV_ERR_INSECURE_URL, "the URL asks for plaintext http:// and this build does not allow it"),
    TV_ERR_ENTRY(TV_ERR_TLS_CERT_BAD, "a certificate in the chain is otherwise unacceptable (bad key usage, weak key, ...)"),
    TV_ERR_ENTRY(TV_ERR_HTTP_BAD_STATUS_LINE, "the status line is not `HTTP/1.x NNN reason`"),
    TV_ERR_ENTRY(TV_ERR_HTTP_BAD_HEADER, "a header line is malformed (bad name, bare CR, NUL, missing colon)"),
    TV_ERR_ENTRY(TV_ERR_HTTP_OBS_FOLD, "a header line uses obsolete line folding (starts with SP/HTAB)"),
    TV_ERR_ENTRY(TV_ERR_HTTP_BAD_CONTENT_LENGTH, "content-Length is not a non-negative decimal that fits in 63 bits"),
    TV_ERR_ENTRY(TV_ERR_HTTP_CONFLICTING_LENGTH, "content-Length with Transfer-Encoding, or differing Content-Lengths"),
    TV_ERR_ENTRY(TV_ERR_HTTP_BAD_TRANSFER_ENCODING, "a Transfer-Encoding other than a single `chunked`"),
    TV_ERR_ENTRY(TV_ERR_HTTP_BAD_CHUNK, "a malformed chunk-size line, chunk terminator or trailer"),
    TV_ERR_ENTRY(TV_ERR_HTTP_TRUNCATED, "the connection ended before the body was complete"),
    TV_ERR_ENTRY(TV_ERR_HTTP_BAD_RESPONSE, "the response has no usable body framing or is otherwise unacceptable"),
    TV_ERR_ENTRY(TV_ERR_JSON_SYNTAX, "generic JSON syntax error not covered by a more specific code"),
    TV_ERR_ENTRY(TV_ERR_JSON_TRAILING_COMMA, "a comma before `]` or `}`"),
    TV_ERR_ENTRY(TV_ERR_JSON_BAD_NUMBER, "a number with a leading zero (`01`), or otherwise malformed number"),
    TV_ERR_ENTRY(TV_ERR_JSON_BAD_LITERAL, "a misspelt literal (`tru`, `nul`, `False`)"),
    TV_ERR_ENTRY(TV_ERR_JSON_BAD_ESCAPE, "an invalid backslash escape in a string"),
    TV_ERR_ENTRY(TV_ERR_JSON_LONE_SURROGATE, "a UTF-16 surrogate escape (D800-DFFF) without its pair"),
    TV_ERR_ENTRY(TV_ERR_JSON_BAD_UTF8, "bytes that are not valid UTF-8"),
    TV_ERR_ENTRY(TV_ERR_JSON_CONTROL_CHAR, "an unescaped control character (< 0x20) inside a string"),
    TV_ERR_ENTRY(TV_ERR_JSON_UNTERMINATED, "the document ends inside a string, array or object"),
    TV_ERR_ENTRY(TV_ERR_JSON_TRAILING_DATA, "bytes after the end of the document (e.g. a second document)"),
    TV_ERR_ENTRY(TV_ERR_JSON_TYPE, "a value has a different JSON type than the field requires"),
    TV_ERR_ENTRY(TV_ERR_JSON_RANGE, "a number does not fit the field's C type (int64, int32, double)"),
    TV_ERR_ENTRY(TV_ERR_JSON_BAD_TIMESTAMP, "a date-time string is not ISO-8601 UTC as the API sends it"),
    TV_ERR_ENTRY(TV_ERR_JSON_MISSING_FIELD, "a field the schema requires is absent"),
    TV_ERR_ENTRY(TV_ERR_JSON_EMPTY, "the document is empty (no value at all)"),
    TV_ERR_ENTRY(TV_ERR_HTTP_STATUS, "a non-2xx HTTP status with no more specific code below"),
    TV_ERR_ENTRY(TV_ERR_BAD_REQUEST, "HTTP 400: malformed request (also seen after token expiry)"),
    TV_ERR_ENTRY(TV_ERR_UNAUTHORIZED, "HTTP 401: missing/expired token or no permission"),
    TV_ERR_ENTRY(TV_ERR_NOT_FOUND, "HTTP 404: unknown entity id or endpoint"),
    TV_ERR_ENTRY(TV_ERR_RATE_LIMIT_WARNING, "HTTP 423: a rate-limit lock-out is imminent"),
    TV_ERR_ENTRY(TV_ERR_RATE_LIMITED, "HTTP 429: rate limited; cannot be cleared programmatically"),
    TV_ERR_ENTRY(TV_ERR_SERVER, "HTTP 5xx"),
    TV_ERR_ENTRY(TV_ERR_PENALTY, "penalty ticket: wait p-time seconds, then resend with the ticket"),
    TV_ERR_ENTRY(TV_ERR_PENALTY_CAPTCHA, "penalty ticket with p-captcha: stop, retry in about an hour"),
    TV_ERR_ENTRY(TV_ERR_BUSINESS, "HTTP 200 with errorText / failureReason / failureText / ok:false"),
    TV_ERR_ENTRY(TV_ERR_OUTCOME_UNKNOWN, "the request was written but no complete response arrived; reconcile"),
    TV_ERR_ENTRY(TV_ERR_INVALID_ARG, "an argument is NULL, out of range or inconsistent"),
    TV_ERR_ENTRY(TV_ERR_BAD_URL, "the base URL cannot be parsed (scheme, host, port, path)"),
    TV_ERR_ENTRY(TV_ERR_NOT_LOGGED_IN, "the call needs an access token and there is none"),
    TV_ERR_ENTRY(TV_ERR_STATE, "the object is not in a state that allows this call"),
    TV_ERR_ENTRY(TV_ERR_BAD_STRING, "a caller-supplied string contains bytes it must not (CR, LF, NUL)"),
    TV_ERR_ENTRY(TV_ERR_ABORTED, "the caller's callback asked to stop"),
    TV_ERR_ENTRY(TV_ERR_ENTROPY, "the entropy source failed"),
    TV_ERR_ENTRY(TV_ERR_INTERNAL, "an internal invariant failed (a bug; please report)"),
};

static const tv_err_entry *tv_err_find(int err)
{
    for (size_t i = 0; i < sizeof tv_err_table / sizeof tv_err_table[0]; i++) {
        if (tv_err_table[i].code == err) {
            return &tv_err_table[i];
        }
    }
    return NULL;
}

#if TV_CONFIG_ERROR_NAMES
const char *tv_err_name(int err)
{
    const tv_err_entry *e = tv_err_find(err);
    return e != NULL ? e->name : "TV_ERR_UNKNOWN";
}

const char *tv_strerror(int err)
{
    const tv_err_entry *e = tv_err_find(err);
#if TV_CONFIG_ERROR_TEXT
    return e != NULL ? e->text : "unknown error";
#else
    return e != NULL ? e->name : "TV_ERR_UNKNOWN";
#endif
}
#else
/* Without names a code is told by its class, the name of the constant. */
const char *tv_err_name(int err)
{
    static const char *const names[] = {
        "TV_OK",
        "TV_ERRCLASS_TRANSIENT",
        "TV_ERRCLASS_CAPACITY",
        "TV_ERRCLASS_SECURITY",
        "TV_ERRCLASS_PROTOCOL",
        "TV_ERRCLASS_REMOTE",
        "TV_ERRCLASS_OUTCOME_UNKNOWN",
        "TV_ERRCLASS_USAGE",
        "TV_ERRCLASS_PLATFORM",
    };
    return tv_err_find(err) != NULL ? names[tv_err_classify(err)] : "TV_ERR_UNKNOWN";
}

const char *tv_strerror(int err)
{
    return tv_err_name(err);
}
#endif

tv_err_class tv_err_classify(int err)
{
    if (err >= 0) {
        return TV_ERRCLASS_NONE;
    }
    if (err >= -19) {
        return TV_ERRCLASS_TRANSIENT;
    }
    if (err >= -39) {
        return TV_ERRCLASS_CAPACITY;
    }
    if (err >= -59) {
        return TV_ERRCLASS_SECURITY;
    }
    if (err >= -99) {
        return TV_ERRCLASS_PROTOCOL;
    }
    if (err >= -119) {
        return TV_ERRCLASS_REMOTE;
    }
    if (err >= -129) {
        return TV_ERRCLASS_OUTCOME_UNKNOWN;
    }
    if (err >= -149) {
        return TV_ERRCLASS_USAGE;
    }
    return TV_ERRCLASS_PLATFORM;
}

const char *tv_err_class_name(tv_err_class cls)
{
    static const char *const names[] = {"none", "transient", "capacity", "security", "protocol",
                                        "remote", "outcome-unknown", "usage", "platform"};
    size_t i = (size_t)cls;
    return i < sizeof names / sizeof names[0] ? names[i] : "unknown";
}
