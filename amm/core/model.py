"""Data files as pydantic models (interim base written by pyd-kb against PYDANTIC.md; pyd-dir's
base replaces it).

A field is declared once, on its model; the JSON Schema for editors is generated from the model
(`json_schema`), and `load_model` turns every validation error into a Problem with file, line,
entry, field, German, English and the fix.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, ClassVar

from pydantic import (BaseModel, ConfigDict, PlainValidator, PrivateAttr, RootModel, ValidationError, ValidationInfo,
                      model_validator)
from pydantic import WithJsonSchema
from pydantic_core import InitErrorDetails, PydanticCustomError, core_schema

from amm.core import clock
from amm.core.errors import Problem, rel
from amm.core.fields import (EMAIL_RE, ID_RE, URL_RE, _INVISIBLE_RE, PartialDate, invisible, outside_docs,
                             parse_partial_date, visible)
from amm.core.yamlfile import LineDict, load_yaml

#: the languages the schemas list (set by json_schema from mkdocs.yml)
_SCHEMA_LANGUAGES: list[str] = ["de"]


def problem(de: str, en: str, fix: str = "", *, at: str = "") -> PydanticCustomError:
    """An editor's message raised from a validator; `at` names a part below the field (a language)."""
    return PydanticCustomError("amm", "amm", {"de": de, "en": en, "fix": fix, "at": at})


class Model(BaseModel):
    """A part of a data file: unknown fields refused, no lax coercion, read-only."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    #: how an editor finds an entry of this kind: "Kontakt" → "Kontakt aul_dresden"
    entry_label: ClassVar[str] = ""

    @classmethod
    def entry_name(cls, keys: tuple, raw: Any) -> str:
        ident = raw.get("id") if isinstance(raw, dict) else None
        if ident is not None:
            return f"{cls.entry_label} {visible(str(ident))}"
        last = keys[-1] if keys else ""
        return f"{cls.entry_label} Nr. {last + 1}" if isinstance(last, int) else f"{cls.entry_label} {last}"

    @classmethod
    def local_context(cls, raw: Any) -> dict:
        """Ids defined in the file itself that its references point to (checked in the same run)."""
        return {}

    @model_validator(mode="after")
    def _name_keyed(self):
        for name in type(self).model_fields:
            value = getattr(self, name)
            if isinstance(value, dict):
                for key, item in value.items():
                    if isinstance(item, Keyed):
                        item._id = key
        return self


class Keyed(Model):
    """An entry written as a value of a mapping whose key is its id (rows: {id: …})."""

    _id: str = PrivateAttr("")

    @property
    def id(self) -> str:
        return self._id


class Table(Model):
    """A model read like the mapping it replaces: texts["stand"], .items(), .get()."""

    def __getitem__(self, key: str) -> Any:
        if key not in type(self).model_fields:
            raise KeyError(key)
        return getattr(self, key)

    def get(self, key: str, default: Any = None) -> Any:
        return getattr(self, key) if key in type(self).model_fields else default

    def keys(self) -> list[str]:
        return list(type(self).model_fields)

    def values(self) -> list[Any]:
        return [getattr(self, k) for k in type(self).model_fields]

    def items(self) -> list[tuple[str, Any]]:
        return [(k, getattr(self, k)) for k in type(self).model_fields]


class at_least_one:
    """Metadata for a list that must not be empty, with this field's message (and minItems)."""

    def __init__(self, de: str, en: str, fix: str):
        self.message = (de, en, fix)

    def _check(self, value: list) -> list:
        if not value:
            raise problem(*self.message)
        return value

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        return core_schema.no_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> dict:
        return {**handler(schema), "minItems": 1}


def context(info: ValidationInfo) -> dict:
    return info.context or {}


# --- value types -----------------------------------------------------------------------------

def _schema(schema: dict) -> WithJsonSchema:
    return WithJsonSchema(schema)


