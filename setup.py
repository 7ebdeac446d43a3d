"""Build hook: with TRADEWIRE_COMPILE=1, the extractor is compiled to C with mypyc (see README).

Everything else about the package is in pyproject.toml. The extractor's modules are plain,
fully typed Python (mypy --strict); mypyc turns them into C extensions that run the same code
about a third faster, which is how the container image ships them. Without the variable (a
developer's editable install, `make setup`) nothing is compiled, so an edited module is what
runs. `make compiled` builds the compiled tree the benchmark and the equivalence test use.
"""

from __future__ import annotations

import os
from pathlib import Path

from setuptools import setup

EXTRACTOR = Path("services") / "worker" / "extract"


def _ext_modules() -> list[object]:
    if os.environ.get("TRADEWIRE_COMPILE", "0") != "1":
        return []
    from mypyc.build import mypycify  # only a compiling build needs mypy installed

    sources = sorted(str(p) for p in EXTRACTOR.glob("*.py"))
    return list(mypycify(sources, opt_level="3"))


setup(ext_modules=_ext_modules())
