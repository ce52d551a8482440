/**
 * @file tv_api.h
 * @brief One function per Tradovate operation: auth, the 11 order actions,
 *        the 45 entity queries, Get Timestamp, OIDC User Info, and a generic call.
 *
 * Every function here:
 *  - takes a tv_client set up with tv_client_init() (tv_client.h);
 *  - makes one HTTPS request within one absolute deadline (the client's
 *    timeout), reusing the kept-alive connection; before the request it may
 *    renew the access token if it expires within the configured margin (never
 *    in the middle of a mutation);
 *  - returns TV_OK or a negative tv_err, classified the same way for all
 *    operations (see "Statuses" below); tv_client_last_call() tells more
 *    (HTTP status, failure reason and text, penalty, the clOrdId sent);
 *  - writes results into the caller's struct. **Strings in results point
 *    into the client's response buffer and stay valid until the next call on
 *    the same client.** For list-like queries they are valid only during the
 *    sink's callback (or are copied into the sink's string arena).
 *
 * ## Statuses every operation may return
 * - transport: TV_ERR_TIMEOUT, TV_ERR_DNS, TV_ERR_CONNECT, TV_ERR_PEER_CLOSED,
 *   TV_ERR_CONNECTION_RESET, TV_ERR_IO (a GET on a stale kept-alive
 *   connection is retried once first);
 * - security: TV_ERR_TLS_* (never retried);
 * - capacity: TV_ERR_REQUEST_TOO_LARGE, TV_ERR_HTTP_HEAD_TOO_LARGE,
 *   TV_ERR_HTTP_BODY_TOO_LARGE, TV_ERR_JSON_TOO_MANY_TOKENS,
 *   TV_ERR_JSON_ELEMENT_TOO_LARGE, TV_ERR_BUFFER_TOO_SMALL;
 * - protocol: TV_ERR_HTTP_* and TV_ERR_JSON_* for malformed responses;
 * - remote: TV_ERR_BAD_REQUEST (400), TV_ERR_UNAUTHORIZED (401; a GET is
 *   retried once after renewing the token, a POST never), TV_ERR_NOT_FOUND
 *   (404), TV_ERR_RATE_LIMIT_WARNING (423), TV_ERR_RATE_LIMITED (429; wait,
 *   about an hour), TV_ERR_SERVER (5xx), TV_ERR_HTTP_STATUS (other);
 *   TV_ERR_PENALTY (a penalty ticket: wait tv_call_info.penalty_wait_s, then
 *   tv_client_retry_penalty()), TV_ERR_PENALTY_CAPTCHA (stop; retry in about
 *   an hour); TV_ERR_BUSINESS (HTTP 200 carrying errorText, a failureReason
 *   other than Success, failureText or ok:false — the result struct is still
 *   filled, and tv_call_info has the reason and text);
 * - mutations only: **TV_ERR_OUTCOME_UNKNOWN** — the request was handed to
 *   the network but no complete, well-formed response came back; the order
 *   may or may not exist. Nothing is resent. Use tv_order_reconcile() with
 *   tv_call_info.cl_ord_id;
 * - usage: TV_ERR_INVALID_ARG, TV_ERR_BAD_STRING, TV_ERR_NOT_LOGGED_IN.
 */
#ifndef TV_API_H
#define TV_API_H

#include "tradovate/tv_client.h"
#include "tradovate/tv_types.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ================================================================== */
/* Authentication                                                      */
/* ================================================================== */

/**
 * @brief Log in: POST /auth/accesstokenrequest with the configured credentials.
 *
 * On success the client keeps the access token (in the caller's token
 * buffer) and its expiry on the monotonic clock, and every later call sends
 * it. The password and secret are written into the request buffer only for
 * this request and wiped right after it (unless the answer is a penalty, so
 * that tv_client_retry_penalty() can resend the identical body; it wipes
 * them then). `out` may be NULL. out->access_token is blanked (set to NULL)
 * so that the token is not handed around; the client holds it.
 * @return TV_OK; TV_ERR_BUSINESS (errorText, e.g. wrong password); the
 * statuses common to all operations; TV_ERR_BUFFER_TOO_SMALL if the token
 * does not fit the token buffer.
 */
int tv_auth_request_token(tv_client *c, tv_access_token_response *out);

/**
 * @brief GET /auth/renewaccesstoken: extend the session, keep the new token.
 * The client also calls this by itself before a request when the token
 * expires within the configured margin. `out` may be NULL.
 */
int tv_auth_renew_token(tv_client *c, tv_access_token_response *out);

