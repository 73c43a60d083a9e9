#!/usr/bin/env python3
"""Side-by-side benchmarks: the Rust mockapp connector vs the Python reference (connector-py).

Run it through bench/run.sh, which builds the binaries first. Everything here only reads the
repository; results go to --out-dir (default /tmp/lumos-bench).

Method (shared machine, noisy): every comparison is run interleaved, round-robin (rust, python,
rust, python, ...), so that load spikes hit both sides; we report medians and ratios of medians.
Each connector call is a fresh process (how Lumos runs CLI connectors), spawned from this
harness with Popen and reaped with wait4 (wall from perf_counter, CPU from rusage). The
harness's own cost per call is measured too (`/bin/true`, the spawn floor).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

TOKEN = "valid-token"
USERS = 10_000
PAGE = 100


# ---------------------------------------------------------------- processes and timing

def spawn(argv, env=None, cwd=None):
    """Runs argv to completion; returns (stats, stdout bytes, stderr text)."""
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=err, stdin=subprocess.DEVNULL,
                             env=env, cwd=cwd)
        out = p.stdout.read()
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.stdout.close()
        p.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        errtext = err.read().decode("utf-8", "replace")
    return dict(wall=wall, cpu=ru.ru_utime + ru.ru_stime, rc=p.returncode), out, errtext


def time_v(argv, env=None, cwd=None):
    """Peak RSS (KiB) of argv as reported by /usr/bin/time -v."""
    p = subprocess.run(["/usr/bin/time", "-v"] + argv, capture_output=True, text=True, env=env,
                       cwd=cwd)
    m = re.search(r"Maximum resident set size \(kbytes\):\s*(\d+)", p.stderr)
    if p.returncode != 0 or not m:
        raise RuntimeError(f"/usr/bin/time failed for {argv[:2]}: {p.stderr[-500:]}")
    return int(m.group(1))


def round_robin(variants: dict, runs: dict, label: str):
    """Calls variants[name]() runs[name] times each, interleaved; returns {name: [results]}."""
    out = {name: [] for name in variants}
    for i in range(max(runs.values(), default=0)):
        for name, fn in variants.items():
            if i < runs[name]:
                out[name].append(fn())
        print(f"  {label}: round {i + 1}/{max(runs.values())}", file=sys.stderr, flush=True)
    return out


def med(values):
    return statistics.median(values) if values else None


# ---------------------------------------------------------------- servers

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url, seconds=60):
    for _ in range(seconds * 10):
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return
        except Exception:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer")


def start_rust_mock(binary):
    p = subprocess.Popen([binary, "--port", "0", "--users", str(USERS)], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, text=True)
    line = p.stdout.readline()
    m = re.search(r"http://127\.0\.0\.1:(\d+)", line)
    if not m:
        p.kill()
        raise RuntimeError(f"mockapp-server did not start: {line!r}")
    url = f"http://127.0.0.1:{m.group(1)}"
    wait_http(url + "/api/health")
    return p, url


def start_python_mock(shared, ref_dir):
    port = free_port()
    env = dict(os.environ, REF_DIR=str(ref_dir))
    p = subprocess.Popen(["bash", str(shared / "run_mock.sh"), str(port), str(USERS)], env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    wait_http(url + "/api/health")
    return p, url


def stop(p):
    if p.poll() is None:
        p.send_signal(signal.SIGTERM)
        try:
            p.wait(10)
        except subprocess.TimeoutExpired:
            p.kill()


def rust_stats(url):
    return json.loads(urllib.request.urlopen(url + "/_stats").read())


# ---------------------------------------------------------------- workloads

def request(url, page=None):
    d = {"auth": {"token": {"token": TOKEN}}, "request": {}, "settings": {"api_url": url}}
    if page is not None:
        d["page"] = page
    return json.dumps(d, separators=(",", ":"))


def check_envelope(out, errtext, what):
    try:
        d = json.loads(out)
    except ValueError:
        raise RuntimeError(f"{what}: stdout is not JSON: {out[:300]!r} {errtext[-500:]}")
    if d.get("is_error"):
        raise RuntimeError(f"{what}: error envelope: {json.dumps(d)[:500]}")
    return d


def one_call(cmd, argv_tail, env, cwd, what, expect_accounts=None):
    def run():
        r, out, err = spawn(cmd + argv_tail, env=env, cwd=cwd)
        if r["rc"] != 0:
            raise RuntimeError(f"{what}: exit {r['rc']}: {err[-800:]}")
        d = check_envelope(out, err, what)
        if expect_accounts is not None and len(d["response"]) != expect_accounts:
            raise RuntimeError(f"{what}: {len(d['response'])} accounts, expected {expect_accounts}")
        return r
    return run


def sync_per_process(cmd, url, env, cwd, what):
    """One process per page, following page tokens; returns totals and the ids seen."""
    def run():
        token, pages, accounts, ids, cpu = None, 0, 0, set(), 0.0
        t0 = time.perf_counter()
        while True:
            page = {"size": PAGE}
            if token:
                page["token"] = token
            r, out, err = spawn(cmd + ["list_accounts", "--json", request(url, page)], env=env,
                                cwd=cwd)
            if r["rc"] != 0:
                raise RuntimeError(f"{what}: page {pages}: exit {r['rc']}: {err[-800:]}")
            d = check_envelope(out, err, f"{what} page {pages}")
            cpu += r["cpu"]
            pages += 1
            accounts += len(d["response"])
            ids.update(a["integration_specific_id"] for a in d["response"])
            token = (d.get("page") or {}).get("token")
            if not token:
                break
        wall = time.perf_counter() - t0
        if (pages, accounts, len(ids)) != (USERS // PAGE, USERS, USERS):
            raise RuntimeError(f"{what}: saw {pages} pages, {accounts} accounts, {len(ids)} unique")
        return dict(wall=wall, cpu=cpu, pages=pages, accounts=accounts, unique=len(ids))
    return run


def spawn_floor(cwd):
    true = shutil.which("true") or "/bin/true"

    def run():
        r, _, _ = spawn([true], cwd=cwd)
        return r
    return run


def sync_floor(cwd):
    """100 x /bin/true: what the harness itself costs for a process-per-page sync."""
    one = spawn_floor(cwd)

    def run():
        t0 = time.perf_counter()
        for _ in range(USERS // PAGE):
            one()
        return dict(wall=time.perf_counter() - t0)
    return run


def rust_in_process(example, url, env, cwd, mode="cli"):
    def run():
        r, out, err = spawn([example, url, str(PAGE), "1", mode], env=env, cwd=cwd)
        if r["rc"] != 0:
            raise RuntimeError(f"sync_in_process: exit {r['rc']}: {err[-800:]}")
        d = json.loads(out.decode().strip().splitlines()[-1])
        if (d["pages"], d["accounts"], d["unique"]) != (USERS // PAGE, USERS, USERS):
            raise RuntimeError(f"sync_in_process saw {d}")
        return dict(wall=d["loop_s"], run_s=d["run_s"], process_wall=r["wall"], cpu=r["cpu"])
    return run


PY_IN_PROCESS = """
import asyncio, json, sys, time
from mockapp_connector.integration import integration
URL, SIZE, USERS = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
async def main():
    token = None; n = 0; pages = 0; ids = set(); t0 = time.perf_counter()
    while True:
        page = {"size": SIZE}
        if token: page["token"] = token
        req = {"auth": {"token": {"token": "valid-token"}}, "request": {},
               "settings": {"api_url": URL}, "page": page}
        d = json.loads(await integration.dispatch("list_accounts", json.dumps(req)))
        n += len(d["response"]); pages += 1
        ids.update(a["integration_specific_id"] for a in d["response"])
        token = (d.get("page") or {}).get("token")
        if not token: break
    print(json.dumps({"pages": pages, "accounts": n, "unique": len(ids),
                      "loop_s": time.perf_counter() - t0}))
