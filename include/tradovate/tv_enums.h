/**
 * @file tv_enums.h
 * @brief Every enumeration of the Tradovate API reference, as C enums.
 *
 * Each enum is declared once as an X-macro list of (C constant, JSON string)
 * rows; TV_DECLARE_ENUM (tv_schema.h) turns it into:
 *  - `typedef enum tv_<name> { TV_<NAME>_UNRECOGNIZED = 0, ..., TV_<NAME>_COUNT }`:
 *    value 0 is what a JSON string the library does not know decodes to (the
 *    service adds values over time; that is not an error);
 *  - `const char *tv_<name>_name(tv_<name> v)`: the JSON string of v, NULL for
 *    UNRECOGNIZED or out-of-range values; static storage;
 *  - `tv_<name> tv_<name>_parse(const char *s, size_t len)`: the value whose
 *    JSON string is exactly s[0..len), else UNRECOGNIZED;
 *  - `tv_<name>_desc`, the table the decoder uses.
 *
 * Values are listed as in the reference (section 7), whose source is the
 * official OpenAPI document; notes there on legacy spellings apply.
 */
#ifndef TV_ENUMS_H
#define TV_ENUMS_H

#include "tradovate/tv_schema.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Action: Buy, Sell */
#define TV_ENUM_ACTION(X)      \
    X(TV_ACTION_BUY, "Buy")    \
    X(TV_ACTION_SELL, "Sell")

/** OrdStatus: Canceled, Completed, Expired, Filled, PendingCancel, PendingNew, PendingReplace, Rejected, Suspended, Unknown, Working */
#define TV_ENUM_ORD_STATUS(X)                           \
    X(TV_ORD_STATUS_CANCELED, "Canceled")               \
    X(TV_ORD_STATUS_COMPLETED, "Completed")             \
    X(TV_ORD_STATUS_EXPIRED, "Expired")                 \
    X(TV_ORD_STATUS_FILLED, "Filled")                   \
    X(TV_ORD_STATUS_PENDING_CANCEL, "PendingCancel")    \
    X(TV_ORD_STATUS_PENDING_NEW, "PendingNew")          \
    X(TV_ORD_STATUS_PENDING_REPLACE, "PendingReplace")  \
    X(TV_ORD_STATUS_REJECTED, "Rejected")               \
    X(TV_ORD_STATUS_SUSPENDED, "Suspended")             \
    X(TV_ORD_STATUS_UNKNOWN, "Unknown")                 \
    X(TV_ORD_STATUS_WORKING, "Working")

/** OrderType: Limit, LimitIfTouched, MIT, Market, QTS, Stop, StopLimit, TrailingStop, TrailingStopLimit */
#define TV_ENUM_ORDER_TYPE(X)                                  \
    X(TV_ORDER_TYPE_LIMIT, "Limit")                            \
    X(TV_ORDER_TYPE_LIMIT_IF_TOUCHED, "LimitIfTouched")        \
    X(TV_ORDER_TYPE_MIT, "MIT")                                \
    X(TV_ORDER_TYPE_MARKET, "Market")                          \
    X(TV_ORDER_TYPE_QTS, "QTS")                                \
    X(TV_ORDER_TYPE_STOP, "Stop")                              \
    X(TV_ORDER_TYPE_STOP_LIMIT, "StopLimit")                   \
    X(TV_ORDER_TYPE_TRAILING_STOP, "TrailingStop")             \
    X(TV_ORDER_TYPE_TRAILING_STOP_LIMIT, "TrailingStopLimit")

/** TimeInForce: Day, FOK, GTC, GTD, IOC */
#define TV_ENUM_TIME_IN_FORCE(X)    \
    X(TV_TIME_IN_FORCE_DAY, "Day")  \
    X(TV_TIME_IN_FORCE_FOK, "FOK")  \
    X(TV_TIME_IN_FORCE_GTC, "GTC")  \
    X(TV_TIME_IN_FORCE_GTD, "GTD")  \
    X(TV_TIME_IN_FORCE_IOC, "IOC")

