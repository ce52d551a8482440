"""Order strategies (multibracket, orderStrategyTypeId 2): start, interrupt, modify.

`params` arrives as JSON text inside the JSON body (reference section 4.1):
{"entryVersion": {orderQty, orderType, price?, stopPrice?, timeInForce?},
 "brackets": [{qty, profitTarget?, stopLoss?, trailingStop?}, ...]}.
profitTarget/stopLoss are signed price offsets from the entry's fill price (Buy: target > 0,
stop < 0; Sell: the reverse), as the reference infers from the official examples.  When the
entry fills, each bracket becomes a Limit (target) and a Stop or TrailingStop (stop) order,
OCO-linked, each linked to the strategy under the labels Entry, ProfitTarget<n>, StopLoss<n>.

modifyorderstrategy's `command` grammar is undocumented; the simulator accepts JSON text
{"brackets": [{"profitTarget"?: n, "stopLoss"?: n}, ...]} (matched by position) and reprices
live bracket orders.  Anything else is refused with failureReason Unsupported.
"""

import json

from sim_actions import Actions, opposite
from sim_store import now_iso
from sim_trading import FINAL, Reject, to_tick

MULTIBRACKET = 2


class Strategy:
    __slots__ = ('entity', 'account', 'contract', 'action', 'entry', 'brackets', 'orders',
                 'actor', 'req')

    def __init__(self, entity, account, contract, action, brackets, actor, req):
        self.entity = entity
        self.account = account
        self.contract = contract
        self.action = action
        self.brackets = brackets
        self.actor = actor
        self.req = {k: req[k] for k in ('customTag50', 'isAutomated') if k in req}
        self.entry = None
        self.orders = []


def _json_object(text, what):
    try:
        value = json.loads(text)
    except (TypeError, ValueError):
        raise Reject('UnknownReason', '%s is not JSON text' % what)
    if not isinstance(value, dict):
        raise Reject('UnknownReason', '%s must be a JSON object' % what)
    return value


def _number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _check_offsets(action, bracket, where):
    """Offsets must point the right way for the side, or the bracket would fill at once."""
    sign = 1 if action == 'Buy' else -1
    for key, want in (('profitTarget', 1), ('stopLoss', -1)):
        if key not in bracket:
            continue
        value = bracket[key]
        if not _number(value) or value * sign * want <= 0:
            raise Reject('InvalidPrice', '%s.%s: %r must be %s for a %s entry'
                         % (where, key, value, 'positive' if sign * want > 0 else 'negative',
                            action))


