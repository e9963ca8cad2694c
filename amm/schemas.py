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
from amm.notes import model as N
from amm.recognition import model as R
from amm.texts import glossary as G

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


def _all_languages(languages: list[str]) -> dict:
    return {**_text(languages), "required": list(languages),
            "description": "Text in every language of the site."}


def recognition_schema(languages: list[str]) -> dict:
    text = _text(languages)
    group = _obj({"name": _all_languages(languages), "regulated": {"enum": list(R.REGULATED)}},
                 list(R.GROUP_FIELDS))
    body = _obj({
        "id": ID, "name": {"type": "string", "minLength": 1}, "role": {"enum": list(R.ROLES)},
        "groups": {"type": "array", "items": ID, "minItems": 1}, "area": text, "task": text,
        "website": URL, "email": {"type": "string", "pattern": EMAIL_RE.pattern},
        "postal": {"type": "string", "minLength": 1},
        "sources": {"type": "array", "items": ID, "minItems": 1}, "label": {"enum": list(R.LABELS)},
        "note": text,
    }, ["id", "name", "role", "groups", "area", "task", "sources", "label"])
    return {"$schema": DRAFT, "title": "data/recognition.yaml", **_obj({
        "groups": {"type": "object", "propertyNames": {"pattern": ID_RE.pattern}, "additionalProperties": group},
        "bodies": {"type": "array", "items": body},
    }, list(R.TOP_FIELDS))}


def notes_schema(languages: list[str]) -> dict:
    text = _text(languages)
    tag = _obj({"page": {"type": "string", "pattern": r"\.md$"}, "label": _all_languages(languages)},
               list(N.TAG_FIELDS))
    ids = {"type": "array", "items": ID}
    ids_required = {**ids, "minItems": 1}
    note = _obj({
        "id": ID, "title": text, "text": text,
        "tags": _obj({k: (ids_required if k in N.REQUIRED_KINDS else ids) for k in N.TAG_KINDS},
                     list(N.REQUIRED_KINDS)),
        "basis": {**_obj({"norms": ids, "sources": ids}, []),
                  "anyOf": [{"required": ["norms"], "properties": {"norms": ids_required}},
                            {"required": ["sources"], "properties": {"sources": ids_required}}]},
    }, list(N.NOTE_FIELDS))
    kind = {"type": "object", "propertyNames": {"pattern": ID_RE.pattern}, "additionalProperties": tag}
    return {"$schema": DRAFT, "title": "data/practice_notes.yaml", **_obj({
        "tags": _obj({k: kind for k in N.TAG_KINDS}, list(N.TAG_KINDS)),
        "notes": {"type": "array", "items": note},
    }, ["tags", "notes"])}


def ui_schema(languages: list[str]) -> dict:
    every_language = {"type": "object", "required": list(languages), "additionalProperties": False,
                      "properties": {lang: {"type": "string", "minLength": 1} for lang in languages}}
    return {"$schema": DRAFT, "title": "data/ui*.yaml", "type": "object", "additionalProperties": every_language}


