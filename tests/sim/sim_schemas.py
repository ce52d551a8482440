"""Field lists of the Tradovate entities and messages, from the API reference.

Transcribed from the project's API reference (its machine-readable form is checked in as
tests/api/tradovate-api.json; backbone: the official Partner OpenAPI spec, S1).
The simulator validates request bodies against these lists and the tests check every
response against them, so a field the reference does not name cannot creep into a response
unnoticed.  Types: int64, integer, double, number, string, boolean, date-time, object,
enum:<Enum>, ref:<Schema>, array<type>.
"""

import re

# (name, type, required) per schema, in the reference's order.
SCHEMAS = {
    'Order': [
        ('id', 'int64', False),
        ('accountId', 'int64', True),
        ('contractId', 'int64', False),
        ('spreadDefinitionId', 'int64', False),
        ('timestamp', 'date-time', True),
        ('action', 'enum:Action', True),
        ('ordStatus', 'enum:OrdStatus', True),
        ('executionProviderId', 'int64', False),
        ('ocoId', 'int64', False),
        ('parentId', 'int64', False),
        ('linkedId', 'int64', False),
        ('admin', 'boolean', True),
    ],
    'OrderVersion': [
        ('id', 'int64', False),
        ('orderId', 'int64', True),
        ('orderQty', 'integer', True),
        ('orderType', 'enum:OrderType', True),
        ('price', 'double', False),
        ('stopPrice', 'double', False),
        ('limitIfTouchedPrice', 'double', False),
        ('maxShow', 'integer', False),
        ('pegDifference', 'double', False),
        ('timeInForce', 'enum:TimeInForce', False),
        ('expireTime', 'date-time', False),
        ('text', 'string', False),
    ],
    'Command': [
        ('id', 'int64', False),
        ('orderId', 'int64', True),
        ('timestamp', 'date-time', True),
        ('clOrdId', 'string', False),
        ('commandType', 'enum:CommandType', True),
        ('commandStatus', 'enum:CommandStatus', True),
        ('senderId', 'int64', False),
        ('userSessionId', 'int64', False),
        ('activationTime', 'date-time', False),
        ('customTag50', 'string', False),
        ('isAutomated', 'boolean', False),
    ],
    'CommandReport': [
        ('id', 'int64', False),
        ('commandId', 'int64', True),
        ('timestamp', 'date-time', True),
        ('commandStatus', 'enum:CommandStatus', True),
        ('rejectReason', 'enum:FailureReason', False),
        ('text', 'string', False),
        ('ordStatus', 'enum:OrdStatus', False),
    ],
    'ExecutionReport': [
        ('id', 'int64', False),
        ('commandId', 'int64', True),
        ('name', 'string', True),
        ('accountId', 'int64', True),
        ('contractId', 'int64', True),
        ('timestamp', 'date-time', True),
        ('tradeDate', 'ref:TradeDate', False),
        ('orderId', 'int64', True),
        ('execType', 'enum:ExecType', True),
        ('execRefId', 'string', False),
        ('ordStatus', 'enum:OrdStatus', False),
        ('action', 'enum:Action', True),
        ('cumQty', 'integer', False),
        ('avgPx', 'double', False),
        ('lastQty', 'integer', False),
        ('lastPx', 'double', False),
        ('rejectReason', 'enum:FailureReason', False),
        ('text', 'string', False),
        ('exchangeOrderId', 'string', False),
    ],
    'Fill': [
        ('id', 'int64', False),
        ('orderId', 'int64', True),
        ('contractId', 'int64', True),
        ('timestamp', 'date-time', True),
        ('tradeDate', 'ref:TradeDate', True),
        ('action', 'enum:Action', True),
        ('qty', 'integer', True),
        ('price', 'double', True),
        ('active', 'boolean', True),
        ('finallyPaired', 'integer', True),
    ],
    'FillFee': [
        ('id', 'int64', False),
        ('clearingFee', 'double', False),
        ('clearingCurrencyId', 'int64', False),
        ('exchangeFee', 'double', False),
        ('exchangeCurrencyId', 'int64', False),
        ('nfaFee', 'double', False),
        ('nfaCurrencyId', 'int64', False),
        ('brokerageFee', 'double', False),
        ('brokerageCurrencyId', 'int64', False),
        ('ipFee', 'double', False),
        ('ipCurrencyId', 'int64', False),
        ('commission', 'double', False),
        ('commissionCurrencyId', 'int64', False),
        ('orderRoutingFee', 'double', False),
        ('orderRoutingCurrencyId', 'int64', False),
    ],
    'OrderStrategy': [
        ('id', 'int64', False),
        ('accountId', 'int64', True),
        ('timestamp', 'date-time', True),
        ('contractId', 'int64', True),
        ('orderStrategyTypeId', 'int64', True),
        ('initiatorId', 'int64', False),
        ('action', 'enum:Action', True),
        ('params', 'string', False),
        ('uuid', 'string', False),
        ('status', 'enum:OrderStrategyStatus', True),
        ('failureMessage', 'string', False),
        ('senderId', 'int64', False),
        ('customTag50', 'string', False),
        ('userSessionId', 'int64', False),
    ],
    'OrderStrategyLink': [
        ('id', 'int64', False),
        ('orderStrategyId', 'int64', True),
        ('orderId', 'int64', True),
        ('label', 'string', True),
    ],
    'TradeDate': [
        ('year', 'integer', True),
        ('month', 'integer', True),
        ('day', 'integer', True),
    ],
    'SimpleResponse': [
        ('errorText', 'string', False),
        ('ok', 'boolean', True),
    ],
    'CommandResult': [
        ('failureReason', 'enum:FailureReason', False),
        ('failureText', 'string', False),
        ('commandId', 'int64', False),
    ],
    'PlaceOrderResult': [
        ('failureReason', 'enum:FailureReason', False),
        ('failureText', 'string', False),
        ('orderId', 'int64', False),
    ],
    'PlaceOcoResult': [
        ('failureReason', 'enum:FailureReason', False),
        ('failureText', 'string', False),
        ('orderId', 'int64', False),
        ('ocoId', 'int64', False),
    ],
    'PlaceOsoResult': [
        ('failureReason', 'enum:FailureReason', False),
        ('failureText', 'string', False),
        ('orderId', 'int64', False),
        ('oso1Id', 'int64', False),
        ('oso2Id', 'int64', False),
    ],
    'OrderStrategyStatusResponse': [
        ('errorText', 'string', False),
        ('failureReason', 'enum:FailureReason', False),
        ('orderStrategy', 'ref:OrderStrategy', False),
    ],
    'RestrainedOrderVersion': [
        ('action', 'enum:Action', True),
        ('clOrdId', 'string', False),
        ('orderType', 'enum:OrderType', True),
        ('price', 'double', False),
        ('stopPrice', 'double', False),
        ('limitIfTouchedPrice', 'double', False),
        ('maxShow', 'integer', False),
        ('pegDifference', 'double', False),
        ('timeInForce', 'enum:TimeInForce', False),
        ('expireTime', 'date-time', False),
        ('text', 'string', False),
    ],
    'PlaceOrder': [
        ('accountSpec', 'string', False),
        ('accountId', 'int64', False),
        ('clOrdId', 'string', False),
        ('action', 'enum:Action', True),
        ('symbol', 'string', True),
        ('orderQty', 'integer', True),
        ('orderType', 'enum:OrderType', True),
        ('price', 'double', False),
        ('stopPrice', 'double', False),
        ('limitIfTouchedPrice', 'double', False),
        ('maxShow', 'integer', False),
        ('pegDifference', 'double', False),
        ('timeInForce', 'enum:TimeInForce', False),
        ('expireTime', 'date-time', False),
        ('text', 'string', False),
        ('activationTime', 'date-time', False),
        ('customTag50', 'string', False),
        ('isAutomated', 'boolean', False),
    ],
    'ModifyOrder': [
        ('orderId', 'int64', True),
        ('clOrdId', 'string', False),
        ('orderQty', 'integer', True),
        ('orderType', 'enum:OrderType', True),
        ('price', 'double', False),
        ('stopPrice', 'double', False),
        ('limitIfTouchedPrice', 'double', False),
        ('maxShow', 'integer', False),
        ('pegDifference', 'double', False),
        ('timeInForce', 'enum:TimeInForce', False),
        ('expireTime', 'date-time', False),
        ('text', 'string', False),
        ('activationTime', 'date-time', False),
        ('customTag50', 'string', False),
        ('isAutomated', 'boolean', False),
    ],
    'CancelOrder': [
        ('orderId', 'int64', True),
        ('clOrdId', 'string', False),
        ('activationTime', 'date-time', False),
        ('customTag50', 'string', False),
        ('isAutomated', 'boolean', False),
    ],
    'LiquidatePosition': [
        ('accountId', 'int64', True),
        ('contractId', 'int64', True),
        ('admin', 'boolean', True),
        ('customTag50', 'string', False),
        ('isAutomated', 'boolean', False),
    ],
    'LiquidatePositions': [
        ('positions', 'array<int64>', True),
        ('admin', 'boolean', True),
        ('customTag50', 'string', False),
        ('isAutomated', 'boolean', False),
    ],
    'InterruptOrderStrategy': [
        ('orderStrategyId', 'int64', True),
    ],
    'ModifyOrderStrategy': [
        ('orderStrategyId', 'int64', True),
        ('command', 'string', True),
        ('customTag50', 'string', False),
    ],
    'StartOrderStrategy': [
        ('accountId', 'int64', False),
        ('accountSpec', 'string', False),
        ('symbol', 'string', True),
        ('orderStrategyTypeId', 'int64', True),
        ('action', 'enum:Action', True),
        ('params', 'string', False),
        ('uuid', 'string', False),
        ('customTag50', 'string', False),
        ('isAutomated', 'boolean', False),
    ],
    'StrategyParams': [
        ('entryVersion', 'object', True),
        ('brackets', 'array<object>', True),
    ],
    'DryRunOrder': [
        ('contractId', 'int64', True),
        ('action', 'enum:Action', True),
        ('orderQty', 'integer', True),
        ('orderType', 'enum:OrderType', True),
        ('price', 'double', False),
        ('stopPrice', 'double', False),
    ],
    'DryRun': [
        ('accountId', 'int64', True),
        ('orders', 'array<ref:DryRunOrder>', True),
        ('extraPreTradeRisk', 'ref:ExtraPreTradeRisk', False),
    ],
    'ExtraPreTradeRisk': [
        ('maxExposedTotal', 'integer', False),
        ('maxTradedVolumeTotal', 'integer', False),
        ('products', 'object', True),
        ('contracts', 'object', True),
    ],
    'DryRunResponse': [
        ('errorText', 'string', False),
        ('rejectReason', 'enum:FailureReason', False),
        ('comment', 'string', False),
        ('details', 'ref:RiskEvaluationDetails', False),
        ('fees', 'ref:EstimatedFillFee', False),
    ],
    'RiskEvaluationDetails': [
        ('beforeInitialMarginReq', 'double', True),
        ('beforeInitialFullMarginReq', 'double', True),
        ('beforeOpenCollateralReq', 'double', True),
        ('beforeNetPos', 'integer', True),
        ('isExitOrder', 'boolean', True),
        ('initialMarginReq', 'double', True),
        ('initialFullMarginReq', 'double', True),
        ('openCollateralReq', 'double', True),
        ('totalCash', 'double', True),
        ('futuresOpenPnL', 'double', True),
        ('optionsOpenPnL', 'double', True),
        ('riskCredit', 'double', True),
        ('netLiqValue', 'double', True),
        ('futureCommAndFees', 'double', True),
        ('totalCashRequired', 'double', True),
        ('excess', 'double', True),
        ('hypoLongPos', 'integer', True),
        ('hypoShortPos', 'integer', True),
    ],
    'AccessTokenRequest': [
        ('name', 'string', True),
        ('password', 'string', True),
        ('appId', 'string', False),
        ('appVersion', 'string', False),
        ('deviceId', 'string', False),
        ('cid', 'string', False),
        ('sec', 'string', False),
        ('hibpCheck', 'boolean', False),
    ],
    'AccessTokenResponse': [
        ('errorText', 'string', False),
        ('hibpHint', 'enum:HibpHint', False),
        ('accessToken', 'string', False),
        ('expirationTime', 'date-time', False),
        ('passwordExpirationTime', 'date-time', False),
        ('userStatus', 'enum:UserStatus', False),
        ('userId', 'int64', False),
        ('name', 'string', False),
        ('hasLive', 'boolean', False),
        ('hasSimPlus', 'boolean', False),
        ('showKIDs', 'boolean', False),
        ('mdAccessToken', 'string', False),
        ('p-ticket', 'string', False),
        ('p-time', 'number', False),
        ('p-captcha', 'boolean', False),
    ],
    'OAuthMeResponse': [
        ('errorText', 'string', False),
        ('userId', 'int64', False),
        ('name', 'string', False),
        ('fullName', 'string', False),
        ('email', 'string', False),
        ('emailVerified', 'boolean', False),
        ('isTrial', 'boolean', False),
        ('organizationName', 'string', False),
        ('currentAccountPlan', 'string', False),
        ('currentMDSubs', 'array<string>', False),
        ('currentBalance', 'double', False),
        ('activePlugins', 'array<string>', False),
    ],
    'Account': [
        ('id', 'int64', False),
        ('name', 'string', True),
        ('userId', 'int64', True),
        ('accountType', 'enum:AccountType', True),
        ('restricted', 'boolean', False),
        ('closed', 'boolean', False),
        ('clearingHouseId', 'int64', True),
        ('riskCategoryId', 'int64', True),
        ('autoLiqProfileId', 'int64', True),
        ('marginAccountType', 'enum:MarginAccountType', True),
        ('legalStatus', 'enum:LegalStatus', True),
        ('timestamp', 'date-time', True),
        ('evaluationSize', 'double', False),
        ('readonly', 'boolean', False),
        ('ccEmail', 'string', False),
        ('futuresDisabled', 'boolean', False),
        ('swapEnabled', 'boolean', False),
        ('ssfRiskDisclosureAcknowledgment', 'date-time', False),
        ('spotMarginEnabled', 'boolean', False),
        ('active', 'boolean', False),
    ],
    'Position': [
        ('id', 'int64', False),
        ('accountId', 'int64', True),
        ('contractId', 'int64', True),
        ('timestamp', 'date-time', True),
        ('tradeDate', 'ref:TradeDate', True),
        ('netPos', 'integer', True),
        ('netPrice', 'double', False),
        ('bought', 'integer', True),
        ('boughtValue', 'double', True),
        ('sold', 'integer', True),
        ('soldValue', 'double', True),
        ('prevPos', 'integer', True),
        ('prevPrice', 'double', False),
    ],
    'Contract': [
        ('id', 'int64', False),
        ('name', 'string', True),
        ('contractMaturityId', 'int64', True),
        ('timestamp', 'date-time', True),
    ],
}

