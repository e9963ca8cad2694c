"""Public offices per district besides the mentor project: data/offices.yaml as a checked model.

An office (Ausländerbehörde, migration counselling, Jobcenter, ...) serves one or more districts or
all of Saxony. Where no office of a type is known for a district, the file says so with a gap that
names a route: where a person can ask instead (the programme coordination or an official finder).
Field values and references are checked by the field types (all in one run); the rules within one
entry (a phone number for a phone note, a way to reach an office, a website and source for a route
without a contact, a source for a gap's note) by model validators, in the same run as the field errors;
duplicate ids on the raw lists; the rules over the whole file (gaps name a route of routes:, never a
district that has an office of the type, every district has an office or a gap for every type) after
the file's fields are valid.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, PlainValidator, WithJsonSchema, model_validator

from amm.core.errors import Problem, rel
from amm.core.fields import PartialDate
from amm.core.model import (MESSAGES, Choice, Day, Email, Frozen, I18n, Id, Model, Phone, Postcode, Ref, Sources,
                            Text, Url, duplicates, fail, rule_errors, validate)
from amm.core.yamlfile import LineDict, load_yaml
from amm.directory.model import DISTRICT_KEY
from amm.directory.views import Ask, contact_values, is_stale

# The order is the order on the pages: what a mentee needs first comes first.
TYPES = ("auslaenderbehoerde", "migrationsberatung", "jmd", "jobcenter", "agentur_fuer_arbeit",
         "anerkennung", "integration", "erstaufnahme")
ALL = "all"  # districts: all = the office serves all of Saxony

MESSAGES.update({
    "no_district": ("Es fehlt, für welche Kreise dies gilt.", "The districts it applies to are missing.",
                    'districts: ["14…"]{all}'),
    "phone_note_alone": ("Ein Hinweis zur Telefonnummer ohne Telefonnummer.",
                         "A note on the phone number without a phone number.", "phone: ergänzen oder phone_note löschen."),
    "unreachable": ("Die Stelle hat keinen Weg, sie zu erreichen (Adresse, Telefon, E-Mail oder Website).",
                    "The office has no way to reach it (address, phone, e-mail or website).",
                    "Einen belegten Kontaktweg ergänzen, oder statt der Stelle eine Lücke (gaps:) mit Weg eintragen."),
    "unknown_route": ("Den Weg „{value}“ gibt es unter routes: nicht.", "There is no route '{value}' under routes:.",
                      "Erlaubt sind: {allowed}."),
    "gap_twice": ("Für Kreis {key} ist diese Lücke schon eingetragen.", "This gap is already listed for district {key}.",
                  "Den Kreis nur einmal nennen."),
    "gap_but_office": ("Für Kreis {key} gibt es schon eine Stelle dieser Art ({offices}).",
                       "District {key} already has an office of this type ({offices}).",
                       "Den Kreis aus der Lücke streichen, wenn die Stelle bekannt ist."),
    "no_office": ("Für Kreis {key} fehlt bei „{type}“ eine Stelle oder eine Lücke mit Weg.",
                  "District {key} has neither an office nor a gap with a route for '{type}'.",
                  'Unter gaps: eintragen: - type: {type} / districts: ["{key}"] / route: coordination'),
})


def _district_list(allow_all: bool):
    def check(value: Any, info: Any) -> list[str]:
        if allow_all and value == ALL:
            return [ALL]
        if value is not None and not isinstance(value, list):
            fail("list_type")
        if not value:
            fail("no_district", all=" oder districts: all (für ganz Sachsen)" if allow_all else "")
        known = (info.context or {}).get("districts")
        for key in value:
            if not isinstance(key, str) or (known is not None and key not in known):
                fail("reference", value=key, file="data/districts.yaml", what="district")
        return value
    keys = {"type": "array", "items": DISTRICT_KEY, "minItems": 1}
    return Annotated[list[str], PlainValidator(check),
                     WithJsonSchema({"anyOf": [{"const": ALL}, keys]} if allow_all else keys)]


class OfficeAddress(Frozen):
    street: Text
    postcode: Postcode = ""
    city: Text


class Office(Model):
    entry_label = "Stelle"

    id: Id
    type: Choice(*TYPES)
    name: Text
    districts: _district_list(True)  # district keys, or [ALL]
    address: OfficeAddress = None   # left out where no source shows it
    phone: Phone = None
    phone_note: I18n = Field(default_factory=dict)
    email: Email = ""
    website: Url = ""
    by_appointment: bool = False
    opening_hours: I18n = Field(default_factory=dict)
    accessibility: I18n = Field(default_factory=dict)
    note: I18n = Field(default_factory=dict)
    sources: Sources
    verified_on: Day

    @model_validator(mode="after")
    def _reachable(self) -> "Office":
        found = [("phone_note", "phone_note_alone", {})] if self.phone_note and not self.phone else []
        if not (self.address or self.phone or self.email or self.website):
            found.append(("", "unreachable", {}))
        return rule_errors(self, found)

    @property
    def statewide(self) -> bool:
        return self.districts == [ALL]

    def serves(self, key: str) -> bool:
        return self.statewide or key in self.districts


class Route(Model):
    """Where to ask when an office is not known: a contact of contacts.yaml or an official finder."""

    entry_label = "Weg"

    id: Id
    name: Text
    contact: Ref("contacts") = ""
    phone: Phone = None
    website: Url = ""
    sources: list[Ref("sources")] = Field(default_factory=list)

    @model_validator(mode="after")
    def _finder_has_a_source(self) -> "Route":
        if self.contact:
            return self
        return rule_errors(self, [("website", "missing", {})] * (not self.website)
                           + [("sources", "no_source", {})] * (not self.sources))


class GapEntry(Model):
    """gaps: no office of `type` is known for these districts; `route` says where to ask instead."""

    type: Choice(*TYPES)
    districts: _district_list(False)
    route: Id
    note: I18n = Field(default_factory=dict)
    sources: list[Ref("sources")] = Field(default_factory=list)

    @model_validator(mode="after")
    def _note_has_a_source(self) -> "GapEntry":
        return rule_errors(self, [("sources", "no_source", {})] if self.note and not self.sources else [])


class OfficesFile(Model):
    routes: list[Route]
    offices: list[Office]
    gaps: list[GapEntry]


@dataclass
class Gap:
    """A gap of one type in one district."""
    type: str
    district: str
    route: str
    note: dict = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)


@dataclass
class OfficeRow:
    """One office type in one district: the offices known, or the gap."""
    type: str
    offices: list[Office]
    gap: Gap | None


@dataclass
class Offices:
    routes: dict[str, Route]
    offices: dict[str, Office]
    gaps: list[Gap]

    def for_district(self, key: str) -> list[OfficeRow]:
        """Every office type, in page order, with the offices serving district `key` or its gap."""
        rows = []
        for kind in TYPES:
            found = [o for o in self.offices.values() if o.type == kind and o.serves(key)]
            gap = next((g for g in self.gaps if g.type == kind and g.district == key), None)
            rows.append(OfficeRow(kind, found, gap))
        return rows

    def of_type(self, key: str, kind: str) -> OfficeRow:
        return next(r for r in self.for_district(key) if r.type == kind)


def load_offices(path: Path, sources, districts, contacts, languages: list[str],
                 today: dt.date | None = None) -> tuple[Offices | None, list[Problem]]:
    context = {"sources": sources, "districts": districts, "contacts": contacts or None, "languages": languages,
               "today": today}
    raw, file = load_yaml(path), rel(path)
    data, problems = validate(raw, OfficesFile, file, context=context)
    for key, label in (("routes", "Weg"), ("offices", "Stelle")):
        problems += duplicates(raw.get(key) if isinstance(raw, dict) else [], label, file)
    if data is None or problems:
        return None, problems
    model = Offices({r.id: r for r in data.routes}, {o.id: o for o in data.offices}, [])
    lines = [g.line if isinstance(g, LineDict) else 0 for g in raw["gaps"]]

    def problem(entry: str, fld: str, kind: str, line: int = 0, **values: str) -> Problem:
        return Problem(file, entry, fld, *(text.format(**values) for text in MESSAGES[kind]), line)

    for i, (gap, line) in enumerate(zip(data.gaps, lines), start=1):
        entry = f"Lücke Nr. {i} ({gap.type})"
        if gap.route not in model.routes:
            problems.append(problem(entry, "route", "unknown_route", line, value=gap.route,
                                    allowed=", ".join(model.routes)))
        for key in gap.districts:
            if any(g.type == gap.type and g.district == key for g in model.gaps):
                problems.append(problem(entry, "districts", "gap_twice", line, key=key))
            taken = [o.id for o in model.offices.values() if o.type == gap.type and key in o.districts]
            if taken:
                problems.append(problem(entry, "districts", "gap_but_office", line, key=key, offices=", ".join(taken)))
            model.gaps.append(Gap(gap.type, key, gap.route, gap.note, gap.sources))
    for key in districts:
        for row in model.for_district(key):
            if not row.offices and row.gap is None:
                problems.append(problem(f"Kreis {key}", row.type, "no_office", key=key, type=row.type))
    return (None if problems else model), problems


# --- what pages and exports show ----------------------------------------------------------

def route_sources(model: Offices, route_id: str, contacts) -> list[str]:
    route = model.routes[route_id]
    return list(contacts[route.contact].sources) if route.contact else list(route.sources)


def district_source_ids(model: Offices, key: str, contacts) -> list[str]:
    """Sources cited in the offices section of district `key`, in order of first use."""
    ids: list[str] = []
    for row in model.for_district(key):
        for office in row.offices:
            ids += office.sources
        if not row.offices and row.gap:
            ids += route_sources(model, row.gap.route, contacts) + row.gap.sources
    return list(dict.fromkeys(ids))


def data_date(model: Offices, key: str) -> PartialDate:
    """The date of the data for a district: the oldest check of any office shown there."""
    dates = [o.verified_on for row in model.for_district(key) for o in row.offices]
    return min(dates) if dates else PartialDate(1900)


def district_asks(model: Offices, key: str, sources, ui_de: dict[str, str], today: dt.date,
                  limit_months: int) -> list[Ask]:
    """What the programme office asks about the offices of district `key`: each missing office, each
    missing field of a known office, offices whose newest source is older than the limit
    (unconfirmed) and entries not checked within the limit (stale). Offices for all of Saxony are
    left out (they are the same in every district)."""
    file = "data/offices.yaml"
    asks = []
    for row in model.for_district(key):
        label = ui_de["office_type_" + row.type]
        if not row.offices:
            route = model.routes[row.gap.route]
            asks.append(Ask("missing", file, f"Kreis {key}", row.type, f"{label}: keine Stelle bekannt",
                            f"bisher verweisen wir auf: {route.name}"))
        for office in row.offices:
            if office.statewide:
                continue
            for attr, text in (("address", "Anschrift"), ("phone", "Telefon"), ("email", "E-Mail")):
                if not getattr(office, attr):
                    asks.append(Ask("missing", file, office.id, attr, f"{text} ({office.name})"))
            if not office.opening_hours and not office.by_appointment:
                asks.append(Ask("missing", file, office.id, "opening_hours",
                                f"Öffnungszeiten oder „nur mit Termin“ ({office.name})"))
            dated = [sources[s].date for s in office.sources if not sources[s].consulted]
            if not dated:
                asks.append(Ask("unconfirmed", file, office.id, "sources",
                                f"{office.name}: die Quelle zeigt kein Datum", contact_values(office)))
            elif is_stale(max(dated), today, limit_months):
                asks.append(Ask("unconfirmed", file, office.id, "sources",
                                f"{office.name}: neueste Quelle vom {max(dated).iso()}", contact_values(office)))
            if is_stale(office.verified_on, today, limit_months):
                asks.append(Ask("stale", file, office.id, "verified_on",
                                f"{office.name}: zuletzt geprüft {office.verified_on.iso()}", contact_values(office)))
    return asks
