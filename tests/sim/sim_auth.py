"""Users, login sessions and access tokens.

A login opens a session; a user holds at most `session_limit` sessions (2, as the reference
says), and one more login revokes the oldest.  Renewal issues a fresh token in the same session
(same userSessionId); the older token stays valid until its own expiry, so a client that renews
early loses nothing in flight.  Tokens are random and never logged.
"""

import datetime
import secrets
import time

from sim_store import iso

INCORRECT = 'Incorrect username or password. Please try again.'


def _same(a, b):
    """Constant-time string comparison (compare_digest refuses non-ASCII str)."""
    return secrets.compare_digest(a.encode('utf-8'), b.encode('utf-8'))


class Session:
    __slots__ = ('id', 'user', 'revoked')

    def __init__(self, sid, user):
        self.id = sid
        self.user = user
        self.revoked = False


class Auth:
    def __init__(self, config):
        self.config = config
        self.tokens = {}  # token -> (Session, expiry as time.time())
        self.sessions = {}  # user id -> [Session], oldest first
        self.next_session = 9_000_001

    def _user(self, name):
        return next((u for u in self.config.users if u.name == name), None)

    def login(self, body):
        """AccessTokenResponse for an AccessTokenRequest; returns (response, failed)."""
        user = self._user(body['name'])
        if user is None or not _same(user.password, body['password']):
            return {'errorText': INCORRECT}, True
        cid = body.get('cid')
        if cid is not None and str(cid) != user.cid:
            return {'errorText': 'The API key (cid) is not valid for this user'}, True
        sec = body.get('sec')
        if sec is not None and not _same(sec, user.sec):
            return {'errorText': 'The API secret (sec) does not match the API key'}, True
        session = Session(self.next_session, user)
        self.next_session += 1
        live = self.sessions.setdefault(user.id, [])
        live.append(session)
        while len(live) > self.config.session_limit:
            live.pop(0).revoked = True
        return self._grant(session), False

    def renew(self, session):
        return self._grant(session)

    def _grant(self, session):
        token = secrets.token_urlsafe(32)
        expiry = time.time() + self.config.token_lifetime
        self.tokens[token] = (session, expiry)
        user = session.user
        when = datetime.datetime.fromtimestamp(expiry, datetime.timezone.utc)
        year = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=365)
        return {'accessToken': token, 'expirationTime': iso(when),
                'passwordExpirationTime': iso(year), 'userStatus': 'Active', 'userId': user.id,
                'name': user.name, 'hasLive': False, 'hasSimPlus': False, 'showKIDs': False}

    def check(self, header):
        """The session a Bearer header grants, or (None, status, text) when it grants none."""
        scheme, _, token = (header or '').partition(' ')
        entry = self.tokens.get(token.strip()) if scheme.lower() == 'bearer' else None
        if entry is None:
            return None, 401, 'Access is denied: missing or unknown access token'
        session, expiry = entry
        if session.revoked:
            return None, self.config.revoked_status, 'Session closed by a newer login'
        if time.time() >= expiry:
            return None, 401, 'Expired Access Token'
        return session, None, None

    def me(self, user):
        return {'userId': user.id, 'name': user.name, 'fullName': user.full_name,
                'email': user.email, 'emailVerified': True, 'isTrial': False,
                'organizationName': 'libtradovate simulator', 'currentAccountPlan': 'Free',
                'currentMDSubs': [], 'currentBalance': 0.0, 'activePlugins': []}

    def userinfo(self, user):
        """OpenID Connect Core standard claims (an assumption; see README)."""
        given, _, family = user.full_name.partition(' ')
        return {'sub': str(user.id), 'name': user.full_name, 'preferred_username': user.name,
                'given_name': given, 'family_name': family, 'email': user.email,
                'email_verified': True, 'updated_at': 1767225600}