# PlaceOCO and PlaceOSO are PlaceOrder plus the linked orders.
SCHEMAS['PlaceOCO'] = SCHEMAS['PlaceOrder'] + [('other', 'ref:RestrainedOrderVersion', True)]
SCHEMAS['PlaceOSO'] = SCHEMAS['PlaceOrder'] + [
    ('bracket1', 'ref:RestrainedOrderVersion', True),
    ('bracket2', 'ref:RestrainedOrderVersion', False),
]

# The reference describes EstimatedFillFee in words: FillFee's fields without `id`, plus two BPS
# values, all optional.
SCHEMAS['EstimatedFillFee'] = [f for f in SCHEMAS['FillFee'] if f[0] != 'id'] + [
    ('commissionNotionalValueBPS', 'double', False),
    ('exchangeFeeNotionalValueBPS', 'double', False),
]

# Not in the reference (see README "Assumptions"): the simulator's answers for Get Timestamp and
# OIDC User Info, the standard OpenID Connect Core claims.
SCHEMAS['Timestamp'] = [('timestamp', 'date-time', True)]
SCHEMAS['UserInfo'] = [
    ('sub', 'string', True),
    ('name', 'string', False),
    ('preferred_username', 'string', False),
    ('given_name', 'string', False),
    ('family_name', 'string', False),
    ('email', 'string', False),
    ('email_verified', 'boolean', False),
    ('updated_at', 'integer', False),
]
# A penalty ticket answer (section 11 of the reference).
SCHEMAS['PenaltyTicket'] = [
    ('p-ticket', 'string', True),
    ('p-time', 'number', True),
    ('p-captcha', 'boolean', False),
]

