"""Every assistant action with the real embedded model: escalation first, checked numbers,
sources, disclaimer, audit, cancel, no network."""

from __future__ import annotations

import json
import socket
import threading
import time
from pathlib import Path

import pytest

from healthbook.assistant.answers import DISCLAIMER, Action, Assistant, record_answer
from healthbook.assistant.runtime import LocalModel, Sampling
from healthbook.assistant.verify import Verifier, split_sentences
from healthbook.clinical import compute_facts
from healthbook.progress import Cancelled, CancelToken
from healthbook.vault import RecordKind, Vault
from tests.assistant.conftest import plant
from tests.conftest import PASSPHRASE
from tests.helpers import run_cli

SHORT = Sampling(max_tokens=40)


def _assistant(vault: Vault, model: LocalModel | None) -> tuple[Assistant, int]:
    person = plant(vault)
    return Assistant(compute_facts(vault, person), vault.records.list(person.id), model), \
        person.id


def _requests(assistant: Assistant, vault: Vault, person_id: int) -> list:
    ldl = next(s.id for s in vault.records.list(person_id, RecordKind.OBSERVATION)
               if s.record.display == "LDL cholesterol")
    return [assistant.ask("How is my cholesterol?"), assistant.summary(),
            assistant.explain(ldl), assistant.trend("LDL cholesterol"),
            assistant.prep("2022-09-01"), assistant.note()]


def test_every_action_answers_with_checked_numbers_sources_and_a_disclaimer(
        vault: Vault, model: LocalModel) -> None:
    assistant, person_id = _assistant(vault, model)
    for request in _requests(assistant, vault, person_id):
        answer = assistant.run(request, sampling=SHORT)
        assert answer.escalations
        if request.action is Action.ASK:  # composed by code; the model may only reword
            assert answer.as_text().startswith("!! potassium 6.9 mmol/L (2023-04-01)")
            assert all(line.cites for line in answer.lines if any(c.isdigit()
                                                                   for c in line.text))
            continue
        assert answer.raw, request.action  # the model really generated text
        assert answer.as_text().startswith("!! Potassium of 6.9 mmol/L")
        assert answer.as_text().endswith(DISCLAIMER)
        assert answer.cited, request.action
        # Nothing unchecked reaches the user: every sentence shown passes the verifier.
        verifier = Verifier(answer.facts)
        shown = [answer.text, *answer.lead, *answer.questions]
        for sentence in (s for block in shown for s in split_sentences(block)):
            assert verifier.sentence(sentence).supported, (request.action, sentence)
        assert all(answer.fact(n) is not None for n in answer.cited)
        if request.action is Action.NOTE:
            assert answer.draft
            assert "DRAFT for professional review" in answer.as_text()
        if request.action is Action.PREP:
            assert any("LDL cholesterol was 159 mg/dL" in q for q in answer.questions)
        if request.action is Action.TREND:
            assert "rose 22% over 14 months" in answer.lead[0]


def test_without_a_model_the_facts_are_written_out(vault: Vault) -> None:
    assistant, _ = _assistant(vault, None)
    answer = assistant.run(assistant.ask("How is my cholesterol?"))
    assert answer.fallback
    assert answer.model == ""
    assert "LDL cholesterol was 159 mg/dL on 2023-04-01" in answer.text
    assert "There is no Total cholesterol result in these records" in answer.text
    overview = assistant.run(assistant.summary())
    assert "No language model was used" in overview.notes[0]


def test_the_audit_log_records_which_records_an_answer_read(vault: Vault,
                                                            model: LocalModel) -> None:
    assistant, person_id = _assistant(vault, model)
    answer = assistant.run(assistant.ask("How is my LDL?"), sampling=SHORT)
    record_answer(vault, person_id, answer)
    entry = vault.audit.entries()[-1]
    assert entry.action == "assistant"
    assert entry.detail["records"] == answer.record_ids
    assert answer.record_ids
    assert "LDL" not in json.dumps(entry.detail)  # which records, never what they say
    assert vault.audit.verify().ok


def test_cancel_stops_generation_within_half_a_second(vault: Vault, model: LocalModel) -> None:
    assistant, _ = _assistant(vault, model)
    cancel = CancelToken()
    started = threading.Event()
    outcome: dict[str, float] = {}

    def work() -> None:
        try:
            assistant.run(assistant.summary(), on_text=lambda _p: started.set(), cancel=cancel,
                          sampling=Sampling(max_tokens=2000))
        except Cancelled:
            outcome["stopped"] = time.perf_counter()

    thread = threading.Thread(target=work)
    thread.start()
    assert started.wait(60)
    asked = time.perf_counter()
    cancel.cancel()
    thread.join(10)
    assert outcome["stopped"] - asked < 0.5


