"""The store: one SQLite file (WAL, foreign keys, versioned schema) with Arabic-folded full-text search."""
from .sqlite import Store

__all__ = ["Store"]
