"""The attribution stage: who said what (quotes with their speakers and cues)."""
