#!/usr/bin/env python3
"""Generate the Lumos wire models and capability markers from the Lumos OpenAPI spec.

Usage (from the repository root):

    python3 tools/gen_models.py [SPEC] [--root DIR] [--check]

SPEC defaults to ``../shared/lumos/openapi.json`` (relative to the repository root).
``--root`` writes into another checkout (default: the repository this script lives in).
``--check`` writes nothing and exits 1 when the committed files differ from a fresh run.

Outputs (all formatted with ``rustfmt --edition 2024``):

* ``connector-runtime/src/models.rs``: one Rust type per payload/shared schema of the spec;
* ``connector-runtime/src/credential_models.rs``: the few of those types that the hand-written
  credentials (``crate::credentials``) embed, re-exported by ``models.rs``;
* ``connector-runtime/src/capabilities/standard.rs``: the 50 capability markers and their aliases;
* ``connector-runtime/tests/spec_drift/types.rs``: the list of types the drift test checks.

The spec is used as data only: names, fields, enum values, required-ness and ``x-`` keys are
carried over; its descriptions are never copied. Every generated item gets a doc comment written
in this file (see "Documentation" below), kept out of the JSON schemas; a model or field the
tables do not cover stops the run with an error, so a spec change comes with its docs. Python 3.11
standard library only.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

# --------------------------------------------------------------------------------------------
# Schemas that are NOT generated here (besides the request/response envelopes, which are
# detected: any schema with a `request` or `response` property). One line of reason each.
# --------------------------------------------------------------------------------------------
SKIP: dict[str, str] = {
    "ErrorResponse": "error envelope; hand-written in crate::response",
    "Info": "legacy `info` document; hand-written in crate::info",
    "Error": "wire error body; hand-written next to ConnectorError (see EXTERNAL)",
    "ErrorCode": "legacy error codes; hand-written in crate::error",
    "ConnectorErrorCode": "the 22 error codes; hand-written in crate::error",
    "ConnectorErrorCodeUnion": "union of the two code enums; hand-written in crate::error",
    "ConnectorErrorCategory": "error classification; hand-written in crate::error",
    "ConnectorErrorFault": "error classification; hand-written in crate::error",
    "ConnectorErrorMetadata": "error classification; hand-written in crate::error",
    "AuthCredential": "credential container with secrets; hand-written in crate::credentials",
    "OAuthCredential": "credential with secrets; hand-written in crate::credentials",
    "OAuthClientCredential": "credential with secrets; hand-written in crate::credentials",
    "OAuth1Credential": "credential with secrets; hand-written in crate::credentials",
    "BasicCredential": "credential with secrets; hand-written in crate::credentials",
    "TokenCredential": "credential with secrets; hand-written in crate::credentials",
    "JWTCredential": "credential with secrets; hand-written in crate::credentials",
    "ServiceAccountCredential": "credential with secrets; hand-written in crate::credentials",
    "KeyPairCredential": "credential with secrets; hand-written in crate::credentials",
    "EmptyCredential": "credential marker; hand-written in crate::credentials",
    "BasicAuthentication": "credential input variant; hand-written in crate::credentials",
    "TokenAuthentication": "credential input variant; hand-written in crate::credentials",
    "OAuthAuthentication": "credential input variant; hand-written in crate::credentials",
    "OAuthAuthorization": "credential input variant; hand-written in crate::credentials",
    "OAuthClientCredentialAuthentication": "credential input variant; hand-written in crate::credentials",
    "OAuthClientCredentialAuthorization": "credential input variant; hand-written in crate::credentials",
}

# Skipped schemas that generated models refer to: Rust path, and the traits the hand-written
# type is assumed to implement (a model containing one derives only what the type allows).
FULL_STRUCT_DERIVES = ["Debug", "Clone", "PartialEq", "Serialize", "Deserialize", "JsonSchema"]
EXTERNAL: dict[str, tuple[str, list[str]]] = {
    # Holds secrets: deserialize-only (never serialized back).
    "AuthCredential": ("crate::credentials::AuthCredential", ["Debug", "Clone", "PartialEq", "Deserialize", "JsonSchema"]),
    "Error": ("crate::error::Error", FULL_STRUCT_DERIVES),
}

# The Rust type of an integer property, by the spec's `format` (None: no format given).
INTEGER_FORMATS: dict[str | None, str] = {"int32": "i32", "int64": "i64", "uint32": "u32", None: "i64"}

# --------------------------------------------------------------------------------------------
# The 50 registrable standard capabilities (inventory §3.1, StandardCapabilityName order,
# without `info` and `connected_info`). Payload and output types come from the spec's paths.
# --------------------------------------------------------------------------------------------
CAPABILITIES: list[str] = [
    "app_info", "activate_account", "assign_entitlement", "create_account", "update_account",
    "deactivate_account", "delete_account", "find_entitlement_associations",
    "get_account_entitlement_associations", "get_authorization_url", "get_last_activity",
    "handle_authorization_callback", "handle_client_credentials_request", "list_accounts",
    "list_updated_accounts", "get_account", "get_data_recency", "list_activity_records",
    "list_custom_attributes_schema", "list_entitlements", "list_expenses", "list_resources",
    "list_credentials", "list_non_human_accounts", "get_non_human_account_last_activity",
    "get_credential_last_activity", "find_resource_graph", "find_entitlement_graph",
    "find_entitlement_assignments", "refresh_access_token", "unassign_entitlement",
    "validate_credentials", "transfer_data", "release_resources", "downgrade_license",
    "assign_application", "get_application", "get_application_account", "list_applications",
    "list_applications_accounts", "list_applications_activity_records",
    "list_applications_entitlements", "list_applications_resources", "unassign_application",
    "list_applications_entitlement_associations", "unassign_application_entitlement",
    "assign_application_entitlement", "validate_credential_config", "probe_integration",
    "fulfill_arbitrary_endpoint",
]
NOT_REGISTRABLE = ["info", "connected_info"]
# Inventory §3.2: the `read` half of Lumos' levels table. Every other name is `write`.
READ_LEVEL = {
    "find_entitlement_assignments", "find_entitlement_associations", "find_entitlement_graph",
    "find_resource_graph", "fulfill_arbitrary_endpoint", "get_account",
    "get_account_entitlement_associations", "get_application", "get_application_account",
    "get_credential_last_activity", "get_data_recency", "get_last_activity",
    "get_non_human_account_last_activity", "list_accounts", "list_activity_records",
    "list_applications", "list_applications_accounts", "list_applications_activity_records",
    "list_applications_entitlement_associations", "list_applications_entitlements",
    "list_applications_resources", "list_credentials", "list_custom_attributes_schema",
    "list_entitlements", "list_non_human_accounts", "list_resources", "list_updated_accounts",
    "probe_integration", "validate_credential_config", "validate_credentials",
}
# Inventory §3.1 "auth field? = no" (checked against the spec's request bodies below).
UNAUTHENTICATED = {
    "get_authorization_url", "handle_authorization_callback", "handle_client_credentials_request",
    "refresh_access_token", "validate_credential_config",
}
CUSTOMIZABLE = {"create_account", "update_account"}

# x- keys whose spec value is prose: reproduced as `true` so no spec wording is copied.
PROSE_X_KEYS = {"x-deprecated"}

MODELS_RS = "connector-runtime/src/models.rs"
# The generated models the hand-written credentials of `crate::credentials` embed (`JWTClaims`,
# ...), found from the spec: they get a file of their own, which `models.rs` re-exports, so
# that `credentials.rs` uses that file and `models.rs` uses `credentials.rs` (for
# `AuthCredential`) without the two files using each other.
CREDENTIAL_MODELS_RS = "connector-runtime/src/credential_models.rs"
CAPABILITIES_RS = "connector-runtime/src/capabilities/standard.rs"
DRIFT_TYPES_RS = "connector-runtime/tests/spec_drift/types.rs"

RUST_KEYWORDS = {
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use",
    "where", "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final",
    "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
}
NOT_RAW = {"self", "Self", "super", "crate"}
# Method names of std traits: clippy asks for the trait when a setter has one of these names.
STD_TRAIT_METHODS = {
    "add", "sub", "mul", "div", "rem", "neg", "not", "shl", "shr", "bitand", "bitor", "bitxor",
    "next", "deref", "drop", "index", "hash", "eq", "cmp", "default", "from_str", "borrow",
    "as_ref", "as_mut", "clone", "into_iter",
}
RESERVED_TYPE_NAMES = {"String", "Vec", "Option", "Box", "Result", "Some", "None", "Ok", "Err"}


class GenError(Exception):
    pass


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------
def ref_name(ref: str) -> str:
    prefix = "#/components/schemas/"
    if not ref.startswith(prefix):
        raise GenError(f"unsupported $ref {ref!r}")
    return ref[len(prefix):]


def single_ref(p: dict) -> str | None:
    """The referenced name when `p` is `{$ref}` or `{allOf: [{$ref}]}` (annotations aside)."""
    if "$ref" in p:
        return ref_name(p["$ref"])
    all_of = p.get("allOf")
    if isinstance(all_of, list) and len(all_of) == 1 and "$ref" in all_of[0] and "properties" not in p:
        return ref_name(all_of[0]["$ref"])
    return None


def pascal(name: str) -> str:
    parts = re.split(r"[^A-Za-z0-9]+", name)
    out = []
    for part in parts:
        if not part:
            continue
        if part.isupper() or part.islower():
            out.append(part[:1].upper() + part[1:].lower())
        else:
            out.append(part[:1].upper() + part[1:])
    result = "".join(out)
    if not result or result[0].isdigit():
        result = "V" + result
    return result


def field_ident(json_name: str) -> tuple[str, bool]:
    """Rust identifier for a JSON key, and whether `#[serde(rename)]` is needed."""
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", json_name) and json_name != "_":
        if json_name in RUST_KEYWORDS:
            if json_name in NOT_RAW:
                return json_name + "_", True
            return "r#" + json_name, False
        return json_name, False
    ident = re.sub(r"[^A-Za-z0-9]+", "_", json_name).strip("_").lower()
    if not ident or ident[0].isdigit():
        ident = "f_" + ident
    if ident in RUST_KEYWORDS:
        ident += "_"
    return ident, True


def rust_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def json_value_tokens(v) -> str:
    """A JSON value in the syntax of `schemars(extend(...))` (which takes `json!` syntax)."""
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, (int, float)):
        return json.dumps(v)
    if isinstance(v, str):
        return rust_str(v)
    if isinstance(v, list):
        return "[" + ", ".join(json_value_tokens(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{rust_str(k)}: {json_value_tokens(x)}" for k, x in v.items()) + "}"
    raise GenError(f"unsupported extension value {v!r}")


def x_keys(schema: dict) -> list[tuple[str, object]]:
    out = []
    for k, v in schema.items():
        if k.startswith("x-"):
            out.append((k, True if k in PROSE_X_KEYS else v))
    return out


def extend_attr(pairs: list[tuple[str, object]]) -> str | None:
    if not pairs:
        return None
    inner = ", ".join(f"{rust_str(k)} = {json_value_tokens(v)}" for k, v in pairs)
    return f"#[schemars(extend({inner}))]"


def derive_attr(traits: list[str]) -> str:
    return "#[derive(" + ", ".join(traits) + ")]"


# --------------------------------------------------------------------------------------------
# Model building
# --------------------------------------------------------------------------------------------
class Field:
    def __init__(self, json_name, rust_type, required, has_default, extensions, schema_with, refs):
        self.json_name = json_name
        self.rust_type = rust_type
        self.required = required
        self.has_default = has_default
        self.extensions = extensions
        self.schema_with = schema_with
        self.refs = refs  # names of models/externals this field mentions
        self.default = None  # the spec's `default`, when it gives one


class Gen:
    def __init__(self, spec: dict):
        self.spec = spec
        self.schemas: dict = spec["components"]["schemas"]
        self.items: dict[str, dict] = {}  # name -> {"kind": ..., ...}; insertion = output order
        self.inline_owner: dict[str, str] = {}

    # ---- classification ----
    def flat_props(self, schema: dict) -> dict:
        props: dict = {}
        for k, v in schema.items():
            if k == "properties":
                props.update(v)
            elif k == "allOf":
                for part in v:
                    if "$ref" in part:
                        props.update(self.flat_props(self.schemas[ref_name(part["$ref"])]))
                    else:
                        props.update(self.flat_props(part))
            elif k == "$ref":
                props.update(self.flat_props(self.schemas[ref_name(v)]))
        return props

    def is_envelope(self, schema: dict) -> bool:
        props = self.flat_props(schema)
        return "request" in props or "response" in props

    def skipped(self) -> dict[str, str]:
        out = {}
        for name, schema in self.schemas.items():
            if name in SKIP:
                out[name] = SKIP[name]
            elif self.is_envelope(schema):
                out[name] = "envelope"
        missing = sorted(set(SKIP) - set(self.schemas))
        if missing:
            raise GenError(f"SKIP names not in the spec: {missing}")
        return out

    # ---- flattening ----
    def flatten(self, name: str, schema: dict):
        """(declaring schema, json name, property schema) in output order, plus required names."""
        fields: list[tuple[str, str, dict]] = []
        required: list[str] = []
        seen: set[str] = set()

        def walk(owner: str, s: dict):
            for k, v in s.items():
                if k == "properties":
                    for pname, pschema in v.items():
                        if pname not in seen:
                            seen.add(pname)
                            fields.append((owner, pname, pschema))
                    for r in s.get("required", []):
                        if r not in required:
                            required.append(r)
                elif k == "allOf":
                    for part in v:
                        if "$ref" in part:
                            target = ref_name(part["$ref"])
                            walk(target, self.schemas[target])
                        else:
                            walk(owner, part)
                elif k in ("anyOf", "oneOf"):
                    raise GenError(f"{name}: {k} inside an object schema is not supported")
            if "required" in s and "properties" not in s:
                for r in s["required"]:
                    if r not in required:
                        required.append(r)

        walk(name, schema)
        for r in required:
            if r not in seen:
                raise GenError(f"{name}: required {r!r} has no property")
        return fields, required

    # ---- types ----
    def type_of(self, p, owner: str, field: str, top: bool):
        """(rust type, schema-only type or None, refs, date_time_at_top)."""
        if p is True or p == {} or (isinstance(p, dict) and not p.keys() - {"description", "title", "example", "examples"}):
            return "serde_json::Value", None, set(), False
        r = single_ref(p)
        if r is not None:
            return self.named_type(r), None, {r}, False
        if "anyOf" in p or "oneOf" in p:
            members = p.get("anyOf") or p.get("oneOf")
            tname = owner + pascal(field)
            self.add_union(tname, members, {}, owner)
            return tname, None, {tname}, False
        if "enum" in p:
            if p.get("type") == "boolean":
                return "bool", None, set(), False
            if p.get("type") != "string":
                raise GenError(f"{owner}.{field}: non-string inline enum")
            tname = owner + pascal(field)
            self.add_enum(tname, p["enum"], [], p.get("default"), owner)
            return tname, None, {tname}, False
        t = p.get("type")
        nullable = bool(p.get("nullable"))
        if t == "string":
            base, schema_only, dt = "String", None, False
            if p.get("format") == "date-time":
                if top:
                    dt = True
                else:
                    schema_only = "DateTimeSchema"
        elif t == "integer":
            base, schema_only, dt = self.integer_type(p, owner, field), None, False
        elif t == "number":
            base, schema_only, dt = "f64", None, False
        elif t == "boolean":
            base, schema_only, dt = "bool", None, False
        elif t == "array":
            it, its, refs, _ = self.type_of(p.get("items", {}), owner, field + "_item", False)
            base = f"Vec<{it}>"
            schema_only = f"Vec<{its}>" if its else None
            if nullable:
                return self._nullable(base, schema_only) + (refs, False)
            return base, schema_only, refs, False
        elif t == "object" or t is None and "additionalProperties" in p:
            if p.get("properties"):
                raise GenError(f"{owner}.{field}: inline object with properties is not supported")
            ap = p.get("additionalProperties", True)
            if ap is True or ap == {} or (isinstance(ap, dict) and not ap.keys() - {"description"}):
                base, schema_only, refs = "serde_json::Map<String, serde_json::Value>", None, set()
            else:
                vt, vts, refs, _ = self.type_of(ap, owner, field + "_value", False)
                base = f"std::collections::BTreeMap<String, {vt}>"
                schema_only = f"std::collections::BTreeMap<String, {vts}>" if vts else None
            if nullable:
                return self._nullable(base, schema_only) + (refs, False)
            return base, schema_only, refs, False
        else:
            raise GenError(f"{owner}.{field}: unsupported property schema {json.dumps(p)[:200]}")
        if nullable:
            return self._nullable(base, schema_only) + (set(), dt)
        return base, schema_only, set(), dt

    @staticmethod
    def integer_type(p, owner: str, field: str) -> str:
        """The Rust integer for the spec's `format`, so that the type holds exactly the spec's
        range: out-of-range request values fail to decode (`bad_request`) instead of being
        read and echoed. connector-py's pydantic models use an unbounded `StrictInt` and accept
        them; the spec's range is what Lumos sends. No format: `i64`, the widest a msgpack or
        JSON integer commonly holds."""
        fmt = p.get("format")
        if fmt not in INTEGER_FORMATS:
            raise GenError(f"{owner}.{field}: integer format {fmt!r} has no Rust type here")
        return INTEGER_FORMATS[fmt]

    @staticmethod
    def _nullable(base, schema_only):
        return f"Option<{base}>", (f"Option<{schema_only}>" if schema_only else None)

    def named_type(self, name: str) -> str:
        if name in EXTERNAL:
            return EXTERNAL[name][0]
        if name in SKIP:
            raise GenError(f"a generated model refers to skipped {name}; add it to EXTERNAL")
        if name not in self.schemas:
            raise GenError(f"$ref to unknown schema {name}")
        return name

    # ---- items ----
    def add_enum(self, name, values, extensions, default, owner=None):
        if name in self.items:
            return
        if name in RESERVED_TYPE_NAMES:
            raise GenError(f"type name {name} clashes with a std name")
        variants = []
        seen = set()
        for v in values:
            if not isinstance(v, str):
                raise GenError(f"{name}: non-string enum value {v!r}")
            vn = pascal(v)
            if vn in seen:
                raise GenError(f"{name}: two values map to variant {vn}")
            seen.add(vn)
            variants.append((vn, v))
        if default is not None and default not in values:
            raise GenError(f"{name}: default {default!r} is not a value")
        self.items[name] = {
            "kind": "enum", "variants": variants, "extensions": extensions, "default": default,
        }
        if owner:
            self.inline_owner[name] = owner

    def add_union(self, name, members, extensions, owner=None):
        if name in self.items:
            return
        refs = []
        variants = []
        for m in members:
            r = single_ref(m)
            if r is not None:
                refs.append(r)
                variants.append([r, self.named_type(r), {r}])
            elif m.get("type") == "string" and "enum" not in m:
                variants.append(["#string", "String", set()])
            else:
                raise GenError(f"{name}: unsupported union member {json.dumps(m)[:200]}")
        # Variant names: `Known`/`Other` for "enum or any string"; otherwise the member name
        # without the union's own name as prefix or suffix.
        if len(variants) == 2 and variants[1][0] == "#string" and variants[0][0] != "#string" \
                and self.schemas.get(variants[0][0], {}).get("enum"):
            names = ["Known", "Other"]
        else:
            names = []
            for key, _, _ in variants:
                if key == "#string":
                    names.append("Other")
                    continue
                short = key
                if key.startswith(name) and key != name:
                    short = key[len(name):]
                elif key.endswith(name) and key != name:
                    short = key[: -len(name)]
                if not re.fullmatch(r"[A-Z][A-Za-z0-9]*", short):
                    short = key
                names.append(short)
            if len(set(names)) != len(names):
                names = [k if k != "#string" else "Other" for k, _, _ in variants]
        self.items[name] = {
            "kind": "union",
            "variants": [(n, v[1], v[2], v[0]) for n, v in zip(names, variants)],
            "extensions": extensions,
        }
        if owner:
            self.inline_owner[name] = owner

    def add_struct(self, name, schema):
        if name in RESERVED_TYPE_NAMES:
            raise GenError(f"type name {name} clashes with a std name")
        flat, required = self.flatten(name, schema)
        self.items[name] = {"kind": "struct", "fields": None, "extensions": x_keys(schema)}
        fields = []
        idents = set()
        for owner, pname, pschema in flat:
            rt, schema_only, refs, dt = self.type_of(pschema, owner, pname, True)
            has_default = "default" in pschema
            is_required = pname in required and not has_default
            ext = x_keys(pschema)
            if dt:
                ext = [("format", "date-time")] + ext
            if pname in required and has_default:
                # Required in the spec but with a default: the reference treats it as optional
                # with that default, so serde fills it in (non-null default => no Option).
                if pschema["default"] is None:
                    raise GenError(f"{name}.{pname}: null default on a required field")
                self.check_default(name, pname, rt, pschema["default"])
            elif not is_required:
                rt = f"Option<{rt}>"
                if schema_only:
                    schema_only = f"Option<{schema_only}>"
            ident, _ = field_ident(pname)
            if ident in idents:
                raise GenError(f"{name}: two fields map to {ident}")
            idents.add(ident)
            fields.append(Field(pname, rt, is_required, has_default, ext, schema_only, refs))
            fields[-1].default = pschema.get("default")
        self.items[name]["fields"] = fields

    def check_default(self, struct, field, rust_type, default):
        """Defaults become `#[serde(default)]`; make sure `Default::default()` is that value."""
        if isinstance(default, list) and default == [] and rust_type.startswith("Vec<"):
            return
        item = self.items.get(rust_type)
        if item and item["kind"] == "enum" and item["default"] == default:
            return
        raise GenError(f"{struct}.{field}: default {default!r} cannot be expressed as Default")

    def build(self):
        skipped = self.skipped()
        for name, schema in self.schemas.items():
            if name in skipped:
                continue
            if "enum" in schema:
                if schema.get("type") != "string":
                    raise GenError(f"{name}: non-string enum")
                self.add_enum(name, schema["enum"], x_keys(schema), None)
            elif "anyOf" in schema or "oneOf" in schema:
                self.add_union(name, schema.get("anyOf") or schema.get("oneOf"), x_keys(schema))
            elif schema.get("type", "object") == "object":
                self.add_struct(name, schema)
            else:
                raise GenError(f"{name}: unsupported top-level schema")
        self.order_inline()
        self.compute_derives()
        self.compute_boxes()
        return skipped

    def order_inline(self):
        """Put inline types right after the model that declares them."""
        ordered = {}
        for name, item in self.items.items():
            if name in self.inline_owner:
                continue
            ordered[name] = item
            for iname, owner in self.inline_owner.items():
                if owner == name:
                    ordered[iname] = self.items[iname]
        if len(ordered) != len(self.items):
            raise GenError("inline type without a generated owner")
        self.items = ordered

    def item_refs(self, item) -> set[str]:
        if item["kind"] == "struct":
            return set().union(*[f.refs for f in item["fields"]]) if item["fields"] else set()
        if item["kind"] == "union":
            return set().union(*[v[2] for v in item["variants"]])
        return set()

    def compute_derives(self):
        traits: dict[str, list[str]] = {}
        for name, item in self.items.items():
            if item["kind"] == "enum":
                traits[name] = ["Debug", "Clone", "Copy", "PartialEq", "Eq", "Hash"]
                if item["default"] is not None:
                    traits[name].append("Default")
                traits[name] += ["Serialize", "Deserialize", "JsonSchema"]
            else:
                traits[name] = list(FULL_STRUCT_DERIVES)
        for ext, (_, allowed) in EXTERNAL.items():
            traits[ext] = list(allowed)
        changed = True
        while changed:
            changed = False
            for name, item in self.items.items():
                if item["kind"] == "enum":
                    continue
                for r in self.item_refs(item):
                    lost = [t for t in traits[name] if t in FULL_STRUCT_DERIVES and t not in traits[r]]
                    if lost:
                        traits[name] = [t for t in traits[name] if t not in lost]
                        changed = True
        for name, item in self.items.items():
            if item["kind"] == "union" and all(
                v[3] == "#string" or self.items.get(v[3], {}).get("kind") == "enum"
                for v in item["variants"]
            ):
                # Strings and plain enums only: Eq and Hash hold too.
                t = traits[name]
                t[t.index("PartialEq") + 1:t.index("PartialEq") + 1] = ["Eq", "Hash"]
            item["derives"] = traits[name]

    def compute_boxes(self):
        """Box a field when its type leads back to the same struct without a Vec/Map between."""
        direct: dict[str, set[str]] = {}
        for name, item in self.items.items():
            if item["kind"] != "struct":
                continue
            d = set()
            for f in item["fields"]:
                core = f.rust_type
                if core.startswith("Option<"):
                    core = core[len("Option<"):-1]
                if core in self.items:
                    d.add(core)
            direct[name] = d

        def reaches(start, target, seen):
            for n in direct.get(start, ()):
                if n == target:
                    return True
                if n not in seen:
                    seen.add(n)
                    if reaches(n, target, seen):
                        return True
            return False

        for name, item in self.items.items():
            if item["kind"] != "struct":
                continue
            for f in item["fields"]:
                core = f.rust_type
                opt = core.startswith("Option<")
                if opt:
                    core = core[len("Option<"):-1]
                if core in self.items and (core == name or reaches(core, name, set())):
                    f.rust_type = f"Option<Box<{core}>>" if opt else f"Box<{core}>"

    def credential_models(self) -> list[str]:
        """The generated items the hand-written credentials embed, directly or through another
        generated item, in output order (see CREDENTIAL_MODELS_RS)."""
        def refs_in(node):
            if isinstance(node, dict):
                for k, v in node.items():
                    if k == "$ref" and isinstance(v, str):
                        yield ref_name(v)
                    else:
                        yield from refs_in(v)
            elif isinstance(node, list):
                for v in node:
                    yield from refs_in(v)

        # What the credentials' properties name (an `allOf` parent is not embedded: its
        # properties are, through flat_props).
        roots = [n for n, why in SKIP.items() if "crate::credentials" in why]
        stack = [
            r
            for n in roots
            for prop in self.flat_props(self.schemas[n]).values()
            for r in refs_in(prop)
            if r in self.items
        ]
        found: set[str] = set()
        while stack:
            name = stack.pop()
            if name in found:
                continue
            found.add(name)
            for r in self.item_refs(self.items[name]):
                if r in EXTERNAL:
                    raise GenError(
                        f"{name}: a model the credentials embed refers to hand-written {r}, "
                        f"so {CREDENTIAL_MODELS_RS} would use crate::credentials or crate::error"
                    )
                stack.append(r)
        return [n for n in self.items if n in found]

    # ---- capabilities ----
    def resolve_request_body(self, op):
        body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
        return body

    def capabilities(self):
        std = self.schemas["StandardCapabilityName"]["enum"]
        expected = [c for c in std if c not in NOT_REGISTRABLE]
        if expected != CAPABILITIES:
            raise GenError(
                "CAPABILITIES differs from the spec's StandardCapabilityName: "
                f"missing {sorted(set(expected) - set(CAPABILITIES))}, "
                f"extra {sorted(set(CAPABILITIES) - set(expected))}"
            )
        out = []
        for cap in CAPABILITIES:
            path = self.spec["paths"].get(f"/{{connector_id}}/{cap}")
            if path is None or "post" not in path:
                raise GenError(f"no POST path for {cap}")
            op = path["post"]
            body = self.resolve_request_body(op)
            if body is None:
                raise GenError(f"{cap}: no request body")
            req_env = ref_name(body["$ref"]) if "$ref" in body else None
            props = self.flat_props(body)
            payload = single_ref(props["request"])
            authenticated = "auth" in props or "credentials" in props
            if authenticated != (cap not in UNAUTHENTICATED):
                raise GenError(f"{cap}: spec auth field presence disagrees with UNAUTHENTICATED")
            resp = op["responses"]["200"]["content"]["application/json"]["schema"]
            members = resp.get("anyOf", [resp])
            envs = [ref_name(m["$ref"]) for m in members if "$ref" in m and ref_name(m["$ref"]) != "ErrorResponse"]
            if len(envs) != 1:
                raise GenError(f"{cap}: cannot find the success envelope")
            resp_env = envs[0]
            rprop = self.flat_props(self.schemas[resp_env])["response"]
            is_list = rprop.get("type") == "array"
            output = single_ref(rprop["items"] if is_list else rprop)
            for t in (payload, output):
                if t is None or t not in self.items:
                    raise GenError(f"{cap}: payload/output {t} is not a generated model")
            base = pascal(cap)
            req_alias = req_env or base + "Request"
            resp_alias = resp_env
            out.append({
                "name": cap, "payload": payload, "output": output, "list": is_list,
                "level": "Read" if cap in READ_LEVEL else "Write",
                "authenticated": authenticated, "customizable": cap in CUSTOMIZABLE,
                "req_alias": req_alias, "resp_alias": resp_alias,
            })
        aliases = [c["req_alias"] for c in out] + [c["resp_alias"] for c in out]
        if len(set(aliases)) != len(aliases):
            raise GenError("duplicate envelope alias names")
        return out


# --------------------------------------------------------------------------------------------
# Documentation. Every generated item gets a doc comment composed here, in our own words: the
# spec's `description` prose is never copied (`Docs.check_not_copied` refuses a sentence found
# in it). A model or field with no entry below and no rule that covers it is a GenError, so a
# spec change that adds one makes whoever regenerates write its doc.
#
# Where a doc comes from:
# * a model (struct, enum, union): MODEL_DOCS, or the rule for an inline `kind` tag enum; then
#   the capabilities that take or return it, and what its model-level `x-` keys mean;
# * a field: MODEL_FIELD_DOCS ("Model.field"), else FIELD_DOCS_BY_TYPE ((field, Rust type)),
#   else FIELD_DOCS (field name), else a rule (an OAuthScopes field named after a capability,
#   a `kind` tag); then whether it is required and what its `x-` keys mean;
# * an enum variant: VARIANT_DOCS, else a rule (capability names, app categories, one-value
#   tags); a union variant: a rule from its member type;
# * a capability marker or alias: CAPABILITY_DOCS plus the capability tables above.
#
# None of these reach the JSON schemas (see HEADER_MODELS): `info` and `app_info` stay
# byte-identical to connector-py's, which carry no descriptions for these models.
# --------------------------------------------------------------------------------------------

# What a value marked `x-semantic: <key>` holds; Lumos uses the mark to link the value to the
# record it names.
SEMANTIC_DOCS: dict[str, tuple[str, str | None]] = {
    # value: (what the value is, the field holding the original, when there is one)
    "account-id": ("an account id", "FoundAccountData.integration_specific_id"),
    "auxiliary-account-id": ("the id of a second account the operation involves, besides the one it acts on",
                             "FoundAccountData.integration_specific_id"),
    "non-human-account-id": ("a non-human account's id", "NonHumanAccount.id"),
    "credential-id": ("a credential's own id in the app", "Credential.external_id"),
    "application-instance-id": ("an application instance's id", "Application.id"),
    "entitlement-id": ("an entitlement id of the access graph", "AccessGraphEntitlement.id"),
    "entitlement-type": ("an entitlement type id", None),
    "resource-id": ("a resource id of the access graph", "AccessGraphResource.id"),
    "resource-type": ("a resource type id", None),
    "key-pair": ("key-pair material", None),
}

# `x-capability-level` on a payload model: what the level says about the capability.
LEVEL_DOCS: dict[str, str] = {
    "read": "the capability only reads the app; `app_info` files it under `Read Capabilities`",
    "write": "the capability changes the app; `app_info` files it under `Write Capabilities`",
    "validation": "the capability checks a configuration; `app_info` files it under `Validation Capabilities`",
}

# `x-capability-category` on a payload model.
CATEGORY_DOCS: dict[str, str] = {
    "authorization": "the capability is a step of an OAuth flow and runs without stored credentials; "
                     "`app_info` tags it `Authorization`",
    "specification": "the capability describes the connector itself; `app_info` tags it `Specification`",
}

# One line per capability: what it does. Used for the markers and `StandardCapabilityName`.
CAPABILITY_DOCS: dict[str, str] = {
    "app_info": "Describes the integration as an OpenAPI document; the runtime answers it unless the integration registers its own.",
    "activate_account": "Re-enables a disabled account.",
    "assign_entitlement": "Grants an entitlement to an account.",
    "create_account": "Creates an account.",
    "update_account": "Changes an existing account.",
    "deactivate_account": "Disables an account without deleting it.",
    "delete_account": "Deletes an account.",
    "find_entitlement_associations": "Lists every grant: which account holds which entitlement.",
    "get_account_entitlement_associations": "Lists the grants one account holds.",
    "get_authorization_url": "Builds the URL that starts an OAuth authorization.",
    "get_last_activity": "Reports when some accounts were last active.",
    "handle_authorization_callback": "Trades an OAuth authorization code for tokens.",
    "handle_client_credentials_request": "Gets tokens with the OAuth client-credentials grant.",
    "list_accounts": "Lists the app's accounts.",
    "list_updated_accounts": "Lists the accounts changed since a time or since a cursor.",
    "get_account": "Returns one account.",
    "get_data_recency": "Reports how fresh the data behind each capability is.",
    "list_activity_records": "Lists events of the app's activity log.",
    "list_custom_attributes_schema": "Declares the custom attributes the integration's records can carry.",
    "list_entitlements": "Lists the entitlements that can be granted.",
    "list_expenses": "Lists expenses and card transactions.",
    "list_resources": "Lists the resources entitlements are granted on.",
    "list_credentials": "Lists the credentials non-human identities use.",
    "list_non_human_accounts": "Lists the non-human accounts (roles, app installations, service principals).",
    "get_non_human_account_last_activity": "Reports when non-human accounts were last active.",
    "get_credential_last_activity": "Reports when credentials were last used.",
    "find_resource_graph": "Returns the access graph's resources and the relationships between them.",
    "find_entitlement_graph": "Returns the access graph's entitlements and what each implies.",
    "find_entitlement_assignments": "Lists the access graph's grants.",
    "refresh_access_token": "Gets a new OAuth access token with a refresh token.",
    "unassign_entitlement": "Takes an entitlement away from an account.",
    "validate_credentials": "Checks that the credentials work, and names the tenant they belong to.",
    "transfer_data": "Moves one account's data to another account.",
    "release_resources": "Frees what an account holds in the app.",
    "downgrade_license": "Lowers an account's license.",
    "assign_application": "Gives an account access to an application instance.",
    "get_application": "Returns one application instance.",
    "get_application_account": "Returns one account's assignment to an application instance.",
    "list_applications": "Lists the application instances the app manages.",
    "list_applications_accounts": "Lists which accounts are assigned to which application instances.",
    "list_applications_activity_records": "Lists activity events of application instances.",
    "list_applications_entitlements": "Lists the entitlements of application instances.",
    "list_applications_resources": "Lists the resources of application instances.",
    "unassign_application": "Removes an account's access to an application instance.",
    "list_applications_entitlement_associations": "Lists the grants inside application instances.",
    "unassign_application_entitlement": "Takes an application instance's entitlement away from an account.",
    "assign_application_entitlement": "Grants an application instance's entitlement to an account.",
    "validate_credential_config": "Checks a credential configuration before it is used.",
    "probe_integration": "Tries the integration's main reads and reports what works.",
    "fulfill_arbitrary_endpoint": "Sends one read request of the caller's choosing to the app and returns the answer as it is.",
}
NOT_REGISTRABLE_DOCS: dict[str, str] = {
    "info": "The legacy description command (`<bin> info`); a name, not a registrable capability.",
    "connected_info": "A name the spec reserves; not a registrable capability.",
}

# One line per model: what it is for. Payload and output models also get a line naming their
# capabilities, and every model a line per model-level `x-` key (both added by `Docs`).
MODEL_DOCS: dict[str, str] = {
    "AccessGraphEntitlement": "An entitlement node of the access graph: something that can be granted on one resource.",
    "AccessGraphEntitlementAssignment": "One grant of the access graph: a resource (the holder, often an account's node) has an entitlement on a resource.",
    "AccessGraphEntitlementIdentifier": "Names one entitlement node of the access graph by its id and its resource's id.",
    "AccessGraphEntitlementRule": "An entitlement that every resource of one type has, declared once instead of listed per resource.",
    "AccessGraphEntitlementType": "An entitlement type of the access graph, as the integration declares it.",
    "AccessGraphImpliedAccess": "An implication edge: whoever holds one entitlement also gets the listed ones.",
    "AccessGraphImpliedAccessRule": "An implication declared per type: holding one kind of entitlement gives another, on the same resource or on related ones.",
    "AccessGraphResource": "A resource node of the access graph: any object of the app that access can be granted on (a record, a folder, a group, an account).",
    "AccessGraphResourceRelationship": "A labelled edge from one resource to others (a folder holding files, a group nesting groups).",
    "AccountStatus": "The state of an account in the app.",
    "AccountType": "Whether an account belongs to a person or to a service.",
    "ActivateAccount": "Names the account `activate_account` re-enables.",
    "ActivatedAccount": "What `activate_account` did.",
    "ActivityEventType": "Which kind of activity a last-activity timestamp dates.",
    "ActivityRecord": "One event of the app's activity log: who did what, when, and to what.",
    "ActivityRecordActivityType": "What an activity event was: a standard [`ActivityType`] or the app's own name for it.",
    "ActivityRecordActor": "Who performed an activity (for now, always an account).",
    "ActivityRecordEntitlement": "The entitlement an activity touched (a role, a permission, a feature).",
    "ActivityRecordTarget": "What an activity was done to: an account, an entitlement, or both.",
    "ActivityType": "The standard activity kinds; any other kind travels as a plain string.",
    "Amount": "A sum of money: a decimal string and its currency.",
    "AppCategory": "The categories Lumos files an app under (`categories(...)` of `#[integration]`).",
    "AppInfo": "The `app_info` result: the integration's id and its OpenAPI description.",
    "AppInfoRequestPayload": "Asks for the integration's OpenAPI description.",
    "Application": "One application instance (one tenant of one app) that an identity provider or SSO app manages.",
    "ApplicationAccount": "An account's assignment to an application instance, and its status there.",
    "ApplicationActivityRecord": "An [`ActivityRecord`] of one application instance.",
    "ApplicationEntitlementAssociation": "A [`FoundEntitlementAssociation`] inside one application instance.",
    "ApplicationEntitlementData": "A [`FoundEntitlementData`] of one application instance.",
    "ApplicationResourceData": "A [`FoundResourceData`] of one application instance.",
    "ApplicationStatus": "Whether an application instance is in use.",
    "ArbitraryRequestMethod": "The HTTP methods `fulfill_arbitrary_endpoint` may send.",
    "ArbitraryResponse": "The app's answer to a `fulfill_arbitrary_endpoint` request, passed on unchanged, with what the caller cannot tell from it alone.",
    "AssignApplication": "Names the account `assign_application` gives access to an application instance.",
    "AssignApplicationEntitlement": "Names the entitlement `assign_application_entitlement` grants, the account that gets it and the application instance.",
    "AssignEntitlement": "Names the entitlement `assign_entitlement` grants and the account that gets it.",
    "AssignedApplication": "What `assign_application` did.",
    "AssignedApplicationEntitlement": "What `assign_application_entitlement` did.",
    "AssignedEntitlement": "What `assign_entitlement` did.",
    "AssignmentMode": "How access to an application instance is handed out.",
    "AuthorizationUrl": "Where to send the user to start an OAuth authorization.",
    "CapabilitySchema": "A capability's payload and result schemas, with how to present it to people.",
    "CreatableAccount": "The standard part of every `create_account` payload: the entitlements the new account must start with.",
    "CreateAccount": "A common shape of `create_account` payload: [`CreatableAccount`] plus the usual profile fields.",
    "CreateAccountEntitlement": "One entitlement a new account must be created with.",
    "CreatedAccount": "What `create_account` did.",
    "CreatedEffect": "The [`Effect`] of a write that added a record.",
    "Credential": "A credential a non-human identity signs in with (an API key, an OAuth grant, a certificate, a trust policy): ids and metadata only, never the secret.",
    "CredentialLastActivity": "When one credential was last seen in use.",
    "CredentialStatus": "The lifecycle state of a [`Credential`].",
    "CustomAttribute": "The value of one custom attribute on one record of the access graph.",
    "CustomAttributeCustomizedType": "The kinds of record that can carry custom attributes.",
    "CustomAttributeParameter": "Asks a graph capability for one custom attribute, naming the kind of record it belongs to.",
    "CustomAttributeSchema": "Declares one custom attribute: its name, its value type and the kind of record that carries it.",
    "CustomAttributeType": "The value type of a custom attribute.",
    "DataRecency": "The `get_data_recency` result: how fresh the data behind each capability is.",
    "DeactivateAccount": "Names the account `deactivate_account` disables.",
    "DeactivatedAccount": "What `deactivate_account` did.",
    "DeleteAccount": "Names the account `delete_account` removes.",
    "DeletedAccount": "What `delete_account` did.",
    "DeletedEffect": "The [`Effect`] of a write that removed a record.",
    "Delta": "The cursor of an incremental (delta) sync.",
    "DowngradeLicense": "Names the account whose license `downgrade_license` lowers.",
    "DowngradedLicense": "What `downgrade_license` did.",
    "Effect": "What a write did to the app; `kind` tells the cases apart on the wire.",
    "EmptyButCreateAnyway": "A model without fields that the spec keeps only so that models extending it are generated.",
    "EntitlementGraph": "The `find_entitlement_graph` result: entitlement nodes, what they imply, and their custom attributes.",
    "EntitlementRequirement": "Bounds for one capability on how many entitlements of a type an account holds, replacing the type's own `min` and `max`.",
    "EntitlementType": "An entitlement type as `app_info` lists it: its id, label, resource type, and how many an account holds.",
    "ExecutionEffect": "The older, flat spelling of what a write did; [`Effect`] replaces it.",
    "ExecutionSummary": "How a write went: what it did, whether repeating it is safe, and the errors it recovered from.",
    "Expense": "One expense or card transaction of a spend-management app.",
    "ExpenseApprovalStatus": "Where an expense stands in approval, in the app's terms and in Lumos' normalized ones.",
    "ExpenseFilters": "Which expenses `list_expenses` returns.",
    "ExpensePaymentStatus": "Whether an expense is paid, in the app's terms and in Lumos' normalized ones.",
    "ExpenseType": "How an expense was paid.",
    "FindEntitlementAssignments": "Asks for every grant of the access graph.",
    "FindEntitlementAssociations": "Asks for every grant of every account.",
    "FindEntitlementGraph": "What `find_entitlement_graph` includes.",
    "FindResourceGraph": "What `find_resource_graph` includes.",
    "FoundAccountData": "An account of the connected app.",
    "FoundEntitlementAssociation": "One grant: an account holds an entitlement on a resource.",
    "FoundEntitlementData": "An entitlement of the app (a role, a permission, a license, a group membership) that can be granted on a resource.",
    "FoundResourceData": "A resource of the app that entitlements are granted on (a workspace, a project, the tenant itself).",
    "FulfillArbitraryEndpoint": "A read request that `fulfill_arbitrary_endpoint` sends to the app as given.",
    "GetAccount": "Names the account `get_account` returns.",
    "GetAccountEntitlementAssociations": "Names the account whose grants `get_account_entitlement_associations` lists.",
    "GetApplication": "Names the application instance `get_application` returns.",
    "GetApplicationAccount": "Names the assignment `get_application_account` returns.",
    "GetAuthorizationUrl": "What `get_authorization_url` needs to build an OAuth authorization URL.",
    "GetConnectedInfo": "The payload of `connected_info`, a capability name that cannot be registered.",
    "GetCredentialLastActivity": "Asks when credentials were last used; it names none, the connector reports on all of them, page by page.",
    "GetDataRecency": "Asks how fresh the data behind each capability is.",
    "GetLastActivity": "Names the accounts `get_last_activity` reports on.",
    "GetNonHumanAccountLastActivity": "Asks when non-human accounts were last active; it names none, the connector reports on all of them, page by page.",
    "HandleAuthorizationCallback": "What `handle_authorization_callback` needs to trade an authorization code for tokens.",
    "HandleClientCredentials": "What `handle_client_credentials_request` needs to get tokens with the client-credentials grant.",
    "JWTClaims": "The claims of a JSON Web Token, as a `JWTCredential` carries them.",
    "JWTHeaders": "The header of a JSON Web Token, as a `JWTCredential` carries it.",
    "KeyGenType": "The formats a key-pair credential's keys can be generated in.",
    "LastActivityData": "When one account was last active.",
    "ListAccounts": "What `list_accounts` includes.",
    "ListActivityRecords": "Which events `list_activity_records` returns.",
    "ListApplications": "Asks for every application instance.",
    "ListApplicationsAccounts": "Asks for every account assignment of every application instance.",
    "ListApplicationsActivityRecords": "Which events `list_applications_activity_records` returns.",
    "ListApplicationsEntitlementAssociations": "Asks for every grant inside every application instance.",
    "ListApplicationsEntitlements": "What `list_applications_entitlements` includes.",
    "ListApplicationsResources": "Asks for every resource of every application instance.",
    "ListCredentials": "What `list_credentials` includes.",
    "ListCustomAttributesSchema": "Asks for every custom attribute the integration declares.",
    "ListEntitlements": "What `list_entitlements` includes.",
    "ListExpenses": "Which expenses `list_expenses` returns.",
    "ListNonHumanAccounts": "What `list_non_human_accounts` includes.",
    "ListResources": "Asks for every resource.",
    "ListUpdatedAccounts": "Which changes `list_updated_accounts` returns: those after a point in time, or after a cursor.",
    "NonHumanAccount": "A non-human principal (a role, an app installation, a service principal) with the workload it is bound to.",
    "NonHumanAccountLastActivity": "When one non-human account was last seen in use.",
    "NoopEffect": "The [`Effect`] of a write that changed nothing, with the reason.",
    "NoopEffectReason": "Why a write changed nothing.",
    "NormalizedExpenseApprovalStatus": "The approval states every app's own approval states are mapped onto.",
    "NormalizedExpensePaymentStatus": "The payment states every app's own payment states are mapped onto.",
    "OAuthScopes": "The OAuth scopes each capability needs; a capability left out needs none.",
    "OauthCredentials": "The tokens an OAuth flow ends with.",
    "OpenAPISpecification": "The shape of the OpenAPI document that describes an integration (what `app_info` returns in [`AppInfo::app_schema`]).",
    "OpenAPISpecificationInfo": "The `info` object of that document, which carries the integration's metadata in `x-` keys.",
    "Page": "Pagination state: the token of a page and the page size.",
    "ProbeCapabilityConfigStatus": "How the configuration of one capability was judged.",
    "ProbeCapabilityType": "Whether a configured capability reads the app or changes it.",
    "ProbeCheck": "The result of one check of a `probe_integration` run.",
    "ProbeCheckName": "The checks `probe_integration` can run.",
    "ProbeCheckSource": "Who produced a check's result.",
    "ProbeCheckStatus": "How one check ended.",
    "ProbeConfigFinding": "One problem, or remark, about a capability's configuration.",
    "ProbeConfigFindingSeverity": "How much a configuration finding matters.",
    "ProbeCoverageStatus": "Whether something the connector declares (an entitlement type, a custom attribute) turned up while probing.",
    "ProbeCustomAttributeResult": "Whether a declared account attribute had a value on any sampled account.",
    "ProbeEntitlementTypeResult": "Whether entitlements of a declared type turned up while probing.",
    "ProbeIntegration": "What `probe_integration` checks.",
    "ProbeResults": "The `probe_integration` result: an overall status and one entry per check.",
    "ProbeSample": "One record a probe check fetched, cut down to what identifies it; `kind` tells the cases apart on the wire.",
    "ProbeSampleAccount": "An account a probe fetched, cut down to what identifies it.",
    "ProbeSampleAssociation": "A grant a probe fetched.",
    "ProbeSampleCapabilityConfig": "A configured capability that a probe checked without running it against the app.",
    "ProbeSampleCustomAttribute": "One custom attribute of a sampled account.",
    "ProbeSampleEntitlement": "An entitlement a probe fetched, cut down to what identifies it.",
    "ProbeStatus": "How a whole probe run ended.",
    "RateLimitMode": "How the connector handles the app's rate limits.",
    "RateLimitRequestInfo": "Rate-limit state and instructions the caller sends with a request, so that limiting carries over from one page call to the next.",
    "RateLimitResponseInfo": "Rate-limit state the connector reports after a call.",
    "RateLimitStateSnapshot": "The state of one rate limiter at one moment.",
    "RateLimitStateSnapshotSource": "Where a rate-limit snapshot's numbers come from.",
    "Reference": "A link from an access-graph resource to a record of another kind (for now, an account).",
    "ReferenceType": "The kinds of record a [`Reference`] can point at.",
    "RefreshAccessToken": "What `refresh_access_token` needs to get a new access token.",
    "ReleaseResources": "Names the account whose resources `release_resources` frees.",
    "ReleaseResourcesStatus": "What `release_resources` did.",
    "ResourceGraph": "The `find_resource_graph` result: resource nodes, the edges between them, and their custom attributes.",
    "ResourceType": "A resource type as `app_info` lists it.",
    "ServiceAccountType": "The kinds of cloud service account a service-account credential can be.",
    "SignOnMode": "How users sign in to an application instance.",
    "SpendUser": "A person of a spend-management app (who submitted an expense).",
    "StandardCapabilityName": "Every standard capability name of the spec, the two that cannot be registered included.",
    "TimeRange": "A span of time; either end may be left open.",
    "TokenType": "The kinds of OAuth access token.",
    "TransferData": "Names the accounts `transfer_data` moves data from and to.",
    "TransferDataStatus": "What `transfer_data` did.",
    "UnassignApplication": "Names the account `unassign_application` removes from an application instance.",
    "UnassignApplicationEntitlement": "Names the entitlement `unassign_application_entitlement` takes away, the account that loses it and the application instance.",
    "UnassignEntitlement": "Names the entitlement `unassign_entitlement` takes away and the account that loses it.",
    "UnassignedApplication": "What `unassign_application` did.",
    "UnassignedApplicationEntitlement": "What `unassign_application_entitlement` did.",
    "UnassignedEntitlement": "What `unassign_entitlement` did.",
    "UpdateableAccount": "The standard part of an `update_account` payload (which account to change), and its result.",
    "UpdatedAccounts": "The `list_updated_accounts` result: the changed accounts and the cursor for the next call.",
    "UpdatedEffect": "The [`Effect`] of a write that changed an existing record.",
    "ValidateCredentialConfig": "The credential configuration `validate_credential_config` checks.",
    "ValidateCredentials": "The `validate_credentials` payload: the credentials to check travel in the envelope's `auth`.",
    "ValidatedCredentialConfig": "What `validate_credential_config` found.",
    "ValidatedCredentials": "What `validate_credentials` found.",
    "Vendor": "A company (the seller of an expense).",
}

# Field docs by field name: used in every model with that field unless an entry below overrides it.
FIELD_DOCS: dict[str, str] = {
    # Ids that point at records other capabilities return.
    "account_id": "The account's id, as `list_accounts` returned it in [`FoundAccountData::integration_specific_id`].",
    "account_integration_specific_id": "The account's id in the connected app, as `list_accounts` returned it in [`FoundAccountData::integration_specific_id`].",
    "account_ids": "The accounts to report on, by the id `list_accounts` returned in [`FoundAccountData::integration_specific_id`].",
    "application_instance_id": "The application instance's id, as `list_applications` returned it in [`Application::id`].",
    "entitlement_integration_specific_id": "The entitlement's id, as `list_entitlements` returned it in [`FoundEntitlementData::integration_specific_id`].",
    "integration_specific_entitlement_id": "The entitlement's id, as `list_entitlements` returned it in [`FoundEntitlementData::integration_specific_id`].",
    "integration_specific_resource_id": "The id of the resource the entitlement is on, as `list_resources` returned it in [`FoundResourceData::integration_specific_id`].",
    "resource_integration_specific_id": "The id of the resource the entitlement is on, as `list_resources` returned it in [`FoundResourceData::integration_specific_id`].",
    "entitlement_type": "The entitlement's type: the `type_id` of one of the integration's declared entitlement types.",
    "resource_type": "The resource's type: the `type_id` of one of the integration's declared resource types.",
    "entitlement_id": "The entitlement's [`AccessGraphEntitlement::id`].",
    "entitlement_resource_id": "The [`AccessGraphResource::id`] of the resource the granted entitlement is on.",
    "non_human_account_id": "The non-human account this is about: its [`NonHumanAccount::id`].",
    "source_account_id": "The account whose data moves, by its [`FoundAccountData::integration_specific_id`].",
    "target_account_id": "The account that receives the data, by its [`FoundAccountData::integration_specific_id`].",
    "from_id": "The [`AccessGraphResource::id`] the edge starts from.",
    "to_ids": "The [`AccessGraphResource::id`]s the edge leads to.",
    "linked_credential_ids": "For a resource that holds secrets: the credentials it holds, by [`Credential::external_id`].",
    "grants_access_to_account_id": "The person's account this credential acts as, if any, by [`FoundAccountData::integration_specific_id`]; Lumos links the two. At most one `grants_access_to_*` field is set; neither means the credential stands alone.",
    "grants_access_to_non_human_account_id": "The non-human account this credential acts as, if any, by [`NonHumanAccount::id`]. At most one `grants_access_to_*` field is set.",
    # Descriptive fields.
    "label": "The name people see for this record.",
    "description": "A longer text about this record, for people.",
    "extra_data": "App-specific data with no standard field; passed on to Lumos as given.",
    "is_assignable": "Whether the entitlement can be granted through the integration.",
    "denies_access": "Whether holding this entitlement blocks access instead of granting it; a deny overrides any grant.",
    "email": "The account's email address.",
    "username": "The account's user name.",
    "given_name": "The account holder's given (first) name.",
    "family_name": "The account holder's family (last) name.",
    "full_name": "The person's full name.",
    "account_type": "Whether the account is a person's or a service's.",
    "type_id": "The type's id, which records of this type carry in their type field.",
    "type_label": "The type's name, for people.",
    "resource_type_id": "The `type_id` of the resource type that entitlements of this type are granted on.",
    "is_terminal": "Whether access ends at this resource: the graph is not followed past it.",
    "is_credential_bearing": "Whether this resource holds secrets (a vault, a key store); the graph is followed through it, even when `is_terminal` says otherwise.",
    "reference": "When this resource is also an account, the link to that account.",
    "relationship_label": "When set, the implied entitlement is on the resources related to the first one by edges with this [`AccessGraphResourceRelationship::label`]; when absent, it is on the same resource.",
    "from_entitlement": "The entitlement whose holders get the others.",
    "to_entitlements": "The entitlements that holding `from_entitlement` gives.",
    "from_entitlement_type": "The type of the entitlement that implies the other.",
    "from_entitlement_id": "The id, on each resource of `from_resource_type`, of the entitlement that implies the other.",
    "from_resource_type": "The type of the resources that entitlement is on.",
    "to_entitlement_type": "The type of the implied entitlement.",
    "to_entitlement_id": "The id of the implied entitlement.",
    "to_resource_type": "The type of the resources the implied entitlement is on.",
    "nodes": "The entitlement nodes.",
    "entitlement_implications": "Which entitlements imply which others.",
    "access_graph_entitlement_rules": "Entitlements every resource of a type has, declared once per type.",
    "access_graph_implied_access_rules": "Implications declared per type instead of per entitlement.",
    "resources": "The resource nodes.",
    "resource_relationships": "The edges between resources.",
    # Outcomes of writes.
    "activated": "Whether the account is active again.",
    "created": "Whether the account was created; kept for older callers, `status` says more.",
    "deactivated": "Whether the account was disabled; kept for older callers, `status` says more.",
    "deleted": "Whether the account was removed; kept for older callers, `status` says more.",
    "assigned": "Whether the entitlement was granted: `true` on success, since a grant that cannot be made is an error instead.",
    "unassigned": "Whether the entitlement was taken away.",
    "provisioned": "Whether the account now exists in the application itself, whatever the assignment's state.",
    "deprovisioned": "Whether the account was removed from the application itself, whatever the assignment's state.",
    "success": "Whether the operation succeeded.",
    "reason": "Why the operation failed, or a remark on its success; give one whenever `success` is `false`.",
    "entitlements": "The entitlements the new account must get: one for each entitlement type whose `min` is above 0.",
    # Activity.
    "activity_type": "What happened: a standard [`ActivityType`] when one fits, else the app's own name for it.",
    "timestamp": "When it happened, as an ISO 8601 timestamp.",
    "actor": "Who did it.",
    "targets": "What it was done to.",
    "metadata": "More facts about the event (an IP address, a location, a client), as strings.",
    "actors": "The actors whose events to return.",
    "since_date": "The earliest time to return events from, as an ISO 8601 timestamp.",
    "happened_at": "When the activity happened, as an ISO 8601 timestamp.",
    "last_login": "When the account last signed in (ISO 8601), when the listing shows it; spares a separate last-activity call.",
    "last_activity": "When it was last seen active (ISO 8601), when the listing shows it; spares a separate last-activity call.",
    "created_at": "When the record was created in the app.",
    "updated_at": "When the record last changed in the app.",
    "last_used_at": "The time of the credential's most recent use.",
    "expires_at": "The time after which the credential stops working.",
    "last_rotated_at": "The time the credential's secret was last replaced.",
    # Custom attributes.
    "customized_type": "The kind of record that carries the attribute.",
    "attribute_type": "The attribute's value type.",
    "record_id": "The id of the record the value belongs to; `type` says which kind of record that is.",
    # Applications.
    "logo": "A URL of the application's logo.",
    "sign_on_mode": "How users sign in to the application.",
    "sso_login_url": "The application's sign-in URL.",
    "assignment_modes": "How the application can be handed out: as a whole, by entitlement, or both.",
    # Arbitrary requests.
    "ok": "Whether the app answered with a 2xx status; an answer with any other status is `false`, with that status and body.",
    "status_code": "The app's HTTP status; absent when no answer arrived.",
    "content_type": "The app's `Content-Type`.",
    "retry_after_seconds": "How many seconds to wait before a retry is worth it, when that can be told; absent means unknown, not zero.",
    "resolved_url": "The absolute URL that was called.",
    "authorization_url": "The URL to send the user to.",
    "method": "The HTTP method; `GET` when absent. A `POST` only reaches paths the connector allows.",
    "query": "Query parameters, each name with its list of values; not used when `url` is absolute.",
    # Schemas.
    "argument": "The JSON schema of the capability's payload.",
    "output": "The JSON schema of the capability's result.",
    "app_id": "The integration's `app_id`.",
    "app_schema": "The OpenAPI document describing the integration (shaped like [`OpenAPISpecification`]).",
    # Credentials and entitlement bounds.
    "external_id": "The credential's own id in the app (an access key's id); never the secret.",
    "credential_type": "The credential's class: `unspecified`, `api_key`, `oauth_grant`, `certificate` or `oidc_trust_policy`.",
    "data": "Per capability name, when its data was last refreshed (ISO 8601), or `null` when that could not be found out. A capability without an entry does not report recency.",
    "requirements": "Per capability name, bounds that replace `min` and `max` for that capability (`create_account` needing none of a type, say).",
    # Writes.
    "effect": "What the write did.",
    "request_fingerprint": "An id of this request, the same for the same input: for deduplication and tracing.",
    "is_idempotent": "Whether sending the request again with the same fingerprint is safe: same result, no further change.",
    "caught_errors": "Errors the write met and recovered from; it succeeded despite them.",
    # Expenses.
    "report_id": "The expense report the expense belongs to, if any.",
    "payment_date": "When the company paid, the seller or the employee (ISO 8601).",
    "total_amount": "What the company owes for the expense.",
    "paid_amount": "What the company has paid for it so far.",
    "seller": "Who sold what the expense paid for.",
    "submitter": "The employee who submitted the expense.",
    "approval_status": "Where the expense stands in approval.",
    "payment_status": "Whether the expense has been paid.",
    "attributes": "Fields the app has for every tenant, beyond the standard ones.",
    "display_value": "The status as the app shows it to people.",
    "normalized_value": "The status mapped onto Lumos' common set.",
    "amount": "The sum, as a decimal string (`\"12.50\"`) so that no precision is lost.",
    "currency": "The ISO 4217 code of the currency (`USD`).",
    "filters": "Which expenses to return.",
    "start_date": "The start of the span (ISO 8601); absent leaves it open.",
    "end_date": "The end of the span (ISO 8601); absent leaves it open.",
    # OAuth.
    "client_id": "The OAuth client id the app issued for Lumos.",
    "client_secret": "The OAuth client secret that goes with `client_id`.",
    "scopes": "The OAuth scopes to ask for.",
    "redirect_uri": "Where the app sends the user back after authorizing; must match the connector's settings.",
    "redirect_uri_with_code": "The URL the app sent the user back to, with the authorization code in it.",
    "form_data": "More form fields to send with the authorization request.",
    "access_token": "The access token to call the app's API with.",
    "token_type": "How the access token is presented (`bearer`).",
    # JSON Web Tokens: the registered claim and header names.
    "iss": "The `iss` claim: who issued the token.",
    "sub": "The `sub` claim: whom the token is about.",
    "aud": "The `aud` claim: whom the token is meant for.",
    "exp": "The `exp` claim: when the token expires, in seconds since the Unix epoch.",
    "nbf": "The `nbf` claim: the token is not valid before this time, in seconds since the Unix epoch.",
    "iat": "The `iat` claim: when the token was issued, in seconds since the Unix epoch.",
    "jti": "The `jti` claim: the token's own unique id.",
    "act": "The `act` claim: the party acting for the subject.",
    "scope": "The `scope` claim: the scopes the token grants.",
    "may_act": "The `may_act` claim: who may act for the subject.",
    "alg": "The `alg` header: the signing algorithm (`RS256`, ...).",
    "jku": "The `jku` header: the URL of the key set that holds the signing key.",
    "jwk": "The `jwk` header: the signing key itself, as a JSON Web Key.",
    "typ": "The `typ` header: the token's media type (`JWT`).",
    "kid": "The `kid` header: the id of the signing key.",
    "x5u": "The `x5u` header: the URL of the signer's X.509 certificate.",
    "x5c": "The `x5c` header: the signer's X.509 certificate chain.",
    "x5t": "The `x5t` header: the SHA-1 thumbprint of the signer's X.509 certificate.",
    "x5t#S256": "The `x5t#S256` header: the SHA-256 thumbprint of the signer's X.509 certificate.",
    "cty": "The `cty` header: the media type of the signed content (for nested tokens).",
    "crit": "The `crit` header: extensions the receiver must understand to accept the token.",
    # Non-human accounts.
    "workload_name": "The name of the workload the principal is bound to (a service, a function). A principal that is its own workload repeats its `label` here.",
    "workload_id": "The id of the workload the principal is bound to; equal to `id` when the principal is its own workload.",
    # OpenAPI document.
    "openapi": "The OpenAPI version the document follows.",
    "info": "The document's `info` object, with the integration's metadata.",
    "servers": "The document's `servers` list (empty for a connector).",
    "paths": "One operation per capability, at `/<capability name>`.",
    "components": "The schemas and security schemes the operations refer to.",
    "tags": "The groups the operations are filed under (`Read Capabilities`, ...).",
    "title": "The integration's name for people.",
    "version": "The integration's version.",
    "x-app-id": "The integration's `app_id`.",
    "x-app-logo-url": "The URL of the app's logo.",
    "x-app-vendor-domain": "The app vendor's domain.",
    "x-entitlement-types": "The entitlement types the integration declares.",
    "x-access-graph-entitlement-types": "The access-graph entitlement types the integration declares.",
    "x-access-graph-entitlement-rules": "The integration's per-type entitlement rules.",
    "x-implied-access-rules": "The integration's per-type implication rules.",
    "x-resource-types": "The resource types the integration declares.",
    "x-categories": "The categories the app is filed under (see [`AppCategory`]).",
    "x-oauth-settings": "The integration's OAuth settings (URLs, scopes, flags), when it has any.",
    "x-capabilities": "The names of the registered capabilities, sorted.",
    "x-multi-credential": "Whether the integration declares several credentials.",
    "x-probe-checks": "The probe checks the connector runs, in order; `null` when it has no probe, or a probe that declares none.",
    "x-allowed-credentials": "The combinations of credential ids the integration accepts.",
    # Pagination.
    "token": "An opaque page token: the connector writes it, Lumos sends it back unchanged to get the next page. Absent on a first request and after the last page.",
    "size": "How many items a page holds; it should stay the same through one listing.",
    # Probes.
    "check": "Which check this is.",
    "observed_count": "How many records the check saw; at least as many as `samples` holds.",
    "samples": "What the check fetched, one cut-down entry per record; a check that passed has at least one.",
    "entitlement_types": "Per declared entitlement type, whether any turned up; only on the `entitlements` check.",
    "severity": "How much the finding matters.",
    "code": "A stable machine-readable name for the kind of finding: match on it, not on `message`.",
    "suggestion": "How to fix it, for people, when the connector can tell.",
    "linked_to_sampled_account": "Whether `account_id` matched an account the probe fetched. `false` only means no match turned up within the pages the probe read.",
    "capability_type": "Whether the capability reads or writes.",
    "findings": "What was found, the most serious first; an empty list for a valid configuration.",
    "preview": "What the connector would send, with placeholders in place of values; never holds credentials.",
    "duration_ms": "How long it took, in milliseconds.",
    # Rate limits.
    "caller_retry_attempt": "How many times the caller has already retried this operation, so that the connector does not stack its own retries on top.",
    "last_known_state": "Per limiter, the state the previous response reported, for the connector's limiter to start from.",
    "caller_override_mode": "A mode the caller wants for this call, in place of the one the capability or the connector sets.",
    "max_execution_time": "The caller's deadline, in seconds: the connector should stop before waiting past it.",
    "current_state": "Per limiter, the state after this call.",
    "remaining": "Requests left in the current window.",
    "limit": "Requests allowed per window.",
    "reset": "When the current window ends, in seconds since the Unix epoch.",
    "window_seconds": "The window's length, in seconds.",
    "current_delay": "The pause the connector currently puts between requests, in whole seconds.",
    # Validation and delta syncs.
    "valid": "Whether the credentials work.",
    "validation_errors": "What is wrong, in words a customer can act on.",
    "unique_tenant_id": "A stable id of the customer's tenant in the app (an account number, an organization name, a domain); Lumos keys the integration's data to it.",
    "credential": "The credential configuration to check.",
    "since": "Only accounts changed after this moment (RFC 3339, with a time zone); ignored when `cursor` is given.",
    "accounts": "The accounts changed after `since` or the cursor; empty when none changed.",
}

# Field docs chosen by field name and Rust type, when one name means different things in
# different shapes (the same name with another type falls through to FIELD_DOCS).
FIELD_DOCS_BY_TYPE: dict[tuple[str, str], str] = {
    ("custom_attributes", "Option<Vec<String>>"): "The custom attributes to include, by name (as `list_custom_attributes_schema` declares them); none when absent.",
    ("custom_attributes", "Option<std::collections::BTreeMap<String, String>>"): "This record's custom attribute values, by attribute name (as `list_custom_attributes_schema` declares them).",
    ("custom_attributes", "Option<serde_json::Map<String, serde_json::Value>>"): "This record's custom attribute values, by attribute name, each a JSON value of the attribute's declared type (a boolean attribute holds `true`, not `\"true\"`).",
    ("custom_attributes", "Option<Vec<CustomAttributeParameter>>"): "The custom attributes to include, each with the kind of record it belongs to.",
    ("custom_attributes", "Vec<CustomAttribute>"): "Custom attribute values of the graph's records.",
}

# Field docs for one field of one model ("Model.field"): ids and other names whose meaning
# depends on the model.
MODEL_FIELD_DOCS: dict[str, str] = {
    "AccessGraphEntitlement.id": "The entitlement's id. It must be unique in the whole tenant, not only within its type: grants and implications name the entitlement by it.",
    "AccessGraphEntitlement.resource_id": "The [`AccessGraphResource::id`] of the resource the entitlement is on.",
    "AccessGraphEntitlement.entitlement_type": "The entitlement's type: the `type_id` of one of the integration's declared access-graph entitlement types.",
    "AccessGraphEntitlementAssignment.resource_id": "The [`AccessGraphResource::id`] of the holder, the resource that has been granted the entitlement.",
    "AccessGraphEntitlementAssignment.entitlement_id": "The granted entitlement's [`AccessGraphEntitlement::id`].",
    "AccessGraphEntitlementIdentifier.resource_id": "The [`AccessGraphResource::id`] of the resource the entitlement is on.",
    "AccessGraphEntitlementRule.entitlement_id": "The id the rule's entitlement has on every resource of `resource_type`.",
    "AccessGraphEntitlementRule.entitlement_type": "The type of the rule's entitlement.",
    "AccessGraphEntitlementRule.resource_type": "The resource type whose every resource has the entitlement.",
    "AccessGraphEntitlementRule.label": "The name people see for the rule's entitlement.",
    "AccessGraphEntitlementType.type_id": "The type's id, which entitlements of this type carry in `entitlement_type`.",
    "AccessGraphResource.id": "The resource's id. It must be unique in the whole tenant, not only within its type: edges, entitlements and grants name the resource by it.",
    "AccessGraphResource.resource_type": "The resource's type: a `type_id` of the integration's declared resource types.",
    "AccessGraphResourceRelationship.label": "The name of the relationship (`member_of`, `contains`, ...), which [`AccessGraphImpliedAccessRule::relationship_label`] can refer to.",
    "ActivityRecord.id": "The event's id in the app's activity log.",
    "ApplicationActivityRecord.id": "The event's id in the app's activity log.",
    "ActivityRecordActor.account_id": "The id of the account that acted, as `list_accounts` returned it in [`FoundAccountData::integration_specific_id`].",
    "ActivityRecordTarget.account_id": "The account the event was done to, when it was one, by its [`FoundAccountData::integration_specific_id`].",
    "ActivityRecordTarget.entitlement": "The entitlement the event was done to, when it was one.",
    "ActivityRecordEntitlement.id": "The entitlement's id in the app (an ARN, an internal id).",
    "ActivityRecordEntitlement.type": "The entitlement's kind, in the app's words (`Role`, `Permission`, ...).",
    "ActivityRecordEntitlement.resource_id": "The resource the entitlement is on, when there is one.",
    "ActivityRecordEntitlement.resource_type": "The type of that resource, in the app's words.",
    "AppInfo.app_id": "The integration's `app_id`.",
    "Application.id": "The application instance's id: one tenant of the app (`acme.slack.com`), stable and unique. Every `application_instance_id` refers to it.",
    "Application.name": "The application's name or domain (`slack.com`).",
    "Application.display_name": "The application's name for people (`Slack`).",
    "Application.description": "A longer text about the application, for people.",
    "Application.status": "Whether the application instance is in use.",
    "ApplicationAccount.status": "The account's status in the application instance.",
    "ApplicationEntitlementData.integration_specific_id": "The entitlement's id in the application instance; it need only be unique among the entitlements of its resource and type.",
    "ApplicationResourceData.integration_specific_id": "The resource's id in the application instance; it need only be unique among the resources of its type.",
    "ArbitraryResponse.headers": "The app's response headers, as sent; a repeated header's values are joined with `, `.",
    "ArbitraryResponse.body": "The response body as text, decoded by its charset but not parsed.",
    "ArbitraryResponse.error": "Why no answer from the app arrived (a transport failure, a timeout, a refusal by the connector), in words an end user may see; absent whenever the app answered.",
    "AssignedApplication.assigned": "Whether the account is now assigned to the application instance through the integration, whatever happened in the application itself.",
    "AuthorizationUrl.code_verifier": "The PKCE code verifier behind the challenge in `authorization_url`, for `handle_authorization_callback`.",
    "CapabilitySchema.display_name": "The capability's name in the Lumos UI, when it should not be the capability's own name.",
    "CapabilitySchema.description": "One or two sentences on anything unusual about the capability, shown to end users.",
    "CreateAccount.email": "The new account's email address.",
    "CreateAccount.username": "The new account's user name.",
    "CreateAccount.given_name": "The new account holder's given (first) name.",
    "CreateAccount.family_name": "The new account holder's family (last) name.",
    "CreateAccount.user_status": "The status to create the account with, in the app's words (`active`, `pending`).",
    "CreateAccountEntitlement.integration_specific_id": "The entitlement's id, as `list_entitlements` returned it in [`FoundEntitlementData::integration_specific_id`].",
    "CreateAccountEntitlement.integration_specific_resource_id": "The id of the resource the entitlement is on, as `list_resources` returned it in [`FoundResourceData::integration_specific_id`]; empty or absent for an entitlement not tied to a resource (a tenant-wide role).",
    "CreatedAccount.id": "The new account's id in the app, the value `list_accounts` will return in [`FoundAccountData::integration_specific_id`], when the app tells it.",
    "CreatedAccount.status": "The new account's status.",
    "ActivatedAccount.status": "The account's status after the call.",
    "DeactivatedAccount.status": "The account's status after the call.",
    "DeletedAccount.status": "The account's status after the call.",
    "Credential.resource_id": "The credential's node id in Lumos' graph: unique across the tenant, and what grants on the credential name.",
    "Credential.label": "The credential's name, for people.",
    "Credential.status": "Where the credential is in its lifecycle.",
    "Credential.created_at": "When the credential was created in the app.",
    "Credential.updated_at": "When the credential last changed in the app.",
    "Credential.last_activity": "When the credential was last seen in use (ISO 8601), when the listing shows it; spares a `get_credential_last_activity` call.",
    "CredentialLastActivity.credential_id": "The credential this is about, by its [`Credential::external_id`].",
    "CredentialLastActivity.event_type": "Which kind of activity `happened_at` dates.",
    "NonHumanAccountLastActivity.event_type": "Which kind of activity `happened_at` dates.",
    "LastActivityData.event_type": "The kind of activity, in the app's words.",
    "LastActivityData.happened_at": "When the activity happened.",
    "CustomAttribute.label": "The attribute's name, as the request named it.",
    "CustomAttribute.value": "The attribute's value, of its declared [`CustomAttributeType`].",
    "CustomAttribute.type": "The kind of record `record_id` is the id of.",
    "CustomAttributeParameter.label": "The attribute's name.",
    "CustomAttributeParameter.type": "The kind of record the attribute belongs to.",
    "CustomAttributeSchema.name": "The attribute's name, which requests use to ask for it.",
    "CustomAttributeSchema.description": "What the attribute holds, for people, when the name does not make it clear.",
    "Delta.cursor": "The cursor a previous call returned; absent the first time, which returns everything.",
    "ListUpdatedAccounts.cursor": "The cursor the previous `list_updated_accounts` returned, to get the changes made after it; absent the first time. Takes precedence over `since`.",
    "UpdatedAccounts.cursor": "The cursor to send with the next `list_updated_accounts` to get the changes made after this one.",
    "EntitlementType.type_id": "The type's id, which entitlements of this type carry in `entitlement_type`.",
    "EntitlementType.min": "The fewest entitlements of this type an account holds. Above 0, they are mandatory (`create_account` gets them in `entitlements`); at 0, the last one may be taken away.",
    "EntitlementType.max": "The most entitlements of this type an account holds: 1 for at most one, none for no limit.",
    "EntitlementRequirement.min": "The fewest entitlements of the type an account holds, for this capability.",
    "EntitlementRequirement.max": "The most entitlements of the type an account holds, for this capability.",
    "ExecutionSummary.description": "More about what happened, for debugging or for people; with a `noop` effect, more than its `reason` says.",
    "Expense.id": "The expense's id in the app: stable, it must never change.",
    "Expense.transaction_date": "When the employee paid the seller (ISO 8601).",
    "Expense.description": "What was bought, in words.",
    "Expense.type": "Whether it was reimbursed or paid by card.",
    "Expense.url": "A link to the expense in the app.",
    "Expense.custom_attributes": "Fields this tenant added in the app.",
    "ExpenseApprovalStatus.id": "The status's id in the app, when the app has custom statuses.",
    "ExpenseApprovalStatus.value": "The status as the app stores it.",
    "ExpensePaymentStatus.id": "The status's id in the app, when the app has custom statuses.",
    "ExpensePaymentStatus.value": "The status as the app stores it.",
    "ExpenseFilters.transaction_date": "Only expenses whose `transaction_date` falls in this span.",
    "FoundAccountData.integration_specific_id": "The account's id in the app: stable, and unique among the integration's accounts. Every other account id (`account_id`, `account_integration_specific_id`, ...) refers to this value.",
    "FoundAccountData.resource_id": "The account's node id in Lumos' graph, unique across the tenant; when absent, Lumos derives one from `integration_specific_id`.",
    "FoundAccountData.user_status": "The account's status in the app.",
    "FoundEntitlementData.integration_specific_id": "The entitlement's id in the app; it need only be unique among the entitlements of its resource and type. Grants name the entitlement by it (`entitlement_integration_specific_id`, `integration_specific_entitlement_id`).",
    "FoundResourceData.integration_specific_id": "The resource's id in the app; it need only be unique among the resources of its type. Entitlements and grants name the resource by it (`integration_specific_resource_id`, `resource_integration_specific_id`); the tenant itself is a resource too, for tenant-wide entitlements.",
    "FulfillArbitraryEndpoint.url": "A path relative to the instance's base URL, or an absolute URL on the same host (a next-page link the app returned), sent as it is.",
    "FulfillArbitraryEndpoint.body": "The request body, sent as it is; only with `POST` (the connector sets its content type).",
    "FulfillArbitraryEndpoint.headers": "More request headers; only those the connector allows are accepted.",
    "GetAuthorizationUrl.credential_id": "The `id` of the credential this flow is for, in a multi-credential integration.",
    "HandleAuthorizationCallback.credential_id": "The `id` of the credential this flow is for, in a multi-credential integration.",
    "HandleClientCredentials.credential_id": "The `id` of the credential this flow is for, in a multi-credential integration.",
    "RefreshAccessToken.credential_id": "The `id` of the credential this flow is for, in a multi-credential integration.",
    "GetAuthorizationUrl.state": "An opaque value to send with the authorization request; the callback brings it back unchanged, which guards against forged callbacks.",
    "HandleAuthorizationCallback.state": "The `state` value of the flow, when it has one.",
    "HandleAuthorizationCallback.code_verifier": "The PKCE code verifier `get_authorization_url` returned, when PKCE is on.",
    "RefreshAccessToken.state": "The `state` value of the flow, when it has one.",
    "RefreshAccessToken.refresh_token": "The refresh token to trade for a new access token.",
    "OauthCredentials.refresh_token": "The token that gets a new access token later (`refresh_access_token`), when the app issued one.",
    "OauthCredentials.state": "The flow's `state` value, brought back unchanged.",
    "JWTClaims.client_id": "The `client_id` claim: the OAuth client the token was issued to.",
    "ListActivityRecords.actors": "The actors whose events to return.",
    "NonHumanAccount.id": "The non-human account's id in the app, stable and unique. Every `non_human_account_id` refers to it.",
    "NonHumanAccount.resource_id": "The account's node id in Lumos' graph, unique across the tenant; grants held by the account name it.",
    "NonHumanAccount.label": "The principal's own name (the role, the installation); the workload's name goes in `workload_name`.",
    "NonHumanAccount.type": "The principal's kind in the app's words (`iam_role`, `github_app_installation`).",
    "NonHumanAccount.status": "The account's status in the app.",
    "NonHumanAccount.created_at": "When the account was created in the app.",
    "NonHumanAccount.updated_at": "When the account last changed in the app.",
    "NonHumanAccount.extra_data": "App-specific data with no standard field, including what Lumos uses to match non-human accounts to the identities behind them.",
    "NoopEffect.reason": "Why nothing changed.",
    "OpenAPISpecificationInfo.description": "The integration's description.",
    "ProbeCheck.status": "How the check ended.",
    "ProbeCheck.source": "Whether the connector ran the check itself, or the result was derived from a standard capability.",
    "ProbeCheck.capability": "The standard capability the check ran (`list_accounts`), when it maps to one.",
    "ProbeCheck.message": "A short summary of the outcome, for people.",
    "ProbeCheck.error": "The error that made the check fail, in the shape of any connector error.",
    "ProbeCheck.custom_attributes": "Per declared account attribute, whether any sampled account had a value for it; only on the `accounts` check, and only when the connector has `list_custom_attributes_schema`. An attribute no account had makes the run `partial`.",
    "ProbeCheck.duration_ms": "How long the check took, in milliseconds.",
    "ProbeConfigFinding.message": "What was found, for people.",
    "ProbeConfigFinding.setting": "The setting to change to fix it, when that is not the sample's own `setting`.",
    "ProbeCustomAttributeResult.name": "The attribute's name, as the connector's schema declares it.",
    "ProbeCustomAttributeResult.status": "Whether any sampled account had a value for it.",
    "ProbeEntitlementTypeResult.entitlement_type": "The declared entitlement type this result is about.",
    "ProbeEntitlementTypeResult.status": "Whether an entitlement of this type turned up; the check's `samples` hold the entitlements.",
    "ProbeIntegration.custom_attributes": "Limits the probe to these custom attributes. Usually absent: a probe runs before the customer has mapped any, and then covers every attribute the connector declares.",
    "ProbeIntegration.checks": "Only these checks run, the others are reported `skipped`; absent runs every check the connector supports.",
    "ProbeResults.status": "How the run went, over all the checks that ran.",
    "ProbeResults.checks": "One entry per check considered, `skipped` and `unsupported` ones included.",
    "ProbeResults.duration_ms": "How long the whole run took, in milliseconds.",
    "ProbeSampleAccount.integration_specific_id": "The sampled account's id, as in [`FoundAccountData::integration_specific_id`].",
    "ProbeSampleAccount.email": "The account's email address, when the connector reports one.",
    "ProbeSampleAccount.username": "The account's user name, when the connector reports one.",
    "ProbeSampleAccount.user_status": "The account's status, as the connector reported it.",
    "ProbeSampleAccount.custom_attributes": "The probed custom attributes, as they stand on this account.",
    "ProbeSampleAssociation.account_id": "The id of the account holding the entitlement, as in [`FoundAccountData::integration_specific_id`].",
    "ProbeSampleCapabilityConfig.capability": "The standard capability the configuration is for (`assign_entitlement`).",
    "ProbeSampleCapabilityConfig.setting": "The setting that holds the configuration, so that findings can point at it.",
    "ProbeSampleCapabilityConfig.status": "How the configuration was judged.",
    "ProbeSampleCustomAttribute.name": "The attribute's name.",
    "ProbeSampleCustomAttribute.value": "This account's value for it; absent when it has none.",
    "ProbeSampleCustomAttribute.customized_type": "The kind of record that carries the attribute, when the connector declares a schema.",
    "ProbeSampleCustomAttribute.attribute_type": "The attribute's value type, when the connector declares a schema.",
    "ProbeSampleEntitlement.integration_specific_id": "The sampled entitlement's id, as in [`FoundEntitlementData::integration_specific_id`].",
    "ProbeSampleEntitlement.entitlement_type": "The entitlement's type, as the connector reported it.",
    "RateLimitStateSnapshot.source": "Where these numbers come from.",
    "Reference.id": "The id of the record pointed at (for an account, its [`FoundAccountData::integration_specific_id`]).",
    "Reference.type": "The kind of record pointed at.",
    "ResourceType.type_id": "The type's id, which resources of this type carry in `resource_type`.",
    "SpendUser.id": "The person's id in the app, stable.",
    "SpendUser.email": "The person's email address.",
    "SpendUser.given_name": "The person's given (first) name.",
    "SpendUser.family_name": "The person's family (last) name.",
    "UnassignedApplication.unassigned": "Whether the account's assignment to the application instance through the integration was removed, whatever happened in the application itself.",
    "UnassignedApplication.status": "The account's status after the call.",
    "UnassignedApplicationEntitlement.unassigned": "Whether the entitlement was taken away.",
    "UpdateableAccount.id": "The account to change, by the id `list_accounts` returned in [`FoundAccountData::integration_specific_id`].",
    "ValidatedCredentialConfig.valid": "Whether the configuration is valid.",
    "Vendor.id": "The company's id in the app.",
    "Vendor.name": "The company's name.",
    "Vendor.description": "A longer text about the company.",
}

# Enum variant docs, by enum and wire value.
VARIANT_DOCS: dict[str, dict[str, str]] = {
    "AccountStatus": {
        "ACTIVE": "Can sign in and use the app.",
        "INACTIVE": "Exists but is disabled.",
        "SUSPENDED": "Blocked for the time being (by an administrator, say).",
        "DEPROVISIONED": "Access removed by deprovisioning; the account may still be listed.",
        "PENDING": "Created but not usable yet (an invitation not accepted).",
        "DELETED": "Deleted in the app.",
    },
    "AccountType": {"service": "A service, bot or other non-person account.", "user": "A person's account."},
    "ActivityEventType": {"last_login": "The last sign-in.", "last_activity": "The last activity of any kind."},
    "ActivityType": {"ACCOUNT_LOGIN": "An account signed in."},
    "ApplicationStatus": {"ACTIVE": "In use.", "INACTIVE": "Disabled."},
    "ArbitraryRequestMethod": {"GET": "`GET`, the default.", "POST": "`POST`, which only reaches paths the connector allows."},
    "AssignmentMode": {
        "ACCOUNT": "Accounts are assigned the application as a whole.",
        "ENTITLEMENT": "Accounts are granted entitlements inside the application.",
    },
    "CredentialStatus": {
        "active": "In use.",
        "inactive": "Disabled, but can be enabled again.",
        "stale": "Not used for a long time.",
        "expired": "Past its expiry date.",
        "revoked": "Withdrawn for good.",
    },
    "CustomAttributeCustomizedType": {
        "account": "Accounts ([`FoundAccountData`]).",
        "entitlement": "Entitlements.",
        "resource": "Resources.",
        "credential": "Credentials ([`Credential`]).",
        "non_human_account": "Non-human accounts ([`NonHumanAccount`]).",
    },
    "CustomAttributeType": {
        "string": "Text.",
        "user": "A reference to a user.",
        "boolean": "`true` or `false`.",
        "integer": "A whole number.",
        "datetime": "A date and time.",
    },
    "ExecutionEffect": {
        "created": "A record was added.",
        "updated": "A record was changed.",
        "deleted": "A record was removed.",
        "noop": "Nothing changed.",
    },
    "ExpenseType": {
        "reimbursement": "Paid by the employee, then paid back by the company.",
        "card_transaction": "Paid with a company card.",
    },
    "KeyGenType": {
        "SSH": "An OpenSSH key pair.",
        "SSH_PEM": "An SSH key pair in PEM encoding.",
        "PEM_PK8": "A PKCS #8 private key in PEM encoding.",
        "PGP": "A PGP key pair.",
        "JWK_RSA": "An RSA key pair as a JSON Web Key.",
    },
    "NoopEffectReason": {"state_already_matches": "The app was already in the requested state."},
    "NormalizedExpenseApprovalStatus": {
        "pending": "Waiting for approval.",
        "approved": "Approved.",
        "rejected": "Turned down.",
        "canceled": "Withdrawn before a decision.",
        "unknown": "Not known, or with no counterpart here.",
    },
    "NormalizedExpensePaymentStatus": {"paid": "Paid.", "unpaid": "Not paid yet."},
    "ProbeCapabilityConfigStatus": {
        "valid": "Usable as configured.",
        "warning": "Usable, with findings worth a look.",
        "invalid": "Would fail as configured.",
        "not_configured": "Has no configuration.",
    },
    "ProbeCapabilityType": {"read": "Reads the app.", "write": "Changes the app."},
    "ProbeCheckName": {
        "accounts": "Accounts can be listed.",
        "entitlements": "Entitlements can be listed, and of which declared types.",
        "entitlement_associations": "Grants can be listed, and point at accounts that exist.",
        "capability_config": "The configured capabilities' settings hold up.",
    },
    "ProbeCheckSource": {
        "native": "The connector ran the check itself.",
        "default": "Derived from the standard capabilities instead of run by the connector itself.",
    },
    "ProbeCheckStatus": {
        "passed": "It succeeded.",
        "failed": "It failed; `error` says why.",
        "unsupported": "The connector cannot run it.",
        "skipped": "Not run: the request's `checks` left it out.",
    },
    "ProbeConfigFindingSeverity": {
        "error": "Makes the capability fail.",
        "warning": "Worth fixing, but does not stop the capability.",
        "info": "A remark.",
    },
    "ProbeCoverageStatus": {
        "found": "Seen on at least one sample.",
        "not_found": "Looked for and not seen.",
        "not_checked": "Not looked for.",
    },
    "ProbeStatus": {
        "passed": "Every check that ran passed.",
        "partial": "Some of what was checked did not pass.",
        "failed": "The probe failed.",
    },
    "RateLimitMode": {
        "enforce": "Pace requests to stay within the limits, and retry rate-limited ones.",
        "retry_only": "Do not pace requests; only retry rate-limited ones.",
        "bypass": "Neither pace requests nor retry rate-limited ones.",
        "enforce_no_retry": "Pace requests to stay within the limits, but do not retry rate-limited ones.",
    },
    "RateLimitStateSnapshotSource": {
        "api_headers": "Read from the app's response headers.",
        "sdk_counter": "Counted by the connector against its own configured limits.",
    },
    "ReferenceType": {"account": "An account ([`FoundAccountData`])."},
    "ServiceAccountType": {
        "google_cloud": "A Google Cloud service account.",
        "google_drive": "A Google Drive service account.",
        "aws": "AWS access keys.",
        "aws_role": "An AWS role to assume.",
    },
    "SignOnMode": {
        "SAML": "Single sign-on with SAML.",
        "OIDC": "Single sign-on with OpenID Connect.",
        "BOOKMARK": "A link only, without single sign-on.",
        "UNKNOWN": "Not known.",
    },
    "TokenType": {"bearer": "A bearer token, sent as `Authorization: Bearer <token>`."},
}


def wire_words(value: str) -> str:
    """`HR_AND_LEARNING` -> `HR and learning` (upper-case words of two letters are acronyms)."""
    words = []
    for i, w in enumerate(value.split("_")):
        if len(w) <= 2 and w.isupper() and w not in ("AND", "OR"):
            words.append(w)
        else:
            low = w.lower()
            words.append(low.capitalize() if i == 0 else low)
    return " ".join(words)


def sentences(text: str) -> list[str]:
    """Normalized sentences of `text`, for the no-copy check."""
    out = []
    for s in re.split(r"(?<=[.!?:;])\s+|\n+", text):
        s = re.sub(r"[^a-z0-9 ]+", " ", s.lower())
        s = " ".join(s.split())
        if s:
            out.append(s)
    return out


class Docs:
    """Composes the doc comments of the generated items (see the tables above)."""

    def __init__(self, g: "Gen", caps: list[dict]):
        self.g = g
        self.caps = caps
        self.payload_of: dict[str, list[str]] = {}
        self.output_of: dict[str, list[tuple[str, bool]]] = {}
        for c in caps:
            self.payload_of.setdefault(c["payload"], []).append(c["name"])
            self.output_of.setdefault(c["output"], []).append((c["name"], c["list"]))
        # Normalized text of every description in the spec: no generated doc may repeat one.
        self.spec_text: list[str] = []
        self.spec_sentences: set[str] = set()

        def walk(node):
            if isinstance(node, dict):
                for k, v in node.items():
                    if k == "description" and isinstance(v, str):
                        self.spec_text.append(" ".join(sentences(v)))
                        self.spec_sentences.update(sentences(v))
                    else:
                        walk(v)
            elif isinstance(node, list):
                for v in node:
                    walk(v)

        walk(g.spec)
        for table in ("MODEL_DOCS", "CAPABILITY_DOCS"):
            entries = globals()[table]
            keys = set(g.items) if table == "MODEL_DOCS" else set(CAPABILITIES)
            unused = sorted(set(entries) - keys)
            if unused:
                raise GenError(f"{table} documents what the spec no longer has: {unused}")

    # ---- checks ----
    def check(self, where: str, text: str) -> str:
        if not text or not text.strip():
            raise GenError(f"{where}: no doc comment; write one in tools/gen_models.py (MODEL_DOCS, FIELD_DOCS, ...)")
        if text.lstrip().startswith("#"):
            raise GenError(f"{where}: a doc starting with '#' would become a schema title")
        self.check_not_copied(where, text)
        return text

    def check_not_copied(self, where: str, text: str):
        """Refuses a doc sentence that is the spec's: one equal to a spec sentence (three words
        or more), or one of six words or more found inside the spec's prose."""
        for s in sentences(text):
            n = len(s.split())
            if (n >= 3 and s in self.spec_sentences) or (n >= 6 and any(s in t for t in self.spec_text)):
                raise GenError(f"{where}: doc sentence copies the spec's description: {s!r}")

    # ---- helpers ----
    @staticmethod
    def cap_link(name: str, local: bool = False) -> str:
        """A link to a capability's marker (`local`: from `capabilities/standard.rs` itself)."""
        return f"[`{name}`]" if local else f"[`{name}`](crate::capabilities::{name})"

    @staticmethod
    def listing(items: list[str]) -> str:
        if len(items) <= 2:
            return " and ".join(items)
        return ", ".join(items[:-1]) + " and " + items[-1]

    def tag_value(self, model: str) -> str | None:
        """The one value of a model's `kind` tag, when it has one."""
        item = self.g.items.get(model)
        if not item or item["kind"] != "struct":
            return None
        for f in item["fields"]:
            if f.json_name == "kind":
                tag = self.g.items.get(f.rust_type)
                if tag and tag["kind"] == "enum" and len(tag["variants"]) == 1:
                    return tag["variants"][0][1]
        return None

    def union_of(self, model: str) -> str | None:
        for name, item in self.g.items.items():
            if item["kind"] == "union" and any(v[3] == model for v in item["variants"]):
                return name
        return None

    def x_key_doc(self, where: str, key: str, value, model: str | None = None) -> str:
        if key == "x-semantic":
            if value not in SEMANTIC_DOCS:
                raise GenError(f"{where}: x-semantic {value!r} has no entry in SEMANTIC_DOCS")
            what, home = SEMANTIC_DOCS[value]
            if home == where:
                return (f"`x-semantic: {value}`: Lumos reads the value as {what}; this is the field the "
                        f"others marked `{value}` refer to.")
            if home:
                what += " ([`" + home.replace(".", "::") + "`])"
            return f"`x-semantic: {value}`: Lumos reads the value as {what}."
        if key == "x-unique-hash":
            fields = ", ".join(f"`{f}`" for f in value)
            if len(value) == 1:
                return (f"`x-unique-hash` ({fields}): Lumos tells records of this model apart by this field: "
                        "two with the same value are one record, so keep it unique in what a capability returns.")
            return (f"`x-unique-hash` ({fields}): Lumos tells records of this model apart by these fields "
                    "together: two with the same values are one record, so keep the combination unique in "
                    "what a capability returns.")
        if key == "x-capability-level":
            if value not in LEVEL_DOCS:
                raise GenError(f"{where}: x-capability-level {value!r} has no entry in LEVEL_DOCS")
            return f"`x-capability-level: {value}`: {LEVEL_DOCS[value]}."
        if key == "x-capability-category":
            if value not in CATEGORY_DOCS:
                raise GenError(f"{where}: x-capability-category {value!r} has no entry in CATEGORY_DOCS")
            return f"`x-capability-category: {value}`: {CATEGORY_DOCS[value]}."
        if key == "x-entitlement-type":
            return ("`x-entitlement-type`: the value is one of the integration's declared entitlement types "
                    "([`EntitlementTypeDef`](crate::EntitlementTypeDef)); `app_info` lists their `type_id`s as "
                    "the field's `enum`.")
        if key == "x-resource-type":
            return ("`x-resource-type`: the value is one of the integration's declared resource types "
                    "([`ResourceTypeDef`](crate::ResourceTypeDef)); `app_info` lists their `type_id`s as the "
                    "field's `enum`.")
        if key == "x-deprecated":
            return "`x-deprecated`: kept for older callers; new code should not use it."
        if key == "format" and value == "date-time":
            return "A date and time as an RFC 3339 string (`format: date-time`)."
        raise GenError(f"{where}: `{key}` has no explanation in Docs.x_key_doc")

    # ---- items ----
    def model(self, name: str, item: dict) -> str:
        owner = self.g.inline_owner.get(name)
        if name in MODEL_DOCS:
            first = MODEL_DOCS[name]
        elif item["kind"] == "enum" and owner and len(item["variants"]) == 1:
            first = f"The type of [`{owner}`]'s `kind` tag, which has one value: `{item['variants'][0][1]}`."
        else:
            first = ""
        self.check(name, first)
        paras = [first]
        uses = []
        if name in self.payload_of:
            uses.append("The payload of " + self.listing([self.cap_link(c) for c in self.payload_of[name]]) + ".")
        if name in self.output_of:
            outs = [self.cap_link(c) + (" (a list of them)" if is_list else "") for c, is_list in self.output_of[name]]
            uses.append("Returned by " + self.listing(outs) + ".")
        if item["kind"] == "struct" and not item["fields"]:
            uses.append("It has no fields.")
        if uses:
            paras.append(" ".join(uses))
        for key, value in item["extensions"]:
            paras.append(self.x_key_doc(name, key, value, name))
        return self.check(name, "\n\n".join(paras))

    def field(self, model: str, f: "Field") -> str:
        key = f"{model}.{f.json_name}"
        text = (MODEL_FIELD_DOCS.get(key)
                or FIELD_DOCS_BY_TYPE.get((f.json_name, f.rust_type))
                or FIELD_DOCS.get(f.json_name))
        if not text and f.json_name in CAPABILITIES:
            text = f"The OAuth scopes {self.cap_link(f.json_name)} needs, separated by spaces."
        if not text and f.json_name == "kind":
            tag = self.tag_value(model)
            union = self.union_of(model)
            if tag is not None and union:
                text = f"The tag that marks this case of [`{union}`] on the wire: always `{tag}`."
        self.check(key, text or "")
        facts = []
        if f.required:
            facts.append("Required.")
        elif f.default is not None and f.rust_type.startswith("Option<"):
            facts.append(f"Optional: `None` means `{f.default}`, the spec's default, and is written as `null`.")
        elif f.default is not None:
            default = f.default
            if default == []:
                shown = "an empty list"
            elif isinstance(default, str):
                shown = f"`{default}`"
            else:
                raise GenError(f"{key}: default {default!r} has no wording in Docs.field")
            facts.append(f"May be left out on the wire, which reads as {shown}.")
        else:
            facts.append("Optional: `None` is written as `null`.")
        for xk, xv in f.extensions:
            facts.append(self.x_key_doc(key, xk, xv))
        return self.check(key, text + "\n\n" + " ".join(facts))

    def variant(self, enum: str, item: dict, wire: str) -> str:
        where = f"{enum}::{wire}"
        text = VARIANT_DOCS.get(enum, {}).get(wire)
        if text is None and enum == "StandardCapabilityName":
            if wire in CAPABILITIES:
                text = f"{CAPABILITY_DOCS[wire]} See {self.cap_link(wire)}."
            else:
                text = NOT_REGISTRABLE_DOCS.get(wire)
        if text is None and enum == "AppCategory":
            text = f"{wire_words(wire)}."
        if text is None and enum in self.g.inline_owner and len(item["variants"]) == 1:
            text = f"`{wire}`, the only value."
        return self.check(where, text or "")

    def union_variant(self, union: str, vname: str, member: str) -> str:
        where = f"{union}::{vname}"
        if member == "#string" and vname == "Other":
            text = "Any other string."
        elif vname == "Known":
            text = f"One of the [`{member}`] values."
        else:
            tag = self.tag_value(member)
            article = "An" if member[:1] in "AEIOU" else "A"
            text = f"{article} [`{member}`]" + (f" (`kind` is `{tag}`)." if tag else ".")
        return self.check(where, text)

    # ---- capabilities/standard.rs ----
    def marker(self, c: dict) -> str:
        n = c["name"]
        if n not in CAPABILITY_DOCS:
            raise GenError(f"capability {n}: no entry in CAPABILITY_DOCS")
        payload = f"[`{c['payload']}`]({model_path(c['payload'])})"
        output = f"[`{c['output']}`]({model_path(c['output'])})"
        returns = f"a `Vec` of {output}" if c["list"] else output
        level = "reads the app" if c["level"] == "Read" else "may change the app"
        paras = [
            f"The `{n}` capability: {CAPABILITY_DOCS[n][0].lower()}{CAPABILITY_DOCS[n][1:]}",
            f"Level `{c['level'].lower()}` (it {level}). Takes {payload} and returns {returns}. "
            f"Implement it with `#[capability({n})]` on an `async fn`.",
        ]
        if not c["authenticated"]:
            paras.append("Runs without credentials: its request envelope has no `auth` (a step of an OAuth flow).")
        if c["customizable"]:
            paras.append(f"The payload may be a type of your own with more fields, when it implements "
                         f"[`Extends<{c['payload']}>`](crate::capabilities::Extends).")
        return "\n\n".join(paras)

    def request_alias(self, c: dict) -> str:
        payload = f"[`{c['payload']}`]({model_path(c['payload'])})"
        return (f"The request envelope of {self.cap_link(c['name'], True)}: the {payload} payload with the "
                "integration's settings `S` and credentials `A` (see [`Request`](crate::request::Request)).")

    def response_alias(self, c: dict) -> str:
        output = f"[`{c['output']}`]({model_path(c['output'])})"
        returns = f"a `Vec` of {output}" if c["list"] else output
        return f"The success envelope of {self.cap_link(c['name'], True)}: {returns}."


