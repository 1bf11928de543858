"""A corpus of script-injection payloads in every place a news page or an analyze document
carries text: titles, outlet names, bylines, bodies, quotes, comment authors, URLs, entity and
place names. Each payload, if it ever ran, would set ``window.__xss`` or open a dialog."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

PAYLOADS = (
    "<script>window.__xss=1;alert(1)</script>",
    '<img src=x onerror="window.__xss=2;alert(2)">',
    '<svg onload="window.__xss=3"><script>alert(3)</script></svg>',
    '"><a href="javascript:window.__xss=4">click</a>',
    "'><body onload=window.__xss=5>",
    '</title></textarea><iframe src="javascript:alert(6)"></iframe>',
    '<div style="background:url(javascript:alert(7))">x',
    "{{ 7*7 }}<!-- <b>broken <i>markup",
)
JS_URL = "javascript:window.__xss=8;alert(8)"


def write(folder: Path) -> None:
    """Pages (HTML, text, JSON Lines) with the payloads in their own fields."""
    p = PAYLOADS
    body = (
        f"MOSCOW — Sergei Ivanov, a spokesman for the ministry, said on Monday: “{p[0]} is not our plan.” "
        f"The ministry denied the report {p[1]}.\n\n"
        f"“We will build the dam in Bishkek,” Ivanov told reporters {p[2]}. Officials in Tashkent "
        f"declined to comment on {p[3]}.\n\n"
        f"A source in the government, who asked not to be named, said {p[4]} the talks failed."
    )
    records = [
        {
            "id": "xss-jsonl-1",
            "url": JS_URL,
            "outlet": p[1],
            "published": "2026-06-17T10:00:00Z",
            "title": p[0],
            "language": "en",
            "text": body,
        },
        {
            "id": "xss-jsonl-2",
            "url": "https://x.example/<script>alert(9)</script>",
            "outlet": p[5],
            "published": "2026-06-18T10:00:00Z",
            "title": p[6],
            "language": "en",
            "byline": p[7],
            "html": f"<html><head><title>{p[2]}</title></head><body><article><h1>{p[3]}</h1>"
            + "".join(f"<p>{para}</p>" for para in body.split("\n\n"))
            + "</article></body></html>",
        },
    ]
    (folder / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    comments = "\n\n".join(
        f"{i + 1}. {p[i]} says\n\nI think {p[(i + 3) % len(p)]} is right." for i in range(4)
    )
    (folder / "page.txt").write_text(
        f"{p[4]} headline about the dam\n\nBy {p[0]}\n\n{body}\n\n3 Comments\n\n{comments}\n\n"
        "Leave A Reply\n",
        encoding="utf-8",
    )


def _poison_strings(value: Any, index: list[int], keys: set[str]) -> Any:
    """Every string under one of ``keys`` gets the next payload prepended."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key in keys and isinstance(item, str):
                out[key] = PAYLOADS[index[0] % len(PAYLOADS)] + item
                index[0] += 1
            else:
                out[key] = _poison_strings(item, index, keys)
        return out
    if isinstance(value, list):
        return [_poison_strings(item, index, keys) for item in value]
    return value


DISPLAYED = {
    "title",
    "subtitle",
    "byline",
    "outlet",
    "original_outlet",
    "author",
    "name",
    "speaker",
    "speaker_description",
    "cue",
    "subject",
    "object",
    "attributed_to",
    "place",
    "time",
    "channel",
    "predicate",
    "language",
    "translated_from",
    "country",
    "feature",
}


def poison(document: dict[str, Any]) -> dict[str, Any]:
    """The document with a payload in every displayed field, ids and URLs included; offsets kept."""
    index = [0]
    articles = _poison_strings(document["articles"], index, DISPLAYED)
    for n, article in enumerate(articles):
        article["url"] = JS_URL if n % 2 == 0 else f"data:text/html,{PAYLOADS[0]}"
        article["id"] = f"{PAYLOADS[n % len(PAYLOADS)]}#{n}"
        for entity in article["entities"]:
            entity["join_key"] = f"{entity['type']}:{PAYLOADS[n % len(PAYLOADS)]}{entity['join_key']}"
    document["articles"] = articles
    document["stories"] = [
        {"id": f"s1{PAYLOADS[3]}", "title": PAYLOADS[0], "articles": [a["id"] for a in articles]}
    ]
    return document
