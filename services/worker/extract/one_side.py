"""Sums that are one side's own, not money moved between the pair: national totals, money
spent at home, flows to no one named, sums that go to many."""

from __future__ import annotations

import re
from typing import Final

from services.worker.extract.document import Document
from services.worker.extract.parties import Unit
from services.worker.extract.wordscan import compile_case_blind, search_case_blind

# Goods sent to or from a place named with a capital ("exports to China", not "to $680 million"),
# or trade with one ("border trade through three crossings with Thailand").
_DIRECTED: Final = re.compile(
    # the nouns in any case ("Sales to China"), the name after "to" capitalised
    r"\b(?i:exports?|imports?|shipments?|sales|sold|shipped|exported|imported)\b[^;]{0,60}?"
    r"\b(?<!according\s)(?:to|from)\s+(?:the\s+)?[A-Z]"  # no source ("according to the KNBS")
    r"(?![\w$.]{0,3}\s?[0-9])"  # nor a currency ("rose to RO 5.9 billion", "to Rs 2,000 crore")
    r"|\b(?i:trade)\b[^;]{0,60}?\bwith\s+(?:the\s+)?[A-Z]"
)
_FLOW_NOUN: Final = re.compile(r"\b(?i:exports|imports|exported|imported|attract\w*)\b")
# One side's total from all partners ("Malaysia approved total investments of RM378.5bil").
# Owned by the side named ("Malaysia's total exports", "its overall trade") or what it took in
# ("Malaysia approved total investments"); a bare "total trade reached" is the pair's.
_TOTAL_TAIL: Final = (
    r"\s+(?:[\w-]+\s+){0,2}?(?:total|overall)\s+"
    r"(?:approved\s+|foreign\s+|direct\s+|non-oil\s+|merchandise\s+|goods\s+|external\s+)*"
    r"(?:[a-z][\w-]*\s+)??(?:investments?|exports|imports|trade|FDI|"
    r"export\s+(?:earnings|receipts|revenues?))\b"
)
# (speed) apart from the rest, which starts at words and so runs fast on lower-cased text
_OWNED_TOTAL: Final = re.compile(
    r"['’]s(?:" + _TOTAL_TAIL + r"|\s+(?:total\s+)?(?:foreign|external)\s+trade"
    r"(?!\s+(?:with|between|secretariat|minist\w*|office|department)\b)(?:\s+turnover)?\b)",
    re.IGNORECASE,
)
# What a firm reports of itself, after the verb: "reported 2024 revenue", "posted sales".
_RESULTS_WORDS: Final = (
    r"\s+(?:[\w-]+\s+){0,2}?(?:revenues?|sales|turnover|profits?|earnings|income)"
)
_NATIONAL_TOTAL: Final = compile_case_blind(
    r"(?<!of\s)\b(?:its|approved|recorded|posted|registered|attracted|received|drew|"
    r"foresees|envisages|requires|needs)"
    + _TOTAL_TAIL
    # "Its total investment is estimated at A$1.2 billion": a project's cost, estimated
    + r"(?!\s+(?:is|was|will\s+be|would\s+be)\s+(?:estimated|projected|expected|put|valued)\b)"
    # "India spends about Rs 1.68 lakh crore a year on fertiliser subsidies"
    + r"|\bon\s+(?:[\w-]+\s+){0,2}?subsid(?:y|ies)\b"
    # "exported goods worth MAD 157 billion, making it the country's largest export industry"
    r"|\bthe\s+country['’]s\s+(?:largest|biggest|top|main|leading)\s+exports?\b"
    # "The country's exports reached $79.7 billion": to no one named, everyone
    r"|\bthe\s+country['’]s\s+(?:total\s+)?(?:exports|imports)\b(?!\s+(?:to|from)\b)"
    # "the government has allocated $1.2 billion to security forces in its 2026 budget"
    r"|\b(?:in|for)\s+(?:its|their|the\s+country['’]s|the)\s+(?:(?:19|20)[0-9]{2}(?:[/-][0-9]{2,4})?\s+|"
    r"annual\s+|national\s+|republican\s+|provincial\s+|regional\s+|"
    r"state\s+|federal\s+|draft\s+|next\s+)*budgets?\b"
    # a firm's own results and a fund's size: "reported revenue of $22.3 billion", "which
    # manages more than $520 billion of assets"
    r"|\b(?:reported|posted|recorded|booked|generated)"
    + _RESULTS_WORDS
    + r"\s+(?:of|at|totall?ing)\b"
    r"|\bmanag(?:es|ed|ing)\s+[^;,]{0,30}?\bassets\b|\bassets\s+under\s+management\b"
    # subsidies and spending at home, and sales to the whole world
    r"|\bsubsid(?:y|ies)\s+for\s+domestic\b|\b(?:worldwide|global)\s+(?:exports|imports|sales)\b"
    r"|\b(?:exports|imports|sales)\s+(?:to|from)\s+all\s+(?:markets|countries|destinations)\b"
    r"|\bin\s+public\s+(?:spending|funds|money)\b"
    # what a country owes and what a firm plans for itself: "carries public debt of more than
    # 11 trillion shillings", "plans to invest $60 billion ..., according to its five-year
    # development plan"
    r"|\b(?:public|national|government|sovereign)\s+debt\b"
    # "non-oil exports rose to RO 5.9 billion" (to no one named: a checked flow is directed)
    r"|\bnon-oil\s+(?:exports|imports)\b"
    # "earned 3.6 billion USD from the export of goods", "the trade deficit widened to"
    r"|\bexports?\s+of\s+goods\b(?!\s+(?:and\s+services\s+)?(?:to|from)\b)"
    r"|\bthe\s+(?:overall\s+|total\s+)?trade\s+(?:deficit|surplus|gap)\s+"
    r"(?:widened|narrowed|grew|rose|fell|shrank|swelled)\b"
    # money at home, a programme of the IMF, a country's yearly needs: "while at home OCP is
    # pursuing a programme of 130 billion dirhams", "under a $7 billion IMF programme", "will
    # require about £45 billion of investment a year"
    r"|\bat\s+home\b|\bimf\s+(?:programme|program|loan|bailout|facility|package)\b"
    # a whole country's or zone's intake from everyone: "total foreign direct investment in
    # Georgia amounted to", "investment realization reached Rp829.9 trillion ... from domestic
    # and foreign sources", "The zone as a whole attracted investments of $6.8 billion ...
    # from companies of more than 20 nationalities", "total tea export earnings"
    r"|\btotal\s+(?:foreign\s+direct\s+investment|fdi|foreign\s+investment)\s+(?:in|into)\b"
    r"|\bfrom\s+(?:both\s+)?domestic\s+and\s+foreign\s+(?:sources|investors)\b"
    r"|\binvestment\s+reali[sz]ation\b|\bas\s+a\s+whole\b|\bnationalities\b"
    r"|\btotal\s+(?:[\w-]+\s+)?export\s+(?:earnings|receipts|revenues?)\b"
    r"|\b(?:requires?|needs?)\b[^;]{0,30}?\binvestments?\s+(?:a|per|each)\s+year\b"
    r"|\b(?:its|their)\s+(?:[\w-]+\s+){0,2}?(?:development|investment|business|strategic)\s+"
    r"(?:plan|programme|program|strategy)\b"
)
_MANY_RECEIVERS: Final = re.compile(
    r"\b(?:countries|nations|states|economies|markets|regions?|continent|worldwide|globally|"
    r"abroad|overseas)\b",
    re.IGNORECASE,
)
# A name before "region(s)" or "States" makes one place ("a plant in the Chui region", "the
# Sidama and Oromia regions", "the United States"), unless it names an area of many
# countries: an adjective of one ("African", "Baltic", "Caribbean") or one of these.
_ONE_PLACE_BEFORE: Final = re.compile(r"([A-Z][\w'’-]*)\s+\Z")
_MANY_PLACE_NAMES: Final = frozenset(
    {
        "Gulf",
        "Arab",
        "Pacific",
        "Asia-Pacific",
        "Indo-Pacific",
        "Mekong",
        "Sahel",
        "Horn",
        "ECOWAS",
        "SADC",
        "EAC",
        "MENA",
        "ASEAN",
        "GCC",
        "COMESA",
        "CIS",
        "East",
        "Lakes",
        "Member",
    }
)
_MANY_PLACE_ADJECTIVE: Final = re.compile(r"[A-Z][a-z]+(?:an|ic|ese)\Z")
# A sum from or to a list of partners: "imported cables worth about $410 million last year,
# mostly from Russia, China and Uzbekistan" is the importer's total, no one pair's.
_FROM_MANY: Final = re.compile(
    r",\s+(?:mostly|mainly|largely|chiefly|primarily|predominantly)\s+(?:from|to)\s+"
    r"(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?(?:,|\s+and)\s+(?:the\s+)?[A-Z]"
)
# One side's own flow, told by a pronoun ("Its lithium exports topped US$700 million").
_OWNED_FLOW: Final = re.compile(r"\b(?i:its)\s+(?:[\w-]+\s+){0,2}?(?i:exports|imports)\b")
# ... or by its name and the goods: "Chile's copper exports reached a record $50.5 billion"
# ("India's exports were worth", told after the pair's trade, is the pair's)
_OWNED_GOODS_FLOW: Final = re.compile(
    r"\b[A-Z][\w-]*['’]s\s+(?:(?!total\b|overall\b)[a-z][\w-]*\s+(?:[a-z][\w-]*\s+)?"
    r"(?:exports|imports)\b|(?:exports|imports)\s+of\s+[a-z])"  # "Vietnam's exports of toys"
)
# A place named as where something is: "in Toledo, in western Paraná state".
_IN_PLACE: Final = re.compile(r"\b(?:in|at|near)\s+(?:the\s+)?(?:[a-z]+\s+)?\Z")


