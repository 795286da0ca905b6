#!/usr/bin/env bash
# Load check of `nianbao serve` (not a unit test): starts the preview server on 127.0.0.1 with a
# copy of the example content, runs wrk against a report page and prints the figures.
#
#     scripts/load-serve.sh [path/to/nianbao]          # default: .build/release/nianbao, else .build/debug/nianbao
#
# Environment: THREADS (2), CONNECTIONS (100), DURATION (10s), PORT (0: a free port), PAGE
# (/2024/shilong-gov-office/). Needs wrk, the Debian package: apt-get install -y wrk.
# Passes (exit 0) only if wrk saw no socket errors and no non-2xx/3xx responses.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$(pwd)

if ! command -v wrk >/dev/null 2>&1; then
  echo "wrk is not installed. It is a Debian package: apt-get install -y wrk" >&2
  exit 2
fi

nianbao=${1:-}
if [ -z "$nianbao" ]; then
  if [ -x .build/release/nianbao ]; then nianbao=.build/release/nianbao; else nianbao=.build/debug/nianbao; fi
fi
[ -x "$nianbao" ] || { echo "no nianbao at $nianbao: run 'swift build -c release' (or pass the binary)" >&2; exit 2; }
nianbao=$(cd "$(dirname "$nianbao")" && pwd)/$(basename "$nianbao")

threads=${THREADS:-2}
connections=${CONNECTIONS:-100}
duration=${DURATION:-10s}
page=${PAGE:-/2024/shilong-gov-office/}

work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill -INT "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

cp -r "$repo/Content" "$repo/Templates" "$work/"
cd "$work"
"$nianbao" serve --port "${PORT:-0}" --host 127.0.0.1 >"$work/serve.out" 2>"$work/serve.err" &
server=$!

url=""
for _ in $(seq 1 200); do
  url=$(sed -n 's|^预览地址：\(http://127\.0\.0\.1:[0-9]*\)/$|\1|p' "$work/serve.out" | head -n 1)
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.err" >&2; echo "nianbao serve exited" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { cat "$work/serve.out" "$work/serve.err" >&2; echo "nianbao serve did not start" >&2; exit 1; }

bytes=$(curl -s -o /dev/null -w '%{size_download}' "$url$page" 2>/dev/null || echo "?")
echo "nianbao: $nianbao"
echo "target:  $url$page ($bytes bytes with the reload script)"
echo "wrk -t$threads -c$connections -d$duration, $(nproc) cores"
echo
result=$(wrk -t"$threads" -c"$connections" -d"$duration" --latency "$url$page")
echo "$result"

# Stop it as Ctrl-C does, and check it really stopped.
kill -INT "$server"
for _ in $(seq 1 100); do kill -0 "$server" 2>/dev/null || break; sleep 0.05; done
if kill -0 "$server" 2>/dev/null; then echo "nianbao serve did not stop within 5 s of SIGINT" >&2; exit 1; fi
wait "$server" 2>/dev/null || true
server=""

echo
if grep -q -e "Socket errors" -e "Non-2xx or 3xx responses" <<<"$result"; then
  echo "FAILED: errors above" >&2
  exit 1
fi
echo "OK: no errors"
