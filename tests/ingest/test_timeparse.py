"""HL7 v3 timestamps as C-CDA documents write them."""

from __future__ import annotations

from healthbook.timeparse import hl7_when


def test_hl7_timestamps_become_utc_iso() -> None:
    assert hl7_when("20120806") == "2012-08-06"
    assert hl7_when("20210426004829-0800") == "2021-04-26T08:48:29Z"


def test_a_vendors_year_one_placeholder_is_no_date() -> None:
    # Allscripts' sample CCD writes 00010101000000 where it has no date (found by the export
    # round trip: FHIR cannot hold year 1 as written).
    assert hl7_when("00010101000000") is None
    assert hl7_when("not a date") is None
