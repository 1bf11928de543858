"""The places stage: toponyms resolved against the gazetteer with the whole article as context."""
