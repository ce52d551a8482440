/**
 * @file tv_error.h
 * @brief The one error type of libtradovate.
 *
 * Every function that can fail returns an `int`: TV_OK (0) or a negative
 * `tv_err` value. Functions that transfer bytes return the (positive) count
 * or a negative `tv_err`. Codes are grouped in numeric ranges so that a caller
 * can decide what to do from tv_err_class() alone:
 *
 * | range        | class                    | what the caller does                      |
 * |--------------|--------------------------|-------------------------------------------|
 * | -1 .. -19    | TV_ERRCLASS_TRANSIENT    | retry later (would block, deadline, ...)  |
 * | -20 .. -39   | TV_ERRCLASS_CAPACITY     | give the library bigger buffers           |
 * | -40 .. -59   | TV_ERRCLASS_SECURITY     | do not retry; the peer is not trusted     |
 * | -60 .. -99   | TV_ERRCLASS_PROTOCOL     | the peer sent malformed HTTP or JSON      |
 * | -100 .. -119 | TV_ERRCLASS_REMOTE       | the server answered "no" (status, ...)    |
 * | -120 .. -129 | TV_ERRCLASS_OUTCOME_UNKNOWN | a mutation may or may not have applied |
 * | -130 .. -149 | TV_ERRCLASS_USAGE        | the caller passed something invalid       |
 * | -150 .. -159 | TV_ERRCLASS_PLATFORM     | the port (OS, RNG) failed                 |
 *
 * Codes are stable: new ones are only ever added inside their class's range.
 */
#ifndef TV_ERROR_H
#define TV_ERROR_H

