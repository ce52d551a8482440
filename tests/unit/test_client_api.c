/*
 * Every one of the 58 operations against the simulator, with decoded fields
 * asserted: auth (3), Get Timestamp, OIDC User Info, the 11 order actions and
 * the 45 entity queries (list/item/items/deps/ldeps of nine entities).
 */
#include <math.h>
#include <string.h>

#include "client_fixture.h"
#include "tradovate/tv_port.h"
#include "tv_test.h"
#include "tv_tables_priv.h"

static tv_sim sim;
static tv_fixture fx;
#define C (&fx.client)

#define ACCOUNT 1001
#define ES 4001001

static void test_auth(void)
{
    tv_access_token_response r;
    TV_CHECK_INT(tv_auth_request_token(C, &r), TV_OK);
    TV_CHECK_INT(r.user_id, 101);
    TV_CHECK_STR(r.name, "demo");
    TV_CHECK_INT(r.user_status, TV_USER_STATUS_ACTIVE);
    TV_CHECK(TV_HAS(&r, tv_access_token_response, expiration_time));
    TV_CHECK(r.access_token == NULL); /* the client keeps the only copy */
    TV_CHECK(!TV_HAS(&r, tv_access_token_response, access_token));
    TV_CHECK(tv_client_logged_in(C));
    TV_CHECK(tv_client_token_seconds_left(C) > 4000);

    TV_CHECK_INT(tv_auth_renew_token(C, &r), TV_OK);
    TV_CHECK_INT(r.user_id, 101);
    TV_CHECK(tv_client_logged_in(C));

    tv_me_response me;
    TV_CHECK_INT(tv_auth_me(C, &me), TV_OK);
    TV_CHECK_INT(me.user_id, 101);
    TV_CHECK_STR(me.name, "demo");
    TV_CHECK_STR(me.email, "demo@example.com");
    TV_CHECK_STR(me.full_name, "Demo Trader");
    TV_CHECK(TV_HAS(&me, tv_me_response, email_verified));
}

static void test_time_and_userinfo(void)
{
    int64_t ms = 0;
    TV_CHECK_INT(tv_server_timestamp(C, &ms), TV_OK);
    int64_t now = tv_port_unix_time_s() * 1000;
    TV_CHECK(ms > now - 60000 && ms < now + 60000);

    tv_user_info ui;
    TV_CHECK_INT(tv_oidc_userinfo(C, &ui), TV_OK);
    TV_CHECK_STR(ui.sub, "101");
    TV_CHECK_STR(ui.preferred_username, "demo");
    TV_CHECK_STR(ui.email, "demo@example.com");
    TV_CHECK(TV_HAS(&ui, tv_user_info, email_verified) && ui.email_verified);
}

static tv_place_order market(tv_action action, int32_t qty)
{
    tv_place_order o;
    memset(&o, 0, sizeof o);
    TV_SET(&o, tv_place_order, account_id, ACCOUNT);
    o.symbol = "ESZ6";
    o.action = action;
    o.order_qty = qty;
    o.order_type = TV_ORDER_TYPE_MARKET;
    TV_SET(&o, tv_place_order, is_automated, true);
    return o;
}

static tv_order get_order(int64_t id)
{
    tv_order o;
    memset(&o, 0, sizeof o);
    TV_CHECK_INT(tv_order_item(C, id, &o), TV_OK);
    return o;
}

