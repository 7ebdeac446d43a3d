"""Time expressions: absolute and relative, resolved against the publication date or not at all."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from services.worker.extract.timex import TimeMention, find_times, to_when
from shared.models import Granularity, TemporalRelation
from shared.textformat import parse_plain_article

# The first seed's publication date, a Sunday: the week runs Mon 12 - Sun 18 November 2018.
SUNDAY = date(2018, 11, 18)
D, M, Q, Y, R = (Granularity.DAY, Granularity.MONTH, Granularity.QUARTER, Granularity.YEAR,
                 Granularity.RANGE)  # fmt: skip
OCC, COV, TGT, PLN = (
    TemporalRelation.OCCURRED,
    TemporalRelation.PERIOD_COVERED,
    TemporalRelation.TARGET,
    TemporalRelation.PLANNED,
)

# (sentence, anchor, mention text, begin, finish, granularity, relation)
RESOLVED = [
    ("An office will open by the end of this year.", SUNDAY, "by the end of this year",
     date(2018, 12, 31), date(2018, 12, 31), Y, TGT),
    ("Trade grew in the first five months this year.", SUNDAY, "in the first five months this year",
     date(2018, 1, 1), date(2018, 5, 31), R, COV),
    ("The CIIE, held on Nov. 5-10, drew", SUNDAY, "on Nov. 5-10", date(2018, 11, 5),
     date(2018, 11, 10), R, OCC),
    ("The CIIE, held in Shanghai on Nov.5-10, is", SUNDAY, "on Nov.5-10", date(2018, 11, 5),
     date(2018, 11, 10), R, OCC),
    ("to bring trade to 200 billion dollars by 2020", SUNDAY, "by 2020", date(2020, 1, 1),
     date(2020, 12, 31), Y, TGT),
    ("They met on Monday.", SUNDAY, "on Monday", date(2018, 11, 12), date(2018, 11, 12), D, OCC),
    ("Trade was worth £414 million in the four quarters to June 2018.", SUNDAY,
     "the four quarters to June 2018", date(2017, 7, 1), date(2018, 6, 30), R, COV),
    ("Trade was worth NZ$612m in the year to December 2017.", SUNDAY,
     "the year to December 2017", date(2017, 1, 1), date(2017, 12, 31), R, COV),
    # a run of weekdays is one span
    ("The mission ran from Monday to Wednesday.", SUNDAY, "from Monday to Wednesday",
     date(2018, 11, 12), date(2018, 11, 14), R, OCC),
    ("a visit to New Delhi on Tuesday and Wednesday", SUNDAY, "on Tuesday and Wednesday",
     date(2018, 11, 13), date(2018, 11, 14), R, OCC),
    ("The fair will run from Friday to Sunday.", SUNDAY, "from Friday to Sunday",
     date(2018, 11, 23), date(2018, 11, 25), R, PLN),
    ("It reached BD745 million in the four quarters to the end of June.", SUNDAY,
     "the four quarters to the end of June", date(2017, 7, 1), date(2018, 6, 30), R, COV),
    ("Exports rose 4% in the 12 months to March 2018.", SUNDAY, "the 12 months to March 2018",
     date(2017, 4, 1), date(2018, 3, 31), R, COV),
    ("Exports rose 4% in THE YEAR ENDING  March 2018.", SUNDAY, "THE YEAR ENDING  March 2018",
     date(2017, 4, 1), date(2018, 3, 31), R, COV),
    ("They will meet on Monday.", SUNDAY, "on Monday", date(2018, 11, 19), date(2018, 11, 19),
     D, PLN),
    ("They met last Sunday.", SUNDAY, "last Sunday", date(2018, 11, 11), date(2018, 11, 11), D,
     OCC),
    ("goods in the next five years", SUNDAY, "in the next five years", SUNDAY, date(2023, 11,
     18), R, PLN),
    ("Trade fell last year.", SUNDAY, "last year", date(2017, 1, 1), date(2017, 12, 31), Y, OCC),
    ("Talks open next year.", SUNDAY, "next year", date(2019, 1, 1), date(2019, 12, 31), Y, PLN),
    ("Exports rose this month.", SUNDAY, "this month", date(2018, 11, 1), date(2018, 11, 30), M,
     OCC),
    ("Sales doubled in 2017.", SUNDAY, "in 2017", date(2017, 1, 1), date(2017, 12, 31), Y, OCC),
    ("visitors in January 2017", SUNDAY, "in January 2017", date(2017, 1, 1), date(2017, 1, 31),
     M, OCC),
    ("Exports rose in the first quarter.", SUNDAY, "in the first quarter", date(2018, 1, 1),
     date(2018, 3, 31), Q, COV),
    ("Profit in the fourth quarter of 2019", SUNDAY, "in the fourth quarter of 2019",
     date(2019, 10, 1), date(2019, 12, 31), Q, COV),
    ("Profit in the last quarter of 2019", SUNDAY, "in the last quarter of 2019",
     date(2019, 10, 1), date(2019, 12, 31), Q, COV),
    ("Profit fell last quarter.", SUNDAY, "last quarter", date(2018, 7, 1), date(2018, 9, 30),
     Q, OCC),
    ("Sales in H1 2019 rose.", SUNDAY, "in H1 2019", date(2019, 1, 1), date(2019, 6, 30), R, COV),
    ("during the first half of 2019", SUNDAY, "during the first half of 2019", date(2019, 1, 1),
     date(2019, 6, 30), R, COV),
    ("Trade has grown since 2015.", SUNDAY, "since 2015", date(2015, 1, 1), SUNDAY, R, COV),
    # "since" looks back: December of the year before the anchor.
    ("Trade has grown since December.", SUNDAY, "since December", date(2017, 12, 1), SUNDAY, R,
     COV),
    ("They met early Monday.", SUNDAY, "early Monday", date(2018, 11, 12), date(2018, 11, 12), D,
     OCC),
    ("signed on March 3, 2019 in", SUNDAY, "on March 3, 2019", date(2019, 3, 3), date(2019, 3,
     3), D, PLN),
    ("signed on 3 March 2017 in", SUNDAY, "on 3 March 2017", date(2017, 3, 3), date(2017, 3, 3),
     D, OCC),
    ("signed on 2017-03-03 in", SUNDAY, "on 2017-03-03", date(2017, 3, 3), date(2017, 3, 3), D,
     OCC),
    ("signed yesterday", SUNDAY, "yesterday", date(2018, 11, 17), date(2018, 11, 17), D, OCC),
    ("talks next week", SUNDAY, "next week", date(2018, 11, 19), date(2018, 11, 25), R, PLN),
    ("Sales grew in May.", SUNDAY, "in May", date(2018, 5, 1), date(2018, 5, 31), M, OCC),
    ("between 2019 and 2021", SUNDAY, "between 2019 and 2021", date(2019, 1, 1), date(2021, 12,
     31), R, PLN),
    ("It grew in mid-2017.", SUNDAY, "in mid-2017", date(2017, 5, 1), date(2017, 8, 31), R, OCC),
    ("due early next year", SUNDAY, "early next year", date(2019, 1, 1), date(2019, 4, 30), R, PLN),
    ("Sales so far this year", SUNDAY, "so far this year", date(2018, 1, 1), SUNDAY, R, COV),
    ("over the past five years", SUNDAY, "over the past five years", date(2013, 11, 18), SUNDAY,
     R, COV),
    ("from Nov. 28-Dec. 2", SUNDAY, "from Nov. 28-Dec. 2", date(2018, 11, 28), date(2018, 12,
     2), R, PLN),
    # No year: the anchor's, unless that puts a past event more than half a year ahead.
    ("It was signed on Dec. 28.", date(2019, 1, 5), "on Dec. 28", date(2018, 12, 28),
     date(2018, 12, 28), D, OCC),
    ("Exports fell in December.", date(2019, 1, 5), "in December", date(2018, 12, 1),
     date(2018, 12, 31), M, OCC),
    ("They will meet in January.", date(2018, 12, 10), "in January", date(2019, 1, 1),
     date(2019, 1, 31), M, PLN),
    # A weekday right after a past verb is past, in a sentence about the future too.
    ("Solida will invest €310 million, the company announced on Tuesday at the forum.",
     date(2025, 10, 22), "on Tuesday", date(2025, 10, 21), date(2025, 10, 21), D, OCC),
    ("The deal will be signed on Tuesday in Madrid.", date(2025, 10, 22), "on Tuesday",
     date(2025, 10, 28), date(2025, 10, 28), D, PLN),
    # any case, any run of whitespace after the verb; not after "be"
    ("Solida will invest €310 million, the company SAID  on Tuesday.", date(2025, 10, 22),
     "on Tuesday", date(2025, 10, 21), date(2025, 10, 21), D, OCC),
    ("The results will be announced on Tuesday.", date(2025, 10, 22), "on Tuesday",
     date(2025, 10, 28), date(2025, 10, 28), D, PLN),
    # a past participle whose words the weekday ends: signed that day, in a future sentence
    ("Japan will finance the network under grant documents signed in the Kyrgyz capital on "
     "Tuesday.", date(2025, 11, 26), "on Tuesday", date(2025, 11, 25), date(2025, 11, 25), D,
     OCC),
    ("The firm will build a mill after the board approved the project's registration on "
     "Tuesday.", date(2026, 7, 29), "on Tuesday", date(2026, 7, 28), date(2026, 7, 28), D, OCC),
    # ... not one still to come
    ("Japan will finance the network under grant documents to be signed in the capital on "
     "Tuesday.", date(2025, 11, 26), "on Tuesday", date(2025, 12, 2), date(2025, 12, 2), D, PLN),
    # ... or one that heads the time's own clause
    ("They aim to raise trade, the ministers said after a session of the commission on "
     "Wednesday.", date(2025, 4, 17), "on Wednesday", date(2025, 4, 16), date(2025, 4, 16), D,
     OCC),
    ("They aim to raise trade, and ministers will meet again on Wednesday.", date(2025, 4, 17),
     "on Wednesday", date(2025, 4, 23), date(2025, 4, 23), D, PLN),
    # ... or one right after it, whatever the clause it governs says
    ("Taiwan and Paraguay on Wednesday signed a pact under which firms will get incentives.",
     date(2023, 7, 13), "on Wednesday", date(2023, 7, 12), date(2023, 7, 12), D, OCC),
    ("The bank on November 11 signed a deal under which it will lend 150 million EUR.",
     date(2025, 11, 12), "on November 11", date(2025, 11, 11), date(2025, 11, 11), D, OCC),
    # The year named after the months is theirs: one expression, not two.
    ("In the January-August period of this year, trade rose.", date(2025, 9, 25),
     "In the January-August period of this year", date(2025, 1, 1), date(2025, 8, 31), R, OCC),
    ("Investment reached RM9.3bn in the January-September period of 2024.", date(2025, 1, 10),
     "in the January-September period of 2024", date(2024, 1, 1), date(2024, 9, 30), R, OCC),
    ("He led a delegation to India in March last year.", date(2026, 3, 18),
     "in March last year", date(2025, 3, 1), date(2025, 3, 31), M, OCC),
    # Two ends of one span, each a month or a day: one expression.
    ("FDI inflows of $11.3 billion from April 2000 to September 2025 made it", date(2026, 2, 10),
     "from April 2000 to September 2025", date(2000, 4, 1), date(2025, 9, 30), R, OCC),
    ("It drew $180 billion between April 2000 and March 2025.", date(2026, 2, 10),
     "between April 2000 and March 2025", date(2000, 4, 1), date(2025, 3, 31), R, OCC),
    ("Deliveries will run from May 3 through June 7.", date(2026, 2, 10),
     "from May 3 through June 7", date(2026, 5, 3), date(2026, 6, 7), R, PLN),
    ("Exports ran from March 2024 – June 2025.", date(2026, 2, 10),
     "from March 2024 – June 2025", date(2024, 3, 1), date(2025, 6, 30), R, OCC),
]  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "anchor", "text", "begin", "finish", "granularity", "relation"), RESOLVED
)
def test_resolved(
    sentence: str,
    anchor: date,
    text: str,
    begin: date,
    finish: date,
    granularity: Granularity,
    relation: TemporalRelation,
) -> None:
    [t] = find_times(sentence, anchor)
    assert (t.text, t.begin, t.finish, t.granularity, t.relation) == (
        text,
        begin,
        finish,
        granularity,
        relation,
    )
    assert t.resolved
    assert sentence[t.start : t.end] == t.text


# Without a publication date: relative expressions keep their text and stay unresolved.
UNANCHORED = [
    ("by the end of this year", Y, TGT, False, None, None),
    ("in the first five months this year", R, COV, False, None, None),
    ("on Nov. 5-10", R, OCC, False, None, None),
    ("on Monday", D, OCC, False, None, None),
    ("next week", R, PLN, False, None, None),
    ("in the next five years", R, PLN, False, None, None),
    ("last year", Y, OCC, False, None, None),
    ("yesterday", D, OCC, False, None, None),
    ("by 2020", Y, TGT, True, date(2020, 1, 1), date(2020, 12, 31)),
    ("in 2017", Y, OCC, True, date(2017, 1, 1), date(2017, 12, 31)),
    ("January 2017", M, OCC, True, date(2017, 1, 1), date(2017, 1, 31)),
    ("H1 2019", R, COV, True, date(2019, 1, 1), date(2019, 6, 30)),
    ("March 3, 2019", D, OCC, True, date(2019, 3, 3), date(2019, 3, 3)),
    ("since 2015", R, COV, True, date(2015, 1, 1), None),
]


@pytest.mark.parametrize(
    ("text", "granularity", "relation", "resolved", "begin", "finish"), UNANCHORED
)
def test_unanchored(
    text: str,
    granularity: Granularity,
    relation: TemporalRelation,
    resolved: bool,
    begin: date | None,
    finish: date | None,
) -> None:
    [t] = find_times(text, None)
    assert (t.text, t.granularity, t.relation, t.resolved, t.begin, t.finish) == (
        text,
        granularity,
        relation,
        resolved,
        begin,
        finish,
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "May be later.",
        "the year before",
        "a two-day visit",
        "for six years",
        "in the past few years",
        "over 2,800 companies from 130 countries",
        "it cost $2020",
        "© 2001-2013 Comsenz Inc.",
        "half of the companies",
        "on behalf of the firm",
        "2020 was hard",
        "a quarter of exports",
        "the Marketing team",
    ],
)
def test_not_time(sentence: str) -> None:
    assert find_times(sentence, SUNDAY) == []


def test_two_years_joined_by_and_are_not_a_range() -> None:
    [t] = find_times("in 2015 and 2016", SUNDAY)
    assert (t.text, t.begin, t.finish) == ("in 2015", date(2015, 1, 1), date(2015, 12, 31))


def test_impossible_date_stays_unresolved() -> None:
    [t] = find_times("on February 30, 2019", SUNDAY)
    assert (t.resolved, t.begin, t.granularity) == (False, None, D)


def test_to_when_moves_offsets_and_records_the_anchor() -> None:
    t = TimeMention(5, 12, "by 2020", date(2020, 1, 1), date(2020, 12, 31), Y, TGT, True)
    w = to_when(t, anchor=SUNDAY, base_offset=100)
    assert (w.start, w.end, w.granularity, w.relation, w.resolved, w.anchor) == (
        date(2020, 1, 1),
        date(2020, 12, 31),
        Y,
        TGT,
        True,
        SUNDAY,
    )
    assert w.span is not None and (w.span.start, w.span.end, w.span.text) == (105, 112, "by 2020")


def _summary(found: list[TimeMention]) -> list[tuple[str, date | None, date | None, str]]:
    return [(t.text, t.begin, t.finish, t.relation.value) for t in found]


def test_seed_times(seed_paths: list[Path]) -> None:
    first = parse_plain_article(seed_paths[0].read_text())
    assert first.published_at is not None
    assert _summary(find_times(first.text, first.published_at.date())) == [
        ("on Nov.5-10", date(2018, 11, 5), date(2018, 11, 10), "occurred"),
        ("in the next five years", SUNDAY, date(2023, 11, 18), "planned"),
        ("by the end of this year", date(2018, 12, 31), date(2018, 12, 31), "target"),
    ]
    second = parse_plain_article(seed_paths[1].read_text())
    assert second.published_at is None
    found = find_times(second.text, None)
    assert [t.text for t in found] == [
        "in January 2017",
        "In 2015",
        "in 2016",
        "in the first five months this year",
        "Monday",
        "this year",
        "by 2020",
    ]
    assert [t.resolved for t in found] == [True, True, True, False, False, False, True]
    assert (found[-1].begin, found[-1].relation) == (date(2020, 1, 1), TGT)
    assert found[3].relation is COV


@pytest.mark.parametrize(
    "text", ["in the next 5² years", "in ³ months", "within ٣ years", "by ²⁰²⁰"]
)
def test_digits_that_int_cannot_read_are_no_time_and_no_crash(text: str) -> None:
    # str.isdigit() accepts superscripts that int() refuses: this once raised ValueError
    found = find_times(text, date(2024, 6, 1))
    assert [t.text for t in found if "year" in t.text or "month" in t.text] == []


def test_a_spans_first_end_takes_the_year_of_its_last() -> None:
    sentence = "It sold power between June 15 and November 15 last year."
    span, year = find_times(sentence, date(2026, 2, 12))
    assert (span.text, span.begin, span.finish) == (
        "between June 15 and November 15",
        date(2025, 6, 15),
        date(2025, 11, 15),
    )
    assert year.text == "last year"


@pytest.mark.parametrize(
    "sentence",
    [
        "Trade rose from March to $5 billion in April.",  # "to" a sum, then another month
        "It met in March and again in April.",  # "and" without "between"
        "The plant ran from June 2025 until it closed. In May 2026 it reopened.",
    ],
)
def test_two_months_that_bound_no_span_stay_apart(sentence: str) -> None:
    assert len(find_times(sentence, date(2026, 2, 12))) == 2


def test_weekdays_of_two_clauses_are_not_a_run() -> None:
    found = find_times("It signed on Monday and said on Tuesday that talks went well.", SUNDAY)
    assert [(t.text, t.begin, t.finish) for t in found] == [
        ("on Monday", date(2018, 11, 12), date(2018, 11, 12)),
        ("on Tuesday", date(2018, 11, 13), date(2018, 11, 13)),
    ]


@pytest.mark.parametrize(
    ("sentence", "span", "begin", "finish"),
    [
        # an event's length and its last day
        ("British firms wrapped up a three-day trade mission to Vietnam on Wednesday.",
         "three-day", date(2026, 3, 23), date(2026, 3, 25)),
        ("Firms signed deals at a two-day business forum that ended in Lagos on Tuesday.",
         "two-day business forum that ended", date(2026, 3, 23), date(2026, 3, 24)),
        ("A three-day trade mission by 38 Dutch companies to Ghana ended in Accra yesterday.",
         "three-day trade mission by 38 Dutch companies to Ghana ended",
         date(2026, 3, 23), date(2026, 3, 25)),
        # ... the day told first, in the same sentence
        ("On Wednesday they agreed on trade as the delegation concluded a two-day visit.",
         "two-day", date(2026, 3, 24), date(2026, 3, 25)),
        # ... or its first day
        ("The minister opened a three-day expo in Nairobi on Monday.",
         "three-day", date(2026, 3, 23), date(2026, 3, 25)),
        ("The leader arrived in Mexico on Monday for a three-day state visit.",
         "three-day", date(2026, 3, 23), date(2026, 3, 25)),
    ],
)  # fmt: skip
def test_an_events_length_and_one_of_its_days_span_its_days(
    sentence: str, span: str, begin: date, finish: date
) -> None:
    found = {t.text: (t.begin, t.finish) for t in find_times(sentence, date(2026, 3, 26))}
    assert found[span] == (begin, finish)


def test_a_length_with_no_day_in_its_sentence_adds_no_span() -> None:
    text = "They wrapped up a three-day trade mission. On Wednesday they flew home."
    assert all(t.granularity is Granularity.DAY for t in find_times(text, date(2026, 3, 26)))
