"""Build the site for publishing: strict build into a temporary folder, then swap it in.

A failed build (bad data, broken link, any warning) leaves the last good site/ untouched.
SITE_URL (environment) is the public address; without it the build leaves absolute addresses
out and says so.
Temporary folders of a build that was killed (even with SIGKILL) are removed by the next build.
A site/ that cannot be written gives a message, not a traceback.
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
PREFIX = ".site-build-"   # staging folders: .site-build-<pid>-<random>


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_leftovers(parent: Path, target: Path) -> list[Path]:
    """Staging folders of builds whose process is gone, and a half-swapped <site>.old."""
    removed = []
    for folder in parent.glob(PREFIX + "*"):
        pid = folder.name[len(PREFIX):].split("-")[0]
        if folder.is_dir() and (not pid.isdigit() or not _alive(int(pid))):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    old = target.with_name(target.name + ".old")
    if old.is_dir() and target.is_dir():
        shutil.rmtree(old, ignore_errors=True)
        removed.append(old)
    elif old.is_dir():          # killed between the two renames: the old site is the last good one
        old.rename(target)
    return removed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", default=str(ROOT / "site"))
    args = parser.parse_args()
    target = Path(args.site_dir).resolve()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        for folder in remove_leftovers(target.parent, target):
            print(f"Removed what an interrupted build left: {folder}")
        staging = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=target.parent))
    except OSError as exc:
        print(f"Kann nicht in {target.parent} schreiben ({exc.strerror}); die Website wurde nicht gebaut.\n"
              f"(Cannot write to {target.parent}: {exc.strerror}; the site was not built.)\n"
              "So beheben / How to fix: Schreibrechte für den Ordner prüfen oder mit --site-dir einen "
              "anderen Ordner angeben.", file=sys.stderr)
        return 1
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(staging)],
            cwd=ROOT, check=False)
        if result.returncode != 0:
            print(f"\nBuild failed: {target} was left unchanged.", file=sys.stderr)
            return result.returncode
        old = target.with_name(target.name + ".old")
        try:
            shutil.rmtree(old, ignore_errors=True)
            if target.exists():
                target.rename(old)
            staging.rename(target)
        except OSError as exc:
            if old.exists() and not target.exists():
                old.rename(target)
            print(f"Kann {target} nicht ersetzen ({exc.strerror}); die alte Fassung bleibt.\n"
                  f"(Cannot replace {target}: {exc.strerror}; the previous site stays.)\n"
                  "So beheben / How to fix: Schreibrechte für den Ordner prüfen.", file=sys.stderr)
            return 1
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