asyncio.run(main())
"""


def python_in_process(python, url, cwd):
    def run():
        r, out, err = spawn([python, "-c", PY_IN_PROCESS, url, str(PAGE), str(USERS)], cwd=cwd)
        if r["rc"] != 0:
            raise RuntimeError(f"python in-process: exit {r['rc']}: {err[-800:]}")
        d = json.loads(out.decode().strip().splitlines()[-1])
        if (d["pages"], d["accounts"], d["unique"]) != (USERS // PAGE, USERS, USERS):
            raise RuntimeError(f"python in-process saw {d}")
        return dict(wall=d["loop_s"], process_wall=r["wall"], cpu=r["cpu"])
    return run


def curl_pages(url, cwd):
    """The same 100 GETs in one curl process, one kept-alive connection."""
    urls = [f"{url}/api/users?limit={PAGE}"] + [
        f"{url}/api/users?limit={PAGE}&offset={o}" for o in range(PAGE, USERS, PAGE)]
    argv = ["curl", "-sS", "-H", f"Authorization: Bearer {TOKEN}",
            "-w", "%{stderr}%{num_connects} %{http_code} %{time_total}\n"] + urls

    def run():
        r, out, err = spawn(argv, cwd=cwd)
        if r["rc"] != 0:
            raise RuntimeError(f"curl: exit {r['rc']}: {err[-500:]}")
        rows = [line.split() for line in err.splitlines() if line.strip()]
        if len(rows) != len(urls) or any(code != "200" for _, code, _ in rows):
            raise RuntimeError(f"curl: unexpected statuses {rows[:5]}")
        text, pos, ids, dec = out.decode(), 0, set(), json.JSONDecoder()
        while pos < len(text):
            body, pos = dec.raw_decode(text, pos)
            ids.update(u["id"] for u in body["items"])
        if len(ids) != USERS:
            raise RuntimeError(f"curl saw {len(ids)} unique users")
        r["connections"] = sum(int(c) for c, _, _ in rows)
        r["transfers"] = sum(float(t) for _, _, t in rows)  # curl's own time, start-up excluded
        return r
    return run


# ---------------------------------------------------------------- report helpers

def fmt_s(x):
    if x is None:
        return "–"
    if x >= 1:
        return f"{x:.2f} s"
    if x >= 0.01:
        return f"{x * 1000:.0f} ms"
    return f"{x * 1000:.2f} ms"


def ratio(a, b):
    return f"{a / b:.0f}x" if a and b and a / b >= 10 else (f"{a / b:.2f}x" if a and b else "–")


def summary(rows, key="wall"):
    vals = [r[key] for r in rows if key in r]
    return dict(n=len(vals), median=med(vals), min=min(vals) if vals else None,
                max=max(vals) if vals else None)


# ---------------------------------------------------------------- compile times

def compile_times(repo, runs, clone_dir, target_dir, log):
    """Clean debug `cargo build --workspace`, then incremental `-p mockapp` after editing one
    capability body, in a clone of the repository (never in the repository itself)."""
    for d in (clone_dir, target_dir):
        shutil.rmtree(d, ignore_errors=True)
    subprocess.run(["git", "clone", "-q", str(repo), str(clone_dir)], check=True)
    env = dict(os.environ, CARGO_TARGET_DIR=str(target_dir))
    env.pop("RUSTFLAGS", None)

    def cargo(args):
        t0 = time.perf_counter()
        p = subprocess.run(["cargo"] + args, cwd=clone_dir, env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True)
        if p.returncode != 0:
            raise RuntimeError(f"cargo {' '.join(args)} failed:\n{p.stderr[-2000:]}")
        return time.perf_counter() - t0

    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=clone_dir,
                          capture_output=True, text=True).stdout.strip()
    print(f"  compile: clean cargo build --workspace (debug) of {head}...", file=log, flush=True)
    clean = cargo(["build", "--workspace", "--locked"])
    runtime = []
    for i in range(runs):
        cargo(["clean", "-p", "connector-runtime"])
        runtime.append(cargo(["build", "-p", "connector-runtime", "--locked"]))
        print(f"  compile: connector-runtime alone {i + 1}/{runs}: {runtime[-1]:.1f} s", file=log,
              flush=True)
    cargo(["build", "-p", "mockapp", "--locked"])  # settle feature unification for -p mockapp
    src = clone_dir / "examples/mockapp/src/capabilities_read.rs"
    original = src.read_text()
    anchor = 'let endpoint = "/api/users";'
    if anchor not in original:
        raise RuntimeError(f"compile: anchor {anchor!r} not found in {src}")
    incremental = []
    for i in range(runs):
        src.write_text(original.replace(anchor, f'{anchor}\n    let _bench_edit = "edit {i}";'))
        incremental.append(cargo(["build", "-p", "mockapp", "--locked"]))
        print(f"  compile: incremental {i + 1}/{runs}: {incremental[-1]:.1f} s", file=log, flush=True)
    src.write_text(original)
    return dict(commit=head, clean_workspace_debug_s=clean, runtime_rebuild_debug_s=runtime,
                runtime_rebuild_median_s=med(runtime), incremental_mockapp_debug_s=incremental,
                incremental_median_s=med(incremental))


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repo", required=True, type=Path)
    ap.add_argument("--target-dir", required=True, type=Path)
    ap.add_argument("--ref-dir", type=Path, default=None, help="Python reference; omit to skip")
    ap.add_argument("--shared", type=Path, required=True, help="shared/reference-python")
    ap.add_argument("--runs-rust", type=int, default=20)
    ap.add_argument("--runs-py", type=int, default=10)
    ap.add_argument("--sync-runs-rust", type=int, default=10)
    ap.add_argument("--sync-runs-py", type=int, default=1)
    ap.add_argument("--inproc-runs", type=int, default=10)
    ap.add_argument("--rss-runs", type=int, default=3)
    ap.add_argument("--python-mock", choices=["off", "rust", "all"], default="rust",
                    help="also run against the Python mock: off, rust connector only, or both")
    ap.add_argument("--no-diag", action="store_true", help="skip the certificate diagnostic")
    ap.add_argument("--compile", action="store_true")
    ap.add_argument("--compile-runs", type=int, default=3)
    ap.add_argument("--out-dir", type=Path, default=Path("/tmp/lumos-bench"))
    a = ap.parse_args()

    rel = a.target_dir / "release"
    rust = [str(rel / "mockapp")]
    server_bin = str(rel / "mockapp-server")
    example = str(rel / "examples" / "sync_in_process")
    py = [str(a.ref_dir / "venv/bin/mockapp-connector")] if a.ref_dir else None
    py_python = str(a.ref_dir / "venv/bin/python") if a.ref_dir else None
    a.out_dir.mkdir(parents=True, exist_ok=True)
    cwd = tempfile.mkdtemp(prefix="lumos-bench-")  # connector-py writes ./logs/ here
    env = dict(os.environ)
    env.pop("LUMOS_LOG_LEVEL", None)
    # Diagnostic only: the same binary with the system trust store cut to one certificate.
    empty_dir = tempfile.mkdtemp(prefix="lumos-bench-nocerts-")
    one_cert = next((str(p) for p in sorted(Path("/etc/ssl/certs").glob("*.pem"))), None)
    diag_env = dict(env, SSL_CERT_FILE=one_cert, SSL_CERT_DIR=empty_dir) if one_cert else None
    diag = diag_env is not None and not a.no_diag
    log = sys.stderr

    git = lambda *args: subprocess.run(["git", *args], cwd=a.repo, capture_output=True,
                                       text=True).stdout.strip()
    dirty = git("status", "--porcelain", "--untracked-files=no")
    res: dict = dict(date=time.strftime("%Y-%m-%d %H:%M %Z"), uname=" ".join(os.uname()),
                     commit=git("rev-parse", "--short", "HEAD") + (" + uncommitted changes"
                                                                  if dirty else ""),
                     nproc=os.cpu_count(), python_ref=str(a.ref_dir) if a.ref_dir else None)
    try:
        res["loadavg_start"] = os.getloadavg()
    except OSError:
        pass
    servers = []
    try:
        srv, url = start_rust_mock(server_bin)
        servers.append(srv)
        print(f"rust mock server: {url} ({USERS} users)", file=log)

        # 1. cold start --------------------------------------------------------------------
        cases = {
            "info": (["info"], None),
            "validate_credentials": (["validate_credentials", "--json", request(url)], None),
            "list_accounts (1 page of 100)": (
                ["list_accounts", "--json", request(url, {"size": PAGE})], PAGE),
        }
        res["cold"] = {}
        floor = []
        for name, (tail, n) in cases.items():
            variants = {"rust": one_call(rust, tail, env, cwd, f"rust {name}", n),
                        "floor": spawn_floor(cwd)}
            runs = {"rust": a.runs_rust, "floor": a.runs_rust}
            if py:
                variants["python"] = one_call(py, tail, env, cwd, f"python {name}", n)
                runs["python"] = a.runs_py
            if diag and name != "info":
                variants["rust_one_cert"] = one_call(rust, tail, diag_env, cwd, name, n)
                runs["rust_one_cert"] = a.runs_rust
            for v in variants.values():  # warm-up (page cache, .pyc)
                v()
            out = round_robin(variants, runs, f"cold start {name}")
            floor += out.pop("floor")
            res["cold"][name] = {k: dict(wall=summary(v), cpu=summary(v, "cpu"))
                                 for k, v in out.items()}
        res["spawn_floor"] = summary(floor)

        # 5. peak RSS ----------------------------------------------------------------------
        res["rss_kb"] = {}
        if Path("/usr/bin/time").exists():
            for name, (tail, _) in cases.items():
                row = {"rust": med([time_v(rust + tail, env, cwd) for _ in range(a.rss_runs)])}
                if py:
                    row["python"] = med([time_v(py + tail, env, cwd) for _ in range(a.rss_runs)])
                res["rss_kb"][name] = row
            print("  peak RSS: done", file=log)
        else:
            print("  peak RSS: SKIPPED (/usr/bin/time missing: apt-get install -y time)", file=log)

        # 2. full sync, one process per page -----------------------------------------------
        before = rust_stats(url)["routes"].get("GET /api/users", 0)
        variants = {"rust": sync_per_process(rust, url, env, cwd, "rust sync"),
                    "harness floor (100 x /bin/true)": sync_floor(cwd)}
        runs = {"rust": a.sync_runs_rust, "harness floor (100 x /bin/true)": a.sync_runs_rust}
        if py:
            variants["python"] = sync_per_process(py, url, env, cwd, "python sync")
            runs["python"] = a.sync_runs_py
        if diag:
            variants["rust_one_cert"] = sync_per_process(rust, url, diag_env, cwd, "rust sync")
            runs["rust_one_cert"] = a.sync_runs_rust
        out = round_robin(variants, runs, "process-per-page sync")
        after = rust_stats(url)["routes"].get("GET /api/users", 0)
        expected = (USERS // PAGE) * sum(runs[k] for k in runs if not k.startswith("harness"))
        res["sync_server_requests"] = dict(seen=after - before, expected=expected)
        if after - before != expected:
            raise RuntimeError(f"mock saw {after - before} GET /api/users, expected {expected}")
        res["sync"] = {k: dict(wall=summary(v), cpu=summary(v, "cpu")) for k, v in out.items()}

        # 3 + 4. in-process sync and the curl floor ----------------------------------------
        variants = {"rust": rust_in_process(example, url, env, cwd), "curl": curl_pages(url, cwd)}
        runs = {"rust": a.inproc_runs, "curl": a.inproc_runs}
        if py:
            variants["python"] = python_in_process(py_python, url, cwd)
            runs["python"] = max(1, a.inproc_runs // 3)
        if diag:
            variants["rust_one_cert"] = rust_in_process(example, url, diag_env, cwd)
            runs["rust_one_cert"] = a.inproc_runs
            variants["rust_shared_client"] = rust_in_process(example, url, env, cwd, "client")
            runs["rust_shared_client"] = a.inproc_runs
        out = round_robin(variants, runs, "in-process sync / curl")
        res["inproc"] = {k: dict(wall=summary(v), process_wall=summary(v, "process_wall"),
                                 run_s=summary(v, "run_s"), transfers=summary(v, "transfers"))
                         for k, v in out.items()}
        res["curl_connections"] = sorted({r["connections"] for r in out["curl"]})

        # optional: the same against the Python mock (server's share) ----------------------
        if py and a.python_mock != "off":
            psrv, purl = start_python_mock(a.shared, a.ref_dir)
            servers.append(psrv)
            print(f"python mock server: {purl}", file=log)
            n = max(1, a.sync_runs_rust // 3)
            variants = {"rust sync": sync_per_process(rust, purl, env, cwd, "rust sync/pymock"),
                        "rust in-process": rust_in_process(example, purl, env, cwd),
                        "curl": curl_pages(purl, cwd)}
            runs = {"rust sync": n, "rust in-process": n, "curl": n}
            if a.python_mock == "all":
                variants["python sync"] = sync_per_process(py, purl, env, cwd, "py sync/pymock")
                runs["python sync"] = a.sync_runs_py
            out = round_robin(variants, runs, "against the Python mock")
            res["python_mock"] = {k: summary(v) for k, v in out.items()}

        # 6. binary size ------------------------------------------------------------------
        stripped = Path(tempfile.mkdtemp(prefix="lumos-bench-strip-")) / "mockapp"
        shutil.copy(rust[0], stripped)
        subprocess.run(["strip", str(stripped)], check=True)
        res["size"] = dict(release=os.path.getsize(rust[0]), stripped=os.path.getsize(stripped))
        if a.ref_dir:
            du = subprocess.run(["du", "-sb", str(a.ref_dir / "venv")], capture_output=True,
                                text=True).stdout.split()
            res["size"]["python_venv"] = int(du[0]) if du else None
    finally:
        for s in servers:
            stop(s)
    try:
        res["loadavg_end"] = os.getloadavg()
    except OSError:
        pass

    # 7. compile times (opt-in) -----------------------------------------------------------
    if a.compile:
        res["compile"] = compile_times(a.repo, a.compile_runs, Path("/tmp/bench-clone"),
                                       Path("/tmp/bench-clone-target"), log)

    (a.out_dir / "results.json").write_text(json.dumps(res, indent=2) + "\n")
    md = render(res, a)
    (a.out_dir / "results.md").write_text(md)
    print(md)
    print(f"(raw numbers: {a.out_dir / 'results.json'})", file=log)


def render(res, a):
    L = []
    cold, sync, inproc = res["cold"], res["sync"], res["inproc"]
    have_py = "python" in cold["info"]
    L.append(f"Run {res['date']} of {res['commit']} on {res['nproc']} cores ({res['uname']}); "
             f"load average at start {', '.join(f'{x:.1f}' for x in res.get('loadavg_start', []))}.")
    L.append("")
    L.append("| measurement | Rust (median) | Python ref (median) | ratio Python/Rust | runs R/P |")
    L.append("| --- | --- | --- | --- | --- |")
    for name, row in cold.items():
        r, p = row["rust"]["wall"], row.get("python", {}).get("wall", {})
        L.append(f"| cold start: `{name}` | {fmt_s(r['median'])} | {fmt_s(p.get('median'))} | "
                 f"**{ratio(p.get('median'), r['median'])}** | {r['n']}/{p.get('n', 0)} |")
    for name, row in cold.items():
        r, p = row["rust"]["cpu"], row.get("python", {}).get("cpu", {})
        L.append(f"| CPU (user+sys): `{name}` | {fmt_s(r['median'])} | {fmt_s(p.get('median'))} | "
                 f"{ratio(p.get('median'), r['median'])} | {r['n']}/{p.get('n', 0)} |")
    r, p = sync["rust"]["wall"], sync.get("python", {}).get("wall", {})
    L.append(f"| full sync, 100 processes (10,000 accounts) | {fmt_s(r['median'])} | "
             f"{fmt_s(p.get('median'))} | **{ratio(p.get('median'), r['median'])}** | "
             f"{r['n']}/{p.get('n', 0)} |")
    r, p = sync["rust"]["cpu"], sync.get("python", {}).get("cpu", {})
    L.append(f"| CPU of those 100 processes | {fmt_s(r['median'])} | {fmt_s(p.get('median'))} | "
             f"{ratio(p.get('median'), r['median'])} | {r['n']}/{p.get('n', 0)} |")
    r, p = inproc["rust"]["wall"], inproc.get("python", {}).get("wall", {})
    L.append(f"| full sync, 100 pages in one process (loop) | {fmt_s(r['median'])} | "
             f"{fmt_s(p.get('median'))} | {ratio(p.get('median'), r['median'])} | "
             f"{r['n']}/{p.get('n', 0)} |")
    rss = res.get("rss_kb", {})
    for name, row in rss.items():
        pr = row.get("python")
        L.append(f"| peak RSS: `{name}` | {row['rust'] / 1024:.1f} MB | "
                 f"{f'{pr / 1024:.1f} MB' if pr else '–'} | {ratio(pr, row['rust'])} | "
                 f"{a.rss_runs}/{a.rss_runs if pr else 0} |")
    s = res["size"]
    L.append(f"| `mockapp` binary, release / stripped | {s['release'] / 2**20:.1f} / "
             f"**{s['stripped'] / 2**20:.1f} MB** | venv {s['python_venv'] / 2**20:.0f} MB"
             if s.get("python_venv") else
             f"| `mockapp` binary, release / stripped | {s['release'] / 2**20:.1f} / "
             f"**{s['stripped'] / 2**20:.1f} MB** | –")
    L[-1] += " | | 1 |"
    L.append("")
    L.append("Floors and baselines (same runs, interleaved):")
    L.append("")
    L.append("| measurement | median | runs | vs Rust |")
    L.append("| --- | --- | --- | --- |")
    L.append(f"| spawn floor: `/bin/true` from the harness | {fmt_s(res['spawn_floor']['median'])} | "
             f"{res['spawn_floor']['n']} | |")
    f = sync["harness floor (100 x /bin/true)"]["wall"]
    L.append(f"| sync floor: 100 x `/bin/true` | {fmt_s(f['median'])} | {f['n']} | "
             f"Rust sync is {ratio(sync['rust']['wall']['median'], f['median'])} this |")
    c = inproc["curl"]["wall"]
    ct = inproc["curl"]["transfers"]
    rin = inproc["rust"]
    L.append(f"| raw baseline: one `curl` process, same 100 GETs, keep-alive "
             f"({'/'.join(map(str, res['curl_connections']))} connection) | {fmt_s(c['median'])} | "
             f"{c['n']} | Rust in-process, whole process / curl process = "
             f"**{ratio(rin['process_wall']['median'], c['median'])}** |")
    L.append(f"| the same curl runs, transfer time only (sum of `time_total`, start-up excluded) | "
             f"{fmt_s(ct['median'])} | {ct['n']} | Rust in-process loop / curl transfers = "
             f"**{ratio(rin['wall']['median'], ct['median'])}** (inside `cli::run` only: "
             f"{ratio(rin['run_s']['median'], ct['median'])}) |")
    if "rust_one_cert" in sync:
        d = res["cold"]["list_accounts (1 page of 100)"]["rust_one_cert"]["wall"]
        L.append(f"| diagnostic: Rust, trust store cut to 1 cert: `list_accounts` 1 page | "
                 f"{fmt_s(d['median'])} | {d['n']} | "
                 f"{ratio(res['cold']['list_accounts (1 page of 100)']['rust']['wall']['median'], d['median'])} faster |")
        d = sync["rust_one_cert"]["wall"]
        L.append(f"| diagnostic: same, 100-process sync | {fmt_s(d['median'])} | {d['n']} | "
                 f"{ratio(sync['rust']['wall']['median'], d['median'])} faster |")
        d = inproc["rust_one_cert"]["wall"]
        L.append(f"| diagnostic: same, in-process sync | {fmt_s(d['median'])} | {d['n']} | "
                 f"{ratio(rin['wall']['median'], d['median'])} faster; loop / curl transfers "
                 f"{ratio(d['median'], ct['median'])}; process / curl process "
                 f"{ratio(inproc['rust_one_cert']['process_wall']['median'], c['median'])} |")
        d = inproc["rust_shared_client"]["wall"]
        L.append(f"| diagnostic: the 100 GETs through ONE reused `HttpClient` (no connector) | "
                 f"{fmt_s(d['median'])} | {d['n']} | loop / curl transfers "
                 f"{ratio(d['median'], ct['median'])}; process / curl process "
                 f"{ratio(inproc['rust_shared_client']['process_wall']['median'], c['median'])} |")
    if "python_mock" in res:
        pm = res["python_mock"]
        for k, v in pm.items():
            L.append(f"| against the Python mock: {k} | {fmt_s(v['median'])} | {v['n']} | |")
    if "compile" in res:
        cmp = res["compile"]
        L.append("")
        L.append(f"Compile times (clone of {cmp['commit']}, fresh target dir, debug): clean "
                 f"`cargo build --workspace` {cmp['clean_workspace_debug_s']:.0f} s (1 run); "
                 f"`connector-runtime` alone after `cargo clean -p connector-runtime` "
                 f"{cmp['runtime_rebuild_median_s']:.1f} s (median of "
                 f"{len(cmp['runtime_rebuild_debug_s'])}); "
                 f"incremental `cargo build -p mockapp` after editing `list_accounts` "
                 f"{cmp['incremental_median_s']:.1f} s (median of "
                 f"{len(cmp['incremental_mockapp_debug_s'])}: "
                 f"{', '.join(f'{x:.1f}' for x in cmp['incremental_mockapp_debug_s'])} s).")
    if not have_py:
        L.append("")
        L.append("Python reference not found: Rust-only numbers.")
    return "\n".join(L) + "\n"


if __name__ == "__main__":
    main()
