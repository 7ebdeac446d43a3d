"""Currency surface forms (data/currencies.json) and ISO 4217 codes (pycountry), loaded once."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Collection
from dataclasses import dataclass
from importlib import resources
from typing import Any, Final

import pycountry

from services.worker.extract.numbers import SCALE_WORDS

# US dollars written as such: a story that does so means its own dollar by a bare "$".
_US_MARKED: Final = re.compile(
    r"\bUS\s?\$|\$US(?![A-Za-z])|\bUSD\b|\bU\.S\.\s?\$|\bU\.?S\.? dollars?\b"
)
_DATA_PACKAGE: Final = "services.worker.extract"
_DATA_FILE: Final = "data/currencies.json"
# Longest prefix written before a number ("U.S. $"), so a lookup never reads further back.
_MAX_PREFIX_CHARS: Final = 6
_GAP_CHARS: Final = " \u00a0"
_ENDERS: Final = frozenset(",.;:)]\"'”’/")
_NEXT_WORD: Final = re.compile(r"\s*[-–]?\s*([A-Za-z][A-Za-z.]*)")
_JOINERS: Final = ("percent", "per", "pct", "to", "and")


@dataclass(frozen=True, slots=True)
class Prefix:
    """A currency sign or code found right before a number."""

    start: int
    symbol: str
    glued: bool


@dataclass(frozen=True, slots=True)
class Hints:
    """What a story tells about its currencies: the countries it names, its bare dollar."""

    countries: frozenset[str]
    dollar: str = "USD"
    pair: frozenset[str] = frozenset()  # the story's main pair: their currencies come first


@dataclass(frozen=True, slots=True)
class LocalDollar:
    """A country whose own press writes its dollar as a bare "$"."""

    code: str
    sources: tuple[str, ...]
    needs_word: str | None
    country: str = ""  # the ISO alpha-3 code of the country


@dataclass(frozen=True, slots=True)
class CurrencyLexicon:
    """Every surface form mapped to its candidate ISO codes, the default first."""

    prefixes: dict[str, tuple[str, ...]]
    scaled_prefixes: frozenset[str]
    scaled_codes: frozenset[str]  # word-like codes, money before a scaled number ("MAD 4.8bn")
    suffixes: dict[str, tuple[str, ...]]
    names: dict[str, tuple[str, ...]]
    needing_scale: frozenset[str]
    codes: frozenset[str]
    aliases: dict[str, str]
    countries: dict[str, frozenset[str]]
    # Lower-cased first words of every code, name, suffix, scale and joiner, dots stripped
    # ("u.s"): a number followed by any other word is not money, decided without a regex.
    first_words: frozenset[str]
    # Currency words written before a number ("yen 200 billion"), accepted only with a scale;
    # a non-empty set means the story must also name one of those countries ("won").
    word_prefixes: dict[str, frozenset[str]]
    local_dollars: dict[str, LocalDollar]
    wire_credits: tuple[str, ...]
    # (speed) the lengths of the signs and codes ending in a character, and in two characters
    # (with the one-character forms), longest first; and those of the currency words: lookups
    # try only those.
    sizes_by_last: dict[str, tuple[int, ...]]
    sizes_by_last_two: dict[str, tuple[int, ...]]
    word_sizes: tuple[int, ...]
    # The signs and names that are a local dollar's alone, by code (what `_marks` looks for).
    own_marks: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]

    def tail_pattern(self) -> str:
        """Regex for what may follow a number: percent, a suffix sign, a code or a name."""
        return (
            r"(?P<pct>\s?%|[\s-]?(?i:percent|per\s+cent|per-cent|pct)(?![A-Za-z]))"
            rf"|\s?(?P<suf>{_alternation(self.suffixes)})(?![A-Za-z])"
            rf"|[\s-]+(?P<code>{_alternation(self.codes)})(?![A-Za-z])"
            rf"|[\s-]+(?P<name>(?i:{_alternation(self.names, spaced=True)})(?:e?s)?)(?![A-Za-z])"
        )

    def prefix_pattern(self) -> str:
        """Regex for a sign or code written before a number (used inside ranges)."""
        return rf"(?:{_alternation([*self.prefixes, *self.codes])})"

    def prefix_before(self, text: str, pos: int) -> Prefix | None:
        """The sign or code that ends right before `pos` (optionally with one space), if any."""
        end = pos - 1 if pos > 0 and text[pos - 1] in _GAP_CHARS else pos
        if end == 0:
            return None
        sizes = self.sizes_by_last.get(text[end - 1])
        if sizes is None:
            return self._word_before(text, end, pos)  # mostly "in 2017": no lookup
        if end > 1:  # the one-character forms when no longer one ends in these two
            single = (1,) if 1 in sizes else ()
            sizes = self.sizes_by_last_two.get(text[end - 2 : end], single)
        for size in sizes:
            symbol = text[end - size : end]
            if size > end or (symbol not in self.prefixes and symbol not in self.codes):
                continue
            start = end - size
            if start > 0 and text[start - 1].isalnum() and symbol[0].isalnum():
                continue
            return Prefix(start=start, symbol=symbol, glued=end == pos)
        return None

    def bare_dollar(
        self, hints: Collection[str], text: str, pair: Collection[str] = (), dateline: str = ""
    ) -> str:
        """The code of a bare "$" or "dollar" in this story: USD (wire stories on international
        deals quote USD so), unless exactly one country of the hint writes its own currency as
        "$" (Mexico only when the text says "peso"), the text neither marks that currency
        ("A$", "Singapore dollars": then "$" is the other one) and either the hint has no USA
        or the text writes US dollars as such ("US$"), or the text names that country's own
        press ("The Canadian Press", "RNZ"); never in a story with a wire credit ("(Reuters)").
        When the story's main `pair` is known, the dollar country must be one of it: Singapore
        named in passing does not make a Jakarta story's "$" Singapore's. Of two such
        countries, `_home_of` picks one. A story datelined in another country (`dateline`, its
        code: "SEOUL, June 10 (Yonhap)") is written by foreign press: its "$" is USD."""
        local = [
            found
            for country, found in self.local_dollars.items()
            if country in hints
            and (not pair or country in pair)
            and (found.needs_word is None or found.needs_word in text)
        ]
        if len(local) > 1:
            local = self._home_of(local, text)
        if len(local) != 1:
            return "USD"
        found = local[0]
        if any(credit in text for credit in self.wire_credits):
            return "USD"
        if any(source in text for source in found.sources):
            return found.code  # its own press writes it bare, even after an "NZ$" lead
        if dateline and dateline != found.country:
            return "USD"
        if self._marks(found.code, text):
            return "USD"
        if "USA" in hints and not _US_MARKED.search(text):
            return "USD"
        # the story marks US dollars as such ("US$2 billion", "$US350 million"): its bare "$"
        # is the local one, as Straits Times, Globe and Mail or AFR write it
        return found.code

    def _home_of(self, local: list[LocalDollar], text: str) -> list[LocalDollar]:
        """Of several dollar countries, the one whose own press the text names ("RNZ"), else
        those whose dollar it does not mark ("F$85 million" is Fiji's: "$" is the other's)."""
        named = [found for found in local if any(s in text for s in found.sources)]
        if len(named) == 1:
            return named
        return [found for found in local if not self._marks(found.code, text)]

    def bare_or(self, code: str, bare: bool, hints: Hints) -> str:
        """A bare "$" or "dollar" takes the story's dollar (`bare_dollar`)."""
        return hints.dollar if bare and code == "USD" else code

    def word_prefix_ok(self, word: str, hints: Hints) -> bool:
        """A currency word before a number ("yen 200 billion"); "won" needs a Korean story."""
        needed = self.word_prefixes[word]
        return not needed or bool(needed & hints.countries)

    def may_follow(self, text: str, end: int) -> bool:
        """Cheap test of whether the text after a number can make it an amount: a closing mark
        ends it, and a word must be a scale, a currency, "percent" or a range joiner."""
        if end >= len(text) or text[end] in _ENDERS:
            return False
        m = _NEXT_WORD.match(text, end)
        if m is None:
            return True  # "%", a digit (a range) or a sign: the amount regex decides
        word = m[1].lower().rstrip(".")
        words = self.first_words
        return word in words or word[:-1] in words or word[:-2] in words

    def _marks(self, code: str, text: str) -> bool:
        """Whether the text writes `code` with its own sign or name ("A$", "Canadian dollar")."""
        signs, names = self.own_marks.get(code) or _own_marks(code, self.prefixes, self.names)
        if any(_has_sign(text, sign) for sign in signs):
            return True
        lowered = text.lower()
        return any(name in lowered for name in names)

    def _word_before(self, text: str, end: int, pos: int) -> Prefix | None:
        """A whole currency word ending at `end` ("yen 200 billion"), spaced from the number."""
        if end == pos:
            return None  # a word must be spaced from its number
        for size in self.word_sizes:
            start = end - size
            word = text[start:end]
            if start >= 0 and word in self.word_prefixes:
                if start > 0 and text[start - 1].isalnum():
                    return None
                return Prefix(start=start, symbol=word, glued=False)
        return None

    def for_prefix(self, symbol: str, hints: Collection[str], pair: Collection[str] = ()) -> str:
        if symbol in self.word_prefixes:
            return self.names[symbol][0]
        if symbol in self.prefixes:
            return self.pick(self.prefixes[symbol], hints, pair)
        return self.aliases.get(symbol, symbol)

    def for_suffix(self, symbol: str, hints: Collection[str], pair: Collection[str] = ()) -> str:
        return self.pick(self.suffixes[symbol], hints, pair)

    def for_code(self, code: str) -> str:
        return self.aliases.get(code, code)

    def for_name(self, name: str) -> tuple[str, tuple[str, ...]] | None:
        """(the name's base form, its candidate codes), trying the singular of a plural."""
        # "1.2-billion-U.S.-dollar" (Xinhua's compound adjective) is "U.S. dollar"
        key = " ".join(name.lower().replace("-", " ").split())
        for base in (
            key,
            key[:-1] if key[-1:] == "s" else "",
            key[:-2] if key[-2:] == "es" else "",
        ):
            if base in self.names:
                return base, self.names[base]
        return None

    def pick(
        self, codes: tuple[str, ...], hints: Collection[str], pair: Collection[str] = ()
    ) -> str:
        """The first candidate of a country of the story's main pair ("Rs" in a Nepal-Bangladesh
        story that names India in passing is NPR), else of a country the story names, else
        the default (the first)."""
        if len(codes) > 1 and hints:
            for wanted in (pair, hints):
                if not wanted:
                    continue
                for code in codes:
                    if not self.countries.get(code, frozenset()).isdisjoint(wanted):
                        return code
        return codes[0]


