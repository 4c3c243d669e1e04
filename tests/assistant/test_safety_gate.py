"""The safety gate: red flags in English and French questions, negations and look-alikes."""

from __future__ import annotations

import json

import pytest

from healthbook.assistant.language import detect_language
from healthbook.assistant.safety import Alert, check_question
from healthbook.paths import resources_dir

# (question, a rule that must fire). Lay wording, typos and paraphrase on purpose.
POSITIVES: list[tuple[str, str]] = [
    # chest pain
    ("I have crushing chest pain spreading to my left arm", "chest_pain"),
    ("chets pain and sweating right now", "chest_pain"),
    ("my chest feels tight and I can't catch my breath", "chest_pain"),
    ("pressure in my chest going into my jaw", "chest_pain"),
    ("I think I'm having a heart attack", "chest_pain"),
    ("pian in my chest since an hour ago and I feel sick", "chest_pain"),
    ("my chest hurts a lot right now", "chest_pain"),
    ("feels like an elephant is sitting on my chest", "chest_pain"),
    ("j'ai une douleur dans la poitrine qui descend dans le bras gauche", "chest_pain"),
    ("doulleur poitrine depuis ce matin", "chest_pain"),
    ("j'ai mal à la poitrine et je transpire", "chest_pain"),
    ("oppression thoracique et essoufflement", "chest_pain"),
    ("je crois que je fais un infarctus", "chest_pain"),
    # stroke
    ("my mum's face is drooping on one side and her speech is slurred", "stroke"),
    ("my dad suddenly can't lift his arm and is talking funny", "stroke"),
    ("I think my wife is having a stroke", "stroke"),
    ("sudden confusion and slured speach in my grandfather", "stroke"),
    ("my husband had a stroke an hour ago, what do I do", "stroke"),
    ("mon père a la bouche de travers et n'arrive plus à parler", "stroke"),
    ("ma mère fait un AVC", "stroke"),
    ("elle ne sent plus son bras et son visage est paralysé", "stroke"),
    # breathing
    ("I can't breathe", "breathing"),
    ("my son is choking on a sweet", "breathing"),
    ("her lips are turning blue", "breathing"),
    ("struggling to breathe and can't speak in full sentences", "breathing"),
    ("je n'arrive plus à respirer", "breathing"),
    ("mon fils s'étouffe avec un bonbon", "breathing"),
    # bleeding
    ("the bleeding won't stop after I cut my hand", "bleeding"),
    ("I'm vomiting blood", "bleeding"),
    ("coughing up blood this morning", "bleeding"),
    ("black tarry stools and I feel dizzy", "bleeding"),
    ("je vomis du sang", "bleeding"),
    ("saignement qui ne s'arrête pas au genou", "bleeding"),
    # anaphylaxis
    ("my throat is swelling up after eating peanuts", "anaphylaxis"),
    ("tongue swollen after a bee sting and I can't swallow", "anaphylaxis"),
    ("I think I'm having a severe allergic reaction to the new antibiotic", "anaphylaxis"),
    ("ma gorge gonfle après une piqûre de guêpe", "anaphylaxis"),
    # unconscious, fainting
    ("my dad collapsed and won't wake up", "unconscious"),
    ("she's unconscious and not responding", "unconscious"),
    ("unconcious and not breathing", "unconscious"),
    ("mon mari a perdu connaissance et ne se réveille pas", "unconscious"),
    ("I passed out this morning at work", "fainting"),
    ("je me suis évanouie ce matin", "fainting"),
    # seizure
    ("my daughter is having a seizure and it's been more than 5 minutes", "seizure"),
    ("my baby is fitting", "seizure"),
    ("my son had his first seizure 10 minutes ago", "seizure"),
    ("siezure right now", "seizure"),
    ("mon bébé fait des convulsions", "seizure"),
    # overdose, poisoning
    ("I took too many pills", "overdose"),
    ("my toddler swallowed bleach", "overdose"),
    ("my child ate some of my tablets", "overdose"),
    ("I think I overdozed on paracetamol", "overdose"),
    ("my kid swallowed a button battery", "overdose"),
    ("j'ai pris trop de comprimés", "overdose"),
    ("mon enfant a avalé de la javel", "overdose"),
    # crisis
    ("I want to kill myself", "suicide"),
    ("I don't want to live anymore", "suicide"),
    ("I keep thinking about ending my life", "suicide"),
    ("I've been cutting myself again", "suicide"),
    ("everyone would be better off without me", "suicide"),
    ("suicidle thoughts every night", "suicide"),
    ("je veux mourir", "suicide"),
    ("j'ai envie d'en finir", "suicide"),
    ("je pense à me suicider", "suicide"),
    ("je me scarifie depuis des semaines", "suicide"),
    # pregnancy
    ("I'm 30 weeks pregnant and have severe stomach pain", "pregnancy"),
    ("pregnant and bleeding heavily", "pregnancy"),
    ("enceinte de 20 semaines et je saigne beaucoup", "pregnancy"),
    # infant fever
    ("my 6 week old baby has a temperature of 38.2", "infant_fever"),
    ("newborn with a fever", "infant_fever"),
    ("mon bébé de 2 mois a 38,5 de fièvre", "infant_fever"),
    # meningitis
    ("stiff neck, fever and a rash that doesn't fade under a glass", "meningitis"),
    ("nuque raide et fièvre chez mon fils", "meningitis"),
    # headache
    ("worst headache of my life, came on suddenly", "headache"),
    ("sudden severe headache like being hit on the head", "headache"),
    ("le pire mal de tête de ma vie, d'un coup", "headache"),
    # burns
    ("I burned my arm badly with boiling water, the skin is white", "severe_burn"),
    ("je me suis brûlé gravement au visage", "severe_burn"),
    # blood sugar
    ("blood sugar is 25 and I keep vomiting", "dka"),
    ("high blood sugar and he's confused and breathing fast", "dka"),
    ("low blood sugar and he's confused and sweaty", "hypoglycaemia"),
    ("glycémie à 2,5 et il est confus", "hypoglycaemia"),
    # vision, testicle, abdomen
    ("I suddenly lost vision in my right eye", "vision_loss"),
    ("je ne vois plus rien de l'œil gauche depuis une heure", "vision_loss"),
    ("sudden severe pain in my testicle", "testicular_torsion"),
    ("douleur brutale au testicule droit", "testicular_torsion"),
    ("severe stomach pain and my belly is rigid", "abdominal"),
    ("ventre dur comme du bois et douleur atroce", "abdominal"),
    # no apostrophes, capitals, idioms on a body part, durations, units, later "now"
    ("i cant breathe", "breathing"),
    ("CHEST PAIN!!!", "chest_pain"),
    ("my chest is killing me and my left arm is numb", "chest_pain"),
    ("tight chest and short of breath since this morning", "chest_pain"),
    ("struggeling to breath", "breathing"),
    ("I took 20 paracetamol an hour ago", "overdose"),
    ("ma fille a bu de l'eau de javel", "overdose"),
    ("his seizure has lasted 10 minutes", "seizure"),
    ("sa crise d'épilepsie dure depuis 10 minutes", "seizure"),
    ("ma glycémie est à 4 g et je vomis", "dka"),
    ("my father had a stroke in 2010 and now he can't speak properly", "stroke"),
    ("I tried to kill myself last year and feel the same now", "suicide"),
    ("my son has a rash that doesn't go away when I press a glass on it", "meningitis"),
    ("like a curtain came down over my eye", "vision_loss"),
    ("I used my epipen", "anaphylaxis"),
    ("je suis enceinte et j'ai des douleurs atroces au ventre", "pregnancy"),
]

