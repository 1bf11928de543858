"""Inputs for the export and brief tests: the demo corpus analysed once per session, the same
document with the stories, derivations and story-level claims that link and assess add (built
here from demo/README.md's ground truth and the articles' own claims: they are inputs, not
answers), and a hostile article whose every string is an attack."""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path
from typing import Any

from tests.pipeline_helpers import default_annotator, shared_resources
from wirewatch.ingest.files import iter_documents
from wirewatch.model import (
    AnnotatedArticle,
    Article,
    Claim,
    Entity,
    EntityType,
    Evidence,
    Mention,
    Place,
    Quote,
    Sourcing,
    SpeakerType,
)
from wirewatch.present.json_output import report_to_json
from wirewatch.run import Pipeline, run
from wirewatch.sinks import CollectingSink

DEMO = Path(__file__).resolve().parent.parent / "demo" / "corpus"
# demo/README.md, "Files": the file (or feed record) of each article id.
DEMO_FILES = {
    "A01": "01_dvestnik_scoop_ru.html", "A02": "02_kestrel_wire_en.html", "A03": "03_borderlands_mt_en.txt",
    "A04": "04_tienshan_rewrite_en.html", "A05": "05_oltinvodiy_denial_ru.html",
    "A06": "06_kestrel_denial_en.html", "A07": "07_oshweek_local_ru.cp1251.txt",
    "A08": "08_kestrel_followup_en.html", "A09": "09_tienshan_quake_en.txt", "A10": "feed.jsonl:1",
    "A11": "feed.jsonl:2", "A12": "feed.jsonl:3", "A13": "13_blacksea_port_halt_en.html",
    "A14": "14_kavexpress_poti_ru.html", "A15": "15_blacksea_licence_scoop_en.html",
    "A16": "16_kavexpress_licence_ru.html", "A17": "17_freightreview_licence_en.html",
    "A18": "18_blacksea_licence_followup_en.html",
}
S1 = ["A01", "A02", "A03", "A04", "A05", "A06", "A07", "A08", "A10", "A11"]
S2 = ["A09", "A12"]


@lru_cache(maxsize=1)
def _demo_document() -> dict[str, Any]:
    report = CollectingSink()
    run(iter_documents([DEMO]), report, pipeline=Pipeline(default_annotator(), shared_resources().catalog))
    assert report.errors == []
    return report_to_json(report.articles, report.errors, report.warnings, report.duplicates)


def demo_document() -> dict[str, Any]:
    """The analyze document of the demo corpus as analyze writes it today (a fresh copy)."""
    return copy.deepcopy(_demo_document())


def demo_ids(document: dict[str, Any]) -> dict[str, str]:
    """demo/README.md's article ids (A01...) -> the ids in the document."""
    ids = {}
    for article in document["articles"]:
        name = Path(article["source"]).name
        label = next(k for k, v in DEMO_FILES.items() if name == v)
        ids[label] = article["id"]
    return ids


def _claims_of(document: dict[str, Any], article_id: str, predicate: str) -> list[dict[str, Any]]:
    article = next(a for a in document["articles"] if a["id"] == article_id)
    return [c for c in article["claims"] if c["predicate"] == predicate]


def _ref(document: dict[str, Any], article_id: str, claim: dict[str, Any]) -> dict[str, Any]:
    evidence = claim["evidence"][0]
    return {"article": article_id, "start": evidence["start"], "end": evidence["end"]}