def doc_lines(text: str, indent: str, width: int = 100) -> list[str]:
    """`///` lines for `text` (paragraphs separated by blank lines), wrapped to `width`."""
    out = []
    for i, para in enumerate(text.split("\n\n")):
        if i:
            out.append(f"{indent}///")
        wrapped = textwrap.wrap(para, width=width - len(indent) - 4, break_long_words=False, break_on_hyphens=False)
        out.extend(f"{indent}/// {line}" for line in wrapped)
    return out


def cfg_doc_lines(text: str, indent: str, width: int = 100) -> list[str]:
    """The same as `#[cfg_attr(doc, doc = "...")]` lines: rustdoc sees them, the derives do not."""
    out = []
    for line in doc_lines(text, indent, width):
        body = line[len(indent) + 3:]
        out.append(f"{indent}#[cfg_attr(doc, doc = {rust_str(body)})]")
    return out


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------
HEADER_MODELS = """\
// @generated by `tools/gen_models.py` from Lumos' `openapi.json`: do not edit by hand.

//! The Lumos wire models: payloads, results and the shared types they use.
//!
//! Generated by `tools/gen_models.py` from Lumos' `openapi.json`. Do not edit by hand;
//! change the generator and run it again. Names, fields, enum values, required-ness and `x-`
//! schema keys are the spec's; optional fields are `Option` and always serialized (`null`
//! included). Build a model with its builder (`FoundAccountData::builder()`): the structs are
//! `#[non_exhaustive]`, so a field the spec adds later breaks no connector.
//!
//! Every item's doc comment is the generator's own (it never copies the spec's prose), and no
//! doc reaches a JSON schema: `info` and `app_info` carry the spec's schemas without their
//! descriptions. So each documented struct, enum and field also says
//! `#[schemars(description = "")]`, which keeps its doc out of the schema, and enum variants
//! are documented with `#[cfg_attr(doc, doc = "...")]`, which rustdoc reads and the derive
//! never sees (any doc on a unit variant would turn the enum's `enum: [...]` into a `oneOf`).
//!
//! Integers have the width of the spec's `format` (`int32` is `i32`, `int64` is `i64`,
//! `uint32` is `u32`; no format is `i64`). A request integer outside that range is rejected
//! when the envelope is decoded, as `bad_request`, so no response can echo one (a `page.size`
//! of 2^63 - 1, say). connector-py is laxer here: its pydantic models read every integer as an
//! unbounded `StrictInt`. Lumos itself only sends values in the spec's range.

// The variants' docs exist only under rustdoc (above), where `missing_docs` is checked.
#![cfg_attr(not(doc), allow(missing_docs))]

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

// The models the credentials of `crate::credentials` embed are generated into
// `credential_models.rs`, which uses neither that module nor this one.
pub use crate::credential_models::*;
"""

