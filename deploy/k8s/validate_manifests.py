"""Validates rendered Kubernetes manifests strictly against the API schema of one Kubernetes version.

    python validate_manifests.py --kubernetes 1.30 --crd-schemas deploy/k8s/schemas FILE…

Built-in kinds against the strict schemas that PyPI kubernetes-validate bundles (a field the API does
not know is an error); custom resources against the vendored CRD schemas (deploy/k8s/schemas/
<group>/<kind>_<version>.json). A kind with neither schema is an error too: nothing goes unchecked.
One line per problem, "FILE: Kind/name: [schema] path: message"; exit 1 when there is any.
"""

import argparse
import json
import re
import sys
from functools import cache
from pathlib import Path
from typing import Any, Iterator

import jsonschema
import yaml
from kubernetes_validate import utils as k8s
from packaging.version import Version
from referencing import Registry, Resource


def documents(path: str) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as file:
        for doc in yaml.safe_load_all(file):
            if doc:  # helm leaves empty documents where a template rendered nothing
                yield doc


@cache
def crd_validator(schemas_dir: str, group: str, kind: str, version: str) -> jsonschema.Draft202012Validator | None:
    path = Path(schemas_dir) / group / f"{kind.lower()}_{version}.json"
    if not path.is_file():
        return None
    return jsonschema.Draft202012Validator(json.loads(path.read_text(encoding="utf-8")))


@cache
def kubernetes_validator(kubernetes: str, kind: str, api_version: str) -> jsonschema.Draft202012Validator | None:
    """The strict schema kubernetes-validate bundles for a kind, read the way its validate() reads it
    (which stops at the first error; a validator of our own reports them all)."""
    minor = k8s.major_minor(kubernetes)
    bundled = [v for v in k8s.all_versions() if Version(k8s.major_minor(v)) <= Version(minor)][-1]
    # rbac.authorization.k8s.io/v1 → rbac-v1, v1 → v1
    api = re.sub(r"^([^./]*)(?:\.[^/]*)?/", r"\1-", api_version)
    folder = f"kubernetes-json-schema/v{bundled}-local-strict"
    try:
        schema = k8s.schema_contents(f"{folder}/{kind.lower()}-{api}.json", kubernetes)
    except FileNotFoundError:
        return None
    definitions = k8s.schema_contents(f"{folder}/_definitions.json", kubernetes)
    registry = Resource.from_contents(definitions) @ (Resource.from_contents(schema) @ Registry())
    return jsonschema.Draft202012Validator(schema, registry=registry)


def location(error: jsonschema.ValidationError) -> str:
    return ".".join(str(part) for part in error.absolute_path) or "(top level)"


def problems(doc: dict[str, Any], kubernetes: str, schemas_dir: str) -> Iterator[str]:
    api_version, kind = doc.get("apiVersion"), doc.get("kind")
    if not isinstance(api_version, str) or not isinstance(kind, str):
        yield "[manifest] apiVersion and kind are required"
        return
    group, _, version = api_version.rpartition("/")
    validator = crd_validator(schemas_dir, group, kind, version) if group else None
    label = f"CRD {api_version} {kind}"
    if validator is None:
        validator = kubernetes_validator(kubernetes, kind, api_version)
        label = f"Kubernetes {kubernetes} strict"
    if validator is None:
        yield (
            f"[schema] no schema for {kind} {api_version}: not in Kubernetes {kubernetes} "
            "nor in the vendored CRD schemas"
        )
        return
    for error in sorted(validator.iter_errors(doc), key=lambda e: [str(p) for p in e.absolute_path]):
        yield f"[{label}] {location(error)}: {error.message}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kubernetes", required=True, help="Kubernetes minor version, e.g. 1.30")
    parser.add_argument("--crd-schemas", required=True, help="folder of <group>/<kind>_<version>.json")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    if k8s.major_minor(args.kubernetes) not in map(k8s.major_minor, k8s.all_versions()):
        parser.error(f"kubernetes-validate has no schemas of Kubernetes {args.kubernetes}")
    failures = checked = 0
    for path in args.files:
        for doc in documents(path):
            checked += 1
            name = f"{doc.get('kind')}/{(doc.get('metadata') or {}).get('name')}"
            for problem in problems(doc, args.kubernetes, args.crd_schemas):
                failures += 1
                print(f"{path}: {name}: {problem}")
    verdict = "ok" if failures == 0 else f"{failures} problem(s)"
    print(f"schema: {checked} manifest(s) against Kubernetes {args.kubernetes} and the CRD schemas: {verdict}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
