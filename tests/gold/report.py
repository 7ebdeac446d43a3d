"""Scores the extractor on the seeds, the gold articles and PLOVER, and prints the figures."""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from shared.logging import configure_logging
from tests.conftest import KIT, SEEDS_DIR
from tests.gold.plover import ATTRIBUTION, PloverSentence, load_plover
from tests.gold.predict import Analyse, load_analyse, predict_gold, predict_sentences
from tests.gold.records import GoldArticle, Prediction, load_gold
from tests.gold.score import (
    PR,
    ArticleFigures,
    Rate,
    SentenceFigures,
    amounts,
    country_sets,
    flat_article_figures,
    flat_sentence_figures,
    pred_money,
    score_articles,
    score_sentences,
)

PLOVER_PATH = KIT / "eval" / "plover_gsr.json"


@dataclass(frozen=True, slots=True)
class Results:
    seeds: ArticleFigures
    gold: ArticleFigures
    plover: SentenceFigures
    pairs: list[tuple[GoldArticle, Prediction]]

    def flat(self) -> dict[str, float]:
        return {
            **flat_article_figures("seeds", self.seeds),
            **flat_article_figures("gold", self.gold),
            **flat_sentence_figures("plover", self.plover),
        }


def evaluate(analyse: Analyse, plover_path: Path = PLOVER_PATH, only: str = "") -> Results:
    """Scores everything; `only` keeps the gold files whose name matches that regex."""
    gold = [g for g in load_gold() if re.search(only, g.file)]
    pairs = predict_gold(analyse, gold, SEEDS_DIR)
    sentences: list[PloverSentence] = load_plover(plover_path)
    preds = predict_sentences(analyse, [s.text for s in sentences])
    labelled = [(s.label, s.countries, p) for s, p in zip(sentences, preds, strict=True)]
    return Results(
        seeds=score_articles(p for p in pairs if p[0].is_seed),
        gold=score_articles(p for p in pairs if not p[0].is_seed),
        plover=score_sentences(labelled),
        pairs=pairs,
    )


def _num(value: float, defined: bool) -> str:
    return f"{value:6.3f}" if defined else "   n/a"


def _prf(pr: PR) -> str:
    counts = f"({pr.hit_gold}/{pr.n_gold} found, {pr.hit_pred}/{pr.n_pred} right)"
    p, r = _num(pr.precision, pr.n_pred > 0), _num(pr.recall, pr.n_gold > 0)
    return f"{p} {r} {_num(pr.f1, pr.n_pred + pr.n_gold > 0)}   {counts}"


def _rate(r: Rate) -> str:
    return f"{_num(r.value, r.total > 0)}                 ({r.hits}/{r.total})"


def article_rows(f: ArticleFigures) -> list[tuple[str, str]]:
    return [
        ("classification        P/R/F1", _prf(f.classification)),
        ("country set exact (TP)", _rate(f.country_exact)),
        ("country codes (TP)    P/R/F1", _prf(f.country_codes)),
        ("event type            P/R/F1", _prf(f.event_types)),
        ("amount value+currency P/R/F1", _prf(f.amounts)),
        ("stated USD conversion kept", _rate(f.stated_usd)),
        ("dates resolved as annotated", _rate(f.dates)),
        ("negatives with events", _rate(f.negatives_with_events)),
        ("events predicted / required", f"{f.events_predicted} / {f.events_gold}"),
    ]


def sentence_rows(f: SentenceFigures) -> list[tuple[str, str]]:
    return [
        ("classification        P/R/F1", _prf(f.classification)),
        ("economic conflict as coop", _rate(f.conflict_as_cooperation)),
        ("country set exact (TP)", _rate(f.country_exact)),
        ("country codes (TP)    P/R/F1", _prf(f.country_codes)),
    ]


def table(results: Results) -> str:
    lines = [f"{'':31}{'P':>6} {'R':>6} {'F1':>6}"]
    sections = [
        ("seeds (2 articles)", article_rows(results.seeds)),
        (
            f"gold articles ({results.gold.classification.n_gold} positive)",
            article_rows(results.gold),
        ),
        ("plover sentences", sentence_rows(results.plover)),
    ]
    for title, rows in sections:
        lines.append(f"== {title}")
        lines += [f"  {name:29}{value}" for name, value in rows]
    lines.append(f"PLOVER data: {ATTRIBUTION}")
    return "\n".join(lines)


def issues(gold: GoldArticle, pred: Prediction) -> list[str]:
    """What one article got wrong, for tuning: classification, countries, types, amounts."""
    out = []
    if gold.is_trade_cooperation != pred.is_trade:
        out.append(f"classified {pred.is_trade}, gold {gold.is_trade_cooperation}")
    if gold.is_trade_cooperation and pred.is_trade:
        req, opt = frozenset(gold.countries), frozenset(gold.countries_optional)
        if not country_sets(req, opt, pred.countries)[0]:
            out.append(
                f"countries {sorted(pred.countries)}, gold {sorted(req)} (+ok {sorted(opt)})"
            )
    got = {e.event_type for e in pred.events}
    missed = [e.event_type.value for e in gold.events if not e.optional and not e.types() & got]
    wrong = got - frozenset().union(*(e.types() for e in gold.events))
    if missed or wrong:
        out.append(f"event types missed {missed}, wrong {sorted(wrong)}")
    gold_amounts = [a for e in gold.events for a in e.amounts]
    money = pred_money(pred)
    pr = amounts(gold_amounts, money)
    if pr.hit_gold < pr.n_gold or pr.hit_pred < pr.n_pred:
        got_m = sorted({f"{m.value:g} {m.currency}" for m in money})
        want_m = [f"{a.value:g} {a.currency}" for a in gold_amounts if not a.optional]
        out.append(f"amounts {got_m}, gold {want_m}")
    return out


def run(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.gold.score", description=__doc__)
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    parser.add_argument("-v", "--verbose", action="store_true", help="list each article's misses")
    parser.add_argument("--only", default="", metavar="REGEX", help="gold files matching REGEX")
    args = parser.parse_args(argv)
    configure_logging(level="WARNING")  # stdout carries only the figures
    results = evaluate(load_analyse(), only=args.only)
    if args.json:
        print(json.dumps({**results.flat(), "plover_attribution": ATTRIBUTION}, indent=2))
        return 0
    print(table(results))
    if args.verbose:
        for gold, pred in results.pairs:
            for problem in issues(gold, pred):
                print(f"{gold.file}: {problem}")
    return 0
