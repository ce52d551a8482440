/*
 * The table-driven decoder and encoder, without a network: exact request
 * bytes (JSON inside JSON included), decoding of every kind, absent and null
 * fields, unknown keys and enum values, legacy spellings, required fields,
 * string copies for array sinks, and the enum name tables both ways.
 */
#include <math.h>
#include <string.h>

#include "tradovate/tv_types.h"
#include "tv_codec_priv.h"
#include "tv_tables_priv.h"
#include "tv_test.h"

static tv_json_tok toks[256];

static int decode(const char *json, const tv_schema *s, void *out, const char **where)
{
    static char text[4096];
    tv_json_doc doc;
    size_t n = strlen(json);
    memcpy(text, json, n + 1);
    int rc = tv_json_parse(&doc, text, n, toks, 256);
    if (rc < 0) {
        return rc;
    }
    *where = NULL;
    return tv_codec_decode(&doc, 0, s, out, where);
}

static int encode(const tv_schema *s, const void *in, const tv_codec_default *d, char *out,
                  size_t cap, const char **where)
{
    tv_json_writer w;
    size_t len = 0;
    tv_json_writer_init(&w, out, cap - 1);
    tv_json_write_object_begin(&w);
    *where = NULL;
    int rc = tv_codec_encode_members(&w, s, in, d, where);
    tv_json_write_object_end(&w);
    if (rc == TV_OK) {
        rc = tv_json_writer_finish(&w, &len);
    }
    out[rc == TV_OK ? len : 0] = '\0';
    return rc;
}

static void test_decode_order(void)
{
    tv_order o;
    const char *where;
    TV_CHECK_INT(decode("{\"id\":4000000000001,\"accountId\":1001,\"contractId\":null,"
                        "\"timestamp\":\"2026-11-25T12:00:00.123Z\",\"action\":\"Sell\","
                        "\"ordStatus\":\"BrandNewStatus\",\"admin\":false,\"unknownKey\":[1,{}],"
                        "\"linkedId\":9223372036854775807}",
                        &tv_order_schema, &o, &where),
                 TV_OK);
    TV_CHECK_INT(o.id, 4000000000001);
    TV_CHECK(TV_HAS(&o, tv_order, id));
    TV_CHECK(!TV_HAS(&o, tv_order, contract_id)); /* null: absent */
    TV_CHECK(!TV_HAS(&o, tv_order, oco_id));      /* missing: absent */
    TV_CHECK_INT(o.timestamp, 1795608000123);
    TV_CHECK_INT(o.action, TV_ACTION_SELL);
    TV_CHECK_INT(o.ord_status, TV_ORD_STATUS_UNRECOGNIZED); /* a value the library does not know */
    TV_CHECK(TV_HAS(&o, tv_order, ord_status));
    TV_CHECK_INT(o.linked_id, INT64_MAX);

    /* Keys are matched on their raw bytes first; an escaped spelling of a
     * key, or a key with a NUL in it, still decodes as JSON says. */
    TV_CHECK_INT(decode("{\"admin\":true,\"\\u0069d\":7,\"acc\\u006FuntId\":2,"
                        "\"timestamp\":\"2026-01-01T00:00Z\",\"action\":\"Buy\","
                        "\"ordStatus\":\"Working\",\"ocoId\\u0000\":5,\"parentI\":6}",
                        &tv_order_schema, &o, &where),
                 TV_OK);
    TV_CHECK_INT(o.id, 7);
    TV_CHECK_INT(o.account_id, 2);
    TV_CHECK(o.admin);
    TV_CHECK(!TV_HAS(&o, tv_order, oco_id) && !TV_HAS(&o, tv_order, parent_id));

    /* strict: a required field missing, a wrong type, an id out of range */
    TV_CHECK_INT(decode("{\"accountId\":1,\"timestamp\":\"2026-01-01T00:00Z\",\"action\":\"Buy\","
                        "\"ordStatus\":\"Working\"}",
                        &tv_order_schema, &o, &where),
                 TV_ERR_JSON_MISSING_FIELD);
    TV_CHECK_STR(where, "admin");
    TV_CHECK_INT(decode("{\"id\":\"7\"}", &tv_order_schema, &o, &where), TV_ERR_JSON_TYPE);
    TV_CHECK_STR(where, "id");
    TV_CHECK_INT(decode("{\"id\":9223372036854775808}", &tv_order_schema, &o, &where),
                 TV_ERR_JSON_RANGE);
    TV_CHECK_INT(decode("{\"id\":1.5}", &tv_order_schema, &o, &where), TV_ERR_JSON_TYPE);
    TV_CHECK_INT(decode("{\"timestamp\":\"2026-02-30T00:00Z\"}", &tv_order_schema, &o, &where),
                 TV_ERR_JSON_BAD_TIMESTAMP);
    TV_CHECK_INT(decode("[1]", &tv_order_schema, &o, &where), TV_ERR_JSON_TYPE);
}

