#!/usr/bin/env bash
# Sends the same requests to the Python mock (shared/reference-python/mock_api_server.py)
# and to this crate's server, and diffs status, headers and bodies byte for byte.
#
# Usage:  bash tests/compare_with_python.sh [USERS...]
#         Default: MOCK_USERS 0, 1, 25 and 1000 with default settings, then 25 and -3 with
#         MOCK_TOKEN=s3cret MOCK_MAX_LIMIT=7 MOCK_DEFAULT_LIMIT=3, then 25 with
#         MOCK_MAX_LIMIT=-5 MOCK_DEFAULT_LIMIT=" +4_0 ". Any MOCK_* variables set by the
#         caller apply to both servers.
# Env:    REF_DIR     Python reference (default /tmp/lumos-py-ref; made by
#                     shared/reference-python/setup.sh). Missing: prints SKIPPED, exits 0.
#         SHARED      shared/ directory (default: ../../../shared from this crate)
#         RUST_BIN    server binary to test (default: built here with cargo --release)
#         VERBOSE=1   print every difference in full
# Exit status: 0 if every response matched, 1 otherwise.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${SHARED:-$(cd "$HERE/../../.." && pwd)/shared}"
REF_DIR="${REF_DIR:-/tmp/lumos-py-ref}"
PY="$REF_DIR/venv/bin/python"
if [ ! -x "$PY" ] || [ ! -f "$SHARED/reference-python/run_mock.sh" ]; then
  echo "SKIPPED: no Python reference at $REF_DIR (run shared/reference-python/setup.sh)"
  exit 0
fi
if [ -z "${RUST_BIN:-}" ]; then
  cargo build --release -q --manifest-path "$HERE/Cargo.toml" --bin mockapp-server
  TARGET="$(cargo metadata --format-version 1 --no-deps --manifest-path "$HERE/Cargo.toml" \
    | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
  RUST_BIN="$TARGET/release/mockapp-server"
fi

PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_up() { # port
  for _ in $(seq 1 100); do
    "$PY" -c "import socket; socket.create_connection(('127.0.0.1',$1),0.2)" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "server on port $1 did not start" >&2; return 1
}

