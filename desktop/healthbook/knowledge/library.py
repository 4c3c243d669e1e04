"""Loading `resources/knowledge/` once and indexing it by code and by name.

A file that cannot be read (for instance one still being written) or an entry without the keys
the loader needs is left out and described in `Library.problems`; the app never fails to start
because of the library. The schema test fails on any problem.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from healthbook.knowledge.entries import (
    FOLDERS,
    KINDS,
    LANGS,
    CautionRule,
    Entry,
    LabCondition,
    ReferenceIntake,
    Source,
    Texts,
)
from healthbook.knowledge.normalize import normalize
from healthbook.knowledge.systems import short_system
from healthbook.paths import resources_dir

CAUTIONS_FOLDER = "cautions"
KNOWN_WHEN = frozenset({"classes_all", "lab", "ingredients_any"})
KIND_ORDER = {kind: i for i, kind in enumerate(KINDS)}
# Name ranks: lower is preferred when a name belongs to several entries.
RANK_NAME, RANK_SYNONYM, RANK_BRAND, RANK_ALIAS = 0, 1, 2, 3


def knowledge_dir() -> Path:
    """The folder holding the library's data."""
    return resources_dir() / "knowledge"


def normalize_code(system: str, code: str) -> str:
    """A code as the index keys it: ICD-10 upper case without its dot, CVX without leading
    zeros, ATC upper case, others trimmed."""
    code = str(code).strip()
    if system == "icd10":
        return code.upper().replace(".", "")
    if system == "cvx":
        return code.lstrip("0") or "0"
    if system == "atc":
        return code.upper()
    return code


class Library:
    """Every entry and caution rule, with indexes by code and by normalised name."""

    def __init__(self, entries: Iterable[Entry], cautions: Iterable[CautionRule] = (),
                 problems: Iterable[str] = (), aliases: Mapping[str, str] | None = None,
                 analyte_codes: Mapping[str, Iterable[str]] | None = None) -> None:
        """Build the indexes.

        Args:
            entries: the explanations, in load order (earlier wins on a clash).
            cautions: the caution rules.
            problems: what went wrong while loading.
            aliases: extra medicine names (e.g. brand -> generic name) from reference tables.
            analyte_codes: LOINC codes per analyte key (resources/reference/analytes.json), so
                a code listed there finds the lab entry with that analyte.
        """
        self.entries: tuple[Entry, ...] = tuple(entries)
        self.cautions: tuple[CautionRule, ...] = tuple(cautions)
        self.problems: list[str] = list(problems)
        self.by_id: dict[str, Entry] = {}
        self._codes: dict[tuple[str, str], list[Entry]] = {}
        # lang ("en", "fr") -> normalised name -> [(rank, entry)]
        self._names: dict[str, dict[str, list[tuple[int, Entry]]]] = {lang: {} for lang in LANGS}
        self.analytes: dict[str, Entry] = {}
        for entry in self.entries:
            if entry.id in self.by_id:
                self.problems.append(f"{entry.id}: the id is used twice; the second is ignored")
                continue
            self.by_id[entry.id] = entry
            if entry.analyte:
                self.analytes.setdefault(entry.analyte, entry)
            for system, code in entry.all_codes():
                self._add_code(system, code, entry)
            self._add_names(entry)
        for analyte, codes in (analyte_codes or {}).items():
            lab = self.analytes.get(analyte)
            if lab is None:
                continue
            for code in codes:
                key = ("loinc", normalize_code("loinc", code))
                if key not in self._codes:
                    self._codes[key] = [lab]
        for alias, generic in (aliases or {}).items():
            target = self.named(generic, kinds=("medicine",))
            if target:
                for lang in LANGS:
                    self._add_name(lang, alias, RANK_ALIAS, target[0])
        self._sort_names()
        self._matcher: Any = None  # built on first use by lookup.py

    def _add_code(self, system: str, code: str, entry: Entry) -> None:
        key = (system, normalize_code(system, code))
        found = self._codes.setdefault(key, [])
        if entry not in found:
            found.append(entry)

    def _add_name(self, lang: str, name: str, rank: int, entry: Entry) -> None:
        key = normalize(name)
        if not key:
            return
        found = self._names[lang].setdefault(key, [])
        if all(e != entry for _, e in found):
            found.append((rank, entry))

    def _add_names(self, entry: Entry) -> None:
        for lang in LANGS:
            texts = entry.texts.get(lang)
            if texts is None:
                continue
            self._add_name(lang, texts.name, RANK_NAME, entry)
            for synonym in texts.synonyms:
                self._add_name(lang, synonym, RANK_SYNONYM, entry)
            for brand in entry.all_brands():
                self._add_name(lang, brand, RANK_BRAND, entry)
        for uk_name in entry.names_uk:
            self._add_name("en", uk_name, RANK_SYNONYM, entry)
        for lang in LANGS:
            self._add_name(lang, entry.id.replace("-", " "), RANK_ALIAS, entry)

    def _sort_names(self) -> None:
        for names in self._names.values():
            for found in names.values():
                found.sort(key=lambda pair: (pair[0], KIND_ORDER.get(pair[1].kind, 99)))

    # ---- lookups -------------------------------------------------------------------------

    def coded(self, system: str, code: str) -> list[Entry]:
        """Every entry claiming the code (ICD-10 also by its nearest listed parent code)."""
        system = short_system(system)
        if system == "rxnorm_products":
            system = "rxnorm"
        key = normalize_code(system, code)
        found = self._codes.get((system, key))
        if found or system != "icd10":
            return list(found or ())
        for end in range(len(key) - 1, 2, -1):  # "E119" -> "E11"
            found = self._codes.get((system, key[:end]))
            if found:
                return list(found)
        return []

    def named(self, text: str, lang: str | None = None,
              kinds: Iterable[str] | None = None) -> list[Entry]:
        """Entries with this exact normalised name, synonym or brand, best first."""
        key = normalize(text)
        langs = LANGS if lang is None or lang not in self._names else (lang,)
        wanted = set(kinds) if kinds is not None else None
        pairs = [pair for lg in langs for pair in self._names[lg].get(key, ())]
        pairs.sort(key=lambda pair: (pair[0], KIND_ORDER.get(pair[1].kind, 99)))
        out: list[Entry] = []
        for _, entry in pairs:
            if entry not in out and (wanted is None or entry.kind in wanted):
                out.append(entry)
        return out

    def names(self, lang: str) -> Mapping[str, list[tuple[int, Entry]]]:
        """Normalised name -> [(rank, entry)] for one language (brands in both)."""
        return self._names[lang]

    def of_kind(self, kind: str) -> list[Entry]:
        """The entries of one kind, in load order."""
        return [e for e in self.by_id.values() if e.kind == kind]


