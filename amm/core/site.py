"""The site data (data/site.yaml), the sources (data/sources.yaml) and the interface texts
(data/ui.yaml, data/ui_*.yaml) as a validated, typed model.

Placeholders: a value written exactly as PLACEHOLDER is known to be missing. It renders as a
visible "to be completed by the operator" notice and produces a build warning, never an error.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from markupsafe import escape
from pydantic import Field, PlainValidator, PrivateAttr, RootModel, WithJsonSchema

from amm.core import clock
from amm.core.errors import DataErrors, Problem, rel
from amm.core.fields import EMAIL_RE, PartialDate
from amm.core.model import (Frozen, I18nEach, Id, Model, PartialDay, Ref, Table, Text, Url, at_least_one, fail,
                            load_model, matching, validate)
from amm.core.yamlfile import load_yaml

PLACEHOLDER = "ZU ERGÄNZEN"

#: languages written right to left (Material renders them with dir="rtl")
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "ckb"})


class Source(Frozen):
    """One entry of data/sources.yaml (its id is the key it is written under)."""

    title: Text
    url: Url
    date: PartialDay
    consulted: bool = False
    _id: str = PrivateAttr("")

    @property
    def id(self) -> str:
        return self._id


class SourcesFile(RootModel[dict[Id, Source]]):
    pass


def newest(sources: dict[str, Source], ids) -> PartialDate | None:
    """The newest date among the sources behind a statement (shown with reported/unconfirmed labels)."""
    dates = [sources[s].date for s in ids if s in sources]
    return max(dates) if dates else None


def _email_or_placeholder(value: Any) -> str:
    if value == PLACEHOLDER:
        return value
    return matching(EMAIL_RE, "email")(value)


#: an e-mail address, or ZU ERGÄNZEN while it is not known
PlaceholderEmail = Annotated[str, PlainValidator(_email_or_placeholder), WithJsonSchema(
    {"anyOf": [{"const": PLACEHOLDER}, {"type": "string", "pattern": EMAIL_RE.pattern}]})]


def _fact_value(value: Any) -> int | str:
    if isinstance(value, bool) or not isinstance(value, (int, str)) or value == "":
        fail("fact_value")
    return value


class Fields(Table, Frozen):
    """A group of named values, read like a mapping: site.links["zefas_website"]."""


class Operator(Fields):
    """Who publishes the website (Impressum, Datenschutz); each value may be ZU ERGÄNZEN."""

    name: Text
    address: Text
    responsible_person: Text
    email: PlaceholderEmail
    hosting_provider: Text
    log_retention_days: Text


class Links(Fields):
    programme_website: Url
    zefas_website: Url


class Freshness(Fields):
    """After how many months a checked date is old (contacts and projects; legal pages)."""

    contacts_months: Annotated[int, Field(ge=1)]
    legal_months: Annotated[int, Field(ge=1)]


class Fact(Frozen):
    value: Annotated[int | str, PlainValidator(_fact_value), WithJsonSchema({"type": ["string", "integer"], "minLength": 1})]
    source: Ref("sources")


class Site(Model):
    """data/site.yaml."""

    operator: Operator
    feedback_email: PlaceholderEmail
    links: Links
    facts: dict[Id, Fact]
    freshness: Freshness
    _sources: dict[str, Source] = PrivateAttr(default_factory=dict)

    @property
    def sources(self) -> dict[str, Source]:
        return self._sources

    @property
    def placeholders(self) -> list[str]:
        """The values still written as ZU ERGÄNZEN (the build warns about each)."""
        names = [f"operator.{k}" for k in self.operator.keys() if self.operator[k] == PLACEHOLDER]
        return names + (["feedback_email"] if self.feedback_email == PLACEHOLDER else [])


def load_sources(path: Path, *, today: dt.date | None = None) -> tuple[dict[str, Source], list[Problem]]:
    """data/sources.yaml: id -> Source. Returns the sources and the problems found; while the file has
    problems, the ids it names still count (as empty sources), so references to them are not reported too."""
    raw = load_yaml(path)
    model, problems = validate(raw, SourcesFile, rel(path), context={"today": today or clock.today()})
    if model is not None:
        sources = dict(model.root)
    else:
        sources = {str(sid): _valid_or_empty(item) for sid, item in (raw.items() if isinstance(raw, dict) else ())}
    for sid, source in sources.items():
        source._id = sid
    return sources, problems


def _valid_or_empty(item: Any) -> Source:
    found, _ = validate(item, Source, "", context={})
    return found or Source.model_construct(title="", url="", date=PartialDate(1900), consulted=False)


def load_site(path: Path, sources: dict[str, Source], *,
              today: dt.date | None = None) -> tuple[Site | None, list[Problem]]:
    """data/site.yaml, checked against the sources. Returns the site and the problems found."""
    site, problems = load_model(path, Site, context={"sources": sources, "today": today})
    if site is not None:
        site._sources = sources
    return site, problems


_FIELD_RE = re.compile(r"^[a-z_][a-z0-9_]*$")


class UiText(str):
    """An interface text that knows where it comes from: `.format(...)` with a placeholder the site
    does not fill, or a stray brace, becomes an editor's message instead of a traceback."""

    def __new__(cls, value: str, key: str, lang: str, file: str):
        text = super().__new__(cls, value)
        text.where = (key, lang, file)
        return text

    def format(self, *args, **kwargs) -> str:
        key, lang, file = self.where
        try:
            return str.format(self, *args, **kwargs)
        except (KeyError, IndexError, ValueError, AttributeError) as exc:
            allowed = ", ".join("{" + k + "}" for k in sorted(kwargs)) or "keine"
            raise DataErrors([Problem(
                file, key, lang, f"Der Text enthält einen Platzhalter, den die Website nicht füllt ({exc}).",
                f"The text contains a placeholder the site does not fill ({exc}).",
                f"Erlaubt sind hier: {allowed}. Eine geschweifte Klammer als Zeichen schreibt man {{{{ bzw. }}}}.")]) \
                from None


