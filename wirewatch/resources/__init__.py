"""Resources every stage reads: the outlet catalogue, the gazetteer, the NLP models, the cue
lexicon (``bundle.Resources``, built once per process by ``bundle.build_resources``), and the
parse of an article that the annotator makes once and hands to every stage (``article_parse``).
"""
