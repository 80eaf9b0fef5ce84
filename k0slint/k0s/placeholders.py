"""Placeholders: values a template engine, envsubst or a person fills in later.

The one policy every rule follows (README "Placeholders"): a string holding template syntax
(`{{ .Values.x }}`, `{% x %}`, `${VAR}`, `$VAR`, `%{ x }`) or an angle-bracket placeholder
(`<LAN_IP>`, `<External address IP>`, `<my password>`), anywhere in it
(`<VIP address>/<netmask>`, `${REGISTRY}/coredns`), is a placeholder. No rule judges a
placeholder's form (type, enum, pattern, address, length, reference grammar): any value may
come. Where only presence matters (NLLB together with `api.externalAddress`) a placeholder
counts as set, since something will be filled in.
"""

import re

_TEMPLATE_MARKERS = ("{{", "{%", "${", "%{")
_SHELL_VARIABLE = re.compile(r"\$[A-Za-z_]")
_ANGLE_PLACEHOLDER = re.compile(r"<[A-Za-z_][A-Za-z0-9_ .-]*>")


def is_placeholder(value: object) -> bool:
    """Whether `value` is a string that is filled in later (see the module docstring)."""
    if not isinstance(value, str):
        return False
    if "{" not in value and "$" not in value and "<" not in value:
        return False  # the common case, without the scans below
    return (
        any(marker in value for marker in _TEMPLATE_MARKERS)
        or bool(_SHELL_VARIABLE.search(value))
        or bool(_ANGLE_PLACEHOLDER.search(value))
    )
