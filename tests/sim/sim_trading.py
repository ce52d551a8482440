"""The trading model: orders and their life cycles, fills, fees and positions.

Each action leaves the trail the real service leaves, because a client reconciles through it:
a Command with CommandReports, an OrderVersion per new/modified version, ExecutionReports, and
per execution a Fill, its FillFee and the updated Position.  Liquidity is unlimited: an order
that can execute fills in full at once.  Prices move only when a test says so (`/sim/price`),
and then resting orders are re-examined in id order.

Business failures raise Reject; the REST layer turns it into the response shape of the
operation (failureReason/failureText, errorText, ok:false).
"""

import collections

import sim_seed
from sim_store import Store, now_iso, trade_date

FINAL = ('Filled', 'Canceled', 'Rejected', 'Expired', 'Completed')

# Price fields each supported order type needs (a missing one is an InvalidPrice failure).
NEEDS = {
    'Market': (),
    'Limit': ('price',),
    'Stop': ('stopPrice',),
    'StopLimit': ('price', 'stopPrice'),
    'MIT': ('price',),
    'LimitIfTouched': ('price', 'limitIfTouchedPrice'),
    'TrailingStop': ('stopPrice',),
}
PRICE_FIELDS = ('price', 'stopPrice', 'limitIfTouchedPrice', 'pegDifference')
VERSION_FIELDS = PRICE_FIELDS + ('maxShow', 'timeInForce', 'expireTime', 'text')
COMMAND_TAGS = ('activationTime', 'customTag50', 'isAutomated')

# Who sends a command: user id and session id (Command.senderId, userSessionId).
Actor = collections.namedtuple('Actor', 'user_id session_id')


class Reject(Exception):
    """A business failure: answered with HTTP 200 and the reason in the body."""

    def __init__(self, reason, text):
        super().__init__(text)
        self.reason = reason
        self.text = text


class HttpError(Exception):
    """A failure the service answers with an HTTP status (e.g. dry run: 404, 401)."""

    def __init__(self, status, text):
        super().__init__(text)
        self.status = status
        self.text = text


class Ctx:
    """One request's caller and what it changed, for the mutation counters."""

    def __init__(self, user, session_id):
        self.user = user
        self.actor = Actor(user.id, session_id)
        self.accounts = {aid for aid, _ in user.accounts}
        self.applied = False
        self.placed = []  # clOrdIds of orders this request placed


class LiveOrder:
    """An order's working state beside its served entity: version, triggers, links."""

    __slots__ = ('id', 'entity', 'account', 'contract', 'action', 'v', 'command', 'actor',
                 'linked', 'children', 'strategy', 'triggered', 'rested', 'trail')

    def __init__(self, entity, account, contract, action, version, actor):
        self.id = entity['id']
        self.entity = entity
        self.account = account
        self.contract = contract
        self.action = action
        self.v = version
        self.actor = actor
        self.command = None
        self.linked = None  # OCO sibling, cancelled when this one fills
        self.children = []  # OSO brackets, released when this one fills
        self.strategy = None
        self.triggered = False
        self.rested = False
        self.trail = None

    @property
    def status(self):
        return self.entity['ordStatus']


def on_tick(value, tick):
    return abs(round(value / tick) * tick - value) < 1e-9


def to_tick(value, tick):
    return round(round(value / tick) * tick, 9)


