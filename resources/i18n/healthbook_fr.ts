<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
    <context>
        <name>Assistant</name>
        <message>
            <source>Loading the language model…</source>
            <translation>Chargement du modèle de langage…</translation>
        </message>
        <message>
            <source>Reading the records…</source>
            <translation>Lecture du dossier…</translation>
        </message>
        <message>
            <source>&lt;p&gt;&lt;b&gt;DRAFT for professional review.&lt;/b&gt; Assembled from the records with a language model; not a clinical document until a clinician has checked it.&lt;/p&gt;</source>
            <translation>&lt;p&gt;&lt;b&gt;BROUILLON à faire relire par un professionnel.&lt;/b&gt; Assemblé à partir du dossier avec un modèle de langage ; ce n’est pas un document clinique tant qu’un soignant ne l’a pas vérifié.&lt;/p&gt;</translation>
        </message>
        <message>
            <source>Questions to ask</source>
            <translation>Questions à poser</translation>
        </message>
        <message>
            <source>Shown exactly as the records say it; each line links to its records.</source>
            <translation>Affiché exactement comme le dit le dossier ; chaque ligne renvoie à ses sources.</translation>
        </message>
        <message>
            <source>Worded by {model}; every sentence shown was checked against the records it links to.</source>
            <translation>Formulé par {model} ; chaque phrase affichée a été vérifiée par rapport aux éléments vers lesquels elle renvoie.</translation>
        </message>
    </context>
    <context>
        <name>AssistantView</name>
        <message>
            <source>Ask about these records, e.g. “How has my cholesterol changed?”</source>
            <translation>Posez une question sur ce dossier, par exemple « Comment mon cholestérol a-t-il évolué ? »</translation>
        </message>
        <message>
            <source>Question</source>
            <translation>Question</translation>
        </message>
        <message>
            <source>Ask</source>
            <translation>Demander</translation>
        </message>
        <message>
            <source>Summarise the history</source>
            <translation>Résumer les antécédents</translation>
        </message>
        <message>
            <source>Result or measurement</source>
            <translation>Résultat ou mesure</translation>
        </message>
        <message>
            <source>Explain</source>
            <translation>Expliquer</translation>
        </message>
        <message>
            <source>The latest result in plain language</source>
            <translation>Le dernier résultat en termes simples</translation>
        </message>
        <message>
            <source>Describe the trend</source>
            <translation>Décrire l’évolution</translation>
        </message>
        <message>
            <source>Changes since</source>
            <translation>Changements depuis</translation>
        </message>
        <message>
            <source>Prepare for a visit</source>
            <translation>Préparer une consultation</translation>
        </message>
        <message>
            <source>Visit sheet…</source>
            <translation>Fiche de consultation…</translation>
        </message>
        <message>
            <source>Edit the questions, then save or print a one- or two-page sheet for the appointment</source>
            <translation>Modifiez les questions, puis enregistrez ou imprimez une fiche d’une ou deux pages pour le rendez-vous</translation>
        </message>
        <message>
            <source>Clinician mode</source>
            <translation>Mode soignant</translation>
        </message>
        <message>
            <source>Offer a draft visit note for a clinician to review</source>
            <translation>Proposer un brouillon de compte rendu de consultation à faire relire par un soignant</translation>
        </message>
        <message>
            <source>Draft a visit note</source>
            <translation>Rédiger un compte rendu</translation>
        </message>
        <message>
            <source>Stop</source>
            <translation>Arrêter</translation>
        </message>
        <message>
            <source>Assistant status</source>
            <translation>État de l’assistant</translation>
        </message>
        <message>
            <source>Answer</source>
            <translation>Réponse</translation>
        </message>
        <message>
            <source>Sources of the answer</source>
            <translation>Sources de la réponse</translation>
        </message>
        <message>
            <source>Result:</source>
            <translation>Résultat :</translation>
        </message>
        <message>
            <source>Changes since:</source>
            <translation>Changements depuis :</translation>
        </message>
        <message>
            <source>&lt;h3&gt;Your records, explained on this computer&lt;/h3&gt;&lt;p&gt;Ask a question or pick an action above. The answer is built from your records on this computer; a language model may reword it, and every sentence is checked against your records before it is shown. Citations like [1] open the records an answer rests on.&lt;/p&gt;&lt;p&gt;&lt;small&gt;Healthbook explains; it does not diagnose.&lt;/small&gt;&lt;/p&gt;</source>
            <translation>&lt;h3&gt;Votre dossier, expliqué sur cet ordinateur&lt;/h3&gt;&lt;p&gt;Posez une question ou choisissez une action ci-dessus. La réponse est construite à partir de votre dossier, sur cet ordinateur ; un modèle de langage peut la reformuler, et chaque phrase est vérifiée par rapport à votre dossier avant d’être affichée. Les renvois comme [1] ouvrent les éléments sur lesquels repose la réponse.&lt;/p&gt;&lt;p&gt;&lt;small&gt;Healthbook explique ; il ne pose pas de diagnostic.&lt;/small&gt;&lt;/p&gt;</translation>
        </message>
        <message>
            <source>&lt;p&gt;&lt;b&gt;Sources&lt;/b&gt;&lt;/p&gt;&lt;p&gt;The facts an answer used appear here.&lt;/p&gt;</source>
            <translation>&lt;p&gt;&lt;b&gt;Sources&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Les faits utilisés par une réponse s’affichent ici.&lt;/p&gt;</translation>
        </message>
        <message>
            <source>Starting…</source>
            <translation>Démarrage…</translation>
        </message>
        <message>
            <source>The model is writing; nothing is shown until it is checked.</source>
            <translation>Le modèle rédige ; rien ne s’affiche avant d’avoir été vérifié.</translation>
        </message>
        <message>
            <source>The assistant could not answer.</source>
            <translation>L’assistant n’a pas pu répondre.</translation>
        </message>
        <message>
            <source>Stopped. Nothing unchecked is shown.</source>
            <translation>Arrêté. Rien de non vérifié n’est affiché.</translation>
        </message>
        <message>
            <source>Stopped before the answer was finished.</source>
            <translation>Arrêté avant la fin de la réponse.</translation>
        </message>
        <message>
            <source>an import</source>
            <translation>une importation</translation>
        </message>
        <message>
            <source>Sources</source>
            <translation>Sources</translation>
        </message>
    </context>
    <context>
        <name>ChartCanvas</name>
        <message>
            <source>Trend chart</source>
            <translation>Graphique d’évolution</translation>
        </message>
        <message>
            <source>Plus and minus zoom in and out, the arrow keys move along the dates, Home shows the whole range again.</source>
            <translation>Plus et moins zooment, les flèches se déplacent le long des dates, Début affiche de nouveau toute la période.</translation>
        </message>
    </context>
    <context>
        <name>Columns</name>
        <message>
            <source>Date</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>What</source>
            <translation>Quoi</translation>
        </message>
        <message>
            <source>Test</source>
            <translation>Analyse</translation>
        </message>
        <message>
            <source>Latest</source>
            <translation>Dernier</translation>
        </message>
        <message>
            <source>Unit</source>
            <translation>Unité</translation>
        </message>
        <message>
            <source>Range</source>
            <translation>Référence</translation>
        </message>
        <message>
            <source>Flag</source>
            <translation>Statut</translation>
        </message>
        <message>
            <source>Results</source>
            <translation>Résultats</translation>
        </message>
        <message>
            <source>As the lab names it: {name}</source>
            <translation>Nom donné par le laboratoire : {name}</translation>
        </message>
        <message>
            <source>entered by {name}</source>
            <translation>saisi par {name}</translation>
        </message>
        <message>
            <source>Medication</source>
            <translation>Médicament</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Statut</translation>
        </message>
        <message>
            <source>current</source>
            <translation>en cours</translation>
        </message>
        <message>
            <source>stopped</source>
            <translation>arrêté</translation>
        </message>
        <message>
            <source>Since</source>
            <translation>Depuis</translation>
        </message>
        <message>
            <source>Last listed</source>
            <translation>Dernière mention</translation>
        </message>
        <message>
            <source>How to take</source>
            <translation>Posologie</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Remarque</translation>
        </message>
        <message>
            <source>Listed as {names}</source>
            <translation>Inscrit sous les noms {names}</translation>
        </message>
        <message>
            <source>Imported</source>
            <translation>Importé le</translation>
        </message>
        <message>
            <source>File</source>
            <translation>Fichier</translation>
        </message>
        <message>
            <source>Records</source>
            <translation>Éléments</translation>
        </message>
        <message>
            <source>Samples</source>
            <translation>Mesures</translation>
        </message>
    </context>
    <context>
        <name>Dates</name>
        <message>
            <source>{date} · {age}</source>
            <translation>{date} · {age}</translation>
        </message>
        <message>
            <source>{h} h {m} min</source>
            <translation>{h} h {m} min</translation>
        </message>
        <message>
            <source>{h} h</source>
            <translation>{h} h</translation>
        </message>
    </context>
    <context>
        <name>FirstRunGuide</name>
        <message>
            <source>Bring in the records you already have: Healthbook keeps them encrypted on this computer and shows them as results, trends and a plain-language summary.</source>
            <translation>Rassemblez les données que vous avez déjà : Healthbook les garde chiffrées sur cet ordinateur et les présente sous forme de résultats, d’évolutions et d’une synthèse en termes simples.</translation>
        </message>
        <message>
            <source>Choose files to import…</source>
            <translation>Choisir des fichiers à importer…</translation>
        </message>
        <message>
            <source>Add a person…</source>
            <translation>Ajouter une personne…</translation>
        </message>
        <message>
            <source>Open the demo</source>
            <translation>Ouvrir la démo</translation>
        </message>
        <message>
            <source>Locks this vault and opens a sample person whose records live only in memory</source>
            <translation>Verrouille ce coffre et ouvre une personne fictive dont les données restent uniquement en mémoire</translation>
        </message>
        <message>
            <source>From a patient portal or an app</source>
            <translation>Depuis un portail patient ou une application</translation>
        </message>
        <message>
            <source>FHIR files (.json), single records or whole bundles, and bulk exports (.ndjson)</source>
            <translation>Fichiers FHIR (.json), éléments seuls ou bundles complets, et exports groupés (.ndjson)</translation>
        </message>
        <message>
            <source>From a hospital or a doctor</source>
            <translation>Depuis un hôpital ou un médecin</translation>
        </message>
        <message>
            <source>C-CDA documents (.xml): discharge summaries, visit summaries</source>
            <translation>Documents C-CDA (.xml) : comptes rendus d’hospitalisation, de consultation</translation>
        </message>
        <message>
            <source>From an iPhone</source>
            <translation>Depuis un iPhone</translation>
        </message>
        <message>
            <source>Apple Health: Health app › your picture › Export All Health Data, then export.zip (with its clinical records)</source>
            <translation>Apple Santé : app Santé › votre photo › Exporter toutes les données de santé, puis export.zip (avec les dossiers médicaux)</translation>
        </message>
        <message>
            <source>From an Android phone</source>
            <translation>Depuis un téléphone Android</translation>
        </message>
        <message>
            <source>Health Connect: Settings › Health Connect › Export, then the zip file</source>
            <translation>Health Connect : Paramètres › Health Connect › Exporter, puis le fichier zip</translation>
        </message>
        <message>
            <source>From a spreadsheet</source>
            <translation>Depuis un tableur</translation>
        </message>
        <message>
            <source>CSV files of lab results or daily wellness values, and MyFitnessPal's food diary export</source>
            <translation>Fichiers CSV de résultats d’analyses ou de mesures quotidiennes de bien-être, et export du journal alimentaire de MyFitnessPal</translation>
        </message>
        <message>
            <source>You can also drop files on this window.</source>
            <translation>Vous pouvez aussi déposer des fichiers sur cette fenêtre.</translation>
        </message>
        <message>
            <source>Import your records</source>
            <translation>Importez votre dossier</translation>
        </message>
        <message>
            <source>Keep a household together</source>
            <translation>Réunissez tout le foyer</translation>
        </message>
        <message>
            <source>One vault can hold a parent's, a child's and your own records, each person apart.</source>
            <translation>Un même coffre peut contenir les données d’un parent, d’un enfant et les vôtres, chaque personne à part.</translation>
        </message>
        <message>
            <source>Look around first</source>
            <translation>Découvrez d’abord</translation>
        </message>
        <message>
            <source>A sample person with synthetic records and six months of watch data, kept only in memory.</source>
            <translation>Une personne fictive avec des données de synthèse et six mois de données de montre, conservées uniquement en mémoire.</translation>
        </message>
        <message>
            <source>Nothing here yet for {name}</source>
            <translation>Rien ici pour l’instant pour {name}</translation>
        </message>
    </context>
    <context>
        <name>HistoryDialog</name>
        <message>
            <source>History of {name}</source>
            <translation>Historique de {name}</translation>
        </message>
        <message>
            <source>this record</source>
            <translation>cet élément</translation>
        </message>
        <message>
            <source>From: {source}</source>
            <translation>Provenance : {source}</translation>
        </message>
        <message>
            <source>Changes</source>
            <translation>Modifications</translation>
        </message>
        <message>
            <source>{when} by {who}: {changes}</source>
            <translation>{when} par {who} : {changes}</translation>
        </message>
        <message>
            <source>(undone)</source>
            <translation>(annulé)</translation>
        </message>
        <message>
            <source>Never changed.</source>
            <translation>Jamais modifié.</translation>
        </message>
        <message>
            <source>Undo last change</source>
            <translation>Annuler la dernière modification</translation>
        </message>
        <message>
            <source>name</source>
            <translation>nom</translation>
        </message>
        <message>
            <source>code</source>
            <translation>code</translation>
        </message>
        <message>
            <source>code system</source>
            <translation>système de codage</translation>
        </message>
        <message>
            <source>value</source>
            <translation>valeur</translation>
        </message>
        <message>
            <source>unit</source>
            <translation>unité</translation>
        </message>
        <message>
            <source>range from</source>
            <translation>référence, de</translation>
        </message>
        <message>
            <source>range to</source>
            <translation>référence, à</translation>
        </message>
        <message>
            <source>date</source>
            <translation>date</translation>
        </message>
        <message>
            <source>end date</source>
            <translation>date de fin</translation>
        </message>
        <message>
            <source>status</source>
            <translation>statut</translation>
        </message>
        <message>
            <source>hidden</source>
            <translation>masqué</translation>
        </message>
        <message>
            <source>dose or reaction</source>
            <translation>dose ou réaction</translation>
        </message>
    </context>
    <context>
        <name>ImportView</name>
        <message>
            <source>Bring your records in: FHIR (JSON), Apple Health export.zip, C-CDA, CSV lab results or a Health Connect export, and lab reports as a PDF, a scan or a photo (read on this computer; you check the results before they are saved). The format is recognised from the file's content. You can also drop files on this window.</source>
            <translation>Importez vos données : FHIR (JSON), export.zip d’Apple Santé, C-CDA, résultats d’analyses en CSV ou export Health Connect, ainsi que des comptes rendus d’analyses en PDF, scannés ou photographiés (lus sur cet ordinateur ; vous vérifiez les résultats avant qu’ils soient enregistrés). Le format est reconnu d’après le contenu du fichier. Vous pouvez aussi déposer des fichiers sur cette fenêtre.</translation>
        </message>
        <message>
            <source>Choose files…</source>
            <translation>Choisir des fichiers…</translation>
        </message>
        <message>
            <source>Import progress</source>
            <translation>Progression de l’importation</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <source>Import report</source>
            <translation>Rapport d’importation</translation>
        </message>
        <message>
            <source>The import report appears here.</source>
            <translation>Le rapport d’importation s’affiche ici.</translation>
        </message>
        <message>
            <source>Imports</source>
            <translation>Importations</translation>
        </message>
        <message>
            <source>Delete this import…</source>
            <translation>Supprimer cette importation…</translation>
        </message>
        <message>
            <source>Removes the records and samples that only this import holds; what another import also holds is kept</source>
            <translation>Retire les éléments et mesures que seule cette importation contient ; ce qu’une autre importation contient aussi est conservé</translation>
        </message>
        <message>
            <source>&lt;b&gt;Imports&lt;/b&gt;</source>
            <translation>&lt;b&gt;Importations&lt;/b&gt;</translation>
        </message>
        <message>
            <source>Health files ({patterns});;All files (*)</source>
            <translation>Fichiers de santé ({patterns});;Tous les fichiers (*)</translation>
        </message>
        <message>
            <source>Import health files</source>
            <translation>Importer des fichiers de santé</translation>
        </message>
        <message>
            <source>Reading {file} on this computer…</source>
            <translation>Lecture de {file} sur cet ordinateur…</translation>
        </message>
        <message>
            <source>{file}: check the results read, then save.</source>
            <translation>{file} : vérifiez les résultats lus, puis enregistrez.</translation>
        </message>
        <message>
            <source>{file} was not saved; nothing was stored.</source>
            <translation>{file} n’a pas été enregistré ; rien n’a été conservé.</translation>
        </message>
        <message>
            <source>Another person's records?</source>
            <translation>Les données d’une autre personne ?</translation>
        </message>
        <message>
            <source>Import {file} into {name}'s records anyway?</source>
            <translation>Importer quand même {file} dans le dossier de {name} ?</translation>
        </message>
        <message>
            <source>Import anyway</source>
            <translation>Importer quand même</translation>
        </message>
        <message>
            <source>Don't import</source>
            <translation>Ne pas importer</translation>
        </message>
        <message>
            <source>Import cancelled. Nothing was changed.</source>
            <translation>Importation annulée. Rien n’a été modifié.</translation>
        </message>
        <message>
            <source>Not imported: {reason}</source>
            <translation>Non importé : {reason}</translation>
        </message>
        <message>
            <source>Skipped, with the reason:</source>
            <translation>Ignorés, avec la raison :</translation>
        </message>
        <message>
            <source>Delete an import</source>
            <translation>Supprimer une importation</translation>
        </message>
        <message>
            <source>Select an import first.</source>
            <translation>Sélectionnez d’abord une importation.</translation>
        </message>
        <message>
            <source>Delete this import?</source>
            <translation>Supprimer cette importation ?</translation>
        </message>
        <message>
            <source>Remove {file} and the records and samples that no other import holds? This cannot be undone.</source>
            <translation>Retirer {file} ainsi que les éléments et mesures qu’aucune autre importation ne contient ? C’est irréversible.</translation>
        </message>
    </context>
    <context>
        <name>Kiosk</name>
        <message>
            <source>Open the visitor's export</source>
            <translation>Ouvrir l’export du visiteur</translation>
        </message>
        <message>
            <source>Only files in the kiosk's folder can be opened here. Please ask the staff.</source>
            <translation>Seuls les fichiers du dossier de la borne peuvent être ouverts ici. Adressez-vous au personnel.</translation>
        </message>
        <message>
            <source>Staff</source>
            <translation>Personnel</translation>
        </message>
        <message>
            <source>The PIN must be at least {n} digits.</source>
            <translation>Le code doit comporter au moins {n} chiffres.</translation>
        </message>
        <message>
            <source>That PIN is too easy to guess; avoid repeated or consecutive digits.</source>
            <translation>Ce code est trop facile à deviner ; évitez les chiffres répétés ou qui se suivent.</translation>
        </message>
        <message>
            <source>Set the staff PIN needed to leave kiosk mode ({n} digits or more):</source>
            <translation>Choisissez le code du personnel nécessaire pour quitter le mode borne ({n} chiffres ou plus) :</translation>
        </message>
        <message>
            <source>{problem} Set the staff PIN:</source>
            <translation>{problem} Choisissez le code du personnel :</translation>
        </message>
        <message>
            <source>Enter the same PIN again:</source>
            <translation>Saisissez de nouveau le même code :</translation>
        </message>
        <message>
            <source>The two PINs were different. Set the staff PIN:</source>
            <translation>Les deux codes étaient différents. Choisissez le code du personnel :</translation>
        </message>
        <message>
            <source>Staff PIN:</source>
            <translation>Code du personnel :</translation>
        </message>
        <message>
            <source>That PIN is not right.</source>
            <translation>Ce code est incorrect.</translation>
        </message>
    </context>
    <context>
        <name>KioskWelcome</name>
        <message>
            <source>Bring your health export on a phone or USB stick. Nothing you open here is saved: when you end the session, or after a few idle minutes, everything is wiped.</source>
            <translation>Apportez votre export de santé sur un téléphone ou une clé USB. Rien de ce que vous ouvrez ici n’est enregistré : quand vous terminez la session, ou après quelques minutes d’inactivité, tout est effacé.</translation>
        </message>
        <message>
            <source>Open my health export…</source>
            <translation>Ouvrir mon export de santé…</translation>
        </message>
        <message>
            <source>See a demo</source>
            <translation>Voir une démo</translation>
        </message>
        <message>
            <source>Staff</source>
            <translation>Personnel</translation>
        </message>
        <message>
            <source>Show Healthbook in {language}</source>
            <translation>Afficher Healthbook en {language}</translation>
        </message>
    </context>
    <context>
        <name>LabRows</name>
        <message numerus="yes">
            <source>%n results</source>
            <translation>
                <numerusform>%n résultat</numerusform>
                <numerusform>%n résultats</numerusform>
            </translation>
        </message>
        <message>
            <source>As the lab names it: {name}</source>
            <translation>Nom donné par le laboratoire : {name}</translation>
        </message>
        <message>
            <source>Blood clotting</source>
            <translation>Coagulation</translation>
        </message>
        <message>
            <source>Blood count</source>
            <translation>Numération sanguine</translation>
        </message>
        <message>
            <source>Blood sugar (diabetes)</source>
            <translation>Glycémie (diabète)</translation>
        </message>
        <message>
            <source>Body measurements</source>
            <translation>Mesures corporelles</translation>
        </message>
        <message>
            <source>Cholesterol and fats (lipids)</source>
            <translation>Cholestérol et graisses (lipides)</translation>
        </message>
        <message>
            <source>Critical</source>
            <translation>Critique</translation>
        </message>
        <message>
            <source>Flag</source>
            <translation>Statut</translation>
        </message>
        <message>
            <source>Heart</source>
            <translation>Cœur</translation>
        </message>
        <message>
            <source>High</source>
            <translation>Élevé</translation>
        </message>
        <message>
            <source>Hormones</source>
            <translation>Hormones</translation>
        </message>
        <message>
            <source>Infections</source>
            <translation>Infections</translation>
        </message>
        <message>
            <source>Inflammation</source>
            <translation>Inflammation</translation>
        </message>
        <message>
            <source>Iron</source>
            <translation>Fer</translation>
        </message>
        <message>
            <source>Kidneys</source>
            <translation>Reins</translation>
        </message>
        <message>
            <source>Latest</source>
            <translation>Dernier</translation>
        </message>
        <message>
            <source>Latest result: {date} ({age})</source>
            <translation>Dernier résultat : {date} ({age})</translation>
        </message>
        <message>
            <source>Liver</source>
            <translation>Foie</translation>
        </message>
        <message>
            <source>Low</source>
            <translation>Bas</translation>
        </message>
        <message>
            <source>Metabolic panel</source>
            <translation>Bilan métabolique</translation>
        </message>
        <message>
            <source>Normal</source>
            <translation>Normal</translation>
        </message>
        <message>
            <source>Other tests</source>
            <translation>Autres analyses</translation>
        </message>
        <message>
            <source>Pregnancy</source>
            <translation>Grossesse</translation>
        </message>
        <message>
            <source>Prostate</source>
            <translation>Prostate</translation>
        </message>
        <message>
            <source>Salts and minerals (electrolytes)</source>
            <translation>Sels et minéraux (électrolytes)</translation>
        </message>
        <message>
            <source>Test</source>
            <translation>Analyse</translation>
        </message>
        <message>
            <source>Thyroid</source>
            <translation>Thyroïde</translation>
        </message>
        <message>
            <source>Trend</source>
            <translation>Évolution</translation>
        </message>
        <message>
            <source>Urine tests</source>
            <translation>Analyses d’urine</translation>
        </message>
        <message>
            <source>Vital signs</source>
            <translation>Signes vitaux</translation>
        </message>
        <message>
            <source>Vitamins</source>
            <translation>Vitamines</translation>
        </message>
    </context>
    <context>
        <name>LabsView</name>
        <message>
            <source>Search tests</source>
            <translation>Rechercher une analyse</translation>
        </message>
        <message>
            <source>Lab results</source>
            <translation>Résultats d’analyses</translation>
        </message>
        <message>
            <source>Time range</source>
            <translation>Période</translation>
        </message>
        <message>
            <source>Show in the other common unit</source>
            <translation>Afficher dans l’autre unité courante</translation>
        </message>
        <message>
            <source>Unit conversion</source>
            <translation>Conversion d’unité</translation>
        </message>
        <message>
            <source>What the trend says</source>
            <translation>Ce que dit l’évolution</translation>
        </message>
        <message>
            <source>Source of the selected point</source>
            <translation>Source du point sélectionné</translation>
        </message>
        <message>
            <source>Explain this result…</source>
            <translation>Expliquer ce résultat…</translation>
        </message>
        <message>
            <source>Ask the assistant to explain the latest result in plain language</source>
            <translation>Demander à l’assistant d’expliquer le dernier résultat en termes simples</translation>
        </message>
        <message>
            <source>Correct this result…</source>
            <translation>Corriger ce résultat…</translation>
        </message>
        <message>
            <source>Fix the latest result's name, value, unit or date; the original is kept in its history</source>
            <translation>Corriger le nom, la valeur, l’unité ou la date du dernier résultat ; l’original est gardé dans son historique</translation>
        </message>
        <message>
            <source>About this test</source>
            <translation>À propos de cette analyse</translation>
        </message>
        <message>
            <source>&lt;h3&gt;No lab results yet&lt;/h3&gt;&lt;p&gt;Results appear here when you import records that hold them: a patient-portal download (FHIR), a hospital document (C-CDA), an Apple Health export with clinical records, a CSV of results, or the lab's report as a PDF or a photo.&lt;/p&gt;</source>
            <translation>&lt;h3&gt;Aucun résultat d’analyse pour l’instant&lt;/h3&gt;&lt;p&gt;Les résultats s’affichent ici quand vous importez des données qui en contiennent : un téléchargement depuis un portail patient (FHIR), un document d’hôpital (C-CDA), un export Apple Santé avec dossiers médicaux, un CSV de résultats, ou le compte rendu du laboratoire en PDF ou en photo.&lt;/p&gt;</translation>
        </message>
        <message>
            <source>Point at a result on the chart to see its value, date and where it came from.</source>
            <translation>Pointez un résultat sur le graphique pour voir sa valeur, sa date et sa provenance.</translation>
        </message>
        <message>
            <source>As the lab names it: {name}</source>
            <translation>Nom donné par le laboratoire : {name}</translation>
        </message>
        <message>
            <source>Show in {unit}</source>
            <translation>Afficher en {unit}</translation>
        </message>
        <message>
            <source>Normal range: {range} · {date}</source>
            <translation>Valeurs normales : {range} · {date}</translation>
        </message>
        <message numerus="yes">
            <source>Not charted: %n results in units that cannot be converted.</source>
            <translation>
                <numerusform>Non tracé : %n résultat dans une unité qui ne peut pas être convertie.</numerusform>
                <numerusform>Non tracés : %n résultats dans des unités qui ne peuvent pas être converties.</numerusform>
            </translation>
        </message>
        <message>
            <source>an import</source>
            <translation>une importation</translation>
        </message>
        <message>
            <source>outside the normal range</source>
            <translation>hors des valeurs normales</translation>
        </message>
        <message>
            <source>from {file}</source>
            <translation>provenant de {file}</translation>
        </message>
        <message>
            <source>{date}: {what} — from {file}</source>
            <translation>{date} : {what} — provenant de {file}</translation>
        </message>
        <message>
            <source>A high result</source>
            <translation>Un résultat élevé</translation>
        </message>
        <message>
            <source>A low result</source>
            <translation>Un résultat bas</translation>
        </message>
        <message>
            <source>Healthbook’s library has no explanation of this test yet. Your lab or doctor can tell you what it measures.</source>
            <translation>La bibliothèque de Healthbook n’explique pas encore cette analyse. Votre laboratoire ou votre médecin peut vous dire ce qu’elle mesure.</translation>
        </message>
        <message>
            <source>Questions to ask</source>
            <translation>Questions à poser</translation>
        </message>
        <message>
            <source>Sources: {sources}. Reviewed {date}. Healthbook explains; it does not diagnose.</source>
            <translation>Sources : {sources}. Relu le {date}. Healthbook explique ; il ne pose pas de diagnostic.</translation>
        </message>
        <message>
            <source>up to {high} {unit}</source>
            <translation>jusqu’à {high} {unit}</translation>
        </message>
        <message>
            <source>{low} {unit} or more</source>
            <translation>{low} {unit} ou plus</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Overview</source>
            <translation>Vue d’ensemble</translation>
        </message>
        <message>
            <source>Timeline</source>
            <translation>Chronologie</translation>
        </message>
        <message>
            <source>Labs</source>
            <translation>Analyses</translation>
        </message>
        <message>
            <source>Wellness</source>
            <translation>Bien-être</translation>
        </message>
        <message>
            <source>Assistant</source>
            <translation>Assistant</translation>
        </message>
        <message>
            <source>Health record</source>
            <translation>Dossier de santé</translation>
        </message>
        <message>
            <source>Import</source>
            <translation>Importer</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>Paramètres</translation>
        </message>
        <message>
            <source>Lock</source>
            <translation>Verrouiller</translation>
        </message>
        <message>
            <source>Person</source>
            <translation>Personne</translation>
        </message>
        <message>
            <source>People</source>
            <translation>Personnes</translation>
        </message>
        <message>
            <source>Add, rename or remove people</source>
            <translation>Ajouter, renommer ou retirer des personnes</translation>
        </message>
        <message>
            <source>Add a person…</source>
            <translation>Ajouter une personne…</translation>
        </message>
        <message>
            <source>Rename…</source>
            <translation>Renommer…</translation>
        </message>
        <message>
            <source>Remove…</source>
            <translation>Retirer…</translation>
        </message>
        <message>
            <source>Share records…</source>
            <translation>Partager le dossier…</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>État</translation>
        </message>
        <message>
            <source>&lt;b&gt;Person:&lt;/b&gt;</source>
            <translation>&lt;b&gt;Personne :&lt;/b&gt;</translation>
        </message>
        <message>
            <source>Critical result warning</source>
            <translation>Alerte de résultat critique</translation>
        </message>
        <message>
            <source>Sections</source>
            <translation>Rubriques</translation>
        </message>
        <message>
            <source>End session</source>
            <translation>Terminer la session</translation>
        </message>
        <message>
            <source>Wipe everything shown and return to the start screen</source>
            <translation>Tout effacer et revenir à l’écran d’accueil</translation>
        </message>
        <message>
            <source>Lock the vault (Ctrl+L)</source>
            <translation>Verrouiller le coffre (Ctrl+L)</translation>
        </message>
        <message>
            <source>&lt;h2&gt;Whose records will this vault hold?&lt;/h2&gt;&lt;p&gt;Start with one person. A caregiver can add more later (a parent, a child…) from the People menu.&lt;/p&gt;</source>
            <translation>&lt;h2&gt;À qui appartiendront les données de ce coffre ?&lt;/h2&gt;&lt;p&gt;Commencez par une personne. Un aidant pourra en ajouter d’autres plus tard (un parent, un enfant…) depuis le menu Personnes.&lt;/p&gt;</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Name of the first person</source>
            <translation>Nom de la première personne</translation>
        </message>
        <message>
            <source>Add person</source>
            <translation>Ajouter la personne</translation>
        </message>
        <message>
            <source>Read-only: this vault is on media that cannot be written; nothing can be changed</source>
            <translation>Lecture seule : ce coffre se trouve sur un support non inscriptible ; rien ne peut être modifié</translation>
        </message>
        <message>
            <source>Demo: synthetic sample data, kept only in memory</source>
            <translation>Démo : données fictives, conservées uniquement en mémoire</translation>
        </message>
        <message>
            <source>Add a person</source>
            <translation>Ajouter une personne</translation>
        </message>
        <message>
            <source>Name of the person to add:</source>
            <translation>Nom de la personne à ajouter :</translation>
        </message>
        <message>
            <source>Rename</source>
            <translation>Renommer</translation>
        </message>
        <message>
            <source>New name:</source>
            <translation>Nouveau nom :</translation>
        </message>
        <message>
            <source>Remove a person?</source>
            <translation>Retirer une personne ?</translation>
        </message>
        <message>
            <source>Remove {name} and ALL of their records from this vault? This cannot be undone (a backup made earlier still has them).</source>
            <translation>Retirer {name} et TOUTES ses données de ce coffre ? C’est irréversible (une sauvegarde faite auparavant les contient encore).</translation>
        </message>
    </context>
    <context>
        <name>MetricCard</name>
        <message>
            <source>{metric} chart</source>
            <translation>Graphique : {metric}</translation>
        </message>
        <message>
            <source>What {metric} says</source>
            <translation>Ce que montre : {metric}</translation>
        </message>
        <message>
            <source>Green band: the typical range, {range}.</source>
            <translation>Bande verte : la plage habituelle, {range}.</translation>
        </message>
        <message>
            <source>average night, last 7 nights</source>
            <translation>nuit moyenne, 7 dernières nuits</translation>
        </message>
        <message>
            <source>a day, average of the last 7 days</source>
            <translation>par jour, moyenne des 7 derniers jours</translation>
        </message>
        <message>
            <source>average of the last 7 days</source>
            <translation>moyenne des 7 derniers jours</translation>
        </message>
        <message>
            <source>{note}, until {date}</source>
            <translation>{note}, jusqu’au {date}</translation>
        </message>
        <message>
            <source>week of {date}</source>
            <translation>semaine du {date}</translation>
        </message>
        <message>
            <source>average day</source>
            <translation>journée moyenne</translation>
        </message>
        <message>
            <source>average night</source>
            <translation>nuit moyenne</translation>
        </message>
        <message>
            <source>from {sources}</source>
            <translation>d’après {sources}</translation>
        </message>
        <message>
            <source>the last 3 months</source>
            <translation>les 3 derniers mois</translation>
        </message>
        <message>
            <source>the last year</source>
            <translation>la dernière année</translation>
        </message>
        <message>
            <source>the last 5 years</source>
            <translation>les 5 dernières années</translation>
        </message>
        <message>
            <source>this period</source>
            <translation>cette période</translation>
        </message>
        <message>
            <source>No {metric} recorded in {span}; the latest is from {date}.</source>
            <translation>Aucune donnée ({metric}) enregistrée sur {span} ; la plus récente date du {date}.</translation>
        </message>
        <message>
            <source>a night</source>
            <translation>par nuit</translation>
        </message>
        <message>
            <source>a day</source>
            <translation>par jour</translation>
        </message>
        <message>
            <source>{metric}: {value} {unit} {per} on average over {span}</source>
            <translation>{metric} : {value} {unit} {per} en moyenne sur {span}</translation>
        </message>
        <message>
            <source>{said}, about the same as the period before.</source>
            <translation>{said}, à peu près comme la période précédente.</translation>
        </message>
        <message>
            <source>up</source>
            <translation>en hausse de</translation>
        </message>
        <message>
            <source>down</source>
            <translation>en baisse de</translation>
        </message>
        <message>
            <source>{said}, {direction} {percent}% from the period before ({before}).</source>
            <translation>{said}, {direction} {percent} % par rapport à la période précédente ({before}).</translation>
        </message>
    </context>
    <context>
        <name>OverviewView</name>
        <message>
            <source>Outside the normal range</source>
            <translation>Hors des valeurs normales</translation>
        </message>
        <message>
            <source>Vital signs and activity</source>
            <translation>Signes vitaux et activité</translation>
        </message>
        <message>
            <source>Medicines</source>
            <translation>Médicaments</translation>
        </message>
        <message>
            <source>Allergies</source>
            <translation>Allergies</translation>
        </message>
        <message>
            <source>Conditions</source>
            <translation>Problèmes de santé</translation>
        </message>
        <message>
            <source>Recent visits</source>
            <translation>Consultations récentes</translation>
        </message>
        <message>
            <source>Newest record: {date}. Select a tile to see its history.</source>
            <translation>Élément le plus récent : {date}. Sélectionnez une vignette pour voir son historique.</translation>
        </message>
        <message>
            <source>Every latest result is inside its normal range.</source>
            <translation>Chaque dernier résultat est dans ses valeurs normales.</translation>
        </message>
        <message>
            <source>No lab results yet.</source>
            <translation>Aucun résultat d’analyse pour l’instant.</translation>
        </message>
        <message numerus="yes">
            <source>See %n more in Labs</source>
            <translation>
                <numerusform>Voir %n de plus dans Analyses</numerusform>
                <numerusform>Voir %n de plus dans Analyses</numerusform>
            </translation>
        </message>
        <message>
            <source>See every result in Labs</source>
            <translation>Voir tous les résultats dans Analyses</translation>
        </message>
        <message>
            <source>{name}: {value}, {flag}, {date}</source>
            <translation>{name} : {value}, {flag}, {date}</translation>
        </message>
        <message>
            <source>Blood pressure: {value}, {flag}, {date}</source>
            <translation>Pression artérielle : {value}, {flag}, {date}</translation>
        </message>
        <message>
            <source>in range</source>
            <translation>dans les normes</translation>
        </message>
        <message>
            <source>Blood pressure</source>
            <translation>Pression artérielle</translation>
        </message>
        <message>
            <source>Weight</source>
            <translation>Poids</translation>
        </message>
        <message>
            <source>Heart rate</source>
            <translation>Fréquence cardiaque</translation>
        </message>
        <message>
            <source>bpm</source>
            <translation>bpm</translation>
        </message>
        <message>
            <source>average night, last 7 nights</source>
            <translation>nuit moyenne, 7 dernières nuits</translation>
        </message>
        <message>
            <source>a day, last 7 days</source>
            <translation>par jour, 7 derniers jours</translation>
        </message>
        <message>
            <source>average, last 7 days</source>
            <translation>moyenne, 7 derniers jours</translation>
        </message>
        <message>
            <source>{note}, until {date}</source>
            <translation>{note}, jusqu’au {date}</translation>
        </message>
        <message>
            <source>As prescribed: {wording}</source>
            <translation>Tel que prescrit : {wording}</translation>
        </message>
        <message>
            <source>How to take it: {dosage}</source>
            <translation>Posologie : {dosage}</translation>
        </message>
        <message>
            <source>since {date}</source>
            <translation>depuis le {date}</translation>
        </message>
        <message numerus="yes">
            <source>listed under %n names</source>
            <translation>
                <numerusform>inscrit sous %n nom</numerusform>
                <numerusform>inscrit sous %n noms</numerusform>
            </translation>
        </message>
        <message>
            <source>Listed as: {names}</source>
            <translation>Inscrit sous : {names}</translation>
        </message>
        <message>
            <source>No medicines recorded as taken now.</source>
            <translation>Aucun médicament enregistré comme pris actuellement.</translation>
        </message>
        <message>
            <source>No allergies recorded.</source>
            <translation>Aucune allergie enregistrée.</translation>
        </message>
        <message>
            <source>No current conditions recorded.</source>
            <translation>Aucun problème de santé actuel enregistré.</translation>
        </message>
        <message>
            <source>In the record: {wording}</source>
            <translation>Dans le dossier : {wording}</translation>
        </message>
        <message>
            <source>No visits recorded.</source>
            <translation>Aucune consultation enregistrée.</translation>
        </message>
        <message>
            <source>Check-up</source>
            <translation>Bilan de santé</translation>
        </message>
        <message>
            <source>Visit for a symptom</source>
            <translation>Consultation pour un symptôme</translation>
        </message>
        <message>
            <source>Visit for a problem</source>
            <translation>Consultation pour un problème</translation>
        </message>
    </context>
    <context>
        <name>PassphraseDialog</name>
        <message>
            <source>Change passphrase</source>
            <translation>Changer la phrase secrète</translation>
        </message>
        <message>
            <source>New passphrase</source>
            <translation>Nouvelle phrase secrète</translation>
        </message>
        <message>
            <source>Repeat it</source>
            <translation>Répétez-la</translation>
        </message>
        <message>
            <source>New passphrase:</source>
            <translation>Nouvelle phrase secrète :</translation>
        </message>
        <message>
            <source>Repeat it:</source>
            <translation>Répétez-la :</translation>
        </message>
        <message>
            <source>Use at least {n} characters.</source>
            <translation>Utilisez au moins {n} caractères.</translation>
        </message>
        <message>
            <source>The two passphrases are different.</source>
            <translation>Les deux phrases secrètes sont différentes.</translation>
        </message>
    </context>
    <context>
        <name>RecordForm</name>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>Use this name for every result spelled the same way, now and in later imports</source>
            <translation>Utiliser ce nom pour tous les résultats écrits de la même façon, maintenant et lors des prochaines importations</translation>
        </message>
        <message>
            <source>Problem</source>
            <translation>Problème</translation>
        </message>
        <message>
            <source>a test result</source>
            <translation>un résultat d’analyse</translation>
        </message>
        <message>
            <source>a medicine</source>
            <translation>un médicament</translation>
        </message>
        <message>
            <source>an allergy</source>
            <translation>une allergie</translation>
        </message>
        <message>
            <source>a condition</source>
            <translation>un problème de santé</translation>
        </message>
        <message>
            <source>a vaccination</source>
            <translation>une vaccination</translation>
        </message>
        <message>
            <source>a note</source>
            <translation>une note</translation>
        </message>
        <message>
            <source>Correct {what}</source>
            <translation>Corriger {what}</translation>
        </message>
        <message>
            <source>Add {what}</source>
            <translation>Ajouter {what}</translation>
        </message>
        <message>
            <source>Test</source>
            <translation>Analyse</translation>
        </message>
        <message>
            <source>Medicine</source>
            <translation>Médicament</translation>
        </message>
        <message>
            <source>Allergic to</source>
            <translation>Allergique à</translation>
        </message>
        <message>
            <source>Condition</source>
            <translation>Problème de santé</translation>
        </message>
        <message>
            <source>Vaccine</source>
            <translation>Vaccin</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>Titre</translation>
        </message>
        <message>
            <source>4.2, or words such as negative</source>
            <translation>4,2, ou des mots comme négatif</translation>
        </message>
        <message>
            <source>as printed, e.g. mmol/L</source>
            <translation>telle qu’imprimée, par exemple mmol/L</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>Valeur</translation>
        </message>
        <message>
            <source>Unit</source>
            <translation>Unité</translation>
        </message>
        <message>
            <source>optional</source>
            <translation>facultatif</translation>
        </message>
        <message>
            <source>Lab's range: from</source>
            <translation>Valeurs de référence du laboratoire : de</translation>
        </message>
        <message>
            <source>to</source>
            <translation>à</translation>
        </message>
        <message>
            <source>e.g. 200 mg when needed</source>
            <translation>par exemple 200 mg si besoin</translation>
        </message>
        <message>
            <source>Dose</source>
            <translation>Dose</translation>
        </message>
        <message>
            <source>Still taking it</source>
            <translation>Toujours en cours</translation>
        </message>
        <message>
            <source>Still has it</source>
            <translation>Toujours présent</translation>
        </message>
        <message>
            <source>Ended on</source>
            <translation>Terminé le</translation>
        </message>
        <message>
            <source>Stopped on</source>
            <translation>Arrêté le</translation>
        </message>
        <message>
            <source>e.g. rash, swelling</source>
            <translation>par exemple éruption, gonflement</translation>
        </message>
        <message>
            <source>Reaction</source>
            <translation>Réaction</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Note</translation>
        </message>
    </context>
    <context>
        <name>RecordsView</name>
        <message>
            <source>Conditions</source>
            <translation>Maladies</translation>
        </message>
        <message>
            <source>Immunizations</source>
            <translation>Vaccinations</translation>
        </message>
        <message>
            <source>Procedures</source>
            <translation>Actes et interventions</translation>
        </message>
        <message>
            <source>No conditions recorded.</source>
            <translation>Aucune maladie enregistrée.</translation>
        </message>
        <message>
            <source>No vaccinations recorded.</source>
            <translation>Aucune vaccination enregistrée.</translation>
        </message>
        <message>
            <source>No procedures recorded.</source>
            <translation>Aucun acte enregistré.</translation>
        </message>
        <message>
            <source>{name}: {summary}

