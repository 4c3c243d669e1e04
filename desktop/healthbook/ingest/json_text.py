"""JSON read and written without losing decimal precision (FHIR's decimals are exact)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, NoReturn


def _reject_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a valid JSON number")


def loads(text: str) -> Any:
    """Parse JSON, keeping every decimal as an exact Decimal; NaN/Infinity are refused."""
    return json.loads(text, parse_float=Decimal, parse_constant=_reject_constant)


def dumps(value: Any) -> str:
    """Compact JSON text; Decimals are written with exactly their original digits."""
    parts: list[str] = []
    _write(value, parts.append)
    return "".join(parts)


def _write(value: Any, out: Any) -> None:
    if isinstance(value, dict):
        out("{")
        for i, (key, item) in enumerate(value.items()):
            if i:
                out(",")
            out(json.dumps(key, ensure_ascii=False))
            out(":")
            _write(item, out)
        out("}")
    elif isinstance(value, list):
        out("[")
        for i, item in enumerate(value):
            if i:
                out(",")
            _write(item, out)
        out("]")
    elif isinstance(value, Decimal):
        out(str(value))
    else:
        out(json.dumps(value, ensure_ascii=False))
