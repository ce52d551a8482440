"""Test certificates, made with the `openssl` command when absent, and the server TLS context.

Files in the certificate directory (default build/sim-certs):
  ca.pem                     both test CAs; what a client is told to trust
  ca-ec.pem / ca-ec.key      EC P-256 test CA (signs the ec server certificates)
  ca-rsa.pem / ca-rsa.key    RSA-2048 test CA (signs the rsa ones), so each variant is pure
  server-<ec|rsa>.pem/.key   the server certificate for localhost, 127.0.0.1 and ::1
  server-<...>.hosts         the names a certificate was made for (remade when they change)
  server-<ec|rsa>-<profile>.pem/.key   the same for the negative profiles:
      expired          valid only during 2020
      not-yet-valid    valid only during 2099
      self-signed      signed by its own key, not by a test CA
      wrong-host       issued for wrong-host.example only
      sha1-signed      signed by the test CA with sha1WithRSA / ecdsa-with-SHA1

Several simulators (and test runs) may start at once, so generation happens under an
exclusive lock on the directory and files are moved into place whole.
"""

import contextlib
import datetime
import fcntl
import os
import shutil
import ssl
import subprocess
import tempfile

PROFILES = ('good', 'expired', 'not-yet-valid', 'self-signed', 'wrong-host', 'sha1-signed')
KEY_TYPES = ('ec', 'rsa')
GOOD_HOSTS = 'DNS:localhost,IP:127.0.0.1,IP:::1'
WRONG_HOST = 'wrong-host.example'
DATES = {'expired': ('20200101000000Z', '20201231235959Z'),
         'not-yet-valid': ('20990101000000Z', '20991231235959Z')}
GOOD_DAYS = 825
CA_DAYS = 3650
RENEW_BEFORE = 7 * 86400  # regenerate a certificate that would expire within a week

CA_CONFIG = """[ca]
default_ca = sim
[sim]
database = {tmp}/index.txt
new_certs_dir = {tmp}
serial = {tmp}/serial
default_md = sha256
policy = anything
copy_extensions = none
[anything]
commonName = supplied
"""


def _openssl(*args, cwd=None):
    try:
        subprocess.run(('openssl',) + args, check=True, cwd=cwd, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE)
    except subprocess.CalledProcessError as e:
        raise RuntimeError('openssl %s failed: %s' % (args[0], e.stderr.decode(errors='replace')))


def _new_key(key_type, path):
    if key_type == 'ec':
        _openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256',
                 '-out', path)
    else:
        _openssl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', path)


def _newer(path, than):
    return os.path.exists(path) and (than is None or
                                     os.path.getmtime(path) >= os.path.getmtime(than))


def _fresh(cert):
    """Whether `cert` exists and stays valid long enough."""
    if not os.path.exists(cert):
        return False
    check = ('openssl', 'x509', '-noout', '-checkend', str(RENEW_BEFORE), '-in', cert)
    return subprocess.run(check, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode == 0


def _good_dates():
    """From yesterday (a client whose clock lags a little still accepts it) for GOOD_DAYS."""
    now = datetime.datetime.now(datetime.timezone.utc)
    fmt = '%Y%m%d%H%M%SZ'
    return ((now - datetime.timedelta(days=1)).strftime(fmt),
            (now + datetime.timedelta(days=GOOD_DAYS)).strftime(fmt))


def _server_ext(tmp, key_type, hosts):
    usage = 'digitalSignature' + (',keyEncipherment' if key_type == 'rsa' else '')
    path = os.path.join(tmp, 'server.ext')
    with open(path, 'w') as f:
        f.write('basicConstraints = critical, CA:FALSE\nkeyUsage = critical, %s\n'
                'extendedKeyUsage = serverAuth\nsubjectAltName = %s\n'
                'subjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n' % (usage, hosts))
    return path


def _make_ca(d, key_type, tmp):
    key, cert = os.path.join(tmp, 'ca.key'), os.path.join(tmp, 'ca.pem')
    _new_key(key_type, key)
    _openssl('req', '-x509', '-new', '-key', key, '-sha256', '-days', str(CA_DAYS),
             '-subj', '/O=libtradovate/CN=libtradovate test CA (%s)' % key_type,
             '-addext', 'basicConstraints=critical,CA:TRUE',
             '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-out', cert)
    os.replace(key, os.path.join(d, 'ca-%s.key' % key_type))
    os.replace(cert, os.path.join(d, 'ca-%s.pem' % key_type))


def _make_server(d, key_type, profile, tmp, stem):
    key, cert = os.path.join(tmp, 'server.key'), os.path.join(tmp, 'server.pem')
    _new_key(key_type, key)
    host = WRONG_HOST if profile == 'wrong-host' else 'localhost'
    hosts = _profile_hosts(profile)
    subj = '/O=libtradovate/CN=' + host
    if profile == 'self-signed':
        _openssl('req', '-x509', '-new', '-key', key, '-sha256', '-days', str(GOOD_DAYS),
                 '-subj', subj, '-addext', 'subjectAltName=' + hosts,
                 '-addext', 'basicConstraints=critical,CA:FALSE', '-out', cert)
    else:
        csr, conf = os.path.join(tmp, 'server.csr'), os.path.join(tmp, 'ca.cnf')
        _openssl('req', '-new', '-key', key, '-subj', subj, '-out', csr)
        with open(conf, 'w') as f:
            f.write(CA_CONFIG.format(tmp=tmp))
        open(os.path.join(tmp, 'index.txt'), 'w').close()
        start, end = DATES.get(profile) or _good_dates()
        _openssl('ca', '-batch', '-config', conf, '-create_serial', '-notext',
                 '-cert', os.path.join(d, 'ca-%s.pem' % key_type),
                 '-keyfile', os.path.join(d, 'ca-%s.key' % key_type),
                 '-extfile', _server_ext(tmp, key_type, hosts), '-in', csr, '-out', cert,
                 '-startdate', start, '-enddate', end,
                 '-md', 'sha1' if profile == 'sha1-signed' else 'sha256')
    with open(os.path.join(tmp, 'server.hosts'), 'w') as f:
        f.write(hosts)
    os.replace(key, os.path.join(d, stem + '.key'))
    os.replace(cert, os.path.join(d, stem + '.pem'))
    os.replace(os.path.join(tmp, 'server.hosts'), os.path.join(d, stem + '.hosts'))


def _profile_hosts(profile):
    return 'DNS:' + WRONG_HOST if profile == 'wrong-host' else GOOD_HOSTS


def _same_hosts(d, stem, profile):
    """Whether the certificate was made for the names this version serves."""
    try:
        with open(os.path.join(d, stem + '.hosts')) as f:
            return f.read() == _profile_hosts(profile)
    except OSError:
        return False


@contextlib.contextmanager
def _locked(d):
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, '.lock'), 'w') as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        tmp = tempfile.mkdtemp(dir=d, prefix='.gen-')
        try:
            yield tmp
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