class Exchange:
    """All trading state of one simulator; callers hold the simulator's lock."""

    def __init__(self, config):
        self.config = config
        self.store = Store()
        self.contracts = {}
        self.by_symbol = {}
        self.price = {}
        self.account_names = {}
        self.cash = {}
        self.live = {}
        self.working = {}  # contract id -> {order id: LiveOrder} of Working orders
        self.positions = {}  # (account id, contract id) -> Position entity
        self.queue = collections.deque()
        self.strategies = {}
        stamp = now_iso()
        for c in sim_seed.CONTRACTS:
            self.contracts[c.id] = c
            self.by_symbol[c.name] = c
            self.price[c.id] = c.price
            self.working[c.id] = {}
            self.store.add('contract', {'id': c.id, 'name': c.name,
                                        'contractMaturityId': c.maturity_id,
                                        'timestamp': stamp}, None)
        for u in config.users:
            for aid, name in u.accounts:
                self.add_account(u, aid, name, stamp)

    def add_account(self, user, aid, name, stamp):
        self.account_names[aid] = name
        self.cash[aid] = sim_seed.STARTING_CASH
        self.store.add('account', {
            'id': aid, 'name': name, 'userId': user.id, 'accountType': 'Customer',
            'restricted': False, 'closed': False, 'clearingHouseId': 2, 'riskCategoryId': 2,
            'autoLiqProfileId': 2, 'marginAccountType': 'Speculator',
            'legalStatus': 'Individual', 'timestamp': stamp, 'readonly': False,
            'active': True}, aid)

    # ------------------------------------------------------------ lookups ----

    def account(self, ctx, body):
        """The account an order names by accountId and/or accountSpec (account or user name)."""
        aid, spec = body.get('accountId'), body.get('accountSpec')
        by_spec = None
        if spec is not None:
            if spec == ctx.user.name:
                by_spec = ctx.user.accounts[0][0]
            else:
                by_spec = next((a for a, n in ctx.user.accounts if n == spec), None)
                if by_spec is None:
                    raise Reject('UnknownReason', 'Unknown account %s' % spec)
        if aid is not None:
            if aid not in ctx.accounts:
                raise Reject('UnknownReason', 'Unknown account id %d' % aid)
            if by_spec is not None and spec != ctx.user.name and by_spec != aid:
                raise Reject('UnknownReason', 'accountSpec %s is not account %d' % (spec, aid))
            return aid
        if by_spec is None:
            raise Reject('UnknownReason', 'accountId or accountSpec is required')
        return by_spec

    def contract(self, symbol):
        c = self.by_symbol.get(symbol)
        if c is None:
            raise Reject('InvalidContract', 'Unknown contract %s' % symbol)
        return c

    def contract_by_id(self, cid):
        c = self.contracts.get(cid)
        if c is None:
            raise Reject('InvalidContract', 'Unknown contract id %d' % cid)
        return c

    def order(self, ctx, oid):
        """A working (or suspended) order of the caller, for cancel and modify."""
        entity = self.store.get('order', oid, ctx.accounts)
        if entity is None:
            raise Reject('UnknownReason', 'Unknown order id %d' % oid)
        lo = self.live.get(oid)
        if lo is None or lo.status in FINAL:
            raise Reject('TooLate', 'Order %d is %s' % (oid, entity['ordStatus']))
        return lo

    # --------------------------------------------------------- validation ----

    def version(self, spec, contract, qty):
        """OrderVersion fields of an order spec, after the checks the risk system makes."""
        otype = spec['orderType']
        if otype == 'TrailingStopLimit':
            raise Reject('AdvancedTrailingStopUnsupported', 'TrailingStopLimit is not supported')
        if otype not in NEEDS:
            raise Reject('Unsupported', 'Order type %s is not supported' % otype)
        if qty <= 0:
            raise Reject('UnknownReason', 'orderQty must be positive, got %d' % qty)
        if qty > self.config.max_order_qty:
            raise Reject('MaxOrderQtyLimitReached',
                         'orderQty %d exceeds the limit of %d' % (qty, self.config.max_order_qty))
        for field in NEEDS[otype]:
            if spec.get(field) is None:
                raise Reject('InvalidPrice', '%s order requires %s' % (otype, field))
        for field in NEEDS[otype]:
            value = spec[field]
            if value <= 0 or not on_tick(value, contract.tick):
                raise Reject('InvalidPrice', '%s %r is not a positive multiple of the tick %r'
                             % (field, value, contract.tick))
        if spec.get('timeInForce') == 'GTD' and spec.get('expireTime') is None:
            raise Reject('UnknownReason', 'timeInForce GTD requires expireTime')
        v = {'orderQty': qty, 'orderType': otype, 'timeInForce': 'Day'}
        v.update((f, spec[f]) for f in VERSION_FIELDS if spec.get(f) is not None)
        return v

    def check_position(self, account, contract, action, qty):
        pos = self.positions.get((account, contract.id))
        net = pos['netPos'] if pos else 0
        after = net + (qty if action == 'Buy' else -qty)
        if abs(after) > self.config.max_position:
            raise Reject('MaxPosLimitReached', 'Position %d would exceed the limit of %d'
                         % (after, self.config.max_position))

    # ------------------------------------------------------- entity trail ----

    def command(self, actor, lo, ctype, req, clordid=None):
        cmd = {'orderId': lo.id, 'timestamp': now_iso(), 'commandType': ctype,
               'commandStatus': 'Pending'}
        clordid = clordid or (req or {}).get('clOrdId')
        if clordid is not None:
            cmd['clOrdId'] = clordid
        cmd['senderId'] = actor.user_id
        cmd['userSessionId'] = actor.session_id
        cmd.update((k, req[k]) for k in COMMAND_TAGS if req and req.get(k) is not None)
        self.store.add('command', cmd, lo.account)
        return cmd

    def report(self, cmd, status, ord_status, text=None):
        cmd['commandStatus'] = status
        rep = {'commandId': cmd['id'], 'timestamp': now_iso(), 'commandStatus': status,
               'ordStatus': ord_status}
        if text:
            rep['text'] = text
        self.store.add('commandReport', rep, self.store.owner['command'][cmd['id']])

    def execution(self, lo, exec_type, command_id=None, **extra):
        er = {'commandId': command_id or lo.command, 'name': lo.contract.name,
              'accountId': lo.account, 'contractId': lo.contract.id, 'timestamp': now_iso(),
              'orderId': lo.id, 'execType': exec_type, 'ordStatus': lo.status,
              'action': lo.action, 'exchangeOrderId': 'SIM%d' % lo.id}
        er.update(extra)
        self.store.add('executionReport', er, lo.account)

    def set_status(self, lo, status):
        lo.entity['ordStatus'] = status
        if status == 'Working':
            self.working[lo.contract.id][lo.id] = lo
        else:
            self.working[lo.contract.id].pop(lo.id, None)

    # --------------------------------------------------------- life cycle ----

    def new_order(self, actor, account, contract, action, version, req, clordid=None,
                  suspended=False, extra=None):
        """Creates an order with its New command, reports and version; queues it to run."""
        entity = {'accountId': account, 'contractId': contract.id, 'timestamp': now_iso(),
                  'action': action, 'ordStatus': 'PendingNew', 'admin': False}
        entity.update(extra or {})
        self.store.add('order', entity, account)
        lo = LiveOrder(entity, account, contract, action, version, actor)
        self.live[lo.id] = lo
        cmd = self.command(actor, lo, 'New', req, clordid)
        lo.command = cmd['id']
        self.report(cmd, 'RiskPassed', 'PendingNew')
        self.store.add('orderVersion', dict(version, orderId=lo.id), account)
        if suspended:
            self.set_status(lo, 'Suspended')
            self.report(cmd, 'OnHold', 'Suspended')
            self.execution(lo, 'Suspended')
        else:
            self.activate(lo)
        return lo

    def activate(self, lo):
        self.set_status(lo, 'Working')
        if lo.v['orderType'] == 'TrailingStop':
            lo.trail = abs(self.price[lo.contract.id] - lo.v['stopPrice'])
        self.report(self.store.tables['command'][lo.command], 'AtExecution', 'Working')
        self.execution(lo, 'New', cumQty=0)
        self.queue.append(lo)

    def cancel(self, lo, command_id=None, text=None):
        """Ends a working/suspended order; an OSO entry takes its unreleased brackets along."""
        self.set_status(lo, 'Canceled')
        extra = {'text': text} if text else {}
        self.execution(lo, 'Canceled', command_id, **extra)
        for child in lo.children:
            c = self.live[child]
            if c.status == 'Suspended':
                self.cancel(c, None, 'Parent order %d ended' % lo.id)
        if lo.strategy is not None:
            self.strategy_check(lo.strategy)

    def user_cancel(self, actor, lo, req=None):
        cmd = self.command(actor, lo, 'Cancel', req)
        self.report(cmd, 'RiskPassed', lo.status)
        self.cancel(lo, cmd['id'])
        self.report(cmd, 'AtExecution', 'Canceled')
        return cmd

    def run(self):
        """Executes whatever can execute now; fills may release or cancel other orders."""
        while self.queue:
            lo = self.queue.popleft()
            if lo.status != 'Working':
                continue
            px = self.evaluate(lo)
            if px == 'cancel':
                self.cancel(lo, text='%s order could not execute at once' % lo.v['timeInForce'])
            elif px is not None:
                self.fill(lo, px)

    def evaluate(self, lo):
        """The fill price if `lo` executes at the current price, 'cancel' for an IOC/FOK
        that cannot, else None (it rests)."""
        px = self.price[lo.contract.id]
        buy = lo.action == 'Buy'
        v = lo.v
        otype = v['orderType']
        if otype == 'Market':
            return px
        if otype != 'Limit' and not lo.triggered:
            if otype == 'TrailingStop':
                trailed = px + lo.trail if buy else px - lo.trail
                better = trailed < v['stopPrice'] if buy else trailed > v['stopPrice']
                if better:
                    v['stopPrice'] = to_tick(trailed, lo.contract.tick)
            if otype in ('MIT', 'LimitIfTouched'):
                level = v['price'] if otype == 'MIT' else v['limitIfTouchedPrice']
                hit = px <= level if buy else px >= level
            else:
                hit = px >= v['stopPrice'] if buy else px <= v['stopPrice']
            if not hit:
                return None
            lo.triggered = True
            if otype in ('Stop', 'TrailingStop', 'MIT'):
                return px
        if (px <= v['price']) if buy else (px >= v['price']):
            return v['price'] if lo.rested else px
        if not lo.rested and v.get('timeInForce') in ('IOC', 'FOK'):
            return 'cancel'
        lo.rested = True
        return None

    def fill(self, lo, px):
        qty = lo.v['orderQty']
        c = lo.contract
        stamp, tdate = now_iso(), trade_date()
        fid = self.store.add('fill', {
            'orderId': lo.id, 'contractId': c.id, 'timestamp': stamp, 'tradeDate': tdate,
            'action': lo.action, 'qty': qty, 'price': px, 'active': True,
            'finallyPaired': 0}, lo.account)
        exchange, clearing, nfa, commission = (round(f * qty, 2) for f in c.fees)
        self.store.add('fillFee', {
            'id': fid, 'clearingFee': clearing, 'clearingCurrencyId': sim_seed.USD,
            'exchangeFee': exchange, 'exchangeCurrencyId': sim_seed.USD, 'nfaFee': nfa,
            'nfaCurrencyId': sim_seed.USD, 'brokerageFee': 0.0,
            'brokerageCurrencyId': sim_seed.USD, 'commission': commission,
            'commissionCurrencyId': sim_seed.USD}, lo.account)
        self.cash[lo.account] -= exchange + clearing + nfa + commission
        self.set_status(lo, 'Filled')
        self.execution(lo, 'Trade', tradeDate=tdate, execRefId='X%d' % fid, cumQty=qty,
                       avgPx=px, lastQty=qty, lastPx=px)
        self.update_position(lo.account, c, lo.action, qty, px)
        if lo.linked is not None:
            sibling = self.live[lo.linked]
            if sibling.status not in FINAL:
                self.cancel(sibling, None, 'OCO order %d filled' % lo.id)
        for child in lo.children:
            if self.live[child].status == 'Suspended':
                self.activate(self.live[child])
        if lo.strategy is not None:
            self.strategy_filled(lo, px)

    def update_position(self, account, c, action, qty, px):
        pos = self.positions.get((account, c.id))
        if pos is None:
            pos = {'accountId': account, 'contractId': c.id, 'netPos': 0, 'bought': 0,
                   'boughtValue': 0.0, 'sold': 0, 'soldValue': 0.0, 'prevPos': 0}
            self.store.add('position', pos, account)
            self.positions[(account, c.id)] = pos
        side = 'bought' if action == 'Buy' else 'sold'
        pos[side] += qty
        pos[side + 'Value'] += qty * px
        net, avg = pos['netPos'], pos.get('netPrice')
        signed = qty if action == 'Buy' else -qty
        if net == 0 or (net > 0) == (signed > 0):
            avg = ((avg or 0.0) * abs(net) + px * qty) / (abs(net) + qty)
        else:
            closed = min(abs(net), qty)
            self.cash[account] += (px - avg) * closed * (1 if net > 0 else -1) * c.point_value
            avg = px if qty > abs(net) else avg
        pos['netPos'] = net + signed
        if pos['netPos'] == 0:
            pos.pop('netPrice', None)
        else:
            pos['netPrice'] = avg
        pos['timestamp'] = now_iso()
        pos['tradeDate'] = trade_date()

    def move_price(self, contract, price):
        """Sets a contract's price and lets its resting orders react, oldest first."""
        self.price[contract.id] = price
        first_fill = self.store.next_id['fill']
        self.queue.extend(sorted(self.working[contract.id].values(), key=lambda lo: lo.id))
        self.run()
        fills = self.store.tables['fill']
        return [fills[fid]['orderId'] for fid in range(first_fill, self.store.next_id['fill'])]

    def strategy_filled(self, lo, px):
        """Hook for sim_strategy; plain orders never reach it."""

    def strategy_check(self, sid):
        """Hook for sim_strategy."""
