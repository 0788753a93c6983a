"""Exports of the store: ``json`` (schema rasd.dossier/1, validated against the committed JSON Schema)."""
