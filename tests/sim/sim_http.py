"""HTTPS (or plain HTTP) serving: connections, TLS handshakes, keep-alive, request reading.

Each connection gets its own thread; its TLS handshake runs there too, so a client that stalls
or refuses the certificate holds up nobody else.  Everything a connection receives after the
handshake is recorded (sim_core.ConnRecord) so a test can prove that a client which refused
the certificate sent no request byte.  Responses are written by sim_faults / sim_wire.
"""

import http.server
import io
import json
import socket
import ssl
import struct
import sys
import threading
import time
import traceback
import urllib.parse

import sim_faults
from sim_api import MUTATIONS, route_of
from sim_store import now_iso
from sim_wire import Reply, head

MAX_BODY = 1 << 20
HANDSHAKE_TIMEOUT = 10.0


class Request:
    __slots__ = ('method', 'path', 'query', 'headers', 'body', 'client')

    def __init__(self, method, path, query, headers, body, client):
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.client = client


class _Recorder(io.RawIOBase):
    """The socket as a raw stream that copies what it reads into the connection record."""

    def __init__(self, sock, rec):
        super().__init__()
        self.sock = sock
        self.rec = rec

    def readable(self):
        return True

    def readinto(self, buf):
        n = self.sock.recv_into(buf)
        self.rec.received(bytes(buf[:n]))
        return n


