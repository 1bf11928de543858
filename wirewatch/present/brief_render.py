"""The brief as a standalone HTML page (no script, strict Content Security Policy) or a PDF.

The page is the brief's Markdown rendered by ``safe_markdown.render_html`` (raw HTML off, links to
http, https, mailto or relative addresses only), section by section, with a small SVG scatter of
the story's places on longitude and latitude after the map section: every string in it is
escaped by ``html.escape``. Notes get the anchors ``note-N`` the statements link to.

PDF comes from the HTML through WeasyPrint when it is installed (``pip install 'wirewatch[pdf]'``,
which needs the Pango library); its URL fetcher refuses every address, so a PDF is made offline and
a page can never make it fetch anything.
"""

from __future__ import annotations

import html
from typing import Any

from wirewatch.present.brief import Brief, PlacePoint
from wirewatch.present.errors import PdfUnavailableError
from wirewatch.present.safe_markdown import markdown_renderer

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem;
       color: #222; }
h1 { font-size: 1.6rem; } h2 { border-bottom: 1px solid #ccc; margin-top: 2rem; }
a[href^="#note-"] { font-size: 0.75em; vertical-align: super; text-decoration: none; }
ol.notes li:target { background: #fff3b0; }
svg.map { border: 1px solid #bbb; background: #f4f8fb; max-width: 100%; height: auto; }
svg.map text { font: 11px system-ui, sans-serif; fill: #333; }
"""
MAP_WIDTH = 560
MAP_HEIGHT = 320
MAP_MARGIN = 40
LABEL_CHAR_WIDTH = 6.2  # px per character of an 11px label, to keep labels from overlapping


def map_svg(points: list[PlacePoint]) -> str:
    """An equirectangular scatter of the places, scaled to their bounding box; empty without places.
    Countries and regions are left out when there is anything finer (their centroid would stretch
    the frame and mark no event)."""
    points = [p for p in points if not p.is_area] or points
    if not points:
        return ""
    lons = [p.lon for p in points]
    lats = [p.lat for p in points]
    # At least 2 degrees either way, so one place or a tight cluster is not blown up to the frame.
    span_lon = max(max(lons) - min(lons), 2.0)
    span_lat = max(max(lats) - min(lats), 2.0)
    mid_lon, mid_lat = (max(lons) + min(lons)) / 2, (max(lats) + min(lats)) / 2
    scale = min((MAP_WIDTH - 2 * MAP_MARGIN) / span_lon, (MAP_HEIGHT - 2 * MAP_MARGIN) / span_lat)
    largest = max(p.mentions for p in points) or 1
    shapes = []
    taken: list[tuple[float, float, float, float]] = []  # label boxes already drawn
    for p in sorted(points, key=lambda p: -p.mentions):  # the most mentioned get their labels first
        x = MAP_WIDTH / 2 + (p.lon - mid_lon) * scale
        y = MAP_HEIGHT / 2 - (p.lat - mid_lat) * scale
        radius = 3 + 5 * (p.mentions / largest) ** 0.5
        name = html.escape(p.name)
        shape = (f'<title>{name} ({p.lat:.3f}, {p.lon:.3f}): {p.mentions} mention(s)</title>'
                 f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="#c0392b" fill-opacity="0.7"/>')
        right = x > MAP_WIDTH / 2  # labels point inwards, so that none runs off the frame
        width = LABEL_CHAR_WIDTH * len(p.name)
        left = x - radius - 2 - width if right else x + radius + 2
        box = (left, y - 8, left + width, y + 5)
        # A label that would overlap one already drawn is left to the point's tooltip (<title>).
        if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in taken):
            taken.append(box)
            shape += f'<text x="{left:.1f}" y="{y + 4:.1f}">{name}</text>'
        shapes.append(f"<g>{shape}</g>")
    return (f'<svg class="map" xmlns="http://www.w3.org/2000/svg" width="{MAP_WIDTH}" height="{MAP_HEIGHT}" '
            f'viewBox="0 0 {MAP_WIDTH} {MAP_HEIGHT}" role="img" aria-label="Places of the story, by '
            f'longitude and latitude">{"".join(shapes)}</svg>')


def _anchor_notes(state: Any) -> None:
    """markdown-it core rule: the notes list's items get ids note-1, note-2... and a class."""
    if not state.env.get("notes"):
        return
    number = 0
    for token in state.tokens:
        if token.type == "ordered_list_open" and number == 0:
            token.attrSet("class", "notes")
        elif token.type == "list_item_open" and token.level == 1:
            number += 1
            token.attrSet("id", f"note-{number}")


def brief_html(brief: Brief) -> str:
    md = markdown_renderer()
    md.core.ruler.push("anchor_notes", _anchor_notes)
    title = html.escape(f"Brief: {brief.title}")
    body = [f"<h1>{title}</h1>"]
    for section in brief.sections:
        body.append(f'<section id="{section.key}"><h2>{html.escape(section.title)}</h2>')
        body.append(md.render(section.markdown, {"notes": section.key == "notes"}))
        if section.key == "map":
            body.append(map_svg(brief.places))
        body.append("</section>")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        f'<meta name="referrer" content="no-referrer"><title>{title}</title><style>{STYLE}</style></head>'
        f"<body>{''.join(body)}</body></html>\n"
    )


def _refuse(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"the brief's PDF fetches nothing (asked for {url[:80]!r})")


def brief_pdf(brief: Brief) -> bytes:
    """The HTML brief as PDF bytes (PdfUnavailableError when WeasyPrint cannot be loaded)."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: WeasyPrint is there but Pango is not
        raise PdfUnavailableError(
            "--format pdf needs WeasyPrint: pip install 'wirewatch[pdf]' (weasyprint==70.0), which "
            "needs the Pango library (Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0); "
            f"or use --format html and print it ({exc})") from exc
    document = weasyprint.HTML(string=brief_html(brief), url_fetcher=_refuse)
    pdf: bytes = document.write_pdf()
    return pdf
