"""Places in Saxony and the finder's matching: postcode, municipality or part of town -> district.

The index (search keys per place) is computed here once and shipped to the browser as JSON, so
the browser only has to fold the visitor's query the same way (`fold` here and in finder.js).
`resolve` is the reference implementation that the unit tests walk for every municipality;
finder.js implements the same steps on the same index, and a browser test compares both on
thousands of generated queries (tests/finder_inputs.py). Regular expressions that both languages
run work on folded text only (ASCII letters, digits, Arabic letters, single spaces), because
Python and JavaScript disagree on word boundaries, spaces and digits in other characters.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from amm.core.errors import Problem, rel

# Words in front of a name that people leave out or add ("Kurort Jonsdorf", "Stadt Wehlen").
_PREFIX = r"(stadt|gemeinde|kurort)"
# Everyday names drop a leading "Bad" ("Schandau" for Bad Schandau): such names also get the short key.
_DROPPABLE = ("bad ", "kurort ", "thermalbad ")
# Suffix words after the name ("Reichenbach im Vogtland"), matched on the folded (ASCII) text so
# Python and JavaScript agree: `\b` differs between them for accented letters.
_SUFFIX_WORDS = re.compile(r" (im|in|an der|am|bei)( .*)?$")
# Words after a city name that do not name a part of it ("Leipzig Land" is the district).
_NOT_A_PART = {"land", "landkreis", "kreis", "lk", "umland", "umgebung"}

# Cyrillic written the way German names are spelled (so "Лейпциг" becomes "leipzig", "Хемниц"
# "chemniz"), after the German (Duden) transcription of Russian and Ukrainian; the two differ in г
# (Russian g, Ukrainian h) and и (Russian i, Ukrainian y). Typo tolerance covers the rest.
_CYRILLIC = {
    "а": "a", "б": "b", "в": "w", "д": "d", "е": "e", "ж": "sch", "з": "s", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
    "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch", "щ": "schtsch", "ъ": "", "ь": "", "ю": "ju",
    "я": "ja", "й": "i", "ё": "o", "э": "e", "ы": "y", "і": "i", "ї": "ji", "є": "je", "ґ": "g",
}
_CYRILLIC_RU = {"г": "g", "и": "i"}
_CYRILLIC_UK = {"г": "h", "и": "y"}
_CYRILLIC_RE = re.compile("[а-яёіїєґ]")
# Arabic and Persian letter variants written alike (Persian ye and kaf, alef maqsura, ta marbuta);
# hamza and madda on alef are combining marks after NFKD and go with the other marks.
_ARABIC = {"ی": "ي", "ى": "ي", "ک": "ك", "ة": "ه", "ۀ": "ه", "ـ": "", "\u200c": ""}
_DIGITS = {chr(0x660 + i): str(i) for i in range(10)} | {chr(0x6F0 + i): str(i) for i in range(10)}
_KEEP = re.compile("[^a-z0-9\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06af]+")


def _map(text: str, table: dict) -> str:
    return "".join(table.get(ch, ch) for ch in text)


def fold(text: str, cyrillic: str = "ru") -> str:
    """Case, umlauts (ä/ae), ß, accents and punctuation folded; spaces collapsed. Cyrillic is
    transcribed to Latin (Russian rules, or Ukrainian with cyrillic="uk"); Arabic script is kept,
    with its letter variants unified."""
    text = unicodedata.normalize("NFC", text.lower()).replace("ß", "ss")
    if _CYRILLIC_RE.search(text):
        text = _map(_map(text, _CYRILLIC_UK if cyrillic == "uk" else _CYRILLIC_RU), _CYRILLIC)
    text = _map(_map(text, _ARABIC), _DIGITS)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    text = text.replace("ł", "l").replace("ø", "o")
    text = text.replace("ae", "a").replace("oe", "o").replace("ue", "u")
    return " ".join(_KEEP.sub(" ", text).split())


def _strip_prefix(folded: str) -> str:
    return re.sub(r"\s+" + _PREFIX + "$", "", re.sub("^" + _PREFIX + r"\s+", "", folded))


def fold_query(query: str, cyrillic: str = "ru") -> str:
    """A visitor's query: folded, without a leading or trailing "Stadt" (or "Kurort")."""
    return _strip_prefix(fold(query, cyrillic))


