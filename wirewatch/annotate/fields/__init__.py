"""Entities, places and times of an article's title, subtitle and captions (``FieldAnnotator``)."""
