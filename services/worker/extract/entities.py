"""Mentions as the rest of the extractor sees them: companies learnt from the article itself,
currency words and amounts removed, news agencies dropped."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Final, Protocol

from services.worker.extract.fastre import word_after_space
from services.worker.extract.gazetteer import Mention, find_mentions, gazetteer, trie_pattern
from services.worker.extract.lexicon import words
from services.worker.extract.surface import SHARED_PREFIX, Entity, shared_region

# A proper name: capitalised words, joined by "of", "and", "&", "de", hyphens.
_NAME_WORD: Final = r"[A-Z][\w&'’-]*(?:\.\w+)*(?:/[A-Z]{1,2}\b)?"  # "Nordvand Pumper A/S"
_NAME: Final = (
    rf"(?P<name>{_NAME_WORD}(?:\s+(?:of|and|for|de|du|&)\s+{_NAME_WORD}"
    rf"|\s+(?:{_NAME_WORD}|\d[\w-]*))*)"
)
_DESCRIPTORS: Final = (
    r"(?:company|firm|giant|group|conglomerate|maker|carmaker|automaker|chipmaker|steelmaker|"
    r"drugmaker|producer|manufacturer|miner|bank|lender|insurer|operator|retailer|developer|"
    r"supplier|exporter|importer|trader|trading\s+house|utility|generator|start-?up|platform|fund|"
    r"investor|airline|carrier|shipper|shipping\s+line|builder|contractor|major|multinational|"
    r"corporation|enterprise|refiner|explorer|agency|institute|association|body|council|"
    r"ministry|regulator|authority|consortium|holding|venture)"
)
# "Australia's Woodside Energy", "Japan's largest power generator, JERA"
_AFTER_POSSESSIVE: Final = re.compile(
    r"(?:'s|’s)\s+(?:(?:[a-z][\w-]*|\d[\w-]*)[\s,]+){0,5}?" + _NAME
)
# "Chinese e-commerce giant Alibaba Group", "German carmaker Volkswagen"
_AFTER_ADJECTIVE: Final = re.compile(
    r"\s+(?:[a-z][\w-]*\s+){0,3}?" + _DESCRIPTORS + r"s?,?\s+" + _NAME
)
# "Dubai-based DP World", "London-listed Ferrexpo"
_AFTER_BASED: Final = re.compile(r"-(?:based|listed)\s+(?:[a-z][\w-]*\s+){0,3}" + _NAME)
# "ASX-listed Gobi Copper": a stock exchange's listing names its country (only exchanges whose
# acronym is no other's: NSE and BSE are India's and Kenya's or Botswana's)
_EXCHANGES: Final = {
    "ASX": "AUS", "TSX": "CAN", "TSXV": "CAN", "TSX-V": "CAN", "JSE": "ZAF", "NYSE": "USA",
    "Nasdaq": "USA", "LSE": "GBR", "AIM": "GBR", "SGX": "SGP", "HKEX": "HKG", "KOSDAQ": "KOR",
    "IDX": "IDN", "PSX": "PAK", "EGX": "EGY", "Tadawul": "SAU", "B3": "BRA", "BMV": "MEX",
}  # fmt: skip
_EXCHANGE_LISTED: Final = re.compile(
    r"\b(?P<exchange>"
    + "|".join(re.escape(x) for x in sorted(_EXCHANGES, key=len, reverse=True))
    + r")-listed\s+(?:[a-z][\w-]*\s+){0,2}"
    + _NAME
)
_CURRENCY_WORDS: Final = (
    "dollar dollars yuan renminbi ruble rubles rouble roubles rupee rupees yen won euro euros "
    "pound pounds shilling shillings rand real reals reais peso pesos lira franc francs riyal "
    "riyals dirham dirhams naira cedi cedis dinar dinars ringgit baht dong rupiah taka tenge som "
    "soms manat lari dram drams kwacha birr krona krone krono kronar kroner kronor zloty forint "
    "lei leu lev leva hryvnia hryvnias sterling cent cents"
)
# What re.IGNORECASE also equates with a lowercase letter x besides x and X (every code point
# checked): the dotted and dotless i, the Kelvin sign, the long s.
_CASE_EXTRA: Final = {"i": "İı", "k": "K", "s": "ſ"}


def _any_case(letter: re.Match[str]) -> str:
    ch = letter.group()
    return f"[{ch}{ch.upper()}{_CASE_EXTRA.get(ch, '')}]"


# "US dollars": a country word that only qualifies a currency. Case-insensitive through
# letter classes, not re.IGNORECASE: the engine then skips a branch on its first letter
# instead of entering every branch (speed).
_CURRENCY_AFTER: Final = re.compile(
    r"\s+" + re.sub("[a-z]", _any_case, trie_pattern(_CURRENCY_WORDS.split())) + r"\b"
)
_CURRENCY_FIRSTS: Final = frozenset(
    ch
    for word in _CURRENCY_WORDS.split()
    for ch in (word[0], word[0].upper(), *_CASE_EXTRA.get(word[0], ""))
)
# Words that start a capitalised run but are not names.
_NOT_NAMES: Final = words(
    "The A An This That These Those It Its In On At For By With From To And But Or As Of "
    "President Prime Minister Premier Vice Deputy Foreign Trade Commerce Economy Economic "
    "Finance Energy Industry Chief Executive Chairman Ambassador King Queen Crown Prince "
    "Sheikh Emir Secretary State Governor Mayor Senator Envoy General Director Head "
    "Government Ministry Parliament Congress Senate Cabinet January February March April May "
    "June July August September October November December Monday Tuesday Wednesday Thursday "
    "Friday Saturday Sunday Mr Mrs Ms Dr According Under However Meanwhile Also Senior "
    "Coordinating Asia Africa Europe America Oceania Central South North East West Southeast "
    "Western Eastern Northern Southern Asia-Pacific Gulf Caribbean Pacific Atlantic Arctic Latin "
    "Sub-Saharan Greater Middle Nikkei Hang Kospi KOSPI SSE Sensex Nifty Dow Nasdaq FTSE DAX "
    "EV EVs LNG LPG GDP USD EUR CEO CFO FDI IT AI CEPA FTA MoU MOU SEZ WTO IMF COVID Covid "
    "U.S U.K"
)
_TITLE_WORDS: Final = words(
    "President Minister Secretary Ambassador Governor Chairman Chairwoman CEO Envoy Premier "
    "Chancellor Spokesman Spokeswoman Spokesperson Commissioner"
)
# "Brightwave Robotics, the Danish toymaker, said": a name in apposition with a country's
# adjective and a firm's descriptor; and "The Brightwave Group will invest ..., the Danish
# company said": the sentence's subject, named by what says it
_FIRM_AFTER_ADJECTIVE: Final = re.compile(
    r"\s+(?:[a-z][\w-]*\s+){0,3}?[a-z-]*" + _DESCRIPTORS + r"s?\b(?P<says>,?\s+(?:said|says|"
    r"announced|added|confirmed|told)\b)?"
)
_NAME_BEFORE_APPOSITION: Final = re.compile(_NAME + r"(?:\s+\([^()]{1,40}\))?,\s+(?:the|an?)\s+\Z")
_APPOSITION_BEFORE: Final = re.compile(r",\s+(?:the|an?)\s+\Z")
_SENTENCE_SUBJECT: Final = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n))(?:The\s+)?" + _NAME)
# A name after a comma that is the subject of a reporting verb, not the name of the firm
# described before the comma.
_SPEAKER: Final = re.compile(r",\s[^,]*?\s(?:said|says|told|added)\b")
_APPOSITION_REACH: Final = 120  # characters before the adjective a name may start at
_SUBJECT_REACH: Final = 300  # characters back to the start of the sentence
_PERSON_DESCRIPTORS: Final = re.compile(
    r"\b(?:minister|president|ambassador|secretary|official|chief|ceo|spokes\w+|head|envoy|"
    r"governor|chairman|executive|director|founder|premier|chancellor|king|leader)\b"
)
_INDEX_AFTER: Final = re.compile(r"\s+(?:index|indices|benchmark|gauge|composite)\b", re.I)
_ALIAS_SUFFIXES: Final = words(
    "Energy Group Corp Corporation Company Co Holdings Industries Ltd Limited Inc Motors Motor "
    "Bank Airlines Airways Steel Oil Gas Petroleum Power Electric Electronics Mining Resources "
    "Technologies Technology Telecom Communications International Global Enterprises Minerals "
    "Metals Mines Solar Shipping Foods Pharma Pharmaceuticals Chemicals Capital Investments "
    "Logistics Ports Systems Semiconductor Semiconductors Automotive Auto Aerospace Textiles "
    "Materials Robotics Engineering Construction Graphite Lithium Renewables Hotels Resorts "
    "Trading Infrastructure Cement Fertilizers Fertilisers Agro Agribusiness Dairy Shipyards "
    "A/S AB AG SA GmbH NV BV Plc PLC"
)
_MIN_ALIAS_CHARS: Final = 4
_PLACE_KINDS: Final = frozenset({"country", "capital", "region", "city"})
_FIRM_KINDS: Final = frozenset({"company", "organisation"})
_MIN_INITIALS: Final = 3  # two letters name too many things ("EU", "UN", "US")
# What follows a place for _learnt_from to read on (besides an adjective: "Chinese carmaker")
_AFTER_MARKS: Final = ("'s", "’s", "-based", "-listed")


class _Money(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


def _tidy_name(name: str) -> str:
    name = name.rstrip(".,'’-")
    for suffix in ("'s", "’s"):
        name = name.removesuffix(suffix)
    words = name.split()
    while words and words[-1] in ("of", "and", "for", "de", "du", "&"):
        words.pop()
    return " ".join(words)


def _learnt_from(
    text: str, mention: Mention, known: set[str], starts: list[int]
) -> tuple[str, Entity] | None:
    entity = mention.entity
    if entity.country is None or entity.kind not in _PLACE_KINDS:
        return None
    match = None
    if text.startswith(("'s", "’s"), mention.end):
        match = _AFTER_POSSESSIVE.match(text, mention.end)
    elif entity.form == "adj":
        match = _AFTER_ADJECTIVE.match(text, mention.end)
    elif text.startswith(("-based", "-listed"), mention.end):
        match = _AFTER_BASED.match(text, mention.end)
    if match is None:
        return None
    name = _name_of(text, match, known, starts)
    if name is None or _SPEAKER.match(text, match.start("name") - 2, match.end("name") + 9):
        return None  # "... and a Mexican private equity fund, Nordvand said": the speaker
    described = text[mention.end : match.start("name")].lower()
    kind = "person" if _PERSON_DESCRIPTORS.search(described) else "company"
    learnt = Entity(key="org:" + name.lower(), name=name, kind=kind, country=entity.country)
    return name, learnt


def _learnt_by_apposition(
    text: str, mention: Mention, known: set[str], starts: list[int]
) -> tuple[str, Entity] | None:
    """'Brightwave Robotics, the Danish toymaker,' or 'The Brightwave Group will invest ...,
    the Danish company said': the name the adjective's firm descriptor stands beside."""
    if _APPOSITION_BEFORE.search(text, max(0, mention.start - 8), mention.start) is None:
        return None
    after = _FIRM_AFTER_ADJECTIVE.match(text, mention.end)
    if after is None:
        return None
    window = max(0, mention.start - _APPOSITION_REACH)
    match = _NAME_BEFORE_APPOSITION.search(text, window, mention.start)
    name = _name_of(text, match, known, starts) if match is not None else None
    if name is None and after.group("says"):
        name = _sentence_subject(text, mention.start, known, starts)
    if name is None:
        return None
    entity = Entity(
        key="org:" + name.lower(), name=name, kind="company", country=mention.entity.country
    )
    return name, entity


def _sentence_subject(text: str, end: int, known: set[str], starts: list[int]) -> str | None:
    """The name that starts the sentence holding `end`: two words or more, or one that no
    common word could be ("LEGO", "PetroVietnam"), since "Sales rose, the company said"."""
    subjects = list(_SENTENCE_SUBJECT.finditer(text, max(0, end - _SUBJECT_REACH), end))
    name = _name_of(text, subjects[-1], known, starts) if subjects else None
    if name is None or " " in name:
        return name
    odd = name.isupper() or any(ch.isupper() or ch.isdigit() for ch in name[1:])
    return name if odd and len(name) > 2 else None


def _name_of(text: str, match: re.Match[str], known: set[str], starts: list[int]) -> str | None:
    """The new name a learning pattern matched, cut at the next entity; None when it is a
    known entity ("US and China"), a stock index or no name ("The", a title)."""
    start, end = match.span("name")
    if start in starts or _INDEX_AFTER.match(text, end):
        return None
    end = min([p for p in starts if start < p < end] or [end])
    name = _tidy_name(text[start:end])
    words = name.split()
    if not words or words[0] in _NOT_NAMES or name in known or len(name) < 2:
        return None
    if gazetteer().lookup(name) is not None:  # a stop form ("Black Sea") is no firm's name
        return None
    return None if _TITLE_WORDS.intersection(words) else name


def _aliases(text: str, name: str, entity: Entity, known: set[str]) -> dict[str, Entity]:
    """ "Woodside Energy" is later just "Woodside" (unless the article also uses the word as a
    common noun, as it would "production")."""
    words = name.split()
    out = {name: entity}
    if len(words) > 1 and _ALIAS_SUFFIXES.intersection(words[1:]) and entity.kind == "company":
        first = words[0]
        if (
            len(first) >= _MIN_ALIAS_CHARS
            and first not in known
            and first not in _NOT_NAMES
            and first.lower() not in text
        ):
            out[first] = entity
    return out


def learn_companies(text: str, mentions: Sequence[Mention]) -> dict[str, Entity]:
    """Companies and bodies the article itself ties to a country, by surface form."""
    known = {m.text for m in mentions}
    starts = [m.start for m in mentions]
    learnt: dict[str, Entity] = {}
    for mention in mentions:
        entity = mention.entity
        # (speed) _learnt_from's tests that need no regex, without the call
        if entity.country is None or entity.kind not in _PLACE_KINDS:
            continue
        if entity.form != "adj" and not text.startswith(_AFTER_MARKS, mention.end):
            continue
        found = _learnt_from(text, mention, known, starts)
        if found is None and entity.form == "adj":
            found = _learnt_by_apposition(text, mention, known, starts)
        if found is not None and found[0] not in learnt:
            learnt.update(_aliases(text, found[0], found[1], known))
    if "-listed" in text:
        for name, country in _listed_on_exchanges(text, known, starts):
            if name not in learnt:
                entity = Entity(
                    key="org:" + name.lower(), name=name, kind="company", country=country
                )
                learnt.update(_aliases(text, name, entity, known))
    return learnt


def _listed_on_exchanges(text: str, known: set[str], starts: list[int]) -> list[tuple[str, str]]:
    """'ASX-listed Gobi Copper': (name, country) of each firm named by its listing."""
    out = []
    for match in _EXCHANGE_LISTED.finditer(text):
        name = _name_of(text, match, known, starts)
        if name is not None:
            out.append((name, _EXCHANGES[match.group("exchange")]))
    return out


def _occurrences(text: str, learnt: dict[str, Entity]) -> list[Mention]:
    out = []
    for surface, entity in learnt.items():
        pos = text.find(surface)
        while pos != -1:
            end = pos + len(surface)
            if _whole_word(text, pos, end):
                out.append(Mention(pos, end, surface, entity))
            pos = text.find(surface, end)
    return out


def _overlaps(m: Mention, spans: Iterable[tuple[int, int]]) -> bool:
    return any(m.start < end and start < m.end for start, end in spans)


def _merge_mentions(base: list[Mention], extra: list[Mention]) -> list[Mention]:
    """`base` plus the `extra` mentions that overlap none taken; of two learnt names that
    overlap, the longer ("Laurentian Infrastructure Partners", not its "Infrastructure")."""
    taken = [(m.start, m.end) for m in base]
    added = []
    for m in sorted(extra, key=_longest_first):
        if not _overlaps(m, taken):
            added.append(m)
            taken.append((m.start, m.end))
    return sorted([*base, *added], key=lambda m: m.start)


def _longest_first(m: Mention) -> tuple[int, int]:
    return m.start - m.end, m.start


def prepare_mentions(
    text: str, money: Sequence[_Money], found: Sequence[Mention] | None = None, title: str = ""
) -> list[Mention]:
    """The article's mentions, sorted: gazetteer hits (`found`, else searched here) plus
    companies learnt from the text or its title ("Swedish robotics firm Aurvik opens ...",
    while the text only says "Aurvik Robotics, the Västerås-based maker"); without news
    agencies, currency adjectives ("U.S. dollars") or words inside an amount."""
    mentions = list(found) if found is not None else find_mentions(text)
    learnt = learn_companies(title, find_mentions(title)) if title else {}
    learnt.update(learn_companies(text, mentions))  # the text's own reading wins
    if learnt:
        mentions = _merge_mentions(mentions, _occurrences(text, learnt))
    short = _short_forms(text, mentions)
    if short:
        mentions = [m._replace(entity=short[m.text]) if m.text in short else m for m in mentions]
        mentions = _merge_mentions(mentions, _occurrences(text, short))
    amounts = [(m.start, m.end) for m in money]
    named: set[str | None] | None = None
    kept = []
    for mention in mentions:
        kind = mention.entity.kind
        if mention.entity.key.startswith(SHARED_PREFIX):
            if named is None:
                named = {m.entity.country for m in mentions}
            region = shared_region(mention.entity, named)
            if region is None:
                continue  # "Eastern Province" in a story naming none of its countries, or two
            mention = mention._replace(entity=region)
        if kind == "media" or (amounts and _overlaps(mention, amounts)):
            continue
        if (kind == "country" or kind == "capital") and names_a_currency(text, mention):
            continue
        if (kind == "city" or kind == "capital") and _first_name(text, mention):
            continue  # "President Santiago Peña"
        if kind == "city" or kind == "region":
            mention = _city_body(text, mention, mentions)
        kept.append(mention)
    return kept


# A city's own body, which takes part as a party where the city itself names only a place:
# "a contract with the Medellín Metro".
_CITY_BODY_AFTER: Final = re.compile(
    r"\s+(?:Metro|Municipality|Municipal\s+(?:Government|Corporation|Council)|"
    r"City\s+(?:Council|Hall|Government)|Metropolitan\s+(?:Government|Authority|Council)|"
    r"Port\s+Authority|Transit\s+Authority)\b"
)


# A firm that bears its city's name: capitalised words after the city, ending in a word firms
# end their names with.
_CITY_FIRM_AFTER: Final = re.compile(
    r"(?:\s+[A-Z][\w&'’-]*){0,2}?\s+(?:Foods?|Group|Holdings?|Corp(?:oration)?|Company|"
    r"Industries|Logistics|Motors|Steel|Textiles?|Cement|Pharma(?:ceuticals)?|Breweries|Brewery|"
    r"Trading|Shipping|Shipyard|Energy|Power|Renewables|Mining|Ltd|Limited|PLC|Plc|Inc|LLC|JSC)\b"
    # "Tamil Nadu Industries Minister" is an office of the state, no firm
    r"(?!\s+(?:Minister|Ministry|Department|Secretary|Commissioner|Board|Council|Authority|"
    r"Bureau|Agency|Office|Director))"
)


# A city's name that is a person's first name: after a title, before a capitalised word.
_TITLE_BEFORE: Final = re.compile(
    r"\b(?:President|Minister|Premier|Governor|Mayor|Ambassador|Senator|Mr|Mrs|Ms|Dr)\.?\s+\Z"
)
_NAME_AFTER: Final = re.compile(r"\s+[A-Z][a-zà-ÿ]")
# "Melbourne-based Eastern Cape Energy": a firm whose name starts with a place, based elsewhere.
_BASED_BEFORE: Final = re.compile(r"-based\s+(?:[a-z][\w-]*\s+){0,3}\Z")


def _first_name(text: str, mention: Mention) -> bool:
    return (
        _NAME_AFTER.match(text, mention.end) is not None
        and _TITLE_BEFORE.search(text, max(0, mention.start - 20), mention.start) is not None
    )


def _based_in(text: str, mention: Mention, mentions: Sequence[Mention]) -> str | None:
    """The country of the place a firm is said to be based in, right before its name."""
    based = _BASED_BEFORE.search(text, max(0, mention.start - 60), mention.start)
    if based is None:
        return None
    return next((m.entity.country for m in mentions if m.end == based.start()), None)


def _city_body(text: str, mention: Mention, mentions: Sequence[Mention]) -> Mention:
    """The mention of a city's body ("Medellín Metro") as an organisation of its country, and
    of a firm named after its city ("Saigon Fresh Foods") as a company of it, not a place
    (of the country it is based in when the text says: "Melbourne-based Eastern Cape Energy")."""
    country = mention.entity.country
    if country is None:
        return mention
    kind = "organisation"
    body = _CITY_BODY_AFTER.match(text, mention.end)
    if body is None:
        body, kind = _CITY_FIRM_AFTER.match(text, mention.end), "company"
        if body is not None:
            country = _based_in(text, mention, mentions) or country
    if body is None:
        return mention
    name = text[mention.start : body.end()]
    entity = Entity(key="org:" + name.lower(), name=name, kind=kind, country=country)
    return Mention(mention.start, body.end(), name, entity)


def _short_forms(text: str, mentions: Sequence[Mention]) -> dict[str, Entity]:
    """'Mitsui OSK Lines ... MOL also signed': a firm's initials, used in the same article,
    name that firm, whatever else they may name (MOL is also Hungary's oil group); so does a
    known person's surname ('Prime Minister Luís Montenegro ... Montenegro said')."""
    out: dict[str, Entity] = {}
    for mention in mentions:
        kind = mention.entity.kind
        if " " not in mention.text or (kind not in _FIRM_KINDS and kind != "person"):
            continue
        if kind == "person":
            short = mention.text.rsplit(" ", 1)[1]
        else:
            short = "".join(w[0] for w in mention.text.split() if w[0].isupper())
        if len(short) < _MIN_INITIALS or short in out:
            continue
        at = text.find(short)
        while at != -1 and not _whole_word(text, at, at + len(short)):
            at = text.find(short, at + 1)
        if at != -1:
            out[short] = mention.entity
    return out


def _whole_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not after.isalnum()


def names_a_currency(text: str, mention: Mention) -> bool:
    """'U.S. dollars', 'US$ 120 m': the country's name is a currency's adjective here."""
    if text.startswith("$", mention.end):
        return True
    return (
        word_after_space(text, mention.end) in _CURRENCY_FIRSTS
        and _CURRENCY_AFTER.match(text, mention.end) is not None
    )


def with_country(mention: Mention, country: str) -> Mention:
    """The mention with the country its qualifier gives it ("China's Sichuan" -> CHN)."""
    return mention._replace(entity=replace(mention.entity, country=country))