def query_variants(query: str) -> list[str]:
    """The folded forms of a query: one, or for Cyrillic the Russian and the Ukrainian reading."""
    variants = [fold_query(query, "ru"), fold_query(query, "uk")]
    return [v for i, v in enumerate(variants) if v and v not in variants[:i]]


def base_name(text: str) -> str:
    """The name before a suffix: "Weißwasser/O.L." -> "weisswasser", "Reichenbach im Vogtland" ->
    "reichenbach", "Radebeul, Sachsen" -> "radebeul" (folded)."""
    return _SUFFIX_WORDS.sub("", fold(re.split("[/,]", text, maxsplit=1)[0]))


def name_keys(name: str) -> set[str]:
    """The ways a place name may be typed: the full name and the name without its suffix
    ("Neukirchen/Erzgeb." -> also "neukirchen"; "Reichenbach im Vogtland" -> "reichenbach")."""
    keys = {fold(name), base_name(name)}
    # queries lose a leading "Stadt" (fold_query), so "Stadt Wehlen" is also found as "wehlen"
    keys |= {_strip_prefix(k) for k in keys}
    keys.discard("")
    return keys


@dataclass
class Municipality:
    ags: str
    name: str
    official_name: str
    district: str
    postcodes: list[str]
    other_names: list[str] = field(default_factory=list)


@dataclass
class Locality:
    name: str
    postcode: str
    district: str
    ags: str = ""


@dataclass
class Places:
    municipalities: dict[str, Municipality]
    localities: list[Locality]
    city_parts: list[tuple[str, str]] = field(default_factory=list)  # (ags of the city, part name)


