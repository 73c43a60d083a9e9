#!/usr/bin/env bash
# Server mode benchmark: `mockapp dev http-server` beside connector-py's `dev http-server`, the
# CLI once per request, and a bare axum floor, at concurrency 1, 8 and 32 (bench/server_bench.py).
#
#   bash bench/server.sh               # from the repository root; ~3 min
#   bash bench/server.sh --seconds 10  # longer runs; other flags go to server_bench.py
#   bash bench/server.sh --no-python   # Rust only
#
# Environment: CARGO_TARGET_DIR (default /tmp/bench-target), REF_DIR (the Python reference,
# default /tmp/lumos-py-ref, built by ../shared/reference-python/setup.sh; its venv needs
# uvicorn, which this script installs there when missing). Results: a markdown table on stdout,
# server.md / server.json in --out-dir (default /tmp/lumos-bench).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/tmp/bench-target}"
REF_DIR="${REF_DIR:-/tmp/lumos-py-ref}"

use_python=1
args=()
for arg in "$@"; do
  case "$arg" in
    --no-python) use_python=0 ;;
    -h|--help) sed -n '2,12p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) args+=("$arg") ;;
  esac
done

(cd "$REPO" && cargo build --release --locked -p mockapp -p mockapp-server -p loadgen)
REL="$CARGO_TARGET_DIR/release"
python_args=()
if [ "$use_python" = 1 ] && [ -x "$REF_DIR/venv/bin/mockapp-connector" ]; then
  "$REF_DIR/venv/bin/python" -c 'import uvicorn' 2>/dev/null \
    || "$REF_DIR/venv/bin/pip" install -q 'uvicorn==0.54.0'
  python_args=(--python-connector "$REF_DIR/venv/bin/mockapp-connector")
elif [ "$use_python" = 1 ]; then
  echo "bench: no Python reference in $REF_DIR (../shared/reference-python/setup.sh); Rust only" >&2
fi
exec python3 "$REPO/bench/server_bench.py" --mockapp "$REL/mockapp" \
  --mock-server "$REL/mockapp-server" --loadgen "$REL/loadgen" \
  "${python_args[@]}" "${args[@]}"
