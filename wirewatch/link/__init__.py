"""Linking articles across the store: near-duplicates, stories, derivations."""
