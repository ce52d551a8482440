"""The admin API under /sim: how tests steer the simulator.  No auth, never faulted.

  POST /sim/reset          {"keep_sessions": false}    fresh world (config too, unless kept)
  GET  /sim/price                                      every contract's price
  POST /sim/price          {"symbol": "ESZ6", "price": 6001.5}
                                                       moves the price; resting orders react
  POST /sim/fault          {"kind": ..., "count": N, "path": ..., params}   (see sim_faults)
  GET  /sim/faults                                     faults still armed
  POST /sim/faults/clear                               disarms them all
  GET  /sim/counters                                   requests, mutations, per-clOrdId counts
  POST /sim/seed-orders    {"count": 10000, "accountId": 1001, "status": "Canceled"}
  GET  /sim/config, POST /sim/config {...}             token lifetime, limits, session limit...
  GET  /sim/connections                                per-connection records (sim_http)
"""

import json

import sim_schemas
from sim_trading import on_tick
from sim_wire import json_reply


class AdminError(Exception):
    pass


def _number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


class Admin:
    def __init__(self, sim):
        self.sim = sim
        self.routes = {
            ('POST', '/sim/reset'): self.reset,
            ('GET', '/sim/price'): self.prices,
            ('POST', '/sim/price'): self.set_price,
            ('POST', '/sim/fault'): lambda b: self.sim.faults.arm(b),
            ('GET', '/sim/faults'): lambda b: self.sim.faults.list(),
            ('POST', '/sim/faults/clear'): self.clear_faults,
            ('GET', '/sim/counters'): lambda b: self.sim.counters.as_dict(),
            ('POST', '/sim/seed-orders'): self.seed_orders,
            ('GET', '/sim/config'): lambda b: self.sim.config.as_dict(),
            ('POST', '/sim/config'): self.set_config,
            ('GET', '/sim/connections'): lambda b: self.sim.connection_records(),
        }

    def handle(self, req):
        path = req.path.lower().rstrip('/')
        handler = self.routes.get((req.method, path))
        if handler is None:
            known = any(p == path for _, p in self.routes)
            return json_reply({'error': 'method not allowed' if known else 'not found'},
                              405 if known else 404)
        try:
            body = json.loads(req.body) if req.body.strip() else {}
            if not isinstance(body, dict):
                raise AdminError('the body must be a JSON object')
            with self.sim.lock:
                return json_reply(handler(body))
        except (ValueError, AdminError) as e:
            return json_reply({'error': str(e)}, 400)

    def reset(self, body):
        self.sim.reset(keep_sessions=bool(body.get('keep_sessions')))
        return {'ok': True}

    def prices(self, body):
        model = self.sim.model
        return {c.name: model.price[cid] for cid, c in model.contracts.items()}

    def set_price(self, body):
        model = self.sim.model
        c = model.by_symbol.get(body.get('symbol'))
        price = body.get('price')
        if c is None:
            raise AdminError('unknown symbol %r' % body.get('symbol'))
        if not _number(price) or price <= 0 or not on_tick(price, c.tick):
            raise AdminError('price %r is not a positive multiple of the tick %r'
                             % (price, c.tick))
        filled = model.move_price(c, float(price))
        return {'symbol': c.name, 'contractId': c.id, 'price': price, 'filled': filled}

    def clear_faults(self, body):
        self.sim.faults.clear()
        return {'ok': True}

    def seed_orders(self, body):
        count = body.get('count', 10000)
        account = body.get('accountId', self.sim.config.users[0].accounts[0][0])
        status = body.get('status', 'Canceled')
        if not isinstance(count, int) or not 1 <= count <= 1_000_000:
            raise AdminError('count must be 1..1000000')
        if account not in self.sim.model.account_names:
            raise AdminError('unknown accountId %r' % account)
        if status not in sim_schemas.ENUMS['OrdStatus'] or status == 'Working':
            raise AdminError('status must be an OrdStatus other than Working')
        first = self.sim.model.store.next_id['order']
        self.sim.model.seed_orders(count, account, status)
        return {'seeded': count, 'firstId': first, 'lastId': first + count - 1}

    def set_config(self, body):
        self.sim.config.update(body)
        return self.sim.config.as_dict()
