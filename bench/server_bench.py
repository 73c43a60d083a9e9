#!/usr/bin/env python3
"""Server mode side by side: `mockapp dev http-server` against connector-py's `dev http-server`
(the Python reference under uvicorn), the command line run once per request, and a bare axum
handler answering a fixed envelope (the floor). Run it through bench/server.sh, which builds
the binaries first.

Method: one Rust mock API (mockapp-server, 10,000 users) serves every connector. For each
target and each concurrency (1, 8, 32) the server is started fresh, warmed for a second, then
`loadgen` keeps that many requests in flight for --seconds over the mix: one `list_accounts`
page of 100 and one `validate_credentials`, alternating. Reported: requests per second, p50 and
p99 latency, errors (a non-200 answer, an error envelope, no answer: must be 0) and the
server's peak RSS (VmHWM) at the end. Targets run interleaved per concurrency level, so a load
spike on this shared machine hits all of them.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

TOKEN = "valid-token"
USERS = 10_000


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url, timeout=30.0, method="GET"):
    end = time.time() + timeout
    while time.time() < end:
        try:
            urllib.request.urlopen(urllib.request.Request(url, method=method), timeout=2)
            return
        except Exception:
            time.sleep(0.05)
    raise RuntimeError(f"{url} did not answer in {timeout}s")


def start_mock(binary):
    p = subprocess.Popen([binary, "--port", "0", "--users", str(USERS)], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, text=True)
    m = re.search(r"http://127\.0\.0\.1:(\d+)", p.stdout.readline())
    if not m:
        p.kill()
        raise RuntimeError("mockapp-server did not start")
    url = f"http://127.0.0.1:{m.group(1)}"
    wait_http(url + "/api/health")
    return p, url


def peak_rss_kib(pid):
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    m = re.search(r"VmHWM:\s*(\d+) kB", status)
    return int(m.group(1)) if m else None


def stop(p):
    p.send_signal(signal.SIGTERM)
    try:
        p.wait(timeout=10)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()


def loadgen(args, mode, target, mix, concurrency, seconds):
    out = subprocess.run([args.loadgen, mode, target, mix, str(concurrency), str(seconds)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def start_target(args, name):
    """Starts the server called `name`; returns (process, base url)."""
    port = free_port()
    env = dict(os.environ, LUMOS_LOG_LEVEL="ERROR")
    if name == "rust":
        argv = [args.mockapp, "dev", "http-server", "-p", str(port)]
        health = "/healthz"
    elif name == "python":
        argv = [args.python_connector, "dev", "http-server", "-p", str(port)]
        health = "/openapi.json"
    elif name == "floor":
        argv = [args.loadgen, "floor", str(port)]
        health = "/"
    else:
        raise ValueError(name)
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    url = f"http://127.0.0.1:{port}"
    wait_http(url + health, method="POST" if name == "floor" else "GET")
    return p, url


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mockapp", required=True)
    ap.add_argument("--mock-server", required=True)
    ap.add_argument("--loadgen", required=True)
    ap.add_argument("--python-connector", help="connector-py's mockapp-connector (omit: Rust only)")
    ap.add_argument("--seconds", type=float, default=5.0)
    ap.add_argument("--concurrency", default="1,8,32")
    ap.add_argument("--out-dir", default="/tmp/lumos-bench")
    args = ap.parse_args()

    out_dir = Path(args.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    mock, mock_url = start_mock(args.mock_server)
    try:
        base = {"auth": {"token": {"token": TOKEN}}, "settings": {"api_url": mock_url}}
        mix = [
            {"path": "/list_accounts", "body": dict(base, request={}, page={"size": 100})},
            {"path": "/validate_credentials", "body": dict(base, request={})},
        ]
        mix_path = out_dir / "server-mix.json"
        mix_path.write_text(json.dumps(mix))
        targets = ["rust", "floor"] + (["python"] if args.python_connector else [])
        rows = []
        for concurrency in [int(c) for c in args.concurrency.split(",")]:
            for name in targets + ["cli"]:
                if name == "cli":
                    result = loadgen(args, "cli", args.mockapp, str(mix_path), concurrency,
                                     args.seconds)
                    result.update(target="cli", peak_rss_kib=None)
                else:
                    p, url = start_target(args, name)
                    try:
                        loadgen(args, "http", url, str(mix_path), concurrency, 1.0)
                        result = loadgen(args, "http", url, str(mix_path), concurrency,
                                         args.seconds)
                        result.update(target=name, peak_rss_kib=peak_rss_kib(p.pid))
                    finally:
                        stop(p)
                print(json.dumps(result), file=sys.stderr)
                rows.append(result)
    finally:
        stop(mock)

    (out_dir / "server.json").write_text(json.dumps(rows, indent=1))
    table = render(rows)
    (out_dir / "server.md").write_text(table)
    print(table)


LABELS = {
    "rust": "Rust `dev http-server`",
    "python": "connector-py `dev http-server`",
    "cli": "Rust CLI, one process per request",
    "floor": "bare axum, fixed envelope (floor)",
}


def render(rows):
    by = {(r["target"], r["concurrency"]): r for r in rows}
    lines = ["| target | concurrency | req/s | p50 ms | p99 ms | errors | peak RSS MiB |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        rss = f"{r['peak_rss_kib'] / 1024:.1f}" if r.get("peak_rss_kib") else "–"
        lines.append(f"| {LABELS[r['target']]} | {r['concurrency']} | {r['rps']:.0f} | "
                     f"{r['p50_ms']:.2f} | {r['p99_ms']:.2f} | {r['errors']} | {rss} |")
    lines += ["", "| concurrency | Rust / connector-py (req/s) | Rust / CLI per request | "
              "Rust / floor |", "| ---: | ---: | ---: | ---: |"]
    for c in sorted({r["concurrency"] for r in rows}):
        rust = by.get(("rust", c))
        if not rust:
            continue
        ratio = lambda other: (f"{rust['rps'] / by[(other, c)]['rps']:.1f}x"
                               if (other, c) in by and by[(other, c)]["rps"] else "–")
        lines.append(f"| {c} | {ratio('python')} | {ratio('cli')} | {ratio('floor')} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
