"""A file that names another patient is not merged without asking (app) or --force-person
(CLI); a file of the same person, or one that names nobody, imports as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from healthbook.cli import main
from healthbook.ingest import PersonMismatch, import_file
from healthbook.vault import Vault
from tests.conftest import DATA, PASSPHRASE

CARLA = DATA / "synthea" / "Carla_Echevarría_9a628ccd-2a55-4331-8e68-bb58458fd674.json"
MAN_1947 = DATA / "ccda" / "sample_ccdas" / "Cerner_Transition_of_Care_Referral_Summary.xml"
APPLE_MAN_1990 = DATA / "apple-health" / "opendroid-hk" / "sampleexport.xml"


def test_a_ccda_of_a_man_born_1947_is_refused_for_a_woman_born_2005(vault: Vault) -> None:
    mum = vault.people.add("Mum")
    import_file(vault, mum, CARLA)
    before = vault.stats(mum.id)
    with pytest.raises(PersonMismatch) as caught:
        import_file(vault, mum, MAN_1947)
    message = str(caught.value)
    assert "born 1947-04-07" in message
    assert "Mum was born on 2005-05-03" in message
    assert "Nothing was imported" in message
    assert vault.stats(mum.id) == before
    report = import_file(vault, mum, MAN_1947, force_person=True)  # the user confirmed
    assert report.total_added > 0


def test_an_apple_export_with_another_birth_date_and_sex_is_refused(vault: Vault) -> None:
    mum = vault.people.add("Mum")
    import_file(vault, mum, CARLA)
    with pytest.raises(PersonMismatch, match="born 1990-12-06"):
        import_file(vault, mum, APPLE_MAN_1990)


def test_the_same_persons_files_and_files_naming_nobody_import(vault: Vault) -> None:
    me = vault.people.add("Me")
    import_file(vault, me, APPLE_MAN_1990)  # fills in 1990-12-06, male
    import_file(vault, me, DATA / "fhir-r4" / "observation-example-f001-glucose.json")
    again = import_file(vault, me, APPLE_MAN_1990)
    assert again.total_added == 0


def test_cli_refuses_with_one_sentence_unless_forced(vault_path: Path, capsys,  # noqa: ANN001
                                                    monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("HEALTHBOOK_PASSPHRASE", PASSPHRASE)
    assert main(["people", str(vault_path), "add", "Mum"]) == 0
    assert main(["import", str(vault_path), "--person", "Mum", str(CARLA)]) == 0
    capsys.readouterr()
    assert main(["import", str(vault_path), "--person", "Mum", str(MAN_1947)]) == 1
    out = capsys.readouterr().out
    assert "use --force-person to import it anyway" in out
    assert "Traceback" not in out
    assert main(["import", str(vault_path), "--person", "Mum", "--force-person",
                 str(MAN_1947)]) == 0


def test_cli_empty_person_name_is_one_sentence(vault_path: Path, capsys,  # noqa: ANN001
                                               monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("HEALTHBOOK_PASSPHRASE", PASSPHRASE)
    assert main(["people", str(vault_path), "add", "  "]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "healthbook: A person needs a name."
