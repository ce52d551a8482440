/*
 * One operation from start to end: the same path for all 58 of them.
 *
 * The request is written once into the request buffer (head and JSON body
 * contiguous, one send), the response head is read by tv_conn_exchange(),
 * and the body is either read whole (single results: classified, then
 * decoded by the schema table) or streamed (lists: each array element is
 * cut out as soon as it is complete, decoded, handed to the sink and
 * released). Every response goes through the same classification: HTTP
 * status, penalty ticket, business failure, success.
 */
#include <string.h>

#include "tradovate/tv_port.h"
#include "tv_client_priv.h"
#include "tv_codec_priv.h"
#include "tv_http_priv.h"
#include "tv_tables_priv.h"

/* ---- building the request -------------------------------------------- */

static const char *tv_call_path(const tv_client *c, const tv_call *call, const tv_endpoint *ep)
{
    if (call->raw != NULL) {
        return call->raw_path;
    }
    if (ep->flags & TV_EP_PATH_CFG) {
        if (call->ep == TV_EP_TIMESTAMP) {
            return c->cfg.path_timestamp != NULL ? c->cfg.path_timestamp : TV_PATH_GET_TIMESTAMP;
        }
        return c->cfg.path_userinfo != NULL ? c->cfg.path_userinfo : TV_PATH_OIDC_USERINFO;
    }
    return ep->path; /* unreachable: table paths go through tv_http_req_begin_parts() */
}

static int tv_call_query(tv_client *c, const tv_call *call, const tv_endpoint *ep)
{
    tv_http_req *rq = &c->req;
    if (call->raw != NULL) {
        return call->raw_query != NULL ? tv_http_req_query_raw(rq, call->raw_query) : TV_OK;
    }
    switch ((tv_query_kind)ep->query) {
    case TV_Q_ID:
        return tv_http_req_query_i64(rq, "id", call->id);
    case TV_Q_MASTERID:
        return tv_http_req_query_i64(rq, "masterid", call->id);
    case TV_Q_IDS:
        return tv_http_req_query_ids(rq, "ids", call->ids, call->n);
    case TV_Q_MASTERIDS:
        return tv_http_req_query_ids(rq, "masterids", call->ids, call->n);
    case TV_Q_NAME:
        return tv_http_req_query_str(rq, "name", call->name);
    default:
        return TV_OK;
    }
}

/* The request's own client id (clOrdId / uuid), or NULL. */
static const char *tv_call_own_id(const tv_endpoint *ep, const void *request)
{
    const char *s = NULL;
    memcpy(&s, (const char *)request + tv_ep_request(ep)->fields[ep->id_field - 1].offset,
           sizeof s);
    return s;
}

/* `,"p-ticket":"<ticket>"}` in place of the kept body's closing brace. */
static int tv_call_add_ticket(tv_client *c, char *body, size_t len, size_t room, size_t *out)
{
    if (len < 2 || body[0] != '{' || body[len - 1] != '}') {
        return TV_ERR_STATE;
    }
    size_t at = len - 1;
    static const char key[] = "\"p-ticket\":";
    bool empty = len == 2;
    size_t need = at + (empty ? 0 : 1) + sizeof key - 1;
    if (need >= room) {
        return TV_ERR_REQUEST_TOO_LARGE;
    }
    if (!empty) {
        body[at++] = ',';
    }
    memcpy(body + at, key, sizeof key - 1);
    at += sizeof key - 1;
    tv_json_writer w;
    size_t n = 0;
    tv_json_writer_init(&w, body + at, room - at - 1);
    tv_json_write_str(&w, c->penalty_ticket);
    int rc = tv_json_writer_finish(&w, &n);
    if (rc != TV_OK) {
        return rc == TV_ERR_BUFFER_TOO_SMALL ? TV_ERR_REQUEST_TOO_LARGE : rc;
    }
    at += n;
    body[at++] = '}';
    *out = at;
    return TV_OK;
}