ENUMS = {
    'Action': (
        'Buy', 'Sell',
    ),
    'OrdStatus': (
        'Canceled', 'Completed', 'Expired', 'Filled', 'PendingCancel', 'PendingNew',
        'PendingReplace', 'Rejected', 'Suspended', 'Unknown', 'Working',
    ),
    'OrderType': (
        'Limit', 'LimitIfTouched', 'MIT', 'Market', 'QTS', 'Stop', 'StopLimit', 'TrailingStop',
        'TrailingStopLimit',
    ),
    'TimeInForce': (
        'Day', 'FOK', 'GTC', 'GTD', 'IOC',
    ),
    'CommandType': (
        'Cancel', 'Modify', 'New',
    ),
    'CommandStatus': (
        'AtExecution', 'ExecutionRejected', 'ExecutionStopped', 'ExecutionSuspended', 'OnHold',
        'Pending', 'PendingExecution', 'Replaced', 'RiskPassed', 'RiskRejected',
    ),
    'FailureReason': (
        'AccountClosed', 'AdvancedTrailingStopUnsupported', 'AnotherCommandPending',
        'BackMonthProhibited', 'ExecutionProviderNotConfigured', 'ExecutionProviderUnavailable',
        'InvalidContract', 'InvalidPrice', 'KeyInformationDocumentRequired', 'LiquidationOnly',
        'LiquidationOnlyBeforeExpiration', 'MaxOrderQtyIsNotSpecified',
        'MaxOrderQtyLimitReached', 'MaxPosLimitMisconfigured', 'MaxPosLimitReached',
        'MaxTotalPosLimitReached', 'MultipleAccountPlanRequired', 'NoQuote',
        'NotEnoughLiquidity', 'OtherExecutionRelated', 'ParentRejected', 'RiskCheckTimeout',
        'SSFRiskDisclosureAcknowledgmentRequired', 'SessionClosed', 'Success', 'TooLate',
        'TradingLocked', 'TrailingStopNonOrderQtyModify', 'Unauthorized', 'UnknownReason',
        'Unsupported',
    ),
    'ExecType': (
        'Canceled', 'Completed', 'DoneForDay', 'Expired', 'New', 'OrderStatus', 'PendingCancel',
        'PendingNew', 'PendingReplace', 'Rejected', 'Replaced', 'Stopped', 'Suspended', 'Trade',
        'TradeCancel', 'TradeCorrect',
    ),
    'OrderStrategyStatus': (
        'ActiveStrategy', 'ExecutionFailed', 'ExecutionFinished', 'ExecutionInterrupted',
        'InactiveStrategy', 'NotEnoughLiquidity', 'StoppedByUser',
    ),
    'UserStatus': (
        'Active', 'Closed', 'Initiated', 'TemporaryLocked', 'UnconfirmedEmail',
    ),
    'HibpHint': (
        'EmailAndPasswordCompromised', 'PasswordCompromised',
    ),
    'AccountType': (
        'Customer', 'Employee', 'Giveup', 'House', 'Omnibus', 'Wash',
    ),
    'MarginAccountType': (
        'Hedger', 'Speculator',
    ),
    'LegalStatus': (
        'Corporation', 'GP', 'IRA', 'Individual', 'Joint', 'LLC', 'LLP', 'LP', 'PTR', 'Trust',
    ),
}


