"""Rebuild `.cache/cleandev/<set>/` from a git mirror of each set's public repository.

Page bytes and gold texts belong to their sites and authors: they are never committed.
`manifest.json` (committed) names, per set, the repository, its licence, the commit and
every file with its SHA-1; this script copies exactly those blobs out of the mirror and
checks them.

    .venv/bin/python bench/cleandev/fetch.py --mirror SET=/path/to/repo.git [--check]

The mirror is a bare clone (or the search tool's `fetch` snapshot) of the set's `repo`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
MANIFEST = HERE / "manifest.json"
CACHE = ROOT / ".cache" / "cleandev"


def load_manifest() -> dict:
    """The committed description of every set."""
    return json.loads(MANIFEST.read_text("utf-8"))


def git_blob(mirror: Path, commit: str, path: str) -> bytes:
    """Bytes of `path` at `commit` in a git directory."""
    return subprocess.run(
        ["git", "--git-dir", str(mirror), "show", f"{commit}:{path}"],
        check=True, capture_output=True,
    ).stdout


def extract(name: str, spec: dict, mirror: Path) -> int:
    """Copy a set's files out of the mirror into the cache; return how many mismatched."""
    bad = 0
    target = CACHE / name
    for entry in spec["files"]:
        data = git_blob(mirror, spec["commit"], entry["path"])
        if hashlib.sha1(data).hexdigest() != entry["sha1"]:
            print(f"{name}: {entry['path']} differs from the manifest", file=sys.stderr)
            bad += 1
        out = target / entry["path"]
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    print(f"{name}: {len(spec['files'])} files -> {target}")
    return bad


def check(name: str, spec: dict) -> int:
    """Files of a set missing from the cache or changed."""
    bad = 0
    for entry in spec["files"]:
        path = CACHE / name / entry["path"]
        if not path.exists() or hashlib.sha1(path.read_bytes()).hexdigest() != entry["sha1"]:
            print(f"{name}: {entry['path']} missing or changed", file=sys.stderr)
            bad += 1
    print(f"{name}: {len(spec['files']) - bad}/{len(spec['files'])} files present and unchanged")
    return bad


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", action="append", default=[], help="SET=path of the set's git directory")
    parser.add_argument("--check", action="store_true", help="only verify the cache against the manifest")
    args = parser.parse_args()
    sets = load_manifest()["sets"]
    bad = 0
    mirrors = dict(item.split("=", 1) for item in args.mirror)
    for name, spec in sets.items():
        if name in mirrors:
            bad += extract(name, spec, Path(mirrors[name]))
        elif args.check:
            bad += check(name, spec)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