static int tv_call_body(tv_client *c, const tv_call *call, const tv_endpoint *ep)
{
    uint8_t *body;
    size_t room;
    size_t len = 0;
    int rc = tv_http_req_body_begin(&c->req, &body, &room);
    if (rc != TV_OK) {
        return rc;
    }
    if (call->retry_penalty) {
        /* The identical body, parked in the response buffer by
         * tv_call_park_body() while the head was rewritten. */
        if (c->pending_body_len > room) {
            return TV_ERR_REQUEST_TOO_LARGE;
        }
        memcpy(body, c->cfg.response_buf, c->pending_body_len);
        tv_http_wipe(c->cfg.response_buf, c->pending_body_len);
        rc = tv_call_add_ticket(c, (char *)body, c->pending_body_len, room, &len);
    } else if (call->raw != NULL) {
        size_t n = strlen(call->raw_body);
        rc = tv_json_validate(call->raw_body, n);
        if (rc >= 0) {
            rc = n <= room ? TV_OK : TV_ERR_REQUEST_TOO_LARGE;
            memcpy(body, call->raw_body, rc == TV_OK ? n : 0);
            len = n;
        }
    } else {
        tv_json_writer w;
        tv_codec_default dflt = {-1, NULL};
        if (ep->id_field != 0) {
            const char *own = tv_call_own_id(ep, call->request);
            if (own != NULL && strlen(own) > TV_CL_ORD_ID_MAX) {
                c->last.detail = tv_ep_request(ep)->fields[ep->id_field - 1].json;
                return TV_ERR_INVALID_ARG;
            }
            if (own != NULL) {
                memcpy(c->last.cl_ord_id, own, strlen(own) + 1);
            } else {
                tv_client_next_id(c, c->last.cl_ord_id);
                dflt.field = ep->id_field - 1;
                dflt.value = c->last.cl_ord_id;
            }
        }
        tv_json_writer_init(&w, (char *)body, room);
        tv_json_write_object_begin(&w);
        rc = tv_codec_encode_members(&w, tv_ep_request(ep), call->request, &dflt, &c->last.detail);
        tv_json_write_object_end(&w);
        if (rc == TV_OK) {
            rc = tv_json_writer_finish(&w, &len);
        }
        if (rc == TV_ERR_BUFFER_TOO_SMALL) {
            rc = TV_ERR_REQUEST_TOO_LARGE;
        }
    }
    if (rc != TV_OK) {
        return rc;
    }
    c->req_body_len = len;
    return tv_http_req_body_end(&c->req, len);
}

static int tv_call_build(tv_client *c, const tv_call *call, const tv_endpoint *ep,
                         tv_http_method method)
{
    tv_http_req *rq = &c->req;
    bool auth = call->raw != NULL ? c->token_len > 0 : (ep->flags & TV_EP_AUTH) != 0;
    bool body = call->raw != NULL ? call->raw_body != NULL : ep->request != 0;
    c->req_body_len = 0;
    if (call->retry_penalty) {
        /* Park the kept body in the response buffer (free until the answer
         * arrives) while the request buffer is rewritten. */
        if (c->pending_body_len > c->cfg.response_size) {
            return TV_ERR_REQUEST_TOO_LARGE;
        }
        memcpy(c->cfg.response_buf, c->cfg.request_buf + c->pending_body_off, c->pending_body_len);
    }
    /* The table's paths, the base path, host and token were checked once;
     * a caller's path or query (raw calls, configured paths) every time. */
    bool table_path = call->raw == NULL && !(ep->flags & TV_EP_PATH_CFG);
    int rc = table_path ? tv_http_req_begin_parts(rq, c->cfg.request_buf, c->cfg.request_size,
                                                  method, c->base_path, ep->path,
                                                  tv_path_ops[ep->op], !c->target_ok)
                        : tv_http_req_begin(rq, c->cfg.request_buf, c->cfg.request_size, method,
                                            c->base_path, tv_call_path(c, call, ep));
    if (rc == TV_OK) {
        rc = tv_call_query(c, call, ep);
    }
    if (rc == TV_OK) {
        rc = c->target_ok
                 ? tv_http_req_host_checked(rq, c->host, c->port, c->tls != 0, c->host_v6 != 0)
                 : tv_http_req_host(rq, c->host, c->port, c->tls != 0);
    }
    if (rc == TV_OK && auth && c->token_len == 0) {
        rc = TV_ERR_NOT_LOGGED_IN;
    } else if (rc == TV_OK && auth) {
        rc = c->token_ok ? tv_http_req_bearer_checked(rq, c->cfg.access_token_buf, c->token_len)
                         : tv_http_req_bearer(rq, c->cfg.access_token_buf);
    }
    if (rc == TV_OK) {
        rc = body ? tv_call_body(c, call, ep) : tv_http_req_finish(rq);
    }
    return rc;
}

