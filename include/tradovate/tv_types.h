/**
 * @file tv_types.h
 * @brief The Tradovate JSON objects the library sends and receives, as C structs.
 *
 * Each type is declared once, as an X-macro list whose rows read
 *
 *     X(T, c_member, C type, "jsonName", KIND, REQ|OPT, aux)
 *
 * and TV_DECLARE_SCHEMA (tv_schema.h) turns the list into the struct
 * `tv_<type>` (first member `uint32_t present`, then the members in order),
 * the presence bits `tv_<type>_bit_<member>` and the table `tv_<type>_schema`
 * that the one table-driven decoder/encoder walks. KIND and the C type it
 * implies are explained in tv_schema.h. REQ marks fields the reference marks
 * required: when decoding, a missing REQ field is TV_ERR_JSON_MISSING_FIELD
 * (unless TV_CONFIG_STRICT_REQUIRED is 0); when encoding, REQ fields are
 * always sent and OPT fields only when present (strings: when non-NULL).
 *
 * Lifetimes: STR, STRS and RAW members of *decoded* structs point into the
 * client's response buffer and stay valid until the next call on that
 * client (or, for streamed lists, until the callback returns). Members of
 * *request* structs are the caller's and are only read during the call.
 *
 * Units: TIME members are milliseconds since 1970-01-01T00:00:00Z; prices
 * are doubles; ids are int64 (never squeezed through a double).
 *
 * Field lists follow the API reference (sections 4 and 6), whose source is
 * the official OpenAPI document; tests/unit/test_conformance.c checks them
 * against the machine-readable reference in tests/api/tradovate-api.json.
 * Deliberate departures, each documented at its type: `cid` is sent as a
 * number; StartOrderStrategy.params is typed (tv_strategy_params) and sent as
 * the JSON-in-a-string the service expects; FillFee also accepts the legacy
 * spelling `commissionFee`; UserInfo follows OpenID Connect Core's claims.
 */
#ifndef TV_TYPES_H
#define TV_TYPES_H

#include "tradovate/tv_enums.h"
#include "tradovate/tv_schema.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- field groups that several types share -------------------------- */

/** Price and life-time fields shared by order versions and order requests. */
#define TV_FIELDS_ORDER_PRICES(X, T)                                                                 \
    X(T, price,                  double,           "price",               F64,  OPT, 0)              \
    X(T, stop_price,             double,           "stopPrice",           F64,  OPT, 0)              \
    X(T, limit_if_touched_price, double,           "limitIfTouchedPrice", F64,  OPT, 0)              \
    X(T, max_show,               int32_t,          "maxShow",             I32,  OPT, 0)              \
    X(T, peg_difference,         double,           "pegDifference",       F64,  OPT, 0)              \
    X(T, time_in_force,          tv_time_in_force, "timeInForce",         ENUM, OPT, time_in_force)  \
    X(T, expire_time,            int64_t,          "expireTime",          TIME, OPT, 0)              \
    X(T, text,                   const char *,     "text",                STR,  OPT, 0)

/** Fields every order command request ends with. */
#define TV_FIELDS_COMMAND_TAIL(X, T)                                                     \
    X(T, activation_time,        int64_t,          "activationTime",      TIME, OPT, 0)  \
    X(T, custom_tag50,           const char *,     "customTag50",         STR,  OPT, 0)  \
    X(T, is_automated,           bool,             "isAutomated",         BOOL, OPT, 0)

/** The fee fields of FillFee (and of EstimatedFillFee). */
#define TV_FIELDS_FILL_FEES(X, T)                                                    \
    X(T, clearing_fee,              double,  "clearingFee",            F64, OPT, 0)  \
    X(T, clearing_currency_id,      int64_t, "clearingCurrencyId",     I64, OPT, 0)  \
    X(T, exchange_fee,              double,  "exchangeFee",            F64, OPT, 0)  \
    X(T, exchange_currency_id,      int64_t, "exchangeCurrencyId",     I64, OPT, 0)  \
    X(T, nfa_fee,                   double,  "nfaFee",                 F64, OPT, 0)  \
    X(T, nfa_currency_id,           int64_t, "nfaCurrencyId",          I64, OPT, 0)  \
    X(T, brokerage_fee,             double,  "brokerageFee",           F64, OPT, 0)  \
    X(T, brokerage_currency_id,     int64_t, "brokerageCurrencyId",    I64, OPT, 0)  \
    X(T, ip_fee,                    double,  "ipFee",                  F64, OPT, 0)  \
    X(T, ip_currency_id,            int64_t, "ipCurrencyId",           I64, OPT, 0)  \
    X(T, commission,                double,  "commission",             F64, OPT, 0)  \
    X(T, commission_currency_id,    int64_t, "commissionCurrencyId",   I64, OPT, 0)  \
    X(T, order_routing_fee,         double,  "orderRoutingFee",        F64, OPT, 0)  \
    X(T, order_routing_currency_id, int64_t, "orderRoutingCurrencyId", I64, OPT, 0)

/* ================================================================== */
/* Entities and results (decoded from responses)                      */
/* ================================================================== */

