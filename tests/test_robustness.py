"""Editors' mistakes: each one produces a plain message (file, line, entry, field, fix), the build
stops without a traceback, the JSON Schemas agree with the loaders, and no random change to the
data ends in a crash."""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from amm.errors import DataErrors
from amm.loader import load_all
from amm.schemas import all_schemas
from conftest import DEFAULT_LANG, LANG_CODES, ROOT

CASES = yaml.safe_load((ROOT / "tests" / "fixtures" / "broken_cases.yaml").read_text(encoding="utf-8"))
SCHEMA_OF = {"sources.yaml": "sources.schema.json", "site.yaml": "site.schema.json",
             "districts.yaml": "districts.schema.json", "contacts.yaml": "contacts.schema.json",
             "projects.yaml": "projects-data.schema.json", "recognition.yaml": "recognition.schema.json",
             "practice_notes.yaml": "practice-notes.schema.json",
             "legal_rules.yaml": "legal-rules.schema.json", "legal_changes.yaml": "legal-changes.schema.json",
             "offices.yaml": "offices.schema.json", "glossary.yaml": "glossary.schema.json",
             **{p.name: "ui.schema.json" for p in (ROOT / "data").glob("ui*.yaml")}}


def copy_data(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    shutil.copytree(ROOT / "data", root / "data")
    (root / "docs").symlink_to(ROOT / "docs")  # pages named in the data are checked too; never written
    return root


def apply(root: Path, case: dict) -> Path:
    path = root / "data" / case["file"]
    if case.get("latin1"):
        path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1", errors="replace"))
    elif "content" in case:
        path.write_text(case["content"], encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8")
        for old, new in case["replace"]:
            assert old in text, f"{case['name']}: edit does not apply: {old!r}"
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
    return path


def as_json(value):
    """YAML data as JSON would see it (dates as strings)."""
    return json.loads(json.dumps(value, default=lambda v: v.isoformat() if isinstance(v, dt.date) else str(v)))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_each_mistake_gives_its_message(tmp_path, case):
    root = copy_data(tmp_path)
    apply(root, case)
    with pytest.raises(DataErrors) as info:
        load_all(root, LANG_CODES, DEFAULT_LANG)
    message = str(info.value)
    for part in case["expect"]:
        assert part in message, f"{case['name']}: {part!r} not in\n{message}"
    assert "So beheben / How to fix:" in message and "(The data has" in message


@pytest.mark.parametrize("case", [c for c in CASES if c.get("schema", True)], ids=lambda c: c["name"])
def test_the_json_schema_refuses_the_same_mistakes(tmp_path, case):
    root = copy_data(tmp_path)
    path = apply(root, case)
    schema = json.loads((ROOT / "schemas" / SCHEMA_OF[case["file"]]).read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(as_json(yaml.safe_load(path.read_text(encoding="utf-8"))), schema)


def test_shipped_data_validates_against_the_schemas_and_they_are_current():
    generated = all_schemas(LANG_CODES)
    for data_file, schema_file in SCHEMA_OF.items():
        shipped = json.loads((ROOT / "schemas" / schema_file).read_text(encoding="utf-8"))
        assert shipped == generated[schema_file], f"run scripts/write_schemas.py ({schema_file} is out of date)"
        text = (ROOT / "data" / data_file).read_text(encoding="utf-8")
        assert text.startswith(f"# yaml-language-server: $schema=../schemas/{schema_file}")
        jsonschema.validate(as_json(yaml.safe_load(text)), shipped)


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

MUTABLE = ["site.yaml", "sources.yaml", "districts.yaml", "contacts.yaml", "projects.yaml", "recognition.yaml",
           "practice_notes.yaml", "offices.yaml"]
ORIGINALS = {name: yaml.safe_load((ROOT / "data" / name).read_text(encoding="utf-8")) for name in MUTABLE}
ODD_VALUES = [None, "", 0, -1, 3.5, True, [], {}, "x" * 300, "<script>", "2026-13-45", ["a"], {"de": None},
              "ZU ERGÄNZEN", "14999", "+49", "ünïcødé ✓", "\t", {"x": {"y": [1, {"z": None}]}}]


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, prefix + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _paths(item, prefix + (i,))


def _mutate(data, path, action, odd, rng):
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
    elif action == "rename" and isinstance(parent, dict):
        parent[str(last) + rng.choice(["_", "x", "s"])] = parent.pop(last)
    return data


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(file=st.sampled_from(MUTABLE), seed=st.integers(0, 10**6),
       action=st.sampled_from(["delete", "replace", "duplicate", "rename"]),
       odd=st.sampled_from(ODD_VALUES), count=st.integers(1, 3))
def test_random_changes_to_valid_data_never_end_in_a_traceback(tmp_path_factory, file, seed, action, odd, count):
    rng = random.Random(seed)
    root = tmp_path_factory.mktemp("mut")
    shutil.copytree(ROOT / "data", root / "data")
    data = json.loads(json.dumps(ORIGINALS[file], default=lambda v: v.isoformat()))
    for _ in range(count):
        paths = list(_paths(data))
        data = _mutate(data, rng.choice(paths), action, odd, rng)
    (root / "data" / file).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    try:
        load_all(root, LANG_CODES, DEFAULT_LANG)
    except DataErrors as exc:
        assert exc.problems and all(p.file for p in exc.problems)
