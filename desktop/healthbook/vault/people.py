"""People in the vault: the caregiver's household."""

from __future__ import annotations

from healthbook.errors import InvalidInput
from healthbook.vault.clock import now_iso
from healthbook.vault.connection import DatabaseError, Db
from healthbook.vault.errors import DuplicatePerson, PersonNotFound
from healthbook.vault.models import Person, PersonId


class People:
    """Add, find, rename and remove people."""

    def __init__(self, db: Db) -> None:
        self._db = db

    def list(self) -> list[Person]:
        """Everyone in the vault, by name."""
        rows = self._db.query(
            "SELECT id, name, birth_date, sex FROM person ORDER BY name COLLATE NOCASE"
        )
        return [Person(PersonId(r[0]), r[1], r[2], r[3]) for r in rows]

    def get(self, key: str | int) -> Person:
        """A person by id or by name (case-insensitive)."""
        column = "id" if isinstance(key, int) else "name"
        row = self._db.execute(
            f"SELECT id, name, birth_date, sex FROM person WHERE {column} = ?", (key,)
        ).fetchone()
        if row is None:
            raise PersonNotFound(f"There is no person called {key!r} in this vault.")
        return Person(PersonId(row[0]), row[1], row[2], row[3])

    def add(self, name: str, birth_date: str | None = None, sex: str | None = None) -> Person:
        """Add a person; names are unique in a vault (ignoring case)."""
        name = _clean_name(name)
        try:
            with self._db.transaction():
                cur = self._db.execute(
                    "INSERT INTO person (name, birth_date, sex, created_at) VALUES (?, ?, ?, ?)",
                    (name, birth_date, sex, now_iso()),
                )
        except DatabaseError as exc:
            if "UNIQUE" in str(exc):
                raise DuplicatePerson(f"There is already a person called {name!r}.") from exc
            raise
        return Person(PersonId(cur.lastrowid), name, birth_date, sex)

    def rename(self, person: Person, new_name: str) -> Person:
        """Give a person a new name."""
        new_name = _clean_name(new_name)
        try:
            with self._db.transaction():
                self._db.execute("UPDATE person SET name = ? WHERE id = ?", (new_name, person.id))
        except DatabaseError as exc:
            if "UNIQUE" in str(exc):
                raise DuplicatePerson(f"There is already a person called {new_name!r}.") from exc
            raise
        return Person(person.id, new_name, person.birth_date, person.sex)

    def update_demographics(self, person: Person, birth_date: str | None,
                            sex: str | None) -> None:
        """Fill in date of birth and sex where they are still unknown."""
        self._db.execute(
            "UPDATE person SET birth_date = coalesce(birth_date, ?), sex = coalesce(sex, ?) "
            "WHERE id = ?",
            (birth_date, sex, person.id),
        )

    def remove(self, person: Person) -> None:
        """Delete a person and every record, sample and source of theirs."""
        with self._db.transaction():
            self._db.execute("DELETE FROM sample WHERE person_id = ?", (person.id,))
            self._db.execute("DELETE FROM sample_hourly WHERE person_id = ?", (person.id,))
            self._db.execute("DELETE FROM person WHERE id = ?", (person.id,))


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise InvalidInput("A person needs a name.")
    if len(name) > 200:
        raise InvalidInput("A name can be at most 200 characters long.")
    return name