HEADER_CREDENTIAL_MODELS = """\
// @generated by `tools/gen_models.py` from Lumos' `openapi.json`: do not edit by hand.

//! The wire models the hand-written credentials (`crate::credentials`) embed, re-exported by
//! `crate::models` (and named from there).
//!
//! Generated by `tools/gen_models.py` from Lumos' `openapi.json`, like the rest of
//! `models.rs` (whose module doc says how); they are in a file of their own so that
//! `credentials.rs` and `models.rs`, which uses `AuthCredential`, do not use each other.

// The variants' docs exist only under rustdoc, where `missing_docs` is checked.
#![cfg_attr(not(doc), allow(missing_docs))]

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
"""

DATETIME_HELPER = """
/// Schema-only stand-in for a string in `date-time` format (used with `schemars(with)` where
/// an attribute on the field cannot reach the nested value). Never constructed.
#[allow(dead_code)]
enum DateTimeSchema {}

impl schemars::JsonSchema for DateTimeSchema {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DateTime".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "string", "format": "date-time"})
    }
}
"""


NO_SCHEMA_DOC = '#[schemars(description = "")]'


# A one-value tag enum (`kind`) is a plain string in pydantic's schema, as its `Literal` field is:
# the field's default says the value.
TAG_SCHEMA = """
impl JsonSchema for {name} {{
    fn inline_schema() -> bool {{
        true
    }}

    fn schema_name() -> std::borrow::Cow<'static, str> {{
        "{name}".into()
    }}

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {{
        schemars::json_schema!({{"type": "string"}})
    }}
}}"""


