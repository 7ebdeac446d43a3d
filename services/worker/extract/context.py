"""Where in a sentence a name is not a party: speakers, rivals, rankings, datelines; and the
article-level context a sentence leans on (its main country pair)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from services.worker.extract.entities import names_a_currency
from services.worker.extract.fastre import compile_lower, lower_text, required_literals
from services.worker.extract.gazetteer import Mention, find_mentions
from services.worker.extract.lexicon import words
from services.worker.extract.surface import Entity, country_name
from services.worker.extract.wordscan import word_scan

Spans = list[tuple[int, int]]

_SPEECH: Final = (
    r"(?:said|says|told|added|noted|stated|stressed|announced|explained|commented|remarked|"
    r"wrote|reported)"
)
# ', a Russian expert said.' / '," said Chinese Ambassador to Russia Li Hui.'
_TAIL: Final = re.compile(
    # not a clause of its own: ", while Equinor and RWE announced a contract" has parties
    r"(?:,|[\"”])\s*(?!\s|(?:while|whereas|but)\b)"
    r"(?P<tail>[^,\"”]{0,90}?\b" + _SPEECH + r"\b"
    # "..., Toyota Tsusho said (on Monday) it will put $95 million into ...": the speaker is
    # the party
    r"(?!(?:\s+on\s+\w+|\s+\w+day|\s+(?:yesterday|today))?\s+(?:that\s+)?(?:it|they|he|she|we)\s+"
    r"(?:will|would|had|has|have|is|was|plans?|planned)\b)"
    r"[^\"“]{0,120}?)[.!?\"”]*$"
)
_APPOSITIVE_MAX_WORDS: Final = 9
_CLAUSE_WORDS: Final = words(
    "which who that while as and but where when making leaving including with after before "
    "since because although though if"
)
_LEAD: Final = re.compile(
    # "announced a grant" is the announcer's own act, not a report of someone else's
    r"^(?P<lead>[^,\"“]{0,90}?\b(?:said|says|told\s+\w+|noted|added|stressed|"
    r"announced(?!\s+(?:a|an|its|their|plans|new|fresh|further|additional)\b)|"
    r"reported|believes|thinks)\b(?:\s+on\s+\w+|\s+\w+day)?(?:\s+that)?)\s+(?P<next>\w+)"
)
_ACCORDING: Final = compile_lower(
    r"(?:^|,\s*)(?:according\s+to|citing|data\s+from|figures\s+from)\s+[^,;]*?"
    r"(?=,|;|\s+(?:show|shows|showed|said|says|indicat\w*|reveal\w*)\b|$)"
)
_SELF_PRONOUNS: Final = words("it its they their we our the this")
# Rivals and rankings: 'taking on dominant players such as Airbus and Boeing', 'after the US'
# (a competition minister or authority is no rival);
# witnesses: 'signed in the presence of local mayors and representatives of the EU Commission'.
_RIVALS_SOURCE: Final = (
    r"\b(?:taking\s+on|take\s+on|takes\s+on|rival(?:s|ling|ing)?|compet(?:e|es|ing|itors?|ition"
    r"(?!\s+(?:minister|ministry|commission|authorit\w*|regulator|watchdog|tribunal|law|bureau)))|"
    r"challeng(?:e|es|ing)|dominant\s+players|neither|nor|instead\s+of|rather\s+than|other\s+than|unlike|"
    r"since\s+[^,;]*?\b(?:invad\w+|invasion|war|sanction\w*|attack\w*)|"
    r"versus|vs\.?|despite|in\s+spite\s+of|in\s+the\s+face\s+of|"
    r"(?:lost|losing|loses|lose|ceded|ceding)\s+(?:market\s+)?(?:ground|share)\s+to|wean\w*\s+(?:\w+\s+)?off|shun\w*|away\s+from|replac\w+|"
    r"(?:win|wins|won|winning|regain\w*|gain\w*|tak(?:e|es|ing)|took|grab\w*)\s+(?:back\s+)?(?:market\s+)?share\s+from|"
    r"alternatives?\s+to|(?:dependence|reliance|dependency)\s+on|whose\s+members\s+(?:include|are)|members\s+include|comprising|"
    r"which\s+(?:also\s+)?includes?|opposition\s+(?:from|by)|opposed\s+by|objections?\s+(?:from|by)|"
    r"resistance\s+from|criticism\s+from|protests?\s+(?:from|by)|"
    # "a plant ... where it will assemble parts for export to Brazil": markets, no parties
    r"for\s+(?:re-?)?exports?\s+to|"
    # "to produce brake systems for automakers in Mexico and the United States", "betting that
    # the shift of US supply chains to Mexico will ...", "compared with that from Singapore"
    r"for\s+(?:automakers|carmakers|customers|clients|buyers|consumers|manufacturers)\s+in|"
    r"betting\s+(?:that|on)|compared\s+(?:with|to)\s+(?:that|those)\s+(?:from|of|in)|"
    # "a tender in which Moravia Tram beat French, Spanish and Chinese bidders"
    r"(?:beat|beats|beating|outbid\w*)\s+(?:[\w-]+,?\s+){{0,8}}?(?:bidders|rivals|competitors|"
    r"contenders|offers|bids)|(?:losing|unsuccessful|defeated|failed)\s+(?:bidders?|contenders?)|"
    # "Gotion, based in Hefei and partly owned by Volkswagen, took a stake": an owner in passing
    r"(?:partly|partially|part|minority)[\s-]owned\s+by|"
    r"(?:in\s+the\s+presence\s+of|witnessed\s+by)\s+(?:[\w-]+\s+){{0,4}}?representatives?\s+of|(?:largest|biggest|second|third|fourth|top|leading{RANKED})[^,;.]{{0,40}}?"
    r"\b(?:after|behind|ahead\s+of|following))"
    r"\b[^,;.]*"
)
_RANKED_AFTER_WORD: Final = ("-largest", "-biggest")  # the only rivals not starting a word
_RANKINGS: Final = ("largest", "biggest", "second", "third", "fourth", "top", "leading")
_RANKED_BEFORE: Final = re.compile(r"\b(?:after|behind|ahead\s+of|following)\b")
_RIVALS: Final = compile_lower(_RIVALS_SOURCE.format(RANKED="|-largest|-biggest"))
# (speed) The same without those two, which `WordScan` finds faster: for the sentences that
# hold neither (all but a few), both find the same spans.
_RIVALS_IN_WORDS: Final = word_scan(_RIVALS_SOURCE.format(RANKED=""))
# "Mexico overtook China as the largest exporter to the United States": only the one overtaken.
_OVERTAKEN: Final = re.compile(
    r"\b(?:[Ss]urpass\w*|[Oo]vert(?:ake|akes|aking|ook|aken)|[Oo]utpac\w+)\s+(?:the\s+)?"
    r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*"
)
# A country a flow only passes through: "exporting power to Bangladesh through the Indian
# transmission grid".
_THROUGH: Final = re.compile(
    r"\b(?:through|via|across)\s+(?:the\s+)?([A-Z][\w-]*)\s+(?:transmission\s+|power\s+|rail\s+)?"
    r"(?:grid|territory|network|lines?|ports?|pipelines?)\b"
)
_THROUGH_NEEDS: Final = (("through ", "via ", "across "),)
# "its Singapore-registered subsidiary": the home of a party's own vehicle is not a side.
_OWN_VEHICLE: Final = re.compile(
    r"\b(?:its|their)\s+([A-Z][\w.-]*?)-(?:registered|incorporated|domiciled|based)\s+"
    r"(?:wholly[\s-]owned\s+)?(?:subsidiary|subsidiaries|unit|arm|vehicle|affiliate|entity)\b"
)
_OWN_VEHICLE_NEEDS: Final = (("-registered", "-incorporated", "-domiciled", "-based"),)
_ENVOY_WORDS: Final = re.compile(
    r"[Aa]mbassador|[Ee]nvoy|[Cc]onsul|[Rr]epresentative|[Ee]mbassy|[Cc]ommissioner"
)
_ENVOY_TO: Final = re.compile(
    r"\b(?:ambassador|envoy|consul(?:-general)?|representative|embassy|high\s+commissioner)\s+"
    r"(?:to|in)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_MONTH: Final = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATELINE: Final = re.compile(
    r"^\s*(?P<city>[A-Z][A-Za-z.'’-]+(?:[ ,/]+[A-Z][A-Za-z.'’-]+){0,3})?\s*,?\s*"
    r"(?P<date>(?:\d{1,2}\s+" + _MONTH + r"|" + _MONTH + r"\s+\d{1,2})(?:,?\s*\d{4})?)?"
    r"\s*[.,]?\s*(?P<agency>(?:\([A-Za-z][A-Za-z .&/-]{1,40}\)|/[A-Za-z][A-Za-z .&-]{1,30}/)\s*)?"
    r"(?P<dash>[-–—:]+|(?<=[)/]))\s*"
)


# (speed) The literals each pattern's matches hold one of per group: a sentence lacking them
# all is not searched (most sentences quote no one and name no envoy).
_Literals = tuple[tuple[str, ...], ...]
_TAIL_NEEDS: Final = required_literals(_TAIL)
_LEAD_NEEDS: Final = required_literals(_LEAD)
_ACCORDING_NEEDS: Final = required_literals(_ACCORDING)
_OVERTAKEN_NEEDS: Final = required_literals(_OVERTAKEN)
_ENVOY_NEEDS: Final = required_literals(_ENVOY_WORDS)


def _holds(needs: _Literals, text: str) -> bool:
    """Whether `text` holds a literal of each group of `needs`."""
    for group in needs:
        for literal in group:
            if literal in text:
                break
        else:
            return False
    return True


def dateline_end(text: str) -> int:
    """Offset where a wire dateline ('NAIROBI, May 6 -', 'Feb 21 (Reuters) -') ends, else 0."""
    match = _dateline(text)
    return 0 if match is None else match.end()


def _dateline(text: str) -> re.Match[str] | None:
    match = _DATELINE.match(text[:160])
    if match is None or match.end() < 3:
        return None
    city, date, agency = match.group("city"), match.group("date"), match.group("agency")
    capitals = bool(city) and city.replace(",", "").replace(" ", "").isupper()
    if not (date or agency) and not capitals:
        return None  # "Kenya - Tanzania trade ..." is text, "NAIROBI -" a dateline
    if city and ("'s " in f"{city} " or "’s " in f"{city} "):
        return None  # "Thailand's Siam Cement Group (SCG) will" is text: no city is possessive
    return match


_DATELINE_PLACES: Final = frozenset({"city", "capital", "region", "country"})


def dateline_country(text: str, mentions: Sequence[Mention]) -> str:
    """The country code of the place a dateline credited to an outlet names ("SEOUL, June 10
    (Yonhap) --": the outlet reports from home), or "" (`mentions`: the text's, in order). A
    dateline without a credit may be a correspondent's abroad ("MANILA — Canadian pork ...")."""
    if "(" not in text[:160] and "/" not in text[:160]:
        return ""  # (speed) no credit: "(Yonhap)", "/AFP/"
    match = _dateline(text)
    if match is None or not match.group("agency"):
        return ""
    end = match.end()
    for m in mentions:
        if m.start >= end:
            break
        entity = m.entity
        if entity.kind in _DATELINE_PLACES:
            return entity.place_country or entity.country or ""
    return ""


# (speed) _TAIL's speech verb starts at most this far before the closing punctuation (at most
# 120 characters follow it; the longest verb has 9 letters), _LEAD's ends at most this far
# into the sentence (it starts within 90): the literal tests need only read there.
_TAIL_REACH: Final = 120 + 9
_LEAD_REACH: Final = 90 + 9
_CLOSING: Final = '.!?"”'


def _tail_span(text: str, start: int) -> tuple[int, int] | None:
    # only the end of the sentence can hold the speech verb: a narrower literal test
    window = text[max(0, len(text.rstrip(_CLOSING)) - _TAIL_REACH) :]
    match = _TAIL.search(text) if _holds(_TAIL_NEEDS, window) else None
    if match is None:
        return None
    sep = match.start()  # the comma or quote before the speaker
    for _ in range(2):  # back over ', Maxim Oreshkin, Russian Economic Development Minister,'
        if text[sep] != ",":
            break
        comma = text.rfind(",", 0, sep)
        quote = max(text.rfind('"', 0, sep), text.rfind("”", 0, sep))
        chunk = text[max(comma, quote) + 1 : sep]
        words = chunk.split()
        if comma <= quote or not words or len(words) > _APPOSITIVE_MAX_WORDS:
            break
        if not any(w[0].isupper() for w in words) or words[0].lower() in _CLAUSE_WORDS:
            break
        sep = comma
    return start + sep + 1, start + len(text)


def _lead_span(text: str, start: int) -> tuple[int, int] | None:
    match = _LEAD.match(text) if _holds(_LEAD_NEEDS, text[:_LEAD_REACH]) else None
    if match is None or match.group("next").lower() in _SELF_PRONOUNS:
        return None  # "Woodside said it had agreed...": the speaker is the party
    return start, start + match.end("lead")


def _rival_spans(lowered: str) -> list[tuple[int, int]]:
    """Rivals and rankings; a ranking's span starts at its "after": in "the second-largest
    investor in Colombia after the United States" only the one ahead is no party."""
    if _RANKED_AFTER_WORD[0] in lowered or _RANKED_AFTER_WORD[1] in lowered:
        found = [m.span() for m in _RIVALS.finditer(lowered)]
    else:
        found = _RIVALS_IN_WORDS.spans(lowered)
    out = []
    for a, b in found:
        if lowered.startswith(_RANKINGS, a + (lowered[a] == "-")):
            after = _RANKED_BEFORE.search(lowered, a, b)
            a = after.start() if after is not None else a
        out.append((a, b))
    return out


def blocked_spans(text: str, start: int, mentions: Sequence[Mention]) -> Spans:
    """Spans (document offsets) of one sentence whose names are not parties of its facts."""
    spans: Spans = []
    for finder in (_tail_span, _lead_span):
        span = finder(text, start)
        if span is not None:
            spans.append(span)
    lowered = lower_text(text)  # the lexicon-style patterns run on lower-cased text (speed)
    if _holds(_ACCORDING_NEEDS, lowered):
        spans.extend((start + m.start(), start + m.end()) for m in _ACCORDING.finditer(lowered))
    spans.extend((start + a, start + b) for a, b in _rival_spans(lowered))
    if _holds(_THROUGH_NEEDS, text):
        spans.extend((start + m.start(1), start + m.end(1)) for m in _THROUGH.finditer(text))
    if _holds(_OWN_VEHICLE_NEEDS, text):
        spans.extend((start + m.start(1), start + m.end(1)) for m in _OWN_VEHICLE.finditer(text))
    if _holds(_OVERTAKEN_NEEDS, text):
        spans.extend((start + m.start(), start + m.end()) for m in _OVERTAKEN.finditer(text))
    if _holds(_ENVOY_NEEDS, text) and _ENVOY_WORDS.search(text):
        for mention in mentions:
            before = text[max(0, mention.start - start - 40) : mention.start - start]
            if _ENVOY_TO.search(before):
                spans.append((mention.start, mention.end))
    return spans


def is_blocked(mention: Mention, spans: Spans) -> bool:
    return any(s <= mention.start and mention.end <= e for s, e in spans)


_NOT_PARTIES: Final = frozenset({"media", "igo", "city"})


def main_pair(title: str, mentions: Sequence[Mention], text_len: int) -> tuple[Entity, ...]:
    """The two parties an article is mostly about: what 'the two countries' refers to. The
    headline weighs most, then the first fifth of the text."""
    weights: dict[str, int] = {}
    blocs: dict[str, Entity] = {}
    lead = text_len // 5
    # (speed) one plain loop over the entities, no property or helper call per mention
    in_title = [m for m in find_mentions(title) if not names_a_currency(title, m)]
    for weight, found in ((3, in_title), (0, mentions)):
        for start, _, _, entity in found:
            kind = entity.kind
            if kind in _NOT_PARTIES:
                continue
            key = entity.country
            if kind == "bloc" and key is None:
                key = entity.key  # Mercosur, EAEU: a side without a country code
            if key is None:
                continue
            weights[key] = weights.get(key, 0) + (weight or (2 if start < lead else 1))
            if kind == "bloc":
                blocs[key] = entity
    ranked = sorted(weights.items(), key=_heaviest)
    if len(ranked) < 2 or ranked[1][1] < 2:
        return ()
    if len(ranked) > 2 and ranked[2][1] == ranked[1][1]:
        return ()  # "Switzerland's Maillefer and Germany's Troester": no second side stands out
    return tuple(blocs.get(key) or country_entity(key) for key, _ in sorted(ranked[:2]))


def _heaviest(item: tuple[str, int]) -> tuple[int, str]:
    return -item[1], item[0]


def country_entity(code: str) -> Entity:
    return Entity(key=code, name=country_name(code), kind="country", country=code)
