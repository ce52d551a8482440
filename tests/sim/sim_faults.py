"""Fault injection: faults armed through /sim/fault, and serving a request under one.

A fault is armed for the next `count` API requests whose path starts with `path` (optional,
case-insensitive, with or without the /v1 prefix); each matching request consumes one.  The
admin API (/sim/...) is never subject to faults.  Kinds and their parameters (defaults):

  delay                  ms=500          apply, wait, then answer normally
  chunked                seed, min=1, max=64, ext=False, trailer=False
                                         Transfer-Encoding: chunked, chunk sizes random in
                                         [min, max] (seeded), each chunk its own write
  drip                   ms=0            every byte of the response its own write
  close_before_response  abort=False     apply, then close without a byte of response
  close_before_apply     abort=False     close without applying or answering
  close_mid_body         at, abort=True, chunked=False
                                         apply, send the head and `at` body bytes (default
                                         half), then reset the connection
  truncated_body         at, abort=False, chunked=False
                                         the same, closed in order: Content-Length promised
                                         more than was sent (chunked: one chunk of `at`
                                         bytes and no last chunk)
  connection_close                       answer with Connection: close, then close
  oversized              size=1048576    body padded to `size` bytes, still valid JSON (an
                                         extra "simPadding" member, or spaces in an array)
  malformed_json                         body with a syntax error (a trailing comma)
  status                 code=500, body='', content_type, apply=False
                                         answer with this status (429: empty body)
  penalty                p_time=1, captcha=False
                                         a penalty ticket instead of the answer; the request
                                         is not applied, the ticket clears it as usual
  raw                    data | hex | base64, close=True, apply=False
                                         send exactly these bytes as the response

`abort` closes with a TCP reset (no TLS close_notify); otherwise the close is orderly.
"""

import base64
import binascii
import random
import time

from sim_wire import Reply, head

KINDS = {
    'delay': {'ms': 500},
    'chunked': {'seed': None, 'min': 1, 'max': 64, 'ext': False, 'trailer': False},
    'drip': {'ms': 0},
    'close_before_response': {'abort': False},
    'close_before_apply': {'abort': False},
    'close_mid_body': {'at': None, 'abort': True, 'chunked': False},
    'truncated_body': {'at': None, 'abort': False, 'chunked': False},
    'connection_close': {},
    'oversized': {'size': 1 << 20},
    'malformed_json': {},
    'status': {'code': 500, 'body': '', 'content_type': 'application/json; charset=utf-8',
               'apply': False},
    'penalty': {'p_time': 1, 'captcha': False},
    'raw': {'data': None, 'hex': None, 'base64': None, 'close': True, 'apply': False},
}
MAX_SIZE = 64 << 20


class Fault:
    __slots__ = ('id', 'kind', 'count', 'path', 'params')

    def __init__(self, fid, kind, count, path, params):
        self.id = fid
        self.kind = kind
        self.count = count
        self.path = path
        self.params = params

    def as_dict(self):
        return dict(self.params, id=self.id, kind=self.kind, count=self.count, path=self.path)


def _check_param(kind, key, value, default):
    if key in ('seed', 'data', 'hex', 'base64'):
        ok = value is None or isinstance(value, (int, str) if key == 'seed' else str)
    elif isinstance(default, bool):
        ok = isinstance(value, bool)
    elif isinstance(default, str):
        ok = isinstance(value, str)
    elif key == 'p_time':
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0
    else:
        ok = value is None or (isinstance(value, int) and not isinstance(value, bool)
                               and value >= 0)
    if not ok:
        raise ValueError('%s: parameter %s=%r is not valid' % (kind, key, value))


def _raw_bytes(params):
    given = [k for k in ('data', 'hex', 'base64') if params[k] is not None]
    if len(given) != 1:
        raise ValueError('raw: give exactly one of data, hex, base64')
    value = params[given[0]]
    try:
        if given[0] == 'data':
            return value.encode('latin-1')
        return binascii.unhexlify(value) if given[0] == 'hex' else base64.b64decode(value)
    except (ValueError, binascii.Error, UnicodeEncodeError) as e:
        raise ValueError('raw: %s is not valid: %s' % (given[0], e))


def _normalize_path(path):
    p = '/' + path.strip().lstrip('/').lower()
    return p if p.startswith('/v1/') or p == '/v1' else '/v1' + p