/** CommandType: Cancel, Modify, New */
#define TV_ENUM_COMMAND_TYPE(X)          \
    X(TV_COMMAND_TYPE_CANCEL, "Cancel")  \
    X(TV_COMMAND_TYPE_MODIFY, "Modify")  \
    X(TV_COMMAND_TYPE_NEW, "New")

/** CommandStatus: AtExecution, ExecutionRejected, ExecutionStopped, ExecutionSuspended, OnHold, Pending, PendingExecution, Replaced, RiskPassed, RiskRejected */
#define TV_ENUM_COMMAND_STATUS(X)                                   \
    X(TV_COMMAND_STATUS_AT_EXECUTION, "AtExecution")                \
    X(TV_COMMAND_STATUS_EXECUTION_REJECTED, "ExecutionRejected")    \
    X(TV_COMMAND_STATUS_EXECUTION_STOPPED, "ExecutionStopped")      \
    X(TV_COMMAND_STATUS_EXECUTION_SUSPENDED, "ExecutionSuspended")  \
    X(TV_COMMAND_STATUS_ON_HOLD, "OnHold")                          \
    X(TV_COMMAND_STATUS_PENDING, "Pending")                         \
    X(TV_COMMAND_STATUS_PENDING_EXECUTION, "PendingExecution")      \
    X(TV_COMMAND_STATUS_REPLACED, "Replaced")                       \
    X(TV_COMMAND_STATUS_RISK_PASSED, "RiskPassed")                  \
    X(TV_COMMAND_STATUS_RISK_REJECTED, "RiskRejected")

/** FailureReason: AccountClosed, AdvancedTrailingStopUnsupported, AnotherCommandPending, BackMonthProhibited, ExecutionProviderNotConfigured, ExecutionProviderUnavailable, InvalidContract, InvalidPrice, KeyInformationDocumentRequired, LiquidationOnly, LiquidationOnlyBeforeExpiration, MaxOrderQtyIsNotSpecified, MaxOrderQtyLimitReached, MaxPosLimitMisconfigured, MaxPosLimitReached, MaxTotalPosLimitReached, MultipleAccountPlanRequired, NoQuote, NotEnoughLiquidity, OtherExecutionRelated, ParentRejected, RiskCheckTimeout, SSFRiskDisclosureAcknowledgmentRequired, SessionClosed, Success, TooLate, TradingLocked, TrailingStopNonOrderQtyModify, Unauthorized, UnknownReason, Unsupported */
#define TV_ENUM_FAILURE_REASON(X)                                                                                \
    X(TV_FAILURE_REASON_ACCOUNT_CLOSED, "AccountClosed")                                                         \
    X(TV_FAILURE_REASON_ADVANCED_TRAILING_STOP_UNSUPPORTED, "AdvancedTrailingStopUnsupported")                   \
    X(TV_FAILURE_REASON_ANOTHER_COMMAND_PENDING, "AnotherCommandPending")                                        \
    X(TV_FAILURE_REASON_BACK_MONTH_PROHIBITED, "BackMonthProhibited")                                            \
    X(TV_FAILURE_REASON_EXECUTION_PROVIDER_NOT_CONFIGURED, "ExecutionProviderNotConfigured")                     \
    X(TV_FAILURE_REASON_EXECUTION_PROVIDER_UNAVAILABLE, "ExecutionProviderUnavailable")                          \
    X(TV_FAILURE_REASON_INVALID_CONTRACT, "InvalidContract")                                                     \
    X(TV_FAILURE_REASON_INVALID_PRICE, "InvalidPrice")                                                           \
    X(TV_FAILURE_REASON_KEY_INFORMATION_DOCUMENT_REQUIRED, "KeyInformationDocumentRequired")                     \
    X(TV_FAILURE_REASON_LIQUIDATION_ONLY, "LiquidationOnly")                                                     \
    X(TV_FAILURE_REASON_LIQUIDATION_ONLY_BEFORE_EXPIRATION, "LiquidationOnlyBeforeExpiration")                   \
    X(TV_FAILURE_REASON_MAX_ORDER_QTY_IS_NOT_SPECIFIED, "MaxOrderQtyIsNotSpecified")                             \
    X(TV_FAILURE_REASON_MAX_ORDER_QTY_LIMIT_REACHED, "MaxOrderQtyLimitReached")                                  \
    X(TV_FAILURE_REASON_MAX_POS_LIMIT_MISCONFIGURED, "MaxPosLimitMisconfigured")                                 \
    X(TV_FAILURE_REASON_MAX_POS_LIMIT_REACHED, "MaxPosLimitReached")                                             \
    X(TV_FAILURE_REASON_MAX_TOTAL_POS_LIMIT_REACHED, "MaxTotalPosLimitReached")                                  \
    X(TV_FAILURE_REASON_MULTIPLE_ACCOUNT_PLAN_REQUIRED, "MultipleAccountPlanRequired")                           \
    X(TV_FAILURE_REASON_NO_QUOTE, "NoQuote")                                                                     \
    X(TV_FAILURE_REASON_NOT_ENOUGH_LIQUIDITY, "NotEnoughLiquidity")                                              \
    X(TV_FAILURE_REASON_OTHER_EXECUTION_RELATED, "OtherExecutionRelated")                                        \
    X(TV_FAILURE_REASON_PARENT_REJECTED, "ParentRejected")                                                       \
    X(TV_FAILURE_REASON_RISK_CHECK_TIMEOUT, "RiskCheckTimeout")                                                  \
    X(TV_FAILURE_REASON_SSF_RISK_DISCLOSURE_ACKNOWLEDGMENT_REQUIRED, "SSFRiskDisclosureAcknowledgmentRequired")  \
    X(TV_FAILURE_REASON_SESSION_CLOSED, "SessionClosed")                                                         \
    X(TV_FAILURE_REASON_SUCCESS, "Success")                                                                      \
    X(TV_FAILURE_REASON_TOO_LATE, "TooLate")                                                                     \
    X(TV_FAILURE_REASON_TRADING_LOCKED, "TradingLocked")                                                         \
    X(TV_FAILURE_REASON_TRAILING_STOP_NON_ORDER_QTY_MODIFY, "TrailingStopNonOrderQtyModify")                     \
    X(TV_FAILURE_REASON_UNAUTHORIZED, "Unauthorized")                                                            \
    X(TV_FAILURE_REASON_UNKNOWN_REASON, "UnknownReason")                                                         \
    X(TV_FAILURE_REASON_UNSUPPORTED, "Unsupported")