def is_tag_enum(g: Gen, name: str, item: dict) -> bool:
    """Whether `name` is the one-value enum of a union member's `kind` tag."""
    return item["kind"] == "enum" and name in g.inline_owner and len(item["variants"]) == 1


def render_models(g: Gen, docs: Docs, header: str, names: list[str]) -> str:
    out = [header]
    if any(f.schema_with and "DateTimeSchema" in f.schema_with
           for name in names if g.items[name]["kind"] == "struct" for f in g.items[name]["fields"]):
        out.append(DATETIME_HELPER)
    for name in names:
        item = g.items[name]
        out.append("")
        out.extend(doc_lines(docs.model(name, item), ""))
        tag = is_tag_enum(g, name, item)
        derives = [d for d in item["derives"] if not (tag and d == "JsonSchema")]
        out.append(derive_attr(derives))
        ext = extend_attr(item["extensions"])
        if item["kind"] == "struct":
            out.append("#[derive(bon::Builder)]")
            out.append("#[builder(on(String, into))]")
            if any(field_ident(f.json_name)[0] in STD_TRAIT_METHODS for f in item["fields"]):
                # A field named like `Sub::sub` gets a builder setter of that name.
                out.append("#[allow(clippy::should_implement_trait)]")
            out.append("#[non_exhaustive]")
            out.append(NO_SCHEMA_DOC)
            if ext:
                out.append(ext)
            out.append(f"pub struct {name} {{")
            for f in item["fields"]:
                ident, rename = field_ident(f.json_name)
                out.extend(doc_lines(docs.field(name, f), "    "))
                serde = []
                if rename:
                    serde.append(f"rename = {rust_str(f.json_name)}")
                if not f.required:
                    serde.append("default")
                if serde:
                    out.append(f"    #[serde({', '.join(serde)})]")
                out.append("    " + NO_SCHEMA_DOC)
                if f.schema_with:
                    out.append(f"    #[schemars(with = {rust_str(f.schema_with)})]")
                if f.rust_type in g.items and is_tag_enum(g, f.rust_type, g.items[f.rust_type]):
                    # A builder need not be told the one value of a tag.
                    out.append("    #[builder(default)]")
                fext = extend_attr(f.extensions)
                if fext:
                    out.append("    " + fext)
                out.append(f"    pub {ident}: {f.rust_type},")
            out.append("}")
        elif item["kind"] == "enum":
            if not tag:
                out.append(NO_SCHEMA_DOC)
            if ext:
                out.append(ext)
            out.append(f"pub enum {name} {{")
            for vn, wire in item["variants"]:
                out.extend(cfg_doc_lines(docs.variant(name, item, wire), "    "))
                if item["default"] == wire:
                    out.append("    #[default]")
                out.append(f"    #[serde(rename = {rust_str(wire)})]")
                out.append(f"    {vn},")
            out.append("}")
            out.append("")
            out.append(f"impl {name} {{")
            out.append("    /// The value as it is spelled on the wire.")
            out.append("    #[must_use]")
            out.append("    pub const fn as_str(self) -> &'static str {")
            out.append("        match self {")
            for vn, wire in item["variants"]:
                out.append(f"            Self::{vn} => {rust_str(wire)},")
            out.append("        }")
            out.append("    }")
            out.append("}")
            if tag:
                out.append(TAG_SCHEMA.format(name=name))
        else:  # union
            out.append("#[serde(untagged)]")
            # pydantic never names a union: its members are listed where it is used.
            out.append("#[schemars(inline)]")
            out.append(NO_SCHEMA_DOC)
            if ext:
                out.append(ext)
            out.append(f"pub enum {name} {{")
            for vn, rt, _, key in item["variants"]:
                out.extend(cfg_doc_lines(docs.union_variant(name, vn, key), "    "))
                out.append(f"    {vn}({rt}),")
            out.append("}")
            for vn, rt, _, _ in item["variants"]:
                out.append("")
                out.append(f"impl From<{rt}> for {name} {{")
                out.append(f"    fn from(value: {rt}) -> Self {{")
                out.append(f"        Self::{vn}(value)")
                out.append("    }")
                out.append("}")
    return "\n".join(out) + "\n"


