"""Attribution constructions added in round 6 (bench/results/attribution.md): each sentence is
written for the test, and each assertion names the content and source the rule must find."""

from __future__ import annotations

import pytest

from tests.attribution_helpers import raw_attributions


def _contents(body: str) -> list[str]:
    return [content for content, _ in raw_attributions(body)]


def test_that_clause_hung_on_the_cues_prepositional_phrase() -> None:
    """The parser hangs "that the truck was carrying arms" on "messages" as a relative clause;
    with "that" as its conjunction and a subject of its own it is what was said."""
    body = (
        "Marta Ivers, the mayor of Halden, said in one of a series of messages that the truck "
        "was carrying explosives when it struck the crowd."
    )
    atts = raw_attributions(body)
    said = "that the truck was carrying explosives"
    assert any(c.startswith(said) and (s or "").startswith("Marta Ivers") for c, s in atts)


def test_clauses_joined_by_a_semicolon_are_reported_apart() -> None:
    body = (
        "More than six in 10 said they were not looking forward to the campaign; 46 percent said "
        "they were unenthusiastic about the election."
    )
    contents = _contents(body)
    assert "they were not looking forward to the campaign" in contents
    assert "they were unenthusiastic about the election" in contents


def test_a_phrase_that_mentions_a_date_stays_in_the_content() -> None:
    body = "The government in Riyadh has vigorously denied any role in the Sept. 11, 2001, attacks."
    assert any(c.startswith("any role in the Sept. 11, 2001, attacks") for c in _contents(body))


@pytest.mark.parametrize(
    ("body", "content"),
    [
        ("At the rally, his voice seemed weaker than before.", "his voice seemed weaker than before"),
        ("As attack ads intensify, voters already appear fatigued.", "voters already appear fatigued"),
        ("It now seems inevitable that they will meet.", "inevitable that they will meet"),
    ],
)
def test_raising_verbs_with_an_adjective_or_a_clause(body: str, content: str) -> None:
    """An impression attributed to no one: the whole clause, or with an empty "it" what follows."""
    assert (content, None) in raw_attributions(body)


def test_question_and_impression_clauses_hung_as_adverbial_clauses() -> None:
    body = "Then Mr. Rubin asked the students if they were always so serious."
    assert ("if they were always so serious", "Mr. Rubin") in raw_attributions(body)
    assert ("I had no voice", "I") in raw_attributions("As a kid I felt like I had no voice.")


def test_stance_verbs_with_a_gerund_or_a_clause() -> None:
    body = "Sanders supports raising the minimum wage to $15 by 2020."
    assert ("raising the minimum wage to $15 by 2020", "Sanders") in raw_attributions(body)
    body = "The director recommended that no criminal charges be filed against the senator."
    atts = raw_attributions(body)
    assert any(c.startswith("that no criminal charges be filed") and s == "The director" for c, s in atts)
    assert ("Trump to lose, big", "NeverTrump") in raw_attributions("NeverTrump wants Trump to lose, big.")


def test_any_verb_of_a_speech_tag_after_a_quotation_is_its_cue() -> None:
    body = "“Go back to Univision,” Trump barked and a guard escorted the reporter out."
    assert ("Go back to Univision,", "Trump") in raw_attributions(body)


def test_closing_reporting_clause_read_from_the_words() -> None:
    """A long sentence the parser gets wrong still ends in ", she said."."""
    body = (
        "The Internet has also made it possible for people with like-minded, if bogus, ideas and "
        "theories to organize into communities and reach others, she said."
    )
    atts = raw_attributions(body)
    assert any(c.startswith("The Internet has also made it possible") and s == "she" for c, s in atts)


def test_passive_stance_verb_with_its_agent() -> None:
    assert ("The meeting", "Politico") in raw_attributions("The meeting was first reported by Politico.")
    # Without a "by" phrase a passive is a plain event.
    assert raw_attributions("The meeting was announced on Monday.") == []


@pytest.mark.parametrize(
    ("body", "content"),
    [
        ("The senator notably made no mention of Jeb Bush.", "Jeb Bush"),
        ("He offered his thoughts on the governor's continued appeal.", "the governor's continued appeal"),
        ("Trump has taken a firm stance against illegal immigration.", "illegal immigration"),
        ("Three families have filed a lawsuit against Remington.", "Remington"),
    ],
)
def test_light_verb_idioms(body: str, content: str) -> None:
    assert content in _contents(body)


def test_a_yes_no_question_attributes_nothing() -> None:
    assert raw_attributions("Do you support Donald Trump? Like the page.") == []
    assert ("Donald Trump", "Voters") in raw_attributions("Voters support Donald Trump.")


@pytest.mark.parametrize(
    ("body", "content"),
    [
        ("The senator claimed victory in the northern counties on Tuesday night.", "victory"),
        ("The governor underscored the urgency of funding the new levees.", "the urgency"),
        ("The lawsuit alleges a long list of violations by the county board.", "a long list"),
    ],
)
def test_claim_underscore_allege_take_their_object(body: str, content: str) -> None:
    """Round 7: "claim", "underscore", "signal" and "allege" attribute their object (on the two
    train samples they chose, 19 of 27 such objects are gold; on a third sample, +3 / +2)."""
    assert any(c.startswith(content) for c in _contents(body))


@pytest.mark.parametrize(
    ("body", "content"),
    [
        ("The mayor asked for an independent inquiry into the fire.", "an independent inquiry"),
        ("She congratulated the firefighters for their courage.", "their courage"),
        ("He has aligned himself with the governor.", "the governor"),
    ],
)
def test_ask_for_congratulate_for_align_with(body: str, content: str) -> None:
    """Round 7: a request ("asked for"), praise ("congratulated X for") and alignment ("aligned
    himself with") attribute the preposition's object."""
    assert any(c.startswith(content) for c in _contents(body))


def test_a_view_equated_with_a_that_clause() -> None:
    """Round 7: "Their fear is that ..." attributes the clause to the noun's owner; "The reason
    is that ..." states a cause, not anyone's view."""
    atts = raw_attributions("Their fear is that the reservoir will run dry by August.")
    assert atts == [("that the reservoir will run dry by August", "Their")]
    assert raw_attributions("The reason is that the reservoir ran dry in August.") == []