/** ExecType: Canceled, Completed, DoneForDay, Expired, New, OrderStatus, PendingCancel, PendingNew, PendingReplace, Rejected, Replaced, Stopped, Suspended, Trade, TradeCancel, TradeCorrect */
#define TV_ENUM_EXEC_TYPE(X)                           \
    X(TV_EXEC_TYPE_CANCELED, "Canceled")               \
    X(TV_EXEC_TYPE_COMPLETED, "Completed")             \
    X(TV_EXEC_TYPE_DONE_FOR_DAY, "DoneForDay")         \
    X(TV_EXEC_TYPE_EXPIRED, "Expired")                 \
    X(TV_EXEC_TYPE_NEW, "New")                         \
    X(TV_EXEC_TYPE_ORDER_STATUS, "OrderStatus")        \
    X(TV_EXEC_TYPE_PENDING_CANCEL, "PendingCancel")    \
    X(TV_EXEC_TYPE_PENDING_NEW, "PendingNew")          \
    X(TV_EXEC_TYPE_PENDING_REPLACE, "PendingReplace")  \
    X(TV_EXEC_TYPE_REJECTED, "Rejected")               \
    X(TV_EXEC_TYPE_REPLACED, "Replaced")               \
    X(TV_EXEC_TYPE_STOPPED, "Stopped")                 \
    X(TV_EXEC_TYPE_SUSPENDED, "Suspended")             \
    X(TV_EXEC_TYPE_TRADE, "Trade")                     \
    X(TV_EXEC_TYPE_TRADE_CANCEL, "TradeCancel")        \
    X(TV_EXEC_TYPE_TRADE_CORRECT, "TradeCorrect")

