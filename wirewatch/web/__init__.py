"""The web app: JSON API and HTML pages over a desk source (``wirewatch.desk``)."""

from wirewatch.web.app import create_app

__all__ = ["create_app"]