static void test_decode_kinds(void)
{
    const char *where;
    tv_fill f;
    TV_CHECK_INT(decode("{\"id\":1,\"orderId\":2,\"contractId\":3,\"timestamp\":\"2026-11-25T12:00Z\","
                        "\"tradeDate\":{\"year\":2026,\"month\":11,\"day\":25},\"action\":\"Buy\","
                        "\"qty\":2147483647,\"price\":4150.25,\"active\":true,\"finallyPaired\":0}",
                        &tv_fill_schema, &f, &where),
                 TV_OK);
    TV_CHECK_INT(f.trade_date.year, 2026);
    TV_CHECK_INT(f.trade_date.month, 11);
    TV_CHECK_INT(f.trade_date.day, 25);
    TV_CHECK_INT(f.qty, INT32_MAX);
    TV_CHECK_DBL(f.price, 4150.25);
    TV_CHECK(f.active);
    TV_CHECK_INT(decode("{\"qty\":2147483648}", &tv_fill_schema, &f, &where), TV_ERR_JSON_RANGE);
    /* a price out of range fails, is not present, and reads +0.0, not -0.0 */
    memset(&f, 0xff, sizeof f);
    TV_CHECK_INT(decode("{\"id\":1,\"price\":-1e999}", &tv_fill_schema, &f, &where),
                 TV_ERR_JSON_RANGE);
    TV_CHECK_STR(where, "price");
    TV_CHECK(!TV_HAS(&f, tv_fill, price) && f.price == 0 && !signbit(f.price));
    TV_CHECK_INT(decode("{\"tradeDate\":{\"year\":2026,\"month\":13,\"day\":1}}", &tv_fill_schema,
                        &f, &where),
                 TV_ERR_JSON_RANGE);
    TV_CHECK_STR(where, "tradeDate");

    /* the legacy spelling of FillFee.commission */
    tv_fill_fee fee;
    TV_CHECK_INT(decode("{\"id\":5,\"commissionFee\":0.59}", &tv_fill_fee_schema, &fee, &where),
                 TV_OK);
    TV_CHECK_DBL(fee.commission, 0.59);
    TV_CHECK(TV_HAS(&fee, tv_fill_fee, commission));

    /* string arrays, unescaped and packed in place */
    tv_me_response me;
    TV_CHECK_INT(decode("{\"userId\":1,\"currentMDSubs\":[\"CME\",\"CB\\u004fT\",\"\"],"
                        "\"activePlugins\":[],\"name\":\"d\\u00e9mo\"}",
                        &tv_me_response_schema, &me, &where),
                 TV_OK);
    TV_CHECK_INT(me.current_md_subs.count, 3);
    TV_CHECK_STR(me.current_md_subs.first, "CME");
    TV_CHECK_STR(tv_str_list_next(me.current_md_subs.first), "CBOT");
    TV_CHECK_STR(tv_str_list_next(tv_str_list_next(me.current_md_subs.first)), "");
    TV_CHECK_INT(me.active_plugins.count, 0);
    TV_CHECK_STR(me.name, "d\xc3\xa9mo");

    /* nested objects by value; a copy of every string into an arena */
    tv_order_strategy_status_response st;
    TV_CHECK_INT(decode("{\"orderStrategy\":{\"id\":9,\"accountId\":1,\"timestamp\":"
                        "\"2026-11-25T12:00Z\",\"contractId\":2,\"orderStrategyTypeId\":2,"
                        "\"action\":\"Buy\",\"status\":\"ActiveStrategy\",\"uuid\":\"u-1\","
                        "\"params\":\"{\\\"a\\\":1}\"}}",
                        &tv_order_strategy_status_response_schema, &st, &where),
                 TV_OK);
    TV_CHECK_STR(st.order_strategy.params, "{\"a\":1}");
    char arena[16];
    size_t used = 0;
    TV_CHECK_INT(tv_codec_copy_strings(&tv_order_strategy_status_response_schema, &st, arena,
                                       sizeof arena, &used),
                 TV_OK);
    TV_CHECK_INT(used, 12);
    TV_CHECK(st.order_strategy.uuid == arena + 8 || st.order_strategy.params == arena);
    TV_CHECK_STR(st.order_strategy.params, "{\"a\":1}");
    TV_CHECK_STR(st.order_strategy.uuid, "u-1");
    used = 10;
    TV_CHECK_INT(tv_codec_copy_strings(&tv_order_strategy_status_response_schema, &st, arena,
                                       sizeof arena, &used),
                 TV_ERR_BUFFER_TOO_SMALL);
}

