"""The library's typed entries: explanations (labs, conditions, medicines...) and caution rules."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

LANGS = ("en", "fr")
KINDS = ("lab", "condition", "medicine", "vaccine", "metric", "nutrient")
# Folder of resources/knowledge/ for each kind.
FOLDERS = {"lab": "labs", "condition": "conditions", "medicine": "medicines",
           "vaccine": "vaccines", "metric": "metrics", "nutrient": "nutrients"}
# Code systems each kind may carry.
KIND_SYSTEMS = {
    "lab": ("loinc",), "condition": ("snomed", "icd10"),
    "medicine": ("rxnorm", "atc", "rxnorm_products"), "vaccine": ("cvx",),
    "metric": ("metric",), "nutrient": ("metric",),
}
PANELS = frozenset({
    "blood-count", "metabolic", "electrolytes", "kidney", "liver", "lipids", "diabetes", "thyroid",
    "iron", "vitamins", "coagulation", "inflammation", "urinalysis", "cardiac", "hormones",
    "pregnancy", "prostate", "infection", "vitals", "body", "other",
})
CLASS_TAGS = frozenset({
    "nsaid", "ace-inhibitor", "arb", "diuretic-loop", "diuretic-thiazide",
    "diuretic-potassium-sparing", "beta-blocker", "calcium-channel-blocker", "statin",
    "anticoagulant", "antiplatelet", "ssri", "snri", "tricyclic", "maoi", "triptan", "opioid",
    "benzodiazepine", "z-drug", "antipsychotic", "antiepileptic", "lithium", "metformin",
    "sulfonylurea", "insulin", "sglt2-inhibitor", "dpp4-inhibitor", "glp1-agonist",
    "thyroid-hormone", "corticosteroid", "ppi", "h2-blocker", "antihistamine", "macrolide",
    "fluoroquinolone", "penicillin", "cephalosporin", "tetracycline", "antifungal-azole",
    "antiviral", "bronchodilator", "inhaled-corticosteroid", "leukotriene-antagonist",
    "bisphosphonate", "hormonal-contraceptive", "hormone-therapy", "potassium-supplement",
    "digoxin", "amiodarone", "nitrate", "pde5-inhibitor", "qt-prolonging", "serotonergic",
    "sedating", "chemotherapy", "immunosuppressant", "methotrexate", "allopurinol", "paracetamol",
    "antiemetic", "laxative", "decongestant", "stimulant", "other",
})
# Text fields: which are lists, and which kinds must have which.
LIST_FIELDS = ("synonyms", "side_effects", "cautions", "ask")
COMMON_FIELDS = ("name", "synonyms", "summary", "ask")
KIND_FIELDS = {"lab": ("high", "low"), "medicine": ("side_effects", "cautions"),
               "metric": ("limits",)}
MAY_BE_EMPTY = ("high", "low")


@dataclass(frozen=True, slots=True)
class Source:
    """A public page an entry's facts come from."""

    title: str
    url: str


@dataclass(frozen=True, slots=True)
class Texts:
    """An entry's texts in one language (fields a kind does not use stay empty)."""

    name: str
    synonyms: tuple[str, ...] = ()
    summary: str = ""
    high: str = ""
    low: str = ""
    side_effects: tuple[str, ...] = ()
    cautions: tuple[str, ...] = ()
    limits: str = ""
    ask: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Texts:
        """Texts from an entry's "en" or "fr" object (unknown keys ignored)."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = data.get(f.name)
            if f.name in LIST_FIELDS:
                raw = [raw] if isinstance(raw, str) else raw
                values[f.name] = tuple(str(x).strip() for x in raw or () if str(x).strip())
            else:
                values[f.name] = str(raw).strip() if raw is not None else ""
        return cls(**values)

    def filled_from(self, other: Texts) -> Texts:
        """These texts with every empty field taken from `other` (the English fallback)."""
        missing = {f.name: getattr(other, f.name) for f in fields(self)
                   if not getattr(self, f.name) and getattr(other, f.name)}
        return replace(self, **missing) if missing else self

    def prose(self) -> list[str]:
        """The sentences people read (everything but the name and synonyms), in order."""
        out = [self.summary, self.high, self.low, *self.side_effects, *self.cautions,
               self.limits, *self.ask]
        return [text for text in out if text]

    def as_dict(self) -> dict[str, Any]:
        """The non-empty fields as plain JSON data."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value:
                out[f.name] = list(value) if isinstance(value, tuple) else value
        return out