/** Order (source S1 (+S4 notes)). */
#define TV_SCHEMA_ORDER(X, T)                                                                 \
    X(T, id,                    int64_t,       "id",                  I64,  OPT, 0)           \
    X(T, account_id,            int64_t,       "accountId",           I64,  REQ, 0)           \
    X(T, contract_id,           int64_t,       "contractId",          I64,  OPT, 0)           \
    X(T, spread_definition_id,  int64_t,       "spreadDefinitionId",  I64,  OPT, 0)           \
    X(T, timestamp,             int64_t,       "timestamp",           TIME, REQ, 0)           \
    X(T, action,                tv_action,     "action",              ENUM, REQ, action)      \
    X(T, ord_status,            tv_ord_status, "ordStatus",           ENUM, REQ, ord_status)  \
    X(T, execution_provider_id, int64_t,       "executionProviderId", I64,  OPT, 0)           \
    X(T, oco_id,                int64_t,       "ocoId",               I64,  OPT, 0)           \
    X(T, parent_id,             int64_t,       "parentId",            I64,  OPT, 0)           \
    X(T, linked_id,             int64_t,       "linkedId",            I64,  OPT, 0)           \
    X(T, admin,                 bool,          "admin",               BOOL, REQ, 0)

/** OrderVersion (source S1 (+S4 limits)). */
#define TV_SCHEMA_ORDER_VERSION(X, T)                                                             \
    X(T, id,                     int64_t,          "id",                  I64,  OPT, 0)           \
    X(T, order_id,               int64_t,          "orderId",             I64,  REQ, 0)           \
    X(T, order_qty,              int32_t,          "orderQty",            I32,  REQ, 0)           \
    X(T, order_type,             tv_order_type,    "orderType",           ENUM, REQ, order_type)  \
    TV_FIELDS_ORDER_PRICES(X, T)

/** Command (source S1 (+S4 limits)). */
#define TV_SCHEMA_COMMAND(X, T)                                                            \
    X(T, id,              int64_t,           "id",             I64,  OPT, 0)               \
    X(T, order_id,        int64_t,           "orderId",        I64,  REQ, 0)               \
    X(T, timestamp,       int64_t,           "timestamp",      TIME, REQ, 0)               \
    X(T, cl_ord_id,       const char *,      "clOrdId",        STR,  OPT, 0)               \
    X(T, command_type,    tv_command_type,   "commandType",    ENUM, REQ, command_type)    \
    X(T, command_status,  tv_command_status, "commandStatus",  ENUM, REQ, command_status)  \
    X(T, sender_id,       int64_t,           "senderId",       I64,  OPT, 0)               \
    X(T, user_session_id, int64_t,           "userSessionId",  I64,  OPT, 0)               \
    X(T, activation_time, int64_t,           "activationTime", TIME, OPT, 0)               \
    X(T, custom_tag50,    const char *,      "customTag50",    STR,  OPT, 0)               \
    X(T, is_automated,    bool,              "isAutomated",    BOOL, OPT, 0)

/** CommandReport (source S1 (+S4 limits)). */
#define TV_SCHEMA_COMMAND_REPORT(X, T)                                                   \
    X(T, id,             int64_t,           "id",            I64,  OPT, 0)               \
    X(T, command_id,     int64_t,           "commandId",     I64,  REQ, 0)               \
    X(T, timestamp,      int64_t,           "timestamp",     TIME, REQ, 0)               \
    X(T, command_status, tv_command_status, "commandStatus", ENUM, REQ, command_status)  \
    X(T, reject_reason,  tv_failure_reason, "rejectReason",  ENUM, OPT, failure_reason)  \
    X(T, text,           const char *,      "text",          STR,  OPT, 0)               \
    X(T, ord_status,     tv_ord_status,     "ordStatus",     ENUM, OPT, ord_status)

/** ExecutionReport (source S1 (+S4 limits)). */
#define TV_SCHEMA_EXECUTION_REPORT(X, T)                                                      \
    X(T, id,                int64_t,           "id",              I64,  OPT, 0)               \
    X(T, command_id,        int64_t,           "commandId",       I64,  REQ, 0)               \
    X(T, name,              const char *,      "name",            STR,  REQ, 0)               \
    X(T, account_id,        int64_t,           "accountId",       I64,  REQ, 0)               \
    X(T, contract_id,       int64_t,           "contractId",      I64,  REQ, 0)               \
    X(T, timestamp,         int64_t,           "timestamp",       TIME, REQ, 0)               \
    X(T, trade_date,        tv_date,           "tradeDate",       DATE, OPT, 0)               \
    X(T, order_id,          int64_t,           "orderId",         I64,  REQ, 0)               \
    X(T, exec_type,         tv_exec_type,      "execType",        ENUM, REQ, exec_type)       \
    X(T, exec_ref_id,       const char *,      "execRefId",       STR,  OPT, 0)               \
    X(T, ord_status,        tv_ord_status,     "ordStatus",       ENUM, OPT, ord_status)      \
    X(T, action,            tv_action,         "action",          ENUM, REQ, action)          \
    X(T, cum_qty,           int32_t,           "cumQty",          I32,  OPT, 0)               \
    X(T, avg_px,            double,            "avgPx",           F64,  OPT, 0)               \
    X(T, last_qty,          int32_t,           "lastQty",         I32,  OPT, 0)               \
    X(T, last_px,           double,            "lastPx",          F64,  OPT, 0)               \
    X(T, reject_reason,     tv_failure_reason, "rejectReason",    ENUM, OPT, failure_reason)  \
    X(T, text,              const char *,      "text",            STR,  OPT, 0)               \
    X(T, exchange_order_id, const char *,      "exchangeOrderId", STR,  OPT, 0)

