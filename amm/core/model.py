"""Data files as pydantic models: each field is declared once, in a model class; the loader, the
editors' JSON Schema (schemas/*.json) and the messages come from that one declaration.

- `Model`: the base of every data model (unknown fields refused, no lax coercion).
- Value types (`Id`, `Text`, `Url`, `Phone`, `Day`, `I18n`, `Ref("sources")`, …): each checks a
  value once, raises a `PydanticCustomError` of its own kind and carries its JSON Schema.
- `MESSAGES`: one table, error kind → German text, English text, fix (no Python reprs).
- `load_model(path, type, context=...)`: reads a YAML file (line numbers kept), validates it and
  turns every error into a `Problem` with file, line, entry and field. Every problem of a file
  comes in one run.
- `json_schema(type, languages, title)`: the editors' schema of a data file or export.

Cross-file references (`Ref`) are checked in the same run against the ids in `context`; duplicate
ids are a check of their own (`duplicates`), on the raw list, with the entry's line.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from pathlib import Path
from typing import Annotated, Any, ClassVar

import phonenumbers
import yaml
from pydantic import (BaseModel, ConfigDict, GetJsonSchemaHandler, PrivateAttr, TypeAdapter, ValidationError,
                      ValidationInfo, model_validator)
from pydantic.functional_validators import AfterValidator, PlainValidator
from pydantic.functional_serializers import PlainSerializer
from pydantic.json_schema import JsonSchemaValue, WithJsonSchema
from pydantic_core import InitErrorDetails, PydanticCustomError, core_schema

from amm.core.errors import DataErrors, Problem, rel
from amm.core.fields import (EMAIL_RE, ID_RE, POSTCODE_RE, URL_RE, PartialDate, invisible, outside_docs,
                             parse_partial_date, visible)
from amm.core.yamlfile import LineDict, load_yaml

DRAFT = "https://json-schema.org/draft/2020-12/schema"
PHASE_RE = re.compile(r"^(20[0-9]{2})-(20[0-9]{2})$")


class Model(BaseModel):
    """Base of every data model: unknown fields are refused, values are not coerced ("yes" is no
    bool, 1 no text); list items of a model with `entry_label` are named "<label> <id>" in messages."""

    model_config = ConfigDict(extra="forbid", strict=True, validate_by_name=True, validate_by_alias=True,
                              serialize_by_alias=True)
    entry_label: ClassVar[str] = ""   # e.g. "Kontakt": list items are called "Kontakt aul_dresden"
    entry_key: ClassVar[str] = "id"   # the field that names an entry
    entry_part: ClassVar[bool] = True  # False: a nested model of this kind is named in the field ("tags.topic")

    @model_validator(mode="wrap")
    @classmethod
    def _rules_despite_field_errors(cls, data: Any, handler: Any, info: ValidationInfo) -> Any:
        """Every problem of a run at once: pydantic skips a model's own rules (its after-validators)
        while one of its fields is invalid, so an editor would see a broken rule only after fixing
        the field. Here the rules also run on the fields that are valid; a rule about a field that
        is itself invalid says nothing (the field's own problem is reported)."""
        try:
            return handler(data)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            more = _rules_on_valid_fields(cls, data, errors, info)
            if not more:
                raise
            raise ValidationError.from_exception_data(cls.__name__, [_again(e) for e in errors] + more) from None


def _again(error: dict) -> InitErrorDetails:
    """An error of a caught ValidationError, to be raised again (type, place, value and context kept)."""
    return InitErrorDetails(type=PydanticCustomError(error["type"], error["type"], error.get("ctx") or {}),
                            loc=tuple(error["loc"]), input=error.get("input"))


class _InvalidField(Exception):
    pass


class _Invalid:
    """The value of an invalid field while the rules run. It counts as given (the field is there,
    only wrong: "is it filled in?" rules stay quiet); any other use of it ends the rule, which
    cannot be judged (the field's own problem is reported)."""

    def __bool__(self) -> bool:
        return True

    def _stop(self, *args: Any, **kwargs: Any) -> typing.NoReturn:
        raise _InvalidField

    __eq__ = __ne__ = __lt__ = __le__ = __gt__ = __ge__ = __hash__ = _stop
    __iter__ = __len__ = __contains__ = __getitem__ = __getattr__ = __str__ = __add__ = __radd__ = _stop


_INVALID = _Invalid()


def _rules_on_valid_fields(model: type[BaseModel], data: Any, errors: list[dict],
                           info: ValidationInfo) -> list[InitErrorDetails]:
    rules = [d.func for d in model.__pydantic_decorators__.model_validators.values() if d.info.mode == "after"]
    if not rules or not isinstance(data, dict) or any(not e["loc"] for e in errors):
        return []
    invalid = {str(e["loc"][0]) for e in errors}
    fields = {(f.alias or name): name for name, f in model.model_fields.items()}
    if any(key in invalid for key in (set(data) - set(fields))):   # unknown fields: names are unsure
        return []
    partial = model.model_construct(**{name: data[key] if key not in invalid else _INVALID
                                       for key, name in fields.items() if key in data or key in invalid})
    found = []
    for rule in rules:
        try:
            rule(partial, info) if rule.__code__.co_argcount > 1 else rule(partial)
        except ValidationError as broken:
            found += [_again(e) for e in broken.errors(include_url=False)
                      if not (e["loc"] and str(e["loc"][0]) in invalid)]
        except Exception:  # a rule that needs a value of an invalid field: that field's problem is reported
            continue
    return found


class Frozen(Model):
    model_config = ConfigDict(frozen=True)


def fail(kind: str, **ctx: Any) -> typing.NoReturn:
    """Raise the validation error `kind` (a key of MESSAGES) with the values its texts use."""
    raise PydanticCustomError(kind, kind, {k: _shown(v) for k, v in ctx.items()})


def _plain(value: Any) -> Any:
    """YAML's values without the line-keeping subclasses (for showing them)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value if value is None or isinstance(value, (str, int, float, bool)) else str(value)


def _shown(value: Any) -> str:
    if value is None:
        return "(leer)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):  # as the editor wrote it (YAML), not as Python prints it
        value = yaml.safe_dump(_plain(value), default_flow_style=True, allow_unicode=True, width=1000).strip()
    return visible(str(value))[:120]


def _ctx(info: Any) -> dict:
    return (getattr(info, "context", None) or {}) if info is not None else {}


def _schema(schema: dict) -> WithJsonSchema:
    return WithJsonSchema(schema)


# --- value types --------------------------------------------------------------------------------

def _text(value: Any, *, multiline: bool = False) -> str:
    if value is None:
        fail("missing")
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        fail("text_type")
    text = str(value).strip()
    if not text:
        fail("empty")
    if char := invisible(text, multiline=multiline):
        fail("invisible", char=char, value=text[:80])
    return text


def matching(pattern: re.Pattern, kind: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        text = _text(value)
        if not pattern.fullmatch(text):
            fail(kind, value=text)
        return text
    return check


def _id(value: Any) -> str:
    if not isinstance(value, str) or not ID_RE.fullmatch(value):
        fail("id", value=value)
    return value


ID_SCHEMA = {"type": "string", "pattern": ID_RE.pattern}

Id = Annotated[str, PlainValidator(_id), _schema(ID_SCHEMA)]
Text = Annotated[str, PlainValidator(_text), _schema({"type": ["string", "number"], "minLength": 1})]
MultilineText = Annotated[str, PlainValidator(lambda v: _text(v, multiline=True)),
                          _schema({"type": "string", "minLength": 1})]
Url = Annotated[str, PlainValidator(matching(URL_RE, "url")), _schema({"type": "string", "pattern": URL_RE.pattern})]
Email = Annotated[str, PlainValidator(matching(EMAIL_RE, "email")),
                  _schema({"type": "string", "pattern": EMAIL_RE.pattern})]
Postcode = Annotated[str, PlainValidator(matching(POSTCODE_RE, "postcode")),
                     _schema({"type": "string", "pattern": POSTCODE_RE.pattern})]


def _phase(value: Any) -> str:
    if value is None:
        fail("missing")
    match = PHASE_RE.match(str(value)) if isinstance(value, str) else None
    if not match or int(match.group(1)) >= int(match.group(2)):
        fail("phase", value=value)
    return value


Phase = Annotated[str, PlainValidator(_phase), _schema({"type": "string", "pattern": PHASE_RE.pattern})]


class PhoneNumber(str):
    """A valid phone number; str() is the form people read (national format, e.g. "0351 1234567"),
    `.e164` the form for tel: links and vCards (+493511234567)."""

    e164: str
    international: str

    def __new__(cls, parsed: phonenumbers.PhoneNumber, written: str = "") -> "PhoneNumber":
        national = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
        # DIN 5008 marks the extension with a hyphen ("03581 663-0": 0 is the switchboard); the
        # national format drops it, so keep the extension the editor marked that way.
        extension = re.fullmatch(r".*[0-9]\s*-\s*([0-9]{1,5})", written)
        if extension and national.endswith(extension.group(1)) and national[-len(extension.group(1)) - 1].isdigit():
            national = national[:-len(extension.group(1))] + "-" + extension.group(1)
        text = super().__new__(cls, national)
        text.e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
        text.international = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        return text


# What editors copy from German sites: "0351 1234567", "(0351) 123 45 67", "0351/1234-567",
# "+49 (0)351 1234567", "0049 351 1234567". A number must start with its area code (0…) or a
# country code (+…, 00…): "488-3371" alone would be read as area code 04883.
_PHONE_START = re.compile(r"^(?:\+|00|0|\(0)")
PHONE_HINT = r"^(?:\+|00|0|\(0)[0-9 ()/+-]{5,24}$"


def _phone(value: Any) -> PhoneNumber:
    text = _text(value)
    if not _PHONE_START.match(text) or not re.fullmatch(r"[0-9 ()/+.-]+", text):
        fail("phone", value=text)
    try:
        parsed = phonenumbers.parse(text, "DE")
    except phonenumbers.NumberParseException:
        fail("phone", value=text)
    if not phonenumbers.is_valid_number(parsed):
        fail("phone", value=text)
    return PhoneNumber(parsed, text)


Phone = Annotated[PhoneNumber, PlainValidator(_phone), PlainSerializer(str, return_type=str),
                  _schema({"type": "string", "pattern": PHONE_HINT,
                           "description": "Telefonnummer mit Vorwahl, z. B. 0351 1234567 oder +49 351 1234567."})]


def _day(exact: bool) -> Callable[[Any, Any], PartialDate]:
    def check(value: Any, info: Any) -> PartialDate:
        if value is None:
            fail("missing_date")
        parsed = None if isinstance(value, (bool, dt.datetime)) else parse_partial_date(value)
        if parsed is None or (exact and not parsed.day):
            fail("day" if exact else "partial_day", value=value)
        today = _ctx(info).get("today")
        if today is not None and parsed.first_day > today:
            fail("future", value=parsed.iso())
        return parsed
    return check


DAY_SCHEMA = {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "description": "JJJJ-MM-TT"}
PARTIAL_DAY_SCHEMA = {"anyOf": [{"type": "string", "pattern": r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"},
                                {"type": "integer"}],
                      "description": "JJJJ-MM-TT (or JJJJ-MM / JJJJ where the source shows no more)."}
_DAY_OUT = PlainSerializer(lambda d: d.iso(), return_type=str)
Day = Annotated[PartialDate, PlainValidator(_day(True)), _DAY_OUT, _schema(DAY_SCHEMA)]
PartialDay = Annotated[PartialDate, PlainValidator(_day(False)), _DAY_OUT, _schema(PARTIAL_DAY_SCHEMA)]

# The languages of the site (mkdocs.yml) while a JSON Schema is generated (see json_schema()).
_schema_languages: ContextVar[tuple[str, ...]] = ContextVar("schema_languages", default=("de",))


def _i18n(every: bool) -> Callable[[Any, Any], dict]:
    """A text per language: German required (every language with `every`), only the site's languages,
    no empty text; every problem of the text at once, each at "<field>.<language>"."""
    def check(value: Any, info: Any) -> dict[str, str]:
        if value is None:
            fail("missing_i18n")
        if isinstance(value, str):
            fail("i18n_plain", value=value[:40])
        if not isinstance(value, dict):
            fail("dict_type")
        languages = _ctx(info).get("languages")
        texts, errors = {}, []
        for lang, text in value.items():
            try:
                if not isinstance(lang, str) or (languages is not None and lang not in languages):
                    fail("language", value=lang, languages=", ".join(languages or ()))
                texts[lang] = _text(text, multiline=True)
            except PydanticCustomError as exc:
                errors.append(InitErrorDetails(type=exc, loc=(str(lang),), input=text))
        wanted = [lang for lang in languages or ()] if every else ["de"]
        if missing := [lang for lang in wanted if lang not in value]:
            kind = "every_language" if every else "german"
            errors.append(InitErrorDetails(type=PydanticCustomError(kind, kind, {"missing": ", ".join(missing)}),
                                           loc=() if every else ("de",), input=value))
        if errors:
            raise ValidationError.from_exception_data("I18n", errors)
        return texts
    return check


class _I18nSchema:
    """JSON Schema of a text per language, with the languages of the site (`required`: de or all)."""

    def __init__(self, every: bool):
        self.every = every

    def __get_pydantic_json_schema__(self, schema: Any, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        languages = list(_schema_languages.get())
        return {"type": "object", "additionalProperties": False,
                "required": languages if self.every else ["de"],
                "properties": {lang: {"type": "string", "minLength": 1} for lang in languages},
                "description": "Text in every language of the site." if self.every
                else "Text for people: German (de) required, other languages optional."}


I18n = Annotated[dict[str, str], PlainValidator(_i18n(False)), _I18nSchema(False)]
I18nAll = Annotated[dict[str, str], PlainValidator(_i18n(True)), _I18nSchema(True)]

#: where a reference points: context name → (file named in the message, what it is in English)
REFERENCES: dict[str, tuple[str, str]] = {
    "sources": ("data/sources.yaml", "source"),
    "districts": ("data/districts.yaml", "district"),
    "contacts": ("data/contacts.yaml", "contact"),
    "norms": ("data/legal_rules.yaml (norms)", "norm"),
}


def Ref(name: str, schema: dict | None = None) -> Any:  # noqa: N802 - reads like a type
    """An id that must be a key of context[name] (skipped while that file could not be read)."""
    file, what = REFERENCES[name]

    def check(value: Any, info: Any) -> str:
        text = _text(value)
        known = _ctx(info).get(name)
        if known is not None and text not in known:
            fail("reference", value=text, file=file, what=what)
        return text
    return Annotated[str, PlainValidator(check), _schema(schema or ID_SCHEMA)]


def _some(value: list) -> list:
    if not value:
        fail("no_source")
    return value


#: the sources of an entry: at least one id of data/sources.yaml
Sources = Annotated[list[Ref("sources")], AfterValidator(_some),
                    WithJsonSchema({"type": "array", "items": ID_SCHEMA, "minItems": 1})]


def Choice(*options: str) -> Any:  # noqa: N802
    """One of the given words (the message lists them all)."""
    def check(value: Any) -> str:
        if value not in options or not isinstance(value, str):
            fail("choice", value=value, allowed=", ".join(options))
        return value
    return Annotated[str, PlainValidator(check), _schema({"enum": list(options)})]


# --- messages -----------------------------------------------------------------------------------

# kind → (German, English, fix). {value} etc. come from the error; {allowed} for unknown fields is
# filled from the model's fields.
MESSAGES: dict[str, tuple[str, str, str]] = {
    "missing": ("Pflichtfeld fehlt oder ist leer.", "Required field is missing or empty.", "Einen Wert eintragen."),
    "empty": ("Der Wert ist leer.", "The value is empty.", "Einen Wert eintragen oder die Zeile löschen."),
    "extra_forbidden": ("Unbekanntes Feld „{key}“ (Tippfehler?).", "Unknown field '{key}' (typo?).",
                        "Erlaubt sind: {allowed}."),
    "text_type": ("Hier wird ein Text erwartet.", "A text value is expected here.",
                  "Den Wert in Anführungszeichen setzen."),
    "invisible": ("Der Text enthält ein unsichtbares Steuerzeichen ({char}): „{value}“.",
                  "The text contains an invisible control character ({char}).",
                  "Den Text neu eintippen statt ihn zu kopieren (Zeilenumbrüche, Richtungs- und "
                  "Nullbreitenzeichen entfernen)."),
    "bool_type": ("Hier wird true oder false erwartet.", "true or false expected.",
                  "true oder false schreiben (ohne Anführungszeichen)."),
    "int_type": ("Hier wird eine ganze Zahl erwartet.", "A whole number is expected here.",
                 "Eine Zahl ohne Anführungszeichen schreiben, z. B. 12."),
    "greater_than_equal": ("Die Zahl ist zu klein (mindestens {ge}).", "The number is too small (at least {ge}).",
                           "Eine Zahl ab {ge} eintragen."),
    "list_type": ("Hier wird eine Liste erwartet (Zeilen mit „- “).", "A list is expected here (lines starting with '- ').",
                  "Jeden Wert in eine eigene Zeile mit „- “ davor schreiben, oder [] für keine."),
    "dict_type": ("Hier wird eine Liste von Feldern (Name: Wert) erwartet.", "A mapping (name: value) is expected here.",
                  "Die Felder eingerückt unter diese Zeile schreiben, wie in den anderen Einträgen."),
    "literal_error": ("„{value}“ ist hier nicht erlaubt.", "'{value}' is not allowed here.", "Erlaubt sind: {expected}."),
    "choice": ("„{value}“ ist hier nicht erlaubt.", "'{value}' is not allowed here.", "Erlaubt sind: {allowed}."),
    "id": ("„{value}“ ist als Kennung nicht erlaubt.", "'{value}' is not allowed as an id.",
           "Nur Kleinbuchstaben, Ziffern, - und _ verwenden, z. B. landkreis-leipzig."),
    "url": ("„{value}“ ist keine gültige Webadresse.", "'{value}' is not a valid URL.",
            "Die vollständige Adresse mit https:// am Anfang eintragen, ohne Leerzeichen."),
    "email": ("„{value}“ ist keine gültige E-Mail-Adresse.", "'{value}' is not a valid e-mail address.",
              "Schreibweise name@beispiel.de verwenden, ohne Leerzeichen."),
    "phone": ("„{value}“ ist keine gültige deutsche Telefonnummer.", "'{value}' is not a valid German phone number.",
              "Mit Vorwahl schreiben, z. B. 0351 1234567 oder +49 351 1234567 (wie auf der Quelle, mit "
              "Leerzeichen, /, - oder Klammern)."),
    "postcode": ("„{value}“ ist keine gültige Postleitzahl.", "'{value}' is not a valid postcode.",
                 "Fünf Ziffern in Anführungszeichen, z. B. \"01067\"."),
    "phase": ("„{value}“ ist keine Förderphase.", "'{value}' is not a phase.", "Als Jahr-Jahr schreiben, z. B. 2025-2027."),
    "missing_date": ("Pflichtfeld fehlt: Datum.", "Required field missing: a date.",
                     "Als JJJJ-MM-TT schreiben, z. B. 2026-11-21."),
    "day": ("Hier wird ein Datum erwartet.", "A date is expected here.", "Als JJJJ-MM-TT schreiben, z. B. 2026-11-21."),
    "partial_day": ("Hier wird ein Datum erwartet.", "A date is expected here.",
                    "Als JJJJ-MM-TT schreiben, z. B. 2026-11-21 (oder nur JJJJ-MM bzw. JJJJ, wenn die Quelle nicht "
                    "mehr zeigt)."),
    "future": ("Das Datum {value} liegt in der Zukunft.", "The date {value} is in the future.",
               "Das Datum eintragen, das die Quelle zeigt, oder den Tag der Prüfung."),
    "language": ("Die Sprache „{value}“ ist nicht eingerichtet.", "Language '{value}' is not configured.",
                 "Eingerichtet sind (mkdocs.yml): {languages}."),
    "i18n_plain": ("Der Text braucht die Angabe der Sprache.", "The text needs its language.",
                   "Eingerückt darunter schreiben: de: {value}"),
    "missing_i18n": ("Pflichtfeld fehlt: Text mit deutscher Fassung (de).",
                     "Required field missing: a text with a German version (de).", "Darunter eingerückt: de: …"),
    "german": ("Die deutsche Fassung (de) fehlt; sie ist Pflicht.", "The German version (de) is missing; it is required.",
               "Zeile „de: …“ ergänzen."),
    "every_language": ("Der Text fehlt in: {missing}.", "The text is missing in: {missing}.",
                       "Für jede Sprache der Website eine Zeile ergänzen."),
    "reference": ("„{value}“ gibt es in {file} nicht.", "There is no {what} '{value}' in {file}.",
                  "Eine vorhandene Kennung aus {file} eintragen (oder den Eintrag dort anlegen)."),
    "fact_value": ("Hier wird eine Zahl oder ein kurzer Text erwartet.", "A number or a short text is expected.",
                   "z. B. value: 1600"),
    "no_source": ("Hier fehlt die Quelle (mindestens eine Quelle).", "The source is missing (at least one).",
                  "sources: [kennung_aus_sources_yaml]"),
}

# Raised by pydantic itself for shapes the value types above do not see first; mapped to the
# table's own kinds.
_SAME_AS = {"string_type": "text_type", "model_type": "dict_type", "model_attributes_type": "dict_type",
            "dict_attributes_type": "dict_type", "int_parsing": "int_type", "string_too_short": "empty", "too_short": "no_source", "enum": "literal_error",
            "int_from_float": "int_type", "bool_parsing": "bool_type", "none_required": "missing"}


def _message(error: dict, allowed: Iterable[str]) -> tuple[str, str, str]:
    kind = _SAME_AS.get(error["type"], error["type"])
    de, en, fix = MESSAGES.get(kind, ("Der Wert ist hier nicht erlaubt.", "The value is not allowed here.",
                                      "Den Wert wie in den anderen Einträgen schreiben."))
    values = {k: (v if error["type"] == "problem" else _shown(v)) for k, v in (error.get("ctx") or {}).items()}
    values.setdefault("value", _shown(error.get("input")))
    if "expected" in values:
        values["expected"] = re.sub(r"'([^']*)'", r"\1", values["expected"]).replace(" or ", ", ")
    values["key"] = _shown(error["loc"][-1]) if error["loc"] else ""
    if kind == "extra_forbidden":
        values["allowed"] = ", ".join(allowed)
    return tuple(text.format_map(_Keep(values)) for text in (de, en, fix))  # type: ignore[return-value]


class _Keep(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


# --- where an error is: loc → entry, field, line -------------------------------------------------

def _shape(annotation: Any) -> tuple[str, Any]:
    """("model" | "list" | "dict" | "", model class) of a field's type, through Optional and Annotated."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "model", annotation
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (list, dict) and args:
        kind, inner = _shape(args[-1])
        return (origin.__name__, inner) if kind == "model" else ("", None)
    for arg in args if origin is not None else ():
        if arg is not type(None) and (found := _shape(arg))[0]:
            return found
    return "", None


def _field_shape(model: Any, key: Any) -> tuple[str, Any]:
    for name, info in (model.model_fields.items() if model is not None else ()):
        if key in (name, info.alias):
            return _shape(info.annotation)
    return "", None


def _allowed(model: Any) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()] if model is not None else []