# Money given to a whole group of countries: "pledged $5.5 billion in financing to African
# countries", "to 14 Pacific island nations", "to developing economies".
_TO_MANY_COUNTRIES: Final = re.compile(
    r"\bto\s+(?:the\s+)?(?:(?:[0-9]+|other|developing|least[- ]developed|poorer|low-income|"
    r"island|[A-Z][a-z]+(?:an|ic|ese))\s+){1,3}(?:countries|nations|economies)\b"
)


def gives_to_many(clause: str) -> bool:
    """'Japan pledged $5.5 billion in financing to African countries': the pair's other side
    is one receiver among many, not the party."""
    return _TO_MANY_COUNTRIES.search(clause) is not None


def is_directed(clause: str) -> bool:
    """Goods sent to or from a named place, or trade with one."""
    return _DIRECTED.search(clause) is not None


def to_many(clause: str) -> bool:
    """'USD 12 billion in lines of credit to African countries', 'its trade with the continent'."""
    return any(not _one_place(clause, m) for m in _MANY_RECEIVERS.finditer(clause))


def _one_place(clause: str, match: re.Match[str]) -> bool:
    if match.group().lower() not in ("region", "regions", "states"):
        return False
    name = _ONE_PLACE_BEFORE.search(clause, max(0, match.start() - 40), match.start())
    if name is None:
        return False
    word = name.group(1)
    return word not in _MANY_PLACE_NAMES and _MANY_PLACE_ADJECTIVE.match(word) is None


