"""Copy the front-end libraries the web app needs into wirewatch/web/static/vendor/.

Run by ``make install`` when the vendored assets are missing or older than the lockfile:
``npm ci`` installs exactly what package-lock.json pins (skipped when node_modules already
matches it), then the few dist files the pages load are copied, with a manifest.json recording
each package's version and each file's SHA-256. Nothing is fetched at run time: the copied files
ship inside the Python package. Usage: python web/frontend/build_assets.py [--no-install]
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MODULES = HERE / "node_modules"
VENDOR = HERE.parent.parent / "wirewatch" / "web" / "static" / "vendor"

# package -> (file or folder under node_modules/PACKAGE, destination under vendor/)
FILES: dict[str, list[tuple[str, str]]] = {
    "leaflet": [("dist/leaflet.js", "leaflet/leaflet.js"), ("dist/leaflet.css", "leaflet/leaflet.css"),
                ("dist/images", "leaflet/images"), ("LICENSE", "leaflet/LICENSE")],
    "topojson-client": [("dist/topojson-client.min.js", "topojson-client/topojson-client.min.js"),
                        ("LICENSE", "topojson-client/LICENSE")],
    "world-atlas": [("countries-50m.json", "world-atlas/countries-50m.json"), ("LICENSE", "world-atlas/LICENSE")],
    "cytoscape": [("dist/cytoscape.min.js", "cytoscape/cytoscape.min.js"), ("LICENSE", "cytoscape/LICENSE")],
    # The "peer" build of vis-timeline, with moment and vis-data loaded beside it: the "standalone"
    # build injects its stylesheet as an inline <style>, which the CSP refuses.
    "moment": [("min/moment.min.js", "moment/moment.min.js"), ("LICENSE", "moment/LICENSE")],
    "vis-data": [("standalone/umd/vis-data.min.js", "vis-data/vis-data.min.js"), ("LICENSE-MIT", "vis-data/LICENSE-MIT")],
    "vis-timeline": [("peer/umd/vis-timeline-graph2d.min.js", "vis-timeline/vis-timeline-graph2d.min.js"),
                     ("styles/vis-timeline-graph2d.min.css", "vis-timeline/vis-timeline-graph2d.min.css"),
                     ("LICENSE.md", "vis-timeline/LICENSE.md")],
}


def _installed_matches_lock() -> bool:
    """Whether node_modules was installed from the current lockfile."""
    marker = MODULES / ".package-lock.json"
    lock = HERE / "package-lock.json"
    return marker.is_file() and marker.stat().st_mtime >= lock.stat().st_mtime


def _install() -> None:
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("build_assets: npm not found; install Node.js and npm (Debian: apt-get install nodejs npm)")
    subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HERE, check=True)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build(install: bool = True) -> Path:
    if install and not _installed_matches_lock():
        _install()
    if VENDOR.exists():
        shutil.rmtree(VENDOR)
    manifest: dict[str, dict[str, object]] = {}
    for package, items in FILES.items():
        root = MODULES / package
        version = json.loads((root / "package.json").read_text(encoding="utf-8"))["version"]
        copied: dict[str, str] = {}
        for source, target in items:
            src, dst = root / source, VENDOR / target
            dst.parent.mkdir(parents=True, exist_ok=True)
            if src.is_dir():
                shutil.copytree(src, dst)
                copied.update({str(p.relative_to(VENDOR)): _sha256(p) for p in sorted(dst.rglob("*")) if p.is_file()})
            else:
                shutil.copyfile(src, dst)
                copied[target] = _sha256(dst)
        manifest[package] = {"version": version, "files": copied}
    # Written last: its presence means the copy is complete (the app checks for it).
    (VENDOR / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return VENDOR


if __name__ == "__main__":
    print(f"build_assets: front-end libraries copied to {build(install='--no-install' not in sys.argv)}")
