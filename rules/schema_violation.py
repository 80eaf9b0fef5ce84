"""K0S002 schema-violation: a value has the wrong type or is not one k0s accepts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from k0slint.api import (
    Applicability,
    ConfigDocument,
    Finding,
    Fix,
    Node,
    ReplaceValue,
    Rule,
    RuleContext,
    ScalarNode,
    Severity,
    format_path,
    minor_of,
    schema_checker,
    suggest,
    validation_data,
    validator,
    walk_json,
)

_JSON_TYPES = {"string": "a string", "integer": "an integer", "number": "a number", "boolean": "a boolean",
               "object": "a mapping", "array": "a list", "null": "null"}  # fmt: skip


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return "null"


def _expected(types: Any) -> str:
    names = [types] if isinstance(types, str) else list(types)
    return " or ".join(_JSON_TYPES.get(name, name) for name in names if name != "null")


class SchemaViolation(Rule):
    """## What it does
    Checks the ClusterConfig against the JSON schema of the k0s release in use
    (`schemas/k0s-<minor>.json`, generated from k0s's own CRD and adjusted to what k0s
    accepts, see `scripts/gen_schemas.py`): value types, enums and patterns.

    ## Why is this bad?
    k0s decodes its config with Go's JSON decoder: a value of the wrong type stops the
    controller (`json: cannot unmarshal number into Go struct field ... of type string`).
    YAML makes this easy: `version: 1.10` is the number 1.1, `enabled: "true"` a string.

    ## Example
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      network:
        provider: calicoo
      images:
        pause:
          version: 3.10
    ```

    ## Use instead
    ```yaml
    apiVersion: k0s.k0sproject.io/v1beta1
    kind: ClusterConfig
    spec:
      network:
        provider: calico
      images:
        pause:
          version: "3.10"
    ```

    ## Fix safety
    A number or boolean written where k0s wants a string is quoted, keeping its text
    (`3.10` becomes `"3.10"`): safe, it is what the author wrote. Other violations have no fix.

    ## Options
    None. Unknown keys are K0S003 / K0S004; image references K0S108.
    """

    code = "K0S002"
    name = "schema-violation"
    severity = Severity.ERROR
    summary = "A value has the wrong type or is not one k0s accepts"
    tags = ("schema",)

    def check(self, document: ConfigDocument, context: RuleContext) -> Iterator[Finding]:
        config = document.config
        if config is None:
            return
        non_finite: list[ScalarNode] = []
        data = validation_data(config, context.schema, non_finite)
        for infinite in non_finite:
            yield self.report(
                document,
                infinite,
                f"{format_path(infinite.path)}: {infinite.raw} has no JSON form; "
                "k0s fails with `json: unsupported value`",
            )
        minor = minor_of(context.release)
        quick = schema_checker(minor)
        if quick is not None and quick(data):
            return
        for error in validator(minor).iter_errors(data):
            if error.validator == "additionalProperties":
                continue
            path = tuple(error.absolute_path)
            node = walk_json(config, path) or config
            message, fix = self._describe(error, node, path)
            yield self.report(document, node, message, fix=fix)

    def _describe(self, error: Any, node: Node, path: tuple[Any, ...]) -> tuple[str, Fix | None]:
        where = format_path(path) or "the document"
        value = error.instance
        if error.validator == "type":
            return self._type_message(where, value, error.validator_value, node)
        if error.validator == "enum":
            allowed = [item for item in error.validator_value if item is not None]
            hint = ""
            if isinstance(value, str):
                close = suggest(value, [str(item) for item in allowed])
                hint = f"; did you mean {close!r}?" if close else ""
            return f"{where}: {value!r} is not one of {', '.join(map(repr, allowed))}{hint}", None
        if error.validator == "anyOf":
            return f"{where}: expected an integer or a string, got {_kind(value)}", None
        if error.validator in ("minimum", "maximum"):
            return f"{where}: {value!r} is out of range ({error.message})", None
        return f"{where}: {error.message}", None

    def _type_message(self, where: str, value: Any, types: Any, node: Node) -> tuple[str, Fix | None]:
        wanted = _expected(types)
        message = f"{where}: expected {wanted}, got {_kind(value)}"
        quoted_fix = None
        if isinstance(node, ScalarNode) and not node.style and "string" in types and value is not None:
            message += f" ({node.raw!r} reads as {value!r} in YAML; quote it)"
            quoted_fix = Fix(f"quote {node.raw}", Applicability.SAFE, (ReplaceValue(node, node.raw),))
        elif isinstance(value, dict) and where.endswith(".values"):
            message += (
                "; helm chart values are a YAML string: write `values: |` and indent the mapping below it"
            )
        return message, quoted_fix