/* ---- classifying the answer ------------------------------------------ */

static int tv_call_status_error(int status)
{
    switch (status) {
    case 400:
        return TV_ERR_BAD_REQUEST;
    case 401:
        return TV_ERR_UNAUTHORIZED;
    case 404:
        return TV_ERR_NOT_FOUND;
    case 423:
        return TV_ERR_RATE_LIMIT_WARNING;
    case 429:
        return TV_ERR_RATE_LIMITED;
    default:
        return status >= 500 && status <= 599 ? TV_ERR_SERVER : TV_ERR_HTTP_STATUS;
    }
}

/* Penalty and business failure, from the members of a top-level object.
 * Returns TV_OK, TV_ERR_PENALTY, TV_ERR_PENALTY_CAPTCHA or TV_ERR_BUSINESS. */
static int tv_call_classify(tv_client *c, tv_json_doc *doc)
{
    tv_json_iter it;
    tv_json_str key, s;
    int v;
    bool ticket = false, captcha = false, business = false;
    if (tv_json_iter_init(doc, 0, &it) != TV_OK || tv_json_type_of(doc, 0) != TV_JSON_OBJECT) {
        return TV_OK;
    }
    while (tv_json_iter_next(doc, &it, &key, &v) == 1) {
        tv_json_type t = tv_json_type_of(doc, v);
        if (t == TV_JSON_STRING && tv_json_get_str(doc, v, &s) == TV_OK) {
            if (key.len == 8 && memcmp(key.ptr, "p-ticket", 8) == 0) {
                ticket = true;
                if (s.len <= TV_PENALTY_TICKET_MAX) {
                    memcpy(c->penalty_ticket, s.ptr, s.len + 1);
                } else {
                    c->penalty_ticket[0] = '\0'; /* too long to resend: retry refuses */
                }
            } else if ((strcmp(key.ptr, "errorText") == 0 || strcmp(key.ptr, "failureText") == 0) &&
                       s.len > 0) {
                business = true;
                c->last.failure_text = s.ptr;
            } else if (strcmp(key.ptr, "failureReason") == 0 ||
                       strcmp(key.ptr, "rejectReason") == 0) {
                c->last.failure_reason = tv_failure_reason_parse(s.ptr, s.len);
                business |= c->last.failure_reason != TV_FAILURE_REASON_SUCCESS;
            }
        } else if (t == TV_JSON_NUMBER && strcmp(key.ptr, "p-time") == 0) {
            double secs = 0;
            (void)tv_json_get_double(doc, v, &secs);
            c->last.penalty_wait_s = secs <= 0     ? 0u
                                     : secs >= 4e9 ? 4000000000u
                                                   : (uint32_t)(secs + 0.999);
        } else if (t == TV_JSON_BOOL) {
            bool b = false;
            (void)tv_json_get_bool(doc, v, &b);
            if (strcmp(key.ptr, "p-captcha") == 0) {
                captcha = b;
            } else if (strcmp(key.ptr, "ok") == 0 && !b) {
                business = true;
            }
        }
    }
    if (ticket) {
        c->last.penalty_captcha = captcha;
        return captcha ? TV_ERR_PENALTY_CAPTCHA : TV_ERR_PENALTY;
    }
    return business ? TV_ERR_BUSINESS : TV_OK;
}

