"""The referral directory: districts, contact points and projects as a validated, typed model.

Files: data/districts.yaml, data/contacts.yaml, data/projects.yaml (with data/sources.yaml).
Rules checked here: unique ids, every district served by a regional project, no reference
to a missing district, contact or source, valid e-mail, German phone numbers, URLs,
postcodes and dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from amm.core.errors import Problem
from amm.core.fields import Checker, PartialDate, phone_to_e164
from amm.core.yamlfile import load_yaml

KINDS = ("regional", "coordination", "content_support")
STATUSES = ("current", "earlier_phase", "unknown")
DISTRICT_KINDS = ("landkreis", "kreisfreie_stadt")

Text = dict  # {lang: text}; "de" always present


@dataclass(frozen=True)
class District:
    key: str
    name: str
    kind: str
    slug: str


@dataclass(frozen=True)
class Address:
    street: str
    postcode: str
    city: str
    note: Text = field(default_factory=dict)


@dataclass(frozen=True)
class Phone:
    number: str
    note: Text = field(default_factory=dict)

    @property
    def e164(self) -> str:
        return phone_to_e164(self.number)


@dataclass
class Contact:
    id: str
    name: str
    phase: str
    sources: list[str]
    verified_on: PartialDate
    address: Address | None = None
    phone: Phone | None = None
    email: str = ""
    website: str = ""
    opening_hours: Text = field(default_factory=dict)
    accessibility: Text = field(default_factory=dict)


@dataclass(frozen=True)
class Statement:
    text: Text
    source: str


@dataclass(frozen=True)
class Coverage:
    district: str
    part: Text = field(default_factory=dict)
    split_confirmed: bool = True
    split_source: str = ""


@dataclass
class Operator:
    name: str
    source: str
    note: Text = field(default_factory=dict)


@dataclass
class Website:
    url: str
    source: str
    note: Text = field(default_factory=dict)


@dataclass
class Project:
    id: str
    kind: str
    status: str
    description: Text
    verified_on: PartialDate
    name: str = ""
    coverage: list[Coverage] = field(default_factory=list)
    status_phase: str = ""
    status_source: str = ""
    operator: Operator | None = None
    eligibility: list[Statement] = field(default_factory=list)
    services: list[Statement] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    languages_source: str = ""
    history: list[Statement] = field(default_factory=list)
    website: Website | None = None
    contacts: list[str] = field(default_factory=list)

    @property
    def districts(self) -> list[str]:
        return [c.district for c in self.coverage]

    def source_ids(self) -> list[str]:
        """Every source the entry refers to, in order of first use."""
        ids = [self.status_source]
        ids += [self.operator.source] if self.operator else []
        ids += [c.split_source for c in self.coverage]
        ids += [s.source for s in self.eligibility + self.services + self.history]
        ids += [self.languages_source, self.website.source if self.website else ""]
        return list(dict.fromkeys(i for i in ids if i))


@dataclass
class Programme:
    eligibility: list[Statement]
    focus_groups: list[Statement]
    services: list[Statement]


@dataclass
class Directory:
    current_phase: str
    programme: Programme
    districts: dict[str, District]
    district_source: str
    contacts: dict[str, Contact]
    projects: dict[str, Project]

    def regional(self) -> list[Project]:
        return [p for p in self.projects.values() if p.kind == "regional"]

    def for_district(self, key: str) -> list[Project]:
        return [p for p in self.regional() if key in p.districts]

    def coordination(self) -> Project:
        return next(p for p in self.projects.values() if p.kind == "coordination")

    def district_by_slug(self, slug: str) -> District:
        return next(d for d in self.districts.values() if d.slug == slug)


# --- loading ------------------------------------------------------------------------------

def _statements(chk: Checker, data: dict, key: str, entry: str, languages: list[str],
                sources) -> list[Statement]:
    items = []
    for i, item in enumerate(chk.listing(data.get(key), entry, key), start=1):
        where = f"{entry}, {key} Nr. {i}"
        item = chk.mapping(item, where, key)
        chk.unknown(item, ("text", "source"), where)
        source = chk.text(item, "source", where)
        chk.source(source, sources, where, "source")
        items.append(Statement(chk.i18n_text(item, "text", where, languages), source))
    return items


def load_districts(path: Path, sources) -> tuple[dict[str, District], str, list[Problem]]:
    chk = Checker(path)
    data = chk.mapping(load_yaml(path), "")
    chk.unknown(data, ("source", "districts"), "")
    source = chk.text(data, "source", "")
    chk.source(source, sources, "", "source")
    districts: dict[str, District] = {}
    for i, item in enumerate(chk.listing(data.get("districts"), "", "districts"), start=1):
        item = chk.mapping(item, f"districts Nr. {i}", "districts")
        entry = f"Kreis {item.get('key', i)}"
        chk.unknown(item, ("key", "name", "kind", "slug"), entry)
        key = chk.text(item, "key", entry)
        if key and not (len(key) == 5 and key.isdigit() and key.startswith("14")):
            chk.add(entry, "key", f"„{key}“ ist kein sächsischer Kreisschlüssel.",
                    f"'{key}' is not a Saxon district key.", "Fünf Ziffern, beginnend mit 14, in Anführungszeichen.")
        if key in districts:
            chk.add(entry, "key", "Dieser Kreisschlüssel kommt mehrfach vor.", "Duplicate district key.",
                    "Jeden Kreis nur einmal eintragen.")
        districts[key] = District(key, chk.text(item, "name", entry),
                                  chk.choice(item, "kind", entry, DISTRICT_KINDS),
                                  chk.ident(item.get("slug"), entry, "slug"))
    chk.unique([d.slug for d in districts.values()], "Kreis mit slug")
    return districts, source, chk.problems


def load_contacts(path: Path, sources, languages: list[str], today: dt.date | None = None
                  ) -> tuple[dict[str, Contact], list[Problem]]:
    chk = Checker(path, today)
    data = chk.mapping(load_yaml(path), "")
    chk.unknown(data, ("contacts",), "")
    contacts: dict[str, Contact] = {}
    allowed = ("id", "name", "address", "phone", "email", "website", "opening_hours",
               "accessibility", "phase", "sources", "verified_on")
    for cid, entry, item in chk.entries(data.get("contacts"), "contacts", "Kontakt", allowed):
        address = None
        if "address" in item:
            a = chk.mapping(item["address"], entry, "address")
            chk.unknown(a, ("street", "postcode", "city", "note"), f"{entry}, address")
            address = Address(chk.text(a, "street", f"{entry}, address"),
                              chk.postcode(a, "postcode", f"{entry}, address"),
                              chk.text(a, "city", f"{entry}, address"),
                              chk.i18n_text(a, "note", f"{entry}, address", languages, required=False))
        phone = None
        if "phone" in item:
            p = chk.mapping(item["phone"], entry, "phone")
            chk.unknown(p, ("number", "note"), f"{entry}, phone")
            phone = Phone(chk.phone(p, "number", f"{entry}, phone"),
                          chk.i18n_text(p, "note", f"{entry}, phone", languages, required=False))
        source_ids = [str(s) for s in chk.listing(item.get("sources"), entry, "sources")]
        if not source_ids:
            chk.add(entry, "sources", "Jeder Kontakt braucht mindestens eine Quelle.",
                    "Every contact needs at least one source.", "sources: [kennung_aus_sources_yaml]")
        for sid in source_ids:
            chk.source(sid, sources, entry, "sources")
        contacts[cid] = Contact(
            cid, chk.text(item, "name", entry), chk.phase(item, "phase", entry), source_ids,
            chk.date(item, "verified_on", entry, exact=True) or PartialDate(1900), address, phone,
            chk.email(item, "email", entry, required=False),
            chk.url(item, "website", entry, required=False),
            chk.i18n_text(item, "opening_hours", entry, languages, required=False),
            chk.i18n_text(item, "accessibility", entry, languages, required=False))
    return contacts, chk.problems


def load_projects(path: Path, sources, districts, contacts, languages: list[str],
                  today: dt.date | None = None) -> tuple[Directory | None, list[Problem]]:
    chk = Checker(path, today)
    data = chk.mapping(load_yaml(path), "")
    chk.unknown(data, ("current_phase", "programme", "projects"), "")
    current_phase = chk.phase(data, "current_phase", "")
    prog = chk.mapping(data.get("programme"), "programme", "programme")
    chk.unknown(prog, ("eligibility", "focus_groups", "services"), "programme")
    programme = Programme(*(_statements(chk, prog, key, "programme", languages, sources)
                            for key in ("eligibility", "focus_groups", "services")))
    allowed = ("id", "kind", "name", "coverage", "status", "status_phase", "status_source", "operator",
               "description", "eligibility", "services", "languages", "languages_source", "history",
               "website", "contacts", "verified_on")
    projects: dict[str, Project] = {}
    for pid, entry, item in chk.entries(data.get("projects"), "projects", "Projekt", allowed):
        kind = chk.choice(item, "kind", entry, KINDS)
        status = chk.choice(item, "status", entry, STATUSES)
        project = Project(pid, kind, status, chk.i18n_text(item, "description", entry, languages),
                          chk.date(item, "verified_on", entry, exact=True) or PartialDate(1900),
                          name=chk.text(item, "name", entry, required=kind != "regional"))
        if status != "unknown":
            project.status_phase = chk.phase(item, "status_phase", entry)
            project.status_source = chk.text(item, "status_source", entry)
            chk.source(project.status_source, sources, entry, "status_source")
        elif "status_phase" in item or "status_source" in item:
            chk.add(entry, "status_phase", "Bei status: unknown gibt es keine Phase und keine Statusquelle.",
                    "status: unknown has no phase and no status source.",
                    "status_phase und status_source löschen oder den Status ändern.")
        if status == "current" and project.status_phase and project.status_phase != current_phase:
            chk.add(entry, "status_phase", f"status: current passt nicht zur Phase {project.status_phase}.",
                    f"status: current does not match phase {project.status_phase}.",
                    f"Für die laufende Phase {current_phase} eintragen oder status: earlier_phase wählen.")
        for j, cov in enumerate(chk.listing(item.get("coverage"), entry, "coverage"), start=1):
            where = f"{entry}, coverage Nr. {j}"
            cov = chk.mapping(cov, where, "coverage")
            chk.unknown(cov, ("district", "part", "split_confirmed", "split_source"), where)
            key = chk.text(cov, "district", where)
            chk.reference(key, districts, where, "district", "district", "data/districts.yaml")
            part = chk.i18n_text(cov, "part", where, languages, required=False)
            split_source = chk.text(cov, "split_source", where, required=bool(part))
            chk.source(split_source, sources, where, "split_source")
            project.coverage.append(Coverage(key, part, chk.flag(cov, "split_confirmed", where, True),
                                             split_source))
        if kind == "regional" and not project.coverage:
            chk.add(entry, "coverage", "Ein regionales Projekt braucht mindestens einen Kreis.",
                    "A regional project needs at least one district.", "coverage:\n  - district: \"14…\"")
        if kind != "regional" and project.coverage:
            chk.add(entry, "coverage", "Nur regionale Projekte haben ein Gebiet.",
                    "Only regional projects cover an area.", "coverage löschen.")
        if "operator" in item and item["operator"] is not None:
            op = chk.mapping(item["operator"], entry, "operator")
            chk.unknown(op, ("name", "source", "note"), f"{entry}, operator")
            project.operator = Operator(chk.text(op, "name", f"{entry}, operator"),
                                        chk.text(op, "source", f"{entry}, operator"),
                                        chk.i18n_text(op, "note", f"{entry}, operator", languages,
                                                      required=False))
            chk.source(project.operator.source, sources, entry, "operator.source")
        for key in ("eligibility", "services", "history"):
            setattr(project, key, _statements(chk, item, key, entry, languages, sources))
        project.languages = [str(x) for x in chk.listing(item.get("languages"), entry, "languages")]
        if project.languages:
            project.languages_source = chk.text(item, "languages_source", entry)
            chk.source(project.languages_source, sources, entry, "languages_source")
        if "website" in item and item["website"] is not None:
            w = chk.mapping(item["website"], entry, "website")
            chk.unknown(w, ("url", "source", "note"), f"{entry}, website")
            project.website = Website(chk.url(w, "url", f"{entry}, website"),
                                      chk.text(w, "source", f"{entry}, website"),
                                      chk.i18n_text(w, "note", f"{entry}, website", languages,
                                                    required=False))
            chk.source(project.website.source, sources, entry, "website.source")
        project.contacts = [str(c) for c in chk.listing(item.get("contacts"), entry, "contacts")]
        for cid in project.contacts:
            chk.reference(cid, contacts, entry, "contacts", "contact", "data/contacts.yaml")
        projects[pid] = project

    served = {c.district for p in projects.values() if p.kind == "regional" for c in p.coverage}
    for key, district in districts.items():
        if key not in served:
            chk.add("", "projects", f"Kein Projekt betreut den Kreis {district.name} ({key}).",
                    f"No project serves the district {district.name} ({key}).",
                    "Bei dem zuständigen Projekt unter coverage den Kreis eintragen, oder ein Projekt "
                    "mit status: unknown für ihn anlegen.")
    coordination = [p for p in projects.values() if p.kind == "coordination"]
    if len(coordination) != 1:
        chk.add("", "projects", "Es muss genau einen Eintrag mit kind: coordination geben.",
                "There must be exactly one entry with kind: coordination.",
                "Die Programmbegleitung (ZEFAS) als kind: coordination eintragen.")
    if chk.problems:
        return None, chk.problems
    return Directory(current_phase, programme, districts, "", contacts, projects), chk.problems
