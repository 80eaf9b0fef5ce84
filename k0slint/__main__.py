from k0slint.cli import run

run()
