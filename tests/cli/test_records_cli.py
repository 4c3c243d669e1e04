"""`healthbook add`, `edit` and `records` (issue 19): the names and options are a contract."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from healthbook.cli import main
from tests.conftest import DATA, PASSPHRASE


@pytest.fixture
def cli(vault_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    monkeypatch.setenv("HEALTHBOOK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("LANG", "C.UTF-8")

    def run(*args: str) -> tuple[int, str, str]:
        code = main([args[0], str(vault_path), *args[1:]])
        out = capsys.readouterr()
        return code, out.out, out.err

    assert run("people", "add", "Mum")[0] == 0
    return run


def test_add_every_kind_then_list_them(cli) -> None:  # noqa: ANN001
    assert cli("add", "--person", "Mum", "result", "Potassium", "--value", "4,2", "--unit",
               "mmol/L", "--date", "2026-03-01", "--by", "Sam")[0] == 0
    assert cli("add", "--person", "Mum", "medication", "Ibuprofen", "--note", "200 mg",
               "--date", "2026-01-01", "--by", "Sam")[0] == 0
    assert cli("add", "allergy", "Penicillin", "--note", "rash", "--by", "Sam")[0] == 0
    assert cli("add", "condition", "Asthma", "--date", "2010", "--by", "Sam")[0] == 0
    assert cli("add", "vaccination", "Tetanus", "--date", "2025-06-01", "--by", "Sam")[0] == 0
    assert cli("add", "note", "Headache diary", "--note", "Headache after lunch",
               "--by", "Sam")[0] == 0
    code, out, _ = cli("records", "--json")
    rows = json.loads(out)
    assert code == 0
    assert sorted(r["kind"] for r in rows) == ["allergy", "condition", "document",
                                               "immunization", "medication", "observation"]
    potassium = next(r for r in rows if r["kind"] == "observation")
    assert (potassium["value"], potassium["unit"], potassium["code"]) == (4.2, "mmol/L",
                                                                          "2823-3")
    assert potassium["source"].startswith("entered by Sam on ")


@pytest.mark.parametrize(("args", "says"), [
    (("--value", "60", "--unit", "mmol/L"), "not a possible Potassium result"),
    (("--value", "4", "--unit", "kg"), "kg is not a unit Potassium"),
    (("--value", "4", "--unit", "mmol/L", "--date", "2099-01-01"), "in the future"),
    (("--value", "4", "--unit", "mmol/L", "--date", "yesterday"), "is not a date"),
])
def test_impossible_entries_get_one_sentence_and_store_nothing(cli, args, says) -> None:  # noqa: ANN001
    code, out, err = cli("add", "result", "Potassium", *args)
    assert code == 1
    assert says in err
    assert len(err.strip().splitlines()) == 1
    assert json.loads(cli("records", "--json")[1]) == []


def test_edit_history_undo_and_hide(cli) -> None:  # noqa: ANN001
    cli("add", "medication", "Ibuprofen", "--date", "2026-01-01", "--by", "Sam")
    record = json.loads(cli("records", "--json")[1])[0]["id"]
    code, out, _ = cli("edit", "--record", str(record), "--end", "2026-02-01", "--by", "Sam")
    assert code == 0
    assert "Changed 1 record" in out
    stopped = json.loads(cli("records", "--json")[1])[0]
    assert stopped["status"] == "stopped"
    assert "corrected by Sam" in stopped["source"]
    history = json.loads(cli("edit", "--record", str(record), "--history", "--json")[1])
    assert history[0]["before"] == {"effective_end": None, "status": "active"}
    assert cli("edit", "--record", str(record), "--undo")[0] == 0
    assert json.loads(cli("records", "--json")[1])[0]["status"] == "active"
    assert cli("edit", "--record", str(record), "--hide")[0] == 0
    assert json.loads(cli("records", "--json")[1]) == []
    assert len(json.loads(cli("records", "--hidden", "--json")[1])) == 1


def test_rename_an_imported_test_everywhere(cli, tmp_path: Path) -> None:  # noqa: ANN001
    assert cli("import", "--person", "Mum",
               str(DATA / "fhir-r4" / "diagnosticreport-example.json"))[0] == 0
    rows = json.loads(cli("records", "--kind", "result", "--json")[1])
    first = rows[0]
    code, out, _ = cli("edit", "--record", str(first["id"]), "--name", "Hemoglobin",
                       "--everywhere")
    assert code == 0
    renamed = [r for r in json.loads(cli("records", "--kind", "result", "--json")[1])
               if r["name"] == "Hemoglobin"]
    assert len(renamed) == sum(1 for r in rows if r["code"] == first["code"])
    # importing the same file again adds nothing and keeps the correction
    assert cli("import", "--person", "Mum",
               str(DATA / "fhir-r4" / "diagnosticreport-example.json"))[0] == 0
    again = json.loads(cli("records", "--kind", "result", "--json")[1])
    assert len(again) == len(rows)
    assert sum(1 for r in again if r["name"] == "Hemoglobin") == len(renamed)
