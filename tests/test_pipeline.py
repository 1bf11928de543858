"""The annotator: stage order checked when it is built, one parse and one sentence segmentation
per article handed to every stage, batched annotation that yields failures instead of raising."""

from __future__ import annotations

import dataclasses

import pytest

from tests.attribution_helpers import make_article
from tests.pipeline_helpers import (
    annotator,
    citation_stage,
    claim_stage,
    default_annotator,
    entity_stage,
    parse,
    quote_stage,
    shared_resources,
)
from wirewatch.annotate.pipeline import AnnotationFailure, PipelineOrderError, Stage, StageError
from wirewatch.annotate.times.stage import TimeAnnotator
from wirewatch.model import AnnotatedArticle
from wirewatch.resources.article_parse import ArticleParse
from wirewatch.sentences import regex_sentences

ENGLISH = ("Russia offered to finance a dam, the U.S. envoy said on Monday. “We will see,” "
           "Lavrov told Reuters.\n\nThe talks will resume in Bishkek next week.")
RUSSIAN = ("Россия предложила профинансировать плотину, сообщил т. е. источник. «Посмотрим», — "
           "заявил Лавров.\n\nПереговоры продолжатся в Бишкеке.")


def test_a_stage_before_what_it_requires_is_refused_with_where_to_put_it() -> None:
    with pytest.raises(PipelineOrderError) as caught:
        annotator([entity_stage(), claim_stage(), quote_stage(), citation_stage()])
    message = str(caught.value)
    assert "stage 'claims' requires" in message
    assert "which no earlier stage produces" in message


def test_claims_before_quotes_names_the_quotes_stage() -> None:
    r = shared_resources()
    from wirewatch.annotate.places.stage import PlacesAnnotator

    places = PlacesAnnotator(r.gazetteer, r.nlp)
    stages: list[Stage] = [
        entity_stage(), places, TimeAnnotator(), citation_stage(), claim_stage(), quote_stage(),
    ]
    with pytest.raises(PipelineOrderError, match="stage 'claims' requires 'quotes', which no earlier "
                       "stage produces; put it after 'quotes'"):
        annotator(stages)


def test_a_requirement_no_stage_produces_says_to_add_one() -> None:
    with pytest.raises(PipelineOrderError, match="add a stage that produces it"):
        annotator([claim_stage()])


def test_the_default_order_passes_and_every_stage_declares_its_needs() -> None:
    built = default_annotator()
    assert [s.name for s in built.stages] == ["entities", "places", "times", "quotes", "citations", "claims",
                                              "fields"]
    for stage in built.stages:
        assert isinstance(stage.requires, tuple) and stage.produces


def test_a_stage_that_returns_no_annotated_article_fails_loudly() -> None:
    class Forgetful:
        name = "forgetful"
        requires = ("parse",)
        produces: tuple[str, ...] = ()

        def __call__(self, doc: AnnotatedArticle, parsed: ArticleParse) -> AnnotatedArticle:
            return None  # type: ignore[return-value]

    with pytest.raises(StageError, match="stage 'forgetful' returned NoneType"):
        annotator([Forgetful()])(make_article(ENGLISH))


def test_every_stage_gets_the_same_parse_and_the_article_its_sentences() -> None:
    seen: list[ArticleParse] = []

    class Spy:
        name = "spy"
        requires = ("parse", "sentences")
        produces: tuple[str, ...] = ()

        def __call__(self, doc: AnnotatedArticle, parsed: ArticleParse) -> AnnotatedArticle:
            seen.append(parsed)
            assert doc.sentences == parsed.sentences
            return doc

    doc = annotator([Spy(), Spy()])(make_article(ENGLISH))
    assert len(seen) == 2 and seen[0] is seen[1]
    assert doc.sentences == seen[0].sentences
    assert doc.to_dict()["sentences"][0] == {"start": 0, "end": ENGLISH.index(" “We")}


def test_english_sentences_are_spacys_and_know_abbreviations() -> None:
    parsed = parse(ENGLISH, "en")
    texts = [ENGLISH[s.start : s.end] for s in parsed.sentences]
    assert texts[0] == "Russia offered to finance a dam, the U.S. envoy said on Monday."
    assert texts[-1] == "The talks will resume in Bishkek next week."
    assert [s.text.strip() for s in parsed.english.sents if s.text.strip()] == texts
    # The punctuation fallback cuts after "U.S.": the reason it is only a fallback.
    assert len(regex_sentences(ENGLISH)) > len(parsed.sentences)


def test_russian_sentences_are_natashas_and_never_cross_a_paragraph() -> None:
    parsed = parse(RUSSIAN, "ru")
    texts = [RUSSIAN[s.start : s.end] for s in parsed.sentences]
    assert texts[0].endswith("сообщил т. е. источник.")  # razdel knows «т. е.»
    assert texts[-1] == "Переговоры продолжатся в Бишкеке."
    assert all("\n" not in t for t in texts)
    assert parsed.is_russian and parsed.russian_doc is not None and parsed.english_doc is None


def test_other_languages_get_the_punctuation_fallback_and_no_model() -> None:
    body = "北京会谈将于周一举行。 Reuters reported it. 第二句。"
    parsed = parse(body, "zh")
    assert parsed.sentences == regex_sentences(body)
    assert not parsed.is_supported and parsed.english_doc is None and parsed.russian_doc is None


def test_language_is_decided_once_from_the_letters_when_unknown() -> None:
    assert parse(RUSSIAN, None).is_russian
    assert parse(ENGLISH, None).language == "en"
    assert parse(RUSSIAN, "ru-RU").is_russian


def test_pipe_gives_what_one_article_at_a_time_gives() -> None:
    built = default_annotator()
    articles = [
        make_article(ENGLISH, article_id="en1"),
        make_article(RUSSIAN, language="ru", article_id="ru1"),
        make_article(ENGLISH.replace("Lavrov", "Blinken"), article_id="en2"),
    ]
    piped = list(built.pipe(articles, batch_size=2))
    assert [r.to_dict() for r in piped if isinstance(r, AnnotatedArticle)] == [
        built(a).to_dict() for a in articles
    ]


def test_pipe_yields_a_failure_for_one_article_and_goes_on() -> None:
    class FailsOnBoom:
        name = "boom"
        requires = ("parse",)
        produces: tuple[str, ...] = ()

        def __call__(self, doc: AnnotatedArticle, parsed: ArticleParse) -> AnnotatedArticle:
            if "boom" in doc.article.body:
                raise RuntimeError("bad\n  article")
            return dataclasses.replace(doc)

    articles = [make_article(ENGLISH, article_id="a"), make_article("It went boom.", article_id="b"),
                make_article(RUSSIAN, language="ru", article_id="c")]
    results = list(annotator([FailsOnBoom()]).pipe(articles, batch_size=3))
    assert [type(r) for r in results] == [AnnotatedArticle, AnnotationFailure, AnnotatedArticle]
    failure = results[1]
    assert isinstance(failure, AnnotationFailure)
    assert failure.article_id == "b" and failure.source == "b.txt"
    assert failure.reason == "annotation failed (RuntimeError: bad article)"


def test_pipe_refuses_an_empty_batch_size() -> None:
    with pytest.raises(ValueError, match="batch_size"):
        list(default_annotator().pipe([make_article(ENGLISH)], batch_size=0))


def test_models_are_loaded_once_per_process() -> None:
    from wirewatch.resources.bundle import build_resources

    first, second = shared_resources(), build_resources()
    assert first.nlp.english is second.nlp.english
    assert first.nlp.russian is second.nlp.russian