# Questions that must raise no alert: negations, history, definitions, risk, idioms, records.
LOOK_ALIKES: list[str] = [
    "no chest pain since the new tablets",
    "I don't have chest pain anymore",
    "pas de douleur thoracique",
    "my father had a stroke in 2010",
    "mon père a fait un AVC en 2010",
    "what is a stroke?",
    "qu'est-ce qu'un AVC ?",
    "how do I lower my stroke risk",
    "is my cholesterol a risk for heart attack",
    "I had a seizure as a child, is my EEG normal?",
    "the article said overdose deaths rose",
    "my chest X-ray result",
    "pain in the chest wall after gym last month?",
    "killing it at the gym",
    "this wait is killing me",
    "I'm dying to know my results",
    "je meurs d'envie de savoir",
    "heart rate during exercise",
    "suicide prevention week at work",
    "what are the warning signs of a heart attack?",
    "can you explain what anaphylaxis is?",
    "how is a seizure diagnosed?",
    "is aspirin used to prevent heart attacks?",
    "my grandmother died of a heart attack, should I worry about my cholesterol?",
    "I have never had a seizure, can I drive?",
    "my baby's fever is gone",
    "what is the overdose limit for paracetamol?",
    "my stroke volume on the echo",
    "I can't breathe through my nose because of a cold",
    "that film gave me a heart attack",
    "mon père a eu un infarctus il y a 5 ans",
    "c'est quoi une crise d'épilepsie ?",
    "quels sont les signes d'un AVC ?",
    "comment prévenir un infarctus ?",
    "quel est mon risque d'AVC ?",
    "je n'ai plus de douleur dans la poitrine",
    "je n'ai jamais fait de crise d'épilepsie",
    "sans douleur thoracique depuis le nouveau traitement",
    "ma radio du thorax est normale ?",
    "fréquence cardiaque pendant le sport",
    "je meurs de faim",
    "journée de prévention du suicide au travail",
    "my chest pain has gone since I started the tablets",
    "I was choked up at my daughter's wedding",
    "is a temperature of 38 normal for a 5 year old?",
    "my vision is blurry when I read",
    "the worst headache I had was a hangover years ago",
    "on strike at work, can I still get my blood test?",
    "I'd love to go running again, je veux courir",
    "my blood sugar was low last week but I'm fine",
    "can ibuprofen cause stomach bleeding?",
    "food poisoning last summer, are my liver tests fine?",
    "do I take my anti-seizure medication with food?",
    "my mum will have a fit if she sees my cholesterol",
    "no fever and no rash",
    "she doesn't have a stiff neck or a fever",
    "I used to get chest pain when I was pregnant with my first",
    "when was my last meningitis vaccine?",
    "any blood tests due this month?",
    "the conclusions of my heart scan",
    "my grandfather survived a heart attack",
    "how do I recognise a stroke?",
    # questions about the records, which name red-flag events without being one
    "when was my last seizure?",
    "do I still need my stroke medicines?",
    "how long since my last heart attack?",
    "what did the cardiologist say about my chest pain?",
    "summarise my visits for chest pain",
    "quel traitement après mon infarctus ?",
    "quand ai-je eu ma dernière crise d'épilepsie ?",
    # more definitions, negations and idioms
    "what causes a stroke?",
    "my baby's temperature is normal",
    "la douleur dans la poitrine a disparu",
    "ce travail va me tuer",
    "j'ai hâte d'en finir avec ce traitement",
    "I'm not suicidal, I just feel tired",
    "I don't want to die from heart disease, what should I change?",
    "my 4 year old has a fever of 38.5",
    "I feel a bit dizzy when I stand up quickly",
]


