"""Resolve: the knowledge base, entity linking, roles and cross-document entity resolution."""
