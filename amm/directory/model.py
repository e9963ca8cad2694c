"""The referral directory: districts, contact points and projects as validated, typed models.

Files: data/districts.yaml, data/contacts.yaml, data/projects.yaml (with data/sources.yaml).
Each field is declared once, in the models below; amm/core/model.py turns them into the checks,
the messages and the editors' JSON Schemas.

Where each rule is checked:
- field values (ids, e-mail, phone numbers, URLs, postcodes, dates, phases, texts per language) and
  references to sources, districts and contacts: the field types, all in one run;
- rules between fields of one entry (a name unless regional, status and its phase and source, a
  source for a split district or a language list, coverage only for regional projects) and the
  current phase of `status: current`: model validators, in the same run as the field errors (a rule
  about a field that is itself invalid stays quiet; see `Model` in amm/core/model.py);
- duplicate ids and keys, every district served by a regional project, exactly one coordination
  entry: separate passes over the raw data, in the same run as the field errors.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
import datetime as dt
from typing import Annotated, Any

from pydantic import Field, PlainValidator, WithJsonSchema, model_validator

from amm.core.errors import Problem, rel
from amm.core.model import (MESSAGES, Choice, Day, Email, Frozen, I18n, Id, Model, Phase, Phone, Postcode, Ref,
                            Sources, Text, Url, duplicates, fail, rule_errors, valid_items, validate)
from amm.core.yamlfile import load_yaml

KINDS = ("regional", "coordination", "content_support")
STATUSES = ("current", "earlier_phase", "unknown")
DISTRICT_KINDS = ("landkreis", "kreisfreie_stadt")
DISTRICT_KEY = {"type": "string", "pattern": r"^14[0-9]{3}$"}

MESSAGES.update({
    "district_key": ("„{value}“ ist kein sächsischer Kreisschlüssel.", "'{value}' is not a Saxon district key.",
                     "Fünf Ziffern, beginnend mit 14, in Anführungszeichen."),
    "unknown_status": ("Bei status: unknown gibt es keine Phase und keine Statusquelle.",
                       "status: unknown has no phase and no status source.",
                       "status_phase und status_source löschen oder den Status ändern."),
    "current_phase": ("status: current passt nicht zur Phase {value}.", "status: current does not match phase {value}.",
                      "Für die laufende Phase {current} eintragen oder status: earlier_phase wählen."),
    "needs_district": ("Ein regionales Projekt braucht mindestens einen Kreis.",
                       "A regional project needs at least one district.", "coverage:\n  - district: \"14…\""),
    "only_regional": ("Nur regionale Projekte haben ein Gebiet.", "Only regional projects cover an area.",
                      "coverage löschen."),
    "unserved": ("Kein Projekt betreut den Kreis {name} ({key}).", "No project serves the district {name} ({key}).",
                 "Bei dem zuständigen Projekt unter coverage den Kreis eintragen, oder ein Projekt mit "
                 "status: unknown für ihn anlegen."),
    "one_coordination": ("Es muss genau einen Eintrag mit kind: coordination geben.",
                         "There must be exactly one entry with kind: coordination.",
                         "Die Programmbegleitung (ZEFAS) als kind: coordination eintragen."),
})


def _district_key(value: Any) -> str:
    if not isinstance(value, str) or not (len(value) == 5 and value.isdigit() and value.startswith("14")):
        fail("district_key", value=value)
    return value


DistrictKey = Annotated[str, PlainValidator(_district_key), WithJsonSchema(DISTRICT_KEY)]


class District(Frozen):
    entry_label = "Kreis"
    entry_key = "key"

    key: DistrictKey
    name: Text
    kind: Choice(*DISTRICT_KINDS)
    slug: Id


class DistrictsFile(Model):
    source: Ref("sources")
    districts: list[District]


class Address(Frozen):
    street: Text
    postcode: Postcode
    city: Text
    note: I18n = Field(default_factory=dict)


class ContactPhone(Frozen):
    number: Phone
    note: I18n = Field(default_factory=dict)

    @property
    def e164(self) -> str:
        return self.number.e164


class Contact(Model):
    entry_label = "Kontakt"

    id: Id
    name: Text
    phase: Phase
    sources: Sources
    verified_on: Day
    address: Address = None      # left out where no source shows it (null is refused, like a typo)
    phone: ContactPhone = None
    email: Email = ""
    website: Url = ""
    opening_hours: I18n = Field(default_factory=dict)
    accessibility: I18n = Field(default_factory=dict)


class ContactsFile(Model):
    contacts: list[Contact]


class Statement(Frozen):
    text: I18n
    source: Ref("sources")


class Coverage(Frozen):
    district: Ref("districts", DISTRICT_KEY)
    part: I18n = Field(default_factory=dict)
    split_confirmed: bool = True
    split_source: Ref("sources") = ""

    @model_validator(mode="after")
    def _split_has_a_source(self) -> "Coverage":
        return rule_errors(self, [("split_source", "missing", {})] if self.part and not self.split_source else [])


class Operator(Model):
    name: Text
    source: Ref("sources")
    note: I18n = Field(default_factory=dict)


class Website(Model):
    url: Url
    source: Ref("sources")
    note: I18n = Field(default_factory=dict)


class Project(Model):
    entry_label = "Projekt"

    id: Id
    kind: Choice(*KINDS)
    name: Text = ""
    coverage: list[Coverage] = Field(default_factory=list)
    status: Choice(*STATUSES)
    status_phase: Phase = ""
    status_source: Ref("sources") = ""
    operator: Operator | None = None
    description: I18n
    eligibility: list[Statement] = Field(default_factory=list)
    services: list[Statement] = Field(default_factory=list)
    languages: list[Text] = Field(default_factory=list)
    languages_source: Ref("sources") = ""
    history: list[Statement] = Field(default_factory=list)
    website: Website | None = None
    contacts: list[Ref("contacts")] = Field(default_factory=list)
    verified_on: Day

    @model_validator(mode="after")
    def _rules(self) -> "Project":
        found = []
        if self.kind != "regional" and not self.name:
            found.append(("name", "missing", {}))
        if self.status == "unknown" and (self.status_phase or self.status_source):
            found.append(("status_phase", "unknown_status", {}))
        if self.status != "unknown":
            found += [(key, "missing", {}) for key in ("status_phase", "status_source") if not getattr(self, key)]
        if self.kind == "regional" and not self.coverage:
            found.append(("coverage", "needs_district", {}))
        if self.kind != "regional" and self.coverage:
            found.append(("coverage", "only_regional", {}))
        if self.languages and not self.languages_source:
            found.append(("languages_source", "missing", {}))
        return rule_errors(self, found)

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


class Programme(Model):
    eligibility: list[Statement]
    focus_groups: list[Statement]
    services: list[Statement]


class ProjectsFile(Model):
    current_phase: Phase
    programme: Programme
    projects: list[Project]

    @model_validator(mode="after")
    def _current_means_this_phase(self) -> "ProjectsFile":
        return rule_errors(self, [
            (("projects", i, "status_phase"), "current_phase", {"value": p.status_phase, "current": self.current_phase})
            for i, p in enumerate(self.projects)
            if p.status == "current" and p.status_phase and p.status_phase != self.current_phase])


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

def _items(raw: Any, key: str) -> list:
    value = raw.get(key) if isinstance(raw, dict) else None
    return value if isinstance(value, list) else []


def load_districts(path: Path, sources) -> tuple[dict[str, District], str, list[Problem]]:
    raw, file = load_yaml(path), rel(path)
    model, problems = validate(raw, DistrictsFile, file, context={"sources": sources})
    problems += duplicates(_items(raw, "districts"), "Kreis", file, "key")
    problems += duplicates(_items(raw, "districts"), "Kreis mit slug", file, "slug")
    if model is None or problems:  # the valid districts still let projects and offices be checked
        valid = valid_items(_items(raw, "districts"), District, context={"sources": sources})
        return {d.key: d for d in valid}, "", problems
    return {d.key: d for d in model.districts}, model.source, problems


def load_contacts(path: Path, sources, languages: list[str], today: dt.date | None = None
                  ) -> tuple[dict[str, Contact], list[Problem]]:
    raw, file = load_yaml(path), rel(path)
    model, problems = validate(raw, ContactsFile, file,
                               context={"sources": sources, "languages": languages, "today": today})
    raw = _items(raw, "contacts")
    problems += duplicates(raw, "Kontakt", file)
    if model is None or problems:  # the ids still count for references from projects and offices
        return {c["id"]: None for c in raw if isinstance(c, dict) and isinstance(c.get("id"), str)}, problems
    return {c.id: c for c in model.contacts}, problems


def load_projects(path: Path, sources, districts, contacts, languages: list[str],
                  today: dt.date | None = None) -> tuple[Directory | None, list[Problem]]:
    context = {"sources": sources, "districts": districts, "contacts": contacts or None, "languages": languages,
               "today": today}
    raw, file = load_yaml(path), rel(path)
    model, problems = validate(raw, ProjectsFile, file, context=context)
    problems += duplicates(_items(raw, "projects"), "Projekt", file)
    problems += _whole_file(_items(raw, "projects"), districts, file)
    if model is None or problems:
        return None, problems
    return Directory(model.current_phase, model.programme, districts, "", contacts,
                     {p.id: p for p in model.projects}), problems


def _whole_file(projects: list, districts: dict[str, District], file: str) -> list[Problem]:
    """Every district served by a regional project, exactly one coordination entry (on the raw list,
    so that they are reported in the same run as the field errors)."""
    entries = [p for p in projects if isinstance(p, dict)]
    served = {c.get("district") for p in entries if p.get("kind") == "regional"
              for c in (p.get("coverage") if isinstance(p.get("coverage"), list) else []) if isinstance(c, dict)}
    found = [("unserved", {"name": d.name, "key": key}) for key, d in districts.items() if key not in served]
    if sum(p.get("kind") == "coordination" for p in entries) != 1:
        found.append(("one_coordination", {}))
    return [Problem(file, "", "projects", *(t.format(**values) for t in MESSAGES[kind])) for kind, values in found]