# ---- loading ------------------------------------------------------------------------------

def _tuple(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    return tuple(str(v).strip() for v in value or () if str(v).strip())


def _sources(raw: Any) -> tuple[Source, ...]:
    return tuple(Source(str(s.get("title", "")).strip(), str(s.get("url", "")).strip())
                 for s in raw or () if isinstance(s, Mapping))


def entry_from_json(raw: Mapping[str, Any], kind: str) -> Entry:
    """An Entry from its JSON object (KeyError/TypeError/ValueError when unusable)."""
    if not isinstance(raw, Mapping):
        raise TypeError("an entry must be a JSON object")
    entry_id = str(raw["id"]).strip()
    if not entry_id:
        raise ValueError("empty id")
    codes_raw = raw.get("codes") or {}
    if not isinstance(codes_raw, Mapping):
        raise TypeError("codes must be an object")
    texts = {lang: Texts.from_json(raw[lang]) for lang in LANGS
             if isinstance(raw.get(lang), Mapping)}
    if "en" not in texts:
        raise KeyError("en")
    brands_raw = raw.get("brands") or {}
    intakes = []
    for item in raw.get("reference_intakes") or ():
        intakes.append(ReferenceIntake(
            body=str(item["body"]), kind=str(item["kind"]), value=float(item["value"]),
            unit=str(item["unit"]), per=str(item.get("per", "day")),
            population=str(item.get("population", "adults")), url=str(item.get("url", ""))))
    return Entry(
        id=entry_id,
        kind=str(raw.get("kind") or kind),
        codes={str(system): _tuple(values) for system, values in codes_raw.items()},
        texts=texts,
        sources=_sources(raw.get("sources")),
        reviewed=str(raw.get("reviewed", "")),
        panel=raw.get("panel"),
        analyte=raw.get("analyte"),
        classes=_tuple(raw.get("classes")),
        brands={str(c): _tuple(v) for c, v in brands_raw.items()}
        if isinstance(brands_raw, Mapping) else {"": _tuple(brands_raw)},
        names_uk=_tuple(raw.get("names_uk")),
        reference_intakes=tuple(intakes),
    )


def caution_from_json(raw: Mapping[str, Any]) -> CautionRule:
    """A CautionRule from its JSON object (KeyError/TypeError/ValueError when unusable)."""
    when = raw["when"]
    if not isinstance(when, Mapping):
        raise TypeError("when must be an object")
    groups = tuple(_tuple(group) for group in when.get("classes_all") or ())
    lab = None
    if isinstance(when.get("lab"), Mapping):
        lab_raw = when["lab"]
        lab = LabCondition(
            analyte=str(lab_raw["analyte"]),
            above=float(lab_raw["above"]) if lab_raw.get("above") is not None else None,
            below=float(lab_raw["below"]) if lab_raw.get("below") is not None else None)
    texts = {lang: str(raw[lang]).strip() for lang in LANGS if isinstance(raw.get(lang), str)}
    if not texts.get("en"):
        raise KeyError("en")
    return CautionRule(
        id=str(raw["id"]).strip(), classes_all=groups, texts=texts,
        sources=_sources(raw.get("sources")), reviewed=str(raw.get("reviewed", "")), lab=lab,
        ingredients_any=_tuple(when.get("ingredients_any")),
        unknown_conditions=tuple(sorted(set(when) - KNOWN_WHEN)))


def raw_files(root: Path) -> list[tuple[str, Path]]:
    """(folder, path) of every data file, folders in a fixed order."""
    out: list[tuple[str, Path]] = []
    for folder in [*FOLDERS.values(), CAUTIONS_FOLDER]:
        out.extend((folder, path) for path in sorted((root / folder).glob("*.json")))
    return out


def read_entries_file(path: Path) -> list[Any]:
    """The "entries" list of one data file (OSError/ValueError when unreadable)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, Mapping) or not isinstance(data.get("entries"), list):
        raise ValueError('the file must be an object {"entries": [...]}')
    return list(data["entries"])


def load(root: Path | None = None) -> Library:
    """Read every data file under `root` (default: the app's resources) into a Library."""
    root = root if root is not None else knowledge_dir()
    kind_of_folder = {folder: kind for kind, folder in FOLDERS.items()}
    entries: list[Entry] = []
    cautions: list[CautionRule] = []
    problems: list[str] = []
    for folder, path in raw_files(root):
        where = f"{folder}/{path.name}"
        try:
            raws = read_entries_file(path)
        except (OSError, ValueError) as exc:
            problems.append(f"{where}: cannot be read ({exc})")
            continue
        for index, raw in enumerate(raws):
            label = raw.get("id", f"#{index}") if isinstance(raw, Mapping) else f"#{index}"
            try:
                if folder == CAUTIONS_FOLDER:
                    cautions.append(caution_from_json(raw))
                else:
                    entries.append(entry_from_json(raw, kind_of_folder[folder]))
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                problems.append(f"{where}: entry {label} left out ({type(exc).__name__}: {exc})")
    reference = root.parent / "reference"
    return Library(entries, cautions, problems, aliases=_brand_aliases(reference),
                   analyte_codes=_analyte_codes(reference))


def _brand_aliases(reference: Path) -> dict[str, str]:
    try:
        data = json.loads((reference / "brand_generic.json").read_text(encoding="utf-8"))
        return {str(k): str(v) for k, v in data.get("brands", {}).items()}
    except (OSError, ValueError, AttributeError):
        return {}


def _analyte_codes(reference: Path) -> dict[str, list[str]]:
    try:
        data = json.loads((reference / "analytes.json").read_text(encoding="utf-8"))
        return {str(key): [str(c) for c in row.get("loinc", ())]
                for key, row in data.get("analytes", {}).items()}
    except (OSError, ValueError, AttributeError):
        return {}


@cache
def library() -> Library:
    """The app's library, loaded once per process."""
    return load()


def analyte_keys() -> frozenset[str]:
    """The analyte keys of resources/reference/analytes.json."""
    return frozenset(_analyte_codes(resources_dir() / "reference"))


_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def valid_id(entry_id: str) -> bool:
    """True for a lowercase-hyphen id."""
    return bool(_ID.match(entry_id))
