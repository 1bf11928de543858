"""Russian adjectival place names: «Андижанская область», «Узгенского района».

Russian names a province, a district or a reservoir with an adjective made from its town's
name: «Андижанская область» is the province of Andijan, «Узгенский район» the district of Uzgen,
«Токтогульское водохранилище» the reservoir at Toktogul. GeoNames lists such forms for a few
countries only, so the resolver reads the adjective back to the town's name (``AreaName.bases``)
and looks that up; the head noun says what the name is of (``AreaName.kind``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A province ("admin1"): the province that holds the town. A district or a reservoir/dam
# ("town"): the town itself, which gives the district its name and lies beside the dam.
# Valleys, lakes and rivers are left alone: «Ферганская долина» is no town's area.
_HEADS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(?:област[ьиеюя]\w*|кра(?:й|я|ю|ем|е|ях|ев)|регион\w*|провинци\w+)$"), "admin1"),
    (re.compile(r"^(?:район\w*|округ\w*|водохранилищ\w*|гэс)$", re.IGNORECASE), "town"),
)
# The adjective: a capitalised stem (hyphens inside: «Джалал-Абадская»), the suffix -ск-/-цк-
# and a case ending of any gender and number.
_ADJECTIVE = re.compile(
    r"^(?P<stem>[А-ЯЁ][а-яёА-ЯЁ-]*?)(?P<suffix>[сц]к)"
    r"(?:ая|ой|ую|ое|ого|ом|ому|ий|их|им|ими|ие|ые|ых|ым|ыми)$"
)


@dataclass(frozen=True)
class AreaName:
    """What an adjectival name points to: the town names it may come from, most likely first,
    and ``kind``: "admin1" (the province holding that town) or "town" (the town itself)."""

    bases: tuple[str, ...]
    kind: str


def area_name(text: str) -> AreaName | None:
    """The town names behind «<Adjective> <head>» («Андижанской области» -> Андижан, admin1),
    or None when ``text`` is not such a name. Only two-word names: the adjective and its head."""
    words = text.split()
    if len(words) != 2:
        return None
    kind = next((k for pattern, k in _HEADS if pattern.match(words[1].lower())), None)
    match = _ADJECTIVE.match(words[0])
    if kind is None or match is None:
        return None
    return AreaName(_bases(match.group("stem"), match.group("suffix")), kind)


def _bases(stem: str, suffix: str) -> tuple[str, ...]:
    """The town names an adjective stem may come from: Андижан(ская), Ферган(ская) -> Фергана,
    Твер(ская) -> Тверь, Токтогуль(ское) -> Токтогул, Кур(ская) -> Курск, Москов(ская) ->
    Москва."""
    out = [stem, stem + "а", stem + "ь", stem + "я", stem + suffix]
    if stem.endswith("ь"):
        out.append(stem[:-1])
    if stem.endswith("ов"):
        out.append(stem[:-2] + "а")
    return tuple(dict.fromkeys(out))