#ifdef __cplusplus
extern "C" {
#endif

/** Library status codes. TV_OK is success; everything else is negative. */
typedef enum tv_err {
    TV_OK = 0,

    /* ---- transient: retrying later may succeed ---------------------- */
    /** Nothing could be transferred without waiting (non-blocking use). */
    TV_ERR_WOULD_BLOCK = -1,
    /** The request's absolute deadline passed. */
    TV_ERR_TIMEOUT = -2,
    /** A kept-alive connection turned out closed before any response byte. */
    TV_ERR_STALE_CONNECTION = -3,
    /** The peer closed the connection (TCP FIN or TLS close_notify). */
    TV_ERR_PEER_CLOSED = -4,
    /** The connection was reset by the peer or the network. */
    TV_ERR_CONNECTION_RESET = -5,
    /** The host name could not be resolved. */
    TV_ERR_DNS = -6,
    /** The TCP connection could not be established (refused, unreachable). */
    TV_ERR_CONNECT = -7,
    /** Any other socket-level I/O error. */
    TV_ERR_IO = -8,

    /* ---- capacity: a caller-sized buffer or a configured limit is too small */
    /** The HTTP response head does not fit in the response buffer. */
    TV_ERR_HTTP_HEAD_TOO_LARGE = -20,
    /** The response has more header lines than TV_HTTP_MAX_HEADER_LINES. */
    TV_ERR_HTTP_TOO_MANY_HEADERS = -21,
    /** The response body does not fit in the response buffer. */
    TV_ERR_HTTP_BODY_TOO_LARGE = -22,
    /** The request (line, headers and body) does not fit in the request buffer. */
    TV_ERR_REQUEST_TOO_LARGE = -23,
    /** The JSON document has more tokens than the token array holds. */
    TV_ERR_JSON_TOO_MANY_TOKENS = -24,
    /** The JSON document nests deeper than TV_JSON_MAX_DEPTH. */
    TV_ERR_JSON_TOO_DEEP = -25,
    /** One element of a streamed JSON array does not fit in the buffer. */
    TV_ERR_JSON_ELEMENT_TOO_LARGE = -26,
    /** A caller-provided output buffer or array is too small. */
    TV_ERR_BUFFER_TOO_SMALL = -27,
    /** The mbedTLS memory arena is exhausted. */
    TV_ERR_TLS_ARENA_EXHAUSTED = -28,
    /** A chunk extension or trailer section exceeds its configured bound. */
    TV_ERR_HTTP_CHUNK_META_TOO_LARGE = -29,

    /* ---- security: the peer could not be trusted; never retry blindly -- */
    /** The server's certificate chain does not lead to a trusted CA. */
    TV_ERR_TLS_CERT_UNTRUSTED = -40,
    /** A certificate in the chain has expired. */
    TV_ERR_TLS_CERT_EXPIRED = -41,
    /** A certificate in the chain is not valid yet. */
    TV_ERR_TLS_CERT_NOT_YET_VALID = -42,
    /** The certificate does not name the host we connected to. */
    TV_ERR_TLS_HOSTNAME_MISMATCH = -43,
    /** The server key matches neither configured SPKI SHA-256 pin. */
    TV_ERR_TLS_PIN_MISMATCH = -44,
    /** The TLS handshake failed (no common version/cipher, alert, ...). */
    TV_ERR_TLS_HANDSHAKE = -45,
    /** The configured CA certificates could not be parsed. */
    TV_ERR_TLS_BAD_CA = -46,
    /** A TLS record-layer error after the handshake (bad MAC, bad record). */
    TV_ERR_TLS = -47,
    /** The URL asks for plaintext http:// and this build does not allow it. */
    TV_ERR_INSECURE_URL = -48,
    /** A certificate in the chain is otherwise unacceptable (bad key usage, weak key, ...). */
    TV_ERR_TLS_CERT_BAD = -49,

    /* ---- protocol: the peer sent something malformed ----------------- */
    /** The status line is not `HTTP/1.x NNN reason`. */
    TV_ERR_HTTP_BAD_STATUS_LINE = -60,
    /** A header line is malformed (bad name, bare CR, NUL, missing colon). */
    TV_ERR_HTTP_BAD_HEADER = -61,
    /** A header line uses obsolete line folding (starts with SP/HTAB). */
    TV_ERR_HTTP_OBS_FOLD = -62,
    /** Content-Length is not a non-negative decimal that fits in 63 bits. */
    TV_ERR_HTTP_BAD_CONTENT_LENGTH = -63,
    /** Content-Length with Transfer-Encoding, or differing Content-Lengths. */
    TV_ERR_HTTP_CONFLICTING_LENGTH = -64,
    /** A Transfer-Encoding other than a single `chunked`. */
    TV_ERR_HTTP_BAD_TRANSFER_ENCODING = -65,
    /** A malformed chunk-size line, chunk terminator or trailer. */
    TV_ERR_HTTP_BAD_CHUNK = -66,
    /** The connection ended before the body was complete. */
    TV_ERR_HTTP_TRUNCATED = -67,
    /** The response has no usable body framing or is otherwise unacceptable. */
    TV_ERR_HTTP_BAD_RESPONSE = -68,
    /** Generic JSON syntax error not covered by a more specific code. */
    TV_ERR_JSON_SYNTAX = -70,
    /** A comma before `]` or `}`. */
    TV_ERR_JSON_TRAILING_COMMA = -71,
    /** A number with a leading zero (`01`), or otherwise malformed number. */
    TV_ERR_JSON_BAD_NUMBER = -72,
    /** A misspelt literal (`tru`, `nul`, `False`). */
    TV_ERR_JSON_BAD_LITERAL = -73,
    /** An invalid backslash escape in a string. */
    TV_ERR_JSON_BAD_ESCAPE = -74,
    /** A UTF-16 surrogate escape (D800-DFFF) without its pair. */
    TV_ERR_JSON_LONE_SURROGATE = -75,
    /** Bytes that are not valid UTF-8. */
    TV_ERR_JSON_BAD_UTF8 = -76,
    /** An unescaped control character (< 0x20) inside a string. */
    TV_ERR_JSON_CONTROL_CHAR = -77,
    /** The document ends inside a string, array or object. */
    TV_ERR_JSON_UNTERMINATED = -78,
    /** Bytes after the end of the document (e.g. a second document). */
    TV_ERR_JSON_TRAILING_DATA = -79,
    /** A value has a different JSON type than the field requires. */
    TV_ERR_JSON_TYPE = -80,
    /** A number does not fit the field's C type (int64, int32, double). */
    TV_ERR_JSON_RANGE = -81,
    /** A date-time string is not ISO-8601 UTC as the API sends it. */
    TV_ERR_JSON_BAD_TIMESTAMP = -82,
    /** A field the schema requires is absent. */
    TV_ERR_JSON_MISSING_FIELD = -83,
    /** The document is empty (no value at all). */
    TV_ERR_JSON_EMPTY = -84,

    /* ---- remote: the server answered, and the answer is "no" ---------- */
    /** A non-2xx HTTP status with no more specific code below. */
    TV_ERR_HTTP_STATUS = -100,
    /** HTTP 400: malformed request (also seen after token expiry). */
    TV_ERR_BAD_REQUEST = -101,
    /** HTTP 401: missing/expired token or no permission. */
    TV_ERR_UNAUTHORIZED = -102,
    /** HTTP 404: unknown entity id or endpoint. */
    TV_ERR_NOT_FOUND = -103,
    /** HTTP 423: a rate-limit lock-out is imminent. */
    TV_ERR_RATE_LIMIT_WARNING = -104,
    /** HTTP 429: rate limited; cannot be cleared programmatically. */
    TV_ERR_RATE_LIMITED = -105,
    /** HTTP 5xx. */
    TV_ERR_SERVER = -106,
    /** Penalty ticket: wait p-time seconds, then resend with the ticket. */
    TV_ERR_PENALTY = -107,
    /** Penalty ticket with p-captcha: stop, retry in about an hour. */
    TV_ERR_PENALTY_CAPTCHA = -108,
    /** HTTP 200 with errorText / failureReason / failureText / ok:false. */
    TV_ERR_BUSINESS = -109,

    /* ---- outcome unknown: a mutation may have reached the server ------ */
    /** The request was written but no complete response arrived; reconcile. */
    TV_ERR_OUTCOME_UNKNOWN = -120,

    /* ---- usage: the caller's input is invalid ------------------------- */
    /** An argument is NULL, out of range or inconsistent. */
    TV_ERR_INVALID_ARG = -130,
    /** The base URL cannot be parsed (scheme, host, port, path). */
    TV_ERR_BAD_URL = -131,
    /** The call needs an access token and there is none. */
    TV_ERR_NOT_LOGGED_IN = -132,
    /** The object is not in a state that allows this call. */
    TV_ERR_STATE = -133,
    /** A caller-supplied string contains bytes it must not (CR, LF, NUL). */
    TV_ERR_BAD_STRING = -134,
    /** The caller's callback asked to stop. */
    TV_ERR_ABORTED = -135,

    /* ---- platform: the port failed ----------------------------------- */
    /** The entropy source failed. */
    TV_ERR_ENTROPY = -150,
    /** An internal invariant failed (a bug; please report). */
    TV_ERR_INTERNAL = -151
} tv_err;

/** What kind of failure a status is; see the table at the top of this file. */
typedef enum tv_err_class {
    TV_ERRCLASS_NONE = 0, /**< TV_OK */
    TV_ERRCLASS_TRANSIENT,
    TV_ERRCLASS_CAPACITY,
    TV_ERRCLASS_SECURITY,
    TV_ERRCLASS_PROTOCOL,
    TV_ERRCLASS_REMOTE,
    TV_ERRCLASS_OUTCOME_UNKNOWN,
    TV_ERRCLASS_USAGE,
    TV_ERRCLASS_PLATFORM
} tv_err_class;

/**
 * @brief Name of a status, e.g. "TV_ERR_TIMEOUT".
 * @param err any int; values that are not tv_err codes give "TV_ERR_UNKNOWN".
 * @return a static string; never NULL.
 */
const char *tv_err_name(int err);

/**
 * @brief One-line English description of a status, for people.
 * @param err any int; unknown values give "unknown error".
 * @return a static string; never NULL.
 */
const char *tv_strerror(int err);

/**
 * @brief The class of a status (see the table at the top of this file).
 * @param err any int; positive values are TV_ERRCLASS_NONE (byte counts).
 */
tv_err_class tv_err_classify(int err);

/** @brief Name of a class, e.g. "transient". Static; never NULL. */
const char *tv_err_class_name(tv_err_class cls);

#ifdef __cplusplus
}
#endif

#endif /* TV_ERROR_H */
