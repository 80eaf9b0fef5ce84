"""ACME's k0slint rules."""

from k0slint_acme.pull_policy import PullPolicyAlways

__all__ = ["RULES", "PullPolicyAlways"]

RULES = (PullPolicyAlways,)