/** Fill (source S1 (+S4)). */
#define TV_SCHEMA_FILL(X, T)                                             \
    X(T, id,             int64_t,   "id",            I64,  OPT, 0)       \
    X(T, order_id,       int64_t,   "orderId",       I64,  REQ, 0)       \
    X(T, contract_id,    int64_t,   "contractId",    I64,  REQ, 0)       \
    X(T, timestamp,      int64_t,   "timestamp",     TIME, REQ, 0)       \
    X(T, trade_date,     tv_date,   "tradeDate",     DATE, REQ, 0)       \
    X(T, action,         tv_action, "action",        ENUM, REQ, action)  \
    X(T, qty,            int32_t,   "qty",           I32,  REQ, 0)       \
    X(T, price,          double,    "price",         F64,  REQ, 0)       \
    X(T, active,         bool,      "active",        BOOL, REQ, 0)       \
    X(T, finally_paired, int32_t,   "finallyPaired", I32,  REQ, 0)

/** FillFee (source S1). */
#define TV_SCHEMA_FILL_FEE(X, T)                                                     \
    X(T, id,                        int64_t, "id",                     I64, OPT, 0)  \
    TV_FIELDS_FILL_FEES(X, T)

/** OrderStrategy (source S1 (+S4 limits)). */
#define TV_SCHEMA_ORDER_STRATEGY(X, T)                                                                               \
    X(T, id,                     int64_t,                  "id",                  I64,  OPT, 0)                      \
    X(T, account_id,             int64_t,                  "accountId",           I64,  REQ, 0)                      \
    X(T, timestamp,              int64_t,                  "timestamp",           TIME, REQ, 0)                      \
    X(T, contract_id,            int64_t,                  "contractId",          I64,  REQ, 0)                      \
    X(T, order_strategy_type_id, int64_t,                  "orderStrategyTypeId", I64,  REQ, 0)                      \
    X(T, initiator_id,           int64_t,                  "initiatorId",         I64,  OPT, 0)                      \
    X(T, action,                 tv_action,                "action",              ENUM, REQ, action)                 \
    X(T, params,                 const char *,             "params",              STR,  OPT, 0)                      \
    X(T, uuid,                   const char *,             "uuid",                STR,  OPT, 0)                      \
    X(T, status,                 tv_order_strategy_status, "status",              ENUM, REQ, order_strategy_status)  \
    X(T, failure_message,        const char *,             "failureMessage",      STR,  OPT, 0)                      \
    X(T, sender_id,              int64_t,                  "senderId",            I64,  OPT, 0)                      \
    X(T, custom_tag50,           const char *,             "customTag50",         STR,  OPT, 0)                      \
    X(T, user_session_id,        int64_t,                  "userSessionId",       I64,  OPT, 0)

/** OrderStrategyLink (source S1 (+S4)). */
#define TV_SCHEMA_ORDER_STRATEGY_LINK(X, T)                                \
    X(T, id,                int64_t,      "id",              I64, OPT, 0)  \
    X(T, order_strategy_id, int64_t,      "orderStrategyId", I64, REQ, 0)  \
    X(T, order_id,          int64_t,      "orderId",         I64, REQ, 0)  \
    X(T, label,             const char *, "label",           STR, REQ, 0)

/** SimpleResponse (source S1). */
#define TV_SCHEMA_SIMPLE_RESPONSE(X, T)                        \
    X(T, error_text, const char *, "errorText", STR,  OPT, 0)  \
    X(T, ok,         bool,         "ok",        BOOL, REQ, 0)

/** CommandResult (source S1 (+S4)). */
#define TV_SCHEMA_COMMAND_RESULT(X, T)                                                   \
    X(T, failure_reason, tv_failure_reason, "failureReason", ENUM, OPT, failure_reason)  \
    X(T, failure_text,   const char *,      "failureText",   STR,  OPT, 0)               \
    X(T, command_id,     int64_t,           "commandId",     I64,  OPT, 0)

/** PlaceOrderResult (source S1). */
#define TV_SCHEMA_PLACE_ORDER_RESULT(X, T)                                               \
    X(T, failure_reason, tv_failure_reason, "failureReason", ENUM, OPT, failure_reason)  \
    X(T, failure_text,   const char *,      "failureText",   STR,  OPT, 0)               \
    X(T, order_id,       int64_t,           "orderId",       I64,  OPT, 0)

/** PlaceOcoResult (source S1). */
#define TV_SCHEMA_PLACE_OCO_RESULT(X, T)                                                 \
    X(T, failure_reason, tv_failure_reason, "failureReason", ENUM, OPT, failure_reason)  \
    X(T, failure_text,   const char *,      "failureText",   STR,  OPT, 0)               \
    X(T, order_id,       int64_t,           "orderId",       I64,  OPT, 0)               \
    X(T, oco_id,         int64_t,           "ocoId",         I64,  OPT, 0)

/** PlaceOsoResult (source S1). */
#define TV_SCHEMA_PLACE_OSO_RESULT(X, T)                                                 \
    X(T, failure_reason, tv_failure_reason, "failureReason", ENUM, OPT, failure_reason)  \
    X(T, failure_text,   const char *,      "failureText",   STR,  OPT, 0)               \
    X(T, order_id,       int64_t,           "orderId",       I64,  OPT, 0)               \
    X(T, oso1_id,        int64_t,           "oso1Id",        I64,  OPT, 0)               \
    X(T, oso2_id,        int64_t,           "oso2Id",        I64,  OPT, 0)

/** OrderStrategyStatusResponse (source S1). */
#define TV_SCHEMA_ORDER_STRATEGY_STATUS_RESPONSE(X, T)                                   \
    X(T, error_text,     const char *,      "errorText",     STR,  OPT, 0)               \
    X(T, failure_reason, tv_failure_reason, "failureReason", ENUM, OPT, failure_reason)  \
    X(T, order_strategy, tv_order_strategy, "orderStrategy", OBJ,  OPT, order_strategy)

