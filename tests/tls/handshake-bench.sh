#!/bin/sh
# handshake-bench.sh BUILD_DIR [x25519] — the client's instruction counts for
# tests/tls/HANDSHAKE.md: a full handshake, a resumed one and one request,
# against tests/tls/server.py on loopback (EC P-256 certificate), with TLS
# 1.3 and TLS 1.2, counted by callgrind inside tv_bench_measured() only.
# Run by `make tls-handshake-bench`.
set -eu
build=$1
groups=${2:-}
bench=$build/tls/handshake_bench
certs=$build/tls-certs
sh tests/tls/make-certs.sh "$certs"
out=$build/tls/callgrind
mkdir -p "$out"

printf '| TLS | scenario | client instructions | arena peak (bytes) | result |\n'
printf '|---|---|---:|---:|---|\n'
for tls in 1.3 1.2; do
    fifo=$out/port.$$
    rm -f "$fifo" && mkfifo "$fifo"
    ${PYTHON:-python3} tests/tls/server.py --cert "$certs/server.pem" --key "$certs/server.key" \
        --log "$out/server.log" --tls "$tls" --mode echo > "$fifo" &
    server=$!
    trap 'kill $server 2>/dev/null || true' EXIT
    read -r _ port < "$fifo"
    rm -f "$fifo"
    for scenario in full resume request; do
        file=$out/$tls-$scenario.out
        line=$(valgrind --tool=callgrind --callgrind-out-file="$file" \
            --toggle-collect=tv_bench_measured "$bench" "$scenario" "$port" "$certs/ca.pem" \
            $groups 2>/dev/null) || true
        ir=$(sed -n 's/^totals: *//p' "$file" 2>/dev/null)
        peak=$(echo "$line" | sed -n 's/.*arena peak \([0-9]*\).*/\1/p')
        printf '| %s | %s | %s | %s | %s |\n' "$tls" "$scenario" \
            "$(echo "$ir" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta')" "$peak" "$(echo "$line" | cut -d, -f1-3)"
    done
    kill "$server"
    wait "$server" 2>/dev/null || true
done