class Model(Actions):
    """The whole trading model: plain orders (Actions) plus order strategies."""

    def _params(self, body, contract):
        params = _json_object(body.get('params', ''), 'params')
        entry, brackets = params.get('entryVersion'), params.get('brackets')
        if not isinstance(entry, dict) or not isinstance(entry.get('orderType'), str):
            raise Reject('UnknownReason', 'params.entryVersion with orderType is required')
        qty = entry.get('orderQty')
        if not isinstance(qty, int) or isinstance(qty, bool):
            raise Reject('UnknownReason', 'params.entryVersion.orderQty must be an integer')
        version = self.version(entry, contract, qty)
        if not isinstance(brackets, list) or not brackets:
            raise Reject('UnknownReason', 'params.brackets must be a non-empty array')
        total = 0
        for i, b in enumerate(brackets):
            where = 'params.brackets[%d]' % i
            if not isinstance(b, dict) or not isinstance(b.get('qty'), int) or b['qty'] <= 0:
                raise Reject('UnknownReason', '%s.qty must be a positive integer' % where)
            if 'profitTarget' not in b and 'stopLoss' not in b:
                raise Reject('UnknownReason', '%s needs profitTarget or stopLoss' % where)
            _check_offsets(body['action'], b, where)
            total += b['qty']
        if total > qty:
            raise Reject('UnknownReason', 'bracket quantities (%d) exceed orderQty (%d)'
                         % (total, qty))
        return version, brackets

    def start_strategy(self, ctx, body):
        account = self.account(ctx, body)
        contract = self.contract(body['symbol'])
        if body['orderStrategyTypeId'] != MULTIBRACKET:
            raise Reject('Unsupported', 'orderStrategyTypeId %d is not supported (2 = multibracket)'
                         % body['orderStrategyTypeId'])
        version, brackets = self._params(body, contract)
        self.check_position(account, contract, body['action'], version['orderQty'])
        entity = {'accountId': account, 'timestamp': now_iso(), 'contractId': contract.id,
                  'orderStrategyTypeId': MULTIBRACKET, 'initiatorId': ctx.user.id,
                  'action': body['action'], 'params': body['params'],
                  'status': 'ActiveStrategy', 'senderId': ctx.user.id,
                  'userSessionId': ctx.actor.session_id}
        entity.update((k, body[k]) for k in ('uuid', 'customTag50') if k in body)
        sid = self.store.add('orderStrategy', entity, account)
        st = Strategy(entity, account, contract, body['action'], brackets, ctx.actor, body)
        self.strategies[sid] = st
        entry = self.new_order(ctx.actor, account, contract, body['action'], version, st.req)
        self._join(st, entry, 'Entry')
        st.entry = entry.id
        ctx.applied = True
        self.run()
        return {'orderStrategy': entity}

    def _join(self, st, lo, label):
        lo.strategy = st.entity['id']
        st.orders.append(lo.id)
        self.store.add('orderStrategyLink', {'orderStrategyId': st.entity['id'],
                                             'orderId': lo.id, 'label': label}, st.account)

    def strategy_filled(self, lo, px):
        st = self.strategies[lo.strategy]
        if lo.id == st.entry:
            for n, b in enumerate(st.brackets, 1):
                self._bracket(st, n, b, px)
        self.strategy_check(lo.strategy)

    def _bracket(self, st, n, b, px):
        tick = st.contract.tick
        side = opposite(st.action)
        legs = []
        if 'profitTarget' in b:
            v = {'orderQty': b['qty'], 'orderType': 'Limit', 'timeInForce': 'GTC',
                 'price': to_tick(px + b['profitTarget'], tick)}
            legs.append(('ProfitTarget%d' % n, v))
        if 'stopLoss' in b:
            v = {'orderQty': b['qty'], 'orderType': 'TrailingStop' if b.get('trailingStop')
                 else 'Stop', 'timeInForce': 'GTC', 'stopPrice': to_tick(px + b['stopLoss'], tick)}
            legs.append(('StopLoss%d' % n, v))
        orders = []
        for label, v in legs:
            lo = self.new_order(st.actor, st.account, st.contract, side, v, st.req)
            self._join(st, lo, label)
            orders.append(lo)
        if len(orders) == 2:
            self.link(*orders)

    def strategy_check(self, sid):
        st = self.strategies[sid]
        if st.entity['status'] != 'ActiveStrategy':
            return
        entry = self.live[st.entry]
        if entry.status == 'Canceled':
            st.entity['status'] = 'StoppedByUser'
        elif entry.status == 'Filled' and all(self.live[o].status in FINAL for o in st.orders):
            st.entity['status'] = 'ExecutionFinished'

    def _active(self, ctx, sid):
        if self.store.get('orderStrategy', sid, ctx.accounts) is None:
            raise Reject('UnknownReason', 'Unknown order strategy id %d' % sid)
        st = self.strategies[sid]
        if st.entity['status'] != 'ActiveStrategy':
            raise Reject('TooLate', 'Order strategy %d is %s' % (sid, st.entity['status']))
        return st

    def interrupt_strategy(self, ctx, body):
        st = self._active(ctx, body['orderStrategyId'])
        st.entity['status'] = 'ExecutionInterrupted'
        for oid in st.orders:
            if self.live[oid].status not in FINAL:
                self.user_cancel(ctx.actor, self.live[oid])
        ctx.applied = True
        self.run()
        return {'orderStrategy': st.entity}

    def modify_strategy(self, ctx, body):
        st = self._active(ctx, body['orderStrategyId'])
        cmd = _json_object(body['command'], 'command')
        changes = cmd.get('brackets')
        ok = (set(cmd) == {'brackets'} and isinstance(changes, list)
              and len(changes) <= len(st.brackets)
              and all(isinstance(c, dict) and c and set(c) <= {'profitTarget', 'stopLoss'}
                      for c in changes))
        if not ok:
            raise Reject('Unsupported', 'command: expected {"brackets":[{"profitTarget":n,'
                         '"stopLoss":n}, ...]} for at most %d brackets' % len(st.brackets))
        for i, change in enumerate(changes):
            _check_offsets(st.action, change, 'command.brackets[%d]' % i)
        entry = self.live[st.entry]
        fill_px = None
        if entry.status == 'Filled':
            fills = self.store.dependents('fill', [entry.id], None)
            fill_px = fills[0]['price']
        for n, change in enumerate(changes, 1):
            st.brackets[n - 1] = dict(st.brackets[n - 1], **change)
            if fill_px is not None:
                self._reprice(ctx, st, n, change, fill_px)
        params = json.loads(st.entity['params'])
        params['brackets'] = st.brackets
        st.entity['params'] = json.dumps(params, separators=(',', ':'))
        if 'customTag50' in body:
            st.entity['customTag50'] = body['customTag50']
        ctx.applied = True
        self.run()
        return {'orderStrategy': st.entity}

    def _reprice(self, ctx, st, n, change, px):
        links = self.store.dependents('orderStrategyLink', [st.entity['id']], None)
        for key, label, field in (('profitTarget', 'ProfitTarget', 'price'),
                                  ('stopLoss', 'StopLoss', 'stopPrice')):
            if key not in change:
                continue
            for link in links:
                lo = self.live[link['orderId']]
                if link['label'] == '%s%d' % (label, n) and lo.status not in FINAL:
                    version = dict(lo.v, **{field: to_tick(px + change[key], st.contract.tick)})
                    self.replace(ctx.actor, lo, version, st.req)
