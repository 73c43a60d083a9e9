#!/usr/bin/env python3
"""SCIM sync side by side: a full `list_accounts` sync of N users from one scim2-server by the
Rust `scim` connector (one process per page, and all pages in one process), by a Python client
built on scim2-client, and by bare HTTP GETs of the same pages (the server's own time). Run it
through bench/scim/run.sh, which builds the binaries and the virtual environment first.

Each target runs --rounds times, interleaved, against the same seeded server; the table gives
the median and each target's share that is the server's (the bare GETs' median over its own).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url, token):
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.loads(answer.read())


def wait(url, token):
    end = time.time() + 30
    while time.time() < end:
        try:
            return get(url + "/ServiceProviderConfig", token)
        except Exception:
            time.sleep(0.1)
    raise RuntimeError("scim2-server did not start")


def rust_per_process(binary, url, token, count):
    """One `scim list_accounts` process per page, following the page tokens."""
    started, seen, page_token, pages = time.perf_counter(), set(), None, 0
    while True:
        request = {"auth": {"token": {"token": token}}, "settings": {"base_url": url},
                   "request": {}, "page": {"size": count}}
        if page_token:
            request["page"]["token"] = page_token
        out = subprocess.run([binary, "list_accounts", "--json", "-"], input=json.dumps(request),
                             capture_output=True, text=True, check=True).stdout
        envelope = json.loads(out)
        pages += 1
        for account in envelope["response"]:
            if account["integration_specific_id"] in seen:
                raise RuntimeError("a user came twice")
            seen.add(account["integration_specific_id"])
        page_token = (envelope.get("page") or {}).get("token")
        if not page_token:
            break
    return {"users": len(seen), "pages": pages, "seconds": time.perf_counter() - started}


def bare_gets(url, token, count):
    """The same pages, fetched and decoded, nothing mapped: what the server costs."""
    started, users, start, pages = time.perf_counter(), 0, 1, 0
    while True:
        page = get(f"{url}/Users?startIndex={start}&count={count}", token)
        pages += 1
        got = len(page.get("Resources") or [])
        users += got
        start += got
        if got == 0 or start > page["totalResults"]:
            break
    return {"users": users, "pages": pages, "seconds": time.perf_counter() - started}


def run_json(argv):
    out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scim", required=True, help="the release `scim` binary")
    ap.add_argument("--in-process", required=True, help="the release sync_in_process example")
    ap.add_argument("--server", required=True, help="scim2-server")
    ap.add_argument("--python", required=True, help="the venv's python (scim2-client, httpx2)")
    ap.add_argument("--users", type=int, default=10_000)
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--out-dir", default="/tmp/lumos-bench")
    args = ap.parse_args()

    port, token = free_port(), f"bench-{os.getpid()}"
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([args.server, "--port", str(port), "--bearer-token", token],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait(url, token)
        seeded = run_json([args.python, str(HERE / "seed.py"), "--url", url, "--token", token,
                           "--users", str(args.users), "--groups", "0"])
        print(f"seeded: {json.dumps(seeded)}", file=sys.stderr)
        targets = {
            "rust-process": lambda: rust_per_process(args.scim, url, token, args.count),
            "rust-in-process": lambda: run_json([args.in_process, url, token, str(args.count)]),
            "python": lambda: run_json([args.python, str(HERE / "python_sync.py"), "--url", url,
                                        "--token", token, "--count", str(args.count)]),
            "bare-gets": lambda: bare_gets(url, token, args.count),
        }
        runs = {name: [] for name in targets}
        for _ in range(args.rounds):
            for name, target in targets.items():
                result = target()
                if result["users"] != args.users:
                    raise RuntimeError(f"{name} read {result['users']} of {args.users} users")
                print(f"{name}: {json.dumps(result)}", file=sys.stderr)
                runs[name].append(result["seconds"])
    finally:
        server.terminate()
        server.wait()

    out_dir = Path(args.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "scim.json").write_text(json.dumps(runs, indent=1))
    floor = statistics.median(runs["bare-gets"])
    labels = {
        "rust-process": "Rust `scim`, one process per page",
        "rust-in-process": "Rust `scim`, every page in one process",
        "python": "Python, scim2-client",
        "bare-gets": "bare HTTP GETs of the same pages (the server)",
    }
    lines = [f"{args.users} users, pages of {args.count}, median of {args.rounds}:", "",
             "| sync | seconds | users/s | the server's share |", "| --- | ---: | ---: | ---: |"]
    for name, seconds in runs.items():
        median = statistics.median(seconds)
        lines.append(f"| {labels[name]} | {median:.2f} | {args.users / median:.0f} | "
                     f"{min(floor / median, 1.0):.0%} |")
    table = "\n".join(lines) + "\n"
    (out_dir / "scim.md").write_text(table)
    print(table)


if __name__ == "__main__":
    main()