/** RiskEvaluationDetails (source S1). */
#define TV_SCHEMA_RISK_EVALUATION_DETAILS(X, T)                                                \
    X(T, before_initial_margin_req,      double,  "beforeInitialMarginReq",     F64,  REQ, 0)  \
    X(T, before_initial_full_margin_req, double,  "beforeInitialFullMarginReq", F64,  REQ, 0)  \
    X(T, before_open_collateral_req,     double,  "beforeOpenCollateralReq",    F64,  REQ, 0)  \
    X(T, before_net_pos,                 int32_t, "beforeNetPos",               I32,  REQ, 0)  \
    X(T, is_exit_order,                  bool,    "isExitOrder",                BOOL, REQ, 0)  \
    X(T, initial_margin_req,             double,  "initialMarginReq",           F64,  REQ, 0)  \
    X(T, initial_full_margin_req,        double,  "initialFullMarginReq",       F64,  REQ, 0)  \
    X(T, open_collateral_req,            double,  "openCollateralReq",          F64,  REQ, 0)  \
    X(T, total_cash,                     double,  "totalCash",                  F64,  REQ, 0)  \
    X(T, futures_open_pn_l,              double,  "futuresOpenPnL",             F64,  REQ, 0)  \
    X(T, options_open_pn_l,              double,  "optionsOpenPnL",             F64,  REQ, 0)  \
    X(T, risk_credit,                    double,  "riskCredit",                 F64,  REQ, 0)  \
    X(T, net_liq_value,                  double,  "netLiqValue",                F64,  REQ, 0)  \
    X(T, future_comm_and_fees,           double,  "futureCommAndFees",          F64,  REQ, 0)  \
    X(T, total_cash_required,            double,  "totalCashRequired",          F64,  REQ, 0)  \
    X(T, excess,                         double,  "excess",                     F64,  REQ, 0)  \
    X(T, hypo_long_pos,                  int32_t, "hypoLongPos",                I32,  REQ, 0)  \
    X(T, hypo_short_pos,                 int32_t, "hypoShortPos",               I32,  REQ, 0)

/** EstimatedFillFee (source S1 (FillFee fields without id, plus two BPS fields)). */
#define TV_SCHEMA_ESTIMATED_FILL_FEE(X, T)                                                      \
    TV_FIELDS_FILL_FEES(X, T)                                                                   \
    X(T, commission_notional_value_bps,   double,  "commissionNotionalValueBPS",  F64, OPT, 0)  \
    X(T, exchange_fee_notional_value_bps, double,  "exchangeFeeNotionalValueBPS", F64, OPT, 0)

/** DryRunResponse (source S1). */
#define TV_SCHEMA_DRY_RUN_RESPONSE(X, T)                                                                 \
    X(T, error_text,    const char *,               "errorText",    STR,  OPT, 0)                        \
    X(T, reject_reason, tv_failure_reason,          "rejectReason", ENUM, OPT, failure_reason)           \
    X(T, comment,       const char *,               "comment",      STR,  OPT, 0)                        \
    X(T, details,       tv_risk_evaluation_details, "details",      OBJ,  OPT, risk_evaluation_details)  \
    X(T, fees,          tv_estimated_fill_fee,      "fees",         OBJ,  OPT, estimated_fill_fee)

/** AccessTokenResponse (source S1 (+S4)). */
#define TV_SCHEMA_ACCESS_TOKEN_RESPONSE(X, T)                                                         \
    X(T, error_text,               const char *,   "errorText",              STR,  OPT, 0)            \
    X(T, hibp_hint,                tv_hibp_hint,   "hibpHint",               ENUM, OPT, hibp_hint)    \
    X(T, access_token,             const char *,   "accessToken",            STR,  OPT, 0)            \
    X(T, expiration_time,          int64_t,        "expirationTime",         TIME, OPT, 0)            \
    X(T, password_expiration_time, int64_t,        "passwordExpirationTime", TIME, OPT, 0)            \
    X(T, user_status,              tv_user_status, "userStatus",             ENUM, OPT, user_status)  \
    X(T, user_id,                  int64_t,        "userId",                 I64,  OPT, 0)            \
    X(T, name,                     const char *,   "name",                   STR,  OPT, 0)            \
    X(T, has_live,                 bool,           "hasLive",                BOOL, OPT, 0)            \
    X(T, has_sim_plus,             bool,           "hasSimPlus",             BOOL, OPT, 0)            \
    X(T, show_ki_ds,               bool,           "showKIDs",               BOOL, OPT, 0)            \
    X(T, md_access_token,          const char *,   "mdAccessToken",          STR,  OPT, 0)            \
    X(T, p_ticket,                 const char *,   "p-ticket",               STR,  OPT, 0)            \
    X(T, p_time,                   double,         "p-time",                 F64,  OPT, 0)            \
    X(T, p_captcha,                bool,           "p-captcha",              BOOL, OPT, 0)

/** OAuthMeResponse (source S1). */
#define TV_SCHEMA_ME_RESPONSE(X, T)                                               \
    X(T, error_text,           const char *, "errorText",          STR,  OPT, 0)  \
    X(T, user_id,              int64_t,      "userId",             I64,  OPT, 0)  \
    X(T, name,                 const char *, "name",               STR,  OPT, 0)  \
    X(T, full_name,            const char *, "fullName",           STR,  OPT, 0)  \
    X(T, email,                const char *, "email",              STR,  OPT, 0)  \
    X(T, email_verified,       bool,         "emailVerified",      BOOL, OPT, 0)  \
    X(T, is_trial,             bool,         "isTrial",            BOOL, OPT, 0)  \
    X(T, organization_name,    const char *, "organizationName",   STR,  OPT, 0)  \
    X(T, current_account_plan, const char *, "currentAccountPlan", STR,  OPT, 0)  \
    X(T, current_md_subs,      tv_str_list,  "currentMDSubs",      STRS, OPT, 0)  \
    X(T, current_balance,      double,       "currentBalance",     F64,  OPT, 0)  \
    X(T, active_plugins,       tv_str_list,  "activePlugins",      STRS, OPT, 0)

