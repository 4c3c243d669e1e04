"""Code writes the answer: each intent answered completely, in the question's language, with
sources; emergencies first; a model may only reword, under a grammar, and is checked."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest

from healthbook.assistant.answers import Answer, Assistant
from healthbook.assistant.reword import acceptable, grammar_text, masked, reword_lines
from healthbook.assistant.runtime import LocalModel
from healthbook.clinical import compute_facts
from healthbook.ingest import import_file
from healthbook.vault import RecordKind, Vault
from tests.conftest import DATA

DENNIS = DATA / "synthea" / "Dennis_Durgan_78f005f3-7b33-4a5b-84d9-28417b36dbab.json"
NUMBER = re.compile(r"\d")


@pytest.fixture(scope="module")
def dennis() -> Iterator[tuple[Vault, Assistant]]:
    vault = Vault.in_memory()
    person = vault.people.add("Dennis")
    import_file(vault, person, DENNIS)
    person = vault.people.get(person.id)
    yield vault, Assistant(compute_facts(vault, person), vault.records.list(person.id), None)
    vault.close()


def ask(assistant: Assistant, question: str) -> Answer:
    return assistant.run(assistant.ask(question))


def items(answer: Answer) -> list[str]:
    return [line.text for line in answer.lines if line.item]


def test_the_medicine_list_is_complete_and_only_current(dennis) -> None:  # noqa: ANN001
    _vault, assistant = dennis
    answer = ask(assistant, "what pills am I on at the moment?")
    current = [m for m in assistant.facts.medications if m.current]
    assert answer.understanding is not None
    assert answer.understanding.intent == "medications"
    assert len([i for i in items(answer) if "since" in i or " — " in i]) == len(current)
    stopped = [m.name for m in assistant.facts.medications if not m.current]
    for name in stopped:
        assert not any(i.startswith(name) for i in items(answer))


def test_every_active_allergy_is_listed(dennis) -> None:  # noqa: ANN001
    _vault, assistant = dennis
    answer = ask(assistant, "do I have any allergies?")
    assert len(items(answer)) == len(assistant.facts.allergies)


def test_last_tetanus_jab_is_the_latest_tetanus_vaccination(dennis) -> None:  # noqa: ANN001
    vault, assistant = dennis
    answer = ask(assistant, "when did I last have a tetanus jab?")
    shots = [s for s in vault.records.list(assistant.facts.person.id, RecordKind.IMMUNIZATION)
             if "Td" in (s.record.display or "")]
    latest = max(s.record.effective or "" for s in shots)[:10]
    assert latest in answer.text
    assert "vaccination" in answer.text
    cited = answer.fact(answer.cited[0])
    assert cited is not None
    assert cited.kind == "immunization"  # not the date of an unrelated visit


def test_a_french_tetanus_question_finds_the_tetanus_vaccination(dennis) -> None:  # noqa: ANN001
    _vault, assistant = dennis
    answer = ask(assistant, "quand ai-je eu mon dernier vaccin contre le tétanos ?")
    assert "Td (adult)" in answer.text
    assert "04/07/2000" in answer.text  # a French date
    assert "Influenza" not in answer.text


def test_kidneys_mention_creatinine_and_egfr(dennis) -> None:  # noqa: ANN001
    _vault, assistant = dennis
    answer = ask(assistant, "how are my kidneys doing?")
    assert "latest creatinine was" in answer.text
    assert "estimated glomerular filtration rate (eGFR) was" in answer.text
    assert "mL/min/1.73 m²" in answer.text


def test_missing_results_are_said_plainly(vault: Vault) -> None:
    from tests.assistant.conftest import plant

    person = plant(vault)  # LDL and potassium, no kidney tests
    assistant = Assistant(compute_facts(vault, person), vault.records.list(person.id), None)
    answer = ask(assistant, "how are my kidneys doing?")
    assert "There is no Estimated glomerular filtration rate (eGFR) result" in answer.text
    assert "LDL" not in answer.text  # nothing unrelated


def test_chest_pain_spreading_to_the_arm_is_an_emergency_first(dennis) -> None:  # noqa: ANN001
    _vault, assistant = dennis
    answer = ask(assistant, "I have chest pain spreading to my left arm")
    assert answer.escalations
    assert "emergency" in answer.escalations[0].lower()
    assert len(answer.lines) <= 3


def test_a_cholesterol_question_explains_what_the_test_measures(dennis) -> None:  # noqa: ANN001
    _vault, assistant = dennis
    answer = ask(assistant, "what does my cholesterol result mean?")
    assert "What the test measures" in answer.text
    assert "Questions worth asking your clinician" in answer.text


def test_a_french_question_is_answered_in_french(dennis) -> None:  # noqa: ANN001
    _vault, assistant = dennis
    answer = ask(assistant, "quels sont mes médicaments ?")
    assert answer.understanding is not None
    assert answer.understanding.lang == "fr"
    assert "médicaments en cours" in answer.text
    assert "The answer" not in answer.text
    assert "diagnostic" in answer.disclaimer


def test_a_follow_up_keeps_the_kind_of_question(dennis) -> None:  # noqa: ANN001
    _vault, assistant = dennis
    ask(assistant, "what does my LDL mean?")
    answer = ask(assistant, "and my HDL?")
    assert answer.understanding is not None
    assert answer.understanding.follow_up
    assert "HDL cholesterol was" in answer.text


def test_should_i_stop_is_out_of_scope_with_the_records_and_who_to_ask(dennis) -> None:  # noqa: ANN001
    _vault, assistant = dennis
    answer = ask(assistant, "should I stop my water pills?")
    assert answer.understanding is not None
    assert answer.understanding.intent == "out_of_scope"
    assert "doctor or pharmacist" in answer.text


def test_every_line_stating_a_number_or_date_cites_its_source(dennis) -> None:  # noqa: ANN001
    _vault, assistant = dennis
    for question in ("what pills am I on?", "how are my kidneys?", "summarise my history",
                     "when did I last see the doctor", "what vaccinations have I had?",
                     "what is naproxen for?", "prepare for my next appointment"):
        answer = ask(assistant, question)
        for line in answer.lines:
            if NUMBER.search(line.text) and not line.text.endswith(":"):
                assert line.cites, (question, line.text)
        numbers = sorted({n for line in answer.lines for n in line.cites})
        assert numbers == list(range(1, len(numbers) + 1)), question  # from [1]


def test_json_has_intent_entities_language_and_sentences(dennis) -> None:  # noqa: ANN001
    _vault, assistant = dennis
    data = ask(assistant, "what is my ldl?").as_dict()
    assert data["intent"] == "explain"
    assert data["language"] == "en"
    assert any(e["id"] == "ldl-cholesterol" for e in data["entities"])
    assert data["sentences"][0]["facts"]


def test_the_grammar_lets_numbers_in_only_through_placeholders() -> None:
    template, quantities = masked("Your latest LDL cholesterol was 159 mg/dL on 2023-04-01.")
    assert quantities == ["159 mg/dL", "2023-04-01"]
    assert "⟨1⟩" in template
    assert "⟨2⟩" in template
    grammar = grammar_text(2)
    assert '"⟨1⟩" | "⟨2⟩"' in grammar
    assert "[0-9]" not in grammar
    allowed = {"your", "latest", "ldl", "cholesterol", "was", "on"}
    assert acceptable(template, "Your LDL cholesterol was ⟨1⟩ on ⟨2⟩.", quantities, allowed)
    assert not acceptable(template, "Your LDL cholesterol was ⟨1⟩.", quantities, allowed)
    assert not acceptable(template, "Your LDL was ⟨1⟩ on ⟨2⟩, definitely fine.", quantities,
                          allowed)
    assert not acceptable(template, "Your LDL was 160 on ⟨2⟩ ⟨1⟩.", quantities, allowed)
    # A "rewording" that keeps allowed words but drops the meaning is refused.
    line = ("Call emergency services at once if the pain is sudden, severe or spreads to the "
            "arm.")
    words = set(line.lower().replace(",", "").replace(".", "").split()) | {"records", "all"}
    assert not acceptable(line, "The records are all about the pain.", [], words)


@pytest.mark.model
def test_the_embedded_model_rewords_under_the_grammar_and_is_checked(
        dennis, model: LocalModel) -> None:  # noqa: ANN001
    _vault, assistant = dennis
    request = assistant.ask("how are my kidneys?")
    assert request.composed is not None
    started = time.perf_counter()
    lines, _changed = reword_lines(model, request.composed, request.understanding)
    elapsed = time.perf_counter() - started
    assert elapsed < 6  # the budget stops rewording; the rest stays as composed
    for before, after in zip(request.composed.lines, lines, strict=True):
        assert sorted(re.findall(r"\d+(?:\.\d+)?", after.text)) == \
            sorted(re.findall(r"\d+(?:\.\d+)?", before.text))  # numbers only from code
        assert after.cites == before.cites
