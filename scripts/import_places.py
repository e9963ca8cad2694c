"""Regenerate data/places/ from the public postcode table and the GeoNames file.

Usage: python scripts/import_places.py --plz-table zuordnung_plz_ort.csv --geonames DE.txt [--out data/places]
See data/places/README.md for the formats and licences.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from amm.places.importer import import_places

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plz-table", type=Path, required=True, help="zuordnung_plz_ort.csv")
    parser.add_argument("--geonames", type=Path, required=True, help="GeoNames DE.txt")
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "places")
    args = parser.parse_args()
    for path in (args.plz_table, args.geonames):
        if not path.exists():
            print(f"File not found: {path}", file=sys.stderr)
            return 2
    report = import_places(args.plz_table, args.geonames, args.out)
    print("\n".join(report.lines()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
