"""Annotation: language-layer components that write spans into a document (tokens, sentences, entities)."""