def load_places(folder: Path, district_keys) -> tuple[Places | None, list[Problem]]:
    problems: list[Problem] = []

    def bad(path: Path, line: int, fld: str, de: str, en: str, fix: str) -> None:
        problems.append(Problem(rel(path), f"Zeile {line}", fld, de, en, fix))

    def rows(name: str, columns: list[str]):
        path = folder / name
        try:
            with open(path, encoding="utf-8", newline="") as f:
                reader = csv.DictReader(f)
                if reader.fieldnames != columns:
                    bad(path, 1, "", f"Die Spalten sind „{','.join(reader.fieldnames or [])}“.",
                        f"The columns are '{','.join(reader.fieldnames or [])}'.",
                        "Die erste Zeile muss genau so lauten: " + ",".join(columns))
                    return
                for row in reader:
                    if None in row or None in row.values():  # fewer or more cells than columns
                        cells = sum(v is not None for k, v in row.items() if k is not None) + len(row.get(None, []))
                        bad(path, reader.line_num, "", f"Die Zeile hat {cells} statt {len(columns)} Spalten.",
                            f"The row has {cells} instead of {len(columns)} columns.",
                            "Werte durch Kommas trennen: " + ",".join(columns) + " (Texte mit Komma in \"…\").")
                        continue
                    yield path, reader.line_num, row
        except FileNotFoundError:
            problems.append(Problem(rel(path), "", "", "Die Datei fehlt.", "The file is missing.",
                                    "Mit scripts/import_places.py neu erzeugen (siehe data/places/README.md)."))
        except UnicodeDecodeError:
            problems.append(Problem(rel(path), "", "", "Die Datei ist nicht in UTF-8 gespeichert.",
                                    "The file is not UTF-8.", "Als UTF-8 speichern."))
        except IsADirectoryError:
            problems.append(Problem(rel(path), "", "", "Hier steht ein Ordner, keine Datei.",
                                    "This is a folder, not a file.",
                                    "Den Ordner entfernen und die Datei mit scripts/import_places.py neu erzeugen."))
        except (OSError, csv.Error) as exc:  # a NUL byte, no permission, ...
            problems.append(Problem(rel(path), "", "", f"Die Datei kann nicht gelesen werden ({exc}).",
                                    f"The file cannot be read ({exc}).",
                                    "Mit scripts/import_places.py neu erzeugen (siehe data/places/README.md)."))

    municipalities: dict[str, Municipality] = {}
    for path, n, row in rows("municipalities.csv", ["ags", "name", "official_name", "district_key", "postcodes"]):
        ags = row["ags"]
        if not re.fullmatch(r"14[0-9]{6}", ags) or ags[:5] != row["district_key"]:
            bad(path, n, "ags", f"„{ags}“ ist kein sächsischer Gemeindeschlüssel dieses Kreises.",
                f"'{ags}' is not a Saxon municipality key of this district.", "8 Ziffern; die ersten 5 = district_key.")
        if row["district_key"] not in district_keys:
            bad(path, n, "district_key", f"Den Kreis „{row['district_key']}“ gibt es nicht.",
                f"There is no district '{row['district_key']}'.", "Schlüssel aus data/districts.yaml verwenden.")
        postcodes = row["postcodes"].split()
        if not postcodes or not all(re.fullmatch(r"0[1-9][0-9]{3}", p) for p in postcodes):
            bad(path, n, "postcodes", "Postleitzahlen fehlen oder sind ungültig.", "Postcodes missing or invalid.",
                "Fünfstellige Postleitzahlen, durch Leerzeichen getrennt.")
        if ags in municipalities:
            bad(path, n, "ags", "Dieser Gemeindeschlüssel kommt doppelt vor.", "Duplicate municipality key.",
                "Jede Gemeinde nur einmal.")
        municipalities[ags] = Municipality(ags, row["name"], row["official_name"], row["district_key"], postcodes)
    localities = []
    for path, n, row in rows("localities.csv", ["name", "postcode", "district_key", "municipality_ags"]):
        if row["district_key"] not in district_keys:
            bad(path, n, "district_key", f"Den Kreis „{row['district_key']}“ gibt es nicht.",
                f"There is no district '{row['district_key']}'.", "Schlüssel aus data/districts.yaml verwenden.")
        if row["municipality_ags"] and row["municipality_ags"] not in municipalities:
            bad(path, n, "municipality_ags", "Diese Gemeinde gibt es nicht.", "Unknown municipality.",
                "Gemeindeschlüssel aus municipalities.csv verwenden oder leer lassen.")
        localities.append(Locality(row["name"], row["postcode"], row["district_key"], row["municipality_ags"]))
    for path, n, row in rows("sorbian_names.csv", ["ags", "name_sorbian", "source"]):
        if row["ags"] not in municipalities:
            bad(path, n, "ags", "Diese Gemeinde gibt es nicht.", "Unknown municipality.",
                "Gemeindeschlüssel aus municipalities.csv verwenden.")
        elif not row["source"].startswith("http"):
            bad(path, n, "source", "Jeder Name braucht eine Quelle (URL).", "Every name needs a source URL.",
                "Die Adresse der Quelle eintragen.")
        else:
            municipalities[row["ags"]].other_names.append(row["name_sorbian"])
    city_parts = []
    for path, n, row in rows("city_parts.csv", ["city_ags", "name", "source"]):
        if row["city_ags"] not in municipalities:
            bad(path, n, "city_ags", "Diese Gemeinde gibt es nicht.", "Unknown municipality.",
                "Gemeindeschlüssel der Stadt aus municipalities.csv verwenden.")
        elif not row["source"].startswith("http") or not fold(row["name"]):
            bad(path, n, "source", "Jeder Stadtteil braucht einen Namen und eine Quelle (URL).",
                "Every part of town needs a name and a source URL.", "Name und Adresse der Quelle eintragen.")
        else:
            city_parts.append((row["city_ags"], row["name"]))
    for path, n, row in rows("names_arabic_script.csv", ["ags", "lang", "name", "source"]):
        if row["ags"] not in municipalities:
            bad(path, n, "ags", "Diese Gemeinde gibt es nicht.", "Unknown municipality.",
                "Gemeindeschlüssel aus municipalities.csv verwenden.")
        elif row["lang"] not in ("ar", "fa") or not re.search("[\u0621-\u064a]", row["name"]):
            bad(path, n, "name", "Name in arabischer Schrift mit Sprache ar oder fa erwartet.",
                "Expected a name in Arabic script with language ar or fa.", "lang: ar oder fa; name: arabische Schrift.")
        elif not row["source"].startswith("http"):
            bad(path, n, "source", "Jeder Name braucht eine Quelle (URL).", "Every name needs a source URL.",
                "Die Adresse der Quelle eintragen.")
        else:
            municipalities[row["ags"]].other_names.append(row["name"])
    if problems:
        return None, problems
    return Places(municipalities, localities, city_parts), problems


