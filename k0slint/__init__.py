"""k0slint: a static linter and autofixer for k0s cluster configuration."""

__version__ = "0.1.0"