def _rules(question: str) -> list[str]:
    return [a.rule for a in check_question(question)]


@pytest.mark.parametrize(("question", "rule"), POSITIVES)
def test_red_flag_fires(question: str, rule: str) -> None:
    assert rule in _rules(question)


@pytest.mark.parametrize("question", LOOK_ALIKES)
def test_look_alike_stays_quiet(question: str) -> None:
    assert _rules(question) == []


def test_recall_and_false_alarms() -> None:
    """The whole lists at once, with the figures the benchmark reports."""
    missed = [(q, r) for q, r in POSITIVES if r not in _rules(q)]
    alarms = [(q, _rules(q)) for q in LOOK_ALIKES if _rules(q)]
    recall = 1 - len(missed) / len(POSITIVES)
    precision = (len(POSITIVES) - len(missed)) / (len(POSITIVES) - len(missed) + len(alarms))
    report = (f"recall {recall:.1%} ({len(missed)} missed of {len(POSITIVES)}), "
              f"precision {precision:.1%} ({len(alarms)} false alarms on {len(LOOK_ALIKES)} "
              f"look-alikes)\nmissed: {missed}\nfalse alarms: {alarms}")
    assert not missed, report
    assert not alarms, report


@pytest.mark.parametrize(("question", "lang"), [
    ("I want to end my life", "en"), ("je veux mourir", "fr")])
