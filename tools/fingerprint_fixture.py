#!/usr/bin/env python3
"""Record connector-py's own `request_fingerprint` for generated write payloads.

Writes `connector-runtime/tests/fixtures/fingerprints.jsonl.gz` (gzip keeps a few thousand under
200 KB; `zcat` shows it), one `[model, payload, fingerprint]` array a line: `payload` is the request's `request` object as JSON, `fingerprint` what
connector-py's `connector_sdk_types.oai.fingerprint.request_fingerprint` returns for the
payload model validated from it. `connector-runtime/tests/fingerprint_parity.rs` decodes each
payload into the Rust type of the same model and checks that `Request::fingerprint` agrees.

Run it with the Python of a venv where connector-py 4.280.0 is installed (the reference venv):

    /tmp/oauth-ref/ref/venv/bin/python tools/fingerprint_fixture.py [--count N] [--out PATH]

It also prints the fingerprints of the recorded reference runs' write requests
(`../shared/reference-python/golden/*.json`), which mockapp's golden comparison expects.
The output depends only on the seed, so running it again gives the same file.
"""

import argparse
import gzip
import json
import math
import random
import struct
import sys
from pathlib import Path
from typing import Any, Optional

try:
    import connector_sdk_types as sdk
    from connector_sdk_types.oai.fingerprint import request_fingerprint
    from pydantic import BaseModel, Field
except ImportError:
    sys.exit("run this with the reference venv's python (connector-py 4.280.0 installed)")

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "connector-runtime/tests/fixtures/fingerprints.jsonl.gz"
GOLDEN = ROOT.parent / "shared/reference-python/golden"


class MockappCreateAccount(sdk.CreatableAccount):
    """The reference mockapp's `create_account` payload (`mockapp_connector/dto/user.py`)."""

    email: str | None = Field(default=None)
    display_name: str | None = Field(default=None)


class Inner(BaseModel):
    """A nested model: its `None` fields are left out too."""

    label: Optional[str] = None
    score: Optional[float] = None
    tags: list[Optional[str]] = []


class Free(BaseModel):
    """Floats, free-form dicts and lists (whose `None` items stay), nested models."""

    amount: Optional[float] = None
    count: Optional[int] = None
    flag: Optional[bool] = None
    attrs: dict[str, Any] = {}
    items: list[Any] = []
    inner: Optional[Inner] = None
    inners: list[Inner] = []


class Unique(BaseModel):
    """Fields marked `x-unique`: only those are hashed."""

    id: str = Field(json_schema_extra={"x-unique": True})
    scope: Optional[str] = Field(default=None, json_schema_extra={"x-unique": True})
    note: Optional[str] = None
    amount: Optional[float] = None


# Characters the strings are drawn from: ASCII with quotes, backslash and controls, Latin-1,
# the BMP's awkward corners (U+2028, U+FEFF, U+FFFF), and characters beyond the BMP.
ALPHABET = (
    list("abcXYZ019 _-/.:,") + ['"', "\\", "'", "\n", "\r", "\t", "\b", "\f", "\x00", "\x1f",
    "\x7f", "\x80", "\xe9", "\xff", "\u0100", "\u2028", "\u20ac", "\ufeff", "\uffff",
    "\U0001f600", "\U00010000", "\U0010ffff", "\u4e2d"]
)


def text(rng: random.Random, longest: int = 5) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, longest)))


def number(rng: random.Random) -> float | int:
    pick = rng.randrange(9)
    if pick == 0:
        return rng.choice([0.0, -0.0, 1.0, 0.1, 1e16, 1e15, 1e-5, 1e-4, 5e-324, 1.7976931348623157e308,
                           123456789012345678.0, 0.30000000000000004, 2.5, -1.5e-7])
    if pick == 1:
        while True:  # any finite double, by its bits
            f = struct.unpack("<d", rng.getrandbits(64).to_bytes(8, "little"))[0]
            if math.isfinite(f):
                return f
    if pick == 2:
        return rng.randint(-(2**63), 2**63 - 1)
    if pick == 3:
        return rng.randint(-1000, 1000)
    if pick == 4:
        return round(rng.uniform(-1000, 1000), rng.randint(0, 6))
    return rng.random() * 10 ** rng.randint(-30, 30)


