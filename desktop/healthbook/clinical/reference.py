"""The reference tables in resources/reference: analytes, critical values, brand names."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from healthbook.paths import resources_dir


@dataclass(frozen=True, slots=True)
class Range:
    """A reference interval in the analyte's canonical unit, and where it comes from."""

    low: float | None
    high: float | None
    source: str


@dataclass(frozen=True, slots=True)
class Analyte:
    """A substance or vital sign, however many LOINC codes report it."""

    key: str
    name: str
    loinc: tuple[str, ...]
    unit: str
    kind: str
    plain: str
    molar_mass: float | None
    metric: str | None
    default: dict[str, Any] | None
    alt_unit: str | None = None
    possible: tuple[float, float] | None = None  # canonical-unit bounds of any real result

    def default_range(self, sex: str | None = None) -> Range | None:
        """The documented typical adult interval (sex-specific where the table has one)."""
        if not self.default:
            return None
        values = dict(self.default)
        if sex in ("female", "male") and isinstance(values.get(sex), dict):
            values.update(values[sex])
        return Range(values.get("low"), values.get("high"), values["source"])


def _load(name: str) -> dict[str, Any]:
    return json.loads((resources_dir() / "reference" / name).read_text(encoding="utf-8"))


@cache
def analytes() -> dict[str, Analyte]:
    """Every analyte by key."""
    table = _load("analytes.json")["analytes"]
    return {
        key: Analyte(key, row["name"], tuple(row["loinc"]), row["unit"], row["kind"],
                     row["plain"], row.get("molar_mass"), row.get("metric"), row.get("range"),
                     row.get("alt_unit"), tuple(row["possible"]) if "possible" in row else None)
        for key, row in table.items()
    }


@cache
def _by_loinc() -> dict[str, Analyte]:
    return {code: a for a in analytes().values() for code in a.loinc}


@cache
def _by_name() -> dict[str, Analyte]:
    names = {_words(a.name): a for a in analytes().values()}
    names.update({_words(a.key.replace("_", " ")): a for a in analytes().values()})
    return names


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def analyte_for(code: str | None, display: str | None) -> Analyte | None:
    """The analyte a result reports: by LOINC code, else by a plain name ('Kalium' is not)."""
    if code and code in _by_loinc():
        return _by_loinc()[code]
    if not display:
        return None
    found = _by_name().get(_words(display))
    if found is None:
        # 'Creatinine(Serum)', 'Glucose [Mass/volume] in Blood': the name before the
        # specimen or property. ('Cholesterol in HDL' keeps its words and does not match.)
        head = re.split(r"[\[(]", display, maxsplit=1)[0]
        found = _by_name().get(_words(head))
    return found


@cache
def critical_rules() -> list[dict[str, Any]]:
    """The critical-value rules."""
    return list(_load("critical_values.json")["rules"])


@cache
def brand_names() -> dict[str, str]:
    """Brand name (lower case) -> active ingredient."""
    return dict(_load("brand_generic.json")["brands"])
