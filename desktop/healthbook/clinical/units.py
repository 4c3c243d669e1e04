"""Unit conversion for results as labs and devices send them (UCUM strings), with pint.

Dimensional conversions (mg/dL <-> g/L, lb <-> kg, degF <-> degC...) go through pint;
mass <-> molar conversions use the analyte's molar mass from resources/reference; HbA1c
% (NGSP) <-> mmol/mol (IFCC) uses the IFCC-NGSP master equation. Units that cannot be
converted raise UnitMismatch: such values are kept apart, never mixed.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from healthbook.clinical.reference import Analyte

# UCUM spellings -> pint expressions (only where the two differ).
UCUM_TO_PINT = {
    "%": "percent", "[lb_av]": "lb", "lbs": "lb", "[in_i]": "inch", "in": "inch",
    "[ft_i]": "foot", "Cel": "degC", "°C": "degC", "C": "degC", "[degF]": "degF", "°F": "degF",
    "F": "degF", "mm[Hg]": "mmHg", "mmhg": "mmHg", "/min": "1/min", "{beats}/min": "1/min",
    "beats/min": "1/min", "bpm": "1/min", "count/min": "1/min", "kg/m2": "kg/m**2",
    "10*3/uL": "1e3/uL", "10^3/uL": "1e3/uL", "K/uL": "1e3/uL", "x10E3/uL": "1e3/uL",
    "10*9/L": "1e9/L", "10^9/L": "1e9/L", "10*6/uL": "1e6/uL", "10*12/L": "1e12/L",
    "mcg": "ug", "µg": "ug", "µmol/L": "umol/L", "μmol/L": "umol/L", "mcmol/L": "umol/L",
    "m[IU]/L": "milliinternational_unit/L", "mIU/L": "milliinternational_unit/L",
    "u[IU]/mL": "microinternational_unit/mL", "uIU/mL": "microinternational_unit/mL",
    "U/L": "enzyme_unit/L", "IU/L": "enzyme_unit/L", "{INR}": "dimensionless",
    "INR": "dimensionless", "1": "dimensionless", "{ratio}": "dimensionless",
}


# UCUM codes -> how people write them.
DISPLAY = {
    "mm[Hg]": "mmHg", "Cel": "°C", "[degF]": "°F", "10*3/uL": "×10³/µL",
    "10*9/L": "×10⁹/L", "10*6/uL": "×10⁶/µL", "10*12/L": "×10¹²/L", "kg/m2": "kg/m²",
    "[lb_av]": "lb", "[in_i]": "in", "umol/L": "µmol/L", "m[IU]/L": "mIU/L",
    "u[IU]/mL": "µIU/mL", "{INR}": "", "{score}": "", "/min": "/min", "1": "",
    "mL/(kg.min)": "mL/kg/min", "ug/L": "µg/L", "ug/dL": "µg/dL", "ug/mL": "µg/mL",
    "umol/mol": "µmol/mol", "/uL": "/µL",
}


def display_unit(unit: str | None) -> str:
    """A unit as people read it: 'mm[Hg]' -> 'mmHg', '10*3/uL' -> '×10³/µL'."""
    if not unit:
        return ""
    if unit in DISPLAY:
        return DISPLAY[unit]
    # UCUM annotations are words, not units ('{cells}'), except a body-surface divisor.
    unit = re.sub(r"/\{?1\.73_?m2\}?", "/1.73 m²", unit)
    return re.sub(r"\{[^}]*\}", "", unit).strip()


# The unit an analyte is shown in, per unit system (otherwise its canonical unit, as
# resources/reference/analytes.json gives it). "fr" is how French laboratories print results.
UNIT_SYSTEMS: dict[str, dict[str, str]] = {
    "metric": {"glucose": "mmol/L", "cholesterol": "mmol/L", "ldl": "mmol/L",
               "hdl": "mmol/L", "triglycerides": "mmol/L", "calcium": "mmol/L",
               "urea_nitrogen": "mmol/L", "creatinine": "umol/L", "hemoglobin": "g/L"},
    "us": {"body_weight": "[lb_av]", "body_height": "[in_i]", "body_temperature": "[degF]"},
    "fr": {"glucose": "mmol/L", "cholesterol": "g/L", "ldl": "g/L", "hdl": "g/L",
           "triglycerides": "g/L", "calcium": "mmol/L", "urea_nitrogen": "mmol/L",
           "creatinine": "umol/L"},
}
LANGUAGE_UNITS = {"fr": "fr"}  # a language's usual units when the user chose none
_chosen_system = ""  # Settings › Units ("" = the language's usual units)


def set_unit_system(name: str) -> None:
    """Show results in a unit system from now on: "metric", "us", or "" (the usual units of
    the current language)."""
    global _chosen_system
    _chosen_system = name if name in UNIT_SYSTEMS else ""


def unit_system() -> str:
    """The unit system in use: the user's choice, else the current language's usual one."""
    from healthbook.i18n import current_language

    return _chosen_system or LANGUAGE_UNITS.get(current_language(), "")


def preferred_unit(analyte: Analyte) -> str:
    """The unit to show an analyte's results in (its canonical unit unless the unit system
    says otherwise)."""
    return UNIT_SYSTEMS.get(unit_system(), {}).get(analyte.key, analyte.unit)


class UnitMismatch(ValueError):
    """The two units cannot be converted into each other for this analyte."""


@cache
def _registry() -> Any:
    import pint  # loaded on first use: it takes half a second

    registry: pint.UnitRegistry = pint.UnitRegistry()
    registry.define("international_unit = [international_unit] = IU")
    return registry


def pint_unit(unit: str) -> str:
    """The pint expression for a UCUM (or common) unit string."""
    text = unit.strip()
    return UCUM_TO_PINT.get(text, UCUM_TO_PINT.get(text.lower(), text))


def same_unit(a: str | None, b: str | None) -> bool:
    """True when two unit strings mean the same unit."""
    if a is None or b is None:
        return a == b
    return pint_unit(a) == pint_unit(b)


def _quantity(magnitude: float, unit: str) -> Any:
    """A pint quantity; units with a scaling factor ('1e9/L') are parsed as expressions."""
    reg = _registry()
    expr = pint_unit(unit)
    try:
        return reg.Quantity(magnitude, expr)
    except ValueError:
        return magnitude * reg.parse_expression(expr)


@lru_cache(maxsize=512)
def _factor(source: str, target: str, molar_mass: float | None) -> tuple[float, float]:
    """(factor, offset) so that target_value = value * factor + offset."""
    reg = _registry()
    try:
        src, dst = _quantity(1, source), _quantity(1, target)
    except Exception as exc:  # pint's parse errors have no common base class
        raise UnitMismatch(f"unknown unit {source!r} or {target!r}") from exc
    if src.dimensionality == dst.dimensionality:
        zero = _quantity(0, source).to(dst.units).magnitude / dst.magnitude
        one = src.to(dst.units).magnitude / dst.magnitude
        return one - zero, zero
    if molar_mass:
        grams_per_mole = reg.Quantity(molar_mass, "g/mol")
        for converted in (src * grams_per_mole, src / grams_per_mole):
            if converted.dimensionality == dst.dimensionality:
                return float(converted.to(dst.units).magnitude / dst.magnitude), 0.0
    raise UnitMismatch(f"{source} cannot be converted to {target}")


def convert(value: float, source: str, target: str, analyte: Analyte | None = None) -> float:
    """`value` in `source` units, expressed in `target` units (raises UnitMismatch)."""
    if same_unit(source, target):
        return value
    if analyte is not None and analyte.key == "hba1c":
        return _hba1c(value, source, target)
    factor, offset = _factor(source.strip(), target.strip(),
                             analyte.molar_mass if analyte else None)
    return value * factor + offset


def _hba1c(value: float, source: str, target: str) -> float:
    """IFCC (mmol/mol) = (NGSP % - 2.15) x 10.929 (the IFCC-NGSP master equation)."""
    src, dst = _hba1c_kind(source), _hba1c_kind(target)
    if src == dst:
        return value
    if src == "%" and dst == "mmol/mol":
        return (value - 2.15) * 10.929
    if src == "mmol/mol" and dst == "%":
        return value / 10.929 + 2.15
    raise UnitMismatch(f"HbA1c in {source} cannot be converted to {target}")


def _hba1c_kind(unit: str) -> str:
    text = re.sub(r"\{.*?\}", "", unit).strip().lower()
    return "%" if text in {"%", "percent"} else "mmol/mol" if text == "mmol/mol" else text
