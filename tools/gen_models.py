#!/usr/bin/env python3
"""Generate the Lumos wire models and capability markers from the Lumos OpenAPI spec.

Usage (from the repository root):

    python3 tools/gen_models.py [SPEC] [--root DIR] [--check]

SPEC defaults to ``../shared/lumos/openapi.json`` (relative to the repository root).
``--root`` writes into another checkout (default: the repository this script lives in).
``--check`` writes nothing and exits 1 when the committed files differ from a fresh run.

Outputs (all formatted with ``rustfmt --edition 2024``):

* ``connector-runtime/src/models.rs``: one Rust type per payload/shared schema of the spec;
* ``connector-runtime/src/capabilities.rs``: the 50 capability markers and their aliases;
* ``connector-runtime/tests/spec_drift/types.rs``: the list of types the drift test checks.

The spec is used as data only: names, fields, enum values, required-ness and ``x-`` keys are
carried over; its descriptions are never copied. Python 3.11 standard library only.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
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
CAPABILITIES_RS = "connector-runtime/src/capabilities.rs"
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


class Gen:
    def __init__(self, spec: dict):
        self.spec = spec
        self.schemas: dict = spec["components"]["schemas"]
        self.items: dict[str, dict] = {}  # name -> {"kind": ..., ...}; insertion = output order
        self.inline_owner: dict[str, str] = {}
        self.uses_datetime = False

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
                    self.uses_datetime = True
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
# Rendering
# --------------------------------------------------------------------------------------------
HEADER_MODELS = """\
//! The Lumos wire models: payloads, results and the shared types they use.
//!
//! Generated by `tools/gen_models.py` from Lumos' `openapi.json`. Do not edit by hand;
//! change the generator and run it again. Names, fields, enum values, required-ness and `x-`
//! schema keys are the spec's; optional fields are `Option` and always serialized (`null`
//! included). Items carry no doc comments on purpose: a doc comment would become a schema
//! `description`, and those are supplied elsewhere.
//!
//! Integers have the width of the spec's `format` (`int32` is `i32`, `int64` is `i64`,
//! `uint32` is `u32`; no format is `i64`). A request integer outside that range is rejected
//! when the envelope is decoded, as `bad_request`, so no response can echo one (a `page.size`
//! of 2^63 - 1, say). connector-py is laxer here: its pydantic models read every integer as an
//! unbounded `StrictInt`. Lumos itself only sends values in the spec's range.

#![allow(missing_docs)]

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


def render_models(g: Gen) -> str:
    out = [HEADER_MODELS]
    if g.uses_datetime:
        out.append(DATETIME_HELPER)
    for name, item in g.items.items():
        out.append("")
        out.append(derive_attr(item["derives"]))
        ext = extend_attr(item["extensions"])
        if item["kind"] == "struct":
            out.append("#[derive(bon::Builder)]")
            out.append("#[builder(on(String, into))]")
            if any(field_ident(f.json_name)[0] in STD_TRAIT_METHODS for f in item["fields"]):
                # A field named like `Sub::sub` gets a builder setter of that name.
                out.append("#[allow(clippy::should_implement_trait)]")
            out.append("#[non_exhaustive]")
            if ext:
                out.append(ext)
            out.append(f"pub struct {name} {{")
            for f in item["fields"]:
                ident, rename = field_ident(f.json_name)
                serde = []
                if rename:
                    serde.append(f"rename = {rust_str(f.json_name)}")
                if not f.required:
                    serde.append("default")
                if serde:
                    out.append(f"    #[serde({', '.join(serde)})]")
                if f.schema_with:
                    out.append(f"    #[schemars(with = {rust_str(f.schema_with)})]")
                fext = extend_attr(f.extensions)
                if fext:
                    out.append("    " + fext)
                out.append(f"    pub {ident}: {f.rust_type},")
            out.append("}")
        elif item["kind"] == "enum":
            if ext:
                out.append(ext)
            out.append(f"pub enum {name} {{")
            for vn, wire in item["variants"]:
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
        else:  # union
            out.append("#[serde(untagged)]")
            if ext:
                out.append(ext)
            out.append(f"pub enum {name} {{")
            for vn, rt, _, _ in item["variants"]:
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


def render_capabilities(caps) -> str:
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
        out.append(f"/// Marker for the `{n}` capability.")
        out.append("#[allow(non_camel_case_types)]")
        out.append("#[derive(Debug, Clone, Copy)]")
        # Braced, so the marker lives in the type namespace only and never clashes with
        # the author's `async fn` of the same name.
        out.append(f"pub struct {n} {{}}")
        out.append("")
        out.append(f"impl crate::capability::Capability for {n} {{")
        out.append(f"    const NAME: &'static str = {rust_str(n)};")
        out.append(f"    const LEVEL: crate::capability::Level = crate::capability::Level::{c['level']};")
        if not c["authenticated"]:
            out.append("    const AUTHENTICATED: bool = false;")
        if c["customizable"]:
            out.append("    const CUSTOMIZABLE: bool = true;")
        out.append(f"    type Payload = {payload};")
        out.append(f"    type Output = {output};")
        out.append("}")
        if c["customizable"]:
            out.append(f"impl<P: crate::capability::Extends<{payload}>> crate::capability::PayloadOf<{n}> for P {{}}")
        else:
            out.append(f"impl crate::capability::PayloadOf<{n}> for {payload} {{}}")
        out.append(f"impl crate::capability::OutputOf<{n}> for {output} {{")
        out.append(f"    fn into_output(self) -> {output} {{")
        out.append("        self")
        out.append("    }")
        out.append("}")
        out.append("")
        out.append(f"/// The request envelope of `{n}`.")
        out.append(
            f"pub type {c['req_alias']}<S = crate::request::NoSettings, A = crate::request::NoAuth> = "
            f"crate::request::Request<{payload}, S, A>;"
        )
        out.append(f"/// The success envelope of `{n}`.")
        out.append(f"pub type {c['resp_alias']} = crate::response::Response<{output}>;")
    out.append("")
    out.append("/// The request and response aliases alone, for glob imports (the prelude): the markers")
    out.append("/// stay out of scope, so a capability function's name never resolves to one.")
    out.append("pub mod aliases {")
    names = ", ".join(x for c in caps for x in (c["req_alias"], c["resp_alias"]))
    out.append(f"    pub use super::{{{names}}};")
    out.append("}")
    return "\n".join(out) + "\n"


def render_drift_types(g: Gen, skipped: dict[str, str], caps) -> str:
    out = [
        "// Generated by `tools/gen_models.py`; do not edit by hand.",
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
    except GenError as e:
        print(f"gen_models: error: {e}", file=sys.stderr)
        return 2

    files = {
        MODELS_RS: render_models(g),
        CAPABILITIES_RS: render_capabilities(caps),
        DRIFT_TYPES_RS: render_drift_types(g, skipped, caps),
    }
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
