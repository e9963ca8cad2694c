"""Practice notes "Aus der Praxis" (data/practice_notes.yaml).

A note is general guidance with a title and a text (German required, English preferred), tags
(topic, status, audience) from a fixed vocabulary, and a required basis: sections of law (ids of
the norms in data/legal_rules.yaml) and/or public sources (ids from data/sources.yaml).

Every tag names the page it belongs to (a file under docs/); a page shows the notes whose tags
point to it (`Notes.for_page`). The build stops on an unknown tag, a page that does not exist or
a note without basis.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from pathlib import Path
from typing import Annotated, Any

from pydantic import PlainValidator, ValidationInfo, WithJsonSchema, model_validator

from amm.core import clock
from amm.core.errors import Problem, rel
from amm.core.fields import ID_RE
from amm.core.model import (I18n, I18nAll, Id, Keyed, Model, NormRef, Page, SourceRef, Table, at_least_one,
                            _id as check_id, duplicates, name_keyed, problem, validate)
from amm.core.site import Source
from amm.core.yamlfile import load_yaml


class Tag(Keyed):
    """A tag of the vocabulary: the page it belongs to and its label in every language."""

    page: Page
    label: I18nAll

    @classmethod
    def entry_name(cls, keys: tuple, raw: Any) -> str:
        return f"Schlagwort {keys[-2]}: {keys[-1]}"

    entry_label = "Schlagwort"


class Tags(Table):
    topic: dict[Id, Tag]
    status: dict[Id, Tag]
    audience: dict[Id, Tag]


TAG_KINDS = tuple(Tags.model_fields)


def _tag(kind: str) -> Any:
    def check(value: Any, info: ValidationInfo) -> str:
        value = check_id(value)
        known = (info.context or {}).get("tags", {}).get(kind, {})
        if value not in known:
            raise problem(f"Das Schlagwort „{value}“ gibt es unter tags: {kind} nicht.",
                          f"There is no {kind} tag '{value}'.",
                          "Eines davon verwenden: " + ", ".join(sorted(known))
                          + " (oder das Schlagwort oben unter tags mit seiner Seite anlegen).")
        return value
    return Annotated[str, PlainValidator(check), WithJsonSchema({"type": "string", "pattern": ID_RE.pattern})]


def _required(kind: str) -> at_least_one:
    return at_least_one(f"Jede Notiz braucht mindestens ein Schlagwort unter {kind}.",
                        f"Every note needs at least one {kind} tag.",
                        f"z. B. {kind}: [ein Schlagwort unter tags: {kind}]")


class NoteTags(Table):
    """The tags of a note; status may stay empty (any status)."""

    entry_part = False

    topic: Annotated[list[_tag("topic")], _required("topic")]
    status: list[_tag("status")] = []
    audience: Annotated[list[_tag("audience")], _required("audience")]


class Basis(Model):
    """What a note rests on: sections of law and/or public sources, at least one."""

    entry_part = False

    model_config = {"json_schema_extra": {"anyOf": [{"required": ["norms"], "properties": {"norms": {"minItems": 1}}},
                                                    {"required": ["sources"],
                                                     "properties": {"sources": {"minItems": 1}}}]}}

    norms: list[NormRef] = []
    sources: list[SourceRef] = []

    @model_validator(mode="after")
    def _some_basis(self):
        if not self.norms and not self.sources:
            raise problem("Jede Notiz braucht eine Grundlage: einen Paragrafen oder eine Quelle.",
                          "Every note needs a basis: a section of law or a public source.",
                          "basis: {norms: [aufenthg_60c], sources: [zbs_pflichten]} – Kennungen aus "
                          "data/legal_rules.yaml (norms) bzw. data/sources.yaml.")
        return self


class Note(Model):
    entry_label = "Notiz"

    id: Id
    title: I18n
    text: I18n
    tags: NoteTags
    basis: Basis

    @property
    def norms(self) -> list[str]:
        return self.basis.norms

    @property
    def sources(self) -> list[str]:
        return self.basis.sources


class Notes(Model):
    """data/practice_notes.yaml."""

    tags: Tags
    notes: list[Note]

    @classmethod
    def local_context(cls, raw: Any) -> dict:
        tags = raw.get("tags") if isinstance(raw, dict) else None
        tags = tags if isinstance(tags, dict) else {}
        return {"tags": {kind: set(tags[kind]) if isinstance(tags.get(kind), dict) else set()
                         for kind in TAG_KINDS}}

    def pages(self) -> set[str]:
        """Every page a tag points to (docs paths, e.g. recht/duldung.md)."""
        return {tag.page for kind in self.tags.values() for tag in kind.values()}

    def for_page(self, docs_path: str) -> list[Note]:
        """The notes with a tag that points to this page, in file order."""
        return [n for n in self.notes
                if any(self.tags[k][t].page == docs_path for k, ids in n.tags.items() for t in ids)]


def load_notes(path: Path, *, sources: dict[str, Source], norms: Collection[str] | None,
               languages: list[str], docs: Path | None = None,
               today: dt.date | None = None) -> tuple[Notes | None, list[Problem]]:
    """data/practice_notes.yaml. `norms` None: the legal rules did not load, norm ids are not checked.
    `docs`: the docs folder, where the pages of the tags must exist (None: not checked)."""
    raw = load_yaml(path)
    file = rel(path)
    notes, problems = validate(raw, Notes, file, context={
        "languages": languages, "sources": sources, "norms": norms, "docs": docs, "today": today or clock.today(),
        **Notes.local_context(raw)})
    name_keyed(notes)
    return notes, problems + duplicates(raw.get("notes") if isinstance(raw, dict) else None, "Notiz", file)
