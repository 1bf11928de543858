"""Resources every stage reads: the outlet catalogue, the NLP models, the cue lexicon.

They are built once per process and handed to the stages that need them.
"""
