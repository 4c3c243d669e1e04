"""Runs one vault operation so the crash test can SIGKILL it part-way.

python -m tests.adversarial.crash_worker OP VAULT [ARG]; prints 'go' when the operation
starts and 'done' when it has finished.
"""

from __future__ import annotations

import sys
from pathlib import Path

from healthbook.assistant.answers import Action, Answer, record_answer
from healthbook.ingest import import_file
from healthbook.vault import Vault
from tests.conftest import PASSPHRASE

NEW_PASSPHRASE = "a brand new passphrase for the crash test"
AUDIT_WRITES = 300


def _say(word: str) -> None:
    sys.stdout.write(word + "\n")
    sys.stdout.flush()


def main(op: str, path: Path, arg: str | None) -> None:
    vault = Vault.open(path, PASSPHRASE)
    _say("go")
    if op == "import":
        import_file(vault, vault.people.get("Walker"), Path(arg))
    elif op == "rekey":
        vault.change_passphrase(NEW_PASSPHRASE)
    elif op == "backup":
        vault.backup(Path(arg))
    elif op == "remove":
        person = vault.people.get("Patient")
        with vault.transaction():  # the removal and its audit entry, or neither
            vault.people.remove(person)
            vault.audit.append("person-remove", {"person": person.id})
    elif op == "audit":
        person = vault.people.get("Patient")
        answer = Answer(Action.ASK, [], [], "", [], [], [], True, [], "model", "", 0)
        for _ in range(AUDIT_WRITES):
            record_answer(vault, person.id, answer)
    vault.close()
    _say("done")


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else None)
