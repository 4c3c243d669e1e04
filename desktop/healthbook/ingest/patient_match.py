"""Does a file's patient match the person it is imported into? (birth date, sex, several)"""

from __future__ import annotations

from healthbook.i18n import _, format_date, pgettext
from healthbook.ingest.errors import PersonMismatch
from healthbook.ingest.items import Demographics
from healthbook.vault import Person


def describe_patient(d: Demographics) -> str:
    """'Carla Echevarría, born 1947-03-02, male' — whatever the file says."""
    parts = [d.name or _("a patient")]
    if d.birth_date:
        parts.append(_("born {date}").format(date=format_date(d.birth_date[:10])))
    if d.sex in ("female", "male"):
        parts.append(_sex(d.sex))
    return ", ".join(parts)


def _sex(sex: str) -> str:
    return pgettext("sex", "female") if sex == "female" else pgettext("sex", "male")


def _differs(a: str | None, b: str | None) -> bool:
    """True when both dates are known and disagree (a year alone compares as a year)."""
    if not a or not b:
        return False
    size = min(len(a[:10]), len(b[:10]))
    return a[:size] != b[:size]


def mismatch_reason(person: Person, found: Demographics) -> str | None:
    """Why the file's patient cannot be this person, or None when nothing disagrees."""
    if _differs(person.birth_date, found.birth_date):
        return _("{name} was born on {date}").format(
            name=person.name, date=format_date((person.birth_date or "")[:10]))
    if person.sex in ("female", "male") and found.sex in ("female", "male") and \
            person.sex != found.sex:
        return _("{name} is recorded as {sex}").format(name=person.name, sex=_sex(person.sex))
    return None


def _same_patient(a: Demographics, b: Demographics) -> bool:
    """Two mentions of one patient unless their birth dates disagree (names alone vary too
    much between systems — nicknames, spellings, test data — to tell people apart)."""
    return not (a.birth_date and b.birth_date and _differs(a.birth_date, b.birth_date))


class PatientCheck:
    """Collects the patients a file names and refuses the import at the first doubt."""

    def __init__(self, person: Person, file_name: str) -> None:
        self.person, self.file_name = person, file_name
        self.seen: list[Demographics] = []

    def check(self, found: Demographics) -> None:
        """Raise PersonMismatch when `found` is another patient than the person or the file's
        first patient."""
        if not found.name and not found.birth_date:
            return  # a bare Patient resource (a reference target): nothing to compare
        key = (found.name or "", (found.birth_date or "")[:10])
        if any(((d.name or ""), (d.birth_date or "")[:10]) == key for d in self.seen):
            return
        if any(_same_patient(d, found) for d in self.seen):
            return
        self.seen.append(found)
        if len(self.seen) > 1:
            who = "; ".join(describe_patient(d) for d in self.seen)
            raise PersonMismatch(
                _("{file} holds the records of several patients ({who}). Nothing was imported: "
                  "split the file, or confirm to import all of it for {person}.").format(
                    file=self.file_name, who=who, person=self.person.name), who)
        reason = mismatch_reason(self.person, found)
        if reason:
            who = describe_patient(found)
            raise PersonMismatch(
                _("{file} is about {who}, but {reason}. Nothing was imported: check that this is "
                  "the right person, or confirm to import it anyway.").format(
                    file=self.file_name, who=who, reason=reason), who)
