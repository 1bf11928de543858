"""The site's own name as its page chrome gives it, for pages with no metadata naming it.

"Follow FMT on WhatsApp", "© 2026 Kestrel News Agency", «Подписывайтесь на «Ошскую неделю» в
Telegram». Chrome names people too ("Follow Pam Key on Twitter @pamkeyNEN" under a Breitbart
article): these are only candidates, and ``article.py`` keeps the first one that is an outlet's
name (``resources.outlet_names.outlet_name``).
"""

from __future__ import annotations

import re

_NAME_EN = r"[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3}"
_NAME_ANY = r"[A-ZА-ЯЁ][\w&.'-]*(?:\s+[A-ZА-ЯЁ][\w&.'-]*){0,3}"
_QUOTED = r"[«\"“„](?P<quoted>[^«»\"“”„\n]{2,60})[»\"”“]"
_SITE_NAME = re.compile(
    # "Follow X on Telegram", "Join X on WhatsApp" (not "Follow us").
    rf"(?:follow|join)\s+(?P<follow>(?!us\b){_NAME_EN})\s+(?:on|for|at|via)\b"
    # "© 2026 X", "Copyright X".
    rf"|(?:©|copyright)\s*(?:\d{{4}}\s*)?(?:{_QUOTED.replace('quoted', 'copyright_quoted')}"
    rf"|(?P<copyright>{_NAME_ANY}))",
    re.IGNORECASE,
)
# «Подписывайтесь на «X» в Telegram»: the name is in the accusative.
_SUBSCRIBE_RU = re.compile(
    rf"(?:подписывайтесь|подпишитесь)\s+на\s+(?:{_QUOTED}|(?P<bare>[А-ЯЁ][\w-]*(?:\s+[А-ЯЁ][\w-]*){{0,2}}))",
    re.IGNORECASE,
)

# Accusative endings of feminine words and what the nominative has instead («Ошскую неделю» ->
# «Ошская неделя»); masculine, neuter and plural names of things read the same in both cases.
_ACCUSATIVE_ADJECTIVE = (("ую", "ая"), ("юю", "яя"))
_ACCUSATIVE_NOUN = (("у", "а"), ("ю", "я"))
_CONSONANTS = "бвгджзйклмнпрстфхцчшщ"


def site_name_from_chrome(paragraph: str) -> str | None:
    """The site name a chrome line gives ("Follow FMT on WhatsApp" -> "FMT"), or None. Only a
    candidate: a journalist's follow line gives a person's name."""
    match = _SITE_NAME.search(paragraph)
    if match:
        name = match.group("follow") or match.group("copyright_quoted") or match.group("copyright")
        return name.strip() if name else None
    match = _SUBSCRIBE_RU.search(paragraph)
    if match:
        quoted = match.group("quoted")
        name = nominative_ru(quoted or match.group("bare"))
        return f"«{name}»" if quoted else name
    return None


def nominative_ru(name: str) -> str:
    """A Russian name in the accusative back in the nominative («Новую газету» -> «Новая газета»,
    «Медузу» -> «Медуза»); names that read the same in both cases are left as they are."""
    words = name.split()
    out = []
    for word in words:
        lowered = word.lower()
        swap = next(((a, n) for a, n in _ACCUSATIVE_ADJECTIVE if lowered.endswith(a)), None)
        if swap is None and len(lowered) > 2 and lowered[-2] in _CONSONANTS:
            swap = next(((a, n) for a, n in _ACCUSATIVE_NOUN if lowered.endswith(a)), None)
        out.append(word[: -len(swap[0])] + swap[1] if swap else word)
    return " ".join(out)
