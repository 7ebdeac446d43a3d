"""The mypyc-compiled extractor (what the container ships) gives exactly the source's output."""

from __future__ import annotations

import json
import platform
import sys
from pathlib import Path

import pytest

from bench import compiled
from tests.conftest import SEEDS_DIR
from tests.gold.records import ARTICLES_DIR

pytestmark = pytest.mark.slow


def _corpus() -> list[str]:
    files = sorted(ARTICLES_DIR.glob("*.txt")) + sorted(SEEDS_DIR.glob("*.txt"))
    return [str(p) for p in files]


def test_the_build_is_of_the_working_tree() -> None:
    # `make test` builds it first; a stale build would compare old code with new
    assert compiled.stale_files() == []


def test_compiled_analysis_is_the_sources_on_every_gold_text() -> None:
    paths = _corpus()
    assert len(paths) > 500
    ours = compiled.fingerprints(paths)
    theirs = compiled.run_child("bench.compiled.fingerprints", paths)
    differ = [p for p, a, b in zip(paths, ours, theirs, strict=True) if a != b]
    assert differ == []
    positives = [json.loads(f) for f in ours if json.loads(f)[0]["is_trade_cooperation"]]
    assert len(positives) > 300  # real output compared, not empty lists
    assert sum(len(events) for _, events in positives) > 1000


def test_the_child_refuses_a_source_import(monkeypatch: pytest.MonkeyPatch) -> None:
    # the check that makes the comparison above one of two different builds
    monkeypatch.setattr(compiled, "COMPILED_DIR", ARTICLES_DIR)
    with pytest.raises(compiled.CompiledBuildError, match="was imported from"):
        compiled.assert_compiled()


def test_another_interpreter_runs_the_build_with_this_ones_packages(tmp_path: Path) -> None:
    # a second path to this CPython: run_child takes the other-interpreter road (child_env)
    other = tmp_path / "python3"
    other.symlink_to(sys.executable)
    paths = [str(p) for p in sorted(SEEDS_DIR.glob("*.txt"))]
    assert compiled.describe(str(other)).startswith(f"CPython {platform.python_version()}, ")
    got = compiled.run_child("bench.compiled.fingerprints", paths, interpreter=str(other))
    assert got == compiled.fingerprints(paths)
    assert any(json.loads(f)[1] for f in got)  # the seeds' events, not empty output


def test_an_interpreter_of_another_version_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "python"
    fake.write_text("#!/bin/sh\necho '[\"CPython\", [3, 10, 4], false]'\n")
    fake.chmod(0o755)
    with pytest.raises(compiled.CompiledBuildError, match=r"CPython 3\.10\.4 cannot load"):
        compiled.describe(str(fake))
