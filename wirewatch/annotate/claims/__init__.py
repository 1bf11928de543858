"""The claims stage: normalised factual statements with their sourcing."""
