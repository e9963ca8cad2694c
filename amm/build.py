"""The data of one build: every data file loaded and checked in one go (all problems reported
together), and the BuildData that the hook files share while the build runs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from dataclasses import dataclass
from typing import Any, Callable, TypeVar

from amm.core import clock
from amm.core.errors import DataErrors, Problem
from amm.core.site import Site, SourcesFile, UiFile, UiTexts, load_site, load_sources, load_ui
from amm.directory.model import (ContactsFile, Directory, DistrictsFile, ProjectsFile, load_contacts, load_districts,
                                 load_projects)
from amm.directory.exports import OfficesExport, ProjectsExport
from amm.directory.offices import Offices, OfficesFile, load_offices
from amm.legal.changes import Changes, load_changes
from amm.legal.rules import Rules, load_rules
from amm.notes.model import Notes, load_notes
from amm.places.index import Places, load_places
from amm.recognition.model import Recognition, load_recognition
from amm.texts.glossary import Glossary, load_glossary

T = TypeVar("T")


@dataclass(frozen=True)
class DataFile:
    """One data file: where it is, the model that declares its fields (once) and the file name of
    the editors' JSON Schema generated from it (schemas/, named in the file's first line)."""

    path: str          # relative to the project; a glob where several files share a model
    schema: str        # file name in schemas/
    model: Any         # the Model class (or type) that declares the fields; the schema is generated from it


#: Every data file (scripts/write_schemas.py, tests/test_robustness.py). load_all below reads them in
#: the order their references need (sources first, districts before projects and offices).
DATA_FILES: list[DataFile] = [
    DataFile("data/sources.yaml", "sources.schema.json", SourcesFile),
    DataFile("data/site.yaml", "site.schema.json", Site),
    DataFile("data/districts.yaml", "districts.schema.json", DistrictsFile),
    DataFile("data/contacts.yaml", "contacts.schema.json", ContactsFile),
    DataFile("data/projects.yaml", "projects-data.schema.json", ProjectsFile),
    DataFile("data/offices.yaml", "offices.schema.json", OfficesFile),
    DataFile("data/ui*.yaml", "ui.schema.json", UiFile),
    DataFile("data/legal_rules.yaml", "legal-rules.schema.json", Rules),
    DataFile("data/recognition.yaml", "recognition.schema.json", Recognition),
    DataFile("data/practice_notes.yaml", "practice-notes.schema.json", Notes),
    DataFile("data/legal_changes.yaml", "legal-changes.schema.json", Changes),
    DataFile("data/glossary.yaml", "glossary.schema.json", Glossary),
]

#: Public exports whose schema is generated from their model (title = what the schema says it is).
EXPORTS: list[DataFile] = [
    DataFile("Arbeitsmarktmentoren Sachsen – projects", "projects.schema.json", ProjectsExport),
    DataFile("Arbeitsmarktmentoren Sachsen: Ämter und Beratungsstellen je Kreis", "offices-export.schema.json",
             OfficesExport),
]


@dataclass
class BuildData:
    site: Site
    ui: UiTexts
    languages: list[str]
    default_language: str
    directory: Directory
    places: Places
    rules: Rules
    recognition: Recognition | None = None
    notes: Notes | None = None
    changes: Changes | None = None
    offices: Offices | None = None
    glossary: Glossary | None = None


_current: BuildData | None = None


def set_current(data: BuildData) -> None:
    global _current
    _current = data


def current() -> BuildData:
    if _current is None:
        raise RuntimeError("site data not loaded: hooks/site_data.py must run first")
    return _current


def load_all(root: Path, languages: list[str], default_language: str, *,
             today: dt.date | None = None) -> BuildData:
    """Every data file under root/data, validated; raises DataErrors listing every problem."""
    data = root / "data"
    problems: list[Problem] = []
    today = today or clock.today()  # an unreadable AMM_TODAY is one problem, reported here

    def guarded(load: Callable[..., tuple], *args, **kwargs):
        # A file that cannot be read at all (syntax, encoding) ends its own checks, not the run.
        try:
            *result, found = load(*args, **kwargs)
        except DataErrors as exc:
            problems.extend(exc.problems)
            return None
        problems.extend(found)
        return result[0] if len(result) == 1 else tuple(result)

    sources = guarded(load_sources, data / "sources.yaml", today=today) or {}
    site = guarded(load_site, data / "site.yaml", sources, today=today)
    ui = guarded(load_ui, sorted(data.glob("ui*.yaml")), languages)
    loaded = guarded(load_districts, data / "districts.yaml", sources)
    districts, district_source = loaded if loaded else ({}, "")
    contacts = guarded(load_contacts, data / "contacts.yaml", sources, languages, today) or {}
    directory = None
    if districts:
        directory = guarded(load_projects, data / "projects.yaml", sources, districts, contacts,
                            languages, today)
        if directory is not None:
            directory.district_source = district_source
    offices = None
    if districts:
        offices = guarded(load_offices, data / "offices.yaml", sources, districts, contacts, languages, today)
    if directory is not None:  # a project page must not overwrite a generated one
        taken = {"index", "datenstand", "aemter", "kontakte"}  # + kreis-…, zettel-…, anfrage-…
        problems.extend(
            Problem("data/projects.yaml", f"Projekt {pid}", "id",
                    f"„{pid}“ ist schon der Name einer erzeugten Seite (verzeichnis/{pid}/).",
                    f"'{pid}' is already the name of a generated page (verzeichnis/{pid}/).",
                    "Eine andere Kennung wählen; index, datenstand, aemter, kontakte, kreis-…, zettel-… "
                    "und anfrage-… sind vergeben.")
            for pid in directory.projects
            if pid in taken or pid.startswith(("kreis-", "zettel-", "anfrage-")))
    places = guarded(load_places, data / "places", districts) if districts else None
    docs = root / "docs"
    rules = None
    if sources:
        try:
            rules = load_rules(data / "legal_rules.yaml", languages, sources=sources, today=today,
                               docs=docs if docs.is_dir() else None)  # pages are checked where they exist
        except DataErrors as exc:
            problems.extend(exc.problems)
    recognition = guarded(load_recognition, data / "recognition.yaml", sources, languages, today=today)
    notes = guarded(load_notes, data / "practice_notes.yaml", sources=sources,
                    norms=rules.norms if rules is not None else None, languages=languages,
                    docs=docs if docs.is_dir() else None, today=today)
    changes = guarded(load_changes, data / "legal_changes.yaml", sources=sources,
                      norms=rules.norms if rules is not None else None, languages=languages,
                      docs=docs if docs.is_dir() else None, today=today)
    glossary = guarded(load_glossary, data / "glossary.yaml", languages, docs if docs.is_dir() else None,
                       norms=rules.norms if rules is not None else None)
    # A file that loaded without a problem but left a part of the model empty (e.g. `districts: []`)
    # must not reach the hooks as None.
    for value, file, what_de, what_en in (
            (site, "data/site.yaml", "die Angaben zur Website", "the site settings"),
            (ui, "data/ui*.yaml", "die Oberflächentexte", "the interface texts"),
            (districts, "data/districts.yaml", "die Kreise", "the districts"),
            (directory, "data/projects.yaml", "die Projekte", "the projects"),
            (places, "data/places/", "die Orte", "the places"),
            (rules, "data/legal_rules.yaml", "die Rechtsregeln", "the legal rules")):
        if not value and not problems:  # otherwise the problem that emptied it is reported
            problems.append(Problem(file, "", "", f"Die Datei enthält keine Einträge für {what_de}.",
                                    f"The file contains no entries for {what_en}.",
                                    "Den Inhalt aus der Versionsverwaltung (git) wiederherstellen."))
    if problems:
        raise DataErrors(problems)
    return BuildData(site, ui, languages, default_language, directory, places, rules, recognition, notes,
                     changes, offices, glossary)
