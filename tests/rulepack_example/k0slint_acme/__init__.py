"""ACME's k0slint rules."""

from k0slint_acme.pull_policy import PullPolicyAlways

RULES = (PullPolicyAlways,)