static void test_place_modify_cancel(void)
{
    tv_place_order o = market(TV_ACTION_BUY, 1);
    tv_place_order_result r;
    TV_CHECK_INT(tv_order_place(C, &o, &r), TV_OK);
    TV_CHECK(r.order_id > 4000000000000);
    TV_CHECK(strncmp(tv_client_last_call(C)->cl_ord_id, "tv", 2) == 0);
    tv_order ord = get_order(r.order_id);
    TV_CHECK_INT(ord.id, r.order_id);
    TV_CHECK_INT(ord.account_id, ACCOUNT);
    TV_CHECK_INT(ord.contract_id, ES);
    TV_CHECK_INT(ord.action, TV_ACTION_BUY);
    TV_CHECK_INT(ord.ord_status, TV_ORD_STATUS_FILLED);

    /* a limit below the market rests; modify its price, then cancel it */
    tv_place_order lim = market(TV_ACTION_BUY, 2);
    lim.order_type = TV_ORDER_TYPE_LIMIT;
    TV_SET(&lim, tv_place_order, price, 5990.25);
    lim.cl_ord_id = "caller-chosen-id-1";
    TV_CHECK_INT(tv_order_place(C, &lim, &r), TV_OK);
    TV_CHECK_STR(tv_client_last_call(C)->cl_ord_id, "caller-chosen-id-1");
    int64_t limit_id = r.order_id;
    TV_CHECK_INT(get_order(limit_id).ord_status, TV_ORD_STATUS_WORKING);

    tv_modify_order m;
    memset(&m, 0, sizeof m);
    m.order_id = limit_id;
    m.order_qty = 2;
    m.order_type = TV_ORDER_TYPE_LIMIT;
    TV_SET(&m, tv_modify_order, price, 5985.5);
    tv_command_result cr;
    TV_CHECK_INT(tv_order_modify(C, &m, &cr), TV_OK);
    TV_CHECK(cr.command_id > 0);

    tv_order_version versions[4];
    char strings[256];
    tv_sink sink = tv_sink_array(versions, 4, strings, sizeof strings);
    TV_CHECK_INT(tv_order_version_deps(C, limit_id, &sink), TV_OK);
    TV_CHECK_INT(sink.count, 2);
    TV_CHECK_DBL(versions[0].price, 5990.25);
    TV_CHECK_DBL(versions[1].price, 5985.5);
    TV_CHECK_INT(versions[1].order_qty, 2);
    TV_CHECK_INT(versions[1].order_type, TV_ORDER_TYPE_LIMIT);

    tv_cancel_order cx;
    memset(&cx, 0, sizeof cx);
    cx.order_id = limit_id;
    TV_CHECK_INT(tv_order_cancel(C, &cx, &cr), TV_OK);
    TV_CHECK(cr.command_id > 0);
    TV_CHECK_INT(get_order(limit_id).ord_status, TV_ORD_STATUS_CANCELED);
}

static void test_oco_oso(void)
{
    tv_place_oco oco;
    memset(&oco, 0, sizeof oco);
    TV_SET(&oco, tv_place_oco, account_id, ACCOUNT);
    oco.symbol = "MESZ6";
    oco.action = TV_ACTION_SELL;
    oco.order_qty = 1;
    oco.order_type = TV_ORDER_TYPE_LIMIT;
    TV_SET(&oco, tv_place_oco, price, 6100.75);
    oco.other.action = TV_ACTION_SELL;
    oco.other.order_type = TV_ORDER_TYPE_STOP;
    TV_SET(&oco.other, tv_restrained_order_version, stop_price, 5900.5);
    tv_place_oco_result r;
    TV_CHECK_INT(tv_order_place_oco(C, &oco, &r), TV_OK);
    TV_CHECK(r.order_id > 0 && r.oco_id > 0 && r.order_id != r.oco_id);
    TV_CHECK_INT(get_order(r.order_id).linked_id, r.oco_id);
    TV_CHECK_INT(get_order(r.oco_id).linked_id, r.order_id);

    tv_place_oso oso;
    memset(&oso, 0, sizeof oso);
    TV_SET(&oso, tv_place_oso, account_id, ACCOUNT);
    oso.symbol = "ESZ6";
    oso.action = TV_ACTION_BUY;
    oso.order_qty = 1;
    oso.order_type = TV_ORDER_TYPE_MARKET;
    oso.bracket1.action = TV_ACTION_SELL;
    oso.bracket1.order_type = TV_ORDER_TYPE_LIMIT;
    TV_SET(&oso.bracket1, tv_restrained_order_version, price, 6010.5);
    oso.bracket2.action = TV_ACTION_SELL;
    oso.bracket2.order_type = TV_ORDER_TYPE_STOP;
    TV_SET(&oso.bracket2, tv_restrained_order_version, stop_price, 5995);
    TV_SET(&oso, tv_place_oso, bracket2, oso.bracket2);
    tv_place_oso_result s;
    TV_CHECK_INT(tv_order_place_oso(C, &oso, &s), TV_OK);
    TV_CHECK(s.order_id > 0 && s.oso1_id > 0 && s.oso2_id > 0);
    TV_CHECK_INT(get_order(s.order_id).ord_status, TV_ORD_STATUS_FILLED);
    tv_order b1 = get_order(s.oso1_id);
    TV_CHECK_INT(b1.ord_status, TV_ORD_STATUS_WORKING);
    TV_CHECK_INT(b1.parent_id, s.order_id);
}