static void test_encode_requests(void)
{
    char out[1024];
    const char *where;
    tv_place_order o;
    memset(&o, 0, sizeof o);
    o.action = TV_ACTION_BUY;
    o.symbol = "ESZ6";
    o.order_qty = 1;
    o.order_type = TV_ORDER_TYPE_LIMIT;
    TV_SET(&o, tv_place_order, account_id, 1001);
    TV_SET(&o, tv_place_order, price, 4150.25);
    TV_SET(&o, tv_place_order, is_automated, true);
    o.text = "say \"hi\"\n";
    tv_codec_default d = {tv_place_order_bit_cl_ord_id, "tvabc-1"};
    TV_CHECK_INT(encode(&tv_place_order_schema, &o, &d, out, sizeof out, &where), TV_OK);
    TV_CHECK_STR(out, "{\"accountId\":1001,\"clOrdId\":\"tvabc-1\",\"action\":\"Buy\","
                      "\"symbol\":\"ESZ6\",\"orderQty\":1,\"orderType\":\"Limit\","
                      "\"price\":4150.25,\"text\":\"say \\\"hi\\\"\\n\",\"isAutomated\":true}");
    o.cl_ord_id = "mine"; /* the caller's own id wins over the default */
    TV_CHECK_INT(encode(&tv_place_order_schema, &o, &d, out, sizeof out, &where), TV_OK);
    TV_CHECK(strstr(out, "\"clOrdId\":\"mine\"") != NULL);
    TV_CHECK(strstr(out, "tvabc-1") == NULL);

    o.symbol = NULL; /* required */
    TV_CHECK_INT(encode(&tv_place_order_schema, &o, &d, out, sizeof out, &where),
                 TV_ERR_INVALID_ARG);
    TV_CHECK_STR(where, "symbol");
    o.symbol = "ESZ6";
    o.order_type = (tv_order_type)99;
    TV_CHECK_INT(encode(&tv_place_order_schema, &o, &d, out, sizeof out, &where),
                 TV_ERR_INVALID_ARG);
    TV_CHECK_STR(where, "orderType");
    o.order_type = TV_ORDER_TYPE_LIMIT;
    TV_CHECK_INT(encode(&tv_place_order_schema, &o, &d, out, 40, &where),
                 TV_ERR_BUFFER_TOO_SMALL);

    /* startOrderStrategy: params, a typed struct, goes out as JSON in a string */
    tv_start_order_strategy st;
    tv_strategy_bracket br[2];
    memset(&st, 0, sizeof st);
    memset(br, 0, sizeof br);
    st.symbol = "MESZ6";
    st.order_strategy_type_id = 2;
    st.action = TV_ACTION_SELL;
    st.params.entry_version.order_qty = 2;
    st.params.entry_version.order_type = TV_ORDER_TYPE_LIMIT;
    TV_SET(&st.params.entry_version, tv_strategy_entry_version, price, 6000.5);
    br[0].qty = 1;
    TV_SET(&br[0], tv_strategy_bracket, profit_target, -30);
    TV_SET(&br[0], tv_strategy_bracket, stop_loss, 15);
    br[1].qty = 1;
    TV_SET(&br[1], tv_strategy_bracket, trailing_stop, true);
    st.params.brackets.items = br;
    st.params.brackets.count = 2;
    TV_SET(&st, tv_start_order_strategy, params, st.params);
    TV_CHECK_INT(encode(&tv_start_order_strategy_schema, &st, NULL, out, sizeof out, &where),
                 TV_OK);
    TV_CHECK_STR(out, "{\"symbol\":\"MESZ6\",\"orderStrategyTypeId\":2,\"action\":\"Sell\","
                      "\"params\":\"{\\\"entryVersion\\\":{\\\"orderQty\\\":2,\\\"orderType\\\":"
                      "\\\"Limit\\\",\\\"price\\\":6000.5},\\\"brackets\\\":[{\\\"qty\\\":1,"
                      "\\\"profitTarget\\\":-30,\\\"stopLoss\\\":15},{\\\"qty\\\":1,"
                      "\\\"trailingStop\\\":true}]}\"}");

    /* id lists, object lists, dates; free-form JSON only when valid */
    tv_dry_run dr;
    tv_dry_run_order ord;
    memset(&dr, 0, sizeof dr);
    memset(&ord, 0, sizeof ord);
    dr.account_id = 7;
    ord.contract_id = 8;
    ord.action = TV_ACTION_BUY;
    ord.order_qty = 1;
    ord.order_type = TV_ORDER_TYPE_MARKET;
    dr.orders.items = &ord;
    dr.orders.count = 1;
    dr.extra_pre_trade_risk.products = "{\"ES\":{\"max\":2}}";
    dr.extra_pre_trade_risk.contracts = "{}";
    TV_SET(&dr, tv_dry_run, extra_pre_trade_risk, dr.extra_pre_trade_risk);
    TV_CHECK_INT(encode(&tv_dry_run_schema, &dr, NULL, out, sizeof out, &where), TV_OK);
    TV_CHECK_STR(out, "{\"accountId\":7,\"orders\":[{\"contractId\":8,\"action\":\"Buy\","
                      "\"orderQty\":1,\"orderType\":\"Market\"}],\"extraPreTradeRisk\":"
                      "{\"products\":{\"ES\":{\"max\":2}},\"contracts\":{}}}");
    dr.extra_pre_trade_risk.contracts = "{\"a\":1}, \"injected\":true";
    TV_CHECK_INT(encode(&tv_dry_run_schema, &dr, NULL, out, sizeof out, &where),
                 TV_ERR_JSON_TRAILING_DATA);
    int64_t ids[3] = {1, -2, 4000000000003};
    tv_liquidate_positions lp;
    memset(&lp, 0, sizeof lp);
    lp.positions.items = ids;
    lp.positions.count = 3;
    TV_CHECK_INT(encode(&tv_liquidate_positions_schema, &lp, NULL, out, sizeof out, &where),
                 TV_OK);
    TV_CHECK_STR(out, "{\"positions\":[1,-2,4000000000003],\"admin\":false}");
}

