"""What the directory pages, exports and the data-status page show, derived from the model.

Plain functions over amm.directory.Directory; no MkDocs, no HTML. Templates and exports call these,
so a rule such as "which contact is current" or "what counts as stale" lives in one place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from amm.directory import Contact, Directory, District, Project
from amm.validate import PartialDate


def months_old(day: PartialDate, today: dt.date) -> int:
    first = day.first_day
    return (today.year - first.year) * 12 + today.month - first.month - (today.day < first.day)


def is_stale(day: PartialDate, today: dt.date, limit_months: int) -> bool:
    return months_old(day, today) >= limit_months


def localized(text: dict, lang: str) -> tuple[str, str]:
    """The text in the page language, or the German text (and the language it is in)."""
    if lang in text:
        return text[lang], lang
    return text.get("de", ""), "de"


def project_label(directory: Directory, project: Project, ui: dict[str, str]) -> str:
    """The project's name, or a descriptive label where its name is not known."""
    if project.name:
        return project.name
    district = directory.districts[project.districts[0]]
    siblings = directory.for_district(district.key)
    if len(siblings) > 1:
        return ui["project_name_part"].format(district=district.name, n=siblings.index(project) + 1,
                                              total=len(siblings))
    return ui["project_name_unknown"].format(district=district.name)


def current_contacts(directory: Directory, project: Project) -> list[Contact]:
    return [directory.contacts[c] for c in project.contacts
            if directory.contacts[c].phase == directory.current_phase]


def needs_fallback_route(directory: Directory, project: Project) -> bool:
    """True where a visitor would otherwise have no current contact for this project."""
    return project.kind != "coordination" and not current_contacts(directory, project)


def districts_sorted(directory: Directory) -> list[District]:
    return sorted(directory.districts.values(), key=lambda d: (d.name.removeprefix("Landkreis "), d.kind))


def project_sources(project: Project, directory: Directory) -> list[str]:
    """Sources of the project page: the entry's own, then those of its contacts."""
    ids = project.source_ids()
    for cid in project.contacts:
        ids += directory.contacts[cid].sources
    return list(dict.fromkeys(ids))


@dataclass
class StatusRow:
    project: Project
    label: str
    missing: list[str]
    unconfirmed: list[str]
    stale: list[str]


def data_status(directory: Directory, ui_de: dict[str, str], languages: list[str], today: dt.date,
                limit_months: int) -> list[StatusRow]:
    """Per project: which fields are missing, unconfirmed or stale (the programme office's to-do list)."""
    rows = []
    for project in directory.projects.values():
        missing, unconfirmed, stale = [], [], []
        if not project.name:
            missing.append("Name des Projekts")
        if project.operator is None:
            missing.append("Träger")
        if project.website is None:
            missing.append("Website")
        contacts = [directory.contacts[c] for c in project.contacts]
        if not contacts:
            missing.append("Kontaktstelle (Adresse, Telefon, E-Mail)")
        for contact in contacts:
            for attr, label in (("phone", "Telefon"), ("email", "E-Mail"), ("opening_hours", "Öffnungszeiten"),
                                ("accessibility", "Barrierefreiheit vor Ort")):
                if not getattr(contact, attr):
                    missing.append(f"{label} ({contact.name})")
            if contact.phase != directory.current_phase:
                unconfirmed.append(f"Kontakt {contact.name}: nur für {contact.phase} belegt")
            if is_stale(contact.verified_on, today, limit_months):
                stale.append(f"Kontakt {contact.name}: zuletzt geprüft {contact.verified_on.iso()}")
        if project.kind == "regional" and not project.languages:
            missing.append("Sprachen in der Beratung")
        if project.status == "earlier_phase":
            unconfirmed.append(f"Status: nur für die Phase {project.status_phase} belegt, "
                               f"nicht für {directory.current_phase}")
        elif project.status == "unknown":
            unconfirmed.append("Status: kein Träger und kein Kontakt in den Quellen")
        for cov in project.coverage:
            if not cov.split_confirmed:
                unconfirmed.append("Aufteilung des Kreises zwischen mehreren Projekten nicht bestätigt")
        untranslated = [lang for lang in languages if lang not in project.description]
        if untranslated:
            missing.append("Beschreibung in: " + ", ".join(untranslated))
        if is_stale(project.verified_on, today, limit_months):
            stale.append(f"Eintrag zuletzt geprüft {project.verified_on.iso()}")
        rows.append(StatusRow(project, project_label(directory, project, ui_de), missing, unconfirmed, stale))
    return rows