static void test_strategy(void)
{
    tv_start_order_strategy st;
    memset(&st, 0, sizeof st);
    TV_SET(&st, tv_start_order_strategy, account_id, ACCOUNT);
    st.symbol = "ESZ6";
    st.action = TV_ACTION_BUY;
    st.order_strategy_type_id = 2;
    tv_strategy_bracket br;
    memset(&br, 0, sizeof br);
    br.qty = 1;
    TV_SET(&br, tv_strategy_bracket, profit_target, 10.5);
    TV_SET(&br, tv_strategy_bracket, stop_loss, -5.25);
    st.params.entry_version.order_qty = 1;
    st.params.entry_version.order_type = TV_ORDER_TYPE_MARKET;
    st.params.brackets.items = &br;
    st.params.brackets.count = 1;
    TV_SET(&st, tv_start_order_strategy, params, st.params);
    tv_order_strategy_status_response r;
    TV_CHECK_INT(tv_order_strategy_start(C, &st, &r), TV_OK);
    TV_CHECK(TV_HAS(&r, tv_order_strategy_status_response, order_strategy));
    const tv_order_strategy *os = &r.order_strategy;
    TV_CHECK(os->id > 0);
    TV_CHECK_INT(os->status, TV_ORDER_STRATEGY_STATUS_ACTIVE_STRATEGY);
    TV_CHECK_INT(os->order_strategy_type_id, 2);
    /* params went out as JSON inside a JSON string and come back as that string */
    TV_CHECK_STR(os->params, "{\"entryVersion\":{\"orderQty\":1,\"orderType\":\"Market\"},"
                             "\"brackets\":[{\"qty\":1,\"profitTarget\":10.5,\"stopLoss\":-5.25}]}");
    /* the generated client id went out as the strategy's uuid */
    TV_CHECK_STR(os->uuid, tv_client_last_call(C)->cl_ord_id);
    int64_t sid = os->id;

    tv_modify_order_strategy mod;
    memset(&mod, 0, sizeof mod);
    mod.order_strategy_id = sid;
    mod.command = "{\"brackets\":[{\"profitTarget\":12,\"stopLoss\":-6}]}";
    TV_CHECK_INT(tv_order_strategy_modify(C, &mod, &r), TV_OK);
    TV_CHECK_INT(r.order_strategy.id, sid);

    tv_interrupt_order_strategy in;
    memset(&in, 0, sizeof in);
    in.order_strategy_id = sid;
    TV_CHECK_INT(tv_order_strategy_interrupt(C, &in, &r), TV_OK);
    TV_CHECK_INT(r.order_strategy.status, TV_ORDER_STRATEGY_STATUS_EXECUTION_INTERRUPTED);

    /* a second strategy, selling, with the caller's own uuid */
    st.action = TV_ACTION_SELL;
    st.symbol = "MESZ6";
    st.uuid = "my-strategy-2";
    br.profit_target = -8;
    br.stop_loss = 4;
    TV_CHECK_INT(tv_order_strategy_start(C, &st, &r), TV_OK);
    TV_CHECK_STR(r.order_strategy.uuid, "my-strategy-2");
    TV_CHECK_INT(r.order_strategy.action, TV_ACTION_SELL);
}

static int count_cb(void *user, const void *entity)
{
    (void)entity;
    ++*(size_t *)user;
    return 0;
}

