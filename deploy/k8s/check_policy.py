"""Policy checks on rendered manifests and on the values files they come from.

    python check_policy.py [--values FILE…] [MANIFEST…]

Rules (the id starts each message):
  run-as-root   every container runs with runAsNonRoot: true and a runAsUser other than 0
                (the container's securityContext, else the pod's)
  resources     every container requests cpu and memory and has cpu and memory limits
  probes        every long-running container has a liveness and a readiness probe (a Job's or
                CronJob's pods and init containers end by themselves and are exempt)
  image-tag     every image names a tag other than `latest`, or a digest
  secret-value  no secret in the open: a values file holds no password/secret/token/key with a
                literal value (keys beside an existingSecret name keys inside it: not secrets)
                nor a URL with a password, a rendered Secret carries no data (secrets
                come by existingSecret), and no container env var named like a secret, or holding
                a URL with a password, has a literal value
One line per problem, "FILE: Kind/name: container C: rule: message"; exit 1 when there is any.
"""

import argparse
import re
import sys
from typing import Any, Iterator

import yaml

# Where each workload kind keeps its pod template.
POD_SPEC_PATHS = {
    "Pod": ("spec",),
    "Deployment": ("spec", "template", "spec"),
    "StatefulSet": ("spec", "template", "spec"),
    "DaemonSet": ("spec", "template", "spec"),
    "ReplicaSet": ("spec", "template", "spec"),
    "Job": ("spec", "template", "spec"),
    "CronJob": ("spec", "jobTemplate", "spec", "template", "spec"),
}
RUN_TO_COMPLETION = {"Job", "CronJob"}
RESOURCE_FIELDS = (("requests", "cpu"), ("requests", "memory"), ("limits", "cpu"), ("limits", "memory"))


def dig(node: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        node = node.get(key) if isinstance(node, dict) else None
    return node


def containers(pod: dict[str, Any]) -> Iterator[tuple[dict[str, Any], bool]]:
    """Each container with whether it keeps running (init containers do not, unless they are
    sidecars: restartPolicy Always)."""
    for container in pod.get("initContainers") or []:
        yield container, container.get("restartPolicy") == "Always"
    for container in pod.get("containers") or []:
        yield container, True


def run_as_root(pod: dict[str, Any], container: dict[str, Any]) -> str | None:
    pod_ctx, ctx = pod.get("securityContext") or {}, container.get("securityContext") or {}
    non_root = ctx.get("runAsNonRoot", pod_ctx.get("runAsNonRoot"))
    user = ctx.get("runAsUser", pod_ctx.get("runAsUser"))
    if user == 0:
        return "runs as user 0 (root): set runAsUser to the image's non-root user"
    if non_root is not True:
        return "runAsNonRoot is not true in the container's or the pod's securityContext"
    return None


def resources(container: dict[str, Any]) -> str | None:
    res = container.get("resources") or {}
    missing = [f"{kind}.{name}" for kind, name in RESOURCE_FIELDS if not dig(res, (kind, name))]
    return f"no resources.{', resources.'.join(missing)}" if missing else None


def probes(container: dict[str, Any]) -> str | None:
    missing = [probe for probe in ("livenessProbe", "readinessProbe") if not container.get(probe)]
    return f"no {' and no '.join(missing)}" if missing else None


def image_tag(container: dict[str, Any]) -> str | None:
    image = container.get("image") or ""
    if "@sha256:" in image:
        return None
    # The tag follows the last ':' after the last '/' (a registry host may carry a port).
    last = image.rsplit("/", 1)[-1]
    tag = last.rsplit(":", 1)[1] if ":" in last else None
    if not tag:
        return f"image {image!r} has no tag: name the release"
    if tag == "latest":
        return f"image {image!r} uses the tag `latest`: name the release"
    return None


# A name's words: camelCase, snake_case, kebab-case and SCREAMING_CASE alike.
def words(name: str) -> list[str]:
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name)
    return [word.lower() for word in re.split(r"[\s_\-.]+", spaced) if word]


