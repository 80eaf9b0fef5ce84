"""Exit codes, the severities --fail-on names, and the error every command reports as a usage error."""

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SEVERITY_CHOICES = ("error", "warning", "info")


class UsageError(Exception):
    """A bad option, configuration or input; reported as one line, exit 2."""
