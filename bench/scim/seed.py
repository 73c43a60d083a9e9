#!/usr/bin/env python3
"""Fill a running SCIM server (scim2-server) with N users and M groups, fast.

Users are user-00001..., with an email, a given and a family name, active.
Users are dealt round-robin into the groups, so each is in exactly one.
Uses the Bulk endpoint when the ServiceProviderConfig announces it, packing
operations under maxOperations and maxPayloadSize; otherwise concurrent POSTs.
Prints one JSON line with the timings.
"""

import argparse
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from httpx2 import Client

USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group"
BULK_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:BulkRequest"


def user(i):
    return {
        "schemas": [USER_SCHEMA],
        "userName": f"user-{i:05d}",
        "name": {"givenName": f"Given{i}", "familyName": f"Family{i}"},
        "emails": [{"value": f"user-{i:05d}@example.org", "type": "work", "primary": True}],
        "active": True,
    }


def group(g, member_ids):
    return {
        "schemas": [GROUP_SCHEMA],
        "displayName": f"group-{g:03d}",
        "members": [{"value": m, "type": "User"} for m in member_ids],
    }


def chunks(ops, max_ops, max_bytes):
    """Split bulk operations into requests that stay under both server limits."""
    chunk, size = [], 200  # 200 bytes of slack for the BulkRequest envelope
    for op in ops:
        op_size = len(json.dumps(op)) + 2
        if chunk and (len(chunk) == max_ops or size + op_size > max_bytes):
            yield chunk
            chunk, size = [], 200
        chunk.append(op)
        size += op_size
    if chunk:
        yield chunk


def create_all(http, config, path, payloads, workers):
    """Create the payloads under path; return the new ids, in order."""
    bulk = config.get("bulk") or {}
    if bulk.get("supported"):
        ops = [
            {"method": "POST", "path": path, "bulkId": str(n), "data": p}
            for n, p in enumerate(payloads)
        ]
        requests = list(chunks(ops, bulk.get("maxOperations") or 1000,
                               bulk.get("maxPayloadSize") or 1 << 20))

        def send(chunk):
            r = http.post("/Bulk", json={"schemas": [BULK_SCHEMA], "Operations": chunk})
            r.raise_for_status()
            return r.json()["Operations"]

        with ThreadPoolExecutor(workers) as pool:
            results = [op for answer in pool.map(send, requests) for op in answer]
        failed = [op for op in results if op["status"] != "201"]
        if failed:
            sys.exit(f"{len(failed)} bulk operations failed, first: {failed[0]}")
        # The location of a created resource ends with its id.
        by_bulk_id = {op["bulkId"]: op["location"].rsplit("/", 1)[1] for op in results}
        return [by_bulk_id[str(n)] for n in range(len(payloads))]

    def post(payload):
        r = http.post(path, json=payload)
        r.raise_for_status()
        return r.json()["id"]

    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(post, payloads))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="base URL, e.g. http://127.0.0.1:8080")
    parser.add_argument("--token", required=True, help="bearer token")
    parser.add_argument("--users", type=int, default=10000)
    parser.add_argument("--groups", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4, help="concurrent requests")
    args = parser.parse_args()

    http = Client(
        base_url=args.url.rstrip("/") + "/v2",
        headers={"Authorization": f"Bearer {args.token}"},
        timeout=120,
    )
    config = http.get("/ServiceProviderConfig").raise_for_status().json()

    started = time.perf_counter()
    user_ids = create_all(http, config, "/Users",
                          [user(i) for i in range(1, args.users + 1)], args.workers)
    users_done = time.perf_counter()
    groups = [group(g + 1, user_ids[g::args.groups]) for g in range(args.groups)]
    create_all(http, config, "/Groups", groups, args.workers)
    done = time.perf_counter()
    http.close()

    print(json.dumps({
        "users": len(user_ids),
        "groups": len(groups),
        "bulk": bool((config.get("bulk") or {}).get("supported")),
        "user_seconds": round(users_done - started, 3),
        "group_seconds": round(done - users_done, 3),
        "seconds": round(done - started, 3),
    }))


if __name__ == "__main__":
    main()
