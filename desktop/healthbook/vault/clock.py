"""Timestamps stored in the vault (UTC, ISO 8601, second precision)."""

from __future__ import annotations

from datetime import UTC, datetime


def now_iso() -> str:
    """The current UTC time as 'YYYY-MM-DDTHH:MM:SSZ'."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
