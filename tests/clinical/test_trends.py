"""Trend arithmetic and the plain statements made from it."""

from __future__ import annotations

import calendar

import pytest

from healthbook.clinical.trends import statement, trend


def _t(day: str) -> float:
    return float(calendar.timegm((int(day[:4]), int(day[5:7]), int(day[8:10]), 0, 0, 0)))


def test_ldl_rise_over_fourteen_months() -> None:
    points = [(_t("2023-01-10"), 130.0), (_t("2023-06-12"), 138.0),
              (_t("2023-11-20"), 149.0), (_t("2024-03-12"), 159.0)]
    t = trend(points)
    assert t is not None
    # change 159 - 130 = 29; 29 / 130 = 22.3%
    assert t.change == 29.0
    assert t.percent == pytest.approx(29 / 130)
    # 2023-01-10 to 2024-03-12 is 427 days = 14.0 months of 30.44 days
    assert t.days == 427
    assert t.significant
    assert t.slope_per_year == pytest.approx(24.6, abs=0.5)  # least squares, ~25 mg/dL/year
    assert t.slope_se is not None
    assert statement("LDL cholesterol", t, "mg/dL") == (
        "LDL cholesterol rose 22% over 14 months (4 results, 130 to 159 mg/dL).")


def test_small_or_short_changes_are_stable() -> None:
    flat = trend([(_t("2023-01-01"), 100.0), (_t("2024-01-01"), 104.0)])
    assert flat is not None
    assert not flat.significant  # 4% < 10%
    quick = trend([(_t("2024-01-01"), 100.0), (_t("2024-01-10"), 150.0)])
    assert quick is not None
    assert not quick.significant  # 9 days < 30
    noisy = trend([(_t("2023-01-01"), 100.0), (_t("2023-04-01"), 160.0),
                   (_t("2023-07-01"), 90.0), (_t("2023-10-01"), 115.0)])
    assert noisy is not None
    assert not noisy.significant  # the slope is not clear of its error
    assert "stayed about the same" in statement("X", noisy, "u")
    assert trend([(_t("2024-01-01"), 1.0)]) is None
