"""The mypyc-compiled build of the package (`make compiled`): where it is, whether it is current,
and running code against it in a child process.

`make compiled` installs the package, its extractor compiled to C extensions, into `.compiled/`
at the repo root. A child process that puts that folder first on `sys.path` imports the
compiled extractor and, since the build holds a copy of every module, runs exactly the code
the build was made from; `stale_files` says when that is no longer the working tree's code.
"""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
COMPILED_DIR = REPO / ".compiled"
BUILT_MARK = COMPILED_DIR / ".built"
PACKAGES = ("services", "shared")
CHILD_TIMEOUT_S = 600.0


class CompiledBuildError(RuntimeError):
    """The compiled build is missing, stale, or is not compiled after all."""


def stale_files() -> list[str]:
    """The package's Python files whose copy in the build differs from the working tree, or
    is missing (in either direction); ["<no build>"] when there is no build."""
    if not BUILT_MARK.exists():
        return ["<no build>"]
    stale = []
    for package in PACKAGES:
        here = {p.relative_to(REPO) for p in (REPO / package).rglob("*.py")}
        built = {p.relative_to(COMPILED_DIR) for p in (COMPILED_DIR / package).rglob("*.py")}
        for rel in sorted(here ^ built):
            stale.append(str(rel))
        for rel in sorted(here & built):
            if (REPO / rel).read_bytes() != (COMPILED_DIR / rel).read_bytes():
                stale.append(str(rel))
    return stale


def require_current() -> None:
    stale = stale_files()
    if stale:
        shown = ", ".join(stale[:5]) + (" ..." if len(stale) > 5 else "")
        raise CompiledBuildError(f"the compiled build is missing or stale ({shown}): make compiled")


def assert_compiled() -> None:
    """In a child: the extractor imported is the build's C extension, not Python source."""
    import services.worker.extract as extract
    import services.worker.extract.events as events

    for module in (extract, events):
        origin = Path(module.__file__ or "")
        if origin.suffix != ".so" or COMPILED_DIR not in origin.parents:
            raise CompiledBuildError(f"{module.__name__} was imported from {origin}")


def run_child(function: str, payload: Any, *, interpreter: str | None = None) -> Any:
    """Call `bench.<module>.<function>(payload)` in a child process on the compiled build and
    return what it returns (both as JSON). `interpreter`: another CPython of this one's
    version to run the child (see `child_env`); by default this one."""
    require_current()
    module, name = function.rsplit(".", 1)
    code = (
        "import json, sys\n"
        f"sys.path[:0] = [{str(COMPILED_DIR)!r}]\n"
        "from bench.compiled import assert_compiled\n"
        "assert_compiled()\n"
        f"from {module} import {name}\n"
        f"print(json.dumps({name}(json.loads(sys.stdin.read()))))\n"
    )
    return json.loads(_run([interpreter or sys.executable, "-c", code], json.dumps(payload)))


def _run(argv: list[str], stdin: str) -> str:
    """The last line a child prints (its answer); its error output when it fails."""
    env = None if argv[0] == sys.executable else child_env()
    done = subprocess.run(
        argv, input=stdin, capture_output=True, text=True, cwd=REPO, env=env,
        timeout=CHILD_TIMEOUT_S, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise CompiledBuildError(f"child failed ({done.returncode}): {done.stderr[-2000:]}")
    return done.stdout.strip().splitlines()[-1]


def child_env() -> dict[str, str]:
    """The environment of a child run by another interpreter: this one's packages on its path
    (the build and the packages it imports are made for this CPython version; `describe`
    checks that the other one is of the same version, hence of the same ABI)."""
    paths = [str(REPO), *site.getsitepackages()]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths), "PYTHONNOUSERSITE": "1"}


_DESCRIBE = """
import json, platform, sys, sysconfig
try:  # a libpython mapped into the process: the interpreter calls it through a shared library
    with open("/proc/self/maps") as maps:
        shared = any("libpython" in line for line in maps)
except OSError:
    shared = bool(sysconfig.get_config_var("Py_ENABLE_SHARED"))
print(json.dumps([platform.python_implementation(), list(sys.version_info[:3]), shared]))
"""


def describe(interpreter: str | None = None) -> str:
    """'CPython 3.11.7, libpython shared' for `interpreter` (default: this one); an error when
    it is not a CPython of this one's version, whose build it could not load."""
    implementation, version, shared = json.loads(
        _run([interpreter or sys.executable, "-c", _DESCRIBE], "")
    )
    if implementation != "CPython" or version[:2] != list(sys.version_info[:2]):
        raise CompiledBuildError(
            f"{interpreter}: {implementation} {'.'.join(map(str, version))} cannot load a build "
            f"made for CPython {sys.version_info.major}.{sys.version_info.minor}"
        )
    linked = "shared" if shared else "static"
    return f"{implementation} {'.'.join(map(str, version))}, libpython {linked}"


def fingerprints(paths: Sequence[str]) -> list[str]:
    """Each file's analysis (classification and events) as JSON, in order: what the
    equivalence test compares between the source and the compiled extractor."""
    from bench.bench_extract import build_corpus
    from services.worker.extract import analyse
    from shared.logging import configure_logging

    configure_logging(level="WARNING")
    out = []
    for article in build_corpus([Path(p) for p in paths]):
        analysis = analyse(article)
        events = [e.model_dump(mode="json") for e in analysis.events]
        found = [analysis.classification.model_dump(mode="json"), events]
        out.append(json.dumps(found, sort_keys=True))
    return out
