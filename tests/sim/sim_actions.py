"""The order actions of the REST API, on top of the life cycle in sim_trading.

Each method takes the caller (Ctx) and the request body, already checked against the
reference's request schema, and returns the success body of its response schema.  Every check
runs before anything is created, so a rejected request leaves no trace but the counters.
"""

import sim_seed
from sim_trading import FINAL, Exchange, HttpError, Reject, to_tick


def opposite(action):
    return 'Sell' if action == 'Buy' else 'Buy'


class Actions(Exchange):
    """placeorder, placeoco, placeoso, cancelorder, modifyorder, liquidate*, dryrun."""

    def _entry(self, ctx, body):
        account = self.account(ctx, body)
        contract = self.contract(body['symbol'])
        version = self.version(body, contract, body['orderQty'])
        self.check_position(account, contract, body['action'], body['orderQty'])
        return account, contract, version

    def _placed(self, ctx, *clordids):
        ctx.applied = True
        ctx.placed += sorted({c for c in clordids if c is not None})

    def place_order(self, ctx, body):
        account, contract, version = self._entry(ctx, body)
        lo = self.new_order(ctx.actor, account, contract, body['action'], version, body)
        self._placed(ctx, body.get('clOrdId'))
        self.run()
        return {'orderId': lo.id}

    def place_oco(self, ctx, body):
        account, contract, version = self._entry(ctx, body)
        other = body['other']
        other_version = self.version(other, contract, body['orderQty'])
        first = self.new_order(ctx.actor, account, contract, body['action'], version, body)
        second = self.new_order(ctx.actor, account, contract, other['action'], other_version,
                                body, other.get('clOrdId'), extra={'ocoId': first.id})
        self.link(first, second)
        self._placed(ctx, body.get('clOrdId'), other.get('clOrdId'))
        self.run()
        return {'orderId': first.id, 'ocoId': second.id}

    def link(self, a, b):
        """OCO-links two orders: whichever fills first cancels the other."""
        a.linked, b.linked = b.id, a.id
        a.entity['linkedId'], b.entity['linkedId'] = b.id, a.id

    def place_oso(self, ctx, body):
        account, contract, version = self._entry(ctx, body)
        specs = [body['bracket1']] + ([body['bracket2']] if body.get('bracket2') else [])
        versions = [self.version(b, contract, body['orderQty']) for b in specs]
        entry = self.new_order(ctx.actor, account, contract, body['action'], version, body)
        brackets = [self.new_order(ctx.actor, account, contract, spec['action'], v, body,
                                   spec.get('clOrdId'), suspended=True,
                                   extra={'parentId': entry.id})
                    for spec, v in zip(specs, versions)]
        entry.children = [b.id for b in brackets]
        if len(brackets) == 2:
            self.link(*brackets)
        self._placed(ctx, body.get('clOrdId'), *(s.get('clOrdId') for s in specs))
        self.run()
        result = {'orderId': entry.id, 'oso1Id': brackets[0].id}
        if len(brackets) == 2:
            result['oso2Id'] = brackets[1].id
        return result

    def cancel_order(self, ctx, body):
        lo = self.order(ctx, body['orderId'])
        cmd = self.user_cancel(ctx.actor, lo, body)
        ctx.applied = True
        self.run()
        return {'commandId': cmd['id']}

    def modify_order(self, ctx, body):
        lo = self.order(ctx, body['orderId'])
        version = self.version(body, lo.contract, body['orderQty'])
        cmd = self.replace(ctx.actor, lo, version, body)
        ctx.applied = True
        self.run()
        return {'commandId': cmd['id']}

    def replace(self, actor, lo, version, req):
        """A new OrderVersion under a Modify command; the order is re-examined at once."""
        cmd = self.command(actor, lo, 'Modify', req)
        self.report(cmd, 'RiskPassed', lo.status)
        self.store.add('orderVersion', dict(version, orderId=lo.id), lo.account)
        lo.v = version
        lo.command = cmd['id']
        lo.triggered = lo.rested = False
        if version['orderType'] == 'TrailingStop':
            lo.trail = abs(self.price[lo.contract.id] - version['stopPrice'])
        self.report(cmd, 'AtExecution', lo.status)
        self.execution(lo, 'Replaced')
        if lo.status == 'Working':
            self.queue.append(lo)
        return cmd

    # ---------------------------------------------------------- liquidate ----

    def flatten(self, ctx, account, contract, req):
        """Cancels the working orders of one account in one contract, then offsets the
        position with a market order; returns that order or None when already flat."""
        for lo in list(self.live.values()):
            if (lo.account, lo.contract.id) == (account, contract.id) and lo.status not in FINAL:
                self.user_cancel(ctx.actor, lo, req)
                ctx.applied = True
        pos = self.positions.get((account, contract.id))
        net = pos['netPos'] if pos else 0
        if net == 0:
            return None
        version = {'orderQty': abs(net), 'orderType': 'Market', 'timeInForce': 'Day'}
        lo = self.new_order(ctx.actor, account, contract, 'Sell' if net > 0 else 'Buy',
                            version, req)
        ctx.applied = True
        self.run()
        return lo

    def liquidate_position(self, ctx, body):
        if body['accountId'] not in ctx.accounts:
            raise Reject('UnknownReason', 'Unknown account id %d' % body['accountId'])
        contract = self.contract_by_id(body['contractId'])
        lo = self.flatten(ctx, body['accountId'], contract, body)
        if lo is None:
            raise Reject('UnknownReason', 'No open position in %s' % contract.name)
        return {'orderId': lo.id}

    def liquidate_positions(self, ctx, body):
        found = self.store.items('position', body['positions'], ctx.accounts)
        if len(found) != len(body['positions']):
            missing = set(body['positions']) - {p['id'] for p in found}
            return {'ok': False, 'errorText': 'Unknown position id %d' % min(missing)}
        for pos in found:
            self.flatten(ctx, pos['accountId'], self.contracts[pos['contractId']], body)
        return {'ok': True}

    # ------------------------------------------------------------ dry run ----

    def dry_run(self, ctx, body):
        """A risk evaluation of up to four hypothetical orders; nothing is placed."""
        account = body['accountId']
        if account not in self.account_names:
            raise HttpError(404, 'Account %d not found' % account)
        if account not in ctx.accounts:
            raise HttpError(401, 'Access to account %d is denied' % account)
        orders = body['orders']
        if not 1 <= len(orders) <= 4:
            return {'errorText': 'orders: between 1 and 4 orders expected, got %d' % len(orders)}
        try:
            contracts = [self.contract_by_id(o['contractId']) for o in orders]
            for o, c in zip(orders, contracts):
                self.version(o, c, o['orderQty'])
        except Reject as r:
            return {'errorText': r.text, 'rejectReason': r.reason}
        return self._risk(account, orders, contracts)

    def _risk(self, account, orders, contracts):
        nets = {cid: p['netPos'] for (aid, cid), p in self.positions.items() if aid == account}
        longs, shorts = dict(nets), dict(nets)
        for o, c in zip(orders, contracts):
            side = longs if o['action'] == 'Buy' else shorts
            side[c.id] = side.get(c.id, 0) + (o['orderQty'] if o['action'] == 'Buy'
                                              else -o['orderQty'])
        focus = contracts[0].id
        before = sum(abs(n) * self.contracts[cid].margin for cid, n in nets.items())
        after = sum(max(abs(longs.get(cid, 0)), abs(shorts.get(cid, 0)))
                    * self.contracts[cid].margin for cid in set(longs) | set(shorts))
        open_pnl = sum((self.price[cid] - p['netPrice']) * p['netPos']
                       * self.contracts[cid].point_value
                       for (aid, cid), p in self.positions.items()
                       if aid == account and p['netPos'])
        cash = self.cash[account]
        fees = [sum(c.fees[i] * o['orderQty'] for o, c in zip(orders, contracts))
                for i in range(4)]
        net_before = nets.get(focus, 0)
        exits = all((o['action'] == 'Sell') == (nets.get(c.id, 0) > 0) and nets.get(c.id, 0)
                    and o['orderQty'] <= abs(nets.get(c.id, 0))
                    for o, c in zip(orders, contracts))
        details = {
            'beforeInitialMarginReq': before, 'beforeInitialFullMarginReq': before,
            'beforeOpenCollateralReq': 0.0, 'beforeNetPos': net_before,
            'isExitOrder': bool(exits), 'initialMarginReq': after,
            'initialFullMarginReq': after, 'openCollateralReq': 0.0, 'totalCash': cash,
            'futuresOpenPnL': open_pnl, 'optionsOpenPnL': 0.0, 'riskCredit': 0.0,
            'netLiqValue': cash + open_pnl, 'futureCommAndFees': round(sum(fees), 2),
            'totalCashRequired': after, 'excess': cash + open_pnl - after,
            'hypoLongPos': longs.get(focus, 0), 'hypoShortPos': shorts.get(focus, 0)}
        result = {'details': details, 'fees': {
            'exchangeFee': round(fees[0], 2), 'exchangeCurrencyId': sim_seed.USD,
            'clearingFee': round(fees[1], 2), 'clearingCurrencyId': sim_seed.USD,
            'nfaFee': round(fees[2], 2), 'nfaCurrencyId': sim_seed.USD,
            'commission': round(fees[3], 2), 'commissionCurrencyId': sim_seed.USD}}
        worst = max(abs(n) for n in list(longs.values()) + list(shorts.values()))
        if worst > self.config.max_position:
            result['rejectReason'] = 'MaxPosLimitReached'
            result['errorText'] = 'Position %d would exceed the limit of %d' % (
                worst, self.config.max_position)
        elif details['excess'] < 0:
            result['comment'] = 'Insufficient margin: excess %.2f' % details['excess']
        return result

    # --------------------------------------------------------------- bulk ----

    def seed_orders(self, count, account, status):
        """Bulk historical orders (each with its New command and version) for list tests."""
        stamp = self.store.tables['contract'][sim_seed.CONTRACTS[0].id]['timestamp']
        contracts = sim_seed.CONTRACTS
        for i in range(count):
            c = contracts[i % len(contracts)]
            action = 'Buy' if i % 2 == 0 else 'Sell'
            oid = self.store.add('order', {
                'accountId': account, 'contractId': c.id, 'timestamp': stamp,
                'action': action, 'ordStatus': status, 'admin': False}, account)
            self.store.add('orderVersion', {
                'orderId': oid, 'orderQty': 1 + i % 5, 'orderType': 'Limit',
                'price': to_tick(c.price - (1 + i % 40) * c.tick, c.tick),
                'timeInForce': 'Day'}, account)
            self.store.add('command', {
                'orderId': oid, 'timestamp': stamp, 'clOrdId': 'seed-%d' % i,
                'commandType': 'New', 'commandStatus': 'AtExecution'}, account)
        return count
