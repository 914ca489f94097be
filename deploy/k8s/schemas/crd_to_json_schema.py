"""Turns a CustomResourceDefinition's openAPIV3Schema into a strict JSON schema file.

    python crd_to_json_schema.py OUT_DIR VERSION[,VERSION…] < crd.yaml

writes OUT_DIR/<group>/<kind>_<version>.json (kind in lower case) for each named version the CRD
serves — the layout of the CRDs catalog that kubeconform reads. "Strict" as for the Kubernetes
schemas: an object that lists its properties refuses any other one, unless the CRD says
x-kubernetes-preserve-unknown-fields. Descriptions and examples are dropped (the files only
validate); the CEL rules (x-kubernetes-validations) are dropped too: only the API server runs them.
"""

import json
import sys
from pathlib import Path
from typing import Any

import yaml

# Keywords a validator does not need: documentation and Kubernetes-only hints.
DROPPED = {"description", "example", "externalDocs"}


def strict(node: Any) -> Any:
    """The JSON schema (draft 2020-12) of one OpenAPI v3 schema node, recursively."""
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in DROPPED or key.startswith("x-kubernetes-") or key == "nullable":
            continue
        if key == "properties":
            out[key] = {name: strict(child) for name, child in value.items()}
        elif key in ("items", "additionalProperties", "not"):
            out[key] = strict(value)
        elif key in ("allOf", "anyOf", "oneOf"):
            out[key] = [strict(child) for child in value]
        else:
            out[key] = value
    if node.get("x-kubernetes-int-or-string") and "type" not in out and "anyOf" not in out:
        out["type"] = ["integer", "string"]
    if node.get("x-kubernetes-embedded-resource"):
        # An embedded object (a pod template, a PVC) always has these three, listed or not.
        props = out.setdefault("properties", {})
        props.setdefault("apiVersion", {"type": "string"})
        props.setdefault("kind", {"type": "string"})
        props.setdefault("metadata", {"type": "object"})
    if "properties" in out and "additionalProperties" not in out and not node.get(
        "x-kubernetes-preserve-unknown-fields"
    ):
        out["additionalProperties"] = False
    # OpenAPI v3.0's boolean form; draft 2020-12 wants the bound itself.
    for bound, exclusive in (("minimum", "exclusiveMinimum"), ("maximum", "exclusiveMaximum")):
        if out.get(exclusive) is True:
            out[exclusive] = out.pop(bound)
        elif out.get(exclusive) is False:
            del out[exclusive]
    if node.get("nullable") and "type" in out:
        types = out["type"] if isinstance(out["type"], list) else [out["type"]]
        out["type"] = [*types, "null"]
    return out


def main(out_dir: str, versions: str) -> None:
    wanted = set(versions.split(","))
    written = []
    for crd in yaml.safe_load_all(sys.stdin):
        if not crd or crd.get("kind") != "CustomResourceDefinition":
            continue
        group, kind = crd["spec"]["group"], crd["spec"]["names"]["kind"]
        for version in crd["spec"]["versions"]:
            if version["name"] not in wanted or not version.get("served"):
                continue
            schema = strict(version["schema"]["openAPIV3Schema"])
            schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
            schema["title"] = f"{kind} {group}/{version['name']}"
            path = Path(out_dir) / group / f"{kind.lower()}_{version['name']}.json"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(schema, indent=1, sort_keys=True) + "\n")
            written.append(version["name"])
            print(f"wrote {path}")
    missing = wanted - set(written)
    if missing:
        sys.exit(f"error: the CRD serves no version {', '.join(sorted(missing))}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
