"""The /v1 REST API: authentication, the order actions and the entity queries.

Paths are matched case-insensitively (the service's own samples mix spellings), and methods are
not enforced (the legacy docs say the service does not either).  Status codes follow the
reference: 200 for answers and business failures alike (errorText / failureReason /
failureText / ok:false), 400 for a body that is not the documented JSON, 401 for a missing,
unknown or expired token, 404 for an unknown path or entity id.
"""

import json
import urllib.parse

import sim_schemas
from sim_store import BY_LOWER, now_iso
from sim_trading import Ctx, HttpError, Reject
from sim_wire import json_reply

# route (lower case, without /v1) -> (model method, request schema, response schema)
ACTIONS = {
    '/order/cancelorder': ('cancel_order', 'CancelOrder', 'CommandResult'),
    '/order/dryrun': ('dry_run', 'DryRun', 'DryRunResponse'),
    '/orderstrategy/interruptorderstrategy':
        ('interrupt_strategy', 'InterruptOrderStrategy', 'OrderStrategyStatusResponse'),
    '/order/liquidateposition': ('liquidate_position', 'LiquidatePosition', 'PlaceOrderResult'),
    '/order/liquidatepositions': ('liquidate_positions', 'LiquidatePositions', 'SimpleResponse'),
    '/order/modifyorder': ('modify_order', 'ModifyOrder', 'CommandResult'),
    '/orderstrategy/modifyorderstrategy':
        ('modify_strategy', 'ModifyOrderStrategy', 'OrderStrategyStatusResponse'),
    '/order/placeoco': ('place_oco', 'PlaceOCO', 'PlaceOcoResult'),
    '/order/placeoso': ('place_oso', 'PlaceOSO', 'PlaceOsoResult'),
    '/order/placeorder': ('place_order', 'PlaceOrder', 'PlaceOrderResult'),
    '/orderstrategy/startorderstrategy':
        ('start_strategy', 'StartOrderStrategy', 'OrderStrategyStatusResponse'),
}
MUTATIONS = frozenset(ACTIONS) - {'/order/dryrun'}
PLACEMENTS = frozenset(('/order/placeorder', '/order/placeoco', '/order/placeoso'))
ENTITY_OPS = ('list', 'item', 'items', 'deps', 'ldeps')


def route_of(path):
    """'/v1/Order/PlaceOrder/' -> '/order/placeorder'; None outside /v1."""
    p = path.lower().rstrip('/')
    if not p.startswith('/v1/'):
        return None
    return p[3:]


class BadRequest(Exception):
    pass


def _failure(schema, reason, text):
    """A business failure in the fields `schema` offers for one."""
    fields = {name for name, _, _ in sim_schemas.SCHEMAS[schema]}
    out = {}
    for key, value in (('failureReason', reason), ('rejectReason', reason), ('ok', False)):
        if key in fields:
            out[key] = value
    out['failureText' if 'failureText' in fields else 'errorText'] = text
    return out


def _payload(req):
    """The request's JSON body (or, for a body-less request, its query) without a p-ticket;
    and the p-ticket.  The payload is what a penalty ticket is bound to."""
    if req.body.strip():
        try:
            body = json.loads(req.body)
        except ValueError as e:
            raise BadRequest('Malformed JSON body: %s' % e)
        if not isinstance(body, dict):
            raise BadRequest('The body must be a JSON object')
        return body, body.pop('p-ticket', None)
    pairs = urllib.parse.parse_qsl(req.query, keep_blank_values=True)
    ticket = next((v for k, v in pairs if k == 'p-ticket'), None)
    return sorted((k, v) for k, v in pairs if k != 'p-ticket'), ticket


def _failed(reply):
    """Whether a reply reports a failure, for limits that count only failed requests."""
    if reply.status != 200:
        return True
    answer = json.loads(reply.body) if reply.body else None
    return isinstance(answer, dict) and (answer.get('ok') is False or any(
        answer.get(k) for k in ('errorText', 'failureReason', 'rejectReason')))


def _validate(body, schema):
    if not isinstance(body, dict):
        raise BadRequest('A JSON body (%s) is required' % schema)
    problems = sim_schemas.object_problems(body, schema, '$', strict=False)
    if problems:
        raise BadRequest('%s: %s' % (schema, '; '.join(problems)))


def _int(text, name):
    try:
        return int(text)
    except ValueError:
        raise BadRequest('%s: %r is not an integer id' % (name, text))


