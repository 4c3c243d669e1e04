"""`healthbook import VAULT --person NAME report.pdf [--accept]` (issue 20): the rows are shown,
nothing is stored without --accept (exit code 3 when rows need review), and a result the vault
already has from FHIR is not stored twice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from healthbook.actions.documents import (
    Document,
    confirm_document,
    confirmed,
    shown_unit,
    typed_unit,
)
from healthbook.cli import main
from healthbook.ingest import import_file
from healthbook.ingest.lab_report import extract
from healthbook.vault import RecordKind, Vault
from tests.conftest import PASSPHRASE
from tests.labreports.generator import make_report


@pytest.fixture(scope="module")
def uk_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    made = make_report("uk_hospital", 3)
    path = tmp_path_factory.mktemp("reports") / "blood-tests.pdf"
    path.write_bytes(made.pdf)
    return path, made.truth


def _run(vault_path: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main([args[0], str(vault_path), *args[1:]])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_rows_are_shown_and_stored_only_with_accept(
        vault_path: Path, uk_report: tuple[Path, object], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    path, truth = uk_report
    monkeypatch.setenv("HEALTHBOOK_PASSPHRASE", PASSPHRASE)
    _run(vault_path, "people", "add", "Pat", capsys=capsys)
    found = extract(path)
    unsure = [r for r in found.rows if r.needs_review]
    code, text = _run(vault_path, "import", "--person", "Pat", str(path), capsys=capsys)
    assert code == (3 if unsure else 0)
    assert "nothing was stored" in text.lower()
    assert truth.rows[0].name_as_printed in text
    with Vault.open(vault_path, PASSPHRASE) as vault:
        assert vault.stats(vault.people.get("Pat").id).get("observation", 0) == 0
    code, text = _run(vault_path, "import", "--person", "Pat", str(path), "--accept",
                      capsys=capsys)
    assert code == 0
    code, listed = _run(vault_path, "records", "--kind", "result", "--json", capsys=capsys)
    rows = json.loads(listed)
    assert len(rows) == len(found.rows) - len(unsure)
    assert rows[0]["source"].startswith("read from blood-tests.pdf, confirmed by ")
    code, text = _run(vault_path, "import", "--person", "Pat", str(path), "--accept",
                      capsys=capsys)
    assert "added nothing" in text
    with Vault.open(vault_path, PASSPHRASE) as vault:
        pat = vault.people.get("Pat")
        assert len(vault.sources.list(pat.id)) == 1
        document = vault.records.list(pat.id, RecordKind.DOCUMENT)[0]
        assert vault.records.attachment(document.id).data == path.read_bytes()


def _fhir_twin(truth: object, out: Path) -> Path:
    """The same results as the lab's FHIR export would carry them (UCUM units, a time)."""
    entries = []
    for i, row in enumerate(truth.rows):
        if not isinstance(row.value, float) or not row.ucum or row.comparator:
            continue
        entries.append({"fullUrl": f"urn:uuid:00000000-0000-4000-8000-{i:012d}", "resource": {
            "resourceType": "Observation", "id": f"r{i}", "status": "final",
            "code": {"coding": [{"system": "http://loinc.org", "code": row.loinc}],
                     "text": row.name_as_printed},
            "effectiveDateTime": f"{truth.date}T08:30:00Z",
            "valueQuantity": {"value": row.value, "unit": row.ucum,
                              "system": "http://unitsofmeasure.org", "code": row.ucum}}})
    out.write_text(json.dumps({"resourceType": "Bundle", "type": "collection",
                               "entry": entries}))
    return out


def test_a_result_already_imported_from_fhir_is_not_stored_twice(
        vault: Vault, uk_report: tuple[Path, object], tmp_path: Path) -> None:
    path, truth = uk_report
    person = vault.people.add("Pat")
    fhir = import_file(vault, person, _fhir_twin(truth, tmp_path / "lab.json"),
                       force_person=True)
    before = len(vault.records.list(person.id, RecordKind.OBSERVATION))
    found = extract(path)
    rows = [confirmed(r) for r in found.rows]
    report = confirm_document(vault, person, Document(path.read_bytes(), path.name,
                                                      found.date, found.lab), rows,
                              by="Sam").value
    twins = fhir.added["observation"]
    assert report.duplicates["observation"] >= twins - 2  # a row or two may read differently
    after = len(vault.records.list(person.id, RecordKind.OBSERVATION))
    assert after - before == report.added["observation"]
    assert after < before + len(rows)


def test_the_review_screen_shows_units_as_people_write_them_and_stores_ucum(
        uk_report: tuple[Path, object]) -> None:
    found = extract(uk_report[0])
    wcc = next(r for r in found.rows if r.ucum == "10*9/L")
    assert shown_unit(wcc) == "×10⁹/L"
    assert typed_unit("×10⁹/L", wcc) == "10*9/L"  # left as shown
    assert typed_unit("G/L", wcc) == "10*9/L"  # typed the French way
    assert typed_unit("x10^9/l") == "10*9/L"  # a row added by hand
    assert typed_unit("cells per jar") == "cells per jar"  # kept as typed
    assert typed_unit("  ") is None
