"""JSON Schemas of the data files, for editors: VS Code, IntelliJ and other YAML editors use them
for completion and checking (each YAML file names its schema in its first line).

The field lists come from the loaders' constants (one list of fields); tests check that the
shipped data validates and that typical mistakes are refused by both schema and loader.
Regenerate the files with `python scripts/write_schemas.py`.
"""

from __future__ import annotations

from amm.core import site as S
from amm.core.fields import EMAIL_RE, ID_RE, PHASE_RE, PHONE_RE, POSTCODE_RE, URL_RE
from amm.directory import model as D
from amm.directory import offices as O

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _text(languages: list[str]) -> dict:
    return {"type": "object", "required": ["de"], "additionalProperties": False,
            "properties": {lang: {"type": "string", "minLength": 1} for lang in languages},
            "description": "Text for people: German (de) required, other languages optional."}


DATE = {"anyOf": [{"type": "string", "pattern": r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"}, {"type": "integer"}],
        "description": "JJJJ-MM-TT (or JJJJ-MM / JJJJ where the source shows no more)."}
EXACT_DATE = {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "description": "JJJJ-MM-TT"}
URL = {"type": "string", "pattern": URL_RE.pattern}
ID = {"type": "string", "pattern": ID_RE.pattern}
PLACEHOLDER = {"const": S.PLACEHOLDER}


def _obj(properties: dict, required: list[str]) -> dict:
    return {"type": "object", "additionalProperties": False, "required": required, "properties": properties}


def sources_schema() -> dict:
    source = _obj({"title": {"type": "string", "minLength": 1}, "url": URL, "date": DATE,
                   "consulted": {"type": "boolean"}}, ["title", "url", "date"])
    return {"$schema": DRAFT, "title": "data/sources.yaml", "type": "object",
            "propertyNames": {"pattern": ID_RE.pattern}, "additionalProperties": source}


def site_schema() -> dict:
    text_or_placeholder = {"type": ["string", "integer"]}
    operator = _obj({k: ({"anyOf": [PLACEHOLDER, {"type": "string", "pattern": EMAIL_RE.pattern}]}
                         if k == "email" else text_or_placeholder) for k in S.OPERATOR_FIELDS},
                    list(S.OPERATOR_FIELDS))
    fact = _obj({"value": {"type": ["string", "integer"]}, "source": ID}, ["value", "source"])
    return {"$schema": DRAFT, "title": "data/site.yaml", **_obj({
        "operator": operator,
        "feedback_email": {"anyOf": [PLACEHOLDER, {"type": "string", "pattern": EMAIL_RE.pattern}]},
        "links": _obj({k: URL for k in S.LINK_FIELDS}, list(S.LINK_FIELDS)),
        "facts": {"type": "object", "additionalProperties": fact},
        "freshness": _obj({k: {"type": "integer", "minimum": 1} for k in S.FRESHNESS_FIELDS},
                          list(S.FRESHNESS_FIELDS)),
    }, ["operator", "feedback_email", "links", "facts", "freshness"])}


def districts_schema() -> dict:
    district = _obj({"key": {"type": "string", "pattern": r"^14[0-9]{3}$"}, "name": {"type": "string"},
                     "kind": {"enum": list(D.DISTRICT_KINDS)}, "slug": ID}, ["key", "name", "kind", "slug"])
    return {"$schema": DRAFT, "title": "data/districts.yaml",
            **_obj({"source": ID, "districts": {"type": "array", "items": district}}, ["source", "districts"])}


def contacts_schema(languages: list[str]) -> dict:
    text = _text(languages)
    contact = _obj({
        "id": ID, "name": {"type": "string", "minLength": 1},
        "address": _obj({"street": {"type": "string"}, "postcode": {"type": "string", "pattern": POSTCODE_RE.pattern},
                         "city": {"type": "string"}, "note": text}, ["street", "postcode", "city"]),
        "phone": _obj({"number": {"type": "string", "pattern": PHONE_RE.pattern}, "note": text}, ["number"]),
        "email": {"type": "string", "pattern": EMAIL_RE.pattern}, "website": URL,
        "opening_hours": text, "accessibility": text,
        "phase": {"type": "string", "pattern": PHASE_RE.pattern},
        "sources": {"type": "array", "items": ID, "minItems": 1}, "verified_on": EXACT_DATE,
    }, ["id", "name", "phase", "sources", "verified_on"])
    return {"$schema": DRAFT, "title": "data/contacts.yaml",
            **_obj({"contacts": {"type": "array", "items": contact}}, ["contacts"])}


def projects_schema(languages: list[str]) -> dict:
    text = _text(languages)
    statement = _obj({"text": text, "source": ID}, ["text", "source"])
    statements = {"type": "array", "items": statement}
    phase = {"type": "string", "pattern": PHASE_RE.pattern}
    project = _obj({
        "id": ID, "kind": {"enum": list(D.KINDS)}, "name": {"type": "string"},
        "coverage": {"type": "array", "items": _obj({
            "district": {"type": "string", "pattern": r"^14[0-9]{3}$"}, "part": text,
            "split_confirmed": {"type": "boolean"}, "split_source": ID}, ["district"])},
        "status": {"enum": list(D.STATUSES)}, "status_phase": phase, "status_source": ID,
        "operator": {"anyOf": [{"type": "null"}, _obj({"name": {"type": "string"}, "source": ID, "note": text},
                                                       ["name", "source"])]},
        "description": text, "eligibility": statements, "services": statements, "history": statements,
        "languages": {"type": "array", "items": {"type": "string"}}, "languages_source": ID,
        "website": {"anyOf": [{"type": "null"}, _obj({"url": URL, "source": ID, "note": text}, ["url", "source"])]},
        "contacts": {"type": "array", "items": ID}, "verified_on": EXACT_DATE,
    }, ["id", "kind", "status", "description", "verified_on"])
    return {"$schema": DRAFT, "title": "data/projects.yaml", **_obj({
        "current_phase": phase,
        "programme": _obj({"eligibility": statements, "focus_groups": statements, "services": statements},
                          ["eligibility", "focus_groups", "services"]),
        "projects": {"type": "array", "items": project},
    }, ["current_phase", "programme", "projects"])}


def offices_schema(languages: list[str]) -> dict:
    text = _text(languages)
    district = {"type": "string", "pattern": r"^14[0-9]{3}$"}
    district_list = {"type": "array", "items": district, "minItems": 1}
    phone = {"type": "string", "pattern": PHONE_RE.pattern}
    sources = {"type": "array", "items": ID, "minItems": 1}
    route = _obj({"id": ID, "name": {"type": "string", "minLength": 1}, "contact": ID, "phone": phone,
                  "website": URL, "sources": sources}, ["id", "name"])
    office = _obj({
        "id": ID, "type": {"enum": list(O.TYPES)}, "name": {"type": "string", "minLength": 1},
        "districts": {"anyOf": [{"const": O.ALL}, district_list]},
        "address": _obj({"street": {"type": "string", "minLength": 1},
                         "postcode": {"type": "string", "pattern": POSTCODE_RE.pattern},
                         "city": {"type": "string", "minLength": 1}}, ["street", "city"]),
        "phone": phone, "phone_note": text, "email": {"type": "string", "pattern": EMAIL_RE.pattern},
        "website": URL, "by_appointment": {"type": "boolean"}, "opening_hours": text, "accessibility": text,
        "note": text, "sources": sources, "verified_on": EXACT_DATE,
    }, ["id", "type", "name", "districts", "sources", "verified_on"])
    gap = _obj({"type": {"enum": list(O.TYPES)}, "districts": district_list, "route": ID, "note": text,
                "sources": sources}, ["type", "districts", "route"])
    return {"$schema": DRAFT, "title": "data/offices.yaml", **_obj({
        "routes": {"type": "array", "items": route}, "offices": {"type": "array", "items": office},
        "gaps": {"type": "array", "items": gap}}, ["routes", "offices", "gaps"])}


def offices_export_schema() -> dict:
    """The public export verzeichnis/offices.json (written by amm/directory/pages.py)."""
    text = {"type": "object", "additionalProperties": {"type": "string"}, "required": ["de"]}
    contact = {"address": {"anyOf": [{"type": "null"}, _obj({
                   "street": {"type": "string"}, "postcode": {"type": ["string", "null"]},
                   "city": {"type": "string"}}, ["street", "postcode", "city"])]},
               "phone": {"type": ["string", "null"]}, "email": {"type": ["string", "null"]},
               "website": {"anyOf": [{"type": "null"}, URL]}}
    office = _obj({"id": ID, "type": {"enum": list(O.TYPES)}, "name": {"type": "string"},
                   "districts": {"type": "array", "items": {"type": "string"}}, **contact,
                   "by_appointment": {"type": "boolean"}, "opening_hours": {"anyOf": [{"type": "null"}, text]},
                   "note": {"anyOf": [{"type": "null"}, text]}, "vcard": URL,
                   "sources": {"type": "array", "items": ID, "minItems": 1},
                   "verified_on": EXACT_DATE},
                  ["id", "type", "name", "districts", "address", "phone", "email", "website",
                   "by_appointment", "vcard", "sources", "verified_on"])
    route = _obj({"id": ID, "name": {"type": "string"}, "phone": {"type": ["string", "null"]},
                  "website": {"anyOf": [{"type": "null"}, URL]}}, ["id", "name", "phone", "website"])
    cell = _obj({"type": {"enum": list(O.TYPES)}, "offices": {"type": "array", "items": ID},
                 "gap": {"anyOf": [{"type": "null"}, _obj({"route": ID, "note": {"anyOf": [{"type": "null"}, text]}},
                                                         ["route", "note"])]}},
                ["type", "offices", "gap"])
    district = _obj({"key": {"type": "string", "pattern": r"^14[0-9]{3}$"}, "name": {"type": "string"},
                     "page": URL, "types": {"type": "array", "items": cell}}, ["key", "name", "page", "types"])
    source = _obj({"title": {"type": "string"}, "url": URL, "date": DATE, "consulted": {"type": "boolean"}},
                  ["title", "url", "date", "consulted"])
    return {"$schema": DRAFT, "title": "Arbeitsmarktmentoren Sachsen: Ämter und Beratungsstellen je Kreis",
            **_obj({"schema": URL, "types": {"type": "array", "items": {"enum": list(O.TYPES)}},
                    "offices": {"type": "array", "items": office}, "routes": {"type": "array", "items": route},
                    "districts": {"type": "array", "items": district},
                    "sources": {"type": "object", "additionalProperties": source}},
                   ["schema", "types", "offices", "routes", "districts", "sources"])}


def all_schemas(languages: list[str]) -> dict[str, dict]:
    """File name in schemas/ -> schema: generated from the models of the registry (amm/build.py
    DATA_FILES, EXPORTS), hand-written below for files not yet converted."""
    from amm.build import DATA_FILES, EXPORTS
    from amm.core.model import json_schema

    generated = {f.schema: json_schema(f.model, languages, f.path) for f in DATA_FILES + EXPORTS if f.model}
    return {**_hand_written(languages), **generated}


def _hand_written(languages: list[str]) -> dict[str, dict]:
    return {"sources.schema.json": sources_schema(), "site.schema.json": site_schema(),
            "districts.schema.json": districts_schema(),
            "contacts.schema.json": contacts_schema(languages),
            "projects-data.schema.json": projects_schema(languages),
            "offices.schema.json": offices_schema(languages),
            "offices-export.schema.json": offices_export_schema()}
