"""Clinical facts: units, reference ranges, flags, critical values, trends (no Qt, no LLM)."""
