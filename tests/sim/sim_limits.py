"""Request limits: penalty tickets and HTTP 429, as the reference's section 11 describes them.

A limit counts requests to one path per caller (user id, or client address before login) in a
rolling window, either all of them or only the failed ones.  Once `limit` are counted, the next
request gets, instead of its answer, a penalty ticket (HTTP 200 `{"p-ticket", "p-time",
"p-captcha"?}`) or an empty HTTP 429.  A ticket is cleared only by resending the identical
request with `"p-ticket"` added to its JSON body (or, for a GET, as a `p-ticket` query
parameter) once p-time seconds have passed; that also forgets the counted requests.  A captcha
ticket is never cleared (a server cannot solve a captcha).
"""

import collections
import math
import secrets
import time

# The endpoint limits the reference lists (path, limit per hour, what counts, back-off).
DEFAULT_LIMITS = [
    {'path': '/auth/accesstokenrequest', 'limit': 5, 'count': 'failures', 'p_time': 15},
    {'path': '/auth/renewaccesstoken', 'limit': 15, 'count': 'all', 'p_time': 15},
    {'path': '/auth/me', 'limit': 10, 'count': 'failures', 'p_time': 30},
    {'path': '/order/dryrun', 'limit': 500, 'count': 'all', 'p_time': 1},
]
LIMIT_DEFAULTS = {'window': 3600, 'count': 'all', 'action': 'penalty', 'p_time': 15,
                  'captcha': False}


def normalize_limit(spec):
    """A limit from /sim/config with defaults filled in; ValueError names what is wrong."""
    if not isinstance(spec, dict) or not isinstance(spec.get('path'), str):
        raise ValueError('a limit needs a "path"')
    out = dict(LIMIT_DEFAULTS, **spec)
    out['path'] = '/' + out['path'].strip('/').lower()
    checks = {
        'limit': lambda v: isinstance(v, int) and v >= 0,
        'window': lambda v: isinstance(v, (int, float)) and v > 0,
        'count': lambda v: v in ('all', 'failures'),
        'action': lambda v: v in ('penalty', '429'),
        'p_time': lambda v: isinstance(v, (int, float)) and v >= 0,
        'captcha': lambda v: isinstance(v, bool),
    }
    for key, value in out.items():
        if key != 'path' and (key not in checks or not checks[key](value)):
            raise ValueError('limit field %s=%r is not valid' % (key, value))
    return out


Ticket = collections.namedtuple('Ticket', 'route key payload ready captcha p_time limit')


def _seconds(value):
    return int(value) if float(value).is_integer() else value


class Limits:
    def __init__(self, config):
        self.config = config
        self.events = {}  # (limit index, caller) -> deque of counted request times
        self.tickets = {}

    def issue(self, route, key, payload, p_time, captcha=False, limit=None):
        """A fresh penalty ticket for this request; returns the response body."""
        ticket = secrets.token_urlsafe(16)
        self.tickets[ticket] = Ticket(route, key, payload, time.monotonic() + p_time, captcha,
                                      p_time, limit)
        return self._answer(ticket, p_time, captcha)

    @staticmethod
    def _answer(ticket, p_time, captcha):
        body = {'p-ticket': ticket, 'p-time': _seconds(p_time)}
        if captcha:
            body['p-captcha'] = True
        return body

    def redeem(self, ticket, route, key, payload):
        """None when the ticket clears this request, else (status, body) to answer with."""
        t = self.tickets.get(ticket)
        if t is None or (t.route, t.key) != (route, key):
            return 200, {'errorText': 'Unknown p-ticket for this request'}
        if t.payload != payload:
            return 200, {'errorText': 'The request differs from the one the p-ticket was '
                                      'issued for; resend it unchanged'}
        remaining = t.ready - time.monotonic()
        if t.captcha or remaining > 0:
            wait = t.p_time if t.captcha else max(1, math.ceil(remaining))
            return 200, self._answer(ticket, wait, t.captcha)
        del self.tickets[ticket]
        if t.limit is not None:
            self.events.pop((t.limit, key), None)
        return None

    def check(self, route, key, payload):
        """None when the request may proceed, else (status, body or None) to answer with."""
        now = time.monotonic()
        for i, lim in enumerate(self.config.limits):
            if lim['path'] != route:
                continue
            q = self.events.get((i, key))
            while q and q[0] <= now - lim['window']:
                q.popleft()
            if len(q or ()) >= lim['limit']:
                if lim['action'] == '429':
                    return 429, None
                return 200, self.issue(route, key, payload, lim['p_time'], lim['captcha'], i)
        return None

    def watches(self, route):
        return any(lim['path'] == route for lim in self.config.limits)

    def record(self, route, key, failed):
        now = time.monotonic()
        for i, lim in enumerate(self.config.limits):
            if lim['path'] == route and (failed or lim['count'] == 'all'):
                self.events.setdefault((i, key), collections.deque()).append(now)
