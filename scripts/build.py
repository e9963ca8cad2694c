"""Build the site for publishing: strict build into a temporary folder, then swap it in.

A failed build (bad data, broken link, any warning) leaves the last good site/ untouched.
SITE_URL (environment) is the public address; without it the build leaves absolute addresses
out and says so.
Usage: python scripts/build.py [--site-dir site]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", default=str(ROOT / "site"))
    args = parser.parse_args()
    target = Path(args.site_dir).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=target.parent))
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(staging)],
            cwd=ROOT, check=False)
        if result.returncode != 0:
            print(f"\nBuild failed: {target} was left unchanged.", file=sys.stderr)
            return result.returncode
        old = target.with_name(target.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            target.rename(old)
        staging.rename(target)
        shutil.rmtree(old, ignore_errors=True)
        print(f"Site published to {target}")
        if not os.environ.get("SITE_URL"):
            print("Note: SITE_URL was not set, so the site has no absolute addresses (no canonical "
                  "or hreflang links, no QR codes on the project handouts). Build again with "
                  "SITE_URL=https://your.public.address/ before going live.", file=sys.stderr)
        return 0
    finally:
        shutil.rmtree(staging, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