class FaultBoard:
    """Armed faults, consumed in arming order by matching requests."""

    def __init__(self):
        self.faults = []
        self.next_id = 1

    def arm(self, spec):
        if not isinstance(spec, dict) or spec.get('kind') not in KINDS:
            raise ValueError('kind must be one of: ' + ', '.join(sorted(KINDS)))
        kind = spec['kind']
        count = spec.get('count', 1)
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise ValueError('count must be a positive integer')
        path = spec.get('path')
        if path is not None and not isinstance(path, str):
            raise ValueError('path must be a string')
        params = dict(KINDS[kind])
        for key, value in spec.items():
            if key in ('kind', 'count', 'path'):
                continue
            if key not in params:
                raise ValueError('%s: unknown parameter %s' % (kind, key))
            _check_param(kind, key, value, params[key])
            params[key] = value
        if kind == 'raw':
            _raw_bytes(params)
        if kind == 'status' and not 100 <= params['code'] <= 599:
            raise ValueError('status: code must be 100..599')
        if kind == 'oversized' and params['size'] > MAX_SIZE:
            raise ValueError('oversized: size is capped at %d' % MAX_SIZE)
        if kind == 'chunked' and not 1 <= params['min'] <= params['max']:
            raise ValueError('chunked: need 1 <= min <= max')
        fault = Fault(self.next_id, kind, count, path and _normalize_path(path), params)
        self.next_id += 1
        self.faults.append(fault)
        return fault.as_dict()

    def take(self, path):
        """The fault the request to `path` runs under (consuming one use), or None."""
        p = path.lower()
        for fault in self.faults:
            if fault.path is None or p.startswith(fault.path):
                fault.count -= 1
                if fault.count == 0:
                    self.faults.remove(fault)
                return fault
        return None

    def list(self):
        return [f.as_dict() for f in self.faults]

    def clear(self):
        self.faults = []


# ------------------------------------------------------------------ serving ----

def _pad(body, size):
    """`body` grown to `size` bytes and still the same JSON value to a reader that ignores
    unknown members: an object gets a "simPadding" member first, anything else whitespace."""
    missing = size - len(body)
    if missing <= 0:
        return body
    if body.startswith(b'{'):
        empty = body == b'{}'
        overhead = len(b'"simPadding":""') + (0 if empty else 1)
        if missing >= overhead:
            member = b'"simPadding":"' + b'x' * (missing - overhead) + b'"'
            return b'{' + member + (b'' if empty else b',') + body[1:]
    if body.startswith((b'{', b'[')):
        return body[:-1] + b' ' * missing + body[-1:]
    return body + b' ' * missing


def _malformed(body):
    if not body:
        return b'{'
    return body[:-1] + b',' + body[-1:]


def _chunks(body, p):
    rng = random.Random(p['seed'])
    pos = 0
    while pos < len(body):
        n = rng.randint(p['min'], p['max'])
        ext = b';sim=%d' % n if p['ext'] else b''
        yield b'%x%s\r\n%s\r\n' % (min(n, len(body) - pos), ext, body[pos:pos + n])
        pos += n
    yield b'0\r\nX-Sim-Trailer: 1\r\n\r\n' if p['trailer'] else b'0\r\n\r\n'


def serve(conn, fault, apply, penalty):
    """Answers one API request on `conn` (send(bytes), close(abort)) under `fault`.

    apply() processes the request and returns its Reply; penalty(p_time, captcha) issues a
    ticket and returns its body as a Reply.  Returns nothing; closes `conn` when the fault
    or the reply says so.
    """
    kind = fault.kind if fault else None
    p = fault.params if fault else {}
    if kind == 'close_before_apply':
        return conn.close(p['abort'])
    if kind == 'penalty':
        reply = penalty(p['p_time'], p['captcha'])
    elif kind in ('status', 'raw') and not p['apply']:
        reply = None
    else:
        reply = apply()
    if kind == 'close_before_response':
        return conn.close(p['abort'])
    if kind == 'delay':
        time.sleep(p['ms'] / 1000.0)
    if kind == 'raw':
        conn.send(_raw_bytes(p))
        return conn.close(False) if p['close'] else None
    if kind == 'status':
        reply = Reply(p['code'], p['body'].encode('utf-8'), p['content_type'])
    elif kind == 'oversized':
        reply.body = _pad(reply.body, p['size'])
    elif kind == 'malformed_json':
        reply.body = _malformed(reply.body)
    elif kind == 'connection_close':
        reply.close = True
    reply.close = reply.close or getattr(conn, 'close_connection', False)
    if kind == 'chunked':
        conn.send(head(reply, chunked=True))
        for chunk in _chunks(reply.body, p):
            conn.send(chunk)
    elif kind == 'drip':
        for byte in head(reply) + reply.body:
            conn.send(bytes((byte,)))
            if p['ms']:
                time.sleep(p['ms'] / 1000.0)
    elif kind in ('close_mid_body', 'truncated_body'):
        at = max(0, len(reply.body) // 2 if p['at'] is None
                 else min(p['at'], len(reply.body) - 1))
        if p['chunked']:
            conn.send(head(reply, chunked=True) + (b'%x\r\n%s\r\n' % (at, reply.body[:at])
                                                   if at else b''))
        else:
            conn.send(head(reply) + reply.body[:at])
        return conn.close(p['abort'])
    else:
        conn.send(head(reply) + reply.body)
    if reply.close:
        conn.close(False)
