"""The analyst's brief: every claim with its grade and estimate, notes that quote real sentences,
and no way for article text to carry script or links into the Markdown or the HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from markdown_it import MarkdownIt

from tests.export_helpers import PAYLOADS, demo_document, enriched_demo, hostile_document
from wirewatch.cli import main
from wirewatch.present.analysis import analysis_from_document
from wirewatch.present.brief import build_brief
from wirewatch.present.brief_render import CSP, brief_html
from wirewatch.present.errors import UnknownStoryError
from wirewatch.present.safe_markdown import escape, render_html, safe_url


@pytest.fixture(scope="module")
def enriched() -> dict[str, Any]:
    return enriched_demo()


def _line_of(markdown: str, text: str) -> str:
    lines = [line for line in markdown.splitlines() if line.startswith("- ") and escape(text) in line]
    assert lines, text
    return lines[0]


def test_every_claim_of_the_story_is_there_with_its_grade(enriched: dict[str, Any]) -> None:
    brief = build_brief(analysis_from_document(enriched), "s1")
    markdown = brief.markdown()
    claims = [c for c in enriched["claims"] if c["story"] == "s1"]
    assert claims
    for claim in claims:
        grade = f"{claim['grade']['reliability']}{claim['grade']['credibility']}"
        assert f"**{grade}**" in _line_of(markdown, claim["text"])
    # ICD 203 terms from the counted grade: confirmed with 2 independent origins, contradicted, possible.
    assert "very likely (80-95%), high confidence" in _line_of(markdown, claims[2]["text"])
    assert "very unlikely (05-20%), low confidence" in _line_of(markdown, claims[0]["text"])
    assert "roughly even chance (45-55%), low confidence" in _line_of(markdown, claims[1]["text"])
    bluf = brief.sections[0].markdown
    assert "10 article(s)" in bluf and "It is very likely that" in bluf and escape(claims[2]["text"]) in bluf
    denials = next(s for s in brief.sections if s.key == "denials").markdown
    assert escape(claims[1]["text"]) in denials and "contradicts" in denials
    assert "declined to comment" in denials  # the non-answer, recorded apart
    unconfirmed = next(s for s in brief.sections if s.key == "unconfirmed").markdown
    assert escape(claims[0]["text"]) in unconfirmed and escape(claims[2]["text"]) not in unconfirmed


def test_without_claims_every_article_claim_is_listed_ungraded() -> None:
    # An output of an earlier version (or of another tool) with articles only: one story, "all".
    document = {key: value for key, value in demo_document().items()
                if key not in ("stories", "derivations", "claims")}
    markdown = build_brief(analysis_from_document(document), "all").markdown()
    for article in document["articles"]:
        for claim in article["claims"]:
            assert "**not graded**" in _line_of(markdown, claim["text"])
    assert "has no story-level claims" in markdown.replace("\\", "")


def test_notes_quote_the_sentences_statements_rest_on(enriched: dict[str, Any]) -> None:
    brief = build_brief(analysis_from_document(enriched), "s1")
    page = lxml.html.fromstring(brief_html(brief))
    notes = page.xpath("//ol[@class='notes']/li")
    assert len(notes) > 20
    bodies = [" ".join(a["body"].split()) for a in enriched["articles"]]
    quoted = 0
    for note in notes:
        match = re.search(r"characters \d+-\d+: “(.*)”$", note.text_content(), re.S)
        if match:
            quoted += 1
            assert any(match.group(1).rstrip("…") in body for body in bodies), match.group(1)
    assert quoted > len(notes) / 2
    # Every note link has its note, and every note is linked.
    targets = {a.get("href") for a in page.xpath("//a[starts-with(@href, '#note-')]")}
    assert targets == {f"#note-{n}" for n in range(1, len(notes) + 1)}
    assert [li.get("id") for li in notes] == [f"note-{n}" for n in range(1, len(notes) + 1)]


def test_the_brief_has_its_sections_timeline_and_map(enriched: dict[str, Any]) -> None:
    brief = build_brief(analysis_from_document(enriched), "s1")
    assert [s.key for s in brief.sections] == ["bluf", "claims", "unconfirmed", "denials", "timeline", "map",
                                               "sources", "notes"]
    timeline = next(s for s in brief.sections if s.key == "timeline").markdown
    assert "2026-06-12" in timeline  # the talks (Friday before the scoop), apart from the reports
    assert timeline.index("When it was reported") > timeline.index("2026-06-12")
    assert {p.name for p in brief.places} >= {"Bishkek", "Tashkent"}
    page = lxml.html.fromstring(brief_html(brief))
    circles = page.xpath("//*[local-name()='svg']//*[local-name()='circle']")
    assert len(circles) == len([p for p in brief.places if not p.is_area]) > 5
    labels = {t.text for t in page.xpath("//*[local-name()='svg']//*[local-name()='text']")}
    assert "Bishkek" in labels and "Russia" not in labels  # a country's centroid is listed, not drawn
    tooltips = {t.text.split(" (")[0] for t in page.xpath("//*[local-name()='svg']//*[local-name()='title']")}
    assert tooltips == {p.name for p in brief.places if not p.is_area}  # every point named
    with pytest.raises(UnknownStoryError):
        build_brief(analysis_from_document(enriched), "s7")


# --- hostile text ----------------------------------------------------------------------------------

def _assert_inert(html_text: str, allowed_svg: int) -> None:
    page = lxml.html.fromstring(html_text)
    dangerous = "//script | //iframe | //img | //object | //embed | //form | //base | //body//meta"
    assert not page.xpath(dangerous), html_text[:2000]
    for element in page.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name, value)
            if name.lower() in ("href", "src", "action", "xlink:href"):
                assert safe_url(value), (element.tag, name, value)
    assert len(page.xpath("//*[local-name()='svg']")) == allowed_svg
    shapes = {e.tag.split("}")[-1] for svg in page.xpath("//*[local-name()='svg']") for e in svg.iter()}
    assert shapes <= {"svg", "g", "title", "circle", "text"}


def test_hostile_text_is_inert_in_markdown_and_html() -> None:
    brief = build_brief(analysis_from_document(hostile_document()), "h1")
    markdown = brief.markdown()
    # The Markdown is safe even in a renderer that passes raw HTML through and follows any link.
    permissive = MarkdownIt("commonmark", {"html": True})
    permissive.validateLink = lambda url: True  # type: ignore[method-assign]
    _assert_inert(f"<div>{permissive.render(markdown)}</div>", allowed_svg=0)
    _assert_inert(f"<div>{render_html(markdown)}</div>", allowed_svg=0)
    page = brief_html(brief)
    _assert_inert(page, allowed_svg=1)
    assert f'content="{CSP}"' in page and "script-src" not in CSP and "default-src 'none'" in CSP
    # The attacks are shown as the words they are.
    text = " ".join(lxml.html.fromstring(page).text_content().split())
    for payload in PAYLOADS:
        assert " ".join(payload.split()) in text, payload
    # No line of the Markdown starts a block from article text.
    assert not [line for line in markdown.splitlines() if line.startswith(("```", "<", "[ref]"))]


def test_unsafe_link_addresses_are_refused() -> None:
    for url in ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", " javascript:x",
                "vbscript:x", "data:text/html,<script>", "file:///etc/passwd", "//evil.example/x"]:
        assert not safe_url(url), url
    for url in ["https://example.org/a?b=c", "http://x.example", "mailto:desk@example.org", "#note-3",
                "page.html", "/abs/path"]:
        assert safe_url(url), url


# --- CLI and PDF -----------------------------------------------------------------------------------

def test_cli_writes_the_brief(tmp_path: Path, enriched: dict[str, Any],
                              capsys: pytest.CaptureFixture[str]) -> None:
    saved = tmp_path / "analysis.json"
    saved.write_text(json.dumps(enriched, ensure_ascii=False), encoding="utf-8")
    assert main(["brief", "s1", str(saved), "-q"]) == 0
    assert capsys.readouterr().out.startswith("# Brief: Naryn water")
    assert main(["brief", "s1", str(saved), "--format", "html", "-o", str(tmp_path / "b.html"), "-q"]) == 0
    assert "<h2>Key claims</h2>" in (tmp_path / "b.html").read_text("utf-8")
    assert main(["brief", "zz", str(saved), "-q"]) == 2
    assert "no story 'zz'" in capsys.readouterr().err
    assert main(["brief", "s1", str(saved), "--format", "pdf"]) == 2  # a PDF goes to a file
    assert "-o FILE.pdf" in capsys.readouterr().err


def test_pdf_brief(tmp_path: Path, enriched: dict[str, Any]) -> None:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:  # OSError: installed, but the Pango library is missing
        pytest.skip(f"the [pdf] extra (WeasyPrint and Pango) is not usable here: {exc}")
    saved = tmp_path / "analysis.json"
    saved.write_text(json.dumps(enriched, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "s2.pdf"
    assert main(["brief", "s2", str(saved), "--format", "pdf", "-o", str(out), "-q"]) == 0
    assert out.read_bytes().startswith(b"%PDF-") and out.stat().st_size > 2000


def test_escaped_text_opens_no_block_inside_a_list_item() -> None:
    """Escaped text is placed after "- " or "1. ": a list marker, a numbered marker, a heading, a
    quote or a fence at its start must stay text, not nest a block in the item."""
    for text in ["- nested", "+ nested", "* nested", "1. numbered", "2) numbered", "# heading", "> quote",
                 "```", "---", "<div>"]:
        rendered = render_html(f"- {escape(text)}\n")
        assert rendered.count("<ul>") == 1 and "<ol" not in rendered and "<h1>" not in rendered, text
        assert "<blockquote>" not in rendered and "<pre>" not in rendered and "<hr" not in rendered, text
        assert lxml.html.fromstring(rendered).text_content().strip() == text, text
