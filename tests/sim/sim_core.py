"""The simulator's state in one place: configuration, counters, model, sessions, faults.

One lock guards all of it.  Requests are short (a 10,000-order list serialises in tens of
milliseconds), so a single lock keeps every answer a consistent snapshot at no real cost.
"""

import base64
import collections
import re
import threading

import sim_seed
from sim_admin import Admin
from sim_api import Api
from sim_auth import Auth
from sim_faults import FaultBoard
from sim_limits import DEFAULT_LIMITS, Limits, normalize_limit
from sim_strategy import Model
from sim_store import now_iso


def _positive(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0


def _count(v):
    return isinstance(v, int) and not isinstance(v, bool) and v >= 1


class Config:
    """Settings a test may change at run time through POST /sim/config."""

    CHECKS = {
        'token_lifetime': _positive,  # seconds a token lives (the service: 80-90 minutes)
        'session_limit': _count,  # concurrent sessions per user; one more revokes the oldest
        'revoked_status': lambda v: _count(v) and 100 <= v <= 599,  # answer to a revoked token
        'max_order_qty': _count,  # larger orders: MaxOrderQtyLimitReached
        'max_position': _count,  # larger net positions: MaxPosLimitReached
        'idle_timeout': _positive,  # seconds an idle kept-alive connection stays open
        'limits': lambda v: isinstance(v, list),  # see sim_limits
    }

    def __init__(self, users, token_lifetime=4800, idle_timeout=30.0):
        self.users = users
        self.token_lifetime = token_lifetime
        self.session_limit = 2
        self.revoked_status = 401
        self.max_order_qty = 500
        self.max_position = 1000
        self.idle_timeout = idle_timeout
        self.limits = [normalize_limit(x) for x in DEFAULT_LIMITS]

    def update(self, changes):
        """Applies all of `changes` or, raising ValueError, none of them."""
        if not isinstance(changes, dict):
            raise ValueError('expected a JSON object')
        for key, value in changes.items():
            if key not in self.CHECKS or not self.CHECKS[key](value):
                raise ValueError('%s=%r is not a valid setting' % (key, value))
        if 'limits' in changes:
            changes = dict(changes, limits=[normalize_limit(x) for x in changes['limits']])
        for key, value in changes.items():
            setattr(self, key, value)

    def as_dict(self):
        return {key: getattr(self, key) for key in self.CHECKS}


class Counters:
    """What arrived and what took effect, so a test can prove nothing happened twice."""

    def __init__(self):
        self.requests = collections.Counter()  # per lower-case path, admin API excluded
        self.received = collections.Counter()  # mutations per path
        self.applied = collections.Counter()
        self.placements = collections.Counter()  # per clOrdId: applied order placements
        self.clordids = collections.Counter()  # per clOrdId: any applied mutation carrying it
        self.strategies = collections.Counter()  # per uuid: applied strategy starts
        self.faults = collections.Counter()  # per kind: faults fired
        self.connections = 0

    def as_dict(self):
        return {
            'requests': dict(self.requests),
            'mutations': {'received': sum(self.received.values()),
                          'applied': sum(self.applied.values()),
                          'received_by_path': dict(self.received),
                          'applied_by_path': dict(self.applied)},
            'placements_by_clordid': dict(self.placements),
            'mutations_by_clordid': dict(self.clordids),
            'strategies_by_uuid': dict(self.strategies),
            'faults_fired': dict(self.faults),
            'connections': self.connections,
        }


# Credentials in recorded request bytes are starred out, length kept, before anyone sees them.
_SECRETS = re.compile(rb'(?i)(authorization:[ \t]*bearer[ \t]+)([^\r\n]*)'
                      rb'|("(?:password|sec|accessToken)"[ \t]*:[ \t]*")((?:[^"\\]|\\.)*)')
RECORD_BYTES = 65536  # bytes kept per connection (all are counted)
RECORDS_KEPT = 1000  # connections kept, the most recent


def redact(data):
    return _SECRETS.sub(lambda m: (m.group(1) or m.group(3)) + b'*' * len(
        m.group(2) if m.group(1) else m.group(4)), data)


class ConnRecord:
    """What one connection did: handshake outcome and the raw bytes received after it."""

    def __init__(self, cid, peer, tls):
        self.id = cid
        self.peer = peer
        self.tls = tls
        self.opened = now_iso()
        self.closed = None
        self.handshake = None  # 'ok' or 'failed' (TLS only)
        self.error = None
        self.nodelay = None
        self.requests = 0
        self.total = 0
        self.data = bytearray()

    def received(self, chunk):
        self.total += len(chunk)
        room = RECORD_BYTES - len(self.data)
        if room > 0:
            self.data += chunk[:room]

    def as_dict(self):
        data = redact(bytes(self.data))
        return {'id': self.id, 'peer': self.peer, 'tls': self.tls, 'opened': self.opened,
                'closed': self.closed, 'handshake': self.handshake, 'error': self.error,
                'nodelay': self.nodelay, 'requests': self.requests,
                'bytes_received': self.total, 'received_base64': base64.b64encode(data).decode(),
                'received_text': data.decode('latin-1')}


class Simulator:
    def __init__(self, users=None, token_lifetime=4800, idle_timeout=30.0):
        self.lock = threading.RLock()
        self.defaults = dict(users=list(users or sim_seed.USERS), token_lifetime=token_lifetime,
                             idle_timeout=idle_timeout)
        self.connections = collections.OrderedDict()  # id -> ConnRecord, across resets
        self.next_connection = 1
        self.api = Api(self)
        self.admin = Admin(self)
        self.reset()

    def open_connection(self, peer, tls):
        with self.lock:
            rec = ConnRecord(self.next_connection, peer, tls)
            self.next_connection += 1
            self.connections[rec.id] = rec
            while len(self.connections) > RECORDS_KEPT:
                self.connections.popitem(last=False)
            self.counters.connections += 1
            return rec

    def connection_records(self):
        with self.lock:
            return [rec.as_dict() for rec in self.connections.values()]

    def reset(self, keep_sessions=False):
        """A fresh world: model, counters, faults and (unless kept) sessions and config."""
        with self.lock:
            if not keep_sessions:
                self.config = Config(**self.defaults)
                self.auth = Auth(self.config)
            self.model = Model(self.config)
            self.limits = Limits(self.config)
            self.faults = FaultBoard()
            self.counters = Counters()