def _text(value: Any, *, multiline: bool = False) -> str:
    if value is None or value == "":
        raise problem("Pflichtfeld fehlt oder ist leer.", "Required field is missing or empty.", "Einen Wert eintragen.")
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise problem("Hier wird ein Text erwartet.", "A text value is expected here.",
                      "Den Wert in Anführungszeichen setzen.")
    value = str(value).strip()
    if char := invisible(value, multiline=multiline):
        raise problem(f"Der Text enthält ein unsichtbares Steuerzeichen ({char}): „{visible(value)[:80]}“.",
                      f"The text contains an invisible control character ({char}).",
                      "Den Text neu eintippen statt ihn zu kopieren (Zeilenumbrüche, Richtungs- und "
                      "Nullbreitenzeichen entfernen).")
    return value


def _id(value: Any) -> str:
    if not isinstance(value, str) or not ID_RE.fullmatch(value):
        raise problem(f"„{visible(str(value))}“ ist als Kennung nicht erlaubt.",
                      f"'{visible(str(value))}' is not allowed as an id.",
                      "Nur Kleinbuchstaben, Ziffern, - und _ verwenden, z. B. landkreis-leipzig.")
    return value


def _matching(pattern, de: str, en: str, fix: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        value = _text(value)
        if not pattern.fullmatch(value):
            raise problem(f"„{visible(value)}“ {de}", f"'{visible(value)}' {en}", fix)
        return value
    return check


check_id = _id
Text = Annotated[str, PlainValidator(_text), _schema({"type": "string", "minLength": 1})]
MultilineText = Annotated[str, PlainValidator(lambda v: _text(v, multiline=True)),
                          _schema({"type": "string", "minLength": 1})]
Id = Annotated[str, PlainValidator(_id), _schema({"type": "string", "pattern": ID_RE.pattern})]
Url = Annotated[str, PlainValidator(_matching(
    URL_RE, "ist keine gültige Webadresse.", "is not a valid URL.",
    "Die vollständige Adresse mit https:// am Anfang eintragen, ohne Leerzeichen.")),
    _schema({"type": "string", "pattern": URL_RE.pattern})]
Email = Annotated[str, PlainValidator(_matching(
    EMAIL_RE, "ist keine gültige E-Mail-Adresse.", "is not a valid e-mail address.",
    "Schreibweise name@beispiel.de verwenden, ohne Leerzeichen.")),
    _schema({"type": "string", "pattern": EMAIL_RE.pattern})]


def _date(value: Any, info: ValidationInfo, *, exact: bool) -> PartialDate:
    parsed = parse_partial_date(value) if not isinstance(value, dt.datetime) else None
    if parsed is None or (exact and not parsed.day):
        raise problem("Hier wird ein Datum erwartet." if value is not None else "Pflichtfeld fehlt: Datum.",
                      "A date is expected here.",
                      "Als JJJJ-MM-TT schreiben, z. B. 2026-11-21"
                      + ("" if exact else " (oder nur JJJJ-MM bzw. JJJJ, wenn die Quelle nicht mehr zeigt)") + ".")
    today = context(info).get("today") or clock.today()
    if parsed.first_day > today:
        raise problem(f"Das Datum {parsed.iso()} liegt in der Zukunft.", f"The date {parsed.iso()} is in the future.",
                      "Das Datum eintragen, das die Quelle zeigt, oder den Tag der Prüfung.")
    return parsed


Day = Annotated[dt.date, PlainValidator(lambda v, info: _date(v, info, exact=True).first_day),
                _schema({"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "description": "JJJJ-MM-TT"})]
PartialDay = Annotated[PartialDate, PlainValidator(lambda v, info: _date(v, info, exact=False)),
                       _schema({"anyOf": [{"type": "string", "pattern": r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"},
                                          {"type": "integer"}],
                                "description": "JJJJ-MM-TT (or JJJJ-MM / JJJJ where the source shows no more)."})]


def _page(value: Any, info: ValidationInfo) -> str:
    page = _text(value)
    if not page.endswith(".md") or outside_docs(page):
        raise problem(f"„{page}“ ist keine Seite.", f"'{page}' is not a page.",
                      "Den Pfad einer Seite unter docs/ eintragen, z. B. recht/duldung.md.")
    docs = context(info).get("docs")
    if docs is not None and not (Path(docs) / page).is_file():
        raise problem(f"Die Seite docs/{page} gibt es nicht.", f"The page docs/{page} does not exist.",
                      "Den Pfad einer vorhandenen Seite unter docs/ eintragen, z. B. recht/duldung.md.")
    return page


#: a page under docs/ (checked to exist when the context names the docs folder)
Page = Annotated[str, PlainValidator(_page), _schema({"type": "string", "pattern": r"\.md$"})]


_TEXT_MARK = "x-amm-text"


class _Languages:
    """JSON Schema of a text per language, with the site's languages."""

    def __init__(self, every: bool):
        self.every = every

    def __get_pydantic_json_schema__(self, core_schema, handler) -> dict:
        return {_TEXT_MARK: "I18nAll" if self.every else "I18n"}  # a $ref, put in by json_schema

    @staticmethod
    def definitions(langs: list[str]) -> dict:
        def text(required: list[str], description: str) -> dict:
            return {"type": "object", "required": required, "additionalProperties": False,
                    "properties": {lang: {"type": "string", "minLength": 1} for lang in langs},
                    "description": description}
        return {"I18nAll": text(list(langs), "Text in every language of the site."),
                "I18n": text(["de"], "Text for people: German (de) required, other languages optional.")}


def _i18n(value: Any, info: ValidationInfo, *, every: bool, each: bool = False) -> dict[str, str]:
    """A text per language; every problem of it at once (each language its own error). `every`: all
    languages required, named in one message ("fehlt in: es, fa") or, with `each`, one per language."""
    languages = context(info).get("languages") or _SCHEMA_LANGUAGES
    if isinstance(value, str):
        raise problem("Der Text braucht die Angabe der Sprache.", "The text needs its language.",
                      f"de: {value[:40]}…")
    if not isinstance(value, dict):
        raise problem("Hier wird ein Text je Sprache erwartet (de:, en:, …).",
                      "A text per language is expected here (de:, en:, ...).",
                      "Darunter eingerückt eine Zeile je Sprache schreiben: " + ", ".join(languages) + ".")
    texts, errors = {}, []
    for lang, text in value.items():
        if lang not in languages:
            errors.append((lang, problem(f"Die Sprache „{lang}“ ist nicht eingerichtet.",
                                         f"Language '{lang}' is not configured.",
                                         "Eingerichtet sind (mkdocs.yml): " + ", ".join(languages) + ".")))
        elif not isinstance(text, str) or not text.strip():
            if not each:
                errors.append((lang, problem("Der Text ist leer.", "The text is empty.",
                                             "Text eintragen oder die Zeile löschen.")))
        else:
            try:
                texts[lang] = _text(text, multiline=True)
            except PydanticCustomError as exc:
                errors.append((lang, exc))
    missing = [lang for lang in languages if lang not in texts and lang not in dict(errors)]
    if every and each:
        errors += [(lang, problem(f"Der Text für die Sprache „{lang}“ fehlt.",
                                  f"The text for language '{lang}' is missing.",
                                  f"Eine Zeile „{lang}: …“ ergänzen.")) for lang in missing]
    elif every and missing:
        errors.append((None, problem("Der Text fehlt in: " + ", ".join(missing) + ".",
                                     "The text is missing in: " + ", ".join(missing) + ".",
                                     "Eine Zeile je Sprache eintragen (der Text erscheint in allen Sprachen).")))
    elif "de" in missing:
        errors.append(("de", problem("Die deutsche Fassung (de) fehlt; sie ist Pflicht.",
                                     "The German version (de) is missing; it is required.", "Zeile „de: …“ ergänzen.")))
    raise_all([((str(lang),) if lang is not None else (), err) for lang, err in errors], value)
    return texts


#: a text for people: German required, only the site's languages
I18n = Annotated[dict[str, str], PlainValidator(lambda v, info: _i18n(v, info, every=False)), _Languages(False)]
#: a text in every language of the site; each missing language is its own problem ("name.es")
I18nAll = Annotated[dict[str, str], PlainValidator(lambda v, info: _i18n(v, info, every=True, each=True)),
                    _Languages(True)]
#: a text in every language of the site; one problem names every missing language ("fehlt in: es, fa")
I18nComplete = Annotated[dict[str, str], PlainValidator(lambda v, info: _i18n(v, info, every=True)),
                         _Languages(True)]


def raise_all(errors: list[tuple[tuple, PydanticCustomError]], value: Any = None) -> None:
    """Raise every problem a validator found, each at its place below the value (loc)."""
    if errors:
        raise ValidationError.from_exception_data("amm", [InitErrorDetails(type=err, loc=loc, input=value)
                                                          for loc, err in errors])


def Ref(name: str, file: str = "data/sources.yaml", what: str = "source") -> Any:
    """An id that must be a key of context[name] (not checked while context[name] is None)."""

    def check(value: Any, info: ValidationInfo) -> str:
        value = _id(value)
        known = context(info).get(name)
        if known is not None and value not in known:
            raise problem(f"„{value}“ gibt es in {file} nicht.", f"There is no {what} '{value}' in {file}.",
                          f"Eine vorhandene Kennung aus {file} eintragen (oder den Eintrag dort anlegen).")
        return value

    return Annotated[str, PlainValidator(check), _schema({"type": "string", "pattern": ID_RE.pattern})]


#: how sure a statement is: confirmed (a primary source or two expert sources), reported (one
#: secondary source), unconfirmed (not verified for the current date)
LABELS = ("confirmed", "reported", "unconfirmed")


def _label(value: Any) -> str:
    if value not in LABELS:
        raise problem(f"„{visible(str(value))}“ ist keine erlaubte Einstufung.", f"'{visible(str(value))}' is not a valid label.",
                      "confirmed (Primärquelle oder zwei Fachquellen), reported (eine Quelle) oder "
                      "unconfirmed (nicht bestätigt) schreiben.")
    return value


Label = Annotated[str, PlainValidator(_label), _schema({"enum": list(LABELS)})]
SourceRef = Ref("sources")
NormRef = Ref("norms", "data/legal_rules.yaml (norms)", "norm")


# --- loading ---------------------------------------------------------------------------------

_EXPECT_MAPPING = ("Hier wird eine Liste von Feldern (Name: Wert) erwartet.", "A mapping (name: value) is expected here.",
                   "Die Felder eingerückt unter diese Zeile schreiben, wie in den anderen Einträgen.")
_EXPECT_LIST = ("Hier wird eine Liste erwartet (Zeilen mit „- “).", "A list is expected here (lines starting with '- ').",
                "Jeden Wert in eine eigene Zeile mit „- “ davor schreiben, oder [] für keine.")
MESSAGES: dict[str, tuple[str, str, str]] = {
    "missing": ("Pflichtfeld fehlt oder ist leer.", "Required field is missing or empty.", "Einen Wert eintragen."),
    "string_type": ("Hier wird ein Text erwartet.", "A text value is expected here.",
                    "Den Wert in Anführungszeichen setzen."),
    "bool_type": ("Hier wird true oder false erwartet.", "true or false expected.",
                  "true oder false schreiben (ohne Anführungszeichen)."),
    "int_type": ("Hier wird eine ganze Zahl erwartet.", "A whole number is expected.", "z. B. 12"),
    "list_type": _EXPECT_LIST, "tuple_type": _EXPECT_LIST,
    "dict_type": _EXPECT_MAPPING, "model_type": _EXPECT_MAPPING, "model_attributes_type": _EXPECT_MAPPING,
}


def _unwrap(tp: Any) -> Any:
    while True:
        origin = typing.get_origin(tp)
        if origin is Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            tp = args[0] if len(args) == 1 else tp
            if len(args) != 1:
                return tp
        else:
            return tp


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _step(tp: Any, key: Any) -> Any:
    """The type one step down a loc."""
    tp = _unwrap(tp)
    if _is_model(tp):
        if issubclass(tp, RootModel):
            return _step(tp.model_fields["root"].annotation, key)
        for name, info in tp.model_fields.items():
            if key in (name, info.alias):
                return info.annotation
        return None
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is dict and args:
        return args[1]
    if origin in (list, tuple, set) and args:
        return args[0]
    return None


def _fields_of(tp: Any) -> list[str]:
    tp = _unwrap(tp)
    return [info.alias or name for name, info in tp.model_fields.items()] if _is_model(tp) else []


def problems_of(error: ValidationError, raw: Any, model: type, file: str) -> list[Problem]:
    found = []
    for err in error.errors(include_url=False):
        loc = tuple(err["loc"])
        tp, node = model, raw
        entry, start = "", 0
        line = getattr(raw, "line", 0)
        parent = model
        for depth, key in enumerate(loc):
            if key == "[key]":
                continue
            parent = tp
            tp = _step(tp, key)
            if isinstance(node, dict) and key in node:
                if isinstance(node, LineDict):
                    line = node.line_of(key)
                node = node[key]
            elif isinstance(node, list) and isinstance(key, int) and key < len(node):
                node = node[key]
                line = getattr(node, "line", line)
            else:  # a missing field: the line where its mapping starts
                line = getattr(node, "line", line)
                node = None
            inner = _unwrap(tp)
            if _is_model(inner) and inner.entry_label:
                entry, start = inner.entry_name(loc[:depth + 1], node), depth + 1
        kind, ctx = err["type"], err.get("ctx") or {}
        field = ".".join(str(k) for k in loc[start:] if isinstance(k, str) and k != "[key]")
        if kind == "amm":
            de, en, fix = ctx["de"], ctx["en"], ctx["fix"]
            if ctx.get("at"):
                field = f"{field}.{ctx['at']}" if field else ctx["at"]
        elif kind == "extra_forbidden":
            key = loc[-1]
            de, en = f"Unbekanntes Feld „{key}“ (Tippfehler?).", f"Unknown field '{key}' (typo?)."
            fix = "Erlaubt sind: " + ", ".join(_fields_of(parent)) + "."
        elif kind == "literal_error":
            value = visible(str(err.get("input")))
            de, en = f"„{value}“ ist hier nicht erlaubt.", f"'{value}' is not allowed here."
            fix = "Erlaubt sind: " + ctx.get("expected", "").replace("'", "").replace(" or ", ", ") + "."
        else:
            de, en, fix = MESSAGES.get(kind, (f"Der Wert ist hier nicht erlaubt ({kind}).",
                                              f"The value is not allowed here ({kind}).", "Den Wert prüfen."))
        found.append(Problem(file, entry, field, de, en, fix, line))
    return found


def validate(raw: Any, model: type, *, context: dict, file: str) -> tuple[Any, list[Problem]]:
    """Validate data already read (with line numbers); every problem of the file at once."""
    inner = _unwrap(model)
    context = {**context, **(inner.local_context(raw) if hasattr(inner, "local_context") else {})}
    try:
        return model.model_validate(raw, context=context), []
    except ValidationError as exc:
        return None, problems_of(exc, raw, model, file)


def load_model(path: Path, model: type, *, context: dict) -> tuple[Any, list[Problem]]:
    """Read a data file (amm.core.yamlfile: every reading problem is a DataErrors) and validate it."""
    return validate(load_yaml(path), model, context=context, file=rel(path))


def json_schema(model: type, languages: list[str], title: str) -> dict:
    """The editors' JSON Schema of a data file, with the site's languages."""
    global _SCHEMA_LANGUAGES
    before, _SCHEMA_LANGUAGES = _SCHEMA_LANGUAGES, list(languages)
    try:
        schema = model.model_json_schema()
    finally:
        _SCHEMA_LANGUAGES = before
    used: set[str] = set()

    def refs(node: Any) -> Any:
        if isinstance(node, dict):
            if _TEXT_MARK in node:
                used.add(node[_TEXT_MARK])
                return {"$ref": f"#/$defs/{node[_TEXT_MARK]}", **{k: v for k, v in node.items() if k != _TEXT_MARK}}
            return {k: refs(v) for k, v in node.items()}
        return [refs(v) for v in node] if isinstance(node, list) else node

    schema = refs(schema)
    schema["$defs"] = {**schema.get("$defs", {}),
                       **{name: text for name, text in _Languages.definitions(languages).items() if name in used}}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "title": title}


def duplicates(raw_items: Any, label: str, file: str) -> list[Problem]:
    """Ids used twice in a list of entries (a check of its own, with the entry's line)."""
    seen: set = set()
    found = []
    for item in raw_items if isinstance(raw_items, list) else []:
        ident = item.get("id") if isinstance(item, dict) else None
        if ident is None:
            continue
        if ident in seen:
            found.append(Problem(file, f"{label}: {ident}", "id", f"Die Kennung „{ident}“ kommt mehrfach vor.",
                                 f"The id '{ident}' is used more than once.",
                                 "Jeder Eintrag braucht eine eigene Kennung.", getattr(item, "line", 0)))
        seen.add(ident)
    return found
