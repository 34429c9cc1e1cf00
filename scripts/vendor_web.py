"""Copy the web interface's front-end files from npm into the package.

    python scripts/vendor_web.py          # npm ci in a scratch folder, then copy

The packages are pinned in ``src/hadath/web/package.json`` (and its
``package-lock.json``); what is copied, and from where, is ``FILES`` below.
The copies land in ``src/hadath/web/static/vendor/`` with each package's
licence and a ``VENDOR.md`` naming versions and licences; they are committed,
so neither building nor running hadath needs npm or a network. Rerun after
changing a version.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "src" / "hadath" / "web"
VENDOR = WEB / "static" / "vendor"

# package -> files to copy (relative to the package folder), the licence file among them
FILES: dict[str, list[str]] = {
    "world-atlas": ["countries-110m.json", "LICENSE"],
    "@fontsource/noto-sans-arabic": ["files/noto-sans-arabic-arabic-400-normal.woff2",
                                     "files/noto-sans-arabic-arabic-700-normal.woff2",
                                     "LICENSE"],
    "@fontsource/noto-naskh-arabic": ["files/noto-naskh-arabic-arabic-400-normal.woff2",
                                      "LICENSE"],
}


def main() -> int:
    npm = shutil.which("npm")
    if npm is None:
        print("vendor_web: npm is needed (node >= 18)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copy(WEB / "package.json", work)
        lock = WEB / "package-lock.json"
        if lock.exists():
            shutil.copy(lock, work)
        cmd = "ci" if lock.exists() else "install"
        subprocess.run([npm, cmd, "--no-audit", "--no-fund", "--ignore-scripts"], cwd=work,
                       check=True)
        if not lock.exists():
            shutil.copy(work / "package-lock.json", lock)
        if VENDOR.exists():
            shutil.rmtree(VENDOR)
        lines = ["# Vendored front-end files", "",
                 "Copied from npm by `scripts/vendor_web.py`; do not edit by hand.", "",
                 "| package | version | licence | files |", "|---|---|---|---|"]
        for package, files in FILES.items():
            src = work / "node_modules" / package
            meta = json.loads((src / "package.json").read_text(encoding="utf-8"))
            dest = VENDOR / package.lstrip("@").replace("/", "-")
            dest.mkdir(parents=True)
            for rel in files:
                shutil.copy(src / rel, dest / Path(rel).name)
            names = ", ".join(Path(f).name for f in files)
            lines.append(f"| {package} | {meta['version']} | {meta.get('license')} | {names} |")
        (VENDOR / "VENDOR.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"vendored {len(FILES)} packages into {VENDOR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
