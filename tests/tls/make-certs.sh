#!/bin/sh
# make-certs.sh DIR — the TLS tests' throw-away PKI, made with openssl.
#
#   ca.pem/.der          the CA the tests trust (EC P-256)
#   other.pem            a CA they do not trust
#   server.pem/.key      EC P-256 leaf for 127.0.0.1 and localhost, from ca
#   server-rsa.pem/.key  RSA-2048 leaf, same names, from ca
#   wrongname.pem        from ca, but for wrong.example only
#   expired.pem          from ca, valid 2020-2021
#   future.pem           from ca, valid 2090-2091
#   untrusted.pem        the right names, from other
#   *.der                DER copies; *.pin the SHA-256 of the leaf's SPKI
#   bundle.pem           other + ca with comments between and CRLF endings
#   bundle.der           other.der + ca.der concatenated
#   ed25519.pem/.der     a self-signed Ed25519 CA (mbedTLS 3.6 cannot use it)
#   sha1root.pem         a self-signed RSA CA signed with SHA-1 (old roots are)
#   mixed.pem/.der       ed25519 + sha1root + ca: one unusable, two kept
#
# Idempotent: does nothing when DIR/.done-2 exists (the 2 changes with the set).
set -eu
dir=$1
[ -f "$dir/.done-2" ] && exit 0
rm -rf "$dir"
mkdir -p "$dir/newcerts"
cd "$dir"

cat > openssl.cnf <<'CNF'
[ ca ]
default_ca = tvca
[ tvca ]
database = ./index.txt
new_certs_dir = ./newcerts
serial = ./serial
default_md = sha256
policy = policy_any
unique_subject = no
[ policy_any ]
commonName = supplied
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = unused
[ v3_ca ]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
CNF
: > index.txt
echo 1000 > serial
export OPENSSL_CONF="$PWD/openssl.cnf"

ec_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
rsa_key() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>/dev/null; }

# make_ca NAME: a self-signed CA
make_ca() {
    ec_key "$1.key"
    openssl req -x509 -new -key "$1.key" -subj "/CN=tv test $1" -days 3650 -sha256 \
        -extensions v3_ca -out "$1.pem"
}

# make_leaf NAME KEYFILE CA SAN START END
make_leaf() {
    printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=%s\n' \
        "$4" > "$1.ext"
    openssl req -new -key "$2" -subj "/CN=$1" -out "$1.csr"
    openssl ca -batch -notext -cert "$3.pem" -keyfile "$3.key" -startdate "$5" -enddate "$6" \
        -extfile "$1.ext" -in "$1.csr" -out "$1.pem" 2>/dev/null
    openssl x509 -in "$1.pem" -outform DER -out "$1.der"
    openssl pkey -in "$2" -pubout -outform DER | openssl dgst -sha256 -binary > "$1.pin"
}

make_ca ca
make_ca other
openssl x509 -in ca.pem -outform DER -out ca.der
openssl x509 -in other.pem -outform DER -out other.der

now=$(date -u -d '-1 hour' +%Y%m%d%H%M%SZ 2>/dev/null || date -u -v-1H +%Y%m%d%H%M%SZ)
later=$(date -u -d '+10 years' +%Y%m%d%H%M%SZ 2>/dev/null || date -u -v+10y +%Y%m%d%H%M%SZ)
names='IP:127.0.0.1,DNS:localhost'
ec_key server.key
rsa_key server-rsa.key
ec_key other-leaf.key
make_leaf server server.key ca "$names" "$now" "$later"
make_leaf server-rsa server-rsa.key ca "$names" "$now" "$later"
make_leaf wrongname other-leaf.key ca 'DNS:wrong.example' "$now" "$later"
make_leaf expired other-leaf.key ca "$names" 20200101000000Z 20210101000000Z
make_leaf future other-leaf.key ca "$names" 20900101000000Z 20910101000000Z
make_leaf untrusted other-leaf.key other "$names" "$now" "$later"

{
    printf '# a trust store with text around its blocks\n'
    cat other.pem
    printf 'Subject: tv test ca\n'
    cat ca.pem
} | sed 's/$/\r/' > bundle.pem
cat other.der ca.der > bundle.der

openssl genpkey -algorithm ED25519 -out ed25519.key 2>/dev/null
openssl req -x509 -new -key ed25519.key -subj "/CN=tv test ed25519" -days 3650 \
    -extensions v3_ca -out ed25519.pem
openssl x509 -in ed25519.pem -outform DER -out ed25519.der
rsa_key sha1root.key
openssl req -x509 -new -key sha1root.key -subj "/CN=tv test sha1 root" -days 3650 -sha1 \
    -extensions v3_ca -out sha1root.pem
openssl x509 -in sha1root.pem -outform DER -out sha1root.der
cat ed25519.pem sha1root.pem ca.pem > mixed.pem
cat ed25519.der sha1root.der ca.der > mixed.der
touch .done-2
