"""The web UI and JSON API (``rasd serve``)."""
