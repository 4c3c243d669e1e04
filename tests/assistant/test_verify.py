"""The verifier: numbers, dates and units in an answer against the facts it was given."""

from __future__ import annotations

import re

import pytest

from healthbook.assistant.grounding import GroundFact, number
from healthbook.assistant.verify import Verifier, claims, split_sentences, with_citations

FACTS = number([
    GroundFact("analyte", "LDL cholesterol: 159 mg/dL on 2023-04-01 (range below 130 mg/dL; "
               "above the range). Before: 130 mg/dL on 2022-02-01. LDL cholesterol rose 22% "
               "over 14 months (2 results, 130 to 159 mg/dL).", [11, 12],
               analyte_key="ldl"),
    GroundFact("metric", "Steps (daily total): 8,432 on 2024-05-01. Last 30 days 7,950 a day.",
               []),
    GroundFact("analyte", "Glucose: 113.5 mg/dL on 2024-03-09 (range 70–99 mg/dL; above the "
               "range).", [20], analyte_key="glucose"),
])


@pytest.fixture
def verifier() -> Verifier:
    return Verifier(FACTS)


def test_claims_read_numbers_units_and_dates_in_several_forms() -> None:
    said = claims("On April 1, 2023 your LDL was 159 mg/dL [1]; you walked 8,432 steps in "
                  "May 2024, up 22% since 2022.")
    assert said.dates == ["2023-04-01", "2024-05", "2022"]
    assert [(q.value, q.unit) for q in said.quantities] == [(159, "mg/dl"), (8432, None),
                                                            (22, "%")]


def test_a_true_number_with_its_citation_is_kept(verifier: Verifier) -> None:
    s = verifier.sentence("Your LDL cholesterol was 159 mg/dL on 2023-04-01 [1].")
    assert s.supported
    assert s.checked
    assert s.facts == [1]


def test_rounding_and_unit_conversion_are_allowed(verifier: Verifier) -> None:
    # 113.5 mg/dL of glucose = 6.30 mmol/L (molar mass 180.156 g/mol)
    assert verifier.sentence("Glucose was 6.3 mmol/L [3].").supported
    assert verifier.sentence("Glucose was about 114 mg/dL.").supported
    assert verifier.sentence("You walk about 8,400 steps a day.").supported


def test_a_wrong_number_date_or_unit_is_not_supported(verifier: Verifier) -> None:
    for text in ("Your LDL was 169 mg/dL [1].", "Your LDL was 159 mmol/L [1].",
                 "The test was on 2023-05-01 [1].", "LDL rose 40% [1]."):
        s = verifier.sentence(text)
        assert not s.supported, text
        assert "is not in the facts it cites" in s.problem
    assert verifier.sentence("Your LDL was 169 mg/dL.").problem == \
        "169 mg/dl is not in the records"


def test_an_uncited_true_number_is_linked_to_the_fact_that_holds_it(verifier: Verifier) -> None:
    s = verifier.sentence("Your glucose of 113.5 mg/dL is above the range.")
    assert s.supported
    assert s.facts == [3]
    assert with_citations(s) == "Your glucose of 113.5 mg/dL is above the range [3]."


def test_a_number_missing_from_the_cited_fact_is_not_supported(verifier: Verifier) -> None:
    s = verifier.sentence("Your LDL was 159 mg/dL [2].")  # true, but fact 2 is about steps
    assert not s.supported
    assert s.problem == "159 mg/dl is not in the facts it cites"


def test_values_from_different_records_are_not_stitched_together(verifier: Verifier) -> None:
    # 159 mg/dL is LDL's (fact 1), 2024-03-09 is the glucose test's (fact 3): each is true,
    # together they are false.
    s = verifier.sentence("Your LDL was 159 mg/dL on 2024-03-09.")
    assert not s.supported
    assert s.problem == "its numbers and dates come from different records"
    assert verifier.sentence("LDL 159 mg/dL [1] and glucose 113.5 mg/dL [3].").supported


def test_a_citation_to_a_missing_fact_is_reported(verifier: Verifier) -> None:
    s = verifier.sentence("Your LDL was 159 mg/dL [9].")
    assert s.facts == [1]
    assert "does not exist" in s.problem


def test_list_numbers_and_sentences_without_numbers_are_not_claims(verifier: Verifier) -> None:
    verdict = verifier.check("1. Ask about your cholesterol.\n2. Ask what LDL means [1].\n"
                             "- Walking more may help. Your LDL was 200 mg/dL.")
    assert [s.text for s in verdict.kept] == ["1. Ask about your cholesterol.",
                                              "2. Ask what LDL means [1].",
                                              "- Walking more may help."]
    assert [s.text for s in verdict.removed] == ["Your LDL was 200 mg/dL."]
    assert split_sentences("1. One. Two.") == ["1. One.", "Two."]


def test_invented_claims_are_never_shown_as_checked(vault) -> None:  # noqa: ANN001
    """A sentence with no number to check (an invented journal, a made-up claim) is dropped
    even when it cites a fact; what is shown is checked, and citations start at [1]."""
    from healthbook.assistant.answers import Assistant, assemble
    from healthbook.clinical import compute_facts
    from tests.assistant.conftest import plant

    person = plant(vault)
    assistant = Assistant(compute_facts(vault, person), vault.records.list(person.id), None)
    request = assistant.ask("How is my LDL?")
    ldl = next(f for f in request.facts if "LDL cholesterol" in f.text)
    invented = (f"According to the Journal of the American Society for Reaching "
                f"Professionals, this is excellent [{ldl.number}]. "
                f"LDL cholesterol was 159 mg/dL [{ldl.number}].")
    answer = assemble(request, invented, "fake-model", 30)
    shown = " ".join([*answer.lead, answer.text])
    assert "Journal" not in shown
    assert any("nothing that can be checked" in s.problem for s in answer.removed)
    numbers = sorted({int(n) for n in re.findall(r"\[(\d+)\]", shown)})
    assert numbers
    assert numbers[0] == 1
    assert numbers == list(range(1, len(numbers) + 1))
    assert answer.cited == numbers or set(numbers) <= set(answer.cited)
