"""JSON Schemas of the data files and public exports, for editors: VS Code, IntelliJ and other YAML
editors use them for completion and checking (each YAML file names its schema in its first line).

Every schema is generated from the model that declares the file's fields (amm/build.py DATA_FILES,
EXPORTS; amm/core/model.py json_schema): no field list is written twice. Tests check that the
shipped data validates and that typical mistakes are refused by both schema and loader.
Regenerate the files with `python scripts/write_schemas.py`.
"""

from __future__ import annotations


def all_schemas(languages: list[str]) -> dict[str, dict]:
    """File name in schemas/ -> schema."""
    from amm.build import DATA_FILES, EXPORTS
    from amm.core.model import json_schema

    return {f.schema: json_schema(f.model, languages, f.path) for f in DATA_FILES + EXPORTS}