class UiLanguage(dict):
    """The interface texts of one language; a key that is not there is an editor's message."""

    def __missing__(self, key: str):
        raise DataErrors([Problem(
            "data/ui*.yaml", str(key), "", f"Der Oberflächentext „{key}“ fehlt.",
            f"The interface text '{key}' is missing.",
            f"Den Eintrag {key} mit allen Sprachen wiederherstellen (git log -p data/ui*.yaml).")])


@dataclass
class UiTexts:
    """Interface texts per language: texts[key][lang]."""

    texts: dict[str, dict[str, str]]
    files: dict[str, str] = field(default_factory=dict)

    def get(self, key: str, lang: str) -> str:
        return self.for_language(lang)[key]

    def for_language(self, lang: str) -> dict[str, str]:
        cache = self.__dict__.setdefault("_by_language", {})
        if lang not in cache:
            cache[lang] = UiLanguage({key: UiText(per_lang[lang], key, lang, self.files.get(key, "data/ui*.yaml"))
                                      for key, per_lang in self.texts.items() if lang in per_lang})
        return cache[lang]

    def escaped(self, lang: str) -> dict[str, str]:
        """The texts of one language as escaped HTML, for templates that do not escape (MkDocs'
        theme environment: overrides/*.html)."""
        cache = self.__dict__.setdefault("_escaped", {})
        if lang not in cache:
            cache[lang] = UiLanguage({key: escape(text) for key, text in self.for_language(lang).items()})
        return cache[lang]


def _placeholders(text: str) -> set[str] | None:
    """The {names} of a text, or None if its braces are broken (a stray { or })."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return None


#: one data/ui*.yaml file: interface text name → text in every language
UiFile = RootModel[Annotated[dict[str, I18nEach], at_least_one(
    "Die Datei enthält keine Texte.", "The file contains no texts.",
    "Den Inhalt aus der Versionsverwaltung (git) wiederherstellen.")]]


def load_ui(paths: list[Path] | Path, languages: list[str]) -> tuple[UiTexts, list[Problem]]:
    """data/ui.yaml and data/ui_*.yaml; every key needs a text in every configured language (UiFile),
    with the same {placeholders} as most languages (a pass of its own over the texts, same run)."""
    texts: dict[str, dict[str, str]] = {}
    files: dict[str, str] = {}
    problems: list[Problem] = []
    for path in [paths] if isinstance(paths, Path) else paths:
        raw, file = load_yaml(path), rel(path)
        model, found = validate(raw, UiFile, file, context={"languages": languages})
        for p in found:  # the entry is the text's name, the field its language
            key, _, lang = p.field.partition(".")
            problems.append(dataclasses.replace(p, entry=p.entry or key, field=lang))
        data = raw if isinstance(raw, dict) else {}
        for key, per_lang in data.items():
            if key in texts:
                problems.append(Problem(file, str(key), "",
                                        f"Der Text „{key}“ ist schon in einer anderen ui-Datei.",
                                        f"The text '{key}' already exists in another ui file.",
                                        "Einen anderen Namen wählen.", data.line_of(key)))
            per_lang = per_lang if isinstance(per_lang, dict) else {}
            problems += _placeholder_problems(file, str(key), per_lang, languages)
            texts[str(key)] = {k: str(v) for k, v in per_lang.items()}
            files[str(key)] = file
    return UiTexts(texts, files), problems


def _placeholder_problems(file: str, key: str, per_lang: dict, languages: list[str]) -> list[Problem]:
    """The {placeholders} of every language are those most languages agree on (the site fills
    exactly those); German wins a tie."""
    found = [frozenset(n) for lang in languages if isinstance(per_lang.get(lang), str)
             and (n := _placeholders(per_lang[lang])) is not None]
    german = max(found, key=found.count) if found else None
    problems = []

    def add(lang: str, de: str, en: str, fix: str) -> None:
        problems.append(Problem(file, key, lang, de, en, fix, per_lang.line_of(lang)))

    for lang in languages:
        value = per_lang.get(lang)
        if not isinstance(value, str) or not value.strip():
            continue  # UiText names it
        names = _placeholders(value)
        if names is None:
            add(lang, "Eine geschweifte Klammer { oder } steht allein.", "A curly brace { or } stands alone.",
                "Platzhalter vollständig schreiben, z. B. {district}; eine Klammer als Zeichen "
                "schreibt man {{ bzw. }}.")
        elif bad := sorted(n for n in names if not _FIELD_RE.match(n)):
            add(lang, f"„{{{bad[0]}}}“ ist kein gültiger Platzhalter.",
                f"'{{{bad[0]}}}' is not a valid placeholder.",
                "Platzhalter bestehen aus Kleinbuchstaben und _, z. B. {district}.")
        elif german is not None and names != german:
            want = ", ".join("{" + n + "}" for n in sorted(german)) or "keine"
            unknown = ", ".join("{" + n + "}" for n in sorted(names - german)) or "–"
            add(lang, f"Unbekannter oder fehlender Platzhalter (unbekannt: {unknown}); die anderen Sprachen "
                f"verwenden: {want}.", f"Unknown or missing placeholder (unknown: {unknown}); the other "
                f"languages use: {want}.",
                "Die Platzhalter unverändert übernehmen, nur den Text drumherum übersetzen.")
    return problems


def raise_if(problems: list[Problem]) -> None:
    if problems:
        raise DataErrors(problems)
