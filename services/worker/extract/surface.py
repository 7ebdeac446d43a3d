"""The gazetteer's table: surface forms to entities; codes from pycountry, forms from data/."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from typing import Any, Final

import pycountry

from services.worker.extract.lexicon import load_json

# The key of a region name several countries use (see shared_region).
SHARED_PREFIX: Final = "shared:"
# Lower wins when two sources claim the same surface form.
# An all-capital name this long is also written in title case ("ADNOC", "Adnoc"); shorter
# ones would become words or names ("GAIL", "SAIL").
_MIN_TITLED_ACRONYM: Final = 5
_PRIORITY: Final = {
    "stop": 0,
    "bloc": 1,
    "company": 2,
    "organisation": 2,
    "igo": 2,
    "media": 2,
    "person": 3,
    "country": 4,
    "capital": 5,
    "region": 6,
    "city": 7,
}


@dataclass(frozen=True, slots=True)
class Entity:
    """What a surface form stands for."""

    key: str  # stable identity: "CHN", "CN-SC", "org:alibaba group", "bloc:EAEU", ...
    name: str
    kind: str  # one of _PRIORITY's keys
    country: str | None = None  # ISO alpha-3 (or EUU) of the party it stands for
    subdivision: str | None = None  # ISO 3166-2 when it names (or lies in) one
    form: str = "name"  # name | adj | dem | capital
    loc_country: str | None = None  # where it lies, when that differs from `country`
    sectors: tuple[str, ...] = ()
    members: tuple[str, ...] = ()  # a bloc's member states (ISO alpha-3)

    @property
    def place_country(self) -> str | None:
        return self.loc_country or self.country


def fold(text: str) -> str:
    """Strip diacritics: 'Türkiye' -> 'Turkiye', so both spellings are found."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _variants(form: str) -> Iterator[str]:
    yield form
    folded = fold(form)
    if folded != form:
        yield folded
    for f in {form, folded}:
        if "'" in f:
            yield f.replace("'", "’")
        if "’" in f:
            yield f.replace("’", "'")


def _alpha3_of_subdivision(code: str) -> str | None:
    country = pycountry.countries.get(alpha_2=code.split("-")[0])
    return country.alpha_3 if country else None


@functools.cache
def _preferred_names() -> dict[str, str]:
    data = load_json("countries.json")
    return {k: v["names"][0] for k, v in data.items() if not k.startswith("_") and v.get("names")}


def country_name(alpha3: str) -> str:
    """The name news uses ('Russia', not 'Russian Federation')."""
    return _preferred_names().get(alpha3) or _country_name(alpha3)


def _country_name(alpha3: str) -> str:
    country = pycountry.countries.get(alpha_3=alpha3)
    if country is None:
        return alpha3
    return str(getattr(country, "common_name", None) or country.name)


def _pycountry_names(country: Any) -> Iterator[str]:
    for attr in ("name", "common_name", "official_name"):
        value = getattr(country, attr, None)
        if value and "," not in value and "(" not in value:
            yield value


def _plural(adjective: str) -> str | None:
    if adjective.endswith(("an", "i")) and not adjective.endswith("-"):
        return adjective + "s"
    return None


def _country_forms(data: dict[str, Any]) -> Iterator[tuple[str, Entity]]:
    for country in pycountry.countries:
        a3 = country.alpha_3
        extra = data.get(a3, {})
        name = str(extra["names"][0]) if extra.get("names") else _country_name(a3)
        entity = Entity(key=a3, name=name, kind="country", country=a3)
        for form in [*_pycountry_names(country), *extra.get("names", [])]:
            yield form, entity
        for adj in extra.get("adj", []):
            yield adj, replace(entity, form="adj")
            plural = _plural(adj)
            if plural:
                yield plural, replace(entity, form="dem")
        for dem in extra.get("dem", []):
            yield dem, replace(entity, form="dem")
        for cap in extra.get("cap", []):
            yield cap, Entity(key=a3, name=cap, kind="capital", country=a3, form="capital")
    for stop in data.get("_stop", []):
        yield stop, Entity(key="stop", name=stop, kind="stop")


def _clean_subdivision_name(name: str, suffixes: Iterable[str]) -> str:
    for suffix in suffixes:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _subdivision_forms(data: dict[str, Any]) -> Iterator[tuple[str, Entity]]:
    exclude = {fold(x) for x in data["exclude"]}
    seen: dict[str, set[str]] = {}
    candidates: list[tuple[str, Any]] = []
    for alpha2 in data["auto"]:
        for sub in pycountry.subdivisions.get(country_code=alpha2) or []:  # type: ignore[no-untyped-call]
            if sub.parent_code is not None:
                continue
            name = _clean_subdivision_name(sub.name, data["strip_suffixes"])
            if any(ch in name for ch in "[(,") or fold(name) in exclude or len(name) < 4:
                continue
            seen.setdefault(fold(name), set()).add(alpha2)
            candidates.append((name, sub))
    for name, sub in candidates:
        if len(seen[fold(name)]) > 1:
            continue  # the same name in two countries says nothing by itself
        yield name, _region(sub.code, name)
    for form, code in data["aliases"].items():
        yield form, _region(code, form)
    for form, (code, name) in data["adjectives"].items():
        yield form, replace(_region(code, name), form="adj")  # "Basque rail manufacturer CAF"
    for form in data["shared"]:
        # whose region it is is settled per article (shared_region), from the countries named
        yield form, Entity(key=SHARED_PREFIX + form, name=form, kind="region")


