"""Event layer: typed events per sentence, resolved across documents, stories and contradictions."""