def locate(loc: tuple, data: Any, root: Any) -> tuple[str, str, int, Any]:
    """(entry, field, line, model holding the field) of an error at `loc` in the raw data.

    A list item of a model with an `entry_label` is named "<label> <id>" ("contacts Nr. 3" while
    its id is not valid); other list items "<field> Nr. n"; an item of a mapping of models
    "<field>: <key>" (at the top of a file just "<key>"); a nested model adds ", <field>" to the
    entry; texts per language give fields such as "description.it"."""
    entry: list[str] = []
    field: list[str] = []
    node, model, holder = data, root, root
    line = getattr(data, "line", 0)
    pending: tuple[str, Any, str] | None = None
    if root is not None and getattr(root, "__pydantic_root_model__", False):
        kind, inner = _shape(root.model_fields["root"].annotation)
        pending, model = ((kind, inner, ""), None) if kind else (None, None)
    for i, step in enumerate(loc):
        holder = model
        if step == "[key]":
            field = field or ["id"]
            break
        child = None
        if isinstance(node, dict) and step in node:
            child = node[step]
            line = node.line_of(step) if isinstance(node, LineDict) else line
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            child = node[step]
            line = getattr(child, "line", line)
        if pending:
            kind, inner, name = pending
            pending, model, field = None, inner, []
            ident = child.get(inner.entry_key) if isinstance(child, dict) else None
            namer = getattr(inner, "entry_name", None)
            if namer is not None:
                entry = [namer(loc[:i + 1], child)]
            elif kind == "list" and inner.entry_label and isinstance(ident, str) and ID_RE.fullmatch(ident):
                entry = [f"{inner.entry_label} {ident}"]
            elif kind == "list":
                entry = entry + [f"{name or 'Liste'} Nr. {step + 1}"]
            else:
                entry = entry + [f"{name}: {step}" if name else str(step)]
        else:
            kind, inner = _field_shape(model, step)
            if kind == "model" and i < len(loc) - 1 and inner.entry_part:
                entry, field, model = entry + [".".join(field + [str(step)])], [], inner
            elif kind == "model":  # a part named in the field ("tags.topic"), not in the entry
                field, model = field + [str(step)], inner
            elif kind in ("list", "dict"):
                pending = (kind, inner, ".".join(field + [str(step)]))
                field.append(str(step))
            else:
                field += [] if isinstance(step, int) else [str(step)]   # "sources", not "sources.1"
                model = None
        node = child
    return ", ".join(entry), ".".join(field), line, holder


