/*
 * Private to the library: every endpoint the client types, declared once.
 *
 * A row says how to call the endpoint (method, path, query shape), what it
 * takes and returns (schemas), and how the client must treat it: whether it
 * needs the bearer token, whether it is a mutation (at most once: never
 * resent, outcome-unknown on a broken answer), whether its answer is a
 * streamed list, whether its body carries secrets to wipe, and which member
 * carries the client id used for reconciliation.
 */
#ifndef TV_ENDPOINTS_H
#define TV_ENDPOINTS_H

#include <stdint.h>

#include "tradovate/tv_http.h"
#include "tradovate/tv_schema.h"
#include "tv_tables_priv.h"

/* Query string shapes. */
typedef enum tv_query_kind {
    TV_Q_NONE,
    TV_Q_ID,        /* ?id=N */
    TV_Q_IDS,       /* ?ids=1,2,3 */
    TV_Q_MASTERID,  /* ?masterid=N */
    TV_Q_MASTERIDS, /* ?masterids=1,2 */
    TV_Q_NAME       /* ?name=S */
} tv_query_kind;

/* What follows an entity's path ("/order" + "/list"): tv_endpoint.op. */
typedef enum tv_path_op {
    TV_OP_NONE, /* the path is whole */
    TV_OP_LIST,
    TV_OP_ITEM,
    TV_OP_ITEMS,
    TV_OP_DEPS,
    TV_OP_LDEPS,
    TV_OP_FIND
} tv_path_op;

/* The text of each tv_path_op ("/list", ...; NULL for TV_OP_NONE). */
extern const char *const tv_path_ops[];

/* Endpoint flags. */
#define TV_EP_AUTH     0x01u /* sends Authorization: Bearer */
#define TV_EP_MUTATION 0x02u /* changes state: at most once */
#define TV_EP_LIST     0x04u /* the answer is a JSON array, streamed */
#define TV_EP_SECRET   0x08u /* the body holds secrets: wipe after use */
#define TV_EP_PATH_CFG 0x10u /* path comes from the client's configuration */
#define TV_EP_TOKEN    0x20u /* the answer is an AccessTokenResponse to keep */

/* (id, method, path, op, flags, query, request schema, response schema, id member) */
#define TV__AUTH_ENDPOINTS(X)                                                                      \
    X(AUTH_TOKEN, POST, "/auth/accesstokenrequest", NONE, TV_EP_SECRET | TV_EP_TOKEN, NONE,        \
      access_token_request, access_token_response, none)                                           \
    X(AUTH_RENEW, GET, "/auth/renewaccesstoken", NONE, TV_EP_AUTH | TV_EP_TOKEN, NONE, none,       \
      access_token_response, none)                                                                 \
    X(AUTH_ME, GET, "/auth/me", NONE, TV_EP_AUTH, NONE, none, me_response, none)                   \
    X(TIMESTAMP, GET, NULL, NONE, TV_EP_PATH_CFG, NONE, none, none, none)                          \
    X(USERINFO, GET, NULL, NONE, TV_EP_AUTH | TV_EP_PATH_CFG, NONE, none, user_info, none)

#define TV__MUT (TV_EP_AUTH | TV_EP_MUTATION)
#define TV__ACTION_ENDPOINTS(X)                                                                    \
    X(CANCEL_ORDER, POST, "/order/cancelorder", NONE, TV__MUT, NONE, cancel_order, command_result, \
      cl_ord_id)                                                                                   \
    X(DRY_RUN, POST, "/order/dryrun", NONE, TV_EP_AUTH, NONE, dry_run, dry_run_response, none)     \
    X(INTERRUPT_STRATEGY, POST, "/orderStrategy/interruptorderstrategy", NONE, TV__MUT, NONE,      \
      interrupt_order_strategy, order_strategy_status_response, none)                              \
    X(LIQUIDATE_POSITION, POST, "/order/liquidateposition", NONE, TV__MUT, NONE,                   \
      liquidate_position, place_order_result, none)                                                \
    X(LIQUIDATE_POSITIONS, POST, "/order/liquidatepositions", NONE, TV__MUT, NONE,                 \
      liquidate_positions, simple_response, none)                                                  \
    X(MODIFY_ORDER, POST, "/order/modifyorder", NONE, TV__MUT, NONE, modify_order, command_result, \
      cl_ord_id)                                                                                   \
    X(MODIFY_STRATEGY, POST, "/orderStrategy/modifyorderstrategy", NONE, TV__MUT, NONE,            \
      modify_order_strategy, order_strategy_status_response, none)                                 \
    X(PLACE_OCO, POST, "/order/placeoco", NONE, TV__MUT, NONE, place_oco, place_oco_result,        \
      cl_ord_id)                                                                                   \
    X(PLACE_OSO, POST, "/order/placeoso", NONE, TV__MUT, NONE, place_oso, place_oso_result,        \
      cl_ord_id)                                                                                   \
    X(PLACE_ORDER, POST, "/order/placeorder", NONE, TV__MUT, NONE, place_order,                    \
      place_order_result, cl_ord_id)                                                               \
    X(START_STRATEGY, POST, "/orderStrategy/startorderstrategy", NONE, TV__MUT, NONE,              \
      start_order_strategy, order_strategy_status_response, uuid)

