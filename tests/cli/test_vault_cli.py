"""The `healthbook` vault commands, run as a user or a script would run them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import PASSPHRASE
from tests.helpers import run_cli, sha256_file

ENV = {"HEALTHBOOK_PASSPHRASE": PASSPHRASE}


def test_init_people_stats_sources(tmp_path: Path) -> None:
    path = tmp_path / "cli.vault"
    done = run_cli("init", str(path), env=ENV)
    assert done.returncode == 0, done.stderr
    assert "Created an encrypted vault" in done.stdout
    assert run_cli("people", str(path), "add", "Mum", "Kid", env=ENV).returncode == 0
    assert run_cli("people", str(path), "rename", "Kid", "Leo", env=ENV).returncode == 0
    listed = run_cli("people", str(path), "--json", env=ENV)
    assert [p["name"] for p in json.loads(listed.stdout)] == ["Leo", "Mum"]
    stats = run_cli("stats", str(path), "--person", "Mum", "--json", env=ENV)
    assert json.loads(stats.stdout) == {"samples": 0, "sources": 0}
    sources = run_cli("sources", str(path), "--person", "Leo", env=ENV)
    assert "No imports for Leo yet." in sources.stdout
    assert run_cli("people", str(path), "rm", "Leo", env=ENV).returncode == 0
    listed = run_cli("people", str(path), "--json", env=ENV)
    assert [p["name"] for p in json.loads(listed.stdout)] == ["Mum"]


def test_wrong_passphrase_exits_2_with_one_sentence(vault_path: Path) -> None:
    before = sha256_file(vault_path)
    done = run_cli("stats", str(vault_path), "--json",
                   env={"HEALTHBOOK_PASSPHRASE": "wrong"})
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert lines == ["healthbook: That passphrase does not unlock this vault. "
                     "The file was not changed."]
    assert sha256_file(vault_path) == before


def test_passphrase_file_and_passwd(vault_path: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.txt"
    old.write_text(PASSPHRASE + "\n")
    new = tmp_path / "new.txt"
    new.write_text("brand new passphrase\n")
    done = run_cli("passwd", str(vault_path), "--passphrase-file", str(old),
                   "--new-passphrase-file", str(new), env={"HEALTHBOOK_PASSPHRASE": ""})
    assert done.returncode == 0, done.stderr
    assert run_cli("stats", str(vault_path), "--passphrase-file", str(old)).returncode == 2
    done = run_cli("people", str(vault_path), env={
        "HEALTHBOOK_PASSPHRASE": "brand new passphrase"})
    assert done.returncode == 0
    assert "No people yet" in done.stdout
    via_env = run_cli("passwd", str(vault_path), env={
        "HEALTHBOOK_PASSPHRASE": "brand new passphrase",
        "HEALTHBOOK_NEW_PASSPHRASE": "third one"})
    assert via_env.returncode == 0
    assert run_cli("people", str(vault_path), env={"HEALTHBOOK_PASSPHRASE": "third one"}
                   ).returncode == 0


def test_no_passphrase_without_a_terminal_is_a_clear_error(vault_path: Path) -> None:
    done = run_cli("stats", str(vault_path), env={"HEALTHBOOK_PASSPHRASE": ""})
    assert done.returncode == 1
    assert "No passphrase given" in done.stderr


def test_backup_restore_and_audit_verify(vault_path: Path, tmp_path: Path) -> None:
    assert run_cli("people", str(vault_path), "add", "Ann", env=ENV).returncode == 0
    out = tmp_path / "backup.vault"
    done = run_cli("backup", str(vault_path), str(out), env=ENV)
    assert done.returncode == 0, done.stderr
    assert out.stat().st_mode & 0o777 == 0o600
    assert run_cli("people", str(vault_path), "rm", "Ann", env=ENV).returncode == 0
    assert run_cli("restore", str(out), str(vault_path), env=ENV).returncode == 0
    assert "Ann" in run_cli("people", str(vault_path), env=ENV).stdout
    verify = run_cli("audit", str(vault_path), "--verify", env=ENV)
    assert verify.returncode == 0
    assert "intact" in verify.stdout
    log = json.loads(run_cli("audit", str(vault_path), "--json", env=ENV).stdout)
    assert {"create", "unlock", "person-add", "backup", "restore"} <= {e["action"] for e in log}


def test_missing_vault_is_a_clear_error(tmp_path: Path) -> None:
    done = run_cli("stats", str(tmp_path / "none.vault"), env=ENV)
    assert done.returncode == 1
    assert "There is no vault at" in done.stderr
    assert "Traceback" not in done.stderr