/* A name the codec writes as it is (tv_json_write_key_plain/_str_plain):
 * printable ASCII without a quote or backslash. */
static bool plain_name(const char *s)
{
    for (; *s != '\0'; s++) {
        if (*s < 0x20 || *s > 0x7e || *s == '"' || *s == '\\') {
            return false;
        }
    }
    return true;
}

static void test_enum_tables(void)
{
    TV_CHECK_STR(tv_action_name(TV_ACTION_BUY), "Buy");
    TV_CHECK(tv_action_name(TV_ACTION_UNRECOGNIZED) == NULL);
    TV_CHECK(tv_action_name((tv_action)77) == NULL);
    TV_CHECK_INT(tv_action_parse("Sell", 4), TV_ACTION_SELL);
    TV_CHECK_INT(tv_action_parse("Sel", 3), TV_ACTION_UNRECOGNIZED);
    TV_CHECK_INT(tv_action_parse("Sells", 5), TV_ACTION_UNRECOGNIZED);
    TV_CHECK_INT(tv_action_parse("sell", 4), TV_ACTION_UNRECOGNIZED);
    TV_CHECK_INT(tv_ord_status_parse("Unknown", 7), TV_ORD_STATUS_UNKNOWN); /* a real value */
    /* every value of every enum round-trips through its name */
    int enums = 0, values = 0;
    for (const tv_enum_desc *const *d = tv_all_enums; *d != NULL; d++, enums++) {
        for (uint16_t v = 1; v < (*d)->count; v++, values++) {
            const char *name = tv_enum_name(*d, v);
            TV_CHECK(name != NULL);
            TV_CHECK_INT(tv_enum_parse(*d, name, strlen(name)), v);
            TV_CHECK(name != NULL && plain_name(name)); /* written without escaping */
        }
    }
    TV_CHECK_INT(enums, 25);
    TV_CHECK(values > 150);
    int schemas = 0;
    for (const tv_schema *const *s = tv_all_schemas; *s != NULL; s++, schemas++) {
        TV_CHECK((*s)->count >= 1 && (*s)->count <= 32);
        for (uint16_t i = 0; i < (*s)->count; i++) {
            TV_CHECK(plain_name((*s)->fields[i].json)); /* keys are written without escaping */
        }
    }
    TV_CHECK(schemas >= 40);
}

int main(void)
{
    TV_RUN(test_decode_order);
    TV_RUN(test_decode_kinds);
    TV_RUN(test_encode_requests);
    TV_RUN(test_enum_tables);
    return tv_test_summary();
}
