"""Rule options: declared on each rule (`Rule.options`, RuleOption records), set in
configuration per rule, checked before any file is read, read by rules with
`RuleContext.option`.

    options:
      registry-not-allowed:            # a rule's code (any case) or name
        allowed-registries: [registry.acme.corp]

The older flat spelling (`options: {allowed-registries: [...]}`, or the option as a top-level
key) is still read where exactly one rule declares the option, with a deprecation note; where
several rules declare it, it is an error that asks for the rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from k0slint.k0s.fast_schema import is_type
from k0slint.lint.rule import Rule, RuleOption
from k0slint.lint.selection import is_known, lookup
from k0slint.lint.settings import ConfigError

# Option values by rule code, then by option name.
OptionValues = dict[str, dict[str, Any]]


def check_option(name: str, value: Any, schema: Mapping[str, Any]) -> str | None:
    """What is wrong with an option value, for the subset of JSON Schema rules declare."""
    kind = schema.get("type")
    if kind and not is_type(value, kind):
        return f"{name} must be of type {kind}"
    if kind == "string" and len(value) < schema.get("minLength", 0):
        return f"{name} must not be empty"
    if kind == "array":
        item_schema = schema.get("items", {})
        for index, item in enumerate(value):
            problem = check_option(f"{name}[{index}]", item, item_schema)
            if problem:
                return problem
    if "enum" in schema and value not in schema["enum"]:
        return f"{name} must be one of {', '.join(map(repr, schema['enum']))}"
    return None


def declaration_problem(rule: type[Rule]) -> str | None:
    """What is wrong with the options a rule declares, for the error that names its pack."""
    options = rule.options
    if not isinstance(options, tuple) or not all(isinstance(option, RuleOption) for option in options):
        return f"rule {rule.code}: options must be a tuple of k0slint.api.RuleOption"
    names = [option.name for option in options]
    if len(set(names)) != len(names):
        return f"rule {rule.code}: an option is declared twice"
    return None


def resolve(
    raw: Iterable[tuple[str, Any]], rules: Sequence[type[Rule]], where: str
) -> tuple[OptionValues, list[str]]:
    """Option values for every rule of `rules` that declares options (defaults filled in), and
    deprecation notes, from what configuration says (`raw`: the items of `options`).

    A key that names a rule (k0slint.lint.selection.lookup) holds that rule's options. Any
    other key is the old flat spelling: an option name, read when exactly one rule declares
    it. A key that is both (K0S109's name is its option's) is the rule when its value is a
    mapping."""
    owners: dict[str, list[type[Rule]]] = {}
    for each in rules:
        for option in each.options:
            owners.setdefault(option.name, []).append(each)
    values: OptionValues = {}
    notes: list[str] = []
    for key, value in raw:
        rule = lookup(key, rules)
        if rule is not None and (isinstance(value, Mapping) or key not in owners):
            if not isinstance(value, Mapping):
                raise ConfigError(f"{where}: options.{key} must be a mapping of {rule.code}'s options")
            for name, item in value.items():
                _set(values, rule, str(name), item, where, f"options.{key}.{name}")
        else:
            owner = _owner(key, owners, rules, where)
            _set(values, owner, key, value, where, key)
            notes.append(
                f"{where}: {key}: an option without its rule is deprecated; "
                f"write options: {{{owner.name}: {{{key}: ...}}}}"
            )
    resolved = {
        each.code: {
            option.name: values.get(each.code, {}).get(option.name, option.default) for option in each.options
        }
        for each in rules
        if each.options
    }
    return resolved, notes


def _owner(
    key: str, owners: Mapping[str, Sequence[type[Rule]]], rules: Sequence[type[Rule]], where: str
) -> type[Rule]:
    """The one rule that declares the option a flat key names."""
    found = owners.get(key, ())
    if len(found) == 1:
        return found[0]
    if found:
        codes = ", ".join(rule.code for rule in found)
        raise ConfigError(
            f"{where}: option {key!r} is declared by {codes}; "
            f"name the rule: options: {{{found[0].code}: {{{key}: ...}}}}"
        )
    if is_known(key, rules):
        raise ConfigError(f"{where}: options.{key}: options are set per rule; name one rule")
    raise ConfigError(f"{where}: unknown option {key!r}")


def _set(values: OptionValues, rule: type[Rule], name: str, value: Any, where: str, label: str) -> None:
    declared = next((option for option in rule.options if option.name == name), None)
    if declared is None:
        import difflib

        close = difflib.get_close_matches(name, [option.name for option in rule.options], n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ConfigError(f"{where}: {label}: {rule.code} has no option {name!r}{hint}")
    mine = values.setdefault(rule.code, {})
    if name in mine:
        raise ConfigError(f"{where}: {label}: {rule.code}'s option {name!r} is set twice")
    problem = check_option(label, value, declared.schema)
    if problem:
        raise ConfigError(f"{where}: {problem}")
    mine[name] = value


def describe_type(schema: Mapping[str, Any]) -> str:
    """A JSON-schema fragment in words: `list of strings`, `one of 'a', 'b'`."""
    if "enum" in schema:
        return "one of " + ", ".join(map(repr, schema["enum"]))
    kind = schema.get("type")
    if kind == "array" and "items" in schema:
        items = describe_type(schema["items"])
        return f"list of {items}s" if items in _WORDS else f"list of {items}"
    if kind in _WORDS:
        return _WORDS[kind]
    import json

    return json.dumps(dict(schema), sort_keys=True)


_WORDS = {
    "string": "string",
    "integer": "integer",
    "number": "number",
    "boolean": "boolean",
    "object": "mapping",
    "array": "list",
    "null": "null",
}
