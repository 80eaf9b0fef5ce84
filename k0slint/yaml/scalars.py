"""Scalar resolution as k0s's YAML decoder does it.

k0s reads its config with sigs.k8s.io/yaml, which decodes with gopkg.in/yaml.v2 (YAML 1.1
style: `yes`, `on`, `off` are booleans; `0x1f`, `017`, `1_000` are integers) and then
turns map keys into JSON strings. This module follows yaml.v2's `resolve()`
(resolve.go, v2.4.0) and sigs.k8s.io/yaml's key conversion (yaml.go,
`convertToJSONableObject`). Timestamps stay strings: yaml.v2 keeps them as text when
decoding into `interface{}`, which is what sigs.k8s.io/yaml does.
"""

from __future__ import annotations

import math
import re

from k0slint.yaml.nodes import Scalar

_TAG_PREFIX = "tag:yaml.org,2002:"

_SPECIAL: dict[str, Scalar] = {
    **dict.fromkeys(("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"), True),
    **dict.fromkeys(("n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"), False),
    **dict.fromkeys(("", "~", "null", "Null", "NULL"), None),
    **dict.fromkeys((".nan", ".NaN", ".NAN"), math.nan),
    **dict.fromkeys((".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"), math.inf),
    **dict.fromkeys(("-.inf", "-.Inf", "-.INF"), -math.inf),
}
_HINTED_FIRST_CHARS = frozenset("+-.0123456789yYnNtTfFoO~")
_NUMERIC_FIRST_CHARS = frozenset("+-.0123456789")
_YAML_STYLE_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_GO_INT = re.compile(
    r"[+-]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)\Z",
)
_INT64_MIN, _UINT64_MAX = -(2**63), 2**64 - 1


def _go_parse_int(text: str) -> int | None:
    """strconv.ParseInt/ParseUint(text, 0, 64): prefixes 0x, 0o, 0b and a leading 0 (octal)."""
    if not _GO_INT.match(text):
        return None
    sign = -1 if text[0] == "-" else 1
    digits = text.lstrip("+-")
    prefix = digits[:2].lower()
    if prefix in ("0x", "0o", "0b"):
        value = int(digits[2:], {"0x": 16, "0o": 8, "0b": 2}[prefix])
    elif len(digits) > 1 and digits[0] == "0":
        value = int(digits, 8)
    else:
        value = int(digits)
    value *= sign
    return value if _INT64_MIN <= value <= _UINT64_MAX else None


def resolve_plain(text: str) -> Scalar:
    """The value of an untagged plain scalar."""
    if not text or text[0] not in _HINTED_FIRST_CHARS:
        return text if text else None
    if text in _SPECIAL:
        return _SPECIAL[text]
    if text[0] not in _NUMERIC_FIRST_CHARS:
        return text
    if text[0] == ".":
        return _go_parse_float(text, text)
    plain = text.replace("_", "")
    as_int = _go_parse_int(plain)
    if as_int is not None:
        return as_int
    if _YAML_STYLE_FLOAT.match(plain):
        return float(plain)
    for prefix, sign in (("0b", 1), ("-0b", -1)):
        if plain.startswith(prefix) and plain[len(prefix) :] and set(plain[len(prefix) :]) <= {"0", "1"}:
            return sign * int(plain[len(prefix) :], 2)
    return text


def _go_parse_float(text: str, fallback: str) -> Scalar:
    if _YAML_STYLE_FLOAT.match(text):
        return float(text)
    return fallback


def resolve_tagged(tag: str, text: str) -> Scalar:
    """A scalar with an explicit tag. Only the core tags change the value; others keep text."""
    if not tag.startswith(_TAG_PREFIX):
        return text
    kind = tag[len(_TAG_PREFIX) :]
    if kind in ("str", "binary", "timestamp"):
        return text
    value = resolve_plain(text)
    expected: dict[str, tuple[type, ...]] = {
        "bool": (bool,),
        "int": (int,),
        "float": (float, int),
        "null": (type(None),),
    }
    wanted = expected.get(kind)
    if wanted is None or (isinstance(value, wanted) and not (kind == "int" and isinstance(value, bool))):
        return float(value) if kind == "float" and isinstance(value, int) else value
    return text


def json_key(value: Scalar) -> str | None:
    """The JSON object key sigs.k8s.io/yaml makes of a YAML map key; None if it refuses."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _format_go_float32(value)
    return None


def _format_go_float32(value: float) -> str:
    """strconv.FormatFloat(v, 'g', -1, 32) with yaml's names for infinities and NaN."""
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    text = repr(float(f"{value:.7g}")) if value else "0"
    return text[:-2] if text.endswith(".0") else text
