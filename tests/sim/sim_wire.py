"""HTTP/1.1 responses as bytes: the one place response heads are written.

The simulator writes its responses itself (not through BaseHTTPRequestHandler.send_response)
because fault injection needs every byte under control: chunking, dripping, lying about the
length, cutting the body short.
"""

import email.utils
import http
import json

SERVER = 'tradovate-sim'


class Reply:
    """A response before it goes on the wire; `close` asks for Connection: close."""

    __slots__ = ('status', 'body', 'content_type', 'close')

    def __init__(self, status, body=b'', content_type='application/json; charset=utf-8',
                 close=False):
        self.status = status
        self.body = body
        self.content_type = content_type
        self.close = close


def dumps(obj):
    return json.dumps(obj, separators=(',', ':'), ensure_ascii=False).encode('utf-8')


def json_reply(obj, status=200):
    """A JSON response; `obj` None gives an empty body (as the service's HTTP 429 has)."""
    return Reply(status, b'' if obj is None else dumps(obj))


def head(reply, length=None, chunked=False):
    """Status line and headers.  `length` overrides Content-Length (to promise more than is
    sent); `chunked` replaces it with Transfer-Encoding: chunked."""
    try:
        reason = http.HTTPStatus(reply.status).phrase
    except ValueError:
        reason = 'Status'
    lines = ['HTTP/1.1 %d %s' % (reply.status, reason),
             'Date: ' + email.utils.formatdate(usegmt=True),
             'Server: ' + SERVER]
    if reply.body or chunked:
        lines.append('Content-Type: ' + reply.content_type)
    if chunked:
        lines.append('Transfer-Encoding: chunked')
    else:
        lines.append('Content-Length: %d' % (len(reply.body) if length is None else length))
    if reply.close:
        lines.append('Connection: close')
    return ('\r\n'.join(lines) + '\r\n\r\n').encode('latin-1')
