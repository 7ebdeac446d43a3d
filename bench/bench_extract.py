"""Articles per second on one core for classify + extract, against a spaCy sentencizer, same texts.

    python -m bench.bench_extract [--rounds 5] [--round-s 0.5] [--json] [--interpreter EXE]...

The corpus is every 2-5 KB article of the gold set (tests/gold/articles) and the seeds. Each
side is warmed up, then timed over several rounds of whole passes over the corpus; the figure
is the median round. The process is pinned to one CPU where the OS allows it.

Two builds of the extractor are timed: the Python source (what an editable install runs) and,
when `make compiled` has built it, the mypyc-compiled one the container image ships, in a child
process pinned to the same CPU. The target is judged on the shipped (compiled) build.

The interpreter's own build counts too: a CPython built with profile-guided optimisation and a
static libpython (as the container's python:3.11-slim is) runs the same code faster than one
without (as pyenv builds by default). `--interpreter` times the compiled build once more under
another CPython of the same version, for each one given, and says which build each is.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from bench import compiled as compiled_build
from shared.logging import configure_logging
from shared.models import ArrivalKind, Article
from shared.textformat import parse_plain_article

REPO = Path(__file__).resolve().parents[1]
GOLD_ARTICLES = REPO / "tests" / "gold" / "articles"
SEEDS = REPO.parent / "shared" / "seeds"
MIN_BYTES, MAX_BYTES = 2000, 5000
TARGET_PER_S = 1000.0
RECEIVED_AT_EPOCH_S = 1_735_689_600  # fixed, so article ids are the same on every run


@dataclass(frozen=True, slots=True)
class Figures:
    articles: int
    mean_kb: float
    rounds: int
    cpu: int | None
    analyse_per_s: float  # the Python source
    compiled_per_s: float | None  # the mypyc build (None: not built)
    spacy_per_s: float
    ratio: float
    compiled_ratio: float | None
    target_per_s: float
    target_met: bool
    interpreter: str  # this one: "CPython 3.11.7, libpython shared"
    # (path, what it is, compiled articles/s) for each --interpreter
    others: tuple[tuple[str, str, float], ...] = ()


def corpus_paths() -> list[Path]:
    paths = sorted(GOLD_ARTICLES.glob("*.txt")) + sorted(SEEDS.glob("*.txt"))
    return [p for p in paths if MIN_BYTES <= p.stat().st_size <= MAX_BYTES]


def build_corpus(paths: Sequence[Path]) -> list[Article]:
    received = datetime.fromtimestamp(RECEIVED_AT_EPOCH_S, tz=UTC)
    out = []
    for path in paths:
        parsed = parse_plain_article(path.read_text(encoding="utf-8"))
        out.append(
            Article.build(
                title=parsed.title,
                text=parsed.text,
                arrived_via=ArrivalKind.FILE,
                received_at=received,
                published_at=parsed.published_at,
            )
        )
    return out


def pin_one_cpu() -> int | None:
    """Run on a single CPU so the figure is per core, whatever threads a library starts."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return cpu


def rate(one_pass: Callable[[], None], n_items: int, rounds: int, round_s: float) -> float:
    """Median items per second over `rounds` rounds of whole passes lasting about `round_s`."""
    start = time.perf_counter()
    one_pass()  # warm-up: imports, caches, lazily built tables
    one_pass()
    per_pass = max((time.perf_counter() - start) / 2, 1e-6)
    passes = max(1, math.ceil(round_s / per_pass))
    rates = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        for _ in range(passes):
            one_pass()
        rates.append(passes * n_items / (time.perf_counter() - t0))
    return statistics.median(rates)


_RATE = "bench.bench_extract.analyse_rate"


def analyse_rate(params: dict[str, float]) -> float:
    """The source or compiled extractor's rate (the child's entry point, see bench.compiled)."""
    pin_one_cpu()
    articles = build_corpus(corpus_paths())
    return rate(analyse_pass(articles), len(articles), int(params["rounds"]), params["round_s"])


def analyse_pass(articles: Sequence[Article]) -> Callable[[], None]:
    from services.worker.extract import analyse

    def run() -> None:
        for article in articles:
            analyse(article)

    return run


def spacy_pass(texts: Sequence[str]) -> Callable[[], None]:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")

    def run() -> None:
        for doc in nlp.pipe(texts):
            sum(1 for _ in doc.sents)

    return run


def measure(rounds: int, round_s: float, interpreters: Sequence[str] = ()) -> Figures:
    # checked first: an interpreter that cannot load the build fails before any timing
    others = [(exe, compiled_build.describe(exe)) for exe in interpreters]
    cpu = pin_one_cpu()
    paths = corpus_paths()
    articles = build_corpus(paths)
    n = len(articles)
    ours = rate(analyse_pass(articles), n, rounds, round_s)
    compiled = None
    params = {"rounds": rounds, "round_s": round_s}
    if compiled_build.BUILT_MARK.exists() or interpreters:  # stale: run_child says why not
        compiled = float(compiled_build.run_child(_RATE, params))
    timed = tuple(
        (exe, about, round(float(compiled_build.run_child(_RATE, params, interpreter=exe)), 1))
        for exe, about in others
    )
    ref = rate(spacy_pass([a.text for a in articles]), n, rounds, round_s)
    mean_kb = sum(p.stat().st_size for p in paths) / n / 1000
    shipped = ours if compiled is None else compiled
    return Figures(
        n, round(mean_kb, 2), rounds, cpu, round(ours, 1),
        None if compiled is None else round(compiled, 1), round(ref, 1), round(ours / ref, 3),
        None if compiled is None else round(compiled / ref, 3),
        TARGET_PER_S, shipped >= TARGET_PER_S, compiled_build.describe(), timed,
    )  # fmt: skip


def render(f: Figures) -> str:
    verdict = "MET" if f.target_met else "NOT MET"
    build = "not built (make compiled)"
    if f.compiled_per_s is not None:
        build = f"{f.compiled_per_s:10.1f} articles/s (ratio to spaCy {f.compiled_ratio:.3f})"
    judged = "source" if f.compiled_per_s is None else "compiled"
    others = [
        f"  the same under {exe} ({about}): {per_s:.1f} articles/s, target "
        + ("MET" if per_s >= f.target_per_s else "NOT MET")
        for exe, about, per_s in f.others
    ]
    return "\n".join(
        [
            f"corpus: {f.articles} articles of 2-5 KB (mean {f.mean_kb} KB), gold set + seeds",
            f"one core: cpu {f.cpu}; median of {f.rounds} rounds after warm-up",
            f"interpreter: {f.interpreter}",
            f"tradewire, Python source:               {f.analyse_per_s:10.1f} articles/s",
            f"tradewire, mypyc-compiled (shipped):    {build}",
            f"spaCy blank 'en' + sentencizer:         {f.spacy_per_s:10.1f} articles/s",
            f"ratio tradewire source / spaCy:         {f.ratio:10.3f}",
            f"target {f.target_per_s:,.0f} articles/s on one core ({judged} build): {verdict}",
            *others,
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_extract", description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--round-s", type=float, default=0.5, help="target seconds per round")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--interpreter", action="append", default=[], metavar="EXE",
        help="also time the compiled build under this CPython (same version); repeatable",
    )  # fmt: skip
    args = parser.parse_args(argv)
    configure_logging(level="WARNING")  # stdout carries only the figures
    figures = measure(max(1, args.rounds), max(0.05, args.round_s), args.interpreter)
    print(json.dumps(asdict(figures)) if args.json else render(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