# A firm's own results, told right before the sum: "which reported 2024 revenue of about 138
# trillion dong", "posted 2025 sales of 842 billion won" (no deal is worth that).
# The words a sum's own qualifier may start with, right before it ("about $3 billion").
_QUALIFIER_END: Final = (
    r"(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+|roughly\s+|more\s+than\s+|over\s+|"
    r"a\s+record\s+)?\Z"
)
_RESULTS_BEFORE: Final = re.compile(
    r"\b(?:reported|posted|recorded|booked|generated|achieved)"
    + _RESULTS_WORDS
    + r"\s+(?:of\s+|at\s+|totall?ing\s+)"
    + _QUALIFIER_END,
    re.IGNORECASE,
)
# "... and an operating profit of 3.9 billion crowns": a result whatever verb came before
_PROFIT_BEFORE: Final = re.compile(
    r"\b(?:operating|net|pre-?tax|after-tax|gross)\s+(?:profits?|income|loss|earnings)\s+of\s+"
    + _QUALIFIER_END,
    re.IGNORECASE,
)
# One side's total told right before the sum, to no one or to many: "against Egypt's total
# exports to COMESA member states of around $3.2 billion".
_OWNED_TOTAL_BEFORE: Final = re.compile(
    r"(?:['’]s|\bits)\s+total\s+(?:[\w-]+\s+){0,2}?(?:exports|imports|trade)\b(?P<gap>[^.;]{0,60}?)"
    r"\s(?:of|at|worth|reached|stood\s+at|totall?ing|amounted\s+to)\s+" + _QUALIFIER_END,
    re.IGNORECASE,
)
_TO_SOMEONE: Final = re.compile(r"\b(?:to|from|with|between)\b", re.IGNORECASE)
_MANY_IN_GAP: Final = re.compile(
    r"\b(?:states|countries|members|markets|nations|economies|destinations)\b", re.IGNORECASE
)
_RESULTS_REACH: Final = 70  # characters before a sum the results phrase may start at
_TOTAL_REACH: Final = 140  # ... and a total's phrase with its partners named


