"""Invented people, labs and letter texts for the generated reports (no real person)."""

from __future__ import annotations

from tests.labreports.content import Lab

FR_LAST = ("Dupont", "Martin", "Bernard", "Lefèvre", "Moreau", "Garnier", "Rousseau",
           "Fournier", "Girard", "Chevalier", "Lambert", "Bonnet", "Mercier", "Hébert",
           "Gauthier", "Perrin", "Béranger", "Clément", "Morel", "Émery", "Lemaître", "Faure")
FR_FIRST = {"F": ("Marie", "Camille", "Élodie", "Hélène", "Nathalie", "Sophie", "Chloé", "Léa",
                  "Françoise", "Amélie", "Anne-Laure", "Béatrice"),
            "M": ("Jean", "Pierre", "François", "Julien", "Sébastien", "Thomas", "Jérôme",
                  "Nicolas", "André", "Loïc", "Jean-Marc", "Rémi")}
EN_LAST = ("Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson",
           "Taylor", "Clarke", "Walker", "Hughes", "Patel", "Evans", "Thompson", "O'Neill",
           "Robinson", "Wright")
EN_FIRST = {"F": ("Sarah", "Emily", "Karen", "Linda", "Rachel", "Olivia", "Margaret", "Grace",
                  "Helen", "Joanne"),
            "M": ("John", "David", "Michael", "James", "Robert", "Thomas", "Daniel", "Peter",
                  "Andrew", "Richard")}

FR_LABS = (
    Lab("Laboratoire BioVal de Loire", ("14 rue des Tanneurs — 37000 Tours",
                                        "Tél. 02 47 61 22 90 — Biologistes : Dr C. Aubry, "
                                        "Dr P. Léger")),
    Lab("Laboratoire d'Analyses Médicales des Tilleuls",
        ("3 avenue Jean-Jaurès — 69007 Lyon", "Tél. 04 78 12 34 56 — Ouvert du lundi au "
                                              "samedi")),
    Lab("Laboratoire Saint-Exupéry Biologie", ("27 boulevard Gambetta — 31000 Toulouse",
                                               "Tél. 05 61 22 48 10 — SELAS au capital de "
                                               "40 000 €")),
    Lab("Laboratoire Biolittoral", ("8 quai Duguay-Trouin — 35400 Saint-Malo",
                                    "Tél. 02 99 40 17 33 — Accrédité COFRAC n° 8-4211")),
)
US_LABS = (
    Lab("Meridian Diagnostics, Inc.", ("1200 Harbor Blvd, Suite 300, Oakland, CA 94607",
                                       "(510) 555-0142"), "MD"),
    Lab("Northfield Clinical Laboratories", ("455 Lakeview Pkwy, Naperville, IL 60563",
                                             "(630) 555-0178"), "NF"),
    Lab("Bluestem Reference Laboratory", ("88 Prairie Ave, Omaha, NE 68102",
                                          "(402) 555-0119"), "BR"),
)
UK_LABS = (
    Lab("Westbrook General Hospital", ("NHS Foundation Trust - Department of Blood Sciences",
                                       "Westbrook Road, Leeds LS9 7QF - 0113 496 0000")),
    Lab("St Aldhelm's Hospital", ("Pathology Services - Clinical Biochemistry & Haematology",
                                  "Aldhelm Way, Salisbury SP2 8BJ - 01722 555 600")),
    Lab("Royal Calder Infirmary", ("Blood Sciences Laboratory",
                                   "Infirmary Street, Halifax HX1 2YP - 01422 555 010")),
)
FR_HOSPITALS = (
    Lab("Centre Hospitalier de Vienne-Sud", ("Service de Médecine Interne — Pr A. Rolland",
                                             "Montée du Docteur Maurice Chapuis — 38200 "
                                             "Vienne")),
    Lab("Hôpital Privé des Quatre Vents", ("Service de Pneumologie — Dr S. Vidal",
                                           "12 allée des Quatre Vents — 44300 Nantes")),
)
UK_HOSPITALS = (
    Lab("Westbrook General Hospital", ("Department of Acute Medicine",
                                       "Westbrook Road, Leeds LS9 7QF")),
    Lab("Royal Calder Infirmary", ("Elderly Care Unit - Ward 7",
                                   "Infirmary Street, Halifax HX1 2YP")),
)
FR_CHECKUP_LABS = (
    Lab("Centre de Bilans de Santé du Parc", ("Laboratoire de biologie — 2 place du Parc — "
                                              "59000 Lille", "Tél. 03 20 55 01 77")),
    Lab("Institut Prévention Santé Atlantique", ("Laboratoire — 41 cours de la Marne — 33800 "
                                                 "Bordeaux", "Tél. 05 56 90 12 12")),
)
US_CHECKUP_LABS = (
    Lab("Lakeshore Executive Health", ("Clinical Laboratory - 900 N Shore Dr, Chicago, IL 60611",
                                       "(312) 555-0190")),
    Lab("Cascade Preventive Medicine", ("Laboratory Services - 2100 5th Ave, Seattle, WA 98121",
                                        "(206) 555-0133")),
)

FR_DOCTORS = ("Dr Martin Lefèvre", "Dr Claire Aubert", "Dr Hugues Dumas", "Dr Agnès Roux")
US_DOCTORS = ("Dr. Alan Reyes", "Dr. Susan Park", "Dr. Mark Feldman", "Dr. Priya Natarajan")
UK_DOCTORS = ("Dr A Patel", "Dr H Morgan", "Dr C Okafor", "Dr L Fraser")

EN_COMPLAINTS = ("a three-day history of fever and a productive cough",
                 "dizziness and a fall at home",
                 "abdominal pain and vomiting",
                 "increasing breathlessness on exertion")
EN_COURSES = ("A chest X-ray showed right lower lobe consolidation. {pron} was treated with "
              "amoxicillin 1 g three times a day for 5 days and improved steadily.",
              "An ECG showed sinus rhythm at 72 beats per minute. {pron} was observed for 48 "
              "hours, mobilised with the physiotherapists and had no further episodes.",
              "An ultrasound scan of the abdomen was normal. {pron} was rehydrated with 2 litres "
              "of intravenous fluids and was eating and drinking normally by day 2.",
              "{pron} received furosemide 40 mg twice daily with a weight loss of 2.5 kg over "
              "the admission.")
FR_COMPLAINTS = ("une fièvre à 39 °C avec une toux productive depuis trois jours",
                 "des vertiges et une chute à domicile",
                 "des douleurs abdominales et des vomissements",
                 "un essoufflement à l'effort d'aggravation progressive")
FR_COURSES = ("La radiographie du thorax a montré une pneumopathie de la base droite, traitée "
              "par amoxicilline 1 g trois fois par jour pendant 5 jours, avec une évolution "
              "favorable.",
              "L'ECG montrait un rythme sinusal à 72/min. Surveillance de 48 heures sans "
              "récidive, reprise de la marche avec le kinésithérapeute.",
              "L'échographie abdominale était normale. Réhydratation par 2 litres de sérum "
              "physiologique, reprise de l'alimentation dès le deuxième jour.",
              "Traitement par furosémide 40 mg deux fois par jour, avec une perte de poids de "
              "2,5 kg au cours du séjour.")
