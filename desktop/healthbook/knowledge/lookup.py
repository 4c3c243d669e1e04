"""Finding entries: by code, by name, inside medicine product texts and inside questions."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from healthbook.knowledge.entries import KINDS, LANGS, Entry
from healthbook.knowledge.library import KIND_ORDER, Library, library
from healthbook.knowledge.normalize import normalize, words
from healthbook.knowledge.systems import short_system

# Record kinds (vault) -> the library kinds that explain them, best first.
RECORD_KINDS = {
    "observation": ("lab", "metric"), "lab": ("lab", "metric"), "vital": ("lab", "metric"),
    "condition": ("condition",), "medication": ("medicine",), "medicine": ("medicine",),
    "immunization": ("vaccine",), "vaccine": ("vaccine",), "allergy": ("medicine", "condition"),
    "metric": ("metric", "lab"), "nutrient": ("nutrient",),
}
# Code systems tried first for each library kind.
_SYSTEM_ORDER = ("loinc", "rxnorm", "cvx", "snomed", "icd10", "atc", "metric")


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words in a medicine product text that are not its ingredient: amounts, forms, routes.
FORM_WORDS = _wordset("""
mg mcg ug g gm kg ml l dl unt unit units iu ui meq mmol hr h hour hours day actuat actuation
dose doses metered oral tablet tablets tab tabs capsule capsules cap caps extended release
delayed er xr xl sr dr cr la chewable film coated solution suspension syrup elixir injection
injectable prefilled syringe pen auto injector autoinjector inhaler inhalation inhalant powder
spray nasal topical cream ointment gel lotion foam shampoo patch transdermal drops drop
ophthalmic otic vaginal rectal suppository disintegrating orally lozenge kit vial cartridge
ampule bag pack product liquid mouthwash rinse enema implant ring pad dry sublingual buccal
effervescent granules pellet strip system intravenous intramuscular subcutaneous dispersible
soft hard gastro resistant enteric modified prolonged immediate regular strength
comprime comprimes gelule gelules sachet sachets sirop buvable pellicule pellicules secable
orodispersible collyre pommade creme flacon ampoule poudre suspension stylo seringue
preremplie injectable perfusion libere liberation prolongee gastroresistant effervescent
dose doses bouffee bouffees goutte gouttes ovule
with and or of the to in for plus avec et ou de du des la le les l d a au aux en pour
allergy allergies allergic intolerance sensitivity reaction adverse allergie allergique
intolerance substance finding disorder product containing medicinal
""")
# Salt and ester words: after an ingredient they name its form, not another ingredient.
SALT_WORDS = _wordset("""
hydrochloride hcl hydrobromide hbr sodium potassium calcium magnesium succinate tartrate
bitartrate acetate besylate besilate maleate mesylate mesilate fumarate hemifumarate citrate
sulfate sulphate bisulfate phosphate bromide chloride monohydrate dihydrate trihydrate
hemihydrate hydrate anhydrous hyclate propionate dipropionate furoate valerate medoxomil axetil
pivoxil estolate ethylsuccinate stearate lactate gluconate malate oxalate nitrate mononitrate
dinitrate disodium dipotassium trometamol tromethamine base free acid salicylate xinafoate
bromhydrate chlorhydrate sodique potassique calcique magnesique monohydrate arginine lysine
""")
_SEGMENT_SPLIT = re.compile(r"\s/\s|/|\+|;|,|\bwith\b|\band\b|\bavec\b|\bet\b", re.IGNORECASE)
_BRACKETS = re.compile(r"\[([^\]]*)\]|\(([^)]*)\)")
_SNOMED_TAG = re.compile(r"\s*\((?:disorder|finding|situation|morphologic abnormality|"
                         r"procedure|substance|product|medicinal product|observable entity|"
                         r"clinical drug|event|person|regime/therapy)\)\s*$", re.IGNORECASE)
_ALLERGY_PREFIX = re.compile(
    r"^(?:history of\s+)?(?:allergy|allergies|allergic reaction|allergic|allergie|"
    r"intolerance|hypersensitivity|sensitivity)\s+(?:to|à|a|au|aux|de|du|des|d')\s*"
    r"(?:la\s+|le\s+|les\s+|l')?", re.IGNORECASE)
_ALLERGY_SUFFIX = re.compile(r"\s+(?:allergy|allergies|allergie|intolerance)$", re.IGNORECASE)
# Common words never matched alone in a question, unless written as an acronym ("ALL").
STOPWORDS = _wordset("""
a an the and or of to in on at is are was were be been am i my me we our you your it its this
that these those what when why how who which can could may might will would should do does did
has have had not no yes all any some more most less least much many very too also just only
low high normal level levels test tests result results blood value values day week month year
up down out off over under new old good bad well bit get got go see show tell about
le la les un une des du de d l et ou est sont mon ma mes ton ta tes son sa ses ce cet cette
qui que quoi quel quelle comment pourquoi quand pas plus moins tres trop bien mal taux sang
test analyse resultat bas haut eleve normal ai as a au aux en pour par sur avec sans je tu il
elle nous vous ils elles on y
""")
MAX_PHRASE_WORDS = 8


@dataclass(frozen=True, slots=True)
class _Matcher:
    """Precomputed phrase tables for `find_in_text` and the medicine vocabulary."""

    phrases: dict[str, dict[tuple[str, ...], list[Entry]]]  # lang -> words -> entries
    exact_case: dict[str, dict[str, list[Entry]]]  # lang -> acronym as written -> entries
    longest: int
    medicine_names: dict[str, list[Entry]]  # normalised medicine name -> ingredients
    medicine_words: tuple[str, ...]  # single-word medicine names, for misspellings
    search_rows: dict[str, list[tuple[str, int, Entry]]]  # lang -> (name, rank, entry)
    kind_names: dict[tuple[str, str], list[str]]  # (lang, kind) -> names, for close spellings
    memo: dict[tuple[str, str], Entry | None]  # for_record's answers by (kind, display)
    misspelt: dict[str, list[Entry]]  # close-spelling answers by word


def _matcher(lib: Library) -> _Matcher:
    if lib._matcher is None:
        lib._matcher = _build_matcher(lib)
    return lib._matcher


def _build_matcher(lib: Library) -> _Matcher:
    phrases: dict[str, dict[tuple[str, ...], list[Entry]]] = {lang: {} for lang in LANGS}
    exact_case: dict[str, dict[str, list[Entry]]] = {lang: {} for lang in LANGS}
    medicine_names: dict[str, list[Entry]] = {}
    search_rows: dict[str, list[tuple[str, int, Entry]]] = {lang: [] for lang in LANGS}
    longest = 1
    originals = _original_names(lib)
    for lang in LANGS:
        for key, pairs in lib.names(lang).items():
            # In questions, kinds in library order: labs before nutrients ("sugar").
            entries = [e for _, e in sorted(pairs, key=lambda p: KIND_ORDER.get(p[1].kind, 99))]
            search_rows[lang].extend((key, rank, e) for rank, e in pairs)
            for entry in entries:
                if entry.kind == "medicine":
                    medicine_names.setdefault(key, [])
                    if entry not in medicine_names[key]:
                        medicine_names[key].append(entry)
            tokens = tuple(key.split())
            if len(tokens) > MAX_PHRASE_WORDS:
                continue
            if len(tokens) == 1 and (key in STOPWORDS or (len(key) <= 2 and key.isalpha())):
                # Short or common words match only as written with capitals ("K", "ALL").
                for written in originals.get((lang, key), ()):
                    if any(c.isupper() for c in written):
                        exact_case[lang].setdefault(written, []).extend(
                            e for e in entries if e not in exact_case[lang].get(written, []))
                continue
            phrases[lang][tokens] = entries
            longest = max(longest, len(tokens))
    medicine_words = tuple(sorted(k for k in medicine_names if " " not in k and len(k) >= 5))
    kind_names: dict[tuple[str, str], list[str]] = {}
    for lang, rows in search_rows.items():
        for name, _, entry in rows:
            kind_names.setdefault((lang, entry.kind), []).append(name)
    kind_names = {key: sorted(set(names)) for key, names in kind_names.items()}
    return _Matcher(phrases, exact_case, longest, medicine_names, medicine_words, search_rows,
                    kind_names, {}, {})


def _original_names(lib: Library) -> dict[tuple[str, str], set[str]]:
    """(lang, normalised) -> the names as written (folded), for case-sensitive acronyms."""
    out: dict[tuple[str, str], set[str]] = {}
    for entry in lib.by_id.values():
        for lang in LANGS:
            texts = entry.texts.get(lang)
            names = [texts.name, *texts.synonyms] if texts else []
            names += list(entry.all_brands()) + (list(entry.names_uk) if lang == "en" else [])
            for name in names:
                written = words(name)
                if len(written) == 1:
                    out.setdefault((lang, written[0].lower()), set()).add(written[0])
    return out


# ---- by code, by name -------------------------------------------------------------------

def by_code(system: str, code: str, *, lib: Library | None = None) -> Entry | None:
    """The entry for a code: systems loinc, snomed, icd10 (parent code when no exact match),
    rxnorm (ingredient or product), atc, cvx, metric; FHIR URIs and HL7 OIDs also work."""
    found = (lib or library()).coded(system, code)
    return found[0] if found else None


def by_name(text: str, lang: str | None = None, *, kind: str | None = None,
            lib: Library | None = None) -> Entry | None:
    """The entry with this name, synonym or brand (case, accents and punctuation ignored);
    else, for a medicine product text ("Simvastatin 10 MG Oral Tablet"), its first
    ingredient."""
    lib = lib or library()
    kinds = (kind,) if kind else None
    found = lib.named(text, lang, kinds)
    if found:
        return found[0]
    if kind in (None, "medicine"):
        ingredients = ingredients_in(text, lib=lib)
        if ingredients:
            return ingredients[0]
    return None


def best_match(text: str, lang: str | None = None, *, kinds: Sequence[str] | None = None,
               lib: Library | None = None) -> list[Entry]:
    """What a person most likely means by `text`: exact names, then medicine ingredients,
    then the name without a SNOMED tag or brackets, then a close spelling. Several entries
    only for a combination medicine."""
    lib = lib or library()
    wanted = tuple(kinds) if kinds else None
    found = lib.named(text, lang, wanted)
    if found:
        return found[:1]
    if wanted is None or "medicine" in wanted:
        ingredients = ingredients_in(text, lib=lib)
        if ingredients:
            return ingredients
    stripped = _BRACKETS.sub(" ", _SNOMED_TAG.sub("", text)).strip()
    if stripped and stripped != text:
        found = lib.named(stripped, lang, wanted)
        if found:
            return found[:1]
    key = normalize(stripped or text)
    if len(key) < 4:
        return []
    kind_names = _matcher(lib).kind_names
    for lg in ((lang,) if lang in LANGS else LANGS):
        names = lib.names(lg)
        candidates = [n for kind in (wanted or KINDS) for n in kind_names.get((lg, kind), ())]
        for name in difflib.get_close_matches(key, candidates, n=3, cutoff=0.88):
            for _, entry in names[name]:
                if wanted is None or entry.kind in wanted:
                    return [entry]
    return []


def search(text: str, lang: str | None = None, limit: int = 10, *,
           kinds: Iterable[str] | None = None, lib: Library | None = None) -> list[Entry]:
    """Entries for a completer: exact names first, then names starting with the text, then
    names with a word starting with it, then names containing it."""
    query = normalize(text)
    if not query or limit <= 0:
        return []
    matcher = _matcher(lib or library())
    wanted = set(kinds) if kinds is not None else None
    scored: dict[Entry, tuple[int, int, int, str]] = {}
    for lg in ((lang,) if lang in LANGS else LANGS):
        for name, rank, entry in matcher.search_rows[lg]:
            if wanted is not None and entry.kind not in wanted:
                continue
            if name == query:
                level = 0
            elif name.startswith(query):
                level = 1
            elif f" {query}" in f" {name}":
                level = 2
            elif query in name:
                level = 3
            else:
                continue
            score = (level, min(rank, 1), len(name), name)
            if entry not in scored or score < scored[entry]:
                scored[entry] = score
    return sorted(scored, key=lambda e: scored[e])[:limit]


def find_in_text(text: str, lang: str | None = None, *, kinds: Iterable[str] | None = None,
                 lib: Library | None = None) -> list[Entry]:
    """Entries whose name or synonym appears as whole words in `text`, in order of appearance
    (labs before nutrients where one word names both, like "sugar"); the longest phrase wins
    where names overlap ("blood sugar" rather than "sugar"). `kinds` keeps only those kinds."""
    matcher = _matcher(lib or library())
    wanted = set(kinds) if kinds is not None else None
    written = words(text)
    lowered = [w.lower() for w in written]
    langs = (lang,) if lang in LANGS else LANGS
    out: list[Entry] = []
    i = 0
    while i < len(lowered):
        step = 1
        for n in range(min(matcher.longest, len(lowered) - i), 0, -1):
            found = _phrase(matcher, langs, tuple(lowered[i:i + n]))
            if found:
                out.extend(e for e in found if e not in out)
                step = n
                break
        else:
            for lg in langs:
                out.extend(e for e in matcher.exact_case[lg].get(written[i], ()) if e not in out)
        i += step
    return out if wanted is None else [e for e in out if e.kind in wanted]


def _phrase(matcher: _Matcher, langs: Sequence[str], tokens: tuple[str, ...]) -> list[Entry]:
    for lg in langs:
        found = matcher.phrases[lg].get(tokens)
        if found:
            return found
    last = tokens[-1]
    if len(last) > 3 and last.endswith(("s", "x")):  # plurals: "platelets", "les taux"
        singular = (*tokens[:-1], last[:-1])
        for lg in langs:
            found = matcher.phrases[lg].get(singular)
            if found:
                return found
    return []


# ---- medicines --------------------------------------------------------------------------

def ingredients_in(text: str, *, lib: Library | None = None) -> list[Entry]:
    """The active ingredients a medicine text names, in order: "Acetaminophen 325 MG /
    Oxycodone Hydrochloride 5 MG" -> [paracetamol, oxycodone]. Brands count; salts are
    ignored; a slightly misspelt name ("Simvistatin") still matches."""
    lib = lib or library()
    matcher = _matcher(lib)
    bracketed = [a or b for a, b in _BRACKETS.findall(text)]
    main = _BRACKETS.sub(" / ", text)
    found = _scan(main, matcher)
    if not found:
        for inner in bracketed:
            found.extend(e for e in _scan(inner, matcher) if e not in found)
    if not found:
        whole = lib.named(text, kinds=("medicine",))
        found.extend(whole)
    return found


def _scan(text: str, matcher: _Matcher) -> list[Entry]:
    out: list[Entry] = []
    for segment in _SEGMENT_SPLIT.split(text):
        tokens = normalize(segment).split()
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if any(c.isdigit() for c in token) or token in FORM_WORDS:
                i += 1
                continue
            matched = 0
            for n in range(min(MAX_PHRASE_WORDS, len(tokens) - i), 0, -1):
                entries = matcher.medicine_names.get(" ".join(tokens[i:i + n]))
                if entries:
                    out.extend(e for e in entries if e not in out)
                    matched = n
                    break
            if not matched and token not in SALT_WORDS:
                entries = _misspelt(token, matcher)
                if entries:
                    out.extend(e for e in entries if e not in out)
                    matched = 1
            if not matched:
                i += 1
                continue
            i += matched
            while i < len(tokens) and tokens[i] in SALT_WORDS:  # "oxycodone hydrochloride"
                i += 1
    return out


def _misspelt(token: str, matcher: _Matcher) -> list[Entry]:
    """The medicine a slightly misspelt word names: same first letters, close length."""
    if len(token) < 5:
        return []
    if token not in matcher.misspelt:
        found: list[Entry] = []
        for candidate in difflib.get_close_matches(token, matcher.medicine_words, n=3,
                                                   cutoff=0.88):
            if abs(len(candidate) - len(token)) <= 2 and candidate[:2] == token[:2]:
                found = matcher.medicine_names[candidate]
                break
        matcher.misspelt[token] = found
    return matcher.misspelt[token]


# ---- records ----------------------------------------------------------------------------

def for_record(kind: str, codes: Mapping[str, str | Sequence[str]] | None, display: str | None,
               *, lib: Library | None = None) -> Entry | None:
    """The best entry for a record: by its codes first (any system; FHIR URIs and OIDs
    work), then by its display text. `kind` is a record kind (observation, condition,
    medication, immunization, allergy) or a library kind."""
    lib = lib or library()
    wanted = RECORD_KINDS.get(kind, (kind,) if kind in KINDS else KINDS)
    pairs: list[tuple[str, str]] = []
    for system, value in (codes or {}).items():
        values = [value] if isinstance(value, str) else list(value or ())
        pairs.extend((short_system(system), str(v)) for v in values if v)
    order = {system: i for i, system in enumerate(_SYSTEM_ORDER)}
    pairs.sort(key=lambda pair: order.get(pair[0], len(order)))
    for want in wanted:
        for system, code in pairs:
            for entry in lib.coded(system, code):
                if entry.kind == want:
                    return entry
    if not display:
        return None
    memo = _matcher(lib).memo
    if (kind, display) not in memo:
        text = allergen_text(display) if kind == "allergy" else display
        found = best_match(text, kinds=wanted, lib=lib)
        memo[(kind, display)] = found[0] if found else None
    return memo[(kind, display)]


def for_stored(record: Any, kind: str | None = None) -> Entry | None:
    """`for_record` for a vault Record (its `code_system`, `code`, `display`; `kind` defaults
    to the record's own kind)."""
    codes = {record.code_system: record.code} if record.code_system and record.code else None
    return for_record(kind or record.kind.value, codes, record.display)


def allergen_text(text: str) -> str:
    """"Allergy to penicillin (finding)" -> "penicillin"."""
    stripped = _SNOMED_TAG.sub("", text).strip()
    stripped = _ALLERGY_SUFFIX.sub("", _ALLERGY_PREFIX.sub("", stripped)).strip()
    return stripped or text


def entry_by_id(entry_id: str, *, lib: Library | None = None) -> Entry | None:
    """The entry with this id."""
    return (lib or library()).by_id.get(entry_id)


def primary_names(entry: Entry) -> dict[str, str]:
    """The entry's name in each language."""
    return {lang: entry.name(lang) for lang in LANGS}