/** OrderStrategyStatus: ActiveStrategy, ExecutionFailed, ExecutionFinished, ExecutionInterrupted, InactiveStrategy, NotEnoughLiquidity, StoppedByUser */
#define TV_ENUM_ORDER_STRATEGY_STATUS(X)                                       \
    X(TV_ORDER_STRATEGY_STATUS_ACTIVE_STRATEGY, "ActiveStrategy")              \
    X(TV_ORDER_STRATEGY_STATUS_EXECUTION_FAILED, "ExecutionFailed")            \
    X(TV_ORDER_STRATEGY_STATUS_EXECUTION_FINISHED, "ExecutionFinished")        \
    X(TV_ORDER_STRATEGY_STATUS_EXECUTION_INTERRUPTED, "ExecutionInterrupted")  \
    X(TV_ORDER_STRATEGY_STATUS_INACTIVE_STRATEGY, "InactiveStrategy")          \
    X(TV_ORDER_STRATEGY_STATUS_NOT_ENOUGH_LIQUIDITY, "NotEnoughLiquidity")     \
    X(TV_ORDER_STRATEGY_STATUS_STOPPED_BY_USER, "StoppedByUser")

/** UserStatus: Active, Closed, Initiated, TemporaryLocked, UnconfirmedEmail */
#define TV_ENUM_USER_STATUS(X)                               \
    X(TV_USER_STATUS_ACTIVE, "Active")                       \
    X(TV_USER_STATUS_CLOSED, "Closed")                       \
    X(TV_USER_STATUS_INITIATED, "Initiated")                 \
    X(TV_USER_STATUS_TEMPORARY_LOCKED, "TemporaryLocked")    \
    X(TV_USER_STATUS_UNCONFIRMED_EMAIL, "UnconfirmedEmail")

/** HibpHint: EmailAndPasswordCompromised, PasswordCompromised */
#define TV_ENUM_HIBP_HINT(X)                                                       \
    X(TV_HIBP_HINT_EMAIL_AND_PASSWORD_COMPROMISED, "EmailAndPasswordCompromised")  \
    X(TV_HIBP_HINT_PASSWORD_COMPROMISED, "PasswordCompromised")

/** AccountType: Customer, Employee, Giveup, House, Omnibus, Wash */
#define TV_ENUM_ACCOUNT_TYPE(X)              \
    X(TV_ACCOUNT_TYPE_CUSTOMER, "Customer")  \
    X(TV_ACCOUNT_TYPE_EMPLOYEE, "Employee")  \
    X(TV_ACCOUNT_TYPE_GIVEUP, "Giveup")      \
    X(TV_ACCOUNT_TYPE_HOUSE, "House")        \
    X(TV_ACCOUNT_TYPE_OMNIBUS, "Omnibus")    \
    X(TV_ACCOUNT_TYPE_WASH, "Wash")

/** MarginAccountType: Hedger, Speculator */
#define TV_ENUM_MARGIN_ACCOUNT_TYPE(X)                  \
    X(TV_MARGIN_ACCOUNT_TYPE_HEDGER, "Hedger")          \
    X(TV_MARGIN_ACCOUNT_TYPE_SPECULATOR, "Speculator")

/** LegalStatus: Corporation, GP, IRA, Individual, Joint, LLC, LLP, LP, PTR, Trust */
#define TV_ENUM_LEGAL_STATUS(X)                    \
    X(TV_LEGAL_STATUS_CORPORATION, "Corporation")  \
    X(TV_LEGAL_STATUS_GP, "GP")                    \
    X(TV_LEGAL_STATUS_IRA, "IRA")                  \
    X(TV_LEGAL_STATUS_INDIVIDUAL, "Individual")    \
    X(TV_LEGAL_STATUS_JOINT, "Joint")              \
    X(TV_LEGAL_STATUS_LLC, "LLC")                  \
    X(TV_LEGAL_STATUS_LLP, "LLP")                  \
    X(TV_LEGAL_STATUS_LP, "LP")                    \
    X(TV_LEGAL_STATUS_PTR, "PTR")                  \
    X(TV_LEGAL_STATUS_TRUST, "Trust")