status=0
compare() { # users
  local users="$1"
  pport="$(free_port)"
  REF_DIR="$REF_DIR" bash "$SHARED/reference-python/run_mock.sh" "$pport" "$users" >/dev/null 2>&1 &
  ppid=$!; PIDS+=("$ppid")
  rlog="$(mktemp)"
  "$RUST_BIN" --port 0 --users "$users" >"$rlog" 2>&1 &
  rpid=$!; PIDS+=("$rpid")
  for _ in $(seq 1 100); do grep -q listening "$rlog" && break; sleep 0.05; done
  rport="$(sed -n 's/^listening on http:\/\/127\.0\.0\.1:\([0-9]*\)$/\1/p' "$rlog")"
  wait_up "$pport"; wait_up "$rport"
  echo "== MOCK_USERS=$users MOCK_TOKEN=${MOCK_TOKEN:-} MOCK_MAX_LIMIT=${MOCK_MAX_LIMIT:-} MOCK_DEFAULT_LIMIT=${MOCK_DEFAULT_LIMIT:-}"
  "$PY" - "$pport" "$rport" "$users" <<'PYEOF' || status=1
import os, random, socket, sys

PY_PORT, RS_PORT, USERS = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
VERBOSE = os.environ.get("VERBOSE") == "1"
TOKEN = "Bearer " + os.environ.get("MOCK_TOKEN", "valid-token")
IGNORED = {"date", "server", "connection"}


def fetch(port, method, target, headers, body):
    lines = [f"{method} {target} HTTP/1.1", f"Host: 127.0.0.1:{port}"]
    for k, v in headers:
        lines.append(f"{k}: {v}".replace("{port}", str(port)))
    if body is not None:
        lines.append(f"Content-Length: {len(body)}")
    lines.append("Connection: close")
    raw = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + (body or b"")
    s = socket.create_connection(("127.0.0.1", port), timeout=15)
    s.sendall(raw)
    out = b""
    try:
        while chunk := s.recv(65536):
            out += chunk
    except OSError as e:
        out += f"<{type(e).__name__}>".encode()
    s.close()
    if not out:
        return ("closed", [], b"")
    head, _, payload = out.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    hdrs = []
    for h in header_lines:
        k, _, v = h.partition(":")
        k, v = k.strip().lower(), v.strip().replace(str(port), "PORT")
        if k in IGNORED:
            continue
        if k == "allow":
            v = ", ".join(sorted(v.split(", ")))
        hdrs.append((k, v))
    return (status_line.split(" ")[1], sorted(hdrs), payload)


REQS = []


def add(method, target, auth=True, headers=(), body=None, ctype=None):
    h = list(headers)
    if auth:
        h.append(("Authorization", TOKEN))
    if ctype:
        h.append(("Content-Type", ctype))
    if isinstance(body, str):
        body = body.encode()
    REQS.append((method, target, h, body))


J = "application/json"
last = f"user-{USERS:05d}"
# --- public and documentation routes
for t in ["/api/health", "/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc", "/", "/nope",
          "/docs/", "/api", "/api/", "/_fault/500", "/_fault//x", "/api/health%0A", "/api//users", "/api/health%09", "/_fault/500%0A/x",
          "/_fault/delay0%0A/api/health", "/_fault/delay0/api/health%0A", "/_fault%0A/500/x"]:
    add("GET", t, auth=False)
add("HEAD", "/docs", auth=False); add("POST", "/docs", auth=False); add("HEAD", "/openapi.json", auth=False)
add("POST", "/api/health", auth=False); add("HEAD", "/api/health", auth=False)
add("GET", "/api/health/", auth=False); add("GET", "/api/health/")
# --- authentication
for hv in [None, "Bearer wrong", "bearer valid-token", "Bearer  valid-token", "Token valid-token", "Bearer valid-token "]:
    add("GET", "/api/users?limit=1", auth=False, headers=[("Authorization", hv)] if hv else [])
add("GET", "/api/nope", auth=False); add("GET", "/api/nope")
# --- pagination
for q in ["", "?limit=1", "?limit=10", "?limit=10&offset=10", "?limit=10&offset=20", f"?limit=25&offset={max(USERS-1,0)}",
          "?limit=1000", "?limit=1001", "?limit=5000&offset=3", "?limit=0", "?limit=-1", "?offset=-1",
          "?offset=25", "?offset=26", "?offset=999", "?offset=1000", "?offset=" + "9" * 30, "?limit=" + "9" * 30,
          "?limit=abc", "?limit=", "?offset=", "?limit=5.0", "?limit=5.5", "?limit=%207%20", "?limit=1_0",
          "?limit=1e3", "?limit=%2B5", "?limit=+5", "?limit=2&limit=3", "?offset=3&offset=x", "?limit=abc&offset=x",
          "?limit", "?other=1", "?limit=" + "1" * 4301, "?limit=-0", "?limit=0x10", "?limit=%ZZ", "?limit=%C3%A9"]:
    add("GET", "/api/users" + q)
add("GET", "/api/users/?limit=3"); add("GET", "/api/users/?a=%20b")
add("DELETE", "/api/users"); add("PATCH", "/api/users/user-00001"); add("GET", "/api/users/user-00001/entitlements")
add("GET", "/api/users/x/entitlements/y")
# --- single users
for u in ["user-00001", "user-00004", "user-00010", "user-00023", last, "user-99999", "%75ser-00001",
          "user-00001/", "user-00001%2F", "%C3%A9", "%ZZ", "%FF", "user-00001%0A", "a%3Fb", "a%23b", "a%5Cb"]:
    add("GET", "/api/users/" + u)
add("HEAD", "/api/users/user-00001", auth=False)
# --- lists
for t in ["/api/resources", "/api/entitlements", "/api/associations", "/api/associations?user_id=user-00001",
          "/api/associations?entitlement_id=admin", "/api/associations?resource_id=team-1",
          "/api/associations?user_id=user-00011&resource_id=global", "/api/associations?user_id=",
          "/api/associations?user_id=nobody", "/api/resources/", "/api/entitlements?x=1"]:
    add("GET", t)
# --- faults
for spec in ["500", "500t", "429", "429t", "404t", "200t", "200", "204", "204t", "304", "418", "503", "599",
             "600", "100", "199", "99", "-500", "abc", "0500", "5_00", "%2B500", "delayabc", "delay-1",
             "delay0.1", "t", "500tt"]:
    add("GET", f"/_fault/{spec}/api/users?limit=2")
add("GET", "/_fault/delay0.1/api/users?limit=2", auth=False)
add("GET", "/_fault/delay0.1/api/users/?limit=2")
add("GET", "/_fault/500/")
for u in ["a%3Fb", "a%0Ab", "a%5Cb", "a%23b/"]:
    add("GET", "/_fault/delay0/api/users/" + u)
add("GET", "/_fault/delay/api/health", auth=False)
add("POST", "/_fault/503/api/users", body="{}", ctype=J)
# --- request bodies (no state change: unknown user or validation failure)
E = "/api/users/nobody/entitlements"
for b, ct in [(None, None), ("", J), ('{"email":"x@y"}', None), ('{"email":"x@y"}', "text/plain"),
              ("null", J), ("[]", J), ("5", J), ('"s"', J), ("{}", J),
              ('{"entitlement_id":5,"resource_id":[1,1.5e20,-0.0,1e-7,123456789012345678901234567890]}', J),
              ('{"entitlement_id":true,"resource_id":null}', J), ('{"entitlement_id":"a", bad}', J),
              ('{"entitlement_id":NaN}', J), ('{"x":"\\ud800"}', J), ("\ufeff{}", J),
              ('{"entitlement_id":"admin","resource_id":"global"}', "application/vnd.api+json; charset=utf-8"),
              ('{"entitlement_id":"admin","resource_id":"global"}', " Application/JSON "),
              ('{"entitlement_id":"admin","resource_id":"global"}', "application/json/x"),
              ('{"a":1,"a":{"b":"\\u00e9\\n\\u0001"}}', J), ("[" * 900 + "]" * 900, J), ("[" * 2000 + "]" * 2000, J),
              ("1" * 4301, J), ("\t[1]\r\n", J)]:
    add("POST", E, body=b, ctype=ct)
add("POST", E, body=b"\xff", ctype=J)
add("POST", E, body=b"\xff", ctype="text/plain")
add("POST", E, body='{"a":"\u00e9"}'.encode("utf-16"), ctype=J)
add("POST", E, body='{"a":1}'.encode("utf-16-le"), ctype=J)
add("POST", E, body='{"a":1}'.encode("utf-32"), ctype=J)
add("POST", "/api/users", body=b"", ctype=J)
add("PUT", "/api/users/user-99999", body="{}", ctype=J)
add("PUT", "/api/users/user-99999")
rng = random.Random(20240601)
seed_body = '{"entitlement_id": "admin", "resource_id": "global", "x": [1, 2.5, -0.0, 1e400, "s\\u00e9\\ud83d\\ude00\\n", true, null, {"k": -12}]}'
alphabet = '{}[]":,\\ \n\t0123456789.eE+-tfnrulaNIy\u00e9\x01/'
for _ in range(400):
    s = list(seed_body)
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(s) + 1)
        op = rng.random()
        if op < 0.4 and s:
            del s[min(i, len(s) - 1)]
        elif op < 0.7:
            s.insert(i, rng.choice(alphabet))
        elif s:
            s[min(i, len(s) - 1)] = rng.choice(alphabet)
    add("POST", E, body="".join(s), ctype=J)
