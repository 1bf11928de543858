"""Languages the models do not read (issue 11): parsed and output, marked, not annotated.

Before, a German article went through spaCy's English pipeline: ordinary German nouns became
people, and the gazetteer pinned them in Ghana and Indonesia. Now only the stages that read any
language run (the entities stage, for catalogue outlets), and the output says what was skipped.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pipeline_helpers import default_annotator, shared_resources
from wirewatch.ingest.files import iter_documents
from wirewatch.model import AnnotatedArticle, EntityType
from wirewatch.run import Pipeline, run
from wirewatch.sinks import CollectingSink

GERMAN = """Regierung plant neue Wasserabkommen in Zentralasien

Die Bundesregierung will die Zusammenarbeit mit Kirgisistan und Usbekistan ausbauen. Wie die \
Deutsche Welle am Mittwoch berichtete, sollen Gespräche über Wasser und Energie im Herbst in \
Berlin stattfinden. Der Sprecher sagte, man habe noch keine Entscheidung getroffen. Die Bauern \
im Tal warten seit Jahren auf bessere Kanäle, und viele Dörfer haben im Sommer kein Wasser.

„Wir brauchen eine Lösung, die für alle funktioniert“, sagte Ministerin Anna Weber am Dienstag \
in Bonn. Ghana und Indonesien spielen bei den Gesprächen keine Rolle.
"""

FRENCH = """Le gouvernement prépare un accord sur l'eau en Asie centrale

Selon Le Monde, le ministre a rencontré mercredi ses homologues du Kirghizistan et de \
l'Ouzbékistan à Paris. Les discussions sur l'eau et l'énergie doivent reprendre à l'automne. \
« Nous voulons une solution durable pour toute la région », a déclaré la porte-parole Marie \
Dubois. Les agriculteurs de la vallée attendent depuis des années de meilleurs canaux.
"""

ENGLISH = """Russia offers to fund Kyrgyz dam

Russia has offered to finance a hydropower plant in Kyrgyzstan, Reuters reported on Monday. \
"We are ready to discuss it," energy minister Bakyt Sydykbekov told reporters in Bishkek.
"""

LATER_STAGES = ("places", "times", "quotes", "citations", "claims", "fields")


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, AnnotatedArticle]:
    """The three files analysed as a user would: language detected from the text."""
    folder = tmp_path_factory.mktemp("languages")
    for name, text in (("de.txt", GERMAN), ("fr.txt", FRENCH), ("en.txt", ENGLISH)):
        (folder / name).write_text(text, encoding="utf-8")
    sink = CollectingSink()
    run(iter_documents([folder]), sink, pipeline=Pipeline(default_annotator(), shared_resources().catalog))
    assert sink.errors == []
    return {Path(doc.article.source).stem: doc for doc in sink.articles}


@pytest.mark.parametrize(("stem", "outlet"), [("de", "Deutsche Welle"), ("fr", "Le Monde")])
def test_an_unsupported_language_is_parsed_and_marked_not_annotated(
    analysed: dict[str, AnnotatedArticle], stem: str, outlet: str
) -> None:
    doc = analysed[stem]
    assert doc.article.language == stem
    assert doc.article.title and doc.article.body  # parsed and stored all the same
    assert doc.annotations == ("entities",)
    skipped = {s.annotation: s.reason for s in doc.skipped}
    assert set(skipped) == {"ner", *LATER_STAGES}
    assert all(repr(stem) in reason for reason in skipped.values())
    # No English model ran: no people, no places, no pins; the catalogue still finds outlets.
    assert not doc.places and not doc.times and not doc.quotes and not doc.claims
    assert [(e.name, e.type) for e in doc.entities] == [(outlet, EntityType.OUTLET)]


def test_a_supported_language_runs_every_stage(analysed: dict[str, AnnotatedArticle]) -> None:
    doc = analysed["en"]
    assert doc.annotations == ("entities", *LATER_STAGES)
    assert doc.skipped == ()
    assert any(p.name == "Bishkek" for p in doc.places)


def test_what_ran_survives_a_round_trip(analysed: dict[str, AnnotatedArticle]) -> None:
    for doc in analysed.values():
        data = doc.to_dict()
        assert data["annotations"] == list(doc.annotations)
        assert AnnotatedArticle.from_dict(data) == doc
    old = analysed["de"].to_dict()
    del old["annotations"], old["skipped"]  # output of an earlier version: unknown, not an error
    read = AnnotatedArticle.from_dict(old)
    assert read.annotations == () and read.skipped == ()
