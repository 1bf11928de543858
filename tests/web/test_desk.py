"""The desk's DocumentSource over documents of our own making and over the analysed demo."""

from __future__ import annotations

from typing import Any

import pytest

from wirewatch.desk import BadParameter, DocumentSource, Filters, NotFound, PageRequest
from wirewatch.desk.story_parts import first_day
from wirewatch.model import (
    AnnotatedArticle,
    Article,
    Citation,
    CitationKind,
    Comment,
    Entity,
    EntityType,
    Mention,
    Quote,
    Span,
    SpeakerType,
)


def _article(
    aid: str,
    outlet: str,
    published: str | None,
    body: str,
    *,
    language: str = "en",
    cites: str | None = None,
    comments: tuple[Comment, ...] = (),
    quotes: tuple[Quote, ...] = (),
) -> dict[str, Any]:
    entities: tuple[Entity, ...] = ()
    citations: tuple[Citation, ...] = ()
    if cites:
        start = body.index(cites)
        mention = Mention(text=cites, start=start, end=start + len(cites))
        entities = (
            Entity(
                name=cites,
                type=EntityType.OUTLET,
                mentions=(mention,),
                key=cites.lower(),
                id="e1",
                join_key=f"outlet:{cites.lower()}",
            ),
        )
        citations = (
            Citation(
                outlet=cites,
                text=cites,
                start=start,
                end=start + len(cites),
                kind=CitationKind.REPORTED,
                outlet_entity="e1",
            ),
        )
    article = Article(
        id=aid,
        source=f"{aid}.txt",
        url=f"https://{outlet.lower()}.example/{aid}",
        outlet=outlet,
        title=f"{outlet} on the dam",
        subtitle=None,
        byline=None,
        published=published,
        published_from=None,
        language=language,
        translated_from=None,
        original_outlet=None,
        body=body,
        comments=comments,
    )
    sentences = tuple(Span(s, e) for s, e in article.paragraphs())
    return AnnotatedArticle(
        article=article, sentences=sentences, entities=entities, citations=citations, quotes=quotes
    ).to_dict()


def _document() -> dict[str, Any]:
    anonymous = Quote(
        text="the talks failed",
        start=46,
        end=62,
        speaker=None,
        speaker_type=SpeakerType.ANONYMOUS,
        speaker_description="a source in the government",
        cue="said",
        direct=False,
    )
    return {
        "articles": [
            _article(
                "a1",
                "Alpha",
                "2026-06-17T07:00:00Z",
                "Alpha learned of the dam plan.\n\nA source said the talks failed.",
                quotes=(anonymous,),
            ),
            _article(
                "a2",
                "Beta",
                "2026-06-17T09:00:00Z",
                "Beta: as Alpha reported, a dam is planned.",
                cites="Alpha",
                comments=(Comment(author="reader", text="fake news"),),
            ),
            _article(
                "a3",
                "Gamma",
                "2026-06-18",
                "Gamma says Omega reported a dam deal.",
                language="ru",
                cites="Omega",
            ),
            _article("a4", "Delta", "2026-06-15", "An earthquake shook the valley."),
        ]
    }


def test_one_story_of_all_articles_with_counts_and_a_derivation_graph() -> None:
    source = DocumentSource(_document())
    [story] = source.stories(Filters(), PageRequest()).items
    assert (story.articles, story.outlets, story.languages) == (4, 4, 2)
    view = source.story(story.id)
    edges = {(e.source, e.target) for e in view.edges}
    # Beta credits Alpha, whose article is in the story; Omega has none, so it is an outlet node.
    assert edges == {("a1", "a2"), ("outlet:omega", "a3")}
    origins = {n.id for n in view.nodes if n.origin}
    assert origins == {"a1", "a4", "outlet:omega"} and story.independent_origins == 3
    assert next(r for r in view.articles if r.id == "a2").derived_from == ["Alpha (2026-06-17)"]
    assert [c.author for c in view.comments] == ["reader"]
    [anon] = [s for s in view.speakers if s.anonymous]
    assert anon.speaker == "a source in the government" and anon.quotes[0].link.endswith("#s=32-63")


