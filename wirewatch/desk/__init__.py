"""The analyst's desk: the service functions the web app and the CLI both call.

``DeskSource`` is what the views read; ``DocumentSource`` implements it over an analyze JSON
document in memory, and a store-backed source implements the same protocol.
"""

from wirewatch.desk.document import DocumentSource
from wirewatch.desk.errors import BadParameter, DeskError, NotFound
from wirewatch.desk.source import DeskSource
from wirewatch.desk.views import Filters, Page, PageRequest, to_dict

__all__ = [
    "BadParameter",
    "DeskError",
    "DeskSource",
    "DocumentSource",
    "Filters",
    "NotFound",
    "Page",
    "PageRequest",
    "to_dict",
]
