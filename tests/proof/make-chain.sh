#!/bin/sh
# A certificate directory for the simulator (--cert-dir DIR --key-type rsa)
# whose server presents the chain a public CA issues: an RSA-2048 leaf for
# localhost and 127.0.0.1, signed by an RSA-2048 intermediate, signed by a
# root the client trusts. The arena test runs its session against it, the
# largest handshake we expect: a longer chain is parsed, verified and kept
# (MBEDTLS_SSL_KEEP_PEER_CERTIFICATE) in the arena.
#
#   sh tests/proof/make-chain.sh DIR
#
# The files follow the simulator's layout (tests/sim/sim_certs.py): ca-ec.pem
# and ca-rsa.pem (roots), ca.pem (both, what the client trusts),
# server-rsa.pem (leaf, then intermediate) and server-rsa.key. Made once; a
# directory whose leaf expires within a week is made anew.
set -eu
dir=${1:?usage: make-chain.sh DIR}
mkdir -p "$dir"
if [ -f "$dir/.done" ] && openssl x509 -noout -checkend 604800 -in "$dir/server-rsa.pem" \
    >/dev/null 2>&1; then
    exit 0
fi
tmp=$(mktemp -d "$dir/.gen-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/ext.cnf" <<'EOF'
[intermediate]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[leaf]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF
root() { # key type, key generation options
    openssl req -x509 -newkey "$2" $3 -nodes -sha256 -days 3650 \
        -subj "/O=libtradovate/CN=libtradovate chain test root ($1)" \
        -addext 'basicConstraints=critical,CA:TRUE' -addext 'keyUsage=critical,keyCertSign,cRLSign' \
        -keyout "$tmp/ca-$1.key" -out "$tmp/ca-$1.pem" 2>/dev/null
}
root ec ec '-pkeyopt ec_paramgen_curve:P-256'
root rsa rsa:2048 ''
issue() { # name, subject, issuer, extension section, days
    openssl req -new -newkey rsa:2048 -nodes -subj "/O=libtradovate/CN=$2" \
        -keyout "$tmp/$1.key" -out "$tmp/$1.csr" 2>/dev/null
    openssl x509 -req -in "$tmp/$1.csr" -CA "$tmp/$3.pem" -CAkey "$tmp/$3.key" -CAcreateserial \
        -days "$5" -sha256 -extfile "$tmp/ext.cnf" -extensions "$4" -out "$tmp/$1.pem" 2>/dev/null
}
issue intermediate 'libtradovate chain test intermediate' ca-rsa intermediate 1825
issue leaf localhost intermediate leaf 825
openssl verify -CAfile "$tmp/ca-rsa.pem" -untrusted "$tmp/intermediate.pem" "$tmp/leaf.pem" >/dev/null
cat "$tmp/leaf.pem" "$tmp/intermediate.pem" >"$tmp/server-rsa.pem"
cat "$tmp/ca-ec.pem" "$tmp/ca-rsa.pem" >"$tmp/ca.pem"
# Roots first, the server's files after them: the simulator remakes a
# server certificate older than its root.
for f in ca-ec.key ca-ec.pem ca-rsa.key ca-rsa.pem ca.pem; do
    mv "$tmp/$f" "$dir/$f"
done
mv "$tmp/leaf.key" "$dir/server-rsa.key"
mv "$tmp/server-rsa.pem" "$dir/server-rsa.pem"
touch "$dir/server-rsa.pem" "$dir/.done"