# A name holds a secret when its last word says so (adminPassword, jwtSecret, authToken, PG_PASSWORD)
# or it ends in a qualified key (accessKey, secretKey, apiKey; in an env var's upper case any key:
# DEVICE_CREDENTIALS_KEY). Names that point at a secret do not: existingSecret, tlsSecretName,
# secretKeyRef, passwordKey (the key inside the existing Secret), tokenTtl, SIGNING_KEY_FILE; nor
# does any key beside an existingSecret (secret_values).
SECRET_WORDS = {"password", "passwd", "secret", "token", "credential", "credentials"}
KEY_QUALIFIERS = {"access", "secret", "private", "api", "encryption", "signing", "master"}
# scheme://user:password@host
URL_WITH_PASSWORD = re.compile(r"^[a-z][a-z0-9+.-]*://[^/\s:@]+:[^/\s@]+@", re.IGNORECASE)


def secret_like(name: str) -> bool:
    parts = words(name)
    if not parts or parts[0] == "existing":
        return False
    if parts[-1] == "key" and (name.isupper() or (len(parts) >= 2 and parts[-2] in KEY_QUALIFIERS)):
        return True
    return parts[-1] in SECRET_WORDS


def literal(value: Any) -> bool:
    return value not in (None, "", [], {}) and not isinstance(value, (dict, list, bool))


def url_with_password(value: Any) -> bool:
    return isinstance(value, str) and bool(URL_WITH_PASSWORD.match(value))


def secret_values(node: Any, path: str = "") -> Iterator[str]:
    """Each place in a values tree that holds a secret in the open."""
    if isinstance(node, dict):
        # Beside an existingSecret, the other keys name keys inside that Secret (passwordKey,
        # clientSecretKey, secretKey: 'platform-secret'): references, not secrets.
        refers = any(words(str(key))[:1] == ["existing"] for key in node)
        for key, value in node.items():
            here = f"{path}.{key}" if path else str(key)
            if secret_like(str(key)) and literal(value) and not refers:
                yield (
                    f"{here} holds a literal value: reference an existingSecret instead "
                    "(a key that names a Secret ends in …SecretName)"
                )
            elif url_with_password(value):
                yield f"{here} holds a URL with a password: reference an existingSecret instead"
            yield from secret_values(value, here)
        # An env list entry: {name: DB_PASSWORD, value: "…"}
        name, value = node.get("name"), node.get("value")
        if isinstance(name, str) and secret_like(name) and literal(value) and not url_with_password(value):
            yield f"{path}.value sets {name} to a literal: use valueFrom.secretKeyRef"
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from secret_values(item, f"{path}[{index}]")


def env_secrets(container: dict[str, Any]) -> str | None:
    named = [
        env.get("name")
        for env in container.get("env") or []
        if (secret_like(env.get("name", "")) and literal(env.get("value"))) or url_with_password(env.get("value"))
    ]
    return f"env {', '.join(map(str, named))} set to a literal: use valueFrom.secretKeyRef" if named else None


def manifest_problems(doc: dict[str, Any]) -> Iterator[str]:
    kind = doc.get("kind")
    if kind == "Secret" and (doc.get("data") or doc.get("stringData")):
        yield "secret-value: the Secret carries data: create it outside the chart and name it by existingSecret"
    pod = dig(doc, POD_SPEC_PATHS.get(kind, ("-",)))
    if not isinstance(pod, dict):
        return
    for container, long_running in containers(pod):
        checks = [
            ("run-as-root", run_as_root(pod, container)),
            ("resources", resources(container)),
            ("probes", probes(container) if long_running and kind not in RUN_TO_COMPLETION else None),
            ("image-tag", image_tag(container)),
            ("secret-value", env_secrets(container)),
        ]
        for rule, problem in checks:
            if problem:
                yield f"container {container.get('name')}: {rule}: {problem}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--values", nargs="*", default=[], help="values files to scan for secrets")
    parser.add_argument("manifests", nargs="*")
    args = parser.parse_args()
    failures = checked = 0
    for path in args.values:
        with open(path, encoding="utf-8") as file:
            for problem in secret_values(yaml.safe_load(file)):
                failures += 1
                print(f"{path}: secret-value: {problem}")
    for path in args.manifests:
        with open(path, encoding="utf-8") as file:
            for doc in filter(None, yaml.safe_load_all(file)):
                checked += 1
                name = f"{doc.get('kind')}/{(doc.get('metadata') or {}).get('name')}"
                for problem in manifest_problems(doc):
                    failures += 1
                    print(f"{path}: {name}: {problem}")
    verdict = "ok" if failures == 0 else f"{failures} problem(s)"
    print(f"policy: {len(args.values)} values file(s), {checked} manifest(s): {verdict}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