static void test_dry_run_and_liquidate(void)
{
    size_t before = 0, after = 0;
    tv_sink cnt = tv_sink_callback(count_cb, &before);
    TV_CHECK_INT(tv_order_list(C, &cnt), TV_OK);

    tv_dry_run dr;
    tv_dry_run_order orders[2];
    memset(&dr, 0, sizeof dr);
    memset(orders, 0, sizeof orders);
    dr.account_id = ACCOUNT;
    orders[0].contract_id = ES;
    orders[0].action = TV_ACTION_BUY;
    orders[0].order_qty = 2;
    orders[0].order_type = TV_ORDER_TYPE_MARKET;
    orders[1] = orders[0];
    orders[1].order_type = TV_ORDER_TYPE_LIMIT;
    TV_SET(&orders[1], tv_dry_run_order, price, 5000);
    dr.orders.items = orders;
    dr.orders.count = 2;
    tv_dry_run_response rr;
    TV_CHECK_INT(tv_order_dry_run(C, &dr, &rr), TV_OK);
    TV_CHECK(TV_HAS(&rr, tv_dry_run_response, details));
    TV_CHECK(rr.details.initial_margin_req > 0);
    TV_CHECK(TV_HAS(&rr, tv_dry_run_response, fees));
    TV_CHECK(rr.fees.commission > 0);
    cnt = tv_sink_callback(count_cb, &after);
    TV_CHECK_INT(tv_order_list(C, &cnt), TV_OK);
    TV_CHECK_INT(after, before); /* nothing placed */
    dr.orders.count = 0;
    TV_CHECK_INT(tv_order_dry_run(C, &dr, &rr), TV_ERR_INVALID_ARG);

    tv_liquidate_position lp;
    memset(&lp, 0, sizeof lp);
    lp.account_id = ACCOUNT;
    lp.contract_id = ES;
    tv_place_order_result pr;
    TV_CHECK_INT(tv_order_liquidate_position(C, &lp, &pr), TV_OK);
    TV_CHECK(pr.order_id > 0);

    /* open a position on another contract and flatten it by position id */
    tv_place_order o = market(TV_ACTION_SELL, 3);
    o.symbol = "NQZ6";
    TV_CHECK_INT(tv_order_place(C, &o, &pr), TV_OK);
    tv_position pos[8];
    tv_sink ps = tv_sink_array(pos, 8, NULL, 0);
    TV_CHECK_INT(tv_position_list(C, &ps), TV_OK);
    int64_t ids[8];
    size_t n = 0;
    for (size_t i = 0; i < ps.count; i++) {
        if (pos[i].contract_id == 4001003) {
            TV_CHECK_INT(pos[i].net_pos, -3);
            ids[n++] = pos[i].id;
        }
        if (pos[i].contract_id == ES) {
            TV_CHECK_INT(pos[i].net_pos, 0);
        }
    }
    TV_CHECK_INT(n, 1);
    tv_liquidate_positions lps;
    memset(&lps, 0, sizeof lps);
    lps.positions.items = ids;
    lps.positions.count = n;
    tv_simple_response sr;
    TV_CHECK_INT(tv_order_liquidate_positions(C, &lps, &sr), TV_OK);
    TV_CHECK(sr.ok);
    ps = tv_sink_array(pos, 8, NULL, 0);
    TV_CHECK_INT(tv_position_list(C, &ps), TV_OK);
    for (size_t i = 0; i < ps.count; i++) {
        if (pos[i].contract_id == ES || pos[i].contract_id == 4001003) {
            TV_CHECK_INT(pos[i].net_pos, 0);
        }
    }

    tv_account acc[4];
    char strings[512];
    tv_sink as = tv_sink_array(acc, 4, strings, sizeof strings);
    TV_CHECK_INT(tv_account_list(C, &as), TV_OK);
    TV_CHECK_INT(as.count, 2);
    TV_CHECK_STR(acc[0].name, "DEMO0001");
    tv_contract ct;
    TV_CHECK_INT(tv_contract_find(C, "ZNZ6", &ct), TV_OK);
    TV_CHECK_STR(ct.name, "ZNZ6");
    TV_CHECK_INT(tv_contract_item(C, ct.id, &ct), TV_OK);
    TV_CHECK_STR(ct.name, "ZNZ6");
    TV_CHECK_INT(tv_contract_find(C, "NOPE9", &ct), TV_ERR_NOT_FOUND);
}

/* ---- the 45 entity queries, by one table ---------------------------- */

typedef struct entity_ops {
    const char *name;
    const tv_schema *schema;
    const char *master_field; /* JSON key holding the deps master id */
    int (*list)(tv_client *, tv_sink *);
    int (*item)(tv_client *, int64_t, void *);
    int (*items)(tv_client *, const int64_t *, size_t, tv_sink *);
    int (*deps)(tv_client *, int64_t, tv_sink *);
    int (*ldeps)(tv_client *, const int64_t *, size_t, tv_sink *);
} entity_ops;

