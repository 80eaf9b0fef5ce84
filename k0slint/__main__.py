from k0slint.cli.main import run

run()