/** UserInfo (source OpenID Connect Core 1.0, section 5.1 standard claims (the Tradovate page was not found)). */
#define TV_SCHEMA_USER_INFO(X, T)                                                     \
    X(T, sub,                   const char *, "sub",                   STR,  REQ, 0)  \
    X(T, name,                  const char *, "name",                  STR,  OPT, 0)  \
    X(T, given_name,            const char *, "given_name",            STR,  OPT, 0)  \
    X(T, family_name,           const char *, "family_name",           STR,  OPT, 0)  \
    X(T, middle_name,           const char *, "middle_name",           STR,  OPT, 0)  \
    X(T, nickname,              const char *, "nickname",              STR,  OPT, 0)  \
    X(T, preferred_username,    const char *, "preferred_username",    STR,  OPT, 0)  \
    X(T, profile,               const char *, "profile",               STR,  OPT, 0)  \
    X(T, picture,               const char *, "picture",               STR,  OPT, 0)  \
    X(T, website,               const char *, "website",               STR,  OPT, 0)  \
    X(T, email,                 const char *, "email",                 STR,  OPT, 0)  \
    X(T, email_verified,        bool,         "email_verified",        BOOL, OPT, 0)  \
    X(T, gender,                const char *, "gender",                STR,  OPT, 0)  \
    X(T, birthdate,             const char *, "birthdate",             STR,  OPT, 0)  \
    X(T, zoneinfo,              const char *, "zoneinfo",              STR,  OPT, 0)  \
    X(T, locale,                const char *, "locale",                STR,  OPT, 0)  \
    X(T, phone_number,          const char *, "phone_number",          STR,  OPT, 0)  \
    X(T, phone_number_verified, bool,         "phone_number_verified", BOOL, OPT, 0)  \
    X(T, updated_at,            int64_t,      "updated_at",            I64,  OPT, 0)

/** Account (source S1 (+S4)). */
#define TV_SCHEMA_ACCOUNT(X, T)                                                                                                          \
    X(T, id,                                 int64_t,                "id",                              I64,  OPT, 0)                    \
    X(T, name,                               const char *,           "name",                            STR,  REQ, 0)                    \
    X(T, user_id,                            int64_t,                "userId",                          I64,  REQ, 0)                    \
    X(T, account_type,                       tv_account_type,        "accountType",                     ENUM, REQ, account_type)         \
    X(T, restricted,                         bool,                   "restricted",                      BOOL, OPT, 0)                    \
    X(T, closed,                             bool,                   "closed",                          BOOL, OPT, 0)                    \
    X(T, clearing_house_id,                  int64_t,                "clearingHouseId",                 I64,  REQ, 0)                    \
    X(T, risk_category_id,                   int64_t,                "riskCategoryId",                  I64,  REQ, 0)                    \
    X(T, auto_liq_profile_id,                int64_t,                "autoLiqProfileId",                I64,  REQ, 0)                    \
    X(T, margin_account_type,                tv_margin_account_type, "marginAccountType",               ENUM, REQ, margin_account_type)  \
    X(T, legal_status,                       tv_legal_status,        "legalStatus",                     ENUM, REQ, legal_status)         \
    X(T, timestamp,                          int64_t,                "timestamp",                       TIME, REQ, 0)                    \
    X(T, evaluation_size,                    double,                 "evaluationSize",                  F64,  OPT, 0)                    \
    X(T, readonly,                           bool,                   "readonly",                        BOOL, OPT, 0)                    \
    X(T, cc_email,                           const char *,           "ccEmail",                         STR,  OPT, 0)                    \
    X(T, futures_disabled,                   bool,                   "futuresDisabled",                 BOOL, OPT, 0)                    \
    X(T, swap_enabled,                       bool,                   "swapEnabled",                     BOOL, OPT, 0)                    \
    X(T, ssf_risk_disclosure_acknowledgment, int64_t,                "ssfRiskDisclosureAcknowledgment", TIME, OPT, 0)                    \
    X(T, spot_margin_enabled,                bool,                   "spotMarginEnabled",               BOOL, OPT, 0)                    \
    X(T, active,                             bool,                   "active",                          BOOL, OPT, 0)

/** Position (source S1 (+S4)). */
#define TV_SCHEMA_POSITION(X, T)                              \
    X(T, id,           int64_t, "id",          I64,  OPT, 0)  \
    X(T, account_id,   int64_t, "accountId",   I64,  REQ, 0)  \
    X(T, contract_id,  int64_t, "contractId",  I64,  REQ, 0)  \
    X(T, timestamp,    int64_t, "timestamp",   TIME, REQ, 0)  \
    X(T, trade_date,   tv_date, "tradeDate",   DATE, REQ, 0)  \
    X(T, net_pos,      int32_t, "netPos",      I32,  REQ, 0)  \
    X(T, net_price,    double,  "netPrice",    F64,  OPT, 0)  \
    X(T, bought,       int32_t, "bought",      I32,  REQ, 0)  \
    X(T, bought_value, double,  "boughtValue", F64,  REQ, 0)  \
    X(T, sold,         int32_t, "sold",        I32,  REQ, 0)  \
    X(T, sold_value,   double,  "soldValue",   F64,  REQ, 0)  \
    X(T, prev_pos,     int32_t, "prevPos",     I32,  REQ, 0)  \
    X(T, prev_price,   double,  "prevPrice",   F64,  OPT, 0)

