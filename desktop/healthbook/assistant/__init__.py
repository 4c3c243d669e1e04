"""The local assistant: llama-cpp runtime, grounded prompts, citation checks (no Qt)."""