def _is_datetime(value):
    """ISO-8601 UTC with optional seconds and fraction and a final Z, as the reference allows."""
    return isinstance(value, str) and re.fullmatch(
        r'\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?Z', value) is not None


def problems(value, typ, where='$', strict=True):
    """Lists how `value` departs from reference type `typ` (empty list: it conforms).

    strict: unknown object keys are problems too.  Responses are checked strictly, so nothing
    the reference does not name is served; request bodies are not (the service ignores extras).
    """
    if typ.startswith('array<'):
        if not isinstance(value, list):
            return ['%s: expected array' % where]
        out = []
        for i, item in enumerate(value):
            out += problems(item, typ[6:-1], '%s[%d]' % (where, i), strict)
        return out
    if typ.startswith('ref:'):
        return object_problems(value, typ[4:], where, strict)
    if typ.startswith('enum:'):
        ok = isinstance(value, str) and value in ENUMS[typ[5:]]
        return [] if ok else ['%s: %r is not a %s' % (where, value, typ[5:])]
    checks = {
        'int64': lambda v: isinstance(v, int) and not isinstance(v, bool) and -2**63 <= v < 2**63,
        'integer': lambda v: isinstance(v, int) and not isinstance(v, bool) and -2**31 <= v < 2**31,
        'double': lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
        'number': lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
        'string': lambda v: isinstance(v, str),
        'boolean': lambda v: isinstance(v, bool),
        'date-time': _is_datetime,
        'object': lambda v: isinstance(v, dict),
    }
    return [] if checks[typ](value) else ['%s: %r is not %s' % (where, value, typ)]


def object_problems(value, schema, where='$', strict=True):
    """Checks an object against SCHEMAS[schema]: required fields, field types, unknown keys."""
    if not isinstance(value, dict):
        return ['%s: expected %s object' % (where, schema)]
    fields = {name: (typ, req) for name, typ, req in SCHEMAS[schema]}
    out = []
    for name, (typ, req) in fields.items():
        if name not in value or value[name] is None:
            if req:
                out.append('%s.%s: required field missing' % (where, name))
            continue
        out += problems(value[name], typ, '%s.%s' % (where, name), strict)
    if strict:
        out += ['%s.%s: not a %s field' % (where, k, schema) for k in value if k not in fields]
    return out
