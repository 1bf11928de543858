"""The times stage: time expressions normalised against the publication date (English and Russian
grammars over one calendar core)."""