def any_value(rng: random.Random, depth: int = 0) -> Any:
    pick = rng.randrange(8 if depth < 2 else 5)
    if pick == 0:
        return None
    if pick == 1:
        return rng.choice([True, False])
    if pick in (2, 3):
        return number(rng)
    if pick == 4:
        return text(rng)
    if pick in (5, 6):
        return [any_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    return {text(rng, 4): any_value(rng, depth + 1) for _ in range(rng.randint(0, 3))}


def optional(rng: random.Random, make) -> dict:
    """Absent, an explicit null, or a value: the three ways an optional field arrives."""
    pick = rng.randrange(3)
    return {} if pick == 0 else {"v": None} if pick == 1 else {"v": make()}


LIST = "list"


def fields(rng: random.Random, spec: dict) -> dict:
    """`spec`: name -> (presence, make); presence True (required), False (optional, nullable)
    or LIST (optional, never null: a list or dict with a default)."""
    out = {}
    for name, (required, make) in spec.items():
        if required is LIST:
            if rng.randrange(3):
                out[name] = make()
        elif required:
            out[name] = make()
        else:
            got = optional(rng, make)
            if "v" in got:
                out[name] = got["v"]
    return out


def entitlement(rng):
    return fields(rng, {
        "integration_specific_resource_id": (False, lambda: text(rng)),
        "entitlement_type": (True, lambda: text(rng)),
        "integration_specific_id": (True, lambda: text(rng)),
    })


def entitlements(rng):
    return [entitlement(rng) for _ in range(rng.randint(0, 3))]


def inner(rng):
    return fields(rng, {
        "label": (False, lambda: text(rng)),
        "score": (False, lambda: number(rng)),
        "tags": (LIST, lambda: [rng.choice([None, text(rng)]) for _ in range(rng.randint(0, 3))]),
    })


def grant(rng):
    return {k: text(rng) for k in ["account_integration_specific_id", "resource_integration_specific_id",
                                    "resource_type", "entitlement_type", "entitlement_integration_specific_id"]}


def account_id(rng):
    return {"account_id": text(rng, 10)}


# Model name (as the Rust test knows it) -> (pydantic model, payload generator).
MODELS = {
    "AssignEntitlement": (sdk.AssignEntitlement, grant),
    "UnassignEntitlement": (sdk.UnassignEntitlement, grant),
    "CreateAccount": (sdk.CreateAccount, lambda rng: fields(rng, {
        **{k: (False, lambda: text(rng)) for k in ["email", "username", "given_name", "family_name", "user_status"]},
        "entitlements": (True, lambda: entitlements(rng)),  # required here, unlike CreatableAccount's
    })),
    "CreatableAccount": (sdk.CreatableAccount, lambda rng: fields(rng, {"entitlements": (LIST, lambda: entitlements(rng))})),
    "MockappCreateAccount": (MockappCreateAccount, lambda rng: fields(rng, {
        "entitlements": (LIST, lambda: entitlements(rng)),
        "email": (False, lambda: text(rng)),
        "display_name": (False, lambda: text(rng)),
    })),
    "UpdateableAccount": (sdk.UpdateableAccount, lambda rng: {"id": text(rng, 10)}),
    "ActivateAccount": (sdk.ActivateAccount, account_id),
    "DeactivateAccount": (sdk.DeactivateAccount, account_id),
    "DeleteAccount": (sdk.DeleteAccount, account_id),
    "Free": (Free, lambda rng: fields(rng, {
        "amount": (False, lambda: number(rng)),
        "count": (False, lambda: rng.randint(-(2**63), 2**63 - 1)),
        "flag": (False, lambda: rng.choice([True, False])),
        "attrs": (LIST, lambda: {text(rng, 4): any_value(rng) for _ in range(rng.randint(0, 4))}),
        "items": (LIST, lambda: [any_value(rng) for _ in range(rng.randint(0, 4))]),
        "inner": (False, lambda: inner(rng)),
        "inners": (LIST, lambda: [inner(rng) for _ in range(rng.randint(0, 2))]),
    })),
    "Unique": (Unique, lambda rng: fields(rng, {
        "id": (True, lambda: text(rng)),
        "scope": (False, lambda: text(rng)),
        "note": (False, lambda: text(rng)),
        "amount": (False, lambda: number(rng)),
    })),
}

# How many payloads of each model, per 100 of --count: fewer of the one-string models, more of
# the one with floats and free-form values.
SHARE = {"UpdateableAccount": 30, "ActivateAccount": 30, "DeactivateAccount": 30, "DeleteAccount": 30,
         "CreatableAccount": 60, "Free": 250}

# The golden runs' write capabilities and the reference mockapp's payload model of each.
GOLDEN_WRITES = {
    "create_account": "MockappCreateAccount",
    "part3_create_account": "MockappCreateAccount",
    "activate_account": "ActivateAccount",
    "deactivate_account": "DeactivateAccount",
    "delete_account": "DeleteAccount",
    "assign_entitlement": "AssignEntitlement",
    "unassign_entitlement": "UnassignEntitlement",
}


def compact(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def record(model_name: str, payload: dict) -> str:
    model = MODELS[model_name][0]
    # The payload goes through JSON text, as a request does.
    parsed = model.model_validate_json(json.dumps(payload))
    return compact([model_name, payload, request_fingerprint(parsed)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=330, help="payloads per model (see SHARE)")
    parser.add_argument("--seed", type=int, default=20261202)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    lines = []
    for name, (_, make) in MODELS.items():
        count = args.count * SHARE.get(name, 100) // 100
        lines.extend(record(name, make(rng)) for _ in range(count))
    for case, model_name in GOLDEN_WRITES.items():
        path = GOLDEN / f"{case}.json"
        if not path.exists():
            print(f"{case}: no recording at {path}", file=sys.stderr)
            continue
        payload = json.loads(path.read_text())["request_json"]["request"]
        line = record(model_name, payload)
        lines.append(line)
        print(f"{case}: {json.loads(line)[2]}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    data = ("\n".join(lines) + "\n").encode("utf-8")
    with open(args.out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as out:
        out.write(data)  # mtime=0 and no file name: the same payloads give the same bytes
    print(f"{len(lines)} payloads, {args.out.stat().st_size} bytes -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