def close_socket(sock, abort):
    """abort: TCP reset, no TLS close_notify.  Otherwise close_notify (without waiting for
    the peer's) and FIN."""
    try:
        if abort:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
        else:
            if isinstance(sock, ssl.SSLSocket):
                sock.settimeout(0.0)
                try:
                    sock.unwrap()
                except (ssl.SSLError, OSError, ValueError):
                    pass
            sock.shutdown(socket.SHUT_RDWR)
    except (OSError, ValueError):
        pass
    finally:
        sock.close()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    server_version = 'tradovate-sim'

    def setup(self):
        self.sim = self.server.sim
        self.rec = self.server.local.rec
        self.connection = self.request
        self.connection.settimeout(self.sim.config.idle_timeout)
        self.rfile = io.BufferedReader(_Recorder(self.connection, self.rec), 65536)
        self.wfile = self  # writes go through send(); BaseHTTPRequestHandler's errors too
        self.closed = False

    # The connection as sim_faults sees it.
    def write(self, data):
        self.send(data)

    def flush(self):
        pass

    def send(self, data):
        if self.closed:
            return
        try:
            self.connection.sendall(data)
        except (OSError, ValueError):
            self.closed = True
            self.close_connection = True

    def close(self, abort=False):
        if not self.closed:
            self.closed = True
            close_socket(self.connection, abort)
        self.close_connection = True

    def finish(self):
        self.rfile.close()

    def log_message(self, fmt, *args):
        self.server.log('%s %s' % (self.client_address[0], fmt % args))

    def _read_body(self):
        if 'chunked' in self.headers.get('Transfer-Encoding', '').lower():
            body = bytearray()
            while True:
                size = int(self.rfile.readline(1024).split(b';')[0].strip() or b'0', 16)
                if size == 0:
                    while self.rfile.readline(1024) not in (b'\r\n', b'\n', b''):
                        pass
                    return bytes(body)
                if len(body) + size > MAX_BODY:
                    raise ValueError('request body too large')
                body += self.rfile.read(size)
                self.rfile.readline(16)
        length = int(self.headers.get('Content-Length') or 0)
        if length < 0 or length > MAX_BODY:
            raise ValueError('request body too large')
        body = self.rfile.read(length)
        if len(body) != length:
            raise ValueError('request body cut short')
        return body

    def _serve(self):
        start = time.monotonic()
        self.rec.requests += 1
        path, _, query = self.path.partition('?')
        try:
            body = self._read_body()
        except ValueError as e:
            return self._finish(Reply(400, json.dumps({'errorText': str(e)}).encode(),
                                      close=True), path, start)
        req = Request(self.command, urllib.parse.unquote(path), query, self.headers, body,
                      self.client_address[0])
        if req.path.lower().startswith('/sim/'):
            return self._finish(self._guarded(self.sim.admin.handle, req), req.path, start)
        sim = self.sim
        with sim.lock:
            route = route_of(req.path) or req.path.lower()
            sim.counters.requests[route] += 1
            if route in MUTATIONS:
                sim.counters.received[route] += 1
            fault = sim.faults.take(req.path)
            if fault:
                sim.counters.faults[fault.kind] += 1
        outcome = {}

        def apply():
            reply = self._guarded(sim.api.handle, req)
            outcome['status'] = reply.status
            return reply

        def penalty(p_time, captcha):
            outcome['status'] = 200
            return sim.api.penalty(req, p_time, captcha)

        sim_faults.serve(self, fault, apply, penalty)
        self._log(req.path, outcome.get('status', '-'), fault, start)

    def _guarded(self, handle, req):
        """handle(req) under the lock; a simulator bug answers 500 (and a traceback on
        stderr) rather than a silently dropped connection."""
        try:
            with self.sim.lock:
                return handle(req)
        except Exception as e:  # noqa: BLE001 - report any bug, keep serving
            traceback.print_exc()
            return Reply(500, json.dumps({'errorText': 'simulator bug: %r' % e}).encode())

    def _finish(self, reply, path, start):
        reply.close = reply.close or self.close_connection
        self.send(head(reply) + reply.body)
        if reply.close:
            self.close()
        self._log(path, reply.status, None, start)

    def _log(self, path, status, fault, start):
        note = ' fault=%s' % fault.kind if fault else ''
        self.server.log('%s %s %s %s %.1fms%s' % (self.client_address[0], self.command, path,
                                                   status, (time.monotonic() - start) * 1000,
                                                   note))

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = _serve


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address, sim, tls_context=None, record_file=None, verbose=True):
        self.sim = sim
        self.tls = tls_context
        self.record_file = record_file
        self.verbose = verbose
        self.local = threading.local()
        self.out_lock = threading.Lock()
        if ':' in address[0]:  # an IPv6 address such as ::1
            self.address_family = socket.AF_INET6
        super().__init__(address, Handler)

    def log(self, line):
        """One line on stdout; lines never carry passwords, secrets or tokens."""
        if not self.verbose:
            return
        with self.out_lock:
            try:
                sys.stdout.write('%s %s\n' % (now_iso(), line))
                sys.stdout.flush()
            except (OSError, ValueError):
                pass

    def finish_request(self, request, client_address):
        """Runs in the connection's thread: handshake, then HTTP until the connection ends."""
        rec = self.sim.open_connection(client_address[0], self.tls is not None)
        sock = request
        try:
            request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            rec.nodelay = bool(request.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            if self.tls is not None:
                request.settimeout(HANDSHAKE_TIMEOUT)
                try:
                    sock = self.tls.wrap_socket(request, server_side=True)
                except (ssl.SSLError, OSError) as e:
                    rec.handshake, rec.error = 'failed', '%s: %s' % (type(e).__name__, e)
                    self.log('%s TLS handshake failed: %s' % (client_address[0], e))
                    return
                rec.handshake = 'ok'
            self.local.rec = rec
            self.RequestHandlerClass(sock, client_address, self)
        except (OSError, ValueError) as e:
            self.log('%s connection ended: %s' % (client_address[0], type(e).__name__))
        finally:
            close_socket(sock, False)
            self._closed(rec)

    def _closed(self, rec):
        rec.closed = now_iso()
        if self.record_file:
            line = json.dumps(rec.as_dict()) + '\n'
            with self.out_lock, open(self.record_file, 'a') as f:
                f.write(line)

    def shutdown_request(self, request):
        pass  # finish_request closed the connection (TLS sockets replace `request`)

    def handle_error(self, request, client_address):
        self.log('%s error: %s' % (client_address[0], sys.exc_info()[1]))