/* Get Timestamp: a number (epoch ms), an ISO string, or {"timestamp": either}. */
static int tv_call_decode_time(tv_json_doc *doc, int tok, int64_t *out)
{
    int member;
    if (tv_json_type_of(doc, tok) == TV_JSON_OBJECT) {
        int rc = tv_json_obj_get(doc, tok, "timestamp", &member);
        if (rc != TV_OK) {
            return rc;
        }
        tok = member;
    }
    switch (tv_json_type_of(doc, tok)) {
    case TV_JSON_NUMBER:
        return tv_json_get_i64(doc, tok, out);
    case TV_JSON_STRING:
        return tv_json_get_time(doc, tok, out);
    default:
        return TV_ERR_JSON_TYPE;
    }
}

/* ---- reading the body -------------------------------------------------- */

/* First occurrence of NUL-terminated `needle` in hay[0..len), or NULL. */
static const char *tv_call_find(const char *hay, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; n <= len && i <= len - n; i++) {
        if (hay[i] == needle[0] && memcmp(hay + i, needle, n) == 0) {
            return hay + i;
        }
    }
    return NULL;
}

/* A single result: the whole body, classified, then decoded. */
static int tv_call_single(tv_client *c, const tv_call *call, const tv_endpoint *ep,
                          uint64_t deadline)
{
    tv_transport t = tv_conn_transport(c);
    size_t len;
    int rc = tv_http_resp_read_body(&c->resp, &t, deadline);
    if (rc != TV_OK) {
        return rc;
    }
    char *body = (char *)tv_http_resp_body(&c->resp, &len);
    int status = c->resp.status;
    if (call->raw != NULL) {
        if (!tv_http_resp_body_nul(&c->resp)) {
            return TV_ERR_HTTP_BODY_TOO_LARGE; /* no room for the terminator */
        }
        call->raw->http_status = status;
        call->raw->body = body;
        call->raw->body_len = len;
    }
    if (call->raw != NULL) {
        /* The caller reads the raw body, so it is left untouched (reading
         * JSON strings unescapes them in place) unless it is a penalty. */
        if (status < 200 || status > 299) {
            return tv_call_status_error(status);
        }
        if (len == 0 || tv_call_find(body, len, "\"p-ticket\"") == NULL) {
            return TV_OK;
        }
    } else if (status < 200 || status > 299) {
        /* Error bodies may carry errorText; read it when they are JSON. */
        if (len > 0 && tv_json_parse(&c->doc, body, len, c->cfg.tokens, c->cfg.token_count) > 0) {
            (void)tv_call_classify(c, &c->doc);
        }
        return tv_call_status_error(status);
    }
    rc = tv_json_parse(&c->doc, body, len, c->cfg.tokens, c->cfg.token_count);
    if (rc < 0) {
        return rc;
    }
    int cls = tv_call_classify(c, &c->doc);
    if (call->raw != NULL) {
        return cls == TV_ERR_PENALTY || cls == TV_ERR_PENALTY_CAPTCHA ? cls : TV_OK;
    }
    if (cls == TV_ERR_PENALTY || cls == TV_ERR_PENALTY_CAPTCHA) {
        return cls;
    }
    if (call->ep == TV_EP_TIMESTAMP) {
        rc = tv_call_decode_time(&c->doc, 0, (int64_t *)call->result);
    } else if (call->result != NULL) {
        rc = tv_codec_decode(&c->doc, 0, tv_ep_result(ep), call->result, &c->last.detail);
    }
    return rc < 0 ? rc : cls; /* rc is a token count when nothing was decoded */
}

/* Hands one decoded entity to the sink. */
static int tv_call_deliver(tv_sink *sink, const tv_schema *schema, void *entity)
{
    if (sink->on_item != NULL) {
        sink->count++;
        return sink->on_item(sink->user, entity) != 0 ? TV_ERR_ABORTED : TV_OK;
    }
    /* array mode: entity already sits in items[count] */
    int rc = tv_codec_copy_strings(schema, entity, sink->strings, sink->strings_size,
                                   &sink->strings_used);
    if (rc == TV_OK) {
        sink->count++;
    }
    return rc;
}

/* The largest list entity, for decoding one element in callback mode. */
typedef union tv_any_entity {
    tv_command command;
    tv_command_report command_report;
    tv_execution_report execution_report;
    tv_fill fill;
    tv_fill_fee fill_fee;
    tv_order order;
    tv_order_strategy order_strategy;
    tv_order_strategy_link order_strategy_link;
    tv_order_version order_version;
    tv_account account;
    tv_position position;
} tv_any_entity;

