"""`python -m k0slint`: the k0slint command."""

from k0slint.cli.main import run

run()
