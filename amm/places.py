"""Places in Saxony and the finder's matching: postcode, municipality or part of town -> district.

The index (search keys per place) is computed here once and shipped to the browser as JSON, so
the browser only has to fold the visitor's query the same way (`fold` here and in finder.js; a
browser test compares both on tricky input). `resolve` is the reference implementation that the
unit tests walk for every municipality; finder.js implements the same steps on the same index.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from amm.errors import DataErrors, Problem, rel

# Suffixes that are part of official names but not of how people write them.
_SUFFIX_RE = re.compile(r"\s*(/|,|\bim\b|\bin\b|\ban der\b|\bam\b|\bbei\b).*$")


def fold(text: str) -> str:
    """Case, umlauts (ä/ae), ß, accents and punctuation folded; spaces collapsed."""
    text = text.lower().replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("ł", "l").replace("ø", "o")
    text = text.replace("ae", "a").replace("oe", "o").replace("ue", "u")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


def fold_query(query: str) -> str:
    """A visitor's query: folded, without a leading or trailing "Stadt"."""
    q = fold(query)
    q = re.sub(r"^(stadt|gemeinde)\s+", "", q)
    q = re.sub(r"\s+(stadt|gemeinde)$", "", q)
    return q


def name_keys(name: str) -> set[str]:
    """The ways a place name may be typed: the full name and the name without its suffix
    ("Neukirchen/Erzgeb." -> also "neukirchen"; "Reichenbach im Vogtland" -> "reichenbach")."""
    keys = {fold(name), fold(_SUFFIX_RE.sub("", name))}
    # queries lose a leading "Stadt" (fold_query), so "Stadt Wehlen" is also found as "wehlen"
    keys |= {re.sub(r"^(stadt|gemeinde) ", "", k) for k in keys}
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
    if problems:
        return None, problems
    return Places(municipalities, localities), problems


# --- the finder index and its reference resolver -------------------------------------------

@dataclass
class Entry:
    """One findable place: a municipality or a locality, with its district."""
    label: str
    district: str
    keys: list[str]
    postcodes: list[str]
    kind: str  # "m" municipality, "d" district, "l" locality (part of town)


def build_index(places: Places, districts: dict) -> list[Entry]:
    """Municipalities, then districts by name ("Landkreis Leipzig", "Mittelsachsen"), then
    localities (parts of towns) that add a name not already known in the same district."""
    entries = []
    for m in places.municipalities.values():
        keys = name_keys(m.name) | name_keys(m.official_name.split(",")[0])
        for other in m.other_names:
            keys |= name_keys(other)
        entries.append(Entry(m.name, m.district, sorted(keys), m.postcodes, "m"))
    municipal_keys = {k for e in entries for k in e.keys}
    for d in districts.values():
        if d.kind == "kreisfreie_stadt":
            continue  # the city itself is already a municipality entry
        keys = {fold(d.name)} | {k for k in name_keys(d.name.removeprefix("Landkreis "))
                                 if k not in municipal_keys}
        entries.append(Entry(d.name, d.key, sorted(keys), [], "d"))
    known = {(k, e.district) for e in entries for k in e.keys}
    for loc in places.localities:
        if (fold(_SUFFIX_RE.sub("", loc.name)), loc.district) in known:
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
    return entries


@dataclass
class Answer:
    kind: str                      # "district" | "choose" | "suggest" | "outside" | "none"
    districts: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)


def resolve(index: list[Entry], query: str, limit: int = 8) -> Answer:
    """What the finder answers for a query (finder.js does the same on the same index)."""
    raw = query.strip()
    digits = re.sub(r"\s+", "", raw)
    if re.fullmatch(r"[0-9]{5}", digits):
        found = [e for e in index if e.kind == "m" and digits in e.postcodes]
        if not found:
            return Answer("outside")
        return _answer(found)
    if re.fullmatch(r"[0-9]{1,4}", digits):
        found = [e for e in index if e.kind == "m" and any(p.startswith(digits) for p in e.postcodes)]
        return Answer("suggest", entries=found[:limit]) if found else Answer("none")
    q = fold_query(raw)
    if not q:
        return Answer("none")
    exact = [e for e in index if q in e.keys]
    if not exact:  # "Weißwasser/Oberlausitz", "Radebeul, Sachsen": try the name before the suffix
        base = fold_query(_SUFFIX_RE.sub("", raw))
        exact = [e for e in index if base and base in e.keys]
    places_only = [e for e in exact if e.kind != "d"]  # "Leipzig" is the city, not the Landkreis
    if exact:
        return _answer(places_only or exact)
    prefix = [e for e in index if any(k.startswith(q) for k in e.keys)]
    prefix.sort(key=lambda e: ("mdl".index(e.kind), min(len(k) for k in e.keys if k.startswith(q)), e.label))
    return Answer("suggest", entries=prefix[:limit]) if prefix else Answer("none")


def _answer(found: list[Entry]) -> Answer:
    districts = list(dict.fromkeys(e.district for e in found))
    if len(districts) == 1:
        return Answer("district", districts, found)
    return Answer("choose", districts, found)


def finder_data(index: list[Entry], district_order: list[str]) -> dict:
    """The compact JSON the browser gets: districts by position, entries as short arrays."""
    position = {key: i for i, key in enumerate(district_order)}
    return {"d": district_order,
            "e": [[e.label, position[e.district], "|".join(e.keys), " ".join(e.postcodes), e.kind]
                  for e in index]}
