"""The site's own name as its page chrome gives it, for pages with no metadata naming it.

"Follow FMT on WhatsApp", "© 2026 Kestrel News Agency", "get the best of X delivered to
your inbox", «Подписывайтесь на «Ошскую неделю» в Telegram». Chrome names people too ("Follow
Pam Key on Twitter @pamkeyNEN" under a Breitbart article): these are only candidates, and
``article.py`` keeps the first one that is an outlet's name (``outlet_names.outlet_name``).
"""

from __future__ import annotations

import re

# Name words start with a capital whatever the line's case rules; a full stop inside one
# ("example.com") is part of it, one after it ends the sentence ("© X. All rights reserved").
_WORD_TAIL = r"[\w&'-]*(?:\.[\w&'-]+)*"
_NAME_EN = rf"(?-i:[A-Z]){_WORD_TAIL}(?:\s+(?-i:[A-Z]){_WORD_TAIL}){{0,3}}"
_NAME_ANY = rf"(?-i:[A-ZА-ЯЁ]){_WORD_TAIL}(?:\s+(?-i:[A-ZА-ЯЁ]){_WORD_TAIL}){{0,3}}"
_QUOTED = r"[«\"“„](?P<quoted>[^«»\"“”„\n]{2,60})[»\"”“]"
_SITE_NAME = re.compile(
    # "Follow X on Telegram", "Join X on WhatsApp" (not "Follow us").
    rf"(?:follow|join)\s+(?P<follow>(?!us\b){_NAME_EN})\s+(?:on|for|at|via)\b"
    # Newsletter lines: "get the best of X delivered to your inbox", "Sign up for X's newsletter".
    rf"|(?:the\s+best\s+of|news\s+from)\s+(?P<newsletter>{_NAME_EN})\s+(?:delivered|in\s+your\s+inbox)"
    rf"|(?:sign\s+up\s+for|subscribe\s+to)\s+(?:the\s+)?(?P<newsletter2>{_NAME_EN})(?:['’]s)?\s+newsletter"
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
        groups = ("follow", "newsletter", "newsletter2", "copyright_quoted", "copyright")
        name = next((found for group in groups if (found := match.group(group))), None)
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