static int tv_call_element(tv_client *c, tv_sink *sink, const tv_schema *schema, char *elem,
                           size_t len)
{
    tv_any_entity tmp;
    void *entity = &tmp;
    if (sink->on_item == NULL) {
        if (sink->count >= sink->capacity) {
            return TV_ERR_BUFFER_TOO_SMALL;
        }
        entity = (char *)sink->items + sink->count * schema->size;
    }
    int rc = tv_json_parse(&c->doc, elem, len, c->cfg.tokens, c->cfg.token_count);
    if (rc < 0) {
        return rc;
    }
    rc = tv_codec_decode(&c->doc, 0, schema, entity, &c->last.detail);
    return rc != TV_OK ? rc : tv_call_deliver(sink, schema, entity);
}

/* A list: each element decoded as soon as it is complete, then released. */
static int tv_call_list(tv_client *c, const tv_call *call, const tv_endpoint *ep, uint64_t deadline)
{
    tv_transport t = tv_conn_transport(c);
    tv_json_splitter sp;
    size_t len, a = 0, b = 0;
    if (c->resp.status < 200 || c->resp.status > 299) {
        return tv_call_single(c, call, ep, deadline); /* error status: classify it */
    }
    tv_json_split_init(&sp);
    for (;;) {
        char *win = (char *)tv_http_resp_body(&c->resp, &len);
        int r = tv_json_split_next(&sp, win, len, &a, &b);
        if (r == TV_JSON_SPLIT_ELEMENT) {
            int rc = tv_call_element(c, call->sink, tv_ep_result(ep), win + a, b - a);
            if (rc != TV_OK) {
                return rc;
            }
            tv_http_resp_consume(&c->resp, b);
            tv_json_split_consumed(&sp, b);
            continue;
        }
        if (r == TV_JSON_SPLIT_END && tv_http_resp_complete(&c->resp)) {
            return TV_OK;
        }
        if (r == TV_ERR_JSON_TYPE && call->sink->count == 0) {
            /* Not an array: a penalty ticket or an error object; anything
             * else that is not a list is the wrong type. */
            int rc = tv_call_single(c, call, ep, deadline);
            return rc == TV_OK ? TV_ERR_JSON_TYPE : rc;
        }
        if (r < 0) {
            return r;
        }
        if (tv_http_resp_complete(&c->resp)) {
            return tv_json_split_finish(&sp);
        }
        int rc = tv_http_resp_body_more(&c->resp, &t, deadline);
        if (rc == TV_ERR_HTTP_BODY_TOO_LARGE) {
            return TV_ERR_JSON_ELEMENT_TOO_LARGE;
        }
        if (rc != TV_OK) {
            return rc;
        }
    }
}

/* ---- the call ------------------------------------------------------------ */

/* Keep the body of a request answered with a penalty where it is, for
 * tv_client_retry_penalty(); wipe the rest of the request (the token). */
static void tv_call_keep_body(tv_client *c, tv_endpoint_id ep)
{
    size_t len = 0;
    const uint8_t *data = tv_http_req_data(&c->req, &len);
    size_t body_len = c->req_body_len;
    if (data == NULL || body_len == 0 || body_len > len) {
        tv_http_req_wipe(&c->req);
        return;
    }
    size_t off = (size_t)(data - c->cfg.request_buf) + len - body_len;
    tv_http_wipe(c->cfg.request_buf, off);
    tv_http_wipe(c->cfg.request_buf + off + body_len, c->cfg.request_size - off - body_len);
    c->pending_endpoint = (uint8_t)(ep + 1);
    c->pending_body_off = off;
    c->pending_body_len = body_len;
}

static void tv_call_forget_pending(tv_client *c)
{
    if (c->pending_endpoint != 0) {
        tv_http_wipe(c->cfg.request_buf, c->cfg.request_size);
        c->pending_endpoint = 0;
        c->pending_body_len = 0;
        c->penalty_ticket[0] = '\0';
    }
}