/* The five reads of one entity. */
#define TV__ENTITY_ENDPOINTS(X, E, path, e)                                                        \
    X(E##_LIST, GET, "/" path, LIST, TV_EP_AUTH | TV_EP_LIST, NONE, none, e, none)                 \
    X(E##_ITEM, GET, "/" path, ITEM, TV_EP_AUTH, ID, none, e, none)                                \
    X(E##_ITEMS, GET, "/" path, ITEMS, TV_EP_AUTH | TV_EP_LIST, IDS, none, e, none)                \
    X(E##_DEPS, GET, "/" path, DEPS, TV_EP_AUTH | TV_EP_LIST, MASTERID, none, e, none)             \
    X(E##_LDEPS, GET, "/" path, LDEPS, TV_EP_AUTH | TV_EP_LIST, MASTERIDS, none, e, none)

#define TV_ALL_ENDPOINTS(X)                                                                        \
    TV__AUTH_ENDPOINTS(X)                                                                          \
    TV__ACTION_ENDPOINTS(X)                                                                        \
    TV__ENTITY_ENDPOINTS(X, COMMAND, "command", command)                                           \
    TV__ENTITY_ENDPOINTS(X, COMMAND_REPORT, "commandReport", command_report)                       \
    TV__ENTITY_ENDPOINTS(X, EXECUTION_REPORT, "executionReport", execution_report)                 \
    TV__ENTITY_ENDPOINTS(X, FILL, "fill", fill)                                                    \
    TV__ENTITY_ENDPOINTS(X, FILL_FEE, "fillFee", fill_fee)                                         \
    TV__ENTITY_ENDPOINTS(X, ORDER, "order", order)                                                 \
    TV__ENTITY_ENDPOINTS(X, ORDER_STRATEGY, "orderStrategy", order_strategy)                       \
    TV__ENTITY_ENDPOINTS(X, ORDER_STRATEGY_LINK, "orderStrategyLink", order_strategy_link)         \
    TV__ENTITY_ENDPOINTS(X, ORDER_VERSION, "orderVersion", order_version)                          \
    X(ACCOUNT_LIST, GET, "/account", LIST, TV_EP_AUTH | TV_EP_LIST, NONE, none, account, none)     \
    X(POSITION_LIST, GET, "/position", LIST, TV_EP_AUTH | TV_EP_LIST, NONE, none, position, none)  \
    X(CONTRACT_FIND, GET, "/contract", FIND, TV_EP_AUTH, NAME, none, contract, none)               \
    X(CONTRACT_ITEM, GET, "/contract", ITEM, TV_EP_AUTH, ID, none, contract, none)

#define TV__EP_ENUM(id, method, path, op, flags, query, req, resp, idkey) TV_EP_##id,
typedef enum tv_endpoint_id { TV_ALL_ENDPOINTS(TV__EP_ENUM) TV_EP_COUNT } tv_endpoint_id;

/* 12 bytes on a 32-bit target: schemas by index, entity paths shared. */
typedef struct tv_endpoint {
    const char *path; /* NULL: from the configuration (TV_EP_PATH_CFG); then `op` */
    uint8_t request;  /* tv_all_schemas index + 1 of the body; 0: none */
    uint8_t result;   /* likewise of the answer (element type for lists); 0: custom */
    uint8_t id_field; /* request field carrying the client id, + 1; 0: none */
    uint8_t method;   /* tv_http_method */
    uint8_t flags;    /* TV_EP_* */
    uint8_t query;    /* tv_query_kind */
    uint8_t op;       /* tv_path_op */
} tv_endpoint;

extern const tv_endpoint tv_endpoints[TV_EP_COUNT];

/* The request body's and the answer's schemas, NULL for none. */
static inline const tv_schema *tv_ep_request(const tv_endpoint *ep)
{
    return ep->request != 0 ? tv_all_schemas[ep->request - 1] : NULL;
}

static inline const tv_schema *tv_ep_result(const tv_endpoint *ep)
{
    return ep->result != 0 ? tv_all_schemas[ep->result - 1] : NULL;
}

#endif /* TV_ENDPOINTS_H */
