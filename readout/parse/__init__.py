"""Parse: the spaCy pipeline that every later stage reads (tokens, tags, parse, entities)."""
