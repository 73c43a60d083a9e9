#!/usr/bin/env bash
# Peak memory of one connector run on a large request of small values (issue: memory stays
# proportional to what the request needs).
#
#   bash bench/request_memory.sh                 # builds the release mockapp, measures it
#   bash bench/request_memory.sh BIN [BIN...]    # measures the given binaries side by side
#
# For each binary and each place the bulk can sit (an unknown top-level key, an unknown key of
# the payload, an unknown key of the settings), a 28 MB request of 14 million one-digit
# integers is written to a file and run with `delete_account --json-file`. The settings' api_url
# is not a URL, so the run stops right after decoding with `invalid_value` and no network is
# used. Peak RSS comes from GNU time (`/usr/bin/time -f %M`). The target: at most 4x the
# request's size plus 40 MB.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is required (apt-get install -y time)" >&2; exit 1; }

bins=("$@")
if [ ${#bins[@]} -eq 0 ]; then
  export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/tmp/bench-target}"
  (cd "$REPO" && cargo build --release --locked -p mockapp >&2)
  bins=("$CARGO_TARGET_DIR/release/mockapp")
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import sys
work = sys.argv[1]
count = 14_000_000
bulk = "[" + ",".join(["0"] * count) + "]"
head = '{"auth":{"token":{"token":"t"}},'
for name, body in {
    "top-level": head + '"zz":' + bulk + ',"settings":{"api_url":"not a url"},"request":{"account_id":"u"}}',
    "payload": head + '"settings":{"api_url":"not a url"},"request":{"account_id":"u","zz":' + bulk + '}}',
    "settings": head + '"settings":{"api_url":"not a url","zz":' + bulk + '},"request":{"account_id":"u"}}',
    # 9 million empty credentials (27 MB): refused after the 65th, not decoded in full.
    "credentials": '{"credentials":[' + ",".join(["{}"] * 9_000_000) + '],"settings":{"api_url":"not a url"},"request":{"account_id":"u"}}',
}.items():
    with open(f"{work}/{name}.json", "w") as f:
        f.write(body)
PY

printf '| binary | bulk in | request MB | peak RSS MB | limit MB | error_code |\n|---|---|---|---|---|---|\n'
for bin in "${bins[@]}"; do
  for case in top-level payload settings credentials; do
    file="$work/$case.json"
    size=$(stat -c %s "$file")
    rss_kb=$(/usr/bin/time -f %M "$bin" delete_account --json-file "$file" 2>"$work/err" >"$work/out" || true; tail -1 "$work/err")
    code=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["error"]["error_code"])' "$work/out" 2>/dev/null || echo "-")
    awk -v b="$bin" -v c="$case" -v s="$size" -v r="$rss_kb" -v e="$code" 'BEGIN {
      mb = s / 1e6; printf "| %s | %s | %.1f | %.1f | %.1f | %s |\n", b, c, mb, r * 1024 / 1e6, 4 * mb + 40, e }'
  done
done
