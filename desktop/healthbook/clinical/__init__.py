"""Clinical facts: units, reference ranges, flags, critical values, trends (no Qt, no LLM)."""

from healthbook.clinical.facts import PersonFacts, compute_facts

__all__ = ["PersonFacts", "compute_facts"]
