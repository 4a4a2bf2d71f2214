#!/usr/bin/env bash
# Proves the compiled binary is self-contained: with node_modules moved away it prints
# its version, serves (health answers), and installs under a temporary root.
set -euo pipefail
binary=$(realpath "${1:-dist/pharlux}")
cd "$(dirname "$0")/.."
work=$(mktemp -d)
moved=0
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid"; wait "$pid" || true; fi
  if [ "$moved" = 1 ]; then mv "$work/node_modules" node_modules; fi
  rm -rf "$work"
}
trap cleanup EXIT
if [ -d node_modules ]; then mv node_modules "$work/node_modules"; moved=1; fi

"$binary" version | grep -E '^pharlux [0-9]+\.[0-9]+\.[0-9]+ \(' >/dev/null
echo "smoke: version ok ($("$binary" version))"

port=$(( 20000 + RANDOM % 20000 ))
otlp=$(( port + 1 ))
PHARLUX_ADMIN_PASSWORD=smoke-admin-password PHARLUX_SERVER_BIND_ADDRESS=127.0.0.1 PHARLUX_SERVER_HTTP_PORT=$port PHARLUX_SERVER_OTLP_HTTP_PORT=$otlp \
  PHARLUX_SERVER_OTLP_GRPC_PORT=0 PHARLUX_STORAGE_MIN_FREE_DISK_BYTES=0 \
  "$binary" serve --data-dir "$work/data" 2>"$work/serve.log" &
pid=$!
for _ in $(seq 1 100); do
  if curl -fsS "http://127.0.0.1:$port/api/v1/health" >"$work/health.json" 2>/dev/null; then break; fi
  sleep 0.1
done
grep -q '"status":"ok"' "$work/health.json" || { echo "smoke: health failed"; cat "$work/serve.log"; exit 1; }
echo "smoke: serve ok ($(cat "$work/health.json"))"
curl -fsS "http://127.0.0.1:$port/logs?severity=error" | grep -q '<div id="app">' || { echo "smoke: UI not served"; exit 1; }
echo "smoke: web UI ok"
logs_json='{"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"smoke"}}]},"scopeLogs":[{"logRecords":[{"timeUnixNano":"'"$(date +%s)"'000000000","body":{"stringValue":"smoke test"}}]}]}]}'
curl -fsS -X POST -H 'content-type: application/json' --data "$logs_json" "http://127.0.0.1:$otlp/v1/logs" >/dev/null
echo "smoke: OTLP/HTTP ingest ok"
token=$(curl -fsS -X POST -H 'content-type: application/json' -d '{"username":"admin","password":"smoke-admin-password"}' \
  "http://127.0.0.1:$port/api/v1/auth/login" | sed -E 's/.*"token":"([^"]+)".*/\1/')
curl -fsS -X POST -H "authorization: Bearer $token" -H 'content-type: application/json' \
  -d '{"sql":"SELECT body FROM logs WHERE service_name = '"'"'smoke'"'"'"}' "http://127.0.0.1:$port/api/v1/query" | grep -q '"body":"smoke test"' \
  || { echo "smoke: the query worker did not return the record"; cat "$work/serve.log"; exit 1; }
echo "smoke: SQL on a query worker thread ok"
kill -TERM "$pid"
wait "$pid"
pid=""
echo "smoke: graceful stop ok"
ls "$work"/data/logs/tenant=default/date=*/hour=*/*.parquet >/dev/null || { echo "smoke: no Parquet part after a clean stop (flush worker missing?)"; cat "$work/serve.log"; exit 1; }
echo "smoke: head flushed to Parquet by the embedded worker"

"$binary" install --root "$work/root" --binary /usr/local/bin/pharlux >/dev/null
test -f "$work/root/etc/systemd/system/pharlux.service"
test "$(stat -c %a "$work/root/etc/pharlux/jwt.secret")" = 640
"$binary" install --root "$work/root" --binary /usr/local/bin/pharlux | grep -q 'nothing to do'
echo "smoke: install ok (idempotent)"
