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
from typing import Any

from pydantic import RootModel

from markupsafe import escape

from amm.core.errors import DataErrors, Problem, rel
from amm.core.fields import Checker, PartialDate
from amm.core.yamlfile import load_yaml
from amm.core.model import I18nEach, validate

PLACEHOLDER = "ZU ERGÄNZEN"

#: languages written right to left (Material renders them with dir="rtl")
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "ckb"})

OPERATOR_FIELDS = ("name", "address", "responsible_person", "email", "hosting_provider",
                   "log_retention_days")
LINK_FIELDS = ("programme_website", "zefas_website")
FRESHNESS_FIELDS = ("contacts_months", "legal_months")


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    url: str
    date: PartialDate
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
    facts: dict[str, Fact]
    freshness: dict[str, int]
    sources: dict[str, Source] = field(default_factory=dict)
    placeholders: list[str] = field(default_factory=list)


def load_sources(path: Path, *, today: dt.date | None = None) -> tuple[dict[str, Source], list[Problem]]:
    """data/sources.yaml: id -> Source. Returns the sources and the problems found."""
    chk = Checker(path, today)
    data = chk.mapping(load_yaml(path), "")
    sources: dict[str, Source] = {}
    for sid, sdata in data.items():
        entry = f"{sid}"
        chk.ident(sid, entry)
        sdata = chk.mapping(sdata, entry)
        chk.unknown(sdata, ("title", "url", "date", "consulted"), entry)
        date = chk.date(sdata, "date", entry)
        sources[str(sid)] = Source(str(sid), chk.text(sdata, "title", entry), chk.url(sdata, "url", entry),
                                   date or PartialDate(1900), chk.flag(sdata, "consulted", entry))
    return sources, chk.problems


def load_site(path: Path, sources: dict[str, Source], *,
              today: dt.date | None = None) -> tuple[Site, list[Problem]]:
    """data/site.yaml, checked against the sources. Returns the site and the problems found."""
    chk = Checker(path, today)
    data = chk.mapping(load_yaml(path), "")
    chk.unknown(data, ("operator", "feedback_email", "links", "facts", "freshness"), "")

    op_data = chk.mapping(data.get("operator"), "operator", "operator")
    chk.unknown(op_data, OPERATOR_FIELDS, "operator")
    operator = {k: (chk.email if k == "email" else chk.text)(op_data, k, "operator", placeholder=PLACEHOLDER)
                for k in OPERATOR_FIELDS}
    feedback = chk.email(data, "feedback_email", "", placeholder=PLACEHOLDER)

    link_data = chk.mapping(data.get("links"), "links", "links")
    chk.unknown(link_data, LINK_FIELDS, "links")
    links = {k: chk.url(link_data, k, "links") for k in LINK_FIELDS}

    fresh_data = chk.mapping(data.get("freshness"), "freshness", "freshness")
    chk.unknown(fresh_data, FRESHNESS_FIELDS, "freshness")
    freshness = {}
    for key in FRESHNESS_FIELDS:
        value = fresh_data.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            chk.add("freshness", key, "Hier wird eine ganze Zahl von Monaten erwartet.",
                    "A whole number of months is expected.", "z. B. 12")
            value = 12
        freshness[key] = value

    facts: dict[str, Fact] = {}
    for fid, fdata in chk.mapping(data.get("facts"), "facts", "facts").items():
        entry = f"facts: {fid}"
        fdata = chk.mapping(fdata, entry)
        chk.unknown(fdata, ("value", "source"), entry)
        value = fdata.get("value")
        if isinstance(value, bool) or not isinstance(value, (int, str)) or value == "":
            chk.add(entry, "value", "Hier wird eine Zahl oder ein kurzer Text erwartet.",
                    "A number or a short text is expected.", "z. B. value: 1600")
            value = ""
        src = chk.text(fdata, "source", entry)
        chk.source(src, sources, entry, "source")
        facts[str(fid)] = Fact(str(fid), value, src)

    placeholders = [f"operator.{k}" for k, v in operator.items() if v == PLACEHOLDER]
    if feedback == PLACEHOLDER:
        placeholders.append("feedback_email")
    site = Site(operator, feedback, links, facts, freshness, sources, placeholders)
    return site, chk.problems


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
UiFile = RootModel[dict[str, I18nEach]]


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
                problems.append(Problem(file, str(key), "", f"Der Text „{key}“ ist schon in einer anderen ui-Datei.",
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
            add(lang, f"„{{{bad[0]}}}“ ist kein gültiger Platzhalter.", f"'{{{bad[0]}}}' is not a valid placeholder.",
                "Platzhalter bestehen aus Kleinbuchstaben und _, z. B. {district}.")
        elif german is not None and names != german:
            want = ", ".join("{" + n + "}" for n in sorted(german)) or "keine"
            unknown = ", ".join("{" + n + "}" for n in sorted(names - german)) or "–"
            add(lang, f"Unbekannter oder fehlender Platzhalter (unbekannt: {unknown}); die anderen Sprachen "
                f"verwenden: {want}.", f"Unknown or missing placeholder (unknown: {unknown}); the other "
                f"languages use: {want}.", "Die Platzhalter unverändert übernehmen, nur den Text drumherum übersetzen.")
    return problems


def raise_if(problems: list[Problem]) -> None:
    if problems:
        raise DataErrors(problems)
