"""Write the JSON Schemas of the data files to schemas/ (see amm/schemas.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from amm.schemas import all_schemas  # noqa: E402
from validate import languages  # noqa: E402


def main() -> None:
    for name, schema in all_schemas(languages()[0]).items():
        (ROOT / "schemas" / name).write_text(json.dumps(schema, ensure_ascii=False, indent=1) + "\n",
                                             encoding="utf-8")
        print("schemas/" + name)


if __name__ == "__main__":
    main()
