"""What the directory pages, exports and the data-status page show, derived from the model.

Plain functions over amm.directory.model.Directory; no MkDocs, no HTML. Templates and exports call these,
so a rule such as "which contact is current" or "what counts as stale" lives in one place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote

from amm.core.fields import PartialDate
from amm.core.markers import pick
from amm.directory.model import Contact, Directory, District, Project


def months_old(day: PartialDate, today: dt.date) -> int:
    first = day.first_day
    return (today.year - first.year) * 12 + today.month - first.month - (today.day < first.day)


def is_stale(day: PartialDate, today: dt.date, limit_months: int) -> bool:
    return months_old(day, today) >= limit_months


def localized(text: dict, lang: str) -> tuple[str, str]:
    """The text in the page language, or the German text (and the language it is in)."""
    shown = pick(text, lang)
    return shown["text"], shown["lang"]


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
class Ask:
    """One field the programme office asks the coordination to fill in or confirm.

    file/entry/field say exactly where the answer goes in the data; current is the value now
    published (empty where nothing is known), so a reply maps onto one field."""
    kind: str  # "missing" | "unconfirmed" | "stale"
    file: str
    entry: str
    field: str
    text: str
    current: str = ""


@dataclass
class StatusRow:
    project: Project
    label: str
    asks: list[Ask]

    def texts(self, kind: str) -> list[str]:
        return [a.text for a in self.asks if a.kind == kind]

    @property
    def missing(self) -> list[str]:
        return self.texts("missing")

    @property
    def unconfirmed(self) -> list[str]:
        return self.texts("unconfirmed")

    @property
    def stale(self) -> list[str]:
        return self.texts("stale")


def contact_values(item) -> str:
    """A contact's or an office's published values in one line (for requests to confirm them)."""
    parts = []
    if item.address:
        a = item.address
        parts.append(f"{a.street}, {a.postcode + ' ' if a.postcode else ''}{a.city}")
    phone = getattr(item.phone, "number", item.phone)  # a contact's phone has a note, an office's is the number
    parts += [str(phone or ""), item.email, item.website]
    return "; ".join(p for p in parts if p)


def project_asks(directory: Directory, project: Project, languages: list[str], today: dt.date,
                 limit_months: int) -> list[Ask]:
    """What is missing, unconfirmed or stale for one project, each mapped onto one field of the data."""
    P, C = "data/projects.yaml", "data/contacts.yaml"
    pid = project.id
    asks = []
    if not project.name:
        asks.append(Ask("missing", P, pid, "name", "Name des Projekts"))
    if project.operator is None:
        asks.append(Ask("missing", P, pid, "operator", "Träger"))
    if project.website is None:
        asks.append(Ask("missing", P, pid, "website", "Website"))
    contacts = [directory.contacts[c] for c in project.contacts]
    if not contacts:
        asks.append(Ask("missing", C, "(neuer Kontakt)", "address, phone, email",
                        "Kontaktstelle (Adresse, Telefon, E-Mail)"))
    for contact in contacts:
        for attr, label in (("phone", "Telefon"), ("email", "E-Mail"), ("opening_hours", "Öffnungszeiten"),
                            ("accessibility", "Barrierefreiheit vor Ort")):
            if not getattr(contact, attr):
                asks.append(Ask("missing", C, contact.id, attr, f"{label} ({contact.name})"))
        if contact.phase != directory.current_phase:
            asks.append(Ask("unconfirmed", C, contact.id, "phase",
                            f"Kontakt {contact.name}: nur für {contact.phase} belegt", contact_values(contact)))
        if is_stale(contact.verified_on, today, limit_months):
            asks.append(Ask("stale", C, contact.id, "verified_on",
                            f"Kontakt {contact.name}: zuletzt geprüft {contact.verified_on.iso()}",
                            contact_values(contact)))
    if project.kind == "regional" and not project.languages:
        asks.append(Ask("missing", P, pid, "languages", "Sprachen in der Beratung"))
    operator = project.operator.name if project.operator else ""
    if project.status == "earlier_phase":
        asks.append(Ask("unconfirmed", P, pid, "status", f"Status: nur für die Phase {project.status_phase} belegt, "
                        f"nicht für {directory.current_phase}", operator))
    elif project.status == "unknown":
        asks.append(Ask("unconfirmed", P, pid, "status", "Status: kein Träger und kein Kontakt in den Quellen"))
    for cov in project.coverage:
        if not cov.split_confirmed:
            asks.append(Ask("unconfirmed", P, pid, f"coverage ({cov.district}).split_confirmed",
                            "Aufteilung des Kreises zwischen mehreren Projekten nicht bestätigt",
                            cov.part.get("de", "")))
    untranslated = [lang for lang in languages if lang not in project.description]
    if untranslated:
        asks.append(Ask("missing", P, pid, "description", "Beschreibung in: " + ", ".join(untranslated)))
    if is_stale(project.verified_on, today, limit_months):
        asks.append(Ask("stale", P, pid, "verified_on", f"Eintrag zuletzt geprüft {project.verified_on.iso()}"))
    return asks


def data_status(directory: Directory, ui_de: dict[str, str], languages: list[str], today: dt.date,
                limit_months: int) -> list[StatusRow]:
    """Per project: which fields are missing, unconfirmed or stale (the programme office's to-do list)."""
    return [StatusRow(p, project_label(directory, p, ui_de), project_asks(directory, p, languages, today, limit_months))
            for p in directory.projects.values()]


KIND_WORDS = {"missing": "fehlt", "unconfirmed": "bitte bestätigen", "stale": "bitte erneut prüfen"}


@dataclass
class Request:
    """A ready request to the programme coordination: a printable form and a pre-filled e-mail."""
    slug: str  # page name under verzeichnis/, e.g. anfrage-projekt-bautzen
    subject: str
    about: str  # what the request is about, e.g. "das Projekt im Landkreis Bautzen"
    asks: list[Ask]
    reply_to: str = ""  # where to send the answer; empty: to the sender of the e-mail

    def body(self) -> str:
        lines = ["Guten Tag,", "",
                 f"für das Verzeichnis der Arbeitsmarktmentoren Sachsen bitten wir um Angaben zu {self.about}. "
                 "Bitte schreiben Sie Ihre Antwort jeweils hinter „Antwort:“ und nennen Sie, woher sie stammt "
                 "(Website oder Schreiben, mit Datum). Jede Nummer entspricht einem Feld unserer Daten.", ""]
        for number, ask in enumerate(self.asks, start=1):
            lines.append(f"{number}. {ask.text} ({KIND_WORDS[ask.kind]})")
            if ask.current:
                lines.append(f"   Bisher: {ask.current}")
            lines.append(f"   Feld: {ask.file} › {ask.entry} › {ask.field}")
            lines.append("   Antwort: ")
            lines.append("")
        lines.append("Antwort bitte an: " + (self.reply_to or "die Absenderin oder den Absender dieser E-Mail") + ".")
        lines += ["", "Vielen Dank!"]
        return "\n".join(lines)

    def mailto(self, to: str = "") -> str:
        return f"mailto:{to}?subject={quote(self.subject)}&body={quote(self.body())}"
