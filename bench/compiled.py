"""The mypyc-compiled build of the package (`make compiled`): where it is, whether it is current,
and running code against it in a child process.

`make compiled` installs the package, its extractor compiled to C extensions, into `.compiled/`
at the repo root. A child process that puts that folder first on `sys.path` imports the
compiled extractor and, since the build holds a copy of every module, runs exactly the code
the build was made from; `stale_files` says when that is no longer the working tree's code.
"""

from __future__ import annotations

import json
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


def run_child(function: str, payload: Any) -> Any:
    """Call `bench.<module>.<function>(payload)` in a child process on the compiled build and
    return what it returns (both as JSON)."""
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
    done = subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=CHILD_TIMEOUT_S,
        check=False,
    )
    if done.returncode != 0:
        raise CompiledBuildError(f"child failed ({done.returncode}): {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


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
