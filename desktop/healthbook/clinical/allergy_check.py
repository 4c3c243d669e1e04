"""A current medicine that contains something the person is allergic to (by ingredient or by
family, from the knowledge library): flagged wherever the medicine list is shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from healthbook.clinical.display import plain_name
from healthbook.i18n import _, current_language
from healthbook.knowledge import allergy_conflicts

if TYPE_CHECKING:
    from healthbook.clinical.facts import PersonFacts


def allergy_notes(facts: PersonFacts) -> dict[str, str]:
    """Current medicine name -> a warning when it contains something the person is allergic
    to (from the knowledge library's ingredients; worth asking a pharmacist about)."""
    current = [m.name for m in facts.medications if m.current]
    notes: dict[str, str] = {}
    for medicine, allergy, ingredient in allergy_conflicts(current,
                                                            [a.record for a in facts.allergies]):
        notes[medicine] = _("contains {ingredient}, and an allergy to {allergy} is recorded: "
                            "ask your pharmacist").format(
            ingredient=ingredient.name(current_language()).lower(),
            allergy=plain_name(allergy.display))
    return notes
