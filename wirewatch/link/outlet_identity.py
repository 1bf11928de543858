"""Which outlet a cited name is, across scripts and short forms, and whether it is a wire agency.

Articles name outlets as they write them: "Delovoy Vestnik" in English, «Деловой вестник» in
Russian, "KNA" in a picture credit for Kestrel News Agency. Catalogued outlets are one by their
catalogue entry; others by the corpus-wide outlet join key (a transliterated slug, the same for
both scripts), by the cross-script name key (which also equates spellings such as "Kavkazsky
Express" and «Кавказский экспресс», whose slugs differ) or by ``is_same_outlet`` (initials, first
words, Russian case endings).
"""

from __future__ import annotations

import re

from wirewatch.join_keys import name_key, outlet_join_key
from wirewatch.model import OutletKind
from wirewatch.resources.lexicon import RU_WIRE_NAME_STEMS, WIRE_NAME_WORDS
from wirewatch.resources.outlet_names import is_same_outlet
from wirewatch.resources.outlets import OutletCatalog

_WORD = re.compile(r"[^\W\d_]+")


class OutletIdentity:
    """Outlet names compared and described through one catalogue."""

    def __init__(self, catalog: OutletCatalog) -> None:
        self._catalog = catalog

    def canonical(self, name: str) -> str:
        """The catalogue name of ``name``, else ``name`` as written."""
        known = self._catalog.lookup(name)
        return known.name if known is not None else name.strip()

    def key(self, name: str) -> str:
        """The outlet join key of ``name`` (equal across scripts for one outlet)."""
        return outlet_join_key(self.canonical(name))

    def same(self, name: str, outlet: str | None) -> bool:
        """Whether ``name`` is the outlet called ``outlet``."""
        if not outlet or not name.strip():
            return False
        return (
            self.key(name) == self.key(outlet)
            or name_key(self.canonical(name)) == name_key(self.canonical(outlet))
            or is_same_outlet(name, outlet, self._catalog)
        )

    def is_wire(self, name: str) -> bool:
        """A wire agency: catalogued as one, or (uncatalogued) named as an agency."""
        known = self._catalog.lookup(name)
        if known is not None:
            return known.kind == OutletKind.WIRE
        for word in _WORD.findall(name.lower()):
            if word in WIRE_NAME_WORDS or word.startswith(RU_WIRE_NAME_STEMS):
                return True
        return False
