#!/usr/bin/env bash
# What the runtime's `server` and `lambda` features cost a connector: release `mockapp` built
# three ways (neither, `server` as by default, `server` + `lambda`), its size unstripped and
# stripped, the median start-up of 300 interleaved `mockapp info` runs, and one run's peak RSS.
#
#   bash bench/features.sh   # from the repository root; ~8 min (three release builds)
#
# The builds happen in a throwaway worktree of HEAD (the feature lists are edited there, never
# here), into CARGO_TARGET_DIR (default /tmp/bench-features-target).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/tmp/bench-features-target}"
WORK="$(mktemp -d)"
trap 'git -C "$REPO" worktree remove --force "$WORK/tree" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
git -C "$REPO" worktree add -q --detach "$WORK/tree" HEAD
cd "$WORK/tree"

build() {
  cargo build -q --release -p mockapp
  cp "$CARGO_TARGET_DIR/release/mockapp" "$WORK/mockapp-$1"
  strip -o "$WORK/mockapp-$1.stripped" "$WORK/mockapp-$1"
}
runtime_dep='connector-runtime = { workspace = true, features = \["server", "lambda"\] }'
build server-lambda
sed -i "s/^$runtime_dep/connector-runtime = { workspace = true, features = [\"server\"] }/" examples/mockapp/Cargo.toml
build server
sed -i 's/^connector-runtime = { workspace = true, features = \["server"\] }/connector-runtime = { workspace = true, default-features = false }/' examples/mockapp/Cargo.toml
sed -i 's/^connector-runtime = { path = "connector-runtime" }/connector-runtime = { path = "connector-runtime", default-features = false }/' Cargo.toml
build none

python3 - "$WORK" <<'PY'
import statistics, subprocess, sys, time
work = sys.argv[1]
labels = {"none": "neither", "server": "`server` (default)", "server-lambda": "`server` + `lambda`"}
times = {k: [] for k in labels}
for _ in range(300):
    for k in labels:
        t = time.perf_counter()
        subprocess.run([f"{work}/mockapp-{k}", "info"], stdout=subprocess.DEVNULL, check=True)
        times[k].append((time.perf_counter() - t) * 1000)
print("| features | binary | stripped | start-up | peak RSS |")
print("| --- | ---: | ---: | ---: | ---: |")
for k, label in labels.items():
    size = lambda path: subprocess.run(["stat", "-c", "%s", path], capture_output=True,
                                       text=True).stdout.strip()
    rss = subprocess.run(["/usr/bin/time", "-f", "%M", f"{work}/mockapp-{k}", "info"],
                         capture_output=True, text=True).stderr.strip().splitlines()[-1]
    print(f"| {label} | {int(size(f'{work}/mockapp-{k}')) / 1e6:.2f} MB | "
          f"{int(size(f'{work}/mockapp-{k}.stripped')) / 1e6:.2f} MB | "
          f"{statistics.median(times[k]):.2f} ms | {int(rss) / 1024:.1f} MiB |")
PY