/** ProductType: CommonStock, Continuous, Cryptocurrency, Futures, MarketInternals, Options, Spread, Swap */
#define TV_ENUM_PRODUCT_TYPE(X)                             \
    X(TV_PRODUCT_TYPE_COMMON_STOCK, "CommonStock")          \
    X(TV_PRODUCT_TYPE_CONTINUOUS, "Continuous")             \
    X(TV_PRODUCT_TYPE_CRYPTOCURRENCY, "Cryptocurrency")     \
    X(TV_PRODUCT_TYPE_FUTURES, "Futures")                   \
    X(TV_PRODUCT_TYPE_MARKET_INTERNALS, "MarketInternals")  \
    X(TV_PRODUCT_TYPE_OPTIONS, "Options")                   \
    X(TV_PRODUCT_TYPE_SPREAD, "Spread")                     \
    X(TV_PRODUCT_TYPE_SWAP, "Swap")

/** ProductStatus: Inactive, Locked, ReadyForContracts, ReadyToTrade, Verified */
#define TV_ENUM_PRODUCT_STATUS(X)                                  \
    X(TV_PRODUCT_STATUS_INACTIVE, "Inactive")                      \
    X(TV_PRODUCT_STATUS_LOCKED, "Locked")                          \
    X(TV_PRODUCT_STATUS_READY_FOR_CONTRACTS, "ReadyForContracts")  \
    X(TV_PRODUCT_STATUS_READY_TO_TRADE, "ReadyToTrade")            \
    X(TV_PRODUCT_STATUS_VERIFIED, "Verified")

/** PriceFormatType: Decimal, Fractional */
#define TV_ENUM_PRICE_FORMAT_TYPE(X)                  \
    X(TV_PRICE_FORMAT_TYPE_DECIMAL, "Decimal")        \
    X(TV_PRICE_FORMAT_TYPE_FRACTIONAL, "Fractional")

/** AdminAction: AgreedOnLiqOnlyModeByAutoLiq, AgreedOnLiquidationByAutoLiq, DisableAutoLiq, LiquidateImmediately, LiquidateOnlyModeImmediately, LockTradingImmediately, Normal, PlaceAutoLiqOnHold */
#define TV_ENUM_ADMIN_ACTION(X)                                                             \
    X(TV_ADMIN_ACTION_AGREED_ON_LIQ_ONLY_MODE_BY_AUTO_LIQ, "AgreedOnLiqOnlyModeByAutoLiq")  \
    X(TV_ADMIN_ACTION_AGREED_ON_LIQUIDATION_BY_AUTO_LIQ, "AgreedOnLiquidationByAutoLiq")    \
    X(TV_ADMIN_ACTION_DISABLE_AUTO_LIQ, "DisableAutoLiq")                                   \
    X(TV_ADMIN_ACTION_LIQUIDATE_IMMEDIATELY, "LiquidateImmediately")                        \
    X(TV_ADMIN_ACTION_LIQUIDATE_ONLY_MODE_IMMEDIATELY, "LiquidateOnlyModeImmediately")      \
    X(TV_ADMIN_ACTION_LOCK_TRADING_IMMEDIATELY, "LockTradingImmediately")                   \
    X(TV_ADMIN_ACTION_NORMAL, "Normal")                                                     \
    X(TV_ADMIN_ACTION_PLACE_AUTO_LIQ_ON_HOLD, "PlaceAutoLiqOnHold")

/** WsEntityEventType: Created, Updated, Deleted */
#define TV_ENUM_WS_ENTITY_EVENT_TYPE(X)            \
    X(TV_WS_ENTITY_EVENT_TYPE_CREATED, "Created")  \
    X(TV_WS_ENTITY_EVENT_TYPE_UPDATED, "Updated")  \
    X(TV_WS_ENTITY_EVENT_TYPE_DELETED, "Deleted")

/** WsShutdownReasonCode: Maintenance, ConnectionQuotaReached, IPQuotaReached */
#define TV_ENUM_WS_SHUTDOWN_REASON_CODE(X)                                            \
    X(TV_WS_SHUTDOWN_REASON_CODE_MAINTENANCE, "Maintenance")                          \
    X(TV_WS_SHUTDOWN_REASON_CODE_CONNECTION_QUOTA_REACHED, "ConnectionQuotaReached")  \
    X(TV_WS_SHUTDOWN_REASON_CODE_IP_QUOTA_REACHED, "IPQuotaReached")

