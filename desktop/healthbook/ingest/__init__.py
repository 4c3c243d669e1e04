"""Importers: detect a file's format and stream it into the vault (no Qt)."""