#define ITEM(e)                                                                                    \
    static int item_##e(tv_client *c, int64_t id, void *out)                                       \
    {                                                                                              \
        return tv_##e##_item(c, id, (tv_##e *)out);                                                \
    }
ITEM(command)
ITEM(command_report)
ITEM(execution_report)
ITEM(fill)
ITEM(fill_fee)
ITEM(order)
ITEM(order_strategy)
ITEM(order_strategy_link)
ITEM(order_version)
#define OPS(e, master)                                                                             \
    {#e, &tv_##e##_schema, master, tv_##e##_list, item_##e, tv_##e##_items, tv_##e##_deps,         \
     tv_##e##_ldeps}

static const entity_ops entities[] = {
    OPS(command, "orderId"),          OPS(command_report, "commandId"),
    OPS(execution_report, "commandId"), OPS(fill, "orderId"),
    OPS(fill_fee, "id"),              OPS(order, "accountId"),
    OPS(order_strategy, "accountId"), OPS(order_strategy_link, "orderStrategyId"),
    OPS(order_version, "orderId"),
};

static int64_t field_i64(const tv_schema *s, const void *obj, const char *json)
{
    for (uint16_t i = 0; i < s->count; i++) {
        if (strcmp(s->fields[i].json, json) == 0) {
            int64_t v;
            memcpy(&v, (const char *)obj + s->fields[i].offset, sizeof v);
            return v;
        }
    }
    return -1;
}

typedef struct collected {
    const entity_ops *ops;
    int64_t ids[64];
    int64_t masters[64];
    size_t n;
    int64_t must_master; /* deps checks: every element's master, 0: any */
    const int64_t *master_set;
    size_t master_set_n;
    int bad;
} collected;

static int collect(void *user, const void *entity)
{
    collected *c = (collected *)user;
    int64_t id = field_i64(c->ops->schema, entity, "id");
    int64_t m = field_i64(c->ops->schema, entity, c->ops->master_field);
    if (c->must_master != 0 && m != c->must_master) {
        c->bad++;
    }
    if (c->master_set != NULL) {
        bool in = false;
        for (size_t i = 0; i < c->master_set_n; i++) {
            in |= c->master_set[i] == m;
        }
        c->bad += !in;
    }
    if (c->n < 64) {
        c->ids[c->n] = id;
        c->masters[c->n] = m;
        c->n++;
    }
    return 0;
}

static void test_entity_queries(void)
{
    for (size_t e = 0; e < sizeof entities / sizeof entities[0]; e++) {
        const entity_ops *ops = &entities[e];
        tv_test_current = ops->name;
        collected all;
        memset(&all, 0, sizeof all);
        all.ops = ops;
        tv_sink sink = tv_sink_callback(collect, &all);
        TV_CHECK_INT(ops->list(C, &sink), TV_OK);
        TV_CHECK(all.n >= 2);
        TV_CHECK_INT(sink.count, all.n);
        if (all.n < 2) {
            continue;
        }
        /* item: the same entity back */
        union {
            tv_execution_report er;
            tv_order_strategy os;
            tv_fill_fee ff;
        } one;
        TV_CHECK_INT(ops->item(C, all.ids[1], &one), TV_OK);
        TV_CHECK_INT(field_i64(ops->schema, &one, "id"), all.ids[1]);
        TV_CHECK_INT(field_i64(ops->schema, &one, ops->master_field), all.masters[1]);
        TV_CHECK_INT(ops->item(C, 999999999999, &one), TV_ERR_NOT_FOUND);

        /* items: exactly those asked for */
        collected some;
        memset(&some, 0, sizeof some);
        some.ops = ops;
        sink = tv_sink_callback(collect, &some);
        TV_CHECK_INT(ops->items(C, all.ids, 2, &sink), TV_OK);
        TV_CHECK_INT(some.n, 2);
        TV_CHECK(some.ids[0] != some.ids[1]);
        TV_CHECK((some.ids[0] == all.ids[0] || some.ids[0] == all.ids[1]) &&
                 (some.ids[1] == all.ids[0] || some.ids[1] == all.ids[1]));

        /* deps: every element belongs to the master */
        collected deps;
        memset(&deps, 0, sizeof deps);
        deps.ops = ops;
        deps.must_master = all.masters[0];
        sink = tv_sink_callback(collect, &deps);
        TV_CHECK_INT(ops->deps(C, all.masters[0], &sink), TV_OK);
        TV_CHECK(deps.n >= 1);
        TV_CHECK_INT(deps.bad, 0);

        /* ldeps: every element belongs to one of the masters */
        int64_t masters[2] = {all.masters[0], all.masters[all.n - 1]};
        collected ld;
        memset(&ld, 0, sizeof ld);
        ld.ops = ops;
        ld.master_set = masters;
        ld.master_set_n = 2;
        sink = tv_sink_callback(collect, &ld);
        TV_CHECK_INT(ops->ldeps(C, masters, 2, &sink), TV_OK);
        TV_CHECK(ld.n >= deps.n);
        TV_CHECK_INT(ld.bad, 0);
        TV_CHECK_INT(ops->items(C, NULL, 0, &sink), TV_ERR_INVALID_ARG);
    }
    tv_test_current = "test_entity_queries";
}

/* Reading the decoded entities: prices, dates and enums of fills and fees. */
static void test_entity_fields(void)
{
    tv_place_order o = market(TV_ACTION_BUY, 1);
    o.symbol = "ZNZ6";
    tv_place_order_result r;
    TV_CHECK_INT(tv_order_place(C, &o, &r), TV_OK);
    tv_fill fills[2];
    tv_sink s = tv_sink_array(fills, 2, NULL, 0);
    TV_CHECK_INT(tv_fill_deps(C, r.order_id, &s), TV_OK);
    TV_CHECK_INT(s.count, 1);
    TV_CHECK_DBL(fills[0].price, 112.5);
    TV_CHECK_INT(fills[0].qty, 1);
    TV_CHECK_INT(fills[0].action, TV_ACTION_BUY);
    TV_CHECK(fills[0].trade_date.year >= 2026 && fills[0].trade_date.month >= 1);
    tv_fill_fee fee;
    TV_CHECK_INT(tv_fill_fee_item(C, fills[0].id, &fee), TV_OK);
    TV_CHECK_DBL(fee.commission, 0.59);
    TV_CHECK_DBL(fee.exchange_fee, 0.8);

    tv_command cmds[2];
    char strings[256];
    s = tv_sink_array(cmds, 2, strings, sizeof strings);
    TV_CHECK_INT(tv_command_deps(C, r.order_id, &s), TV_OK);
    TV_CHECK_INT(s.count, 1);
    TV_CHECK_INT(cmds[0].command_type, TV_COMMAND_TYPE_NEW);
    TV_CHECK(cmds[0].cl_ord_id != NULL && strncmp(cmds[0].cl_ord_id, "tv", 2) == 0);
    tv_execution_report ers[4];
    s = tv_sink_array(ers, 4, strings, sizeof strings);
    TV_CHECK_INT(tv_execution_report_deps(C, cmds[0].id, &s), TV_OK);
    TV_CHECK(s.count >= 2);
    TV_CHECK_INT(ers[s.count - 1].exec_type, TV_EXEC_TYPE_TRADE);
    TV_CHECK_DBL(ers[s.count - 1].last_px, 112.5);
    TV_CHECK_STR(ers[0].name, "ZNZ6");
    /* array mode copies strings out of the response buffer */
    TV_CHECK(ers[0].name >= strings && ers[0].name < strings + sizeof strings);
}

int main(void)
{
    if (tv_sim_start(&sim, NULL) != 0) {
        return 1;
    }
    TV_CHECK_INT(tv_fixture_client(&fx, &sim, 16384), TV_OK);
    TV_RUN(test_auth);
    TV_RUN(test_time_and_userinfo);
    TV_RUN(test_place_modify_cancel);
    TV_RUN(test_oco_oso);
    TV_RUN(test_strategy);
    TV_RUN(test_dry_run_and_liquidate);
    TV_RUN(test_entity_queries);
    TV_RUN(test_entity_fields);
    tv_client_free(C);
    TV_CHECK_INT(tv_sim_stop(&sim), 0);
    return tv_test_summary();
}
