"""Field checks shared by every data file. Each check records a Problem and returns a usable
value, so one run reports every mistake of every file at once."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Iterator
from typing import Any

from babel.dates import format_date, format_skeleton

from amm.core import clock
from amm.core.errors import Problem, rel
from amm.core.yamlfile import LineDict

EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")
URL_RE = re.compile(r"^https?://[^\s/$.?#<>\"'`\\][^\s<>\"'`\\]*$")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
POSTCODE_RE = re.compile(r"^[0-9]{5}$")
# Characters nobody sees but that change what people see: control characters (a carriage return
# would start a new vCard line), bidi overrides/isolates (reorder text, e.g. a phone number) and
# zero-width characters other than the joiners (ZWNJ/ZWJ) and direction marks (LRM/RLM) that
# Persian and Arabic text needs.
_INVISIBLE_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u202a-\u202e\u2060-\u2064"
                           "\u2066-\u2069\ufeff]")


def invisible(value: str, *, multiline: bool = False) -> str | None:
    """The first invisible or control character of a text as U+XXXX, or None."""
    found = _INVISIBLE_RE.search(value) or (None if multiline else re.search("[\n\t]", value))
    return f"U+{ord(found.group(0)):04X}" if found else None


def visible(value: str) -> str:
    """A value for a message: invisible characters shown as <U+XXXX>."""
    return re.sub("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]",
                  lambda m: f"<U+{ord(m.group(0)):04X}>", value)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date as precise as its source: a year, a month or a day."""

    year: int
    month: int = 0
    day: int = 0

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def iso(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}" if self.month else f"{self.year:04d}"

    def format(self, lang: str) -> str:
        if self.day:
            return format_date(self.first_day, format="long", locale=lang)
        if self.month:
            return format_skeleton("yMMMM", self.first_day, locale=lang)
        return str(self.year)