/** Contract (source S1 (+S4)). */
#define TV_SCHEMA_CONTRACT(X, T)                                                  \
    X(T, id,                   int64_t,      "id",                 I64,  OPT, 0)  \
    X(T, name,                 const char *, "name",               STR,  REQ, 0)  \
    X(T, contract_maturity_id, int64_t,      "contractMaturityId", I64,  REQ, 0)  \
    X(T, timestamp,            int64_t,      "timestamp",          TIME, REQ, 0)

/* ================================================================== */
/* Requests (encoded into bodies)                                      */
/* ================================================================== */

/** RestrainedOrderVersion (source S1 (+S4)). */
#define TV_SCHEMA_RESTRAINED_ORDER_VERSION(X, T)                                                  \
    X(T, action,                 tv_action,        "action",              ENUM, REQ, action)      \
    X(T, cl_ord_id,              const char *,     "clOrdId",             STR,  OPT, 0)           \
    X(T, order_type,             tv_order_type,    "orderType",           ENUM, REQ, order_type)  \
    TV_FIELDS_ORDER_PRICES(X, T)

/** PlaceOrder (source S1 (+S4)). */
#define TV_SCHEMA_PLACE_ORDER(X, T)                                                               \
    X(T, account_spec,           const char *,     "accountSpec",         STR,  OPT, 0)           \
    X(T, account_id,             int64_t,          "accountId",           I64,  OPT, 0)           \
    X(T, cl_ord_id,              const char *,     "clOrdId",             STR,  OPT, 0)           \
    X(T, action,                 tv_action,        "action",              ENUM, REQ, action)      \
    X(T, symbol,                 const char *,     "symbol",              STR,  REQ, 0)           \
    X(T, order_qty,              int32_t,          "orderQty",            I32,  REQ, 0)           \
    X(T, order_type,             tv_order_type,    "orderType",           ENUM, REQ, order_type)  \
    TV_FIELDS_ORDER_PRICES(X, T)                                                                  \
    TV_FIELDS_COMMAND_TAIL(X, T)

/** PlaceOCO (source S1 (+S4)). */
#define TV_SCHEMA_PLACE_OCO(X, T)                                                                                          \
    TV_SCHEMA_PLACE_ORDER(X, T)                                                                                            \
    X(T, other,                  tv_restrained_order_version, "other",               OBJ,  REQ, restrained_order_version)

/** PlaceOSO (source S1 (+S4)). */
#define TV_SCHEMA_PLACE_OSO(X, T)                                                                                          \
    TV_SCHEMA_PLACE_ORDER(X, T)                                                                                            \
    X(T, bracket1,               tv_restrained_order_version, "bracket1",            OBJ,  REQ, restrained_order_version)  \
    X(T, bracket2,               tv_restrained_order_version, "bracket2",            OBJ,  OPT, restrained_order_version)

/** ModifyOrder (source S1). */
#define TV_SCHEMA_MODIFY_ORDER(X, T)                                                              \
    X(T, order_id,               int64_t,          "orderId",             I64,  REQ, 0)           \
    X(T, cl_ord_id,              const char *,     "clOrdId",             STR,  OPT, 0)           \
    X(T, order_qty,              int32_t,          "orderQty",            I32,  REQ, 0)           \
    X(T, order_type,             tv_order_type,    "orderType",           ENUM, REQ, order_type)  \
    TV_FIELDS_ORDER_PRICES(X, T)                                                                  \
    TV_FIELDS_COMMAND_TAIL(X, T)

/** CancelOrder (source S1). */
#define TV_SCHEMA_CANCEL_ORDER(X, T)                                     \
    X(T, order_id,        int64_t,      "orderId",        I64,  REQ, 0)  \
    X(T, cl_ord_id,       const char *, "clOrdId",        STR,  OPT, 0)  \
    X(T, activation_time, int64_t,      "activationTime", TIME, OPT, 0)  \
    X(T, custom_tag50,    const char *, "customTag50",    STR,  OPT, 0)  \
    X(T, is_automated,    bool,         "isAutomated",    BOOL, OPT, 0)

/** LiquidatePosition (source S1). */
#define TV_SCHEMA_LIQUIDATE_POSITION(X, T)                         \
    X(T, account_id,   int64_t,      "accountId",   I64,  REQ, 0)  \
    X(T, contract_id,  int64_t,      "contractId",  I64,  REQ, 0)  \
    X(T, admin,        bool,         "admin",       BOOL, REQ, 0)  \
    X(T, custom_tag50, const char *, "customTag50", STR,  OPT, 0)  \
    X(T, is_automated, bool,         "isAutomated", BOOL, OPT, 0)

/** LiquidatePositions (source S1). */
#define TV_SCHEMA_LIQUIDATE_POSITIONS(X, T)                        \
    X(T, positions,    tv_i64_list,  "positions",   I64S, REQ, 0)  \
    X(T, admin,        bool,         "admin",       BOOL, REQ, 0)  \
    X(T, custom_tag50, const char *, "customTag50", STR,  OPT, 0)  \
    X(T, is_automated, bool,         "isAutomated", BOOL, OPT, 0)

/** InterruptOrderStrategy (source S1). */
#define TV_SCHEMA_INTERRUPT_ORDER_STRATEGY(X, T)                      \
    X(T, order_strategy_id, int64_t, "orderStrategyId", I64, REQ, 0)