def _alternation(forms: Collection[str], *, spaced: bool = False) -> str:
    """An alternation as a character trie: the regex engine then rejects most forms at once."""
    trie: dict[str, Any] = {}
    for form in forms:
        node = trie
        for token in _tokens(form.lower() if spaced else form, spaced=spaced):
            node = node.setdefault(token, {})
        node[""] = {}
    return _emit(trie)


def _tokens(form: str, *, spaced: bool) -> list[str]:
    if spaced:
        return [r"[\s-]+" if ch == " " else re.escape(ch) for ch in " ".join(form.split())]
    return [re.escape(ch) for ch in form]


def _emit(node: dict[str, Any]) -> str:
    # The empty branch (a form ending here) goes last so the longest form wins.
    branches = [key + _emit(child) for key, child in sorted(node.items()) if key]
    if "" in node:
        branches.append("")
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


def _countries_of(code: str, explicit: dict[str, list[str]]) -> frozenset[str]:
    """Multi-country currencies are listed; a national code's first two letters are its country."""
    if code in explicit:
        return frozenset(explicit[code])
    country = pycountry.countries.get(alpha_2=code[:2])
    return frozenset({country.alpha_3}) if country is not None else frozenset()


def _has_sign(text: str, sign: str) -> bool:
    """Whether `sign` is written as such: "S$" is not the end of "US$"."""
    at = text.find(sign)
    while at != -1:
        if at == 0 or not text[at - 1].isalpha():
            return True
        at = text.find(sign, at + 1)
    return False