def enriched_demo() -> dict[str, Any]:
    """The demo document with ``stories``, ``derivations`` and graded ``claims`` added."""
    document = demo_document()
    ids = demo_ids(document)
    document["stories"] = [
        {"id": "s1", "title": "Naryn water-for-power talks", "articles": [ids[a] for a in S1],
         "first_seen": "2026-06-17T04:00:00Z", "last_updated": "2026-06-23T10:05:00Z",
         "languages": ["en", "ru"], "outlets": []},
        {"id": "s2", "title": "Earthquake in Jalal-Abad region", "articles": [ids[a] for a in S2],
         "first_seen": "2026-06-15T04:10:00Z", "last_updated": "2026-06-15T18:00:00Z",
         "languages": ["en", "ru"], "outlets": []},
    ]
    document["derivations"] = [
        {"article": ids[derived], "derived_from": {"article": ids[source], "outlet": outlet}, "kind": kind,
         "evidence": []}
        for derived, source, outlet, kind in [("A02", "A01", "Деловой вестник", "citation"),
                                              ("A03", "A01", "Деловой вестник", "translation"),
                                              ("A04", "A02", "Kestrel News Agency", "reuse"),
                                              ("A10", "A01", "Деловой вестник", "citation")]
    ]
    offers = [(ids[a], c) for a in ("A01", "A02", "A03", "A04")
              for c in _claims_of(document, ids[a], "offer")]
    denials = [(ids[a], c) for a in ("A05", "A06") for c in _claims_of(document, ids[a], "deny")]
    confirm = [(ids["A08"], c) for c in _claims_of(document, ids["A08"], "confirm")]
    no_comment = next(c for c in _claims_of(document, ids["A02"], "no_comment") if "Foreign" in c["text"])
    document["claims"] = [
        {"id": "c1", "text": "Russia offered to finance the Naryn-4 dam in a water-for-power deal",
         "story": "s1", "reported_by": sorted({a for a, _ in offers}),
         "members": [{"article": a, "claim": c["id"]} for a, c in offers],
         "origins": [{"outlet": "Деловой вестник", "article": ids["A01"],
                      "source": "sources in the government", "sourcing": "anonymous",
                      "reported_by": sorted({a for a, _ in offers})}],
         "independent_origins": 1, "sourcing": ["anonymous"], "contradicted_by": ["c2"],
         "non_answers": [{"text": no_comment["text"], "evidence": [_ref(document, ids["A02"], no_comment)]}],
         "grade": {"reliability": "F", "credibility": 5},
         "reasons": [{"text": "All reports trace back to one anonymous source in one newspaper.",
                      "evidence": [_ref(document, a, c) for a, c in offers[:2]]},
                     {"text": "Contradicted on the record by Uzbekistan's water ministry.",
                      "evidence": [_ref(document, a, c) for a, c in denials]}]},
        {"id": "c2", "text": "Uzbekistan's water ministry denied its minister attended the talks",
         "story": "s1", "reported_by": sorted({a for a, _ in denials}), "origins": [
             {"outlet": None, "article": None, "source": "Dilnoza Rakhimova", "sourcing": "official"}],
         "independent_origins": 1, "sourcing": ["official"], "contradicted_by": [], "non_answers": [],
         "polarity": "denied", "grade": {"reliability": "F", "credibility": 3},
         "reasons": [{"text": "An official on the record, reported by two outlets from one briefing.",
                      "evidence": [_ref(document, a, c) for a, c in denials]}]},
        {"id": "c3", "text": "Kyrgyzstan's energy ministry confirmed a draft memorandum was discussed",
         "story": "s1", "reported_by": [ids["A08"]], "origins": [
             {"outlet": "Kestrel News Agency", "article": ids["A08"], "source": "energy ministry",
              "sourcing": "official"},
             {"outlet": "Деловой вестник", "article": ids["A01"], "source": "sources in the government",
              "sourcing": "anonymous"}],
         "independent_origins": 2, "sourcing": ["official", "anonymous"], "contradicted_by": [],
         "non_answers": [], "grade": {"reliability": "B", "credibility": 1},
         "reasons": [{"text": "Confirmed on the record by the ministry in writing.",
                      "evidence": [_ref(document, a, c) for a, c in confirm]}]},
    ]
    return document