/** ShardingExpressionType: modAccountId, modUserId */
#define TV_ENUM_SHARDING_EXPRESSION_TYPE(X)                        \
    X(TV_SHARDING_EXPRESSION_TYPE_MOD_ACCOUNT_ID, "modAccountId")  \
    X(TV_SHARDING_EXPRESSION_TYPE_MOD_USER_ID, "modUserId")

/** ChartUnderlyingType: Tick, DailyBar, MinuteBar, Custom, DOM */
#define TV_ENUM_CHART_UNDERLYING_TYPE(X)                 \
    X(TV_CHART_UNDERLYING_TYPE_TICK, "Tick")             \
    X(TV_CHART_UNDERLYING_TYPE_DAILY_BAR, "DailyBar")    \
    X(TV_CHART_UNDERLYING_TYPE_MINUTE_BAR, "MinuteBar")  \
    X(TV_CHART_UNDERLYING_TYPE_CUSTOM, "Custom")         \
    X(TV_CHART_UNDERLYING_TYPE_DOM, "DOM")

/** ChartElementSizeUnit: Volume, Range, UnderlyingUnits, Renko, MomentumRange, PointAndFigure, OFARange */
#define TV_ENUM_CHART_ELEMENT_SIZE_UNIT(X)                             \
    X(TV_CHART_ELEMENT_SIZE_UNIT_VOLUME, "Volume")                     \
    X(TV_CHART_ELEMENT_SIZE_UNIT_RANGE, "Range")                       \
    X(TV_CHART_ELEMENT_SIZE_UNIT_UNDERLYING_UNITS, "UnderlyingUnits")  \
    X(TV_CHART_ELEMENT_SIZE_UNIT_RENKO, "Renko")                       \
    X(TV_CHART_ELEMENT_SIZE_UNIT_MOMENTUM_RANGE, "MomentumRange")      \
    X(TV_CHART_ELEMENT_SIZE_UNIT_POINT_AND_FIGURE, "PointAndFigure")   \
    X(TV_CHART_ELEMENT_SIZE_UNIT_OFA_RANGE, "OFARange")

/** QuoteEntryKey: Bid, Offer, Trade, TotalTradeVolume, OpenInterest, OpeningPrice, HighPrice, LowPrice, SettlementPrice */
#define TV_ENUM_QUOTE_ENTRY_KEY(X)                                \
    X(TV_QUOTE_ENTRY_KEY_BID, "Bid")                              \
    X(TV_QUOTE_ENTRY_KEY_OFFER, "Offer")                          \
    X(TV_QUOTE_ENTRY_KEY_TRADE, "Trade")                          \
    X(TV_QUOTE_ENTRY_KEY_TOTAL_TRADE_VOLUME, "TotalTradeVolume")  \
    X(TV_QUOTE_ENTRY_KEY_OPEN_INTEREST, "OpenInterest")           \
    X(TV_QUOTE_ENTRY_KEY_OPENING_PRICE, "OpeningPrice")           \
    X(TV_QUOTE_ENTRY_KEY_HIGH_PRICE, "HighPrice")                 \
    X(TV_QUOTE_ENTRY_KEY_LOW_PRICE, "LowPrice")                   \
    X(TV_QUOTE_ENTRY_KEY_SETTLEMENT_PRICE, "SettlementPrice")

/** ReplayCheckStatus: Ineligible, OK, StartTimestampAdjusted */
#define TV_ENUM_REPLAY_CHECK_STATUS(X)                                            \
    X(TV_REPLAY_CHECK_STATUS_INELIGIBLE, "Ineligible")                            \
    X(TV_REPLAY_CHECK_STATUS_OK, "OK")                                            \
    X(TV_REPLAY_CHECK_STATUS_START_TIMESTAMP_ADJUSTED, "StartTimestampAdjusted")

