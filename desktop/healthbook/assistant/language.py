"""Which language a question is in: French or English, decided from its small words.

Deterministic and instant: each word found in one of the two lists below scores one point for
its language, French elisions (j', l', qu'...) and English contractions (n't, 'm, 're...)
score too, and accented letters give French a little weight. Ties and empty text are English.
"""

from __future__ import annotations

import re
import unicodedata

_FRENCH_WORDS = """
    je j tu il elle nous vous ils elles moi te toi se lui leur leurs y
    mon ma mes ton ta tes sa ses notre nos votre vos
    le la les un une des du de au aux ce cet cette ces ceci cela ca
    et ou mais donc ni ne pas plus jamais rien aucun aucune sans avec pour par dans sur sous
    chez entre vers depuis pendant avant apres encore deja toujours aussi tres trop peu beaucoup
    est sont suis es sommes etes etait ai avons avez ont avait eu ete fait fais faut peut peux
    dois doit prends prend pris prendre mange bu quel quelle quels quelles quoi quand comment
    pourquoi combien qui que qu dernier derniere derniers dernieres prochain est-ce ai-je
    suis-je dois-je puis-je peut-on faut-il qu'est-ce c'est n'est j'ai d'un d'une
    douleur douleurs mal fievre sang resultat resultats taux prise ordonnance
    medicament medicaments comprimes cachets vaccin vaccins rappel tension glycemie bilan
    medecin rendez-vous enceinte bebe enfant poitrine ventre tete coeur normal
    normale normaux eleve elevee bas basse haut haute aujourd'hui hier matin soir semaine mois
    annee ans fois oui bonjour merci
"""

_ENGLISH_WORDS = """
    i i'm i've i'd i'll my mine myself you your yours he him his she her hers it its we us our
    they them their this that these those
    the an of to in at by for from with without about into over under after before since
    and or but if so not no never any some all
    is are am was were be been being do does did done have has had having can could will would
    should shall may might must
    what when where which who whom whose why how
    last next ever still just now today yesterday morning night week month year years
    pills pill tablets tablet medicine medicines meds medication medications
    pain blood result results level levels doctor appointment visit shot jab
    allergic taking take took up down out high low please thanks
    feel feeling hurts sugar heart chest kidneys liver
"""
FRENCH = frozenset(_FRENCH_WORDS.split())
ENGLISH = frozenset(_ENGLISH_WORDS.split())

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
_WORD = re.compile(r"[a-z]+(?:['-][a-z]+)*")
_FRENCH_ELISION = re.compile(r"(?<![a-z])(?:[jlcdmnst]|qu|jusqu|lorsqu|puisqu)'[a-z]")
_ENGLISH_CONTRACTION = re.compile(r"[a-z](?:n't|'m|'re|'ve|'ll)(?![a-z])|[a-z]'s(?![a-z])")
_ACCENTED = re.compile(r"[àâäéèêëîïôöùûüÿçœæ]")


def fold(text: str) -> str:
    """Lower case, one kind of apostrophe, accents removed (œ -> oe)."""
    text = text.lower().translate(_APOSTROPHES).replace("œ", "oe").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def detect_language(text: str) -> str:
    """'fr' or 'en' (the default) for a question, from its function words and accents."""
    lowered = text.lower().translate(_APOSTROPHES)
    folded = fold(text)
    fr = en = 0.0
    for token in _WORD.findall(folded):
        parts = {token, *re.split(r"['-]", token)}
        fr += any(p in FRENCH for p in parts)
        en += any(p in ENGLISH for p in parts)
    fr += len(_FRENCH_ELISION.findall(folded))
    en += len(_ENGLISH_CONTRACTION.findall(folded))
    # Accents tip a close call (a lone "créatinine") but do not outweigh English words.
    fr += 0.5 * min(len(_ACCENTED.findall(lowered)), 2)
    return "fr" if fr > en else "en"
