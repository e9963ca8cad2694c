"""Public offices per district besides the mentor project: data/offices.yaml as a checked model.

An office (Ausländerbehörde, migration counselling, Jobcenter, ...) serves one or more districts or
all of Saxony. Where no office of a type is known for a district, the file says so with a gap that
names a route: where a person can ask instead (the programme coordination or an official finder).
Rules checked here: every district has an office or a gap for every type, never both; references to
districts, sources, routes and contacts exist; e-mail, phone, URL, postcode and dates are well formed;
an office can be reached somehow (address, phone, e-mail or website).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from amm.core.errors import Problem
from amm.core.fields import Checker, PartialDate
from amm.core.yamlfile import load_yaml
from amm.directory.model import Address, Phone
from amm.directory.views import Ask, contact_values, is_stale

# The order is the order on the pages: what a mentee needs first comes first.
TYPES = ("auslaenderbehoerde", "migrationsberatung", "jmd", "jobcenter", "agentur_fuer_arbeit",
         "anerkennung", "integration", "erstaufnahme")
ALL = "all"  # districts: all = the office serves all of Saxony
OFFICE_FIELDS = ("id", "type", "name", "districts", "address", "phone", "phone_note", "email", "website",
                 "by_appointment", "opening_hours", "accessibility", "note", "sources", "verified_on")
ROUTE_FIELDS = ("id", "name", "contact", "phone", "website", "sources")
GAP_FIELDS = ("type", "districts", "route", "note", "sources")


@dataclass
class Office:
    id: str
    type: str
    name: str
    districts: list[str]  # district keys, or [ALL]
    sources: list[str]
    verified_on: PartialDate
    address: Address | None = None
    phone: Phone | None = None
    email: str = ""
    website: str = ""
    by_appointment: bool = False
    opening_hours: dict = field(default_factory=dict)
    accessibility: dict = field(default_factory=dict)
    note: dict = field(default_factory=dict)

    @property
    def statewide(self) -> bool:
        return self.districts == [ALL]

    def serves(self, key: str) -> bool:
        return self.statewide or key in self.districts


@dataclass
class Route:
    """Where to ask when an office is not known: a contact of contacts.yaml or an official finder."""
    id: str
    name: str
    contact: str = ""
    phone: Phone | None = None
    website: str = ""
    sources: list[str] = field(default_factory=list)


@dataclass
class Gap:
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


def _address(chk: Checker, item: dict, entry: str) -> Address | None:
    if "address" not in item:
        return None
    where = f"{entry}, address"
    a = chk.mapping(item["address"], entry, "address")
    chk.unknown(a, ("street", "postcode", "city"), where)
    postcode = chk.postcode(a, "postcode", where) if "postcode" in a else ""
    return Address(chk.text(a, "street", where), postcode, chk.text(a, "city", where))


def _sources(chk: Checker, item: dict, entry: str, sources, *, required: bool = True) -> list[str]:
    ids = [str(s) for s in chk.listing(item.get("sources"), entry, "sources")]
    if required and not ids:
        chk.add(entry, "sources", "Hier fehlt die Quelle.", "The source is missing.",
                "sources: [kennung_aus_sources_yaml]", at=item)
    for sid in ids:
        chk.source(sid, sources, entry, "sources")
    return ids


def _districts(chk: Checker, item: dict, entry: str, districts, *, allow_all: bool) -> list[str]:
    value = item.get("districts")
    if allow_all and value == ALL:
        return [ALL]
    keys = [str(k) for k in chk.listing(value, entry, "districts")]
    if not keys:
        chk.add(entry, "districts", "Es fehlt, für welche Kreise dies gilt.",
                "The districts it applies to are missing.",
                'districts: ["14…"]' + (" oder districts: all (für ganz Sachsen)" if allow_all else ""), at=item)
    for key in keys:
        chk.reference(key, districts, entry, "districts", "district", "data/districts.yaml")
    return keys


def load_offices(path: Path, sources, districts, contacts, languages: list[str],
                 today: dt.date | None = None) -> tuple[Offices, list[Problem]]:
    chk = Checker(path, today)
    data = chk.mapping(load_yaml(path), "")
    chk.unknown(data, ("routes", "offices", "gaps"), "")

    routes: dict[str, Route] = {}
    for rid, entry, item in chk.entries(data.get("routes"), "routes", "Weg", ROUTE_FIELDS):
        route = Route(rid, chk.text(item, "name", entry))
        if "contact" in item:
            route.contact = chk.text(item, "contact", entry)
            chk.reference(route.contact, contacts, entry, "contact", "contact", "data/contacts.yaml")
        else:
            route.website = chk.url(item, "website", entry)
            route.sources = _sources(chk, item, entry, sources)
        if "phone" in item:
            route.phone = Phone(chk.phone(item, "phone", entry))
        routes[rid] = route

    offices: dict[str, Office] = {}
    for oid, entry, item in chk.entries(data.get("offices"), "offices", "Stelle", OFFICE_FIELDS):
        phone = None
        if "phone" in item:
            phone = Phone(chk.phone(item, "phone", entry),
                          chk.i18n_text(item, "phone_note", entry, languages, required=False))
        elif "phone_note" in item:
            chk.add(entry, "phone_note", "Ein Hinweis zur Telefonnummer ohne Telefonnummer.",
                    "A note on the phone number without a phone number.",
                    "phone: ergänzen oder phone_note löschen.", at=item)
        office = Office(
            oid, chk.choice(item, "type", entry, TYPES), chk.text(item, "name", entry),
            _districts(chk, item, entry, districts, allow_all=True), _sources(chk, item, entry, sources),
            chk.date(item, "verified_on", entry, exact=True) or PartialDate(1900),
            _address(chk, item, entry), phone, chk.email(item, "email", entry, required=False),
            chk.url(item, "website", entry, required=False),
            chk.flag(item, "by_appointment", entry),
            chk.i18n_text(item, "opening_hours", entry, languages, required=False),
            chk.i18n_text(item, "accessibility", entry, languages, required=False),
            chk.i18n_text(item, "note", entry, languages, required=False))
        if not (office.address or office.phone or office.email or office.website):
            chk.add(entry, "", "Die Stelle hat keinen Weg, sie zu erreichen (Adresse, Telefon, E-Mail oder Website).",
                    "The office has no way to reach it (address, phone, e-mail or website).",
                    "Einen belegten Kontaktweg ergänzen, oder statt der Stelle eine Lücke (gaps:) mit Weg eintragen.",
                    at=item)
        offices[oid] = office

    gaps: list[Gap] = []
    for i, item in enumerate(chk.listing(data.get("gaps"), "", "gaps"), start=1):
        item = chk.mapping(item, f"gaps Nr. {i}", "gaps")
        entry = f"Lücke Nr. {i} ({item.get('type')})"
        chk.unknown(item, GAP_FIELDS, entry)
        kind = chk.choice(item, "type", entry, TYPES)
        keys = _districts(chk, item, entry, districts, allow_all=False)
        route = chk.text(item, "route", entry)
        if route and route not in routes:
            chk.add(entry, "route", f"Den Weg „{route}“ gibt es unter routes: nicht.",
                    f"There is no route '{route}' under routes:.",
                    "Erlaubt sind: " + ", ".join(routes) + ".", at=item)
        note = chk.i18n_text(item, "note", entry, languages, required=False)
        gap_sources = _sources(chk, item, entry, sources, required=bool(note))
        for key in keys:
            if any(g.type == kind and g.district == key for g in gaps):
                chk.add(entry, "districts", f"Für Kreis {key} ist diese Lücke schon eingetragen.",
                        f"This gap is already listed for district {key}.", "Den Kreis nur einmal nennen.", at=item)
            taken = [o.id for o in offices.values() if o.type == kind and key in o.districts]
            if taken:
                chk.add(entry, "districts",
                        f"Für Kreis {key} gibt es schon eine Stelle dieser Art ({', '.join(taken)}).",
                        f"District {key} already has an office of this type ({', '.join(taken)}).",
                        "Den Kreis aus der Lücke streichen, wenn die Stelle bekannt ist.", at=item)
            gaps.append(Gap(kind, key, route, note, gap_sources))

    model = Offices(routes, offices, gaps)
    for key in districts:
        for row in model.for_district(key):
            if not row.offices and row.gap is None:
                chk.add(f"Kreis {key}", row.type,
                        f"Für Kreis {key} fehlt bei „{row.type}“ eine Stelle oder eine Lücke mit Weg.",
                        f"District {key} has neither an office nor a gap with a route for '{row.type}'.",
                        f'Unter gaps: eintragen: - type: {row.type} / districts: ["{key}"] / route: coordination')
    return model, chk.problems


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