static int tv_call_once(tv_client *c, tv_call *call, const tv_endpoint *ep, tv_http_method method)
{
    bool mutation =
        (ep->flags & TV_EP_MUTATION) != 0 || (call->raw != NULL && method != TV_HTTP_GET);
    int rc = tv_call_build(c, call, ep, method);
    if (rc != TV_OK) {
        return rc;
    }
    uint64_t deadline = tv_client_deadline(c);
    rc = tv_conn_exchange(c, method, mutation, deadline);
    if (rc != TV_OK) {
        return rc;
    }
    c->last.http_status = c->resp.status;
    c->last.retry_after_s = c->resp.retry_after_s;
    if ((ep->flags & TV_EP_LIST) && call->raw == NULL) {
        rc = tv_call_list(c, call, ep, deadline);
    } else {
        rc = tv_call_single(c, call, ep, deadline);
    }
    if (!tv_http_resp_complete(&c->resp) || !tv_http_resp_reusable(&c->resp)) {
        tv_conn_close(c); /* unread bytes or a closing server: start afresh */
    }
    /* A mutation that was accepted (2xx) or failed mid-answer: the service
     * may have acted on it even though its answer cannot be read. */
    if (mutation && rc != TV_OK && tv_err_classify(rc) != TV_ERRCLASS_REMOTE) {
        c->last.cause = rc;
        rc = TV_ERR_OUTCOME_UNKNOWN;
    }
    if (mutation && rc == TV_ERR_SERVER) {
        c->last.cause = rc; /* a 5xx may come from a gateway after the order went in */
        rc = TV_ERR_OUTCOME_UNKNOWN;
    }
    return rc;
}

int tv_call_run(tv_client *c, tv_call *call)
{
    const tv_endpoint *ep = &tv_endpoints[call->ep];
    tv_http_method method =
        call->raw != NULL ? (tv_http_method)call->raw_method : (tv_http_method)ep->method;
    if (!call->retry_penalty) {
        tv_call_forget_pending(c);
    }
    memset(&c->last, 0, sizeof c->last);
    c->last.retry_after_s = -1;
    if (call->result != NULL && ep->result != 0 && call->raw == NULL) {
        memset(call->result, 0, tv_ep_result(ep)->size); /* never garbage, whatever fails */
    }
    int rc = TV_OK;
    /* Renew ahead of expiry before the call; not before a penalty retry,
     * whose kept body a renewal request would overwrite (a token that has
     * really expired is answered with 401 then). */
    if (!c->in_auth && !call->retry_penalty &&
        (call->raw != NULL ? c->token_len > 0 : (ep->flags & TV_EP_AUTH) != 0)) {
        rc = tv_auth_ensure(c);
    }
    if (rc == TV_OK) {
        rc = tv_call_once(c, call, ep, method);
        /* A GET refused for its token: renew (or log in) once and ask again.
         * A POST is never sent twice. */
        if (rc == TV_ERR_UNAUTHORIZED && method == TV_HTTP_GET && !c->in_auth &&
            (ep->flags & TV_EP_AUTH) && call->sink == NULL) {
            c->token_len = 0; /* the token is no good: tv_auth_ensure replaces it */
            rc = tv_auth_ensure(c);
            if (rc == TV_OK) {
                memset(&c->last, 0, sizeof c->last);
                c->last.retry_after_s = -1;
                rc = tv_call_once(c, call, ep, method);
            }
        }
    }
    c->last.status = rc;
    if (c->last.cause == 0) {
        c->last.cause = rc;
    }
    if (rc == TV_ERR_PENALTY && method == TV_HTTP_POST) {
        tv_call_keep_body(c, call->ep);
    } else if ((ep->flags & TV_EP_SECRET) || call->retry_penalty) {
        tv_http_req_wipe(&c->req);
        c->pending_endpoint = 0;
    } else {
        /* the head carried the bearer token */
        size_t len = 0;
        const uint8_t *data = tv_http_req_data(&c->req, &len);
        if (data != NULL) {
            tv_http_wipe((void *)(uintptr_t)data, len - c->req_body_len);
        }
    }
    return rc;
}
