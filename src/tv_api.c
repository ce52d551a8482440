/*
 * The typed operations of tv_api.h: each fills a tv_call naming its row of
 * the endpoint table and hands it to tv_call_run(). No operation has code
 * of its own beyond argument checks.
 */
#include <string.h>

#include "tv_client_priv.h"

static int tv_run(tv_client *c, tv_endpoint_id ep, const void *request, void *result)
{
    if (c == NULL || (tv_endpoints[ep].request != 0 && request == NULL)) {
        return TV_ERR_INVALID_ARG;
    }
    tv_call call;
    memset(&call, 0, sizeof call);
    call.ep = ep;
    call.request = request;
    call.result = result;
    return tv_call_run(c, &call);
}

static int tv_run_list(tv_client *c, tv_endpoint_id ep, int64_t id, const int64_t *ids, size_t n,
                       tv_sink *sink)
{
    tv_query_kind q = (tv_query_kind)tv_endpoints[ep].query;
    if (c == NULL || sink == NULL ||
        ((q == TV_Q_IDS || q == TV_Q_MASTERIDS) && (ids == NULL || n == 0)) ||
        (sink->on_item == NULL && sink->items == NULL && sink->capacity > 0)) {
        return TV_ERR_INVALID_ARG;
    }
    tv_call call;
    memset(&call, 0, sizeof call);
    call.ep = ep;
    call.id = id;
    call.ids = ids;
    call.n = n;
    call.sink = sink;
    sink->count = 0;
    sink->strings_used = 0;
    return tv_call_run(c, &call);
}

static int tv_run_item(tv_client *c, tv_endpoint_id ep, int64_t id, const char *name, void *out)
{
    if (c == NULL || out == NULL) {
        return TV_ERR_INVALID_ARG;
    }
    tv_call call;
    memset(&call, 0, sizeof call);
    call.ep = ep;
    call.id = id;
    call.name = name;
    call.result = out;
    return tv_call_run(c, &call);
}

tv_sink tv_sink_callback(int (*on_item)(void *user, const void *entity), void *user)
{
    tv_sink s;
    memset(&s, 0, sizeof s);
    s.on_item = on_item;
    s.user = user;
    return s;
}

tv_sink tv_sink_array(void *items, size_t capacity, char *strings, size_t strings_size)
{
    tv_sink s;
    memset(&s, 0, sizeof s);
    s.items = items;
    s.capacity = capacity;
    s.strings = strings;
    s.strings_size = strings != NULL ? strings_size : 0;
    return s;
}

/* ---- auth, time, user info ------------------------------------------- */

int tv_auth_me(tv_client *c, tv_me_response *out)
{
    return tv_run_item(c, TV_EP_AUTH_ME, 0, NULL, out);
}

int tv_server_timestamp(tv_client *c, int64_t *epoch_ms)
{
    return tv_run_item(c, TV_EP_TIMESTAMP, 0, NULL, epoch_ms);
}

int tv_oidc_userinfo(tv_client *c, tv_user_info *out)
{
    return tv_run_item(c, TV_EP_USERINFO, 0, NULL, out);
}

/* ---- order actions ---------------------------------------------------- */

int tv_order_place(tv_client *c, const tv_place_order *req, tv_place_order_result *out)
{
    return tv_run(c, TV_EP_PLACE_ORDER, req, out);
}

int tv_order_place_oco(tv_client *c, const tv_place_oco *req, tv_place_oco_result *out)
{
    return tv_run(c, TV_EP_PLACE_OCO, req, out);
}

int tv_order_place_oso(tv_client *c, const tv_place_oso *req, tv_place_oso_result *out)
{
    return tv_run(c, TV_EP_PLACE_OSO, req, out);
}

int tv_order_modify(tv_client *c, const tv_modify_order *req, tv_command_result *out)
{
    return tv_run(c, TV_EP_MODIFY_ORDER, req, out);
}

int tv_order_cancel(tv_client *c, const tv_cancel_order *req, tv_command_result *out)
{
    return tv_run(c, TV_EP_CANCEL_ORDER, req, out);
}

int tv_order_liquidate_position(tv_client *c, const tv_liquidate_position *req,
                                tv_place_order_result *out)
{
    return tv_run(c, TV_EP_LIQUIDATE_POSITION, req, out);
}

int tv_order_liquidate_positions(tv_client *c, const tv_liquidate_positions *req,
                                 tv_simple_response *out)
{
    return tv_run(c, TV_EP_LIQUIDATE_POSITIONS, req, out);
}

int tv_order_dry_run(tv_client *c, const tv_dry_run *req, tv_dry_run_response *out)
{
    if (req != NULL && (req->orders.count == 0 || req->orders.count > 4)) {
        return TV_ERR_INVALID_ARG; /* the service takes 1 to 4 orders */
    }
    return tv_run(c, TV_EP_DRY_RUN, req, out);
}

int tv_order_strategy_start(tv_client *c, const tv_start_order_strategy *req,
                            tv_order_strategy_status_response *out)
{
    return tv_run(c, TV_EP_START_STRATEGY, req, out);
}