HEADER_CAPS = """\
// @generated by `tools/gen_models.py` from Lumos' `openapi.json`: do not edit by hand.

//! One marker type per registrable standard capability, with its request and response aliases.
//!
//! Generated by `tools/gen_models.py` from Lumos' `openapi.json` (payload and output types) and
//! the capability tables of connector-py (levels, authentication, customizable payloads). Do not
//! edit by hand; change the generator and run it again.
"""


def model_path(name: str) -> str:
    if name in EXTERNAL:
        return EXTERNAL[name][0]
    return f"crate::models::{name}"


def render_capabilities(caps, docs: Docs) -> str:
    out = [HEADER_CAPS]
    out.append("/// Every registrable standard capability name, in Lumos' declaration order.")
    out.append("pub const ALL: &[&str] = &[")
    for c in caps:
        out.append(f"    {rust_str(c['name'])},")
    out.append("];")
    for c in caps:
        payload = model_path(c["payload"])
        output = model_path(c["output"])
        if c["list"]:
            output = f"Vec<{output}>"
        n = c["name"]
        out.append("")
        out.extend(doc_lines(docs.marker(c), ""))
        out.append("#[allow(non_camel_case_types)]")
        out.append("#[derive(Debug, Clone, Copy)]")
        # Braced, so the marker lives in the type namespace only and never clashes with
        # the author's `async fn` of the same name.
        out.append(f"pub struct {n} {{}}")
        out.append("")
        out.append(f"impl crate::capabilities::Capability for {n} {{")
        out.append(f"    const NAME: &'static str = {rust_str(n)};")
        out.append(f"    const LEVEL: crate::capabilities::Level = crate::capabilities::Level::{c['level']};")
        if not c["authenticated"]:
            out.append("    const AUTHENTICATED: bool = false;")
        if c["customizable"]:
            out.append("    const CUSTOMIZABLE: bool = true;")
        out.append(f"    type Payload = {payload};")
        out.append(f"    type Output = {output};")
        out.append("}")
        if c["customizable"]:
            out.append(f"impl<P: crate::capabilities::Extends<{payload}>> crate::capabilities::PayloadOf<{n}> for P {{}}")
        else:
            out.append(f"impl crate::capabilities::PayloadOf<{n}> for {payload} {{}}")
        out.append(f"impl crate::capabilities::OutputOf<{n}> for {output} {{")
        out.append(f"    fn into_output(self) -> {output} {{")
        out.append("        self")
        out.append("    }")
        out.append("}")
        out.append("")
        out.extend(doc_lines(docs.request_alias(c), ""))
        out.append(
            f"pub type {c['req_alias']}<S = crate::request::NoSettings, A = crate::request::NoAuth> = "
            f"crate::request::Request<{payload}, S, A>;"
        )
        out.extend(doc_lines(docs.response_alias(c), ""))
        out.append(f"pub type {c['resp_alias']} = crate::response::Response<{output}>;")
    out.append("")
    out.append("/// The request and response aliases alone, for glob imports (the prelude): the markers")
    out.append("/// stay out of scope, so a capability function's name never resolves to one.")
    out.append("pub mod aliases {")
    out.append("    // Listed as links: the aliases are documented where the markers are.")
    out.append("    #[doc(no_inline)]")
    names = ", ".join(x for c in caps for x in (c["req_alias"], c["resp_alias"]))
    out.append(f"    pub use super::{{{names}}};")
    out.append("}")
    return "\n".join(out) + "\n"