for _ in range(150):
    v = "".join(rng.choice("0123456789 +-._eE%2Bab") for _ in range(rng.randint(0, 7)))
    add("GET", "/api/users?limit=" + v.replace(" ", "%20"))
# --- writes, in the same order on both servers
C = "/api/users"
for b in ['{"email":"new@example.com","name":"New Person","status":"inactive"}', '{"email":"new@example.com"}',
          '{"email":"bare@example.com"}', '{"email":"noat","name":"","username":""}', '{"email":"st@x","status":null}',
          '{"email":"extra@x","unknown":[1,2],"username":"un"}', '{"name":"no email"}', '{"email":"\\u00e9@x"}',
          '{"email":"alice.smith.1@example.com"}']:
    add("POST", C, body=b, ctype=J)
add("POST", C, body='{"email":"form@x"}', ctype="application/x-www-form-urlencoded")
for u, b in [("user-00001", '{"name":"Renamed","email":null}'), ("user-00001", "{}"), ("user-00001", '{"emailx":1}'),
             ("user-00003", '{"email":"new@example.com","status":"deleted","username":"u3"}'), ("user-00003", '{"name":5}')]:
    add("PUT", "/api/users/" + u, body=b, ctype=J)
add("POST", C, body='{"email":"new@example.com"}', ctype=J)
add("DELETE", "/api/users/user-00002"); add("DELETE", "/api/users/user-00002"); add("GET", "/api/users/user-00002")
for u, b in [("user-00001", '{"entitlement_id":"team-2-member","resource_id":"team-2"}'),
             ("user-00001", '{"entitlement_id":"team-2-member","resource_id":"team-2"}'),
             ("user-00001", '{"entitlement_id":"admin","resource_id":"global"}'),
             ("user-00001", '{"entitlement_id":"nope","resource_id":"global"}'),
             ("user-00001", '{"entitlement_id":"admin","resource_id":"team-1"}'),
             ("user-00001", '{"entitlement_id":"admin"}')]:
    add("POST", f"/api/users/{u}/entitlements", body=b, ctype=J)