# --- the finder index and its reference resolver -------------------------------------------

@dataclass
class Entry:
    """One findable place: a municipality or a locality, with its district."""
    label: str
    district: str
    keys: list[str]
    postcodes: list[str]
    kind: str  # "m" municipality, "d" district, "l" locality (part of town)
    city: bool = False  # a kreisfreie Stadt: "<city> <anything>" means this city


def build_index(places: Places, districts: dict) -> list[Entry]:
    """Municipalities, then districts by name ("Landkreis Leipzig", "Mittelsachsen"), then
    localities (parts of towns) that add a name not already known in the same district, then the
    parts of the three cities ("Connewitz", "Leipzig Connewitz")."""
    entries = []
    for m in places.municipalities.values():
        keys = name_keys(m.name) | name_keys(m.official_name.split(",")[0])
        if "," in m.official_name:  # "Jonsdorf, Kurort" is also typed "Kurort Jonsdorf"
            name, qualifier = (part.strip() for part in m.official_name.split(",", 1))
            keys.add(fold(qualifier + " " + name))
        for other in m.other_names:
            keys |= name_keys(other)
        city = districts[m.district].kind == "kreisfreie_stadt" if m.district in districts else False
        entries.append(Entry(m.name, m.district, sorted(keys), m.postcodes, "m", city))
    municipal_keys = {k for e in entries for k in e.keys}
    for e in entries:  # "Bad Schandau" is also typed "Schandau", unless that is another place's name
        short = {k[len(p):] for k in e.keys for p in _DROPPABLE if k.startswith(p)}
        e.keys = sorted(set(e.keys) | {k for k in short if k and k not in municipal_keys})
    municipal_keys = {k for e in entries for k in e.keys}
    for d in districts.values():
        if d.kind == "kreisfreie_stadt":
            continue  # the city itself is already a municipality entry
        keys = {fold(d.name)} | {k for k in name_keys(d.name.removeprefix("Landkreis "))
                                 if k not in municipal_keys}
        entries.append(Entry(d.name, d.key, sorted(keys), [], "d"))
    known = {(k, e.district) for e in entries for k in e.keys}
    for loc in places.localities:
        if (base_name(loc.name), loc.district) in known:
            continue  # "Chemnitz, Sachsen" is Chemnitz
        keys = name_keys(loc.name)
        words = loc.name.split(" ", 1)
        if len(words) == 2 and loc.ags and fold(words[0]) in name_keys(places.municipalities[loc.ags].name):
            keys.add(fold(words[1]))  # "Dresden Gompitz" -> "gompitz"
        keys = {k for k in keys if (k, loc.district) not in known}
        if not keys:
            continue
        label = loc.name
        if loc.ags and fold(places.municipalities[loc.ags].name) not in fold(loc.name):
            label = f"{loc.name} ({places.municipalities[loc.ags].name})"
        known |= {(k, loc.district) for k in keys}
        entries.append(Entry(label, loc.district, sorted(keys), [loc.postcode], "l"))
    for ags, part in places.city_parts:
        city = places.municipalities[ags]
        keys = {f"{c} {k}" for c in name_keys(city.name) for k in name_keys(part)}
        keys |= {k for k in name_keys(part) if k not in municipal_keys}  # "Plauen" stays the town
        keys = {k for k in keys if (k, city.district) not in known}
        if keys:
            known |= {(k, city.district) for k in keys}
            entries.append(Entry(f"{part} ({city.name})", city.district, sorted(keys), [], "l"))
    return entries


@dataclass
class Answer:
    kind: str                      # "district" | "choose" | "suggest" | "outside" | "none"
    districts: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)


def _postcode(q: str) -> str | None:
    """The digits of a postcode query ("D-04103", "PLZ 09126", "04103 Leipzig", "01 067"), folded."""
    q = re.sub(r"^(plz|de|d) ?(?=[0-9])", "", q)
    m = re.fullmatch(r"([0-9][0-9 ]*?)( [a-z\u0621-\u06af].*)?", q) or re.fullmatch(r"[a-z].* ([0-9]{5})", q)
    return m.group(1).replace(" ", "") if m else None