def render_drift_types(g: Gen, skipped: dict[str, str], caps) -> str:
    out = [
        "// @generated by `tools/gen_models.py`: do not edit by hand.",
        "// Included by `tests/spec_drift.rs`: the Rust types to check against the spec.",
        "",
        "/// Spec schemas that are not generated (envelopes and hand-written types).",
        "const SKIPPED_SCHEMAS: &[&str] = &[",
    ]
    for name in skipped:
        out.append(f"    {rust_str(name)},")
    out.append("];")
    out.append("")
    out.append("/// Every generated model named after a spec schema, with its schema as Rust derives it.")
    out.append("fn generated_models() -> Vec<(&'static str, schemars::Schema)> {")
    out.append("    vec![")
    for name in g.items:
        if name in g.inline_owner:
            continue
        out.append(f"        ({rust_str(name)}, schemars::schema_for!(connector_runtime::models::{name})),")
    out.append("    ]")
    out.append("}")
    out.append("")
    out.append("/// Every capability marker.")
    out.append("fn generated_markers() -> Vec<Marker> {")
    out.append("    vec![")
    for c in caps:
        out.append(f"        marker::<connector_runtime::capabilities::{c['name']}>(),")
    out.append("    ]")
    out.append("}")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------
def rustfmt(paths: list[Path]):
    exe = shutil.which("rustfmt")
    if exe is None:
        raise GenError("rustfmt not found on PATH")
    subprocess.run([exe, "--edition", "2024", *map(str, paths)], check=True)


