"""Hostile input: mutated corpus files never crash a parser; they import or fail cleanly."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from healthbook.ingest.apple_export_xml import _Handler, _stream_xml
from healthbook.ingest.ccda import items_from_ccda_bytes
from healthbook.ingest.context import ParseContext
from healthbook.ingest.csv_file import items_from_csv_text
from healthbook.ingest.errors import ImportFailed
from healthbook.ingest.fhir import items_from_json_bytes
from healthbook.ingest.health_connect import items_from_database
from healthbook.ingest.healthkit import RecordConverter
from tests.conftest import DATA
from tests.generate import health_connect_export

FUZZ = settings(max_examples=120, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow])
SEEDS = {
    "fhir": (DATA / "fhir-r4" / "observation-example-bloodpressure.json").read_bytes(),
    "bundle": (DATA / "fhir-r4" / "diagnosticreport-example-lipids.json").read_bytes(),
    "apple": (DATA / "apple-health" / "dogsheep-healthkit-to-sqlite" / "export.xml")
    .read_bytes(),
    "ccda": (DATA / "ccda" / "hl7-c-cda-examples" / "sections" /
             "Basic_Metabolic_Panel_with_Troponin.xml").read_bytes(),
    "csv": b"date,test,value,unit,range\n2024-01-02,Glucose,5.4,mmol/L,3.9-5.6\n",
}


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """The seed with a few bytes flipped, cut, duplicated or inserted."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["flip", "cut", "insert", "dup"]))
        pos = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "flip" and data:
            data[pos] = draw(st.integers(0, 255))
        elif op == "cut":
            del data[pos:pos + draw(st.integers(1, 200))]
        elif op == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=40))
        elif data:
            data[pos:pos] = data[pos:pos + draw(st.integers(1, 400))]
    return bytes(data)


def _drain(items) -> None:  # noqa: ANN001 - any item iterator
    try:
        for _ in items:
            pass
    except ImportFailed:
        pass


@FUZZ
@given(data=st.one_of(mutated(SEEDS["fhir"]), mutated(SEEDS["bundle"]), st.binary()))
def test_fhir_json_parser(data: bytes) -> None:
    _drain(items_from_json_bytes(data, "fuzz.json"))


@FUZZ
@given(data=st.one_of(mutated(SEEDS["apple"]), st.binary()))
def test_apple_health_parser(data: bytes) -> None:
    ctx = ParseContext(Path("export.xml"), len(data))
    _drain(RecordConverter().items(_stream_xml(io.BytesIO(data), ctx, _Handler())))


@FUZZ
@given(data=st.one_of(mutated(SEEDS["ccda"]), st.binary()))
def test_ccda_parser(data: bytes) -> None:
    _drain(items_from_ccda_bytes(data, "fuzz.xml"))


@FUZZ
@given(data=st.one_of(mutated(SEEDS["csv"]), st.text()))
def test_csv_parser(data: bytes | str) -> None:
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    _drain(items_from_csv_text(text, "fuzz.csv"))


def health_connect_seed() -> bytes:
    """The database inside the synthetic Health Connect export."""
    with tempfile.TemporaryDirectory() as tmp:
        export = health_connect_export(Path(tmp) / "hc.zip")
        return zipfile.ZipFile(export).read("health_connect_export.db")


@FUZZ
@given(image=st.one_of(mutated(health_connect_seed()), st.binary()))
def test_health_connect_parser(image: bytes) -> None:
    _drain(items_from_database(image))