for t in ["/api/users/user-00001/entitlements/team-2-member?resource_id=team-1",
          "/api/users/user-00001/entitlements/team-2-member?resource_id=",
          "/api/users/user-00001/entitlements/team-2-member?resource_id=team-2",
          "/api/users/user-00001/entitlements/team-2-member", "/api/users/user-00001/entitlements/admin",
          "/api/users/nobody/entitlements/admin", "/api/users/user-00005/entitlements/admin"]:
    add("DELETE", t)
for t in ["/api/health", "/api/users?limit=1000", "/api/users?offset=20", "/api/associations",
          "/api/associations?user_id=user-00002", "/api/associations?user_id=user-00001"]:
    add("GET", t)

diffs = 0
for method, target, headers, body in REQS:
    a = fetch(PY_PORT, method, target, headers, body)
    b = fetch(RS_PORT, method, target, headers, body)
    if a != b:
        diffs += 1
        if VERBOSE or diffs <= 15:
            print(f"DIFF {method} {target} body={body[:80] if body else body!r}")
            print(f"   python: {a[0]} {a[1]} {a[2][:300]!r}")
            print(f"   rust:   {b[0]} {b[1]} {b[2][:300]!r}")
print(f"MOCK_USERS={USERS}: {len(REQS)} requests, {len(REQS) - diffs} identical, {diffs} different")
sys.exit(1 if diffs else 0)
PYEOF
  kill "$ppid" "$rpid" 2>/dev/null || true
  wait "$ppid" "$rpid" 2>/dev/null || true
  rm -f "$rlog"
}

if [ $# -gt 0 ]; then
  for users in "$@"; do compare "$users"; done
else
  for users in 0 1 25 1000; do compare "$users"; done
  for users in 25 -3; do
    MOCK_TOKEN=s3cret MOCK_MAX_LIMIT=7 MOCK_DEFAULT_LIMIT=3 compare "$users"
  done
  MOCK_MAX_LIMIT=-5 MOCK_DEFAULT_LIMIT=" +4_0 " compare 25
fi
exit $status
