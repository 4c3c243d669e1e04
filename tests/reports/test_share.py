"""The sharing export: a valid FHIR R4 Bundle that re-imports into an empty vault with the same
records, for every corpus file that imports; filters; audit; CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from healthbook.ingest import import_file
from healthbook.reports import export
from healthbook.reports.share import chosen, fhir_bundle
from healthbook.vault import RecordKind, Vault
from tests.conftest import DATA, PASSPHRASE
from tests.helpers import run_cli
from tests.ingest.test_corpus import CORPUS, REFUSED

EXPORTABLE = {k for k in RecordKind if k is not RecordKind.WORKOUT}


def _key(stored) -> tuple:  # noqa: ANN001
    r = stored.record
    return (r.kind, r.code or "", repr(r.value_num), r.unit or "", (r.effective or "")[:10])


@pytest.mark.parametrize("path", [p for p in CORPUS if p.name not in REFUSED],
                         ids=lambda p: str(p.relative_to(DATA)))
def test_exported_fhir_reimports_with_the_same_records(path: Path, tmp_path: Path) -> None:
    with Vault.in_memory() as source:
        person = source.people.add("Shared")
        import_file(source, person, path)
        records = [s for s in source.records.list(person.id)
                   if s.record.kind in EXPORTABLE]
        shared = fhir_bundle(source.people.get(person.id), records)
    out = tmp_path / "shared.json"
    out.write_bytes(shared.json_bytes())
    with Vault.in_memory() as target:
        copy = target.people.add("Received")
        if shared.record_ids:
            import_file(target, copy, out)
        back = target.records.list(copy.id)
    held = [s for s in records if s.id in set(shared.record_ids)]
    from_fhir = [s for s in held if (s.record.original_format or "").startswith("fhir-r4")]
    # Records that came from FHIR R4 return exactly; the rest return with the same clinical
    # content (kind, code, value, unit, date).
    assert {s.record.dedupe_key() for s in from_fhir} <= {s.record.dedupe_key() for s in back}
    assert sorted(map(_key, held)) == sorted(map(_key, back))
    # Only non-FHIR documents and undated immunizations cannot be written as R4 resources.
    skipped = [s for s in records if s.id in set(shared.skipped)]
    assert all(s.record.kind in (RecordKind.DOCUMENT, RecordKind.IMMUNIZATION) and
               not (s.record.original_format or "").startswith("fhir-r4") for s in skipped)


def test_kinds_and_dates_choose_what_is_shared_and_the_audit_log_says_so(
        vault: Vault, tmp_path: Path) -> None:
    person = vault.people.add("Sal")
    import_file(vault, person, DATA / "synthea" /
                "Sal_Strosin_8fcfcc3a-4019-4ebd-be92-835901f3c882.json")
    out = tmp_path / "share.json"
    summary = export(vault, person, out, "fhir", since="2000-01-01",
                     kinds={"observation", "condition"})
    bundle = json.loads(out.read_text())
    assert bundle["type"] == "collection"
    types = {e["resource"]["resourceType"] for e in bundle["entry"]}
    assert types == {"Patient", "Observation", "Condition"}
    expected = chosen(vault.records.list(person.id), {"observation", "condition"}, "2000-01-01")
    assert summary["records"] == [s.id for s in expected]
    assert all((s.record.effective or "") >= "2000-01-01" for s in expected)
    # a blood pressure's systolic and diastolic are written inside their panel's resource
    inside = [s for s in expected if s.record.original is None and
              "panel" in (s.record.details or {})]
    assert len(bundle["entry"]) == len(expected) - len(inside) + 1
    assert out.stat().st_mode & 0o077 == 0  # owner-only
    entry = vault.audit.entries()[-1]
    assert entry.action == "export"
    assert entry.detail["records"] == summary["records"]
    assert entry.detail["kinds"] == ["condition", "observation"]


def test_cli_export_writes_fhir_and_pdf(vault_path: Path, tmp_path: Path) -> None:
    with Vault.open(vault_path, PASSPHRASE) as vault:
        person = vault.people.add("Sal")
        import_file(vault, person, DATA / "synthea" /
                    "Sal_Strosin_8fcfcc3a-4019-4ebd-be92-835901f3c882.json")
    env = {"HEALTHBOOK_PASSPHRASE": PASSPHRASE}
    fhir = run_cli("export", str(vault_path), str(tmp_path / "s.json"), "--format", "fhir",
                   "--kinds", "medication", "--json", env=env)
    assert fhir.returncode == 0, fhir.stderr
    assert len(json.loads(fhir.stdout)["records"]) == 14
    pdf = run_cli("export", str(vault_path), str(tmp_path / "s.pdf"), "--format", "pdf",
                  env=env)
    assert pdf.returncode == 0, pdf.stderr
    assert (tmp_path / "s.pdf").read_bytes()[:5] == b"%PDF-"
    bad = run_cli("export", str(vault_path), str(tmp_path / "no" / "s.json"), "--format",
                  "fhir", env=env)
    assert bad.returncode == 1
    assert "could not be written" in bad.stderr