def legal_rules_schema(languages: list[str]) -> dict:
    from amm.legal import rules as L

    every = {"type": "object", "required": list(languages), "additionalProperties": False,
             "properties": {lang: {"type": "string", "minLength": 1} for lang in languages}}
    ids = {"anyOf": [ID, {"type": "array", "items": ID}]}
    cell = _obj({"value": ID, "note": every, "cite": ids, "label": {"enum": list(L.LABELS)}, "sources": ids,
                 "state": ID, "checked": EXACT_DATE}, ["value", "cite", "label"])
    state = _obj({"since": EXACT_DATE, "until": EXACT_DATE, "label": every}, ["since", "label"])
    option = _obj({"id": ID, "label": every, "next": ID}, ["id", "label"])
    question = _obj({"text": every, "hint": every, "options": {"type": "array", "minItems": 2, "items": option},
                     "next": {"type": "array", "items": _obj({"if": {"type": "object"}, "then": ID}, ["then"])}},
                    ["text", "options"])
    outcome = _obj({"title": every, "text": every, "cite": ids, "label": {"enum": list(L.LABELS)},
                    "sources": ids}, ["title", "text", "cite", "label"])
    norm = {"anyOf": [_obj({"code": {"type": "string"}, "section": {"type": ["string", "integer"]},
                            "detail": {"type": "string"}}, ["code", "section"]),
                      _obj({"label": {"type": "string"}, "url": URL}, ["label", "url"])]}
    return {"$schema": DRAFT, "title": "data/legal_rules.yaml", **_obj({
        "legal_states": {"type": "object", "propertyNames": {"pattern": ID_RE.pattern},
                         "additionalProperties": state},
        "codes": {"type": "object", "additionalProperties": {"type": "string", "pattern": r"\{section\}"}},
        "norms": {"type": "object", "additionalProperties": norm},
        "texts": {"type": "object", "required": list(L.TEXT_KEYS), "additionalProperties": every},
        "columns": {"type": "object", "additionalProperties": every},
        "values": {"type": "object", "additionalProperties": _obj({"tone": {"enum": list(L.TONES)},
                                                                   "label": every}, ["tone", "label"])},
        "rows": {"type": "object", "additionalProperties": _obj({
            "name": every, "page": {"type": "string", "pattern": r"\.md$"}, "state": ID, "checked": EXACT_DATE,
            "cells": {"type": "object", "additionalProperties": cell}}, ["name", "page", "cells"])},
        "check": _obj({"start": ID, "activity": ID,
                       "show": {"type": "object", "additionalProperties": {"type": "array", "items": ID}},
                       "questions": {"type": "object", "additionalProperties": question},
                       "outcomes": {"type": "object", "additionalProperties": outcome}},
                      ["start", "activity", "show", "questions", "outcomes"]),
    }, ["legal_states", "codes", "norms", "texts", "columns", "values", "rows", "check"])}


def changes_schema(languages: list[str]) -> dict:
    from amm.legal import changes as C
    from amm.legal import rules as L

    text = _text(languages)
    ids = {"type": "array", "items": ID}
    change = _obj({"id": ID, "date": EXACT_DATE, "title": text, "text": text, "label": {"enum": list(L.LABELS)},
                   "note": text, "norms": ids, "sources": {**ids, "minItems": 1},
                   "pages": {"type": "array", "items": {"type": "string", "pattern": r"\.md$"}}},
                  ["id", "date", "title", "text", "label", "sources"])
    return {"$schema": DRAFT, "title": "data/legal_changes.yaml", **_obj({
        "texts": _obj({k: _all_languages(languages) for k in C.TEXT_KEYS}, list(C.TEXT_KEYS)),
        "changes": {"type": "array", "items": change},
    }, list(C.TOP_FIELDS))}


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


def glossary_schema(languages: list[str]) -> dict:
    word = {"type": "string", "pattern": r"^[\wÄÖÜäöüß][\wÄÖÜäöüß .-]*$"}
    term = _obj({"id": ID, "term": word, "forms": {"type": "array", "items": word},
                 "explanation": _all_languages(languages), "page": {"type": "string", "pattern": r"\.md$"},
                 "norms": {"type": "array", "items": ID}},
                ["id", "term", "explanation"])
    assert set(term["properties"]) == set(G.TERM_FIELDS)
    return {"$schema": DRAFT, "title": "data/glossary.yaml",
            **_obj({"terms": {"type": "array", "items": term}}, ["terms"])}


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
            "ui.schema.json": ui_schema(languages),
            "legal-rules.schema.json": legal_rules_schema(languages),
            "recognition.schema.json": recognition_schema(languages),
            "practice-notes.schema.json": notes_schema(languages),
            "legal-changes.schema.json": changes_schema(languages),
            "offices.schema.json": offices_schema(languages),
            "offices-export.schema.json": offices_export_schema(),
            "glossary.schema.json": glossary_schema(languages)}
