"""Ingest: files, folders, globs, containers and formats → :class:`rasd.model.RawRecord` (or an InputError)."""
