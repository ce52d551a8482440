#!/usr/bin/env bash
# `make demo`: a scripted trading session with the `tradovate` CLI against the
# local simulator (tests/sim), which this script starts on a free loopback
# port and stops at the end. Every command is echoed before it runs.
set -euo pipefail
cd "$(dirname "$0")/.."

CLI=build/tradovate
CERTS=build/sim-certs
mkdir -p build
SIMOUT=$(mktemp)
python3 tests/sim/tradovate_sim.py --port 0 --quiet --cert-dir "$CERTS" >"$SIMOUT" &
SIMPID=$!
cleanup() {
    kill -TERM "$SIMPID" 2>/dev/null || true
    wait "$SIMPID" 2>/dev/null || true
    rm -f "$SIMOUT" build/demo-token
}
trap cleanup EXIT
for _ in $(seq 150); do
    PORT=$(head -n 1 "$SIMOUT" 2>/dev/null || true)
    [ -n "$PORT" ] && break
    sleep 0.1
done
[ -n "${PORT:-}" ] || { echo "the simulator did not start" >&2; exit 1; }

# Credentials come from the environment only (these are the simulator's demo user).
export TRADOVATE_USER=demo TRADOVATE_PASSWORD=demo-password TRADOVATE_APP_ID=libtradovate \
       TRADOVATE_APP_VERSION=0.1 TRADOVATE_CID=1 TRADOVATE_SEC=demo-secret \
       TRADOVATE_DEVICE_ID=demo-device TRADOVATE_TOKEN_CACHE=build/demo-token

say() { printf '\n\033[1m## %s\033[0m\n' "$*"; }
tv() {
    printf '$ tradovate %s\n' "$*"
    "$CLI" --base-url "https://127.0.0.1:$PORT/v1" --ca "$CERTS/ca.pem" "$@"
}
# The value of `key: value` in the previous command's output (first match).
field() { sed -n "s/^ *$1: //p" "$OUT" | head -n 1; }
run() { tv "$@" | tee "$OUT"; }
OUT=$(mktemp)
trap 'rm -f "$OUT"; cleanup' EXIT

ACCOUNT=1001
SYMBOL=ESZ6

say "Log in (the token is kept for the session, never printed)"
run auth
tv timestamp

say "Who am I, which accounts, which contract"
tv me
tv accounts
run contract "$SYMBOL"
CONTRACT=$(field id)

say "A market order: fills at once"
run place --accountId "$ACCOUNT" --symbol "$SYMBOL" --action Buy --qty 1 --type Market
MARKET=$(field orderId)

say "A limit order below the market: rests"
run place --accountId "$ACCOUNT" --symbol "$SYMBOL" --action Buy --qty 1 --type Limit --price 5990.25
LIMIT=$(field orderId)

say "A bracket through OSO: entry at market, take-profit and stop-loss released when it fills"
run oso --accountId "$ACCOUNT" --symbol "$SYMBOL" --action Buy --qty 1 --type Market \
    --bracket1 action=Sell,orderType=Limit,price=6010.5 \
    --bracket2 action=Sell,orderType=Stop,stopPrice=5995
ENTRY=$(field orderId)

say "An order strategy (JSON inside a JSON string, encoded by the library), then interrupted"
run strategy start --accountId "$ACCOUNT" --symbol "$SYMBOL" --action Buy \
    --entry orderQty=1,orderType=Market --bracket qty=1,profitTarget=10,stopLoss=-5
STRATEGY=$(field id)
tv order-strategy-link deps "$STRATEGY"
tv strategy interrupt --orderStrategyId "$STRATEGY"

say "Cancel the resting limit order"
tv cancel --orderId "$LIMIT"

say "Orders of the account, streamed"
tv order deps "$ACCOUNT"

say "Fills of the market order and of the OSO entry, their fees, the commands and their reports"
run fill ldeps "$MARKET,$ENTRY"
FILLS=$(awk 'NR > 2 && $1 ~ /^[0-9]+$/ && $2 !~ /^entit/ {print $1}' "$OUT" | paste -sd, -)
tv fill-fee ldeps "$FILLS"
run command deps "$MARKET"
COMMANDS=$(awk 'NR > 2 && $1 ~ /^[0-9]+$/ && $2 !~ /^entit/ {print $1}' "$OUT" | paste -sd, -)
tv command-report ldeps "$COMMANDS"
tv execution-report deps "${COMMANDS%%,*}"

say "Positions, then liquidate"
tv positions
tv liquidate --accountId "$ACCOUNT" --contractId "$CONTRACT"
tv positions

say "Done: every number above went through the library's own parser and printer"