@dataclass(frozen=True, slots=True)
class ReferenceIntake:
    """A public body's general reference intake for adults (nutrients only)."""

    body: str
    kind: str  # "max" (stay under), "min" (at least) or "target" (about)
    value: float
    unit: str
    per: str = "day"
    population: str = "adults"
    url: str = ""


@dataclass(frozen=True, eq=False)
class Entry:
    """One explanation: a lab test, condition, medicine (ingredient), vaccine, metric or nutrient.

    Entries compare and hash by (kind, id).
    """

    id: str
    kind: str
    codes: dict[str, tuple[str, ...]]
    texts: dict[str, Texts]
    sources: tuple[Source, ...] = ()
    reviewed: str = ""
    panel: str | None = None
    analyte: str | None = None
    classes: tuple[str, ...] = ()
    brands: dict[str, tuple[str, ...]] = field(default_factory=dict)
    names_uk: tuple[str, ...] = ()
    reference_intakes: tuple[ReferenceIntake, ...] = ()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Entry) and (self.kind, self.id) == (other.kind, other.id)

    def __hash__(self) -> int:
        return hash((self.kind, self.id))

    def __repr__(self) -> str:
        return f"Entry({self.kind}:{self.id})"

    def text(self, lang: str | None = "en") -> Texts:
        """Texts in `lang`, with anything missing in French taken from English."""
        english = self.texts.get("en") or next(iter(self.texts.values()))
        if lang in (None, "en") or lang not in self.texts:
            return english
        return self.texts[lang].filled_from(english)

    def name(self, lang: str | None = "en") -> str:
        """The plain name in `lang`."""
        return self.text(lang).name

    def all_brands(self) -> tuple[str, ...]:
        """Every brand name, all countries, without repeats."""
        return tuple(dict.fromkeys(b for names in self.brands.values() for b in names))

    def all_codes(self) -> list[tuple[str, str]]:
        """Every (system, code) the entry claims; product RxNorm codes count as rxnorm."""
        return [("rxnorm" if system == "rxnorm_products" else system, code)
                for system, codes in self.codes.items() for code in codes]


@dataclass(frozen=True, slots=True)
class LabCondition:
    """A caution rule's lab part: the latest result of an analyte above or below a value."""

    analyte: str
    above: float | None = None
    below: float | None = None

    def holds(self, value: float) -> bool:
        """True when `value` is past the threshold."""
        if self.above is not None and not value > self.above:
            return False
        return not (self.below is not None and not value < self.below)


@dataclass(frozen=True, eq=False)
class CautionRule:
    """A class-level medicine caution, shown as something worth asking a pharmacist about.

    Fires when the current medicines cover one class of every group in `classes_all` and, when
    given, one of `ingredients_any` (ids or names), each group by a different medicine, and the
    latest lab result meets `lab` (when given). Rules compare and hash by id.
    """

    id: str
    classes_all: tuple[tuple[str, ...], ...]
    texts: dict[str, str]
    sources: tuple[Source, ...] = ()
    reviewed: str = ""
    lab: LabCondition | None = None
    ingredients_any: tuple[str, ...] = ()
    unknown_conditions: tuple[str, ...] = ()  # `when` keys this version cannot evaluate

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CautionRule) and self.id == other.id

    def __hash__(self) -> int:
        return hash(("caution", self.id))

    def __repr__(self) -> str:
        return f"CautionRule({self.id})"

    def text(self, lang: str | None = "en") -> str:
        """The sentence in `lang`, English when the French one is missing."""
        return self.texts.get(lang or "en") or self.texts.get("en", "")