def firms_results(text: str, start: int) -> bool:
    """The sum starting at `start` is a firm's own revenue or profit, or one side's total."""
    window = max(0, start - _RESULTS_REACH)
    if _RESULTS_BEFORE.search(text, window, start) or _PROFIT_BEFORE.search(text, window, start):
        return True
    total = _OWNED_TOTAL_BEFORE.search(text, max(0, start - _TOTAL_REACH), start)
    if total is None:
        return False
    gap = total.group("gap")
    return _TO_SOMEONE.search(gap) is None or _MANY_IN_GAP.search(gap) is not None


def is_national_total(clause: str) -> bool:
    """'Malaysia approved total investments of RM378.5bil': one side's sum from all partners."""
    return _OWNED_TOTAL.search(clause) is not None or search_case_blind(_NATIONAL_TOTAL, clause)


def from_many(clause: str) -> bool:
    """'worth $410 million, mostly from Russia, China and Uzbekistan': a total over partners."""
    return _FROM_MANY.search(clause) is not None


def owned_flow(clause: str) -> bool:
    """'Its lithium exports topped US$700 million': one side's exports or imports, to or
    from no one named, are its total (the pronoun names no partner)."""
    return _OWNED_FLOW.search(clause) is not None and not is_directed(clause)


def owned_goods_flow(clause: str) -> bool:
    """'Chile's copper exports reached a record $50.5 billion': one side's flow of some goods,
    to or from no one named, is its total."""
    return _OWNED_GOODS_FLOW.search(clause) is not None and not is_directed(clause)


def one_sides_flow(clause: str) -> bool:
    """'The government aims to increase exports to $145 billion', 'aims to attract 500 billion
    ringgit in investment': exports, imports or investment from no one named are one side's
    total, not the pair's."""
    return _FLOW_NOUN.search(clause) is not None and not is_directed(clause)


def at_home(units: list[Unit]) -> bool:
    """'Sundaram Fasteners will invest ₹1,450 crore at its plants in Tamil Nadu': one side and
    a place of its own country is money spent at home, not with the pair's other side."""
    return any(u.kind == "region" or u.kind == "city" for u in units)


def home_place_in(doc: Document, index: int, units: list[Unit]) -> bool:
    """'BRF will invest R$800 million to expand its plant in Toledo, in western Paraná state':
    a region or city of the one side's own country in its sentence is money spent at home."""
    home = {u.country for u in units}
    at_home = False
    text = doc.text
    for m in doc.in_sentence(index, doc.mentions):
        # only a place something is in: "Hyderabad-based Meridian", "Xi'an Metro" are firms
        if m.entity.kind not in ("region", "city") or not _IN_PLACE.search(
            text[max(0, m.start - 30) : m.start]
        ):
            continue
        if m.entity.country not in home:
            return False  # "a plant in Ararat province": abroad
        at_home = True
    return at_home
