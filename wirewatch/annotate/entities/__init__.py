"""The entities stage: names found by NER (spaCy for English, natasha for Russian), grouped into
entities with canonical names, types and match keys."""
