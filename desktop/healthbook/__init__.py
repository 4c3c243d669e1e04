"""Healthbook: a local-first, encrypted desktop health notebook."""

__version__ = "0.1.0"
APP_NAME = "Healthbook"
