"""The linter: rules, findings, selection, suppressions, settings, rule packs, linting and runs."""