/** ModifyOrderStrategy (source S1). */
#define TV_SCHEMA_MODIFY_ORDER_STRATEGY(X, T)                              \
    X(T, order_strategy_id, int64_t,      "orderStrategyId", I64, REQ, 0)  \
    X(T, command,           const char *, "command",         STR, REQ, 0)  \
    X(T, custom_tag50,      const char *, "customTag50",     STR, OPT, 0)

/** StrategyEntryVersion (source S4 + S1/S5 examples (inferred fields marked in the reference)). */
#define TV_SCHEMA_STRATEGY_ENTRY_VERSION(X, T)                                      \
    X(T, order_qty,     int32_t,          "orderQty",    I32,  REQ, 0)              \
    X(T, order_type,    tv_order_type,    "orderType",   ENUM, REQ, order_type)     \
    X(T, order_id,      int64_t,          "orderId",     I64,  OPT, 0)              \
    X(T, time_in_force, tv_time_in_force, "timeInForce", ENUM, OPT, time_in_force)  \
    X(T, price,         double,           "price",       F64,  OPT, 0)              \
    X(T, stop_price,    double,           "stopPrice",   F64,  OPT, 0)

/** StrategyBracket (source S4 + S1/S5 examples). */
#define TV_SCHEMA_STRATEGY_BRACKET(X, T)                        \
    X(T, qty,           int32_t, "qty",          I32,  REQ, 0)  \
    X(T, profit_target, double,  "profitTarget", F64,  OPT, 0)  \
    X(T, stop_loss,     double,  "stopLoss",     F64,  OPT, 0)  \
    X(T, trailing_stop, bool,    "trailingStop", BOOL, OPT, 0)

/** StrategyParams (source S4 + S1/S5 examples (JSON carried inside the params string)). */
#define TV_SCHEMA_STRATEGY_PARAMS(X, T)                                                                \
    X(T, entry_version, tv_strategy_entry_version, "entryVersion", OBJ,  REQ, strategy_entry_version)  \
    X(T, brackets,      tv_obj_list,               "brackets",     OBJS, REQ, strategy_bracket)

/** StartOrderStrategy (source S1). */
#define TV_SCHEMA_START_ORDER_STRATEGY(X, T)                                                              \
    X(T, account_id,             int64_t,            "accountId",           I64,   OPT, 0)                \
    X(T, account_spec,           const char *,       "accountSpec",         STR,   OPT, 0)                \
    X(T, symbol,                 const char *,       "symbol",              STR,   REQ, 0)                \
    X(T, order_strategy_type_id, int64_t,            "orderStrategyTypeId", I64,   REQ, 0)                \
    X(T, action,                 tv_action,          "action",              ENUM,  REQ, action)           \
    X(T, params,                 tv_strategy_params, "params",              EMBED, OPT, strategy_params)  \
    X(T, uuid,                   const char *,       "uuid",                STR,   OPT, 0)                \
    X(T, custom_tag50,           const char *,       "customTag50",         STR,   OPT, 0)                \
    X(T, is_automated,           bool,               "isAutomated",         BOOL,  OPT, 0)

/** DryRunOrder (source S1). */
#define TV_SCHEMA_DRY_RUN_ORDER(X, T)                                      \
    X(T, contract_id, int64_t,       "contractId", I64,  REQ, 0)           \
    X(T, action,      tv_action,     "action",     ENUM, REQ, action)      \
    X(T, order_qty,   int32_t,       "orderQty",   I32,  REQ, 0)           \
    X(T, order_type,  tv_order_type, "orderType",  ENUM, REQ, order_type)  \
    X(T, price,       double,        "price",      F64,  OPT, 0)           \
    X(T, stop_price,  double,        "stopPrice",  F64,  OPT, 0)

/** ExtraPreTradeRisk (source S1). */
#define TV_SCHEMA_EXTRA_PRE_TRADE_RISK(X, T)                                          \
    X(T, max_exposed_total,       int32_t,      "maxExposedTotal",      I32, OPT, 0)  \
    X(T, max_traded_volume_total, int32_t,      "maxTradedVolumeTotal", I32, OPT, 0)  \
    X(T, products,                const char *, "products",             RAW, REQ, 0)  \
    X(T, contracts,               const char *, "contracts",            RAW, REQ, 0)

/** DryRun (source S1). */
#define TV_SCHEMA_DRY_RUN(X, T)                                                                                \
    X(T, account_id,           int64_t,                 "accountId",         I64,  REQ, 0)                     \
    X(T, orders,               tv_obj_list,             "orders",            OBJS, REQ, dry_run_order)         \
    X(T, extra_pre_trade_risk, tv_extra_pre_trade_risk, "extraPreTradeRisk", OBJ,  OPT, extra_pre_trade_risk)

/** AccessTokenRequest (source S1 (+S4)). */
#define TV_SCHEMA_ACCESS_TOKEN_REQUEST(X, T)                     \
    X(T, name,        const char *, "name",       STR,  REQ, 0)  \
    X(T, password,    const char *, "password",   STR,  REQ, 0)  \
    X(T, app_id,      const char *, "appId",      STR,  OPT, 0)  \
    X(T, app_version, const char *, "appVersion", STR,  OPT, 0)  \
    X(T, device_id,   const char *, "deviceId",   STR,  OPT, 0)  \
    X(T, cid,         int64_t,      "cid",        I64,  OPT, 0)  \
    X(T, sec,         const char *, "sec",        STR,  OPT, 0)  \
    X(T, hibp_check,  bool,         "hibpCheck",  BOOL, OPT, 0)