int tv_order_strategy_modify(tv_client *c, const tv_modify_order_strategy *req,
                             tv_order_strategy_status_response *out)
{
    return tv_run(c, TV_EP_MODIFY_STRATEGY, req, out);
}

int tv_order_strategy_interrupt(tv_client *c, const tv_interrupt_order_strategy *req,
                                tv_order_strategy_status_response *out)
{
    return tv_run(c, TV_EP_INTERRUPT_STRATEGY, req, out);
}

/* ---- reconciliation ---------------------------------------------------- */

typedef struct tv_reconcile_ctx {
    const char *cl_ord_id;
    tv_reconcile_result *out;
} tv_reconcile_ctx;

static int tv_reconcile_match(void *user, const void *entity)
{
    tv_reconcile_ctx *ctx = (tv_reconcile_ctx *)user;
    const tv_command *cmd = (const tv_command *)entity;
    if (cmd->cl_ord_id == NULL || strcmp(cmd->cl_ord_id, ctx->cl_ord_id) != 0) {
        return 0;
    }
    /* The first command carrying the id is the one the request created
     * (later commands on the same order carry their own ids). */
    if (!ctx->out->found) {
        ctx->out->found = true;
        ctx->out->order_id = cmd->order_id;
        ctx->out->command_id = cmd->id;
        ctx->out->command_type = cmd->command_type;
        ctx->out->command_status = cmd->command_status;
    }
    return 0;
}

int tv_order_reconcile(tv_client *c, const char *cl_ord_id, tv_reconcile_result *out)
{
    if (c == NULL || cl_ord_id == NULL || cl_ord_id[0] == '\0' || out == NULL ||
        strlen(cl_ord_id) > TV_CL_ORD_ID_MAX) {
        return TV_ERR_INVALID_ARG;
    }
    memset(out, 0, sizeof *out);
    char id[TV_CL_ORD_ID_MAX + 1];
    memcpy(id, cl_ord_id, strlen(cl_ord_id) + 1); /* the caller's may be in our buffers */
    tv_reconcile_ctx ctx = {id, out};
    tv_sink sink = tv_sink_callback(tv_reconcile_match, &ctx);
    return tv_command_list(c, &sink);
}

/* ---- entity queries ---------------------------------------------------- */

#define TV__DEFINE_ENTITY_QUERIES(e, E)                                                            \
    int tv_##e##_list(tv_client *c, tv_sink *sink)                                                 \
    {                                                                                              \
        return tv_run_list(c, TV_EP_##E##_LIST, 0, NULL, 0, sink);                                 \
    }                                                                                              \
    int tv_##e##_item(tv_client *c, int64_t id, tv_##e *out)                                       \
    {                                                                                              \
        return tv_run_item(c, TV_EP_##E##_ITEM, id, NULL, out);                                    \
    }                                                                                              \
    int tv_##e##_items(tv_client *c, const int64_t *ids, size_t n, tv_sink *sink)                  \
    {                                                                                              \
        return tv_run_list(c, TV_EP_##E##_ITEMS, 0, ids, n, sink);                                 \
    }                                                                                              \
    int tv_##e##_deps(tv_client *c, int64_t master_id, tv_sink *sink)                              \
    {                                                                                              \
        return tv_run_list(c, TV_EP_##E##_DEPS, master_id, NULL, 0, sink);                         \
    }                                                                                              \
    int tv_##e##_ldeps(tv_client *c, const int64_t *master_ids, size_t n, tv_sink *sink)           \
    {                                                                                              \
        return tv_run_list(c, TV_EP_##E##_LDEPS, 0, master_ids, n, sink);                          \
    }

TV__DEFINE_ENTITY_QUERIES(command, COMMAND)
TV__DEFINE_ENTITY_QUERIES(command_report, COMMAND_REPORT)
TV__DEFINE_ENTITY_QUERIES(execution_report, EXECUTION_REPORT)
TV__DEFINE_ENTITY_QUERIES(fill, FILL)
TV__DEFINE_ENTITY_QUERIES(fill_fee, FILL_FEE)
TV__DEFINE_ENTITY_QUERIES(order, ORDER)
TV__DEFINE_ENTITY_QUERIES(order_strategy, ORDER_STRATEGY)
TV__DEFINE_ENTITY_QUERIES(order_strategy_link, ORDER_STRATEGY_LINK)
TV__DEFINE_ENTITY_QUERIES(order_version, ORDER_VERSION)

int tv_account_list(tv_client *c, tv_sink *sink)
{
    return tv_run_list(c, TV_EP_ACCOUNT_LIST, 0, NULL, 0, sink);
}

int tv_position_list(tv_client *c, tv_sink *sink)
{
    return tv_run_list(c, TV_EP_POSITION_LIST, 0, NULL, 0, sink);
}

int tv_contract_find(tv_client *c, const char *name, tv_contract *out)
{
    if (name == NULL) {
        return TV_ERR_INVALID_ARG;
    }
    return tv_run_item(c, TV_EP_CONTRACT_FIND, 0, name, out);
}

int tv_contract_item(tv_client *c, int64_t id, tv_contract *out)
{
    return tv_run_item(c, TV_EP_CONTRACT_ITEM, id, NULL, out);
}
