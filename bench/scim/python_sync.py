#!/usr/bin/env python3
"""Baseline for the Rust connector: list every user of a SCIM server with scim2-client.

Pages with startIndex/count until totalResults users are read, maps each
user to a flat dict, checks that no id came twice and none is missing, and
prints one JSON line: {"users": N, "pages": P, "seconds": S}.

Needs scim2-client with its httpx2 engine: pip install 'scim2-client[httpx2]'.
"""

import argparse
import json
import sys
import time

from httpx2 import Client
from scim2_client.engines.httpx2 import SyncSCIMClient
from scim2_models import SearchRequest


def flatten(user):
    """Keep the few attributes a connector maps."""
    emails = user.emails or []
    primary = next((e for e in emails if e.primary), emails[0] if emails else None)
    return {
        "id": user.id,
        "userName": user.user_name,
        "email": primary.value if primary else None,
        "givenName": user.name.given_name if user.name else None,
        "familyName": user.name.family_name if user.name else None,
        "active": user.active,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="base URL, e.g. http://127.0.0.1:8080")
    parser.add_argument("--token", required=True, help="bearer token")
    parser.add_argument("--count", type=int, default=100, help="page size")
    args = parser.parse_args()

    started = time.perf_counter()
    http = Client(
        base_url=args.url.rstrip("/") + "/v2",
        headers={"Authorization": f"Bearer {args.token}"},
    )
    scim = SyncSCIMClient(http)
    # Discovery fetches the schemas, so the User model knows the server's extensions.
    scim.discover()
    user_model = scim.get_resource_model("User")

    users, pages, start, total = {}, 0, 1, None
    while total is None or start <= total:
        page = scim.query(
            user_model,
            query_parameters=SearchRequest(start_index=start, count=args.count),
        )
        pages += 1
        total = page.total_results
        resources = page.resources or []
        if not resources:
            break  # the server ended early; the check below reports the gap
        for user in resources:
            if user.id in users:
                sys.exit(f"duplicate user {user.id} on page {pages}")
            users[user.id] = flatten(user)
        start += len(resources)
    http.close()

    if len(users) != total:
        sys.exit(f"read {len(users)} users but totalResults is {total}")
    seconds = round(time.perf_counter() - started, 3)
    print(json.dumps({"users": len(users), "pages": pages, "seconds": seconds}))


if __name__ == "__main__":
    main()