In the record: {record}
Sources: {sources}</source>
            <translation>{name} : {summary}

Dans le dossier : {record}
Sources : {sources}</translation>
        </message>
        <message>
            <source>entered by {name}</source>
            <translation>saisi par {name}</translation>
        </message>
        <message>
            <source>Medications</source>
            <translation>Médicaments</translation>
        </message>
        <message>
            <source>Allergies</source>
            <translation>Allergies</translation>
        </message>
        <message>
            <source>Medications and allergies</source>
            <translation>Médicaments et allergies</translation>
        </message>
        <message>
            <source>Documents</source>
            <translation>Documents</translation>
        </message>
        <message>
            <source>Document text</source>
            <translation>Texte du document</translation>
        </message>
        <message>
            <source>Document pages</source>
            <translation>Pages du document</translation>
        </message>
        <message>
            <source>Add…</source>
            <translation>Ajouter…</translation>
        </message>
        <message>
            <source>Add a record</source>
            <translation>Ajouter un élément</translation>
        </message>
        <message>
            <source>Test result…</source>
            <translation>Résultat d’analyse…</translation>
        </message>
        <message>
            <source>Medicine…</source>
            <translation>Médicament…</translation>
        </message>
        <message>
            <source>Allergy…</source>
            <translation>Allergie…</translation>
        </message>
        <message>
            <source>Condition…</source>
            <translation>Problème de santé…</translation>
        </message>
        <message>
            <source>Vaccination…</source>
            <translation>Vaccination…</translation>
        </message>
        <message>
            <source>Note…</source>
            <translation>Note…</translation>
        </message>
        <message>
            <source>Correct…</source>
            <translation>Corriger…</translation>
        </message>
        <message>
            <source>Hide</source>
            <translation>Masquer</translation>
        </message>
        <message>
            <source>Hide the record everywhere; its history can bring it back</source>
            <translation>Masquer l’élément partout ; son historique permet de le faire réapparaître</translation>
        </message>
        <message>
            <source>History…</source>
            <translation>Historique…</translation>
        </message>
        <message>
            <source>Record status</source>
            <translation>État de l’élément</translation>
        </message>
        <message>
            <source>Undo</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <source>Show the hidden record again</source>
            <translation>Afficher de nouveau l’élément masqué</translation>
        </message>
        <message>
            <source>Select a record first.</source>
            <translation>Sélectionnez d’abord un élément.</translation>
        </message>
        <message>
            <source>Saved.</source>
            <translation>Enregistré.</translation>
        </message>
        <message>
            <source>Corrected.</source>
            <translation>Corrigé.</translation>
        </message>
        <message>
            <source>This kind of record cannot be corrected here.</source>
            <translation>Ce type d’élément ne peut pas être corrigé ici.</translation>
        </message>
        <message>
            <source>{name} is hidden.</source>
            <translation>{name} est masqué.</translation>
        </message>
        <message>
            <source>The record</source>
            <translation>L’élément</translation>
        </message>
        <message>
            <source>No allergies recorded.</source>
            <translation>Aucune allergie enregistrée.</translation>
        </message>
        <message>
            <source>No documents.</source>
            <translation>Aucun document.</translation>
        </message>
        <message>
            <source>Document</source>
            <translation>Document</translation>
        </message>
        <message>
            <source>Page {number}</source>
            <translation>Page {number}</translation>
        </message>
        <message>
            <source>This document has no stored content (only a link).</source>
            <translation>Ce document n’a pas de contenu enregistré (seulement un lien).</translation>
        </message>
        <message>
            <source>A {kind} document of {size} bytes is stored encrypted in the vault; Healthbook cannot display this type.</source>
            <translation>Un document {kind} de {size} octets est enregistré, chiffré, dans le coffre ; Healthbook ne sait pas afficher ce type.</translation>
        </message>
    </context>
    <context>
        <name>ReviewDialog</name>
        <message>
            <source>Check the results read from {file}</source>
            <translation>Vérifiez les résultats lus dans {file}</translation>
        </message>
        <message>
            <source>Healthbook read these results from the document on this computer. Check each highlighted row against the page: correct it, press Enter to accept it, or untick it. Nothing is stored until you save.</source>
            <translation>Healthbook a lu ces résultats dans le document, sur cet ordinateur. Comparez chaque ligne surlignée avec la page : corrigez-la, appuyez sur Entrée pour l’accepter, ou décochez-la. Rien n’est enregistré avant que vous n’enregistriez.</translation>
        </message>
        <message>
            <source>Date the samples were taken</source>
            <translation>Date du prélèvement</translation>
        </message>
        <message>
            <source>No date was found on the report: set the day the samples were taken.</source>
            <translation>Aucune date n’a été trouvée sur le compte rendu : indiquez le jour du prélèvement.</translation>
        </message>
        <message>
            <source>For: &lt;b&gt;{name}&lt;/b&gt;</source>
            <translation>Pour : &lt;b&gt;{name}&lt;/b&gt;</translation>
        </message>
        <message>
            <source>Samples taken on</source>
            <translation>Prélevé le</translation>
        </message>
        <message>
            <source>Lab: {lab}</source>
            <translation>Laboratoire : {lab}</translation>
        </message>
        <message>
            <source>Document page</source>
            <translation>Page du document</translation>
        </message>
        <message>
            <source>Results read</source>
            <translation>Résultats lus</translation>
        </message>
        <message>
            <source>Keep</source>
            <translation>Garder</translation>
        </message>
        <message>
            <source>Test</source>
            <translation>Analyse</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>Valeur</translation>
        </message>
        <message>
            <source>Unit</source>
            <translation>Unité</translation>
        </message>
        <message>
            <source>From</source>
            <translation>De</translation>
        </message>
        <message>
            <source>To</source>
            <translation>À</translation>
        </message>
        <message>
            <source>Flag</source>
            <translation>Statut</translation>
        </message>
        <message>
            <source>Sure</source>
            <translation>Sûr</translation>
        </message>
        <message>
            <source>Add a row</source>
            <translation>Ajouter une ligne</translation>
        </message>
        <message>
            <source>Review status</source>
            <translation>État de la vérification</translation>
        </message>
        <message>
            <source>check it against the page</source>
            <translation>vérifiez-la avec la page</translation>
        </message>
        <message>
            <source>Needs checking: {why}</source>
            <translation>À vérifier : {why}</translation>
        </message>
        <message>
            <source>Set the date the samples were taken to save.</source>
            <translation>Indiquez la date du prélèvement pour enregistrer.</translation>
        </message>
        <message numerus="yes">
            <source>%n rows still to check: correct, accept with Enter, or untick.</source>
            <translation>
                <numerusform>%n ligne reste à vérifier : corrigez-la, acceptez-la avec Entrée, ou décochez-la.</numerusform>
                <numerusform>%n lignes restent à vérifier : corrigez, acceptez avec Entrée, ou décochez.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n results will be saved.</source>
            <translation>
                <numerusform>%n résultat sera enregistré.</numerusform>
                <numerusform>%n résultats seront enregistrés.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Session</name>
        <message>
            <source>Creating the vault…</source>
            <translation>Création du coffre…</translation>
        </message>
        <message>
            <source>Unlocking…</source>
            <translation>Déverrouillage…</translation>
        </message>
        <message>
            <source>Preparing the demo…</source>
            <translation>Préparation de la démo…</translation>
        </message>
        <message>
            <source>Opening the export…</source>
            <translation>Ouverture de l’export…</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Chargement…</translation>
        </message>
    </context>
    <context>
        <name>SettingsView</name>
        <message>
            <source>General</source>
            <translation>Général</translation>
        </message>
        <message>
            <source>System language ({language})</source>
            <translation>Langue du système ({language})</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Langue</translation>
        </message>
        <message>
            <source>Language:</source>
            <translation>Langue :</translation>
        </message>
        <message>
            <source> minutes</source>
            <translation> minutes</translation>
        </message>
        <message>
            <source>Lock after this many idle minutes</source>
            <translation>Verrouiller après ce nombre de minutes d’inactivité</translation>
        </message>
        <message>
            <source>Lock when idle for:</source>
            <translation>Verrouiller après une inactivité de :</translation>
        </message>
        <message>
            <source>Usual for the language (French laboratories: mmol/L, g/L)</source>
            <translation>Habituelles pour la langue (laboratoires français : mmol/L, g/L)</translation>
        </message>
        <message>
            <source>Metric (kg, cm, mmol/L where common)</source>
            <translation>Métriques (kg, cm, mmol/L quand c’est l’usage)</translation>
        </message>
        <message>
            <source>US (lb, in, mg/dL)</source>
            <translation>Américaines (lb, in, mg/dL)</translation>
        </message>
        <message>
            <source>Units</source>
            <translation>Unités</translation>
        </message>
        <message>
            <source>Units:</source>
            <translation>Unités :</translation>
        </message>
        <message>
            <source>Language model</source>
            <translation>Modèle de langage</translation>
        </message>
        <message>
            <source>Add a model file…</source>
            <translation>Ajouter un fichier de modèle…</translation>
        </message>
        <message>
            <source>Pick any GGUF instruct model on this computer</source>
            <translation>Choisir n’importe quel modèle instruct GGUF sur cet ordinateur</translation>
        </message>
        <message>
            <source>Assistant model:</source>
            <translation>Modèle de l’assistant :</translation>
        </message>
        <message>
            <source>About the model</source>
            <translation>À propos du modèle</translation>
        </message>
        <message>
            <source>Reworded by the model (checked; numbers always from your records)</source>
            <translation>Reformulées par le modèle (vérifiées ; les nombres viennent toujours de votre dossier)</translation>
        </message>
        <message>
            <source>Exactly as computed from your records</source>
            <translation>Exactement comme calculées à partir de votre dossier</translation>
        </message>
        <message>
            <source>Wording of the assistant's answers</source>
            <translation>Formulation des réponses de l’assistant</translation>
        </message>
        <message>
            <source>Answers:</source>
            <translation>Réponses :</translation>
        </message>
        <message>
            <source>Security</source>
            <translation>Sécurité</translation>
        </message>
        <message>
            <source>Change passphrase…</source>
            <translation>Changer la phrase secrète…</translation>
        </message>
        <message>
            <source>Back up the vault…</source>
            <translation>Sauvegarder le coffre…</translation>
        </message>
        <message>
            <source>{name} ({size} MB)</source>
            <translation>{name} ({size} Mo)</translation>
        </message>
        <message>
            <source>{model}, built in</source>
            <translation>{model}, intégré</translation>
        </message>
        <message>
            <source>No model found: see models/README.md</source>
            <translation>Aucun modèle trouvé : voir models/README.md</translation>
        </message>
        <message>
            <source>Choose a GGUF model</source>
            <translation>Choisir un modèle GGUF</translation>
        </message>
        <message>
            <source>GGUF models (*.gguf)</source>
            <translation>Modèles GGUF (*.gguf)</translation>
        </message>
        <message>
            <source>Reading the model file…</source>
            <translation>Lecture du fichier du modèle…</translation>
        </message>
        <message>
            <source>{n} tokens</source>
            <translation>{n} jetons</translation>
        </message>
        <message>
            <source>unknown</source>
            <translation>inconnu</translation>
        </message>
        <message>
            <source> It has no chat template, so a generic one is used.</source>
            <translation> Il n’a pas de modèle de conversation ; un modèle générique est utilisé.</translation>
        </message>
        <message>
            <source>{name} · {size} · {quantisation} · context {context}</source>
            <translation>{name} · {size} · {quantisation} · contexte {context}</translation>
        </message>
        <message>
            <source>The demo lives only in memory: there is nothing to back up.</source>
            <translation>La démo n’existe qu’en mémoire : il n’y a rien à sauvegarder.</translation>
        </message>
        <message>
            <source>Re-encrypting the vault…</source>
            <translation>Rechiffrement du coffre…</translation>
        </message>
        <message>
            <source>The passphrase was changed.</source>
            <translation>La phrase secrète a été changée.</translation>
        </message>
        <message>
            <source>Back up the vault</source>
            <translation>Sauvegarder le coffre</translation>
        </message>
        <message>
            <source>Healthbook vault (*.vault)</source>
            <translation>Coffre Healthbook (*.vault)</translation>
        </message>
        <message>
            <source>Backing up…</source>
            <translation>Sauvegarde en cours…</translation>
        </message>
        <message>
            <source>Backed up to {path}. It opens with the same passphrase.</source>
            <translation>Sauvegardé dans {path}. La sauvegarde s’ouvre avec la même phrase secrète.</translation>
        </message>
        <message>
            <source>Backup</source>
            <translation>Sauvegarde</translation>
        </message>
    </context>
    <context>
        <name>ShareDialog</name>
        <message>
            <source>Share {name}'s records</source>
            <translation>Partager le dossier de {name}</translation>
        </message>
        <message>
            <source>Only records dated on or after</source>
            <translation>Seulement les éléments à partir du</translation>
        </message>
        <message>
            <source>Share records since</source>
            <translation>Partager les éléments depuis</translation>
        </message>
        <message>
            <source>FHIR R4 Bundle (for a clinic's system or another app)</source>
            <translation>Bundle FHIR R4 (pour le logiciel d’un cabinet ou une autre application)</translation>
        </message>
        <message>
            <source>PDF summary (to read or print)</source>
            <translation>Synthèse PDF (à lire ou à imprimer)</translation>
        </message>
        <message>
            <source>Format</source>
            <translation>Format</translation>
        </message>
        <message>
            <source>Only what is ticked is written. The file is not encrypted: send it the way you would send a medical letter.</source>
            <translation>Seul ce qui est coché est écrit. Le fichier n’est pas chiffré : transmettez-le comme vous transmettriez un courrier médical.</translation>
        </message>
        <message>
            <source>Save as…</source>
            <translation>Enregistrer sous…</translation>
        </message>
        <message>
            <source>Export progress</source>
            <translation>Progression de l’export</translation>
        </message>
        <message>
            <source>Cancel export</source>
            <translation>Annuler l’export</translation>
        </message>
        <message>
            <source>&lt;b&gt;What to share&lt;/b&gt;</source>
            <translation>&lt;b&gt;Ce qu’il faut partager&lt;/b&gt;</translation>
        </message>
        <message>
            <source>Format:</source>
            <translation>Format :</translation>
        </message>
        <message>
            <source>Tick at least one kind of record to share.</source>
            <translation>Cochez au moins un type d’élément à partager.</translation>
        </message>
        <message>
            <source>Share records</source>
            <translation>Partager le dossier</translation>
        </message>
        <message>
            <source>health-records.{suffix}</source>
            <translation>dossier-sante.{suffix}</translation>
        </message>
        <message>
            <source>Writing…</source>
            <translation>Écriture…</translation>
        </message>
        <message>
            <source>Export cancelled; no file was written.</source>
            <translation>Export annulé ; aucun fichier n’a été écrit.</translation>
        </message>
    </context>
    <context>
        <name>Sharing</name>
        <message>
            <source>No printer is connected to this computer. Please ask the staff for help.</source>
            <translation>Aucune imprimante n’est connectée à cet ordinateur. Demandez de l’aide au personnel.</translation>
        </message>
        <message>
            <source>Results and vital signs</source>
            <translation>Résultats et signes vitaux</translation>
        </message>
        <message>
            <source>Conditions</source>
            <translation>Problèmes de santé</translation>
        </message>
        <message>
            <source>Medicines</source>
            <translation>Médicaments</translation>
        </message>
        <message>
            <source>Allergies</source>
            <translation>Allergies</translation>
        </message>
        <message>
            <source>Immunizations</source>
            <translation>Vaccinations</translation>
        </message>
        <message>
            <source>Procedures</source>
            <translation>Interventions</translation>
        </message>
        <message>
            <source>Visits</source>
            <translation>Consultations</translation>
        </message>
        <message>
            <source>Reports</source>
            <translation>Comptes rendus</translation>
        </message>
        <message>
            <source>Documents</source>
            <translation>Documents</translation>
        </message>
    </context>
    <context>
        <name>Tasks</name>
        <message>
            <source>The computer ran out of memory; nothing was changed.</source>
            <translation>L’ordinateur n’a plus assez de mémoire ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>A file could not be read or written ({error}).</source>
            <translation>Un fichier n’a pas pu être lu ou écrit ({error}).</translation>
        </message>
        <message>
            <source>Something went wrong ({error}); nothing was changed.</source>
            <translation>Un problème est survenu ({error}) ; rien n’a été modifié.</translation>
        </message>
    </context>
    <context>
        <name>TimelineView</name>
        <message>
            <source>Show records of kind</source>
            <translation>Afficher les éléments de type</translation>
        </message>
        <message>
            <source>All kinds</source>
            <translation>Tous les types</translation>
        </message>
        <message>
            <source>Search the timeline…</source>
            <translation>Rechercher dans la chronologie…</translation>
        </message>
        <message>
            <source>Search the timeline</source>
            <translation>Rechercher dans la chronologie</translation>
        </message>
        <message>
            <source>Timeline</source>
            <translation>Chronologie</translation>
        </message>
    </context>
    <context>
        <name>Unlock</name>
        <message>
            <source>Too short</source>
            <translation>Trop courte</translation>
        </message>
        <message>
            <source>Weak</source>
            <translation>Faible</translation>
        </message>
        <message>
            <source>Fair</source>
            <translation>Moyenne</translation>
        </message>
        <message>
            <source>Good</source>
            <translation>Bonne</translation>
        </message>
        <message>
            <source>Strong</source>
            <translation>Solide</translation>
        </message>
    </context>
    <context>
        <name>UnlockView</name>
        <message>
            <source>Choose…</source>
            <translation>Choisir…</translation>
        </message>
        <message>
            <source>Choose another vault file</source>
            <translation>Choisir un autre fichier de coffre</translation>
        </message>
        <message>
            <source>Vault:</source>
            <translation>Coffre :</translation>
        </message>
        <message>
            <source>Passphrase:</source>
            <translation>Phrase secrète :</translation>
        </message>
        <message>
            <source>Passphrase</source>
            <translation>Phrase secrète</translation>
        </message>
        <message>
            <source>Repeat it:</source>
            <translation>Répétez-la :</translation>
        </message>
        <message>
            <source>Repeat the passphrase</source>
            <translation>Répétez la phrase secrète</translation>
        </message>
        <message>
            <source>Healthbook cannot recover a forgotten passphrase: nobody can open the vault without it. Write it down and keep it somewhere safe.</source>
            <translation>Healthbook ne peut pas retrouver une phrase secrète oubliée : personne ne peut ouvrir le coffre sans elle. Notez-la et gardez-la en lieu sûr.</translation>
        </message>
        <message>
            <source>Error message</source>
            <translation>Message d’erreur</translation>
        </message>
        <message>
            <source>Try the demo</source>
            <translation>Essayer la démo</translation>
        </message>
        <message>
            <source>A sample person with synthetic records, kept only in memory</source>
            <translation>Une personne fictive avec des données de synthèse, conservées uniquement en mémoire</translation>
        </message>
        <message>
            <source>Create your encrypted vault. Everything stays on this computer.</source>
            <translation>Créez votre coffre chiffré. Tout reste sur cet ordinateur.</translation>
        </message>
        <message>
            <source>Enter your passphrase to unlock your health records.</source>
            <translation>Saisissez votre phrase secrète pour déverrouiller votre dossier de santé.</translation>
        </message>
        <message>
            <source>Create vault</source>
            <translation>Créer le coffre</translation>
        </message>
        <message>
            <source>Unlock</source>
            <translation>Déverrouiller</translation>
        </message>
        <message>
            <source>Strength: {words}</source>
            <translation>Solidité : {words}</translation>
        </message>
        <message>
            <source>Use a long passphrase: four or more unrelated words work well.</source>
            <translation>Choisissez une phrase longue : quatre mots sans rapport entre eux ou plus font l’affaire.</translation>
        </message>
        <message>
            <source>Choose or name a vault</source>
            <translation>Choisir ou nommer un coffre</translation>
        </message>
        <message>
            <source>Healthbook vault (*.vault)</source>
            <translation>Coffre Healthbook (*.vault)</translation>
        </message>
        <message>
            <source>Use at least {n} characters.</source>
            <translation>Utilisez au moins {n} caractères.</translation>
        </message>
        <message>
            <source>The two passphrases are different.</source>
            <translation>Les deux phrases secrètes sont différentes.</translation>
        </message>
        <message>
            <source>Enter the passphrase.</source>
            <translation>Saisissez la phrase secrète.</translation>
        </message>
    </context>
    <context>
        <name>VisitSheetDialog</name>
        <message>
            <source>Visit sheet</source>
            <translation>Fiche de consultation</translation>
        </message>
        <message>
            <source>Changes since</source>
            <translation>Changements depuis</translation>
        </message>
        <message>
            <source>Appointment date</source>
            <translation>Date du rendez-vous</translation>
        </message>
        <message>
            <source>Questions to ask, one per line</source>
            <translation>Questions à poser, une par ligne</translation>
        </message>
        <message>
            <source>Save PDF…</source>
            <translation>Enregistrer en PDF…</translation>
        </message>
        <message>
            <source>Print…</source>
            <translation>Imprimer…</translation>
        </message>
        <message>
            <source>Appointment:</source>
            <translation>Rendez-vous :</translation>
        </message>
        <message>
            <source>Changes since:</source>
            <translation>Changements depuis :</translation>
        </message>
        <message>
            <source>Questions to ask (edit freely, one per line):</source>
            <translation>Questions à poser (modifiables librement, une par ligne) :</translation>
        </message>
        <message>
            <source>Save the visit sheet</source>
            <translation>Enregistrer la fiche de consultation</translation>
        </message>
        <message>
            <source>visit-sheet.pdf</source>
            <translation>fiche-consultation.pdf</translation>
        </message>
        <message>
            <source>PDF (*.pdf)</source>
            <translation>PDF (*.pdf)</translation>
        </message>
        <message>
            <source>Writing the sheet…</source>
            <translation>Écriture de la fiche…</translation>
        </message>
        <message>
            <source>Saved to {path}.</source>
            <translation>Enregistré dans {path}.</translation>
        </message>
        <message>
            <source>Preparing the pages…</source>
            <translation>Préparation des pages…</translation>
        </message>
        <message>
            <source>Appointment preparation</source>
            <translation>Préparation du rendez-vous</translation>
        </message>
        <message>
            <source>Choose a printer, or a file name to print to.</source>
            <translation>Choisissez une imprimante, ou un nom de fichier dans lequel imprimer.</translation>
        </message>
    </context>
    <context>
        <name>WellnessView</name>
        <message>
            <source>Activity and sleep</source>
            <translation>Activité et sommeil</translation>
        </message>
        <message>
            <source>Time range</source>
            <translation>Période</translation>
        </message>
        <message>
            <source>Period</source>
            <translation>Période</translation>
        </message>
        <message>
            <source>&lt;h3&gt;No activity or sleep data yet&lt;/h3&gt;&lt;p&gt;Import an Apple Health export (export.zip) or an Android Health Connect export (Import, in the side bar) to see steps, heart rate, weight and sleep here.&lt;/p&gt;</source>
            <translation>&lt;h3&gt;Aucune donnée d’activité ni de sommeil pour l’instant&lt;/h3&gt;&lt;p&gt;Importez un export Apple Santé (export.zip) ou un export Health Connect d’Android (Importer, dans la barre latérale) pour voir ici les pas, la fréquence cardiaque, le poids et le sommeil.&lt;/p&gt;</translation>
        </message>
        <message>
            <source>bpm</source>
            <translation>bpm</translation>
        </message>
        <message>
            <source>floors</source>
            <translation>étages</translation>
        </message>
        <message>
            <source>steps</source>
            <translation>pas</translation>
        </message>
    </context>
    <context>
        <name>Ranges</name>
        <message>
            <source>1 year</source>
            <translation>1 an</translation>
        </message>
        <message>
            <source>3 months</source>
            <translation>3 mois</translation>
        </message>
        <message>
            <source>5 years</source>
            <translation>5 ans</translation>
        </message>
        <message>
            <source>All</source>
            <translation>Tout</translation>
        </message>
        <message>
            <source>Daily</source>
            <translation>Par jour</translation>
        </message>
        <message>
            <source>Monthly</source>
            <translation>Par mois</translation>
        </message>
        <message>
            <source>Weekly</source>
            <translation>Par semaine</translation>
        </message>
    </context>
</TS>
