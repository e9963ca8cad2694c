"""Which German text a translation translates, and whether that German text changed since.

Pages: a translation (`docs/x.ar.md`) records in its front matter the hash of the German
original (`docs/x.md`) it was made from: `translated_from: 1a2b3c4d5e6f`. Data texts: the hashes
live in one generated sidecar file, data/translations.lock.yaml, so the editors' YAML files stay as
they are: per data file, per text (a path such as `rows.duldung.cells.job.note`), per language.
Both are written by `scripts/translations.py stamp`, never by hand.

A translation is
- "current"   when the German text still has the recorded hash,
- "outdated"  when the German text changed after the translation was stamped,
- "unstamped" when nothing was recorded (a new translation nobody stamped yet),
- "missing"   when there is no translation at all.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from amm.core.yamlfile import LineDict, load_yaml

FRONT_MATTER_KEY = "translated_from"
LOCK_FILE = "data/translations.lock.yaml"
#: data files whose texts are tracked: every data/*.yaml except these (no texts for people,
#: or generated)
UNTRACKED = frozenset({"sources.yaml", "site.yaml", "districts.yaml", "translations.lock.yaml"})
#: appended to an outdated translated data text while the site is built; hooks/translations.py
#: turns it into the visible "German original updated" marker (a private-use character, so it
#: never collides with real text)
OUTDATED_MARK = "\ue000"

STATES = ("current", "outdated", "unstamped", "missing")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)


def text_hash(text: str) -> str:
    """A short fingerprint of a German text; blank lines and trailing spaces do not count."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").strip().split("\n")]
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:12]


def state_of(recorded: str | None, german_hash: str) -> str:
    if not recorded:
        return "unstamped"
    return "current" if recorded == german_hash else "outdated"


# --- pages -------------------------------------------------------------------------------