class Api:
    def __init__(self, sim):
        self.sim = sim

    def handle(self, req):
        """The Reply to one /v1 request; the caller holds sim.lock."""
        route = route_of(req.path)
        try:
            if route is None:
                return json_reply({'errorText': 'Not found'}, 404)
            if route == '/auth/timestamp':
                return json_reply({'timestamp': now_iso()})
            if route == '/auth/accesstokenrequest':
                return self._gated(route, 'ip:' + req.client, req, lambda body: self._login(body))
            session, status, text = self.sim.auth.check(req.headers.get('Authorization'))
            if session is None:
                return json_reply(None if status == 429 else {'errorText': text}, status)
            ctx = Ctx(session.user, session.id)
            return self._gated(route, 'user:%d' % ctx.user.id, req,
                               lambda body: self._dispatch(route, ctx, req, body))
        except BadRequest as e:
            return json_reply({'errorText': str(e)}, 400)

    def _gated(self, route, key, req, run):
        """Runs `run(body)` unless a limit or penalty ticket stands in the way."""
        payload, ticket = _payload(req)
        limits = self.sim.limits
        if ticket is not None:
            verdict = limits.redeem(ticket, route, key, payload)
        else:
            verdict = limits.check(route, key, payload)
        if verdict is not None:
            return json_reply(verdict[1], verdict[0])
        reply = run(payload if isinstance(payload, dict) else None)
        if limits.watches(route):
            limits.record(route, key, _failed(reply))
        return reply

    def penalty(self, req, p_time, captcha):
        """A penalty ticket for `req` (the `penalty` fault), redeemable like any other."""
        with self.sim.lock:
            route = route_of(req.path) or req.path
            session, _, _ = self.sim.auth.check(req.headers.get('Authorization'))
            key = 'user:%d' % session.user.id if session else 'ip:' + req.client
            try:
                payload, _ = _payload(req)
            except BadRequest:
                payload = None
            return json_reply(self.sim.limits.issue(route, key, payload, p_time, captcha))

    def _login(self, body):
        if isinstance(body, dict) and isinstance(body.get('cid'), int) \
                and not isinstance(body['cid'], bool):
            body = dict(body, cid=str(body['cid']))  # S1 says string, every example a number
        _validate(body, 'AccessTokenRequest')
        answer, _ = self.sim.auth.login(body)
        return json_reply(answer)

    def _dispatch(self, route, ctx, req, body):
        auth = self.sim.auth
        if route == '/auth/renewaccesstoken':
            return json_reply(auth.renew(auth.check(req.headers.get('Authorization'))[0]))
        if route == '/auth/me':
            return json_reply(auth.me(ctx.user))
        if route == '/auth/userinfo':
            return json_reply(auth.userinfo(ctx.user))
        if route in ACTIONS:
            return self._action(route, ctx, body)
        entity, _, op = route[1:].partition('/')
        if entity in BY_LOWER and (op in ENTITY_OPS or (entity, op) == ('contract', 'find')):
            return self._query(BY_LOWER[entity], op, ctx, req)
        return json_reply({'errorText': 'Not found'}, 404)

    def _action(self, route, ctx, body):
        method, request_schema, response_schema = ACTIONS[route]
        _validate(body, request_schema)
        counters = self.sim.counters
        try:
            answer = getattr(self.sim.model, method)(ctx, body)
        except Reject as r:
            answer = _failure(response_schema, r.reason, r.text)
        except HttpError as e:
            return json_reply({'errorText': e.text}, e.status)
        if ctx.applied:
            counters.applied[route] += 1
            if route in PLACEMENTS:
                counters.placements.update(ctx.placed)
            counters.clordids.update(set(ctx.placed) | ({body['clOrdId']} if body.get(
                'clOrdId') is not None else set()))
            if route == '/orderstrategy/startorderstrategy' and 'uuid' in body:
                counters.strategies[body['uuid']] += 1
        return json_reply(answer)

    def _query(self, kind, op, ctx, req):
        store = self.sim.model.store
        q = urllib.parse.parse_qs(req.query, keep_blank_values=True)

        def ids(name):
            values = [v for text in q.get(name, ()) for v in text.split(',') if v.strip()]
            if not values:
                raise BadRequest('Query parameter %s is required' % name)
            return [_int(v.strip(), name) for v in values]

        if op == 'list':
            return json_reply(store.list(kind, ctx.accounts))
        if op == 'items':
            return json_reply(store.items(kind, ids('ids'), ctx.accounts))
        if op == 'deps':
            return json_reply(store.dependents(kind, ids('masterid')[:1], ctx.accounts))
        if op == 'ldeps':
            return json_reply(store.dependents(kind, ids('masterids'), ctx.accounts))
        if op == 'find':
            name = (q.get('name') or [''])[-1]
            found = [c for c in store.list(kind, ctx.accounts) if c['name'] == name]
            if not found:
                return json_reply({'errorText': 'Contract %s not found' % name}, 404)
            return json_reply(found[0])
        eid = ids('id')[0]
        entity = store.get(kind, eid, ctx.accounts)
        if entity is None:
            return json_reply({'errorText': '%s %d not found' % (kind, eid)}, 404)
        return json_reply(entity)