def typo_limit(q: str) -> int:
    """How many typing mistakes a query of this length may contain (none below 4 letters)."""
    return 0 if len(q) < 4 else 1 if len(q) < 6 else 2


def distance(a: str, b: str, limit: int) -> int:
    """Edits (insert, delete, replace, swap two neighbours) from a to b; limit + 1 if more."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before, prev = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                v = min(v, before[j - 2] + 1)
            cur[j] = v
        if min(cur) > limit:
            return limit + 1
        before, prev = prev, cur
    return min(prev[len(b)], limit + 1)


def _rank(e: Entry, tie: int) -> tuple:
    return ("mdl".index(e.kind), tie, e.label)


def resolve(index: list[Entry], query: str, limit: int = 8) -> Answer:
    """What the finder answers for a query (finder.js does the same on the same index). In order:
    postcode; exact name; name before its suffix; "<city> <part>"; names starting with the query;
    names within one or two typing mistakes (the closest only)."""
    qs = query_variants(query)
    if not qs:
        return Answer("none")
    code = _postcode(qs[0])
    if code is not None and len(code) == 5:
        found = [e for e in index if e.kind == "m" and code in e.postcodes]
        return _answer(found) if found else Answer("outside")
    if code is not None and len(code) < 5:
        found = [e for e in index if e.kind == "m" and any(p.startswith(code) for p in e.postcodes)]
        return Answer("suggest", entries=found[:limit]) if found else Answer("none")
    exact = [e for e in index if any(q in e.keys for q in qs)]
    if not exact:  # "Weißwasser/Oberlausitz", "Radebeul, Sachsen": try the name before the suffix
        bases = [b for b in (_strip_prefix(base_name(query)),) if b]
        exact = [e for e in index if any(b in e.keys for b in bases)]
    if exact:
        places_only = [e for e in exact if e.kind != "d"]  # "Leipzig" is the city, not the Landkreis
        return _answer(places_only or exact)
    prefix = [e for e in index if any(k.startswith(q) for q in qs for k in e.keys)]
    prefix.sort(key=lambda e: _rank(e, min(len(k) for q in qs for k in e.keys if k.startswith(q))))
    city = _city_of(index, qs)
    if city:  # "Leipzig-Connewitz", "Chemnitz Sonnenberg", "Dresden Irgendwo": the city
        return Answer("district", [city.district], ([e for e in prefix if e is not city] + [city])[:limit])
    close = _typos(index, qs) if len(prefix) < limit else []
    found = prefix + [e for e in close if e not in prefix]
    return Answer("suggest", entries=found[:limit]) if found else Answer("none")


def _typos(index: list[Entry], qs: list[str]) -> list[Entry]:
    """The places whose name is closest to the query, within its typo limit (ties all kept, so a
    name shared by several places still offers all of them)."""
    best, close = None, []
    for e in index:
        found = [d for q in qs for k in e.keys if (d := distance(q, k, typo_limit(q))) <= typo_limit(q)]
        if found and (best is None or min(found) <= best):
            if best is None or min(found) < best:
                best, close = min(found), []
            close.append(e)
    close.sort(key=lambda e: _rank(e, 0))
    return close


def _city_of(index: list[Entry], qs: list[str]) -> Entry | None:
    for e in index:
        if e.city:
            for k in e.keys:
                for q in qs:
                    rest = q[len(k) + 1:] if q.startswith(k + " ") else q[:-len(k) - 1] if q.endswith(" " + k) else ""
                    if rest and rest not in _NOT_A_PART:
                        return e
    return None


def _answer(found: list[Entry]) -> Answer:
    districts = list(dict.fromkeys(e.district for e in found))
    if len(districts) == 1:
        return Answer("district", districts, found)
    return Answer("choose", districts, found)


def finder_data(index: list[Entry], district_order: list[str]) -> dict:
    """The compact JSON the browser gets: districts by position, entries as short arrays, the
    positions of the cities ("<city> <anything>" finds the city)."""
    position = {key: i for i, key in enumerate(district_order)}
    return {"d": district_order,
            "e": [[e.label, position[e.district], "|".join(e.keys), " ".join(e.postcodes), e.kind]
                  for e in index],
            "c": [i for i, e in enumerate(index) if e.city]}
