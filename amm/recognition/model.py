"""Competent bodies for the recognition of foreign qualifications in Saxony (data/recognition.yaml).

`groups` are profession groups (names in every language, whether the professions are regulated);
`bodies` the bodies that decide or advise, each with the groups it covers, the region, what it does,
and only the contact data a source gives (website, e-mail, postal). Every body needs sources.
The build renders the table "Wer ist zuständig?" and the lookup by profession group from it
(amm/recognition/markers.py).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Literal

from amm.core import clock
from amm.core.errors import Problem, rel
from amm.core.model import (Email, I18n, I18nEach, Id, Keyed, Label, Model, Ref, SourceRef, Text, Url, at_least_one,
                            duplicates, name_keyed, validate)
from amm.core.site import Source
from amm.core.yamlfile import load_yaml



class Group(Keyed):
    """A profession group; its name is shown in every language (the mentee guide)."""

    entry_label = "Berufsgruppe"

    name: I18nEach
    regulated: Literal["yes", "no", "partly", "depends"]


class Body(Model):
    entry_label = "Stelle"

    id: Id
    name: Text
    role: Literal["decides", "advises"]
    groups: Annotated[list[Ref("groups")], at_least_one(
        "Jede Stelle braucht mindestens eine Berufsgruppe.", "Every body needs at least one profession group.",
        "z. B. groups: [handwerk] (Kennungen unter groups oben).")]
    area: I18n
    task: I18n
    website: Url = ""
    email: Email = ""
    postal: Text = ""
    sources: Annotated[list[SourceRef], at_least_one(
        "Jede Stelle braucht mindestens eine Quelle.", "Every body needs at least one source.",
        "Die Seite, auf der die Zuständigkeit steht, in data/sources.yaml eintragen und ihre Kennung hier "
        "unter sources nennen.")]
    label: Label
    note: I18n = {}


class Recognition(Model):
    """data/recognition.yaml. Whole-file rule (after the fields, same run): every group has a
    deciding body."""

    groups: dict[Id, Group]
    bodies: list[Body]

    @classmethod
    def local_context(cls, raw) -> dict:
        groups = raw.get("groups") if isinstance(raw, dict) else None
        return {"groups": set(groups) if isinstance(groups, dict) else set()}

    def deciding(self, group: str) -> list[Body]:
        return [b for b in self.bodies if b.role == "decides" and group in b.groups]

    def advising(self) -> list[Body]:
        return [b for b in self.bodies if b.role == "advises"]


def load_recognition(path: Path, sources: dict[str, Source], languages: list[str], *,
                     today: dt.date | None = None) -> tuple[Recognition | None, list[Problem]]:
    """data/recognition.yaml, checked against the sources. Returns the data and the problems found."""
    raw = load_yaml(path)
    file = rel(path)
    recognition, problems = validate(raw, Recognition, file, context={
        "languages": languages, "sources": sources, "today": today or clock.today(), **Recognition.local_context(raw)})
    name_keyed(recognition)
    problems += duplicates(raw.get("bodies") if isinstance(raw, dict) else None, "Stelle", file)
    for gid in recognition.groups if recognition else ():
        if not recognition.deciding(gid):
            problems.append(Problem(file, f"Berufsgruppe {gid}", "",
                                    "Für diese Berufsgruppe ist keine entscheidende Stelle eingetragen.",
                                    "No deciding body is listed for this profession group.",
                                    "Unter bodies eine Stelle mit role: decides und dieser Gruppe ergänzen.",
                                    raw["groups"].line_of(gid)))
    return recognition, problems