def test_crisis_message_gives_crisis_lines_not_a_doctor(question: str, lang: str) -> None:
    (alert,) = check_question(question)
    assert alert.level == "crisis"
    for number in ("988", "116 123", "3114"):
        assert number in alert.message
    assert "see your doctor" not in alert.message.lower()
    assert "votre médecin" not in alert.message.lower()
    assert detect_language(question) == lang


def test_message_language_follows_question_or_argument() -> None:
    (english,) = check_question("I can't breathe")
    (french,) = check_question("je n'arrive plus à respirer")
    (forced,) = check_question("I can't breathe", lang="fr")
    assert english.message.startswith("Call emergency services now (112 in Europe, 911 in the US")
    assert french.message.startswith("Appelez les secours maintenant")
    assert forced.message == french.message


def test_most_severe_first_and_one_alert_per_rule() -> None:
    alerts = check_question("I took too many pills because I want to die. I took too many pills.")
    assert [a.rule for a in alerts] == ["overdose", "suicide"]
    assert [a.level for a in alerts] == ["emergency", "crisis"]
    assert all(isinstance(a, Alert) and a.source_url.startswith("https://") for a in alerts)


def test_a_later_sentence_can_fire_after_a_look_alike() -> None:
    assert _rules("What is a stroke? My mum's face is drooping right now.") == ["stroke"]
    assert _rules("My father had a stroke in 2010. Now my arm is suddenly weak.") == ["stroke"]


def test_every_rule_has_sources_and_both_languages() -> None:
    data = json.loads((resources_dir() / "safety" / "red_flags.json").read_text("utf-8"))
    assert len(data["rules"]) >= 15
    assert len({r["id"] for r in data["rules"]}) == len(data["rules"])
    for rule in data["rules"]:
        assert rule["level"] in data["levels"], rule["id"]
        assert set(rule["message"]) == {"en", "fr"}, rule["id"]
        assert set(rule["patterns"]) == {"en", "fr"}, rule["id"]
        assert all(rule["message"].values()), rule["id"]
        assert all(rule["patterns"].values()), rule["id"]
        assert rule["sources"], rule["id"]
        for source in rule["sources"]:
            assert source["title"], rule["id"]
            assert source["url"].startswith("https://"), rule["id"]
    for lead in data["leads"].values():
        assert set(lead) == {"en", "fr"}


@pytest.mark.parametrize(("question", "lang"), [
    ("mes allergies ?", "fr"),
    ("ma tension", "fr"),
    ("what pills am I on", "en"),
    ("what pills am I on at the moment?", "en"),
    ("do I have any allergies?", "en"),
    ("quand ai-je eu mon dernier rappel du tétanos ?", "fr"),
    ("est-ce que mon cholestérol est normal", "fr"),
    ("j'ai mal", "fr"),
    ("prends-je trop de médicaments ?", "fr"),
    ("créatinine", "fr"),
    ("HbA1c ?", "en"),
    ("LDL", "en"),
    ("", "en"),
    ("my café visit last week", "en"),
    ("how are my kidneys doing?", "en"),
    ("comment vont mes reins ?", "fr"),
    ("and my HDL?", "en"),
    ("et mon HDL ?", "fr"),
    ("when did I last have a tetanus jab?", "en"),
    ("douleur poitrine", "fr"),
])
def test_detect_language(question: str, lang: str) -> None:
    assert detect_language(question) == lang
