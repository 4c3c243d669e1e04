"""`healthbook explain-term`, run in-process as a user or a script would run it."""

from __future__ import annotations

import json

import pytest

from healthbook.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["explain-term", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_explain_by_name(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "LDL", "--lang", "en")
    assert (code, err) == (0, "")
    assert "LDL" in out.splitlines()[0]
    assert "What it is:" in out
    assert "Questions to ask:" in out
    assert "Sources:" in out
    assert "https://" in out
    assert "Last reviewed:" in out


def test_explain_by_loinc(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--loinc", "13457-7", "--lang", "en")
    assert code == 0
    assert "LDL" in out.splitlines()[0]


def test_explain_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "glycémie", "--lang", "fr")
    assert code == 0
    assert "Ce que c'est :" in out
    assert "Questions à poser :" in out


def test_language_follows_lang_env(capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert run(capsys, "LDL")[1].count("Ce que c'est") == 1
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert "What it is:" in run(capsys, "LDL")[1]


def test_json_fields(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--loinc", "13457-7", "--json", "--lang", "fr")
    assert code == 0
    data = json.loads(out)
    assert {"kind", "id", "codes", "names", "text", "sources", "reviewed"} <= set(data)
    assert data["kind"] == "lab"
    assert "13457-7" in data["codes"]["loinc"]
    assert set(data["names"]) == {"en", "fr"}
    assert data["text"]["name"] == data["names"]["fr"]
    assert data["text"]["summary"]
    assert all(s["url"].startswith("https://") for s in data["sources"])


def test_other_code_systems(capsys: pytest.CaptureFixture[str]) -> None:
    assert json.loads(run(capsys, "--icd10", "E11.9", "--json")[1])["kind"] == "condition"
    assert json.loads(run(capsys, "--rxnorm", "161", "--json")[1])["kind"] == "medicine"
    assert json.loads(run(capsys, "--cvx", "140", "--json")[1])["kind"] == "vaccine"


def test_brand_name(capsys: pytest.CaptureFixture[str]) -> None:
    doliprane = json.loads(run(capsys, "Doliprane", "--json")[1])
    tylenol = json.loads(run(capsys, "tylenol", "--json")[1])
    assert doliprane["id"] == tylenol["id"]


def test_nothing_matches_exits_1_with_one_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "xyzzy plugh")
    assert code == 1
    assert out == ""
    assert err == "healthbook: nothing in the library matches 'xyzzy plugh'.\n"
    code, _, err = run(capsys, "--loinc", "0000-0")
    assert code == 1
    assert err == "healthbook: nothing in the library matches '0000-0'.\n"


def test_no_term_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys)
    assert code == 1
    assert err.startswith("healthbook: Give a term")