/** @brief GET /auth/me: the logged-in user. */
int tv_auth_me(tv_client *c, tv_me_response *out);

/**
 * @brief Get Timestamp: the server's clock in epoch milliseconds.
 *
 * The published material does not give this endpoint's path or answer. The
 * path is TV_PATH_GET_TIMESTAMP (tv_config.h) or tv_client_config.path_timestamp;
 * the answer may be a JSON number (epoch ms), an ISO-8601 string, or an
 * object with a `timestamp` member holding either. Both are assumptions
 * documented in the README.
 */
int tv_server_timestamp(tv_client *c, int64_t *epoch_ms);

/**
 * @brief OIDC User Info: OpenID Connect Core standard claims of the user.
 * Path: TV_PATH_OIDC_USERINFO or tv_client_config.path_userinfo (assumed;
 * see tv_server_timestamp()).
 */
int tv_oidc_userinfo(tv_client *c, tv_user_info *out);

/* ================================================================== */
/* Order actions (POST). All but dry run are mutations: at most once.  */
/* ================================================================== */

/*
 * The mutations below send a clOrdId: the request's own when it sets one
 * (≤ TV_CL_ORD_ID_MAX bytes), else one the library generates (unique per
 * client and process: a random prefix drawn at tv_client_init() and a
 * counter). Either way it is in tv_client_last_call(c)->cl_ord_id after
 * the call, whatever the outcome, for tv_order_reconcile().
 */

/** @brief POST /order/placeorder. */
int tv_order_place(tv_client *c, const tv_place_order *req, tv_place_order_result *out);

/** @brief POST /order/placeoco: an order and its one-cancels-other sibling `other`. */
int tv_order_place_oco(tv_client *c, const tv_place_oco *req, tv_place_oco_result *out);

/** @brief POST /order/placeoso: an entry order and its brackets (bracket2 optional). */
int tv_order_place_oso(tv_client *c, const tv_place_oso *req, tv_place_oso_result *out);

/** @brief POST /order/modifyorder (orderQty and orderType are required even for a price change). */
int tv_order_modify(tv_client *c, const tv_modify_order *req, tv_command_result *out);

/** @brief POST /order/cancelorder. */
int tv_order_cancel(tv_client *c, const tv_cancel_order *req, tv_command_result *out);

/** @brief POST /order/liquidateposition: cancel working orders and flatten one contract. */
int tv_order_liquidate_position(tv_client *c, const tv_liquidate_position *req,
                                tv_place_order_result *out);

/** @brief POST /order/liquidatepositions: flatten several positions (by position id). */
int tv_order_liquidate_positions(tv_client *c, const tv_liquidate_positions *req,
                                 tv_simple_response *out);

/**
 * @brief POST /order/dryrun: pre-trade risk evaluation of up to 4 orders; places nothing.
 * Not a mutation, but still a POST: never resent automatically either.
 */
int tv_order_dry_run(tv_client *c, const tv_dry_run *req, tv_dry_run_response *out);

/**
 * @brief POST /orderStrategy/startorderstrategy. req->params (typed) is sent
 * as the JSON-in-a-string the service expects. When req->uuid is NULL the
 * library sends its generated client id as `uuid` (for reconciliation).
 */
int tv_order_strategy_start(tv_client *c, const tv_start_order_strategy *req,
                            tv_order_strategy_status_response *out);

/** @brief POST /orderStrategy/modifyorderstrategy (`command` grammar is undocumented). */
int tv_order_strategy_modify(tv_client *c, const tv_modify_order_strategy *req,
                             tv_order_strategy_status_response *out);

/** @brief POST /orderStrategy/interruptorderstrategy. */
int tv_order_strategy_interrupt(tv_client *c, const tv_interrupt_order_strategy *req,
                                tv_order_strategy_status_response *out);

/** What tv_order_reconcile() found out about a mutation whose outcome was unknown. */
typedef struct tv_reconcile_result {
    bool found;                       /**< a command with that clOrdId exists */
    int64_t order_id;                 /**< the order it acted on */
    int64_t command_id;               /**< the command */
    tv_command_type command_type;     /**< New, Modify or Cancel */
    tv_command_status command_status; /**< its status */
} tv_reconcile_result;

/**
 * @brief Did the mutation sent with `cl_ord_id` reach the service?
 *
 * Streams /command/list (constant memory) looking for the command carrying
 * that clOrdId. Idempotent: safe to call again after a transport error.
 * @param cl_ord_id the id from tv_client_last_call()->cl_ord_id; read only
 *        during the call.
 * @return TV_OK (out->found says whether it was applied) or a status.
 */
