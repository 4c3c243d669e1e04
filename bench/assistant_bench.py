"""Assistant speed with the embedded model on this machine (issue 7).

Prints, in one run:
- tokens/s of the app's generation path (Assistant.run: streaming, cancel checks, then the
  verifier) against raw llama_cpp.Llama generating from the same prompt with the same
  settings (target: app overhead <= 10%);
- time to first token: a first question on a fresh model (cold), a first question after the
  app's background prefill of the person's facts (what the Assistant page does when it opens),
  and a follow-up that reuses the cached facts prefix (targets <= 4 s and <= 1.5 s);
- prompt sizes for every action.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from _common import table
from healthbook.assistant.answers import Assistant
from healthbook.assistant.models import embedded_model
from healthbook.assistant.runtime import LocalModel, Sampling
from healthbook.clinical import compute_facts
from healthbook.ingest import import_file
from healthbook.progress import CancelToken
from healthbook.vault import Vault

PATIENT = Path(__file__).resolve().parents[1] / "tests" / "data" / "synthea" / \
    "Fletcher_Hyatt_fe0562b5-f517-4951-8366-32fdab088930.json"
SAMPLING = Sampling(max_tokens=160, temperature=0.0)
ROUNDS = 3


def person_assistant(model: LocalModel) -> Assistant:
    vault = Vault.in_memory()
    person = vault.people.add("Bench")
    import_file(vault, person, PATIENT)
    return Assistant(compute_facts(vault, person), vault.records.list(person.id), model)


def app_run(assistant: Assistant, request) -> tuple[float, float, int]:  # noqa: ANN001
    """(time to first token, generation seconds after it, tokens) through Assistant.run."""
    assistant.model.forget()
    marks: list[float] = []
    start = time.perf_counter()
    answer = assistant.run(request, on_text=lambda _p: marks.append(time.perf_counter()),
                           sampling=SAMPLING, cancel=CancelToken())  # as the app: Stop works
    end = time.perf_counter()  # includes the verifier and assembling the answer
    return marks[0] - start, end - marks[0], answer.tokens


def raw_run(llm, messages) -> tuple[float, float, int]:  # noqa: ANN001
    llm.reset()
    marks: list[float] = []
    start = time.perf_counter()
    for chunk in llm.create_chat_completion(
            messages, stream=True, max_tokens=SAMPLING.max_tokens,
            temperature=SAMPLING.temperature, top_p=SAMPLING.top_p,
            repeat_penalty=SAMPLING.repeat_penalty, seed=SAMPLING.seed):
        if chunk["choices"][0]["delta"].get("content"):
            marks.append(time.perf_counter())
    return marks[0] - start, marks[-1] - marks[0], len(marks)


def main() -> None:
    import llama_cpp

    from healthbook.assistant.runtime import DEFAULT_CONTEXT, _threads

    path = embedded_model()
    model = LocalModel(path)
    raw = llama_cpp.Llama(str(path), n_ctx=DEFAULT_CONTEXT, n_threads=_threads(),
                          seed=SAMPLING.seed, flash_attn=True, verbose=False)
    assistant = person_assistant(model)
    request = assistant.ask("How have my cholesterol results changed?")
    app, bare = [], []
    for _ in range(ROUNDS):  # interleaved, so both see the same machine state
        app.append(app_run(assistant, request))
        bare.append(raw_run(raw, request.messages))
    app_tps = statistics.median(n / g for _t, g, n in app)
    raw_tps = statistics.median((n - 1) / g for _t, g, n in bare)
    print(f"Model: {path.name}, {model.context} context, {_threads()} threads")
    print(table([
        ("path", "tokens", "tokens/s (median of 3)", "first token"),
        ("app (Assistant.run + verifier)", str(app[0][2]), f"{app_tps:.1f}",
         f"{statistics.median(t for t, _g, _n in app):.2f} s"),
        ("raw llama_cpp.Llama", str(bare[0][2]), f"{raw_tps:.1f}",
         f"{statistics.median(t for t, _g, _n in bare):.2f} s"),
    ]))
    print(f"App overhead: {(raw_tps / app_tps - 1) * 100:+.1f}% (target <= 10%)\n")

    # Time to first token, as a user meets it.
    fresh = person_assistant(model)
    model.forget()
    cold, _g, _n = app_run_keep(fresh, fresh.ask("What are my latest results?"))
    model.forget()
    fresh.prefill()
    prefilled, _g, _n = app_run_keep(fresh, fresh.ask("What are my latest results?"))
    follow, _g, _n = app_run_keep(fresh, fresh.ask("And my blood pressure?"))
    print(table([
        ("time to first token", "seconds", "target"),
        ("first question, cold (facts + question read now)", f"{cold:.2f}", "<= 4 s"),
        ("first question after the page's background prefill", f"{prefilled:.2f}", ""),
        ("follow-up reusing the cached facts prefix", f"{follow:.2f}", "<= 1.5 s"),
    ]))
    print()
    record = fresh.book.profile[1].record_ids[0] if fresh.book.profile[1].record_ids else \
        next(iter(fresh.book.by_record))
    requests = {"ask": fresh.ask("How is my blood pressure?"), "summary": fresh.summary(),
                "explain": fresh.explain(record), "prep": fresh.prep(),
                "note": fresh.note()}
    rows = [("action", "facts", "prompt tokens (system + user)")]
    for name, req in requests.items():
        system = model.count_tokens(req.messages[0]["content"])
        user = model.count_tokens(req.messages[1]["content"])
        rows.append((name, str(len(req.facts)), f"{system + user} ({system} + {user})"))
    print(table(rows))
    raw.close()
    model.close()


def app_run_keep(assistant: Assistant, request) -> tuple[float, float, int]:  # noqa: ANN001
    """Like app_run, but keeps the model's prompt cache."""
    marks: list[float] = []
    start = time.perf_counter()
    answer = assistant.run(request, on_text=lambda _p: marks.append(time.perf_counter()),
                           sampling=Sampling(max_tokens=8), cancel=CancelToken())
    return marks[0] - start, 0.0, answer.tokens


if __name__ == "__main__":
    main()
