"""Regenerate data/places/ from the two public source formats (see data/places/README.md):

- suche-postleitzahl.org `zuordnung_plz_ort.csv` (OpenStreetMap, ODbL): ags, ort, plz, landkreis, bundesland
- GeoNames postal codes `DE.txt` (CC BY 4.0): tab-separated, no header
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

GEONAMES_COLUMNS = ("country", "postcode", "place", "admin1", "admin1_code", "admin2", "admin2_code",
                    "admin3", "admin3_code", "lat", "lon", "accuracy")
STATE = "Sachsen"


@dataclass
class ImportReport:
    municipalities: int = 0
    localities: int = 0
    skipped_localities: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    renamed: list[str] = field(default_factory=list)
    shared_postcodes: dict[str, list[str]] = field(default_factory=dict)

    def lines(self) -> list[str]:
        out = [f"{self.municipalities} municipalities, {self.localities} localities written"]
        out += [f"new municipality: {x}" for x in self.added]
        out += [f"municipality gone (merged?): {x}" for x in self.removed]
        out += [f"renamed: {x}" for x in self.renamed]
        out += [f"postcode {p} also in: {', '.join(s)}" for p, s in sorted(self.shared_postcodes.items())]
        if self.skipped_localities:
            out.append(f"{len(self.skipped_localities)} localities skipped (postcode not in the table): "
                       + ", ".join(self.skipped_localities[:10]) + (" …" if len(self.skipped_localities) > 10 else ""))
        return out


def import_places(plz_table: Path, geonames: Path, out: Path) -> ImportReport:
    report = ImportReport()
    previous = {}
    if (out / "municipalities.csv").exists():
        with open(out / "municipalities.csv", encoding="utf-8", newline="") as f:
            previous = {row["ags"]: row for row in csv.DictReader(f)}

    names: dict[str, str] = {}
    postcodes: dict[str, set[str]] = defaultdict(set)
    states_by_postcode: dict[str, set[str]] = defaultdict(set)
    with open(plz_table, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            plz = row["plz"].strip().zfill(5)
            states_by_postcode[plz].add(row["bundesland"].strip())
            if row["bundesland"].strip() != STATE:
                continue
            ags = row["ags"].strip().zfill(8)
            names.setdefault(ags, row["ort"].strip())
            postcodes[ags].add(plz)

    for ags in sorted(names):
        old = previous.get(ags)
        if old is None and previous:
            report.added.append(f"{ags} {names[ags]}")
        elif old is not None and old["name"] != names[ags]:
            report.renamed.append(f"{ags} {old['name']} -> {names[ags]}")
    report.removed = [f"{a} {r['name']}" for a, r in previous.items() if a not in names]

    out.mkdir(parents=True, exist_ok=True)
    with open(out / "municipalities.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["ags", "name", "official_name", "district_key", "postcodes"])
        for ags in sorted(names):
            official = previous.get(ags, {}).get("official_name") or names[ags]
            w.writerow([ags, names[ags], official, ags[:5], " ".join(sorted(postcodes[ags]))])
    report.municipalities = len(names)

    by_postcode: dict[str, list[str]] = defaultdict(list)
    for ags in names:
        for plz in postcodes[ags]:
            by_postcode[plz].append(ags)
    seen = set()
    with open(geonames, encoding="utf-8") as f, \
            open(out / "localities.csv", "w", encoding="utf-8", newline="") as dest:
        w = csv.writer(dest, lineterminator="\n")
        w.writerow(["name", "postcode", "district_key", "municipality_ags"])
        for line in f:
            row = dict(zip(GEONAMES_COLUMNS, line.rstrip("\n").split("\t")))
            if row.get("admin1") != STATE:
                continue
            name, plz = row["place"].strip(), row["postcode"].strip()
            candidates = by_postcode.get(plz, [])
            if not candidates:
                report.skipped_localities.append(f"{name} ({plz})")
                continue
            same_name = [a for a in candidates if names[a] == name]
            if same_name:
                candidates = same_name
            districts = {a[:5] for a in candidates}
            if len(districts) != 1 or (name, plz) in seen:
                continue
            seen.add((name, plz))
            w.writerow([name, plz, districts.pop(), candidates[0] if len(candidates) == 1 else ""])
            report.localities += 1

    shared = {p: sorted(s - {STATE}) for p, s in states_by_postcode.items() if STATE in s and len(s) > 1}
    report.shared_postcodes = shared
    with open(out / "postcodes_shared.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["postcode", "other_states"])
        for plz in sorted(shared):
            w.writerow([plz, " ".join(shared[plz])])
    return report