def split_front_matter(text: str) -> tuple[dict, str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta = yaml.safe_load(match.group(1) or "") or {}
    return (meta if isinstance(meta, dict) else {}), text[match.end():]


def page_language(path: Path, languages: list[str]) -> str | None:
    """"ar" for docs/x.ar.md, None for the German original docs/x.md."""
    parts = path.name.split(".")
    return parts[-2] if len(parts) >= 3 and parts[-2] in languages else None


def german_original(path: Path, languages: list[str]) -> Path:
    lang = page_language(path, languages)
    return path if lang is None else path.with_name(path.name[: -len(f".{lang}.md")] + ".md")


def translation_path(original: Path, lang: str) -> Path:
    return original.with_name(original.name[: -len(".md")] + f".{lang}.md")


def page_hash(original: Path) -> str:
    return text_hash(original.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class PageState:
    page: str            # the German original, relative to docs/ ("recht/duldung.md")
    lang: str
    state: str           # one of STATES
    reviewed: bool = False

    @property
    def translation(self) -> str:
        return self.page[: -len(".md")] + f".{self.lang}.md"


def page_state(translation: Path, languages: list[str], meta: dict | None = None) -> str:
    """State of one translation file; `meta` is its front matter if already parsed."""
    if meta is None:
        meta, _ = split_front_matter(translation.read_text(encoding="utf-8"))
    original = german_original(translation, languages)
    return state_of(str(meta.get(FRONT_MATTER_KEY) or ""), page_hash(original))


#: folders whose pages are not translated by hand: generated directory pages, internal pages
NOT_TRANSLATED = frozenset({"verzeichnis", "intern"})


def german_pages(docs: Path, languages: list[str]) -> list[Path]:
    """Every German page meant for translation."""
    return sorted(p for p in docs.rglob("*.md")
                  if page_language(p, languages) is None and not NOT_TRANSLATED & set(p.relative_to(docs).parts))


def page_states(docs: Path, languages: list[str], default: str) -> list[PageState]:
    states = []
    for original in german_pages(docs, languages):
        rel = original.relative_to(docs).as_posix()
        current = page_hash(original)  # once per original, not once per language
        for lang in languages:
            if lang == default:
                continue
            path = translation_path(original, lang)
            if not path.is_file():
                states.append(PageState(rel, lang, "missing"))
                continue
            meta, _ = split_front_matter(path.read_text(encoding="utf-8"))
            states.append(PageState(rel, lang, state_of(str(meta.get(FRONT_MATTER_KEY) or ""), current),
                                    bool(meta.get("translation_reviewed", False))))
    return states


def stamp_page(translation: Path, languages: list[str]) -> bool:
    """Record the current German original's hash in the translation; True if the file changed."""
    if page_language(translation, languages) is None:
        raise ValueError(f"{translation} is a German original, not a translation (name.<lang>.md)")
    original = german_original(translation, languages)
    if not original.is_file():
        raise ValueError(f"{translation}: the German original {original.name} does not exist")
    line = f'{FRONT_MATTER_KEY}: "{page_hash(original)}"'  # quoted: a hash of digits is no number
    text = translation.read_text(encoding="utf-8")
    match = _FRONT_MATTER.match(text)
    if match:
        body = match.group(1) or ""
        key_line = re.compile(rf"^{FRONT_MATTER_KEY}:.*$", re.M)
        body = key_line.sub(line, body, count=1) if key_line.search(body) else body + line + "\n"
        new = "---\n" + body + "---\n" + text[match.end():]
    else:
        new = f"---\n{line}\n---\n\n" + text
    if new == text:
        return False
    translation.write_text(new, encoding="utf-8")
    return True


# --- data texts --------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)  # one object per text: hashable by identity
class DataText:
    """One text for people in a data file, with its translations."""

    file: str            # "data/legal_rules.yaml"
    path: str            # "rows.duldung.cells.job.note"
    line: int
    texts: dict

    @property
    def entry(self) -> str:
        return self.path.rsplit(".", 1)[0] if "." in self.path else ""

    @property
    def field(self) -> str:
        return self.path.rsplit(".", 1)[-1]


def _is_text(value: Any, languages: list[str]) -> bool:
    return (isinstance(value, dict) and "de" in value and len(value) > 1
            and all(k in languages for k in value) and isinstance(value.get("de"), str))


def _walk(value: Any, path: str, line: int, file: str, languages: list[str]) -> Iterator[DataText]:
    if _is_text(value, languages):
        yield DataText(file, path, line, {k: str(v).strip() for k, v in value.items() if isinstance(v, str)})
    elif isinstance(value, dict):
        for key, item in value.items():
            at = value.line_of(key) if isinstance(value, LineDict) else line
            yield from _walk(item, f"{path}.{key}" if path else str(key), at, file, languages)
    elif isinstance(value, list):
        for number, item in enumerate(value):
            ident = item.get("id") if isinstance(item, dict) else None
            at = item.line if isinstance(item, LineDict) else line
            yield from _walk(item, f"{path}[{ident if ident is not None else number}]", at, file, languages)


def tracked_files(root: Path) -> list[Path]:
    return sorted(p for p in (root / "data").glob("*.yaml") if p.name not in UNTRACKED)


def data_texts(root: Path, languages: list[str]) -> list[DataText]:
    texts = []
    for path in tracked_files(root):
        texts += _walk(load_yaml(path), "", 0, f"data/{path.name}", languages)
    return texts


def load_lock(root: Path) -> dict[str, dict[str, dict[str, str]]]:
    path = root / LOCK_FILE
    if not path.is_file():
        return {}
    lock = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(f): {str(p): {str(k): str(v) for k, v in (langs or {}).items()} for p, langs in (texts or {}).items()}
            for f, texts in lock.items()}


def write_lock(root: Path, lock: dict[str, dict[str, dict[str, str]]]) -> None:
    """One line per text, so a review of the diff shows exactly which texts were re-stamped."""
    out = ["# Generated by `scripts/translations.py stamp` – do not edit by hand.",
           "# For every translated text in data/*.yaml: the hash of the German text each",
           "# translation was made from (per language). See README, “Translations”.", ""]
    for file in sorted(lock):
        if not lock[file]:
            continue
        out.append(f"{json.dumps(file)}:")
        for path in sorted(lock[file]):
            langs = ", ".join(f'{lang}: "{h}"' for lang, h in lock[file][path].items())
            out.append(f"  {json.dumps(path, ensure_ascii=False)}: {{{langs}}}")
    (root / LOCK_FILE).write_text("\n".join(out) + "\n", encoding="utf-8")


@dataclass(frozen=True)
class DataState:
    text: DataText
    lang: str
    state: str


def data_states(texts: list[DataText], lock: dict, languages: list[str], default: str) -> list[DataState]:
    states = []
    for text in texts:
        german = text_hash(text.texts["de"])
        recorded = lock.get(text.file, {}).get(text.path, {})
        for lang in languages:
            if lang == default:
                continue
            if lang not in text.texts:
                states.append(DataState(text, lang, "missing"))
            else:
                states.append(DataState(text, lang, state_of(recorded.get(lang), german)))
    return states


def stamp_data(root: Path, languages: list[str], *, only: str | None = None, langs: list[str] | None = None,
               force: bool = False) -> int:
    """Record the current German hash for translated data texts; returns how many were stamped.

    `only`: a data file ("data/legal_rules.yaml") or one text ("data/legal_rules.yaml:rows.x.note").
    Without `force`, a translation that already has a stamp keeps it unless `only` names it.
    Stamps of texts or translations that no longer exist are dropped.
    """
    lock = load_lock(root)
    new: dict[str, dict[str, dict[str, str]]] = {}
    count = 0
    for text in data_texts(root, languages):
        selected = only is None or only in (text.file, f"{text.file}:{text.path}")
        old = lock.get(text.file, {}).get(text.path, {})
        entry = {}
        for lang in text.texts:
            if lang == "de":
                continue
            take = selected and (langs is None or lang in langs) and (force or only or lang not in old)
            if take:
                entry[lang] = text_hash(text.texts["de"])
                count += entry[lang] != old.get(lang)
            elif lang in old:
                entry[lang] = old[lang]
        if entry:
            new.setdefault(text.file, {})[text.path] = entry
    write_lock(root, new)
    return count


def outdated_translations(states: list[DataState]) -> set[tuple[str, str, str]]:
    """(German text, language, translated text) of every outdated translation."""
    return {(s.text.texts["de"], s.lang, s.text.texts[s.lang]) for s in states if s.state == "outdated"}


def mark_outdated(model: Any, outdated: set[tuple[str, str, str]]) -> int:
    """Append OUTDATED_MARK to every outdated translation inside the loaded data model.

    The model keeps texts as {lang: text} dicts (dataclasses, dicts and lists all the way
    down); a translation is found by its German text, language and own text, so the loaders
    need not know about drift. Returns how many texts were marked.
    """
    if not outdated:
        return 0
    seen: set[int] = set()
    marked = 0

    def visit(value: Any) -> None:
        nonlocal marked
        if id(value) in seen or isinstance(value, (str, int, float, bool, type(None))):
            return
        seen.add(id(value))
        if isinstance(value, dict):
            german = value.get("de")
            if isinstance(german, str):
                for lang, text in list(value.items()):
                    if isinstance(text, str) and (german.strip(), lang, text.strip()) in outdated:
                        value[lang] = text + OUTDATED_MARK
                        marked += 1
            for item in list(value.values()):
                visit(item)
        elif isinstance(value, (list, tuple, set, frozenset)):
            for item in value:
                visit(item)
        elif hasattr(value, "__dataclass_fields__"):
            for name in value.__dataclass_fields__:
                visit(getattr(value, name, None))
        elif hasattr(value, "__dict__"):
            for item in vars(value).values():
                visit(item)

    visit(model)
    return marked


_TAG_OR_HEAD = re.compile(r"(<head\b.*?</head>|<!--.*?-->|<[^>]+>)", re.S | re.I)


def resolve_marks(html: str, marker: str) -> str:
    """Replace OUTDATED_MARK after an outdated text with `marker` (HTML); where the text ended up
    inside a tag (an attribute) or in <head>, the mark is simply removed."""
    parts = _TAG_OR_HEAD.split(html)
    return "".join(part.replace(OUTDATED_MARK, "") if part.startswith("<")
                   else part.replace(OUTDATED_MARK, " " + marker) for part in parts)


def strip_marks(text: str) -> str:
    """For exports (JSON, vCard): no marker, the plain translation (also when JSON-escaped)."""
    return text.replace(OUTDATED_MARK, "").replace("\\ue000", "").replace("\\uE000", "")