def load_model(path: Path, model: Any, *, context: dict | None = None, file: str | None = None
               ) -> tuple[Any, list[Problem]]:
    """Read and validate one data file: (the model or None, every problem found)."""
    name = file or rel(path)
    data = load_yaml(path)            # raises DataErrors for files YAML cannot read
    return validate(data, model, name, context=context)


def validate(data: Any, model: Any, name: str, *, context: dict | None = None) -> tuple[Any, list[Problem]]:
    adapter = model if isinstance(model, TypeAdapter) else None
    try:
        if adapter is not None:
            return adapter.validate_python(data, context=context), []
        return model.model_validate(data, context=context), []
    except ValidationError as exc:
        root = model if isinstance(model, type) and issubclass(model, BaseModel) else None
        problems = []
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            entry, fld, line, holder = locate(loc, data, root)
            de, en, fix = _message(error, _allowed(holder))
            problems.append(Problem(name, entry, fld, de, en, fix, line))
        return None, problems


def rule_errors(model: BaseModel, found: list[tuple[str | tuple, str, dict]]) -> Any:
    """For a model_validator(mode="after"): raise every broken rule at once, each at its field
    ((field or loc tuple, kind, values); field "" = the entry itself), or return the model."""
    if found:
        raise ValidationError.from_exception_data(type(model).__name__, [
            InitErrorDetails(type=PydanticCustomError(kind, kind, {k: _shown(v) for k, v in ctx.items()}),
                             loc=field if isinstance(field, tuple) else (field,) if field else (), input="")
            for field, kind, ctx in found])
    return model


