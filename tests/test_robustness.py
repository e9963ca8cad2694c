"""Editors' mistakes: each one produces a plain message (file, line, entry, field, fix), the build
stops without a traceback, the JSON Schemas agree with the loaders, and no random change to the
data ends in a crash."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from amm.build import DATA_FILES, load_all
from amm.core.errors import DataErrors
from amm.pages import check_pages
from amm.schemas import all_schemas
from conftest import DEFAULT_LANG, LANG_CODES, ROOT

CASES = yaml.safe_load((ROOT / "tests" / "fixtures" / "broken_cases.yaml").read_text(encoding="utf-8"))
SCHEMA_OF = {path.name: f.schema for f in DATA_FILES for path in ROOT.glob(f.path)}  # data file -> schema


def copy_data(tmp_path: Path, *, docs: bool = False) -> Path:
    """The data in a scratch folder; the pages linked (never written), or copied with docs=True."""
    root = tmp_path / "proj"
    shutil.copytree(ROOT / "data", root / "data")
    if docs:
        shutil.copytree(ROOT / "docs", root / "docs", ignore=shutil.ignore_patterns("verzeichnis"))
    else:
        (root / "docs").symlink_to(ROOT / "docs")  # pages named in the data are checked too
    (root / "overrides").symlink_to(ROOT / "overrides")
    (root / "templates").symlink_to(ROOT / "templates")
    return root


def apply(root: Path, case: dict) -> Path:
    if "page" in case:
        assert not (root / "docs").is_symlink(), "a page case needs copy_data(docs=True)"
    path = root / "docs" / case["page"] if "page" in case else root / "data" / case["file"]
    if case.get("latin1"):
        path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1", errors="replace"))
    elif case.get("directory"):
        path.unlink()
        path.mkdir()
    elif "content" in case:
        path.write_text(case["content"], encoding="utf-8")
    elif "pad_bytes" in case:
        with open(path, "a", encoding="utf-8") as f:
            f.write("#" + "x" * case["pad_bytes"] + "\n")
    elif "remove_key" in case:
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        start = lines.index(case["remove_key"] + ":\n")
        end = next(i for i in range(start + 1, len(lines)) if lines[i][:1] not in (" ", "\n"))
        path.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8")
        for old, new in case["replace"]:
            assert old in text, f"{case['name']}: edit does not apply: {old!r}"
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
    return path


def check(root: Path, *, pages: bool) -> None:
    """What `make validate` checks: every data file, and (pages=True) every page."""
    data = load_all(root, LANG_CODES, DEFAULT_LANG)
    if pages and (problems := check_pages(root, data)):
        raise DataErrors(problems)


def as_json(value):
    """YAML data as JSON would see it (dates as strings)."""
    return json.loads(json.dumps(value, default=lambda v: v.isoformat() if isinstance(v, dt.date) else str(v)))


#: case name -> the German messages it produced (test_each_mistake_gives_its_message fills it, so that
#: the message-table test below runs only the cases not run yet, e.g. under -k)
PRODUCED: dict[str, list[str]] = {}


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_each_mistake_gives_its_message(tmp_path, case):
    root = copy_data(tmp_path, docs="page" in case)
    apply(root, case)
    with pytest.raises(DataErrors) as info:
        check(root, pages=case.get("pages", False))
    PRODUCED[case["name"]] = [p.message_de for p in info.value.problems]
    message = str(info.value)
    for part in case["expect"]:
        assert part in message, f"{case['name']}: {part!r} not in\n{message}"
    assert "So beheben / How to fix:" in message and "(The data has" in message


@pytest.mark.parametrize("case", [c for c in CASES if c.get("schema", True) and "page" not in c],
                         ids=lambda c: c["name"])
def test_the_json_schema_refuses_the_same_mistakes(tmp_path, case):
    """The editor's schema refuses the edit at the field the loader names, not somewhere else."""
    root = copy_data(tmp_path)
    path = apply(root, case)
    with pytest.raises(DataErrors) as info:
        load_all(root, LANG_CODES, DEFAULT_LANG)
    loader_fields = {p.field.split(".")[-1] for p in info.value.problems if p.field}
    schema = json.loads((ROOT / "schemas" / SCHEMA_OF[case["file"]]).read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = list(validator.iter_errors(as_json(yaml.safe_load(path.read_text(encoding="utf-8")))))
    assert errors, f"{case['name']}: the schema accepts the edit"
    schema_fields = {str(e.path[-1]) for e in errors if e.path} | {
        name for e in errors for name in re.findall(r"'(\w+)' (?:is a required property|was unexpected)", e.message)}
    assert loader_fields & schema_fields, (case["name"], loader_fields, [e.message[:80] for e in errors])


def test_shipped_data_validates_against_the_schemas_and_they_are_current():
    generated = all_schemas(LANG_CODES)
    for data_file, schema_file in SCHEMA_OF.items():
        shipped = json.loads((ROOT / "schemas" / schema_file).read_text(encoding="utf-8"))
        assert shipped == generated[schema_file], f"run scripts/write_schemas.py ({schema_file} is out of date)"
        text = (ROOT / "data" / data_file).read_text(encoding="utf-8")
        assert text.startswith(f"# yaml-language-server: $schema=../schemas/{schema_file}")
        jsonschema.validate(as_json(yaml.safe_load(text)), shipped)


# Kinds no data mistake can produce: none (literal_error comes from a competent body's role,
# every_language from the glossary case).
NOT_FROM_DATA: set[str] = set()


def test_every_message_of_the_table_is_produced_by_a_broken_case(tmp_path):
    """Each entry of amm/core/model.py MESSAGES appears in the output of at least one case of
    tests/fixtures/broken_cases.yaml (kinds with the same German text count together)."""
    from amm.core.model import MESSAGES

    seen = [text for produced in PRODUCED.values() for text in produced]
    for case in CASES:
        if "page" in case or case.get("pages") or case["name"] in PRODUCED:
            continue
        root = copy_data(tmp_path / re.sub(r"\W", "_", case["name"]))
        apply(root, case)
        try:
            load_all(root, LANG_CODES, DEFAULT_LANG)
        except DataErrors as exc:
            seen += [p.message_de for p in exc.problems]
    missing = []
    for kind, (de, _, _) in MESSAGES.items():
        pattern = re.compile(".*?".join(re.escape(part) for part in re.split(r"\{\w+\}", de)))
        if kind not in NOT_FROM_DATA and not any(pattern.fullmatch(text) for text in seen):
            missing.append(kind)
    assert missing == []


def test_all_problems_of_a_run_are_reported_together(tmp_path):
    root = copy_data(tmp_path)
    chosen = [c for c in CASES if c["name"] in ("invalid phone", "invalid URL", "unknown field (typo)",
                                                "invalid postcode")]
    for case in chosen:
        apply(root, case)
    with pytest.raises(DataErrors) as info:
        load_all(root, LANG_CODES, DEFAULT_LANG)
    message = str(info.value)
    for case in chosen:
        assert all(part in message for part in case["expect"]), case["name"]
    # the renamed field is reported twice, as unknown and as missing: 5 problems in one run
    assert len(info.value.problems) == 5


def test_a_broken_rule_is_reported_together_with_a_broken_field_of_the_same_entry(tmp_path):
    """pydantic skips a model's rules while one of its fields is invalid; the editor must still see
    both in one run: the project's district that does not exist, and the phase its status needs."""
    root = copy_data(tmp_path)
    apply(root, {"file": "projects.yaml", "name": "field and rule", "replace": [
        ['      - district: "14511"\n    status: current\n    status_phase: 2025-2027\n',
         '      - district: "14999"\n    status: current\n']]})
    with pytest.raises(DataErrors) as info:
        load_all(root, LANG_CODES, DEFAULT_LANG)
    found = {(p.entry, p.field, p.message_de) for p in info.value.problems}
    assert ("Projekt chemnitz, coverage Nr. 1", "district", "„14999“ gibt es in data/districts.yaml nicht.") in found
    assert ("Projekt chemnitz", "status_phase", "Pflichtfeld fehlt oder ist leer.") in found


def test_validate_command_reports_without_traceback(tmp_path):
    from conftest import COPY_IGNORE

    project = tmp_path / "p"
    shutil.copytree(ROOT, project, ignore=COPY_IGNORE)
    ok = subprocess.run([sys.executable, "scripts/validate.py"], cwd=project, capture_output=True, text=True)
    assert ok.returncode == 0 and "Alles in Ordnung" in ok.stdout
    apply(project, next(c for c in CASES if c["name"] == "invalid phone"))
    bad = subprocess.run([sys.executable, "scripts/validate.py"], cwd=project, capture_output=True, text=True)
    assert bad.returncode == 1
    assert "keine gültige deutsche Telefonnummer" in bad.stderr and "Traceback" not in bad.stderr


# --- random changes never crash ----------------------------------------------------------------

MUTABLE = [sorted(ROOT.glob(f.path))[0].name for f in DATA_FILES]  # every data file (of ui*.yaml: ui.yaml)


@functools.cache
def original(name: str):   # read when first used: a broken data file fails tests, not the collection
    return yaml.safe_load((ROOT / "data" / name).read_text(encoding="utf-8"))


ODD_VALUES = [None, "", 0, -1, 3.5, True, [], {}, "x" * 300, "<script>", "2026-13-45", ["a"], {"de": None},
              "ZU ERGÄNZEN", "14999", "+49", "ünïcødé ✓", "\t", {"x": {"y": [1, {"z": None}]}}, "a\u202eb", "a\rb"]
# what an editor's keyboard does to the text: values YAML reads differently than meant, broken syntax
ODD_TEXT = ["2026-02-30", "2025-13-45", "2026-01-01 25:00:00", "no", "on", "01067", "0371256", "9:30", "[", "{",
            "&a [*a]", "*nowhere", "'", '"', "- x", "x: y: z", "{district", "\"a\\u202eb\"", "\"a\\rb\"", "|", ">-",
            "!!python/object:os.system", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"]


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, prefix + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _paths(item, prefix + (i,))


def _mutate(data, path, action, odd):
    odd = json.loads(json.dumps(odd))  # a fresh copy: never a cycle through the shared ODD_VALUES
    if not path:
        return odd if action == "replace" else data
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if action == "delete":
        del parent[last]
    elif action == "replace":
        parent[last] = odd
    elif action == "duplicate" and isinstance(parent, list):
        parent.append(json.loads(json.dumps(parent[last], default=str)))
    elif isinstance(parent, dict):  # on a mapping: a copy under a new name, or a renamed key
        value = parent[last] if action == "duplicate" else parent.pop(last)
        parent[f"{last}_x"] = value
    return data


def _mutate_text(text: str, line: int, action: str, odd: str) -> str:
    lines = text.split("\n")
    line %= len(lines)
    head, sep, _ = lines[line].partition(": ")
    if action == "value":
        lines[line] = head + ": " + odd if sep else lines[line] + odd
    elif action == "delete":
        del lines[line]
    elif action == "duplicate":        # the same key twice, or a list item twice
        lines.insert(line, lines[line])
    elif action == "indent":
        lines[line] = "   " + lines[line]
    elif action == "truncate":
        lines = lines[:line]
    return "\n".join(lines)


def _model_is_complete(value, where="BuildData", seen=None) -> list[str]:
    """Every field of the loaded model that holds None although its type does not allow it."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return []
    seen.add(id(value))
    gaps = []
    if dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            item = getattr(value, f.name)
            if item is None and "None" not in str(f.type) and "Optional" not in str(f.type):
                gaps.append(f"{where}.{f.name}")
            gaps += _model_is_complete(item, f"{where}.{f.name}", seen)
    elif isinstance(value, dict):
        for key, item in value.items():
            gaps += _model_is_complete(item, f"{where}[{key!r}]", seen)
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            gaps += _model_is_complete(item, f"{where}[{i}]", seen)
    return gaps


def _load_or_explain(root: Path) -> None:
    try:
        loaded = load_all(root, LANG_CODES, DEFAULT_LANG)
    except DataErrors as exc:
        assert exc.problems and all(p.file and (p.message_de and p.message_en) for p in exc.problems)
        return
    assert _model_is_complete(loaded) == [], "the data loaded, but parts of the model are missing"


def test_the_model_check_notices_a_gap():
    loaded = load_all(ROOT, LANG_CODES, DEFAULT_LANG)
    assert _model_is_complete(loaded) == []
    loaded.places = None
    assert _model_is_complete(loaded) == ["BuildData.places"]


# Each example is one full load of the data (about 0.15 s); 30 per run are 3 per file on average, and
# every run draws new ones (no fixed seed), so the changes tried add up over runs.
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(file=st.sampled_from(MUTABLE), action=st.sampled_from(["delete", "replace", "duplicate", "rename"]),
       odd=st.sampled_from(ODD_VALUES), count=st.integers(1, 3), draw=st.data())
def test_random_changes_to_valid_data_never_end_in_a_traceback(tmp_path_factory, file, action, odd, count, draw):
    root = tmp_path_factory.mktemp("mut")
    shutil.copytree(ROOT / "data", root / "data")
    data = json.loads(json.dumps(original(file), default=lambda v: v.isoformat()))
    for _ in range(count):
        data = _mutate(data, draw.draw(st.sampled_from(list(_paths(data)))), action, odd)
    (root / "data" / file).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    _load_or_explain(root)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(file=st.sampled_from(MUTABLE), line=st.integers(0, 10**6),
       action=st.sampled_from(["value", "delete", "duplicate", "indent", "truncate"]), odd=st.sampled_from(ODD_TEXT))
def test_random_edits_of_the_yaml_text_never_end_in_a_traceback(tmp_path_factory, file, line, action, odd):
    root = tmp_path_factory.mktemp("txt")
    shutil.copytree(ROOT / "data", root / "data")
    path = root / "data" / file
    path.write_text(_mutate_text(path.read_text(encoding="utf-8"), line, action, odd), encoding="utf-8")
    _load_or_explain(root)


# --- one clock, escaping, build safety ---------------------------------------------------------

def test_today_comes_from_amm_today(monkeypatch):
    from amm.core import clock

    monkeypatch.setenv("AMM_TODAY", "2027-11-22")
    assert clock.today() == dt.date(2027, 11, 22)
    monkeypatch.setenv("AMM_TODAY", "22.11.2027")
    with pytest.raises(DataErrors, match="„22.11.2027“ ist kein Datum"):
        clock.today()


def test_shipped_data_is_in_the_future_before_its_dates_and_valid_from_the_pinned_day(monkeypatch):
    monkeypatch.setenv("AMM_TODAY", "2026-11-20")   # the day before the newest check in data/
    with pytest.raises(DataErrors, match="liegt in der Zukunft"):
        load_all(ROOT, LANG_CODES, DEFAULT_LANG)
    monkeypatch.setenv("AMM_TODAY", "2026-12-01")
    load_all(ROOT, LANG_CODES, DEFAULT_LANG)


def test_data_text_is_escaped_where_it_enters_html():
    from amm.directory.pages import _vcard_escape
    from amm.core.markers import format_value
    from amm.core.site import UiTexts

    assert format_value('<script>alert(1)</script>', "de") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    ui = UiTexts({"label": {"de": 'Suche" onfocus="alert(1)', "en": "Search"}})
    assert str(ui.escaped("de")["label"]) == "Suche&#34; onfocus=&#34;alert(1)"
    assert _vcard_escape("A\rEND:VCARD") == "A\\nEND:VCARD"


def test_a_ui_text_with_a_placeholder_the_site_does_not_fill_gives_a_message():
    from amm.core.site import UiTexts

    ui = UiTexts({"greeting": {"de": "Hallo {bezirk}"}}, {"greeting": "data/ui_directory.yaml"})
    with pytest.raises(DataErrors) as info:
        ui.for_language("de")["greeting"].format(district="Leipzig")
    assert "data/ui_directory.yaml, Eintrag „greeting“, Feld „de“" in str(info.value)
    assert "Erlaubt sind hier: {district}." in str(info.value)
    with pytest.raises(DataErrors, match="Der Oberflächentext „gone“ fehlt."):
        ui.for_language("de")["gone"]


def test_a_killed_build_leaves_nothing_behind_for_the_next_one(tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    import build

    target = tmp_path / "site"
    target.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True).stdout.strip()
    left = tmp_path / f".site-build-{dead}-abc123"      # what a SIGKILLed build leaves
    (left / "assets").mkdir(parents=True)
    running = tmp_path / f".site-build-{os.getpid()}-xyz"  # a build that is still running stays
    running.mkdir()
    assert build.remove_leftovers(tmp_path, target) == [left]
    assert not left.exists() and running.exists() and target.exists()
    # killed between the two renames: site/ is gone, site.old is the last good site
    target.rename(tmp_path / "site.old")
    build.remove_leftovers(tmp_path, target)
    assert target.is_dir() and not (tmp_path / "site.old").exists()


def test_an_unwritable_site_folder_gives_a_message_not_a_traceback():
    result = subprocess.run([sys.executable, "scripts/build.py", "--site-dir", "/proc/amm-no-such/site"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert "Kann nicht in /proc/amm-no-such schreiben" in result.stderr
    assert "the site was not built" in result.stderr and "Traceback" not in result.stderr


def test_mkdocs_build_into_an_unwritable_folder_gives_a_message(tmp_path):
    from conftest import run_build

    result = run_build(ROOT, Path("/proc/amm-no-such/site"))
    assert result.returncode == 1
    assert "Kann nicht in /proc/amm-no-such/site schreiben" in result.output and "Traceback" not in result.output
