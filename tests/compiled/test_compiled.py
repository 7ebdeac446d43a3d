"""The mypyc-compiled extractor (what the container ships) gives exactly the source's output."""

from __future__ import annotations

import json

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