def valid_items(items: Any, model: Any, *, context: dict | None = None) -> list:
    """The entries of a raw list that are valid on their own: what other files may refer to while
    this file has problems (so that one mistake is not reported again as a missing reference)."""
    found = (validate(item, model, "", context=context)[0] for item in (items if isinstance(items, list) else []))
    return [item for item in found if item is not None]


def duplicates(items: Any, label: str, name: str, key: str = "id") -> list[Problem]:
    """Every id used a second time in a raw list of entries (with the line of the second use)."""
    seen: set = set()
    problems = []
    for item in items if isinstance(items, list) else []:
        ident = item.get(key) if isinstance(item, dict) else None
        if not isinstance(ident, str):
            continue
        if ident in seen:
            problems.append(Problem(name, f"{label}: {ident}", key, f"Die Kennung „{ident}“ kommt mehrfach vor.",
                                    f"The id '{ident}' is used more than once.",
                                    "Jeder Eintrag braucht eine eigene Kennung.",
                                    item.line if isinstance(item, LineDict) else 0))
        seen.add(ident)
    return problems


def raise_if(problems: list[Problem]) -> None:
    if problems:
        raise DataErrors(problems)


# --- JSON Schema for editors --------------------------------------------------------------------

def json_schema(model: Any, languages: list[str], title: str) -> dict:
    """The JSON Schema of a data file (or export), with the site's languages in every text."""
    token = _schema_languages.set(tuple(languages))
    try:
        adapter = model if isinstance(model, TypeAdapter) else TypeAdapter(model)
        schema = adapter.json_schema(mode="validation")
    finally:
        _schema_languages.reset(token)
    return {"$schema": DRAFT, "title": title, **_untitled(schema)}


