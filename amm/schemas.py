"""JSON Schemas of the data files, for editors: VS Code, IntelliJ and other YAML editors use them
for completion and checking (each YAML file names its schema in its first line).

Files with a model (amm/build.py DATA_FILES, EXPORTS) get their schema generated from it
(amm/core/model.py json_schema); the functions below are the hand-written schemas of the files not
yet converted. Tests check that the shipped data validates and that typical mistakes are refused by
both schema and loader.
Regenerate the files with `python scripts/write_schemas.py`.
"""

from __future__ import annotations

from amm.core.fields import EMAIL_RE, ID_RE, URL_RE
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


def _obj(properties: dict, required: list[str]) -> dict:
    return {"type": "object", "additionalProperties": False, "required": required, "properties": properties}


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
    return {"ui.schema.json": ui_schema(languages),
            "legal-rules.schema.json": legal_rules_schema(languages),
            "recognition.schema.json": recognition_schema(languages),
            "practice-notes.schema.json": notes_schema(languages),
            "legal-changes.schema.json": changes_schema(languages),
            "glossary.schema.json": glossary_schema(languages)}
