"""What one site build shares between the hook files: the validated data of this build."""

from __future__ import annotations

from dataclasses import dataclass

from amm.directory import Directory
from amm.glossary import Glossary
from amm.legal import Rules
from amm.notes import Notes
from amm.offices import Offices
from amm.places import Places
from amm.recognition import Recognition
from amm.sitedata import Site, UiTexts


@dataclass
class BuildData:
    site: Site
    ui: UiTexts
    languages: list[str]
    default_language: str
    directory: Directory
    places: Places
    rules: Rules
    recognition: Recognition | None = None
    notes: Notes | None = None
    changes: "Changes | None" = None
    offices: Offices | None = None
    glossary: Glossary | None = None


_current: BuildData | None = None


def set_current(data: BuildData) -> None:
    global _current
    _current = data


def current() -> BuildData:
    if _current is None:
        raise RuntimeError("site data not loaded: hooks/site_data.py must run first")
    return _current