@functools.cache
def shared_regions() -> dict[str, tuple[Entity, ...]]:
    """Region names several countries use ("Eastern Province": Sri Lanka's, Saudi Arabia's,
    Zambia's...): the region of each country, by name."""
    shared: dict[str, list[str]] = load_json("subdivisions.json")["shared"]
    return {form: tuple(_region(code, form) for code in codes) for form, codes in shared.items()}


def shared_region(entity: Entity, named: AbstractSet[str | None]) -> Entity | None:
    """The region a shared name stands for in an article naming the countries `named`: the
    one country's of those, or None when the article names none of them or several."""
    fits = [e for e in shared_regions()[entity.name] if e.country in named]
    return fits[0] if len(fits) == 1 else None


def _region(code: str, name: str) -> Entity:
    sub = pycountry.subdivisions.get(code=code)  # type: ignore[no-untyped-call]
    if sub is None:
        raise ValueError(f"unknown ISO 3166-2 code in data: {code}")
    return Entity(
        key=code, name=name, kind="region", country=_alpha3_of_subdivision(code), subdivision=code
    )


def _city_forms(data: dict[str, Any]) -> Iterator[tuple[str, Entity]]:
    for name, code in data["cities"].items():
        if "-" in code:
            _region(code, name)  # validates the code
            country, sub = _alpha3_of_subdivision(code), code
        else:
            if pycountry.countries.get(alpha_3=code) is None:
                raise ValueError(f"unknown ISO alpha-3 code in data: {code}")
            country, sub = code, None
        yield (
            name,
            Entity(
                key="city:" + name.lower(), name=name, kind="city", country=country, subdivision=sub
            ),
        )


def _org_forms(data: dict[str, Any]) -> Iterator[tuple[str, Entity]]:
    for org in data["orgs"]:
        entity = Entity(
            key="org:" + org["n"].lower(),
            name=org["n"],
            kind=org["k"],
            country=org.get("c"),
            sectors=tuple(org.get("s", [])),
        )
        for form in [org["n"], *org.get("a", [])]:
            yield form, entity
            if len(form) >= _MIN_TITLED_ACRONYM and form.isalpha() and form.isupper():
                yield (
                    form[0] + form[1:].lower(),
                    entity,
                )  # "Adnoc", "Kogas": as many papers write them


def _bloc_forms(data: dict[str, Any]) -> Iterator[tuple[str, Entity]]:
    for bloc in data["blocs"]:
        entity = Entity(
            key="bloc:" + bloc["key"],
            name=bloc["name"],
            kind="bloc",
            country=bloc.get("code"),
            members=tuple(bloc.get("members", [])),
        )
        for form in bloc["aliases"]:
            yield form, entity


def _person_forms(data: dict[str, Any]) -> Iterator[tuple[str, Entity]]:
    for person in data["people"]:
        entity = Entity(
            key="person:" + person["n"].lower(),
            name=person["n"],
            kind="person",
            country=person["c"],
        )
        for form in [person["n"], *person.get("a", [])]:
            yield form, entity


def _merge(old: Entity, new: Entity) -> Entity:
    """Keep the stronger claim; a capital or bloc still learns where it lies from a city entry."""
    win, lose = (old, new) if _PRIORITY[old.kind] <= _PRIORITY[new.kind] else (new, old)
    if lose.kind in ("city", "region", "capital") and win.kind != "stop":
        if win.subdivision is None and lose.country == win.country and lose.subdivision:
            win = replace(win, subdivision=lose.subdivision)
        if win.kind == "bloc" and win.loc_country is None:
            win = replace(win, loc_country=lose.country)
    return win


def _all_forms() -> Iterator[tuple[str, Entity]]:
    yield from _country_forms(load_json("countries.json"))
    yield from _subdivision_forms(load_json("subdivisions.json"))
    yield from _city_forms(load_json("places.json"))
    # geonames cities of 100,000 people or more, filtered (scripts/build_world_cities.py)
    yield from _city_forms(load_json("world_cities.json"))
    yield from _org_forms(load_json("organisations.json"))
    yield from _bloc_forms(load_json("blocs.json"))
    yield from _person_forms(load_json("people.json"))


def build_table() -> dict[str, Entity]:
    """Every surface form (case-sensitive, with folded and dateline upper-case variants)."""
    table: dict[str, Entity] = {}
    for raw, entity in _all_forms():
        forms = list(_variants(raw))
        if entity.kind in ("capital", "city", "country") and len(raw) > 3 and not raw.isupper():
            forms.append(fold(raw).upper())  # datelines: "NAIROBI, May 6 -"
        for form in forms:
            if not form or not (form[0].isupper() or form[0].isdigit()):
                continue  # every form starts upper-case; that keeps the scan fast
            table[form] = _merge(table[form], entity) if form in table else entity
    return table
