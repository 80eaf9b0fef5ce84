"""Files shipped inside k0slint's packages (schemas, k0s release data).

Read beside the package's `__file__`: importlib.resources would do the same for an installed
package but costs a one-file run ~10 ms to import. A package without a file on disk (a zip
import) is read through importlib.resources.
"""

from __future__ import annotations

import importlib
import os


def read_text(package: str, name: str) -> str:
    location = getattr(importlib.import_module(package), "__file__", None)
    if location:
        try:
            with open(os.path.join(os.path.dirname(location), name), encoding="utf-8") as handle:
                return handle.read()
        except FileNotFoundError:
            pass
    from importlib import resources

    return resources.files(package).joinpath(name).read_text("utf-8")