def server_files(d, key_type='ec', profile='good'):
    """Makes whatever is missing or stale; returns (certificate, key, ca.pem) paths."""
    if key_type not in KEY_TYPES or profile not in PROFILES:
        raise ValueError('key type %r / profile %r unknown' % (key_type, profile))
    with _locked(d) as tmp:
        for kt in KEY_TYPES:
            ca = os.path.join(d, 'ca-%s.pem' % kt)
            if not _fresh(ca):
                _make_ca(d, kt, tmp)
        bundle = b''.join(open(os.path.join(d, 'ca-%s.pem' % kt), 'rb').read()
                          for kt in KEY_TYPES)
        ca_pem = os.path.join(d, 'ca.pem')
        if not os.path.exists(ca_pem) or open(ca_pem, 'rb').read() != bundle:
            with open(os.path.join(tmp, 'ca.pem'), 'wb') as f:
                f.write(bundle)
            os.replace(os.path.join(tmp, 'ca.pem'), ca_pem)
        stem = 'server-%s' % key_type + ('' if profile == 'good' else '-' + profile)
        cert, key = os.path.join(d, stem + '.pem'), os.path.join(d, stem + '.key')
        signer = None if profile == 'self-signed' else os.path.join(d, 'ca-%s.pem' % key_type)
        if not (os.path.exists(key) and _newer(cert, signer) and _same_hosts(d, stem, profile)
                and (profile in DATES or _fresh(cert))):
            _make_server(d, key_type, profile, tmp, stem)
        return cert, key, ca_pem


TLS_VERSIONS = {'1.0': ssl.TLSVersion.TLSv1, '1.1': ssl.TLSVersion.TLSv1_1,
                '1.2': ssl.TLSVersion.TLSv1_2, '1.3': ssl.TLSVersion.TLSv1_3}


def server_context(cert, key, tls_min=None, tls_max=None, ciphers=None, weak_md=False):
    """The server's TLS context.  Versions below 1.2, and a SHA-1-signed certificate
    (weak_md), need OpenSSL's security level 0."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    legacy = any(v in ('1.0', '1.1') for v in (tls_min, tls_max))
    if legacy or weak_md:
        ctx.set_ciphers(ciphers or 'DEFAULT:@SECLEVEL=0')
    elif ciphers:
        ctx.set_ciphers(ciphers)
    ctx.load_cert_chain(cert, key)
    if tls_min:
        ctx.minimum_version = TLS_VERSIONS[tls_min]
    elif legacy:
        ctx.minimum_version = ssl.TLSVersion.TLSv1
    if tls_max:
        ctx.maximum_version = TLS_VERSIONS[tls_max]
    ctx.set_alpn_protocols(['http/1.1'])
    return ctx