def _tuples(mapping: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    return {key: tuple(value) for key, value in mapping.items()}


@functools.cache
def currency_lexicon() -> CurrencyLexicon:
    """The process-wide lexicon; reads its data file on first use, not at import."""
    data = json.loads(resources.files(_DATA_PACKAGE).joinpath(_DATA_FILE).read_text("utf-8"))
    aliases: dict[str, str] = data["code_aliases"]
    iso = {c.alpha_3 for c in pycountry.currencies} | set(data["historic_codes"])
    iso -= set(data["excluded_codes"])
    scaled_codes = {code: [code] for code in data["codes_needing_scale"]}
    prefixes = _tuples({**data["prefixes"], **data["prefixes_needing_scale"], **scaled_codes})
    codes = frozenset(iso | set(aliases))
    sections = ("prefixes", "prefixes_needing_scale", "suffixes", "names")
    shared = {
        code for s in sections for codes in data[s].values() if len(codes) > 1 for code in codes
    }
    word_prefixes = {word: frozenset(found) for word, found in data["word_prefixes"].items()}
    names = _tuples(data["names"])
    return CurrencyLexicon(
        prefixes=prefixes,
        scaled_prefixes=frozenset(data["prefixes_needing_scale"]),
        scaled_codes=frozenset(scaled_codes),
        suffixes=_tuples(data["suffixes"]),
        names=names,
        needing_scale=frozenset(data["names_needing_scale"]),
        codes=codes,
        aliases=aliases,
        countries={code: _countries_of(code, data["code_countries"]) for code in shared},
        word_prefixes=word_prefixes,
        local_dollars={
            country: LocalDollar(
                found["code"], tuple(found["sources"]), found.get("needs_word"), country
            )
            for country, found in data["local_dollars"].items()
        },
        wire_credits=tuple(data["wire_credits"]),
        first_words=frozenset(
            [form.split()[0].lower().rstrip(".") for form in (*codes, *data["names"])]
            + [form.lower() for form in (*data["suffixes"], *_JOINERS)]
            + [f"{word}{plural}" for word in SCALE_WORDS for plural in ("", "s")]
        ),
        sizes_by_last=_sizes_by_last([*prefixes, *codes]),
        sizes_by_last_two=_sizes_by_last_two([*prefixes, *codes]),
        word_sizes=tuple(sorted({len(word) for word in word_prefixes}, reverse=True)),
        own_marks={
            found["code"]: _own_marks(found["code"], prefixes, names)
            for found in data["local_dollars"].values()
        },
    )


def _own_marks(
    code: str, prefixes: dict[str, tuple[str, ...]], names: dict[str, tuple[str, ...]]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The signs and the names that stand for `code` and nothing else."""
    return (
        tuple(sign for sign, codes in prefixes.items() if codes == (code,)),
        tuple(name for name, codes in names.items() if codes == (code,)),
    )


def _sizes_by_last_two(forms: list[str]) -> dict[str, tuple[int, ...]]:
    """Lengths of the forms ending in each two characters, with the one-character forms that
    end them, longest first."""
    short = {form for form in forms if len(form) == 1}
    sizes: dict[str, set[int]] = {}
    for form in forms:
        if 1 < len(form) <= _MAX_PREFIX_CHARS:
            sizes.setdefault(form[-2:], set()).add(len(form))
    for tail, found in sizes.items():
        if tail[-1] in short:
            found.add(1)
    return {tail: tuple(sorted(found, reverse=True)) for tail, found in sizes.items()}


def _sizes_by_last(forms: list[str]) -> dict[str, tuple[int, ...]]:
    """Lengths of the forms ending in each character, longest first, up to the longest prefix
    written before a number (a character ending only longer forms gets none)."""
    sizes: dict[str, set[int]] = {}
    for form in forms:
        found = sizes.setdefault(form[-1], set())
        if len(form) <= _MAX_PREFIX_CHARS:
            found.add(len(form))
    return {last: tuple(sorted(found, reverse=True)) for last, found in sizes.items()}