def main(argv: list[str]) -> int:
    repo = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("spec", nargs="?", help="path to openapi.json (default: ../shared/lumos/openapi.json from the repo root)")
    ap.add_argument("--root", type=Path, default=repo, help="repository root to write into")
    ap.add_argument("--check", action="store_true", help="exit 1 if the committed files are stale")
    args = ap.parse_args(argv)
    root: Path = args.root.resolve()
    spec_path = Path(args.spec) if args.spec else root / "../shared/lumos/openapi.json"
    spec = json.loads(spec_path.read_text(encoding="utf-8"))

    g = Gen(spec)
    try:
        skipped = g.build()
        caps = g.capabilities()
        docs = Docs(g, caps)
        credential_models = g.credential_models()
        files = {
            MODELS_RS: render_models(
                g, docs, HEADER_MODELS, [n for n in g.items if n not in credential_models]
            ),
            CREDENTIAL_MODELS_RS: render_models(g, docs, HEADER_CREDENTIAL_MODELS, credential_models),
            CAPABILITIES_RS: render_capabilities(caps, docs),
            DRIFT_TYPES_RS: render_drift_types(g, skipped, caps),
        }
    except GenError as e:
        print(f"gen_models: error: {e}", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory() as tmp:
        tmp_paths = []
        for rel, text in files.items():
            p = Path(tmp) / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(text, encoding="utf-8")
            tmp_paths.append(p)
        rustfmt(tmp_paths)
        formatted = {rel: (Path(tmp) / rel).read_text(encoding="utf-8") for rel in files}

    stale = []
    for rel, text in formatted.items():
        dest = root / rel
        current = dest.read_text(encoding="utf-8") if dest.exists() else None
        if current != text:
            stale.append(rel)
            if not args.check:
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_text(text, encoding="utf-8")
    n_struct = sum(1 for i in g.items.values() if i["kind"] == "struct")
    n_enum = sum(1 for i in g.items.values() if i["kind"] == "enum")
    n_union = sum(1 for i in g.items.values() if i["kind"] == "union")
    summary = (f"{n_struct} structs, {n_enum} enums, {n_union} unions, {len(caps)} capabilities; "
               f"{len(skipped)} spec schemas skipped")
    if args.check:
        if stale:
            print(f"gen_models: stale: {', '.join(stale)}", file=sys.stderr)
            return 1
        print(f"gen_models: up to date ({summary})", file=sys.stderr)
        return 0
    print(f"gen_models: {summary}; wrote {len(stale)} file(s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
