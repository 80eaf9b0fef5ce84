"""Reading scalar settings the way the validation rules need them (part of the built-in pack)."""

from __future__ import annotations

from k0slint.api import MappingNode, Node, ScalarNode, is_placeholder, string_scalar, string_value


def string_node(node: Node | None) -> ScalarNode | None:
    """`node` if it is a string that is not a placeholder (README "Placeholders"); else None."""
    scalar = string_scalar(node)
    return scalar if scalar is not None and not is_placeholder(str(scalar.value)) else None


def is_set(node: Node | None) -> bool:
    """A non-empty string, placeholders included (something will be filled in)."""
    return bool(string_value(node))


def field_text(mapping: MappingNode, field: str) -> str:
    """The string value of `field`, "" when missing, empty, not a string or a placeholder."""
    node = string_node(mapping.get_json(field))
    return str(node.value) if node is not None else ""
