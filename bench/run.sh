#!/usr/bin/env bash
# Side-by-side benchmarks of the Rust mockapp connector and the Python reference (connector-py).
#
#   bash bench/run.sh              # from the repository root; ~6 min with the Python reference
#   bash bench/run.sh --quick      # fewer runs (~3 min), for a smoke check
#   bash bench/run.sh --compile    # also clean/incremental compile times (+ ~1-2 min)
#   bash bench/run.sh --no-python  # Rust only, even if the reference is installed
#
# Other flags are passed to bench/bench.py (see `python3 bench/bench.py --help`), e.g.
# --runs-rust 20 --runs-py 10 --sync-runs-rust 10 --sync-runs-py 3 --inproc-runs 10
# --python-mock off|rust|all --no-diag --out-dir DIR.
#
# Environment: CARGO_TARGET_DIR (default /tmp/bench-target: never the shared ./target),
# REF_DIR (Python reference, default /tmp/lumos-py-ref), SHARED_DIR (default ../shared).
# Results: a markdown table on stdout, and results.md / results.json in --out-dir
# (default /tmp/lumos-bench). Nothing in the repository is modified.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/tmp/bench-target}"
REF_DIR="${REF_DIR:-/tmp/lumos-py-ref}"
SHARED_DIR="${SHARED_DIR:-$REPO/../shared}"
REF_SHARED="$SHARED_DIR/reference-python"

use_python=1
args=()
for arg in "$@"; do
  case "$arg" in
    --no-python) use_python=0 ;;
    --quick) args+=(--runs-rust 5 --runs-py 3 --sync-runs-rust 3 --sync-runs-py 1 --inproc-runs 3
                    --rss-runs 1) ;;
    -h|--help) sed -n '2,17p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) args+=("$arg") ;;
  esac
done

need() { command -v "$1" >/dev/null 2>&1 || { echo "bench: '$1' is required ($2)" >&2; exit 1; }; }
need cargo "https://rustup.rs"
need python3 "apt-get install -y python3"
need curl "apt-get install -y curl"
need strip "apt-get install -y binutils"
need git "apt-get install -y git"
[ -x /usr/bin/time ] || echo "bench: /usr/bin/time missing, peak RSS will be skipped (apt-get install -y time)" >&2

echo "bench: building release binaries into $CARGO_TARGET_DIR" >&2
(cd "$REPO" && cargo build --release --locked -p mockapp -p mockapp-server \
  && cargo build --release --locked -p mockapp --example sync_in_process)

ref_args=()
if [ "$use_python" = 1 ]; then
  if [ -x "$REF_DIR/venv/bin/mockapp-connector" ] && [ -f "$REF_SHARED/run_mock.sh" ]; then
    ref_args=(--ref-dir "$REF_DIR")
  else
    cat >&2 <<EOF
bench: the Python reference is not installed at $REF_DIR, so only Rust numbers are measured.
       To build it (a few minutes, needs PyPI): REF_DIR=$REF_DIR bash $REF_SHARED/setup.sh
EOF
  fi
fi

exec python3 "$REPO/bench/bench.py" --repo "$REPO" --target-dir "$CARGO_TARGET_DIR" \
  --shared "$REF_SHARED" "${ref_args[@]}" "${args[@]}"
