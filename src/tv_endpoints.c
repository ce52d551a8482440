/* The endpoint table, expanded from TV_ALL_ENDPOINTS (tv_endpoints.h). */
#include "tv_endpoints.h"

#include <stddef.h>

#include "tradovate/tv_types.h"

#define TV__EP_ROW(id, m, p, o, fl, q, rq, rs, idkey)                                              \
    [TV_EP_##id] = {p,                                                                             \
                    (uint8_t)TV__PICK_##rq(tv_##rq##_index + 1),                                   \
                    (uint8_t)TV__PICK_##rs(tv_##rs##_index + 1),                                   \
                    (uint8_t)TV__IDF_##idkey(rq),                                                  \
                    (uint8_t)TV_HTTP_##m,                                                          \
                    (uint8_t)(fl),                                                                 \
                    (uint8_t)TV_Q_##q,                                                             \
                    (uint8_t)TV_OP_##o},

/* The request field that carries the client id, as index + 1 (0: none). */
#define TV__IDF_none(rq)      0
#define TV__IDF_cl_ord_id(rq) (tv_##rq##_bit_cl_ord_id + 1)
#define TV__IDF_uuid(rq)      (tv_##rq##_bit_uuid + 1)

/* TV__PICK_<schema>(x) is x for a real schema and 0 for `none`; every
 * schema the table names gets its line here. */
#define TV__PICK_none(x)                           0
#define TV__PICK_access_token_request(x)           x
#define TV__PICK_access_token_response(x)          x
#define TV__PICK_me_response(x)                    x
#define TV__PICK_user_info(x)                      x
#define TV__PICK_cancel_order(x)                   x
#define TV__PICK_command_result(x)                 x
#define TV__PICK_dry_run(x)                        x
#define TV__PICK_dry_run_response(x)               x
#define TV__PICK_interrupt_order_strategy(x)       x
#define TV__PICK_order_strategy_status_response(x) x
#define TV__PICK_liquidate_position(x)             x
#define TV__PICK_place_order_result(x)             x
#define TV__PICK_liquidate_positions(x)            x
#define TV__PICK_simple_response(x)                x
#define TV__PICK_modify_order(x)                   x
#define TV__PICK_modify_order_strategy(x)          x
#define TV__PICK_place_oco(x)                      x
#define TV__PICK_place_oco_result(x)               x
#define TV__PICK_place_oso(x)                      x
#define TV__PICK_place_oso_result(x)               x
#define TV__PICK_place_order(x)                    x
#define TV__PICK_start_order_strategy(x)           x
#define TV__PICK_command(x)                        x
#define TV__PICK_command_report(x)                 x
#define TV__PICK_execution_report(x)               x
#define TV__PICK_fill(x)                           x
#define TV__PICK_fill_fee(x)                       x
#define TV__PICK_order(x)                          x
#define TV__PICK_order_strategy(x)                 x
#define TV__PICK_order_strategy_link(x)            x
#define TV__PICK_order_version(x)                  x
#define TV__PICK_account(x)                        x
#define TV__PICK_position(x)                       x
#define TV__PICK_contract(x)                       x

const tv_endpoint tv_endpoints[TV_EP_COUNT] = {TV_ALL_ENDPOINTS(TV__EP_ROW)};

const char *const tv_path_ops[] = {
    [TV_OP_NONE] = NULL,      [TV_OP_LIST] = "/list", [TV_OP_ITEM] = "/item",
    [TV_OP_ITEMS] = "/items", [TV_OP_DEPS] = "/deps", [TV_OP_LDEPS] = "/ldeps",
    [TV_OP_FIND] = "/find",
};
