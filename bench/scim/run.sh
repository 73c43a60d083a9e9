#!/usr/bin/env bash
# SCIM sync benchmark (bench/scim/bench.py): the Rust `scim` connector, one process per page and
# all pages in one process, beside a Python client on scim2-client and bare GETs, against one
# scim2-server holding 10,000 users.
#
#   bash bench/scim/run.sh                   # from the repository root; ~3 min
#   bash bench/scim/run.sh --users 2000      # other flags go to bench/scim/bench.py
#
# Environment: CARGO_TARGET_DIR (default /tmp/bench-target). The Python side lives in the
# virtual environment target/scim-venv (as .ci/run makes it), with scim2-client added.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/tmp/bench-target}"
VENV="$REPO/target/scim-venv"

(cd "$REPO" && cargo build --release --locked -p scim --bin scim --example sync_in_process)
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -c 'import scim2_server, scim2_client, httpx2' 2>/dev/null \
  || "$VENV/bin/pip" install -q 'scim2-server==0.8.3' 'scim2-client[httpx2]==0.13.2'
REL="$CARGO_TARGET_DIR/release"
exec python3 "$REPO/bench/scim/bench.py" --scim "$REL/scim" \
  --in-process "$REL/examples/sync_in_process" --server "$VENV/bin/scim2-server" \
  --python "$VENV/bin/python" "$@"
