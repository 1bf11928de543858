
"""JSON for a timeline view: every resolved time mention across articles, in time order.

Events sort by the start of their value (an interval ``2001/2014`` sorts at 2001, a season
``2021-SP`` at spring 2021), then by precision (finer first) and article. Unresolved mentions
(relative expressions in undated articles) are listed apart: they cannot be placed. A mention
in the title, subtitle or a caption (``field``) comes with its sentence from that text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from wirewatch.model import AnnotatedArticle, TimeRef
from wirewatch.present.geojson import sentence_span

# Where a season starts, to sort it among months.
_SEASON_MONTH = {"WI": "01", "SP": "03", "SU": "06", "FA": "09"}
_PRECISION_ORDER = {"day": 0, "week": 1, "month": 2, "season": 3, "year": 4, "interval": 5}


def sort_key(value: str) -> str:
    """A string that sorts ISO values by the time they start: 2021-W28 and 2021-SP included."""
    first = value.split("/")[0]
    season = re.match(r"^(\d{4})-(SP|SU|FA|WI)$", first)
    if season:
        return f"{season.group(1)}-{_SEASON_MONTH[season.group(2)]}"
    week = re.match(r"^(\d{4})-W(\d\d)$", first)
    if week:
        month = min(12, (int(week.group(2)) - 1) * 7 // 31 + 1)
        return f"{week.group(1)}-{month:02d}-W{week.group(2)}"
    return first


def _entry(doc: AnnotatedArticle, ref: TimeRef) -> dict[str, Any]:
    text = doc.article.field_text(ref.field)
    s_start, s_end = sentence_span(doc, ref.start, ref.end, ref.field)
    return {
        "value": ref.value,
        "precision": None if ref.precision is None else str(ref.precision),
        "anchor": str(ref.anchor),
        "text": ref.text,
        "article_id": doc.article.id,
        "title": doc.article.title,
        "published": doc.article.published,
        "field": ref.field,
        "start": ref.start,
        "end": ref.end,
        "sentence": text[s_start:s_end].strip(),
        "sentence_start": s_start,
        "sentence_end": s_end,
    }


def timeline(docs: Sequence[AnnotatedArticle]) -> dict[str, Any]:
    """{"events": [...sorted...], "unresolved": [...], "count": n} for a timeline view."""
    events: list[dict[str, Any]] = []
    unresolved: list[dict[str, Any]] = []
    for doc in docs:
        for ref in doc.times:
            (events if ref.value else unresolved).append(_entry(doc, ref))
    events.sort(key=lambda e: (sort_key(e["value"]), _PRECISION_ORDER.get(e["precision"], 9),
                               e["article_id"], e["start"]))
    unresolved.sort(key=lambda e: (e["article_id"], e["start"]))
    return {"events": events, "unresolved": unresolved, "count": len(events)}