PAYLOADS = [
    "<script>alert('t')</script>",
    '<img src="x" onerror="alert(1)">',
    'Breaking <a href="javascript:alert(2)" onclick="alert(3)">news</a> today',
    "[click me](javascript:alert('l'))",
    "<javascript:alert('a')>",
    "![pic](javascript:alert('p'))",
    '<svg onload="alert(4)"><circle r="1"/></svg>',
    "<https://ok.example/><mailto:x@y.example>",
    '" onmouseover="alert(\'q\')" x="',
    "[ref]\n\n[ref]: javascript:alert('r')",
    "[x](&#106;avascript:alert('e'))",
    "</text></svg><script>alert('m')</script>",
    "\n# heading\n```\ncode\n```\n<iframe src=javascript:alert('f')>",
    "=HYPERLINK(\"http://evil.example\",\"x\")",
    "+1+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3",
    "\tleading tab",
]


def hostile_article(index: int = 0) -> AnnotatedArticle:
    """An article whose title, outlet, byline, url, quotes, entity and place names are attacks."""
    payload = " ".join(PAYLOADS)
    sentences = [f"{p} said the minister." for p in PAYLOADS]
    body = " ".join(sentences)
    starts = [sum(len(s) + 1 for s in sentences[:i]) for i in range(len(sentences))]
    article = Article(
        id=f"hostile-{index}", source="hostile.html", url="javascript:alert('url')", outlet=payload,
        title=payload, subtitle=None, byline=PAYLOADS[1], published="2026-06-20T10:00:00Z",
        published_from="metadata", language="en", translated_from=None, original_outlet=None, body=body)
    quotes = tuple(
        Quote(text=p, start=s, end=s + len(p), speaker=PAYLOADS[(i + 1) % len(PAYLOADS)],
              speaker_type=SpeakerType.NAMED_PERSON, speaker_description=None, cue="said", direct=True)
        for i, (p, s) in enumerate(zip(PAYLOADS, starts, strict=True)))
    mention = Mention(text=body[starts[0]:starts[0] + 8], start=starts[0], end=starts[0] + 8)
    entity = Entity(name=PAYLOADS[0], type=EntityType.PERSON, mentions=(mention,), key="x", id="e1",
                    join_key="person:hostile")
    place = Place(name=next(p for p in PAYLOADS if "</svg>" in p), geonameid=None, lat=41.0, lon=74.0,
                  country="KG", feature="city", mentions=(mention,))
    claims = tuple(
        Claim(id=f"k{i}", text=sentences[i], subject=None, predicate="say", object=None, place=None,
              time=None, attributed_to=PAYLOADS[i], sourcing=Sourcing.NAMED,
              evidence=(Evidence(starts[i], starts[i] + len(sentences[i])),))
        for i in range(len(PAYLOADS)))
    return AnnotatedArticle(article=article, entities=(entity,), places=(place,), quotes=quotes,
                            claims=claims)


def hostile_document() -> dict[str, Any]:
    """A document of one hostile article, with a story and graded claim that are attacks too."""
    doc = hostile_article()
    evidence = [{"article": doc.article.id, "start": c.evidence[0].start, "end": c.evidence[0].end}
                for c in doc.claims]
    return {
        "wirewatch": "1.1", "generator": "test", "articles": [doc.to_dict()], "errors": [],
        "stories": [{"id": "h1", "title": PAYLOADS[2], "articles": [doc.article.id],
                     "first_seen": None, "last_updated": None, "languages": ["en"],
                     "outlets": [PAYLOADS[0]]}],
        "claims": [{"id": "hc", "text": " ".join(PAYLOADS), "story": "h1", "reported_by": [doc.article.id],
                    "origins": [{"outlet": PAYLOADS[3], "source": PAYLOADS[4], "sourcing": "named"}],
                    "independent_origins": 1, "sourcing": ["named"], "contradicted_by": [PAYLOADS[5]],
                    "non_answers": [{"text": PAYLOADS[6], "evidence": evidence[:1]}],
                    "grade": {"reliability": "C", "credibility": 2},
                    "reasons": [{"text": p, "evidence": evidence} for p in PAYLOADS]}],
    }