def test_a_follow_up_reuses_the_cached_profile(vault: Vault, model: LocalModel) -> None:
    assistant, _ = _assistant(vault, model)
    assistant.prefill()
    cached = model._llm.n_tokens  # the prompt cache llama-cpp keeps
    assert cached > 100
    request = assistant.ask("And my potassium?")
    assert model.chat_tokens(request.messages[1:]) < cached


def test_ask_and_summary_run_with_sockets_made_impossible(
        vault_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from healthbook.cli import main

    with Vault.open(vault_path, PASSPHRASE) as vault:
        plant(vault)
    attempts: list[tuple] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("networking is disabled in this test")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setenv("HEALTHBOOK_PASSPHRASE", PASSPHRASE)
    assert main(["ask", str(vault_path), "What is my LDL?", "--max-tokens", "24"]) == 0
    assert main(["summary", str(vault_path), "--max-tokens", "24"]) == 0
    assert attempts == []


def test_cli_commands_print_checked_answers(vault_path: Path) -> None:
    with Vault.open(vault_path, PASSPHRASE) as vault:
        person = plant(vault)
        ldl = next(s.id for s in vault.records.list(person.id, RecordKind.OBSERVATION)
                   if s.record.display == "LDL cholesterol")
    env = {"HEALTHBOOK_PASSPHRASE": PASSPHRASE}
    done = run_cli("ask", str(vault_path), "--person", "Robin", "How is my LDL?", "--json",
                   "--max-tokens", "24", env=env)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["version"] == 1
    assert data["action"] == "ask"
    assert data["escalations"]
    assert data["disclaimer"] == DISCLAIMER
    assert any(f["cited"] for f in data["facts"])
    explained = run_cli("explain", str(vault_path), "--record", str(ldl), "--facts-only",
                        env=env)
    assert explained.returncode == 0, explained.stderr
    assert "It measures" in explained.stdout
    missing = run_cli("explain", str(vault_path), "--record", "999999", "--facts-only",
                      env=env)
    assert missing.returncode == 1
    assert missing.stderr.startswith("healthbook: Record 999999 is not a result")
    prep = run_cli("prep", str(vault_path), "--since", "2022-09-01", "--facts-only", env=env)
    assert "Questions to ask:" in prep.stdout


def test_a_trend_is_found_by_any_of_its_records_whatever_its_name(vault: Vault) -> None:
    from healthbook.ingest import import_file
    from tests.conftest import DATA

    person = vault.people.add("Sal")
    import_file(vault, person, DATA / "synthea" /
                "Sal_Strosin_8fcfcc3a-4019-4ebd-be92-835901f3c882.json")
    facts = compute_facts(vault, person)
    albumin = next(a for a in facts.analytes if a.name.startswith("Albumin [Mass"))
    assistant = Assistant(facts, vault.records.list(person.id), None)
    answer = assistant.run(assistant.trend(albumin.name, albumin.latest.record_id))
    assert answer.lead[0].startswith("Albumin Mass/volume in Serum or Plasma: 4.233 g/dL")
    assert assistant.run(assistant.trend("Albumin")).lead == answer.lead  # its short name


def test_stop_works_while_the_prompt_is_still_being_read(vault: Vault,
                                                         model: LocalModel) -> None:
    """A long prompt takes seconds to read (far longer with a big model); Stop must not wait
    for the first token. The part read stays cached for the next question."""
    assistant, _ = _assistant(vault, model)
    model.forget()
    cancel = CancelToken()
    outcome: dict[str, float] = {}

    def work() -> None:
        try:
            assistant.run(assistant.summary(), cancel=cancel, sampling=SHORT)
        except Cancelled:
            outcome["stopped"] = time.perf_counter()

    thread = threading.Thread(target=work)
    thread.start()
    time.sleep(0.3)  # well inside reading the ~850-token prompt (about 3 s here)
    asked = time.perf_counter()
    cancel.cancel()
    thread.join(10)
    assert model._llm.n_tokens < 600  # stopped part-way through the prompt
    assert outcome["stopped"] - asked < 1.0  # one step of reading (STEP_SECONDS), not all
    assert model._llm.n_tokens > 0  # what was read is kept
    answer = assistant.run(assistant.summary(), sampling=SHORT)  # and the model still works
    assert answer.text