def _untitled(schema: Any, properties: bool = False) -> Any:
    """The schema without pydantic's generated titles ("Verified On"), which editors do not need."""
    if isinstance(schema, list):
        return [_untitled(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    return {key: _untitled(value, key in ("properties", "$defs"))
            for key, value in schema.items() if properties or key != "title"}


# --- knowledge-side additions (pyd-kb): legal_rules, legal_changes, recognition, notes, glossary, ui ---

def problem(de: str, en: str, fix: str = "") -> PydanticCustomError:
    """An editor's message of a rule of one file (raise it from a validator): German, English, fix."""
    return PydanticCustomError("problem", "problem", {"de": de, "en": en, "fix": fix})


MESSAGES["problem"] = ("{de}", "{en}", "{fix}")


def raise_all(errors: list[tuple[tuple, PydanticCustomError]], value: Any = None) -> None:
    """Raise every problem a validator found at once, each at its place below the value (loc)."""
    if errors:
        raise ValidationError.from_exception_data("amm", [InitErrorDetails(type=err, loc=loc, input=value)
                                                          for loc, err in errors])


class Keyed(Model):
    """An entry written as the value of a mapping whose key is its id (rows: {gestattung_start: …});
    `name_keyed` gives it the key after validation."""

    _id: str = PrivateAttr("")

    @property
    def id(self) -> str:
        return self._id


def name_keyed(value: Any) -> Any:
    """Give every Keyed entry below `value` its mapping key as id."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            name_keyed(getattr(value, name))
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, Keyed):
                item._id = key
            name_keyed(item)
    elif isinstance(value, list):
        for item in value:
            name_keyed(item)
    return value


class Table(Model):
    """A model read like the mapping it replaces: texts["stand"], texts.items(), tags.get("status")."""

    def __getitem__(self, key: str) -> Any:
        if key not in type(self).model_fields:
            raise KeyError(key)
        return getattr(self, key)

    def __contains__(self, key: object) -> bool:
        return key in type(self).model_fields

    def get(self, key: str, default: Any = None) -> Any:
        return getattr(self, key) if key in type(self).model_fields else default

    def keys(self) -> list[str]:
        return list(type(self).model_fields)

    def values(self) -> list[Any]:
        return [getattr(self, k) for k in type(self).model_fields]

    def items(self) -> list[tuple[str, Any]]:
        return [(k, getattr(self, k)) for k in type(self).model_fields]


class at_least_one:  # noqa: N801 - used like a type annotation
    """Metadata of a list (or mapping) that must not be empty, with this field's own message."""

    def __init__(self, de: str, en: str, fix: str):
        self.message = (de, en, fix)

    def _check(self, value: list) -> list:
        if not value:
            raise problem(*self.message)
        return value

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        return core_schema.no_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> dict:
        found = handler(schema)
        return {**found, "minProperties" if found.get("type") == "object" else "minItems": 1}


_every_text = _i18n(True)


def _each(value: Any, info: Any) -> dict[str, str]:
    """I18nAll, with each missing language its own problem at "<field>.<language>"."""
    try:
        return _every_text(value, info)
    except ValidationError as exc:
        errors = []
        for err in exc.errors(include_url=False):
            if err["type"] == "every_language":
                errors += [((lang,), problem(f"Der Text für die Sprache „{lang}“ fehlt.",
                                             f"The text for language '{lang}' is missing.",
                                             f"Eine Zeile „{lang}: …“ ergänzen."))
                           for lang in err["ctx"]["missing"].split(", ")]
            else:
                errors.append((tuple(err["loc"]), PydanticCustomError(err["type"], err["type"], err.get("ctx") or {})))
        raise_all(errors, value)
        raise


#: a text in every language of the site, each missing language its own problem (field "name.es")
I18nEach = Annotated[dict[str, str], PlainValidator(_each), _I18nSchema(True)]
#: an exact day as a date (for comparing with today and formatting)
Date = Annotated[dt.date, PlainValidator(lambda v, info: _day(True)(v, info).first_day), _schema(DAY_SCHEMA)]


def _page(value: Any, info: Any) -> str:
    page = _text(value)
    if not page.endswith(".md") or outside_docs(page):
        raise problem(f"„{page}“ ist keine Seite.", f"'{page}' is not a page.",
                      "Den Pfad einer Seite unter docs/ eintragen, z. B. recht/duldung.md.")
    docs = _ctx(info).get("docs")
    if docs is not None and not (Path(docs) / page).is_file():
        raise problem(f"Die Seite docs/{page} gibt es nicht.", f"The page docs/{page} does not exist.",
                      "Den Pfad einer vorhandenen Seite unter docs/ eintragen, z. B. recht/duldung.md.")
    return page


#: a page under docs/ (it must exist when context["docs"] names the docs folder)
Page = Annotated[str, PlainValidator(_page), _schema({"type": "string", "pattern": r"\.md$"})]
LABELS = ("confirmed", "reported", "unconfirmed")


def _label(value: Any) -> str:
    if value not in LABELS or not isinstance(value, str):
        raise problem(f"„{_shown(value)}“ ist keine erlaubte Einstufung.",
                      f"'{_shown(value)}' is not a valid label.",
                      "confirmed (Primärquelle oder zwei Fachquellen), reported (eine Quelle) oder "
                      "unconfirmed (nicht bestätigt) schreiben.")
    return value


#: how sure a statement is: confirmed (a primary source or two expert sources), reported (one
#: secondary source), unconfirmed (not verified for the current date)
Label = Annotated[str, PlainValidator(_label), _schema({"enum": list(LABELS)})]
REFERENCES["groups"] = ("data/recognition.yaml (groups)", "profession group")
SourceRef = Ref("sources")
NormRef = Ref("norms")