def test_stories_key_splits_the_document_and_filters_narrow_it() -> None:
    document = _document()
    document["stories"] = [
        {"id": "dam", "title": "The dam", "articles": ["a1", "a2", "a3"]},
        {"id": "quake", "articles": ["a4"]},
    ]
    source = DocumentSource(document)
    listed = source.stories(Filters(), PageRequest())
    assert [s.id for s in listed.items] == ["dam", "quake"]  # newest first
    assert source.stories(Filters(language="ru"), PageRequest()).total == 1
    assert source.stories(Filters(since="2026-06-16"), PageRequest()).items[0].id == "dam"
    assert source.stories(Filters(until="2026-06-15"), PageRequest()).items[0].id == "quake"
    assert source.stories(Filters(outlet="beta"), PageRequest()).total == 1
    assert source.stories(Filters(entity="outlet:omega"), PageRequest()).items[0].id == "dam"
    assert source.stories(Filters(entity="nobody"), PageRequest()).total == 0
    assert source.story("quake").summary.title == "Delta on the dam"
    page = source.stories(Filters(), PageRequest(limit=1, offset=1))
    assert (page.total, [s.id for s in page.items]) == (2, ["quake"])


def test_unknown_ids_and_bad_parameters_raise_the_desk_errors() -> None:
    source = DocumentSource(_document())
    for call in (
        lambda: source.story("nope"),
        lambda: source.article("nope"),
        lambda: source.entity("nope"),
        lambda: source.claims(Filters(), PageRequest(), story_id="nope"),
    ):
        with pytest.raises(NotFound):
            call()
    for bad in (
        lambda: PageRequest(limit=0),
        lambda: PageRequest(limit=10_000),
        lambda: PageRequest(offset=-1),
        lambda: Filters(since="yesterday"),
        lambda: source.search("   ", PageRequest()),
        lambda: source.search("x" * 501, PageRequest()),
    ):
        with pytest.raises(BadParameter):
            bad()


def test_search_finds_articles_by_sentence_and_entities_by_name() -> None:
    source = DocumentSource(_document())
    hits = source.search("earthquake VALLEY", PageRequest()).items
    assert [(h.kind, h.id, h.link) for h in hits] == [("article", "a4", "/articles/a4#s=0-31")]
    assert [h.id for h in source.search("omega", PageRequest()).items if h.kind == "entity"] == [
        "outlet:omega"
    ]


def test_article_view_drops_unsafe_urls_and_cuts_the_body_into_sentences() -> None:
    document = _document()
    document["articles"][0]["url"] = "javascript:alert(1)"
    source = DocumentSource(document)
    view = source.article("a1")
    assert view.url is None and source.article("a2").url == "https://beta.example/a2"
    assert "".join(s.text for s in view.segments) == document["articles"][0]["body"]
    assert [(s.start, s.end) for s in view.segments if s.sentence] == [(0, 30), (32, 63)]


def test_first_day_of_iso_values() -> None:
    assert [first_day(v) for v in ("2026-06-12", "2026-06", "2026", "2026-W25", "2019/2023", "2026-SU")] == [
        "2026-06-12",
        "2026-06-01",
        "2026-01-01",
        "2026-06-15",
        "2019-01-01",
        "2026-06-01",
    ]


def test_demo_claims_link_to_their_sentences(demo_document: dict[str, Any]) -> None:
    source = DocumentSource(demo_document)
    claims = source.claims(Filters(), PageRequest(limit=200))
    assert claims.total == sum(len(a["claims"]) for a in demo_document["articles"]) > 20
    bodies = {a["id"]: a["body"] for a in demo_document["articles"]}
    for claim in claims.items:
        start, end = claim.evidence[0]["start"], claim.evidence[0]["end"]
        assert claim.link.endswith(f"#s={start}-{end}")
        assert claim.text.strip()[:20] in bodies[claim.article_id][start:end]
    # The same person across scripts is one entity page: Востриков and Vostrikov.
    vostrikov = source.entity("person:arkadi vostrikov")
    assert {"Arkady Vostrikov", "Аркадий Востриков"} <= set(vostrikov.aliases)
    assert len({a.language for a in vostrikov.articles}) == 2
