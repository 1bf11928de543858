"""The desk's two failures a caller can act on: an id that names nothing, a parameter out of range.

The web app turns them into 404 and 400 with one JSON error shape; the CLI into a message and
exit code 2. Anything else escaping a desk function is a bug, not bad input.
"""

from __future__ import annotations


class DeskError(Exception):
    """Base of the desk's errors; ``code`` is the machine-readable name in the JSON error shape."""

    code = "desk_error"


class NotFound(DeskError):
    """No story, article, entity or claim has that id."""

    code = "not_found"

    def __init__(self, kind: str, ident: str) -> None:
        plural = {"story": "stories", "entity": "entities"}.get(kind, f"{kind}s")
        super().__init__(f"no {kind} with id {ident!r}: list them with GET /api/{plural} or search")
        self.kind = kind
        self.ident = ident


class BadParameter(DeskError):
    """A parameter a caller gave is out of range or malformed."""

    code = "bad_parameter"

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"parameter {name!r}: {problem}")
        self.name = name
