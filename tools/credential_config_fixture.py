#!/usr/bin/env python3
"""Record connector-py's own `validate_credential_config` answers for the cases of
`tests/tests/multi_credentials.rs`.

Builds, with connector-py, the integration that test builds with the macros: credential `api`
(OAuth, required) and `scim` (token, optional, with a validator that rejects tokens starting
`revoked-`), sends each case through connector-py's dispatcher and writes
`tests/tests/fixtures/credential_config.json`: a list of `[credential, envelope]`, the envelope
as connector-py printed it. The Rust test sends the same credentials to its integration and
compares.

Run it with the Python of a venv where connector-py 4.280.0 is installed (the reference venv):

    /tmp/oauth-ref/ref/venv/bin/python tools/credential_config_fixture.py
"""

import asyncio
import json
import sys
from pathlib import Path

try:
    from connector.oai.integration import DescriptionData, Integration
    from connector_sdk_types.generated import (
        ValidateCredentialConfigRequest,
        ValidateCredentialConfigResponse,
        ValidatedCredentialConfig,
    )
    from connector_sdk_types.oai.modules.credentials_module_types import AuthModel, CredentialConfig
except ImportError:
    sys.exit("run this with the reference venv's python (connector-py 4.280.0 installed)")

OUT = Path(__file__).resolve().parent.parent / "tests/tests/fixtures/credential_config.json"

CASES = [
    {"id": "api", "oauth": {"access_token": "t"}},
    {"oauth": {"access_token": "t"}},
    {"id": "nope", "token": {"token": "t"}},
    {"id": "api", "token": {"token": "t"}},
    {"id": "scim", "token": {"token": ""}},
    {"id": "scim", "token": {"token": " t "}},
    {"id": "scim", "token": {"token": "revoked-1"}},
    {"id": "scim", "token": {"token": "live-1"}},
    {"id": "api", "oauth": {"access_token": ""}},
    {"id": "api", "oauth": {"access_token": "t", "refresh_token": " r"}},
]


async def scim_token_is_live(args: ValidateCredentialConfigRequest) -> ValidateCredentialConfigResponse:
    token = args.request.credential.token.token if args.request.credential.token else ""
    errors = ["The SCIM token is revoked"] if token.startswith("revoked-") else []
    return ValidateCredentialConfigResponse(
        response=ValidatedCredentialConfig(valid=not errors, validation_errors=errors)
    )


def integration() -> Integration:
    return Integration(
        app_id="multi",
        version="0.1.0",
        exception_handlers=[],
        description_data=DescriptionData(user_friendly_name="multi", categories=[]),
        credentials=[
            CredentialConfig(id="api", type=AuthModel.OAUTH, description="OAuth access to the API"),
            CredentialConfig(
                id="scim",
                type=AuthModel.TOKEN,
                description="SCIM token",
                optional=True,
                validation=scim_token_is_live,
            ),
        ],
    )


async def main() -> None:
    app = integration()
    recorded = []
    for credential in CASES:
        request = json.dumps({"request": {"credential": credential}})
        printed = await app.dispatch("validate_credential_config", request)
        recorded.append([credential, json.loads(printed)])
    OUT.write_text(json.dumps(recorded, indent=1) + "\n")
    print(f"wrote {len(recorded)} cases to {OUT}")


asyncio.run(main())
