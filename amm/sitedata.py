"""The site data (data/site.yaml) and interface texts (data/ui.yaml) as a validated, typed model.

Placeholders: a value written exactly as PLACEHOLDER is known to be missing. It renders as a
visible "to be completed by the operator" notice and produces a build warning, never an error.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from amm.errors import DataErrors, Problem, rel
from amm.yamlfile import load_yaml

PLACEHOLDER = "ZU ERGÄNZEN"

#: languages written right to left (Material renders them with dir="rtl")
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "ckb"})

EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")
URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9_]*$")

OPERATOR_FIELDS = ("name", "address", "responsible_person", "email", "hosting_provider",
                   "log_retention_days")
LINK_FIELDS = ("programme_website", "zefas_website")


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    url: str
    date: dt.date
    consulted: bool = False


@dataclass(frozen=True)
class Fact:
    id: str
    value: int | str
    source: str


@dataclass
class Site:
    operator: dict[str, str]
    feedback_email: str
    links: dict[str, str]
    sources: dict[str, Source]
    facts: dict[str, Fact]
    placeholders: list[str] = field(default_factory=list)

    def is_placeholder(self, value: Any) -> bool:
        return value == PLACEHOLDER


class _Checker:
    """Collects problems for one file."""

    def __init__(self, path: Path):
        self.file = rel(path)
        self.problems: list[Problem] = []

    def add(self, entry: str, fld: str, de: str, en: str, fix: str = "") -> None:
        self.problems.append(Problem(self.file, entry, fld, de, en, fix))

    def mapping(self, value: Any, entry: str, fld: str) -> dict:
        if isinstance(value, dict):
            return value
        self.add(entry, fld, "Hier wird eine Liste von Feldern (Name: Wert) erwartet.",
                 "A mapping (name: value) is expected here.",
                 "Die Felder eingerückt unter diese Zeile schreiben, wie im README gezeigt.")
        return {}

    def unknown(self, data: dict, allowed: tuple[str, ...], entry: str) -> None:
        for key in data:
            if key not in allowed:
                self.add(entry, str(key), f"Unbekanntes Feld „{key}“ (Tippfehler?).",
                         f"Unknown field '{key}' (typo?).",
                         "Erlaubt sind: " + ", ".join(allowed) + ".")

    def text(self, data: dict, key: str, entry: str, *, kind: str = "text",
             placeholder_ok: bool = False) -> str:
        if key not in data or data[key] is None or data[key] == "":
            self.add(entry, key, "Pflichtfeld fehlt oder ist leer.", "Required field is missing or empty.",
                     f"Einen Wert eintragen{' oder ' + PLACEHOLDER if placeholder_ok else ''}.")
            return ""
        value = data[key]
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            self.add(entry, key, "Hier wird ein Text erwartet.", "A text value is expected here.",
                     "Den Wert in Anführungszeichen setzen.")
            return ""
        value = str(value).strip()
        if placeholder_ok and value == PLACEHOLDER:
            return value
        if kind == "email" and not EMAIL_RE.match(value):
            self.add(entry, key, f"„{value}“ ist keine gültige E-Mail-Adresse.",
                     f"'{value}' is not a valid e-mail address.", "Schreibweise name@beispiel.de verwenden.")
        if kind == "url" and not URL_RE.match(value):
            self.add(entry, key, f"„{value}“ ist keine gültige Webadresse.",
                     f"'{value}' is not a valid URL.", "Mit https:// beginnen, ohne Leerzeichen.")
        return value


def _date(chk: _Checker, data: dict, key: str, entry: str, today: dt.date) -> dt.date:
    value = data.get(key)
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            pass
    if not isinstance(value, dt.date):
        chk.add(entry, key, "Hier wird ein Datum erwartet.", "A date is expected here.",
                "Als JJJJ-MM-TT schreiben, z. B. 2026-11-21.")
        return dt.date.min
    if value > today:
        chk.add(entry, key, f"Das Datum {value.isoformat()} liegt in der Zukunft.",
                f"The date {value.isoformat()} is in the future.",
                "Das Datum eintragen, das die Quelle zeigt, oder den Tag des Abrufs.")
    return value


def check_id(chk: _Checker, ident: Any, entry: str, example: str) -> None:
    if not ID_RE.match(str(ident)):
        chk.add(entry, "", "Die Kennung darf nur Kleinbuchstaben, Ziffern und _ enthalten.",
                "The id may contain only lower-case letters, digits and _.", f"z. B. {example}")


def load_sources(chk: _Checker, data: Any, today: dt.date, example: str) -> dict[str, Source]:
    """The `sources:` mapping of a data file: id -> title, url, date, consulted."""
    sources: dict[str, Source] = {}
    for sid, sdata in chk.mapping(data, "sources", "").items():
        entry = f"sources: {sid}"
        check_id(chk, sid, entry, example)
        sdata = chk.mapping(sdata, entry, "")
        chk.unknown(sdata, ("title", "url", "date", "consulted"), entry)
        consulted = sdata.get("consulted", False)
        if not isinstance(consulted, bool):
            chk.add(entry, "consulted", "Hier wird true oder false erwartet.", "true or false expected.",
                    "true schreiben, wenn die Quelle kein eigenes Datum zeigt.")
            consulted = False
        sources[str(sid)] = Source(str(sid), chk.text(sdata, "title", entry),
                                   chk.text(sdata, "url", entry, kind="url"),
                                   _date(chk, sdata, "date", entry, today), consulted)
    return sources


def load_site(path: Path, *, today: dt.date | None = None) -> Site:
    """Load and validate data/site.yaml; raise DataErrors listing every problem."""
    today = today or dt.date.today()
    chk = _Checker(path)
    data = chk.mapping(load_yaml(path), "", "")
    chk.unknown(data, ("operator", "feedback_email", "links", "sources", "facts"), "")

    op_data = chk.mapping(data.get("operator"), "operator", "")
    chk.unknown(op_data, OPERATOR_FIELDS, "operator")
    operator = {k: chk.text(op_data, k, "operator", placeholder_ok=True,
                            kind="email" if k == "email" else "text") for k in OPERATOR_FIELDS}
    feedback = chk.text(data, "feedback_email", "", kind="email", placeholder_ok=True)

    link_data = chk.mapping(data.get("links"), "links", "")
    chk.unknown(link_data, LINK_FIELDS, "links")
    links = {k: chk.text(link_data, k, "links", kind="url") for k in LINK_FIELDS}

    sources = load_sources(chk, data.get("sources"), today, "smwa_2025_11")

    facts: dict[str, Fact] = {}
    for fid, fdata in chk.mapping(data.get("facts"), "facts", "").items():
        entry = f"facts: {fid}"
        fdata = chk.mapping(fdata, entry, "")
        chk.unknown(fdata, ("value", "source"), entry)
        value = fdata.get("value")
        if isinstance(value, bool) or not isinstance(value, (int, str)) or value == "":
            chk.add(entry, "value", "Hier wird eine Zahl oder ein kurzer Text erwartet.",
                    "A number or a short text is expected.", "z. B. value: 1600")
            value = ""
        src = chk.text(fdata, "source", entry)
        if src and src not in sources:
            chk.add(entry, "source", f"Die Quelle „{src}“ gibt es unter sources nicht.",
                    f"There is no source '{src}' under sources.",
                    "Eine der Kennungen unter sources eintragen: " + ", ".join(sorted(sources)) + ".")
        facts[str(fid)] = Fact(str(fid), value, src)

    if chk.problems:
        raise DataErrors(chk.problems)
    placeholders = [f"operator.{k}" for k, v in operator.items() if v == PLACEHOLDER]
    if feedback == PLACEHOLDER:
        placeholders.append("feedback_email")
    return Site(operator, feedback, links, sources, facts, placeholders)


@dataclass
class UiTexts:
    """Interface texts per language: texts[key][lang]."""

    texts: dict[str, dict[str, str]]

    def get(self, key: str, lang: str) -> str:
        return self.texts[key][lang]

    def for_language(self, lang: str) -> dict[str, str]:
        return {key: per_lang[lang] for key, per_lang in self.texts.items()}


def load_ui(path: Path, languages: list[str]) -> UiTexts:
    """Load data/ui.yaml; every key needs a text in every configured language."""
    chk = _Checker(path)
    data = chk.mapping(load_yaml(path), "", "")
    texts: dict[str, dict[str, str]] = {}
    for key, per_lang in data.items():
        per_lang = chk.mapping(per_lang, str(key), "")
        for lang in per_lang:
            if lang not in languages:
                chk.add(str(key), str(lang), f"Die Sprache „{lang}“ ist nicht eingerichtet.",
                        f"Language '{lang}' is not configured.",
                        "Eingerichtet sind (mkdocs.yml): " + ", ".join(languages) + ".")
        for lang in languages:
            value = per_lang.get(lang)
            if not isinstance(value, str) or not value.strip():
                chk.add(str(key), lang, f"Der Text für die Sprache „{lang}“ fehlt.",
                        f"The text for language '{lang}' is missing.",
                        f"Unter {key} eine Zeile „{lang}: …“ ergänzen.")
        texts[str(key)] = {k: str(v) for k, v in per_lang.items()}
    if chk.problems:
        raise DataErrors(chk.problems)
    return UiTexts(texts)