int tv_order_reconcile(tv_client *c, const char *cl_ord_id, tv_reconcile_result *out);

/* ================================================================== */
/* Entity queries (GET)                                                */
/* ================================================================== */

/**
 * Where list-like queries deliver entities. Each array element is decoded
 * as soon as it has arrived and handed over, then its bytes are released: a
 * list of any length needs only as much response buffer as its largest
 * element.
 *
 * Callback mode (`on_item` set): on_item(user, entity) is called for each
 * element; `entity` points to the entity's struct type (e.g. a tv_order for
 * the tv_order_* queries) and, like its strings, is valid only during the
 * call. Returning non-zero stops the query with TV_ERR_ABORTED.
 *
 * Array mode (`on_item` NULL): up to `capacity` entities are copied into
 * `items` (an array of the entity's struct type); their strings are copied
 * into `strings` (strings_size bytes) so they outlive the call. More
 * elements than capacity, or strings than fit: TV_ERR_BUFFER_TOO_SMALL
 * (the first `count` items are valid).
 *
 * In both modes `count` is the number of elements delivered.
 */
typedef struct tv_sink {
    int (*on_item)(void *user, const void *entity);
    void *user;
    void *items;
    size_t capacity;
    char *strings;
    size_t strings_size;
    size_t count;        /**< out */
    size_t strings_used; /**< out */
} tv_sink;

/** @brief A sink that calls on_item(user, entity) for each element. */
tv_sink tv_sink_callback(int (*on_item)(void *user, const void *entity), void *user);

/** @brief A sink that fills items[0..capacity) and copies strings into `strings`. */
tv_sink tv_sink_array(void *items, size_t capacity, char *strings, size_t strings_size);

/**
 * Five reads per entity, for the nine entities of the order domain:
 *
 *     int tv_<e>_list (tv_client *c, tv_sink *sink);                        GET /<e>/list
 *     int tv_<e>_item (tv_client *c, int64_t id, tv_<e> *out);              GET /<e>/item?id=
 *     int tv_<e>_items(tv_client *c, const int64_t *ids, size_t n,
 *                      tv_sink *sink);                                      GET /<e>/items?ids=
 *     int tv_<e>_deps (tv_client *c, int64_t master_id, tv_sink *sink);     GET /<e>/deps?masterid=
 *     int tv_<e>_ldeps(tv_client *c, const int64_t *master_ids, size_t n,
 *                      tv_sink *sink);                                      GET /<e>/ldeps?masterids=
 *
 * `item` of an unknown id is TV_ERR_NOT_FOUND. `n` must be at least 1.
 * deps/ldeps masters: command → Order, commandReport → Command,
 * executionReport → Command, fill → Order, fillFee → Fill, order → Account,
 * orderStrategy → Account, orderStrategyLink → OrderStrategy,
 * orderVersion → Order.
 */
#define TV_DECLARE_ENTITY_QUERIES(e)                                                               \
    int tv_##e##_list(tv_client *c, tv_sink *sink);                                                \
    int tv_##e##_item(tv_client *c, int64_t id, tv_##e *out);                                      \
    int tv_##e##_items(tv_client *c, const int64_t *ids, size_t n, tv_sink *sink);                 \
    int tv_##e##_deps(tv_client *c, int64_t master_id, tv_sink *sink);                             \
    int tv_##e##_ldeps(tv_client *c, const int64_t *master_ids, size_t n, tv_sink *sink);

TV_DECLARE_ENTITY_QUERIES(command)
TV_DECLARE_ENTITY_QUERIES(command_report)
TV_DECLARE_ENTITY_QUERIES(execution_report)
TV_DECLARE_ENTITY_QUERIES(fill)
TV_DECLARE_ENTITY_QUERIES(fill_fee)
TV_DECLARE_ENTITY_QUERIES(order)
TV_DECLARE_ENTITY_QUERIES(order_strategy)
TV_DECLARE_ENTITY_QUERIES(order_strategy_link)
TV_DECLARE_ENTITY_QUERIES(order_version)

/** @brief GET /account/list (entities: tv_account). */
int tv_account_list(tv_client *c, tv_sink *sink);

/** @brief GET /position/list (entities: tv_position). */
int tv_position_list(tv_client *c, tv_sink *sink);

/** @brief GET /contract/find?name=: a contract by symbol, e.g. "ESZ6". */
int tv_contract_find(tv_client *c, const char *name, tv_contract *out);

/** @brief GET /contract/item?id=. */
int tv_contract_item(tv_client *c, int64_t id, tv_contract *out);

#ifdef __cplusplus
}
#endif

#endif /* TV_API_H */