def parse_partial_date(value: Any) -> PartialDate | None:
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, int) and 1900 < value < 2200:
        return PartialDate(value)
    if isinstance(value, str):
        match = re.fullmatch(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?", value.strip())
        if match:
            year, month, day = (int(g) if g else 0 for g in match.groups())
            try:
                dt.date(year, month or 1, day or 1)
            except ValueError:
                return None
            return PartialDate(year, month, day)
    return None


def outside_docs(page: str) -> bool:
    """A page reference in data that does not name a file inside docs/ (absolute, ../, \\)."""
    return page.startswith(("/", "~")) or "\\" in page or ".." in page.split("/") or ":" in page


class Checker:
    """Collects problems for one data file."""

    def __init__(self, path: Path | str, today: dt.date | None = None):
        self.file = rel(path) if isinstance(path, Path) else path
        self.today = today or clock.today()
        self.problems: list[Problem] = []

    def add(self, entry: str, fld: str, de: str, en: str, fix: str = "", *, at: Any = None) -> None:
        """Record a problem; `at` is the mapping it was found in (for the line number)."""
        line = 0
        if isinstance(at, LineDict):
            line = at.line_of(fld.split(".")[0]) if fld else at.line
        self.problems.append(Problem(self.file, entry, fld, de, en, fix, line))

    def _add_at(self, data: dict, entry: str, fld: str, de: str, en: str, fix: str = "") -> None:
        self.add(entry, fld, de, en, fix, at=data)

    # --- shapes -----------------------------------------------------------------------
    def mapping(self, value: Any, entry: str, fld: str = "") -> dict:
        if isinstance(value, dict):
            return value
        if value is not None or fld:
            self.add(entry, fld, "Hier wird eine Liste von Feldern (Name: Wert) erwartet.",
                     "A mapping (name: value) is expected here.",
                     "Die Felder eingerückt unter diese Zeile schreiben, wie in den anderen Einträgen.")
        return {}

    def listing(self, value: Any, entry: str, fld: str) -> list:
        if value is None:
            return []
        if isinstance(value, list):
            return value
        self.add(entry, fld, "Hier wird eine Liste erwartet (Zeilen mit „- “).",
                 "A list is expected here (lines starting with '- ').",
                 "Jeden Wert in eine eigene Zeile mit „- “ davor schreiben, oder [] für keine.")
        return []

    def entries(self, value: Any, key: str, label: str, allowed: tuple[str, ...], *,
                numbered_by: str | None = None) -> Iterator[tuple[str, str, dict]]:
        """The entries of a list of mappings with ids (contacts, projects, notes, …): yields
        (id, entry name such as "Kontakt aul_dresden", mapping) after checking each is a mapping
        with a valid id and known fields; at the end, every id must be unique. Before its id is
        known an entry is named by its number, "contacts Nr. 3" (or `numbered_by` "Notiz Nr. 3")."""
        ids = []
        for number, item in enumerate(self.listing(value, "", key), start=1):
            where = f"{numbered_by or key} Nr. {number}"
            item = self.mapping(item, where, "" if numbered_by else key)
            ident = self.ident(item.get("id"), where)
            entry = f"{label} {ident}"
            self.unknown(item, allowed, entry)
            ids.append(ident)
            yield ident, entry, item
        self.unique(ids, label)

    def unknown(self, data: dict, allowed: tuple[str, ...], entry: str) -> None:
        for key in data:
            if key not in allowed:
                self._add_at(data, entry, str(key), f"Unbekanntes Feld „{key}“ (Tippfehler?).",
                         f"Unknown field '{key}' (typo?).",
                         "Erlaubt sind: " + ", ".join(allowed) + ".")

    # --- values -----------------------------------------------------------------------
    def text(self, data: dict, key: str, entry: str, *, required: bool = True,
             placeholder: str | None = None) -> str:
        value = data.get(key)
        if value is None or value == "":
            if required:
                self._add_at(data, entry, key, "Pflichtfeld fehlt oder ist leer.",
                         "Required field is missing or empty.",
                         f"Einen Wert eintragen{' oder ' + placeholder if placeholder else ''}.")
            return ""
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self._add_at(data, entry, key, "Hier wird ein Text erwartet.", "A text value is expected here.",
                     "Den Wert in Anführungszeichen setzen.")
            return ""
        return self._visible_text(data, entry, key, str(value).strip())

    def _visible_text(self, data: dict, entry: str, key: str, value: str, *, multiline: bool = False) -> str:
        if char := invisible(value, multiline=multiline):
            self._add_at(data, entry, key, f"Der Text enthält ein unsichtbares Steuerzeichen ({char}): "
                         f"„{visible(value)[:80]}“.", f"The text contains an invisible control character ({char}).",
                         "Den Text neu eintippen statt ihn zu kopieren (Zeilenumbrüche, Richtungs- und "
                         "Nullbreitenzeichen entfernen).")
            return _INVISIBLE_RE.sub("", value).replace("\n", " ").replace("\t", " ")
        return value

    def _matching(self, data: dict, key: str, entry: str, pattern: re.Pattern, de: str, en: str,
                  fix: str, *, required: bool = True, placeholder: str | None = None) -> str:
        """A text that must match `pattern` (the placeholder, where allowed, always passes)."""
        value = self.text(data, key, entry, required=required, placeholder=placeholder)
        if value and value != placeholder and not pattern.fullmatch(value):
            self._add_at(data, entry, key, f"„{visible(value)}“ {de}", f"'{visible(value)}' {en}", fix)
        return value

    def email(self, data: dict, key: str, entry: str, *, required: bool = True,
              placeholder: str | None = None) -> str:
        return self._matching(data, key, entry, EMAIL_RE, "ist keine gültige E-Mail-Adresse.",
                              "is not a valid e-mail address.",
                              "Schreibweise name@beispiel.de verwenden, ohne Leerzeichen.",
                              required=required, placeholder=placeholder)

    def url(self, data: dict, key: str, entry: str, *, required: bool = True) -> str:
        return self._matching(data, key, entry, URL_RE, "ist keine gültige Webadresse.", "is not a valid URL.",
                              "Die vollständige Adresse mit https:// am Anfang eintragen, ohne Leerzeichen.",
                              required=required)

    def ident(self, value: Any, entry: str, fld: str = "id") -> str:
        if not isinstance(value, str) or not ID_RE.fullmatch(value):
            self.add(entry, fld, f"„{visible(str(value))}“ ist als Kennung nicht erlaubt.",
                     f"'{visible(str(value))}' is not allowed as an id.",
                     "Nur Kleinbuchstaben, Ziffern, - und _ verwenden, z. B. landkreis-leipzig.")
            return str(value)
        return value

    def date(self, data: dict, key: str, entry: str, *, required: bool = True,
             exact: bool = False) -> PartialDate | None:
        value = data.get(key)
        if value is None and not required:
            return None
        parsed = parse_partial_date(value)
        if parsed is None or (exact and not parsed.day):
            self._add_at(data, entry, key, "Hier wird ein Datum erwartet." if value is not None
                     else "Pflichtfeld fehlt: Datum.",
                     "A date is expected here.",
                     "Als JJJJ-MM-TT schreiben, z. B. 2026-11-21"
                     + ("" if exact else " (oder nur JJJJ-MM bzw. JJJJ, wenn die Quelle nicht mehr zeigt)")
                     + ".")
            return None
        if parsed.first_day > self.today:
            self._add_at(data, entry, key, f"Das Datum {parsed.iso()} liegt in der Zukunft.",
                     f"The date {parsed.iso()} is in the future.",
                     "Das Datum eintragen, das die Quelle zeigt, oder den Tag der Prüfung.")
        return parsed

    def choice(self, data: dict, key: str, entry: str, options: tuple[str, ...]) -> str:
        value = data.get(key)
        if value not in options:
            self._add_at(data, entry, key, f"„{value}“ ist hier nicht erlaubt.", f"'{value}' is not allowed here.",
                     "Erlaubt sind: " + ", ".join(options) + ".")
            return options[0]
        return value

    def reference(self, value: str, known, entry: str, fld: str, what: str, file: str) -> None:
        if value and value not in known:
            self.add(entry, fld, f"„{value}“ gibt es in {file} nicht.",
                     f"There is no {what} '{value}' in {file}.",
                     f"Eine vorhandene Kennung aus {file} eintragen (oder den Eintrag dort anlegen).")

    def source(self, value: str, sources, entry: str, fld: str) -> None:
        """A reference into the one source registry, data/sources.yaml."""
        self.reference(value, sources, entry, fld, "source", "data/sources.yaml")

    def unique(self, ids: list[str], entry_label: str) -> None:
        seen: set[str] = set()
        for ident in ids:
            if ident in seen:
                self.add(f"{entry_label}: {ident}", "id", f"Die Kennung „{ident}“ kommt mehrfach vor.",
                         f"The id '{ident}' is used more than once.",
                         "Jeder Eintrag braucht eine eigene Kennung.")
            seen.add(ident)

    def i18n_text(self, data: dict, key: str, entry: str, languages: list[str], *,
                  required: bool = True) -> dict[str, str]:
        """A text for people: {de: ..., en: ...}; German required, only configured languages."""
        value = data.get(key)
        if value is None:
            if required:
                self._add_at(data, entry, key, "Pflichtfeld fehlt: Text mit deutscher Fassung (de).",
                         "Required field missing: a text with a German version (de).",
                         f"{key}:\n  de: …")
            return {}
        if isinstance(value, str):
            self._add_at(data, entry, key, "Der Text braucht die Angabe der Sprache.",
                     "The text needs its language.", f"{key}:\n  de: {value[:40]}…")
            return {}
        value = self.mapping(value, entry, key)
        texts = {}
        for lang, text in value.items():
            if lang not in languages:
                self._add_at(data, entry, f"{key}.{lang}", f"Die Sprache „{lang}“ ist nicht eingerichtet.",
                         f"Language '{lang}' is not configured.",
                         "Eingerichtet sind (mkdocs.yml): " + ", ".join(languages) + ".")
            elif not isinstance(text, str) or not text.strip():
                self._add_at(data, entry, f"{key}.{lang}", "Der Text ist leer.", "The text is empty.",
                         "Text eintragen oder die Zeile löschen.")
            else:
                texts[lang] = self._visible_text(value, entry, f"{key}.{lang}", text.strip(), multiline=True)
        if value and "de" not in texts:
            self._add_at(data, entry, f"{key}.de", "Die deutsche Fassung (de) fehlt; sie ist Pflicht.",
                     "The German version (de) is missing; it is required.", "Zeile „de: …“ ergänzen.")
        return texts
