"""Building ClusterConfigs for rule tables: the spec body starts on line 4."""

from __future__ import annotations

import textwrap

HEADER = "apiVersion: k0s.k0sproject.io/v1beta1\nkind: ClusterConfig\nspec:\n"


def spec(body: str) -> str:
    """A ClusterConfig whose `spec` is `body` (written at column 1, indented here by 2)."""
    return HEADER + textwrap.indent(textwrap.dedent(body), "  ")