/** Every enum above: X(C type, constant prefix, "reference name", value list). */
#define TV_ALL_ENUMS(X)                                                                                                      \
    X(tv_action, TV_ACTION, "Action", TV_ENUM_ACTION)                                                                        \
    X(tv_ord_status, TV_ORD_STATUS, "OrdStatus", TV_ENUM_ORD_STATUS)                                                         \
    X(tv_order_type, TV_ORDER_TYPE, "OrderType", TV_ENUM_ORDER_TYPE)                                                         \
    X(tv_time_in_force, TV_TIME_IN_FORCE, "TimeInForce", TV_ENUM_TIME_IN_FORCE)                                              \
    X(tv_command_type, TV_COMMAND_TYPE, "CommandType", TV_ENUM_COMMAND_TYPE)                                                 \
    X(tv_command_status, TV_COMMAND_STATUS, "CommandStatus", TV_ENUM_COMMAND_STATUS)                                         \
    X(tv_failure_reason, TV_FAILURE_REASON, "FailureReason", TV_ENUM_FAILURE_REASON)                                         \
    X(tv_exec_type, TV_EXEC_TYPE, "ExecType", TV_ENUM_EXEC_TYPE)                                                             \
    X(tv_order_strategy_status, TV_ORDER_STRATEGY_STATUS, "OrderStrategyStatus", TV_ENUM_ORDER_STRATEGY_STATUS)              \
    X(tv_user_status, TV_USER_STATUS, "UserStatus", TV_ENUM_USER_STATUS)                                                     \
    X(tv_hibp_hint, TV_HIBP_HINT, "HibpHint", TV_ENUM_HIBP_HINT)                                                             \
    X(tv_account_type, TV_ACCOUNT_TYPE, "AccountType", TV_ENUM_ACCOUNT_TYPE)                                                 \
    X(tv_margin_account_type, TV_MARGIN_ACCOUNT_TYPE, "MarginAccountType", TV_ENUM_MARGIN_ACCOUNT_TYPE)                      \
    X(tv_legal_status, TV_LEGAL_STATUS, "LegalStatus", TV_ENUM_LEGAL_STATUS)                                                 \
    X(tv_product_type, TV_PRODUCT_TYPE, "ProductType", TV_ENUM_PRODUCT_TYPE)                                                 \
    X(tv_product_status, TV_PRODUCT_STATUS, "ProductStatus", TV_ENUM_PRODUCT_STATUS)                                         \
    X(tv_price_format_type, TV_PRICE_FORMAT_TYPE, "PriceFormatType", TV_ENUM_PRICE_FORMAT_TYPE)                              \
    X(tv_admin_action, TV_ADMIN_ACTION, "AdminAction", TV_ENUM_ADMIN_ACTION)                                                 \
    X(tv_ws_entity_event_type, TV_WS_ENTITY_EVENT_TYPE, "WsEntityEventType", TV_ENUM_WS_ENTITY_EVENT_TYPE)                   \
    X(tv_ws_shutdown_reason_code, TV_WS_SHUTDOWN_REASON_CODE, "WsShutdownReasonCode", TV_ENUM_WS_SHUTDOWN_REASON_CODE)       \
    X(tv_sharding_expression_type, TV_SHARDING_EXPRESSION_TYPE, "ShardingExpressionType", TV_ENUM_SHARDING_EXPRESSION_TYPE)  \
    X(tv_chart_underlying_type, TV_CHART_UNDERLYING_TYPE, "ChartUnderlyingType", TV_ENUM_CHART_UNDERLYING_TYPE)              \
    X(tv_chart_element_size_unit, TV_CHART_ELEMENT_SIZE_UNIT, "ChartElementSizeUnit", TV_ENUM_CHART_ELEMENT_SIZE_UNIT)       \
    X(tv_quote_entry_key, TV_QUOTE_ENTRY_KEY, "QuoteEntryKey", TV_ENUM_QUOTE_ENTRY_KEY)                                      \
    X(tv_replay_check_status, TV_REPLAY_CHECK_STATUS, "ReplayCheckStatus", TV_ENUM_REPLAY_CHECK_STATUS)

TV_ALL_ENUMS(TV_DECLARE_ENUM)

#ifdef __cplusplus
}
#endif

#endif /* TV_ENUMS_H */
