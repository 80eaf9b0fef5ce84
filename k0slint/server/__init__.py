"""`k0slint server`: the language server (pygls over stdio), installed with `k0slint[server]`."""