/**
 * Every type above, in dependency order: X(C type, "reference name", field list).
 */
#define TV_ALL_SCHEMAS(X)                                                                                          \
    X(tv_order, "Order", TV_SCHEMA_ORDER)                                                                          \
    X(tv_order_version, "OrderVersion", TV_SCHEMA_ORDER_VERSION)                                                   \
    X(tv_command, "Command", TV_SCHEMA_COMMAND)                                                                    \
    X(tv_command_report, "CommandReport", TV_SCHEMA_COMMAND_REPORT)                                                \
    X(tv_execution_report, "ExecutionReport", TV_SCHEMA_EXECUTION_REPORT)                                          \
    X(tv_fill, "Fill", TV_SCHEMA_FILL)                                                                             \
    X(tv_fill_fee, "FillFee", TV_SCHEMA_FILL_FEE)                                                                  \
    X(tv_order_strategy, "OrderStrategy", TV_SCHEMA_ORDER_STRATEGY)                                                \
    X(tv_order_strategy_link, "OrderStrategyLink", TV_SCHEMA_ORDER_STRATEGY_LINK)                                  \
    X(tv_simple_response, "SimpleResponse", TV_SCHEMA_SIMPLE_RESPONSE)                                             \
    X(tv_command_result, "CommandResult", TV_SCHEMA_COMMAND_RESULT)                                                \
    X(tv_place_order_result, "PlaceOrderResult", TV_SCHEMA_PLACE_ORDER_RESULT)                                     \
    X(tv_place_oco_result, "PlaceOcoResult", TV_SCHEMA_PLACE_OCO_RESULT)                                           \
    X(tv_place_oso_result, "PlaceOsoResult", TV_SCHEMA_PLACE_OSO_RESULT)                                           \
    X(tv_order_strategy_status_response, "OrderStrategyStatusResponse", TV_SCHEMA_ORDER_STRATEGY_STATUS_RESPONSE)  \
    X(tv_risk_evaluation_details, "RiskEvaluationDetails", TV_SCHEMA_RISK_EVALUATION_DETAILS)                      \
    X(tv_estimated_fill_fee, "EstimatedFillFee", TV_SCHEMA_ESTIMATED_FILL_FEE)                                     \
    X(tv_dry_run_response, "DryRunResponse", TV_SCHEMA_DRY_RUN_RESPONSE)                                           \
    X(tv_access_token_response, "AccessTokenResponse", TV_SCHEMA_ACCESS_TOKEN_RESPONSE)                            \
    X(tv_me_response, "OAuthMeResponse", TV_SCHEMA_ME_RESPONSE)                                                    \
    X(tv_user_info, "UserInfo", TV_SCHEMA_USER_INFO)                                                               \
    X(tv_account, "Account", TV_SCHEMA_ACCOUNT)                                                                    \
    X(tv_position, "Position", TV_SCHEMA_POSITION)                                                                 \
    X(tv_contract, "Contract", TV_SCHEMA_CONTRACT)                                                                 \
    X(tv_restrained_order_version, "RestrainedOrderVersion", TV_SCHEMA_RESTRAINED_ORDER_VERSION)                   \
    X(tv_place_order, "PlaceOrder", TV_SCHEMA_PLACE_ORDER)                                                         \
    X(tv_place_oco, "PlaceOCO", TV_SCHEMA_PLACE_OCO)                                                               \
    X(tv_place_oso, "PlaceOSO", TV_SCHEMA_PLACE_OSO)                                                               \
    X(tv_modify_order, "ModifyOrder", TV_SCHEMA_MODIFY_ORDER)                                                      \
    X(tv_cancel_order, "CancelOrder", TV_SCHEMA_CANCEL_ORDER)                                                      \
    X(tv_liquidate_position, "LiquidatePosition", TV_SCHEMA_LIQUIDATE_POSITION)                                    \
    X(tv_liquidate_positions, "LiquidatePositions", TV_SCHEMA_LIQUIDATE_POSITIONS)                                 \
    X(tv_interrupt_order_strategy, "InterruptOrderStrategy", TV_SCHEMA_INTERRUPT_ORDER_STRATEGY)                   \
    X(tv_modify_order_strategy, "ModifyOrderStrategy", TV_SCHEMA_MODIFY_ORDER_STRATEGY)                            \
    X(tv_strategy_entry_version, "StrategyEntryVersion", TV_SCHEMA_STRATEGY_ENTRY_VERSION)                         \
    X(tv_strategy_bracket, "StrategyBracket", TV_SCHEMA_STRATEGY_BRACKET)                                          \
    X(tv_strategy_params, "StrategyParams", TV_SCHEMA_STRATEGY_PARAMS)                                             \
    X(tv_start_order_strategy, "StartOrderStrategy", TV_SCHEMA_START_ORDER_STRATEGY)                               \
    X(tv_dry_run_order, "DryRunOrder", TV_SCHEMA_DRY_RUN_ORDER)                                                    \
    X(tv_extra_pre_trade_risk, "ExtraPreTradeRisk", TV_SCHEMA_EXTRA_PRE_TRADE_RISK)                                \
    X(tv_dry_run, "DryRun", TV_SCHEMA_DRY_RUN)                                                                     \
    X(tv_access_token_request, "AccessTokenRequest", TV_SCHEMA_ACCESS_TOKEN_REQUEST)

TV_ALL_SCHEMAS(TV_DECLARE_SCHEMA)

#ifdef __cplusplus
}
#endif

#endif /* TV_TYPES_H */
