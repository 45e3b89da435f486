"""A demo curriculum of 17 episodes, written by the project.

These are NOT the episodes of the web series "Ist doch Ehrensache!?" (their titles and
contents are not known to us). They are a usable outline for team meetings on the same
themes, marked as demo, and meant to be replaced by the network's editors with the real
material. No video, no transcript: "Video folgt".

Each entry: (number, title, topics, situations, audiences, minutes, summary,
key messages, discussion questions, worksheet tasks, related episode numbers).
"""

H, E, L, A = "hauptamt", "ehrenamt", "leitung", "agentur"

EPISODES = [
    (
        1,
        "Warum wir zusammenarbeiten",
        ["rollen-und-aufgaben", "kommunikation"],
        ["neue-ehrenamtliche"],
        [H, E, L, A],
        6,
        "Die Einstiegsfolge: Warum Haupt- und Ehrenamt einander brauchen, was jede Seite "
        "mitbringt und warum gute Zusammenarbeit kein Zufall ist, sondern gestaltet wird.",
        [
            "Haupt- und Ehrenamt ergänzen sich; keine Seite ersetzt die andere.",
            "Gute Zusammenarbeit braucht Zeit, Absprachen und eine verantwortliche Person.",
            "Unterschiedliche Blickwinkel sind eine Stärke, wenn sie ausgesprochen werden.",
        ],
        [
            "Was bringen Ehrenamtliche in unsere Arbeit ein, was Hauptamtliche?",
            "Wo gelingt unsere Zusammenarbeit heute schon gut?",
            "Was würde fehlen, wenn es die andere Seite nicht gäbe?",
        ],
        [
            "Notieren Sie drei Dinge, die in Ihrer Zusammenarbeit gut laufen.",
            "Notieren Sie eine Sache, die Sie sich von der anderen Seite wünschen.",
            "Vereinbaren Sie, worüber Sie beim nächsten Treffen sprechen wollen.",
        ],
        [2, 17],
    ),
    (
        2,
        "Wer macht hier eigentlich was?",
        ["rollen-und-aufgaben"],
        ["aufgaben-abgrenzen"],
        [H, E, L],
        6,
        "Aufgaben klar beschreiben und abgrenzen: Was übernehmen Ehrenamtliche, was bleibt "
        "Aufgabe der bezahlten Kräfte, und wer entscheidet im Zweifel?",
        [
            "Eine kurze, schriftliche Aufgabenbeschreibung schafft Sicherheit für beide Seiten.",
            "Ehrenamt ergänzt bezahlte Arbeit und ersetzt keine Stellen.",
            "Grenzen dürfen besprochen und neu vereinbart werden.",
        ],
        [
            "Welche Aufgaben liegen bei uns zwischen Haupt- und Ehrenamt im Graubereich?",
            "Woran merken wir, dass eine Aufgabe zu viel Verantwortung für ein Ehrenamt ist?",
            "Wer entscheidet bei uns, wenn eine Aufgabe neu verteilt werden soll?",
        ],
        [
            "Listen Sie die Aufgaben Ihres Bereichs auf und ordnen Sie sie Haupt- oder Ehrenamt zu.",
            "Markieren Sie die Aufgaben, bei denen Sie unsicher waren.",
            "Formulieren Sie für eine Ehrenamtsaufgabe eine Beschreibung in fünf Sätzen.",
        ],
        [1, 3, 8],
    ),
    (
        3,
        "Die erste Begegnung",
        ["einarbeitung"],
        ["neue-ehrenamtliche"],
        [H, E, A],
        5,
        "Wie Interessierte empfangen werden, entscheidet oft, ob sie bleiben. Die Folge zeigt, "
        "was ein gutes Erstgespräch ausmacht und welche Fragen beide Seiten stellen sollten.",
        [
            "Ein Erstgespräch klärt Erwartungen, Zeit, Fähigkeiten und Grenzen.",
            "Interessierte brauchen eine schnelle, freundliche Rückmeldung.",
            "Nicht jede Aufgabe passt zu jeder Person – ein ehrliches Nein hilft allen.",
        ],
        [
            "Wie lange warten Interessierte bei uns auf eine Antwort?",
            "Welche Fragen stellen wir im Erstgespräch, welche vergessen wir oft?",
            "Wie erleben Ehrenamtliche ihren ersten Tag bei uns?",
        ],
        [
            "Schreiben Sie die fünf wichtigsten Fragen für ein Erstgespräch auf.",
            "Beschreiben Sie den Weg einer interessierten Person von der Anfrage bis zum ersten Einsatz.",
            "Legen Sie fest, wer Interessierten innerhalb welcher Frist antwortet.",
        ],
        [4, 5],
    ),
    (
        4,
        "Gut eingearbeitet",
        ["einarbeitung"],
        ["neue-ehrenamtliche"],
        [H, E],
        6,
        "Einarbeitung ist mehr als ein Rundgang: Die Folge beschreibt Schritte vom ersten "
        "Einsatz bis zum Auswertungsgespräch nach einigen Wochen.",
        [
            "Eine Checkliste für die Einarbeitung entlastet Hauptamtliche.",
            "Eine feste Ansprechperson gibt Neuen Sicherheit.",
            "Nach einigen Wochen lohnt ein kurzes Gespräch: Passt es für beide Seiten?",
        ],
        [
            "Was müssen Neue bei uns in der ersten Woche wissen?",
            "Wer begleitet neue Ehrenamtliche, und wie viel Zeit ist dafür eingeplant?",
            "Wann sprechen wir mit Neuen darüber, wie es ihnen geht?",
        ],
        [
            "Erstellen Sie eine Einarbeitungs-Checkliste mit höchstens zehn Punkten.",
            "Benennen Sie für jeden Punkt, wer ihn übernimmt.",
            "Planen Sie einen Termin für ein Auswertungsgespräch nach sechs Wochen.",
        ],
        [3, 5, 12],
    ),
    (
        5,
        "Patenschaften im Team",
        ["einarbeitung", "kommunikation"],
        ["neue-ehrenamtliche"],
        [E, H],
        5,
        "Erfahrene Ehrenamtliche begleiten Neue: Wie eine Patenschaft funktioniert, was sie "
        "leisten kann und wo die Verantwortung der Hauptamtlichen bleibt.",
        [
            "Patinnen und Paten geben Alltagswissen weiter, das in keinem Handbuch steht.",
            "Auch Patenschaften brauchen eine klare Absprache und ein Ende.",
            "Die Verantwortung für die Begleitung bleibt bei der Einrichtung.",
        ],
        [
            "Wer bei uns könnte eine Patenschaft übernehmen?",
            "Was soll eine Patenschaft leisten, was nicht?",
            "Wie danken wir Patinnen und Paten?",
        ],
        [
            "Beschreiben Sie die Aufgabe einer Patin oder eines Paten in drei Sätzen.",
            "Legen Sie fest, wie lange eine Patenschaft dauert.",
            "Notieren Sie, wann die Hauptamtlichen einbezogen werden müssen.",
        ],
        [4, 9],
    ),
    (
        6,
        "Reden wir miteinander",
        ["kommunikation"],
        ["gemeinsam-entscheiden"],
        [H, E, L],
        6,
        "Informationen erreichen nicht alle zur gleichen Zeit. Die Folge zeigt feste Wege für "
        "Austausch: Teamtreffen, kurze Nachrichten, ein Schwarzes Brett – und was davon passt.",
        [
            "Ehrenamtliche sind nicht jeden Tag da; Informationen müssen sie trotzdem erreichen.",
            "Feste Austauschtermine sind verlässlicher als Zufallsbegegnungen.",
            "Wer informiert, sollte auch zuhören.",
        ],
        [
            "Über welche Wege informieren wir heute, und wen erreichen wir damit nicht?",
            "Welche Informationen kamen zuletzt zu spät an?",
            "Wie oft wollen wir uns gemeinsam treffen?",
        ],
        [
            "Zeichnen Sie auf, wie eine wichtige Information bei Ihnen von der Leitung bis zu Ehrenamtlichen gelangt.",
            "Markieren Sie Stellen, an denen Informationen verloren gehen.",
            "Vereinbaren Sie einen festen Austauschtermin.",
        ],
        [7, 10],
    ),
    (
        7,
        "Rückmeldung geben – und annehmen",
        ["kommunikation", "anerkennung"],
        ["anerkennung-zeigen", "konflikt-im-team"],
        [H, E],
        5,
        "Rückmeldungen helfen nur, wenn sie ankommen. Die Folge übt, Beobachtungen, Wirkung und "
        "Wünsche auseinanderzuhalten – in beide Richtungen zwischen Haupt- und Ehrenamt.",
        [
            "Gute Rückmeldung beschreibt, was man beobachtet hat, statt zu bewerten.",
            "Auch Hauptamtliche brauchen Rückmeldung von Ehrenamtlichen.",
            "Wer Rückmeldung bekommt, darf nachfragen und muss nicht sofort antworten.",
        ],
        [
            "Wann haben Sie zuletzt eine hilfreiche Rückmeldung bekommen?",
            "Wie sagen Ehrenamtliche bei uns, wenn sie etwas stört?",
            "Was hält uns davon ab, Rückmeldung zu geben?",
        ],
        [
            "Formulieren Sie eine Rückmeldung nach dem Muster: Ich habe beobachtet … Das hat bewirkt … Ich wünsche mir …",
            "Üben Sie zu zweit, eine Rückmeldung anzunehmen, ohne sich zu rechtfertigen.",
            "Vereinbaren Sie einen Ort oder Termin für Rückmeldungen.",
        ],
        [6, 11],
    ),
    (
        8,
        "Zwischen Verwaltung und Verein",
        ["rollen-und-aufgaben", "rahmenbedingungen"],
        ["mit-der-verwaltung", "aufgaben-abgrenzen"],
        [H, L, A],
        7,
        "Wenn eine Kommune mit Ehrenamtlichen arbeitet, treffen Vorschriften auf Eigensinn. "
        "Die Folge zeigt, wie Zuständigkeiten, Wege und Fristen verständlich werden.",
        [
            "Verwaltungswege sind für Außenstehende oft unsichtbar – erklären hilft.",
            "Eine benannte Ansprechperson in der Verwaltung spart allen Zeit.",
            "Ehrenamtliche Initiativen brauchen Spielräume, nicht nur Regeln.",
        ],
        [
            "Welche Wege in unserer Verwaltung sind für Ehrenamtliche schwer zu verstehen?",
            "Wo können wir Spielräume schaffen, ohne Regeln zu verletzen?",
            "Wer ist für Ehrenamtliche die erste Ansprechperson?",
        ],
        [
            "Beschreiben Sie einen typischen Antrag oder Ablauf aus Sicht einer Ehrenamtlichen.",
            "Streichen Sie Schritte, die nicht nötig sind, und markieren Sie Fristen.",
            "Schreiben Sie eine kurze, verständliche Erklärung für diesen Ablauf.",
        ],
        [2, 13],
    ),
    (
        9,
        "Danke sagen, das ankommt",
        ["anerkennung"],
        ["anerkennung-zeigen"],
        [H, E, L],
        5,
        "Anerkennung ist mehr als ein jährliches Fest. Die Folge sammelt Formen des Dankes im "
        "Alltag und fragt, welche Anerkennung zu welchem Menschen passt.",
        [
            "Anerkennung im Alltag wirkt oft stärker als große Ehrungen.",
            "Menschen wünschen sich unterschiedliche Formen von Anerkennung.",
            "Auch Hauptamtliche, die Ehrenamt begleiten, verdienen Anerkennung.",
        ],
        [
            "Wie zeigen wir heute Anerkennung, und wer wird dabei übersehen?",
            "Welche Form von Anerkennung ist Ihnen selbst wichtig?",
            "Wie erfahren wir, was sich Ehrenamtliche wünschen?",
        ],
        [
            "Sammeln Sie zehn Formen der Anerkennung, die nichts kosten.",
            "Wählen Sie zwei aus, die Sie im nächsten Monat umsetzen.",
            "Überlegen Sie, wie Sie Nachweise wie die Ehrenamts-Card oder den Kompetenznachweis bekannt machen.",
        ],
        [7, 17],
    ),
    (
        10,
        "Mitreden, mitentscheiden",
        ["beteiligung"],
        ["gemeinsam-entscheiden"],
        [H, E, L],
        6,
        "Ehrenamtliche wollen nicht nur mitarbeiten, sondern mitgestalten. Die Folge zeigt "
        "Stufen der Beteiligung – von Information über Anhörung bis zur gemeinsamen Entscheidung.",
        [
            "Vor einer Entscheidung sollte klar sein, wie stark Ehrenamtliche beteiligt werden.",
            "Scheinbeteiligung enttäuscht mehr als ehrliche Information.",
            "Beteiligung braucht Zeit und passende Termine.",
        ],
        [
            "Bei welchen Entscheidungen wurden Ehrenamtliche zuletzt beteiligt, bei welchen nicht?",
            "Welche Beteiligung ist bei uns realistisch?",
            "Wie erfahren Ehrenamtliche, was aus ihren Vorschlägen geworden ist?",
        ],
        [
            "Nehmen Sie eine anstehende Entscheidung und legen Sie die Stufe der Beteiligung fest.",
            "Planen Sie, wie und wann Ehrenamtliche einbezogen werden.",
            "Vereinbaren Sie, wie über das Ergebnis berichtet wird.",
        ],
        [6, 11],
    ),
    (
        11,
        "Ideen von unten",
        ["beteiligung", "anerkennung"],
        ["gemeinsam-entscheiden"],
        [E, H],
        5,
        "Ehrenamtliche haben oft Ideen für neue Angebote. Die Folge zeigt, wie eine Einrichtung "
        "Ideen aufnimmt, prüft und gemeinsam umsetzt – oder begründet ablehnt.",
        [
            "Ideen brauchen einen Ort, an dem sie gesammelt und ernst genommen werden.",
            "Eine begründete Absage ist besser als Schweigen.",
            "Wer eine Idee einbringt, sollte an der Umsetzung beteiligt werden.",
        ],
        [
            "Wohin gehen Ideen von Ehrenamtlichen bei uns?",
            "Welche Idee wurde zuletzt umgesetzt, und wer war beteiligt?",
            "Was brauchen Ehrenamtliche, um eine Idee selbst voranzubringen?",
        ],
        [
            "Entwerfen Sie einen einfachen Weg für Ideen: einreichen, prüfen, antworten.",
            "Legen Sie fest, innerhalb welcher Frist eine Idee beantwortet wird.",
            "Sammeln Sie drei offene Ideen aus Ihrem Team.",
        ],
        [10, 9],
    ),
    (
        12,
        "Zeit, Räume, Geld",
        ["rahmenbedingungen"],
        ["wenn-es-zu-viel-wird", "mit-der-verwaltung"],
        [H, L, A],
        7,
        "Ehrenamt ist unentgeltlich, aber nicht kostenlos. Die Folge geht durch die "
        "Rahmenbedingungen: Arbeitszeit für Begleitung, Räume, Material, Auslagen, Versicherung "
        "und Datenschutz.",
        [
            "Die Begleitung von Ehrenamtlichen braucht eingeplante Arbeitszeit.",
            "Auslagen zu erstatten ist eine Frage der Fairness.",
            "Versicherungsschutz und Datenschutz sollten geklärt sein, bevor etwas passiert.",
        ],
        [
            "Wie viel Arbeitszeit steht bei uns für die Begleitung von Ehrenamtlichen zur Verfügung?",
            "Welche Kosten tragen Ehrenamtliche heute selbst?",
            "Wissen alle, wie sie bei ihrem Einsatz versichert sind?",
        ],
        [
            "Listen Sie die Mittel auf, die Ehrenamtliche für ihre Aufgabe brauchen.",
            "Prüfen Sie, wie Auslagen erstattet werden, und vereinfachen Sie den Weg.",
            "Klären Sie, wo Informationen zu Versicherung und Datenschutz zu finden sind.",
        ],
        [8, 13],
    ),
    (
        13,
        "Wenn es zu viel wird",
        ["rahmenbedingungen", "einarbeitung"],
        ["wenn-es-zu-viel-wird"],
        [H, E],
        6,
        "Überlastung gibt es auf beiden Seiten: Ehrenamtliche, die nicht Nein sagen können, und "
        "Hauptamtliche, die Begleitung nebenbei leisten. Die Folge zeigt Warnzeichen und Auswege.",
        [
            "Nein sagen zu dürfen, schützt das Engagement.",
            "Belastung früh anzusprechen, ist kein Zeichen von Schwäche.",
            "Aufgaben können verkleinert, geteilt oder beendet werden.",
        ],
        [
            "Woran merken wir, dass jemand zu viel übernommen hat?",
            "Wie können Ehrenamtliche eine Aufgabe abgeben, ohne sich schlecht zu fühlen?",
            "Wer achtet auf die Belastung der Hauptamtlichen?",
        ],
        [
            "Sammeln Sie Warnzeichen für Überlastung.",
            "Vereinbaren Sie, wer wen anspricht, wenn Warnzeichen auftreten.",
            "Notieren Sie Unterstützungsangebote, zum Beispiel Supervision oder Austauschgruppen.",
        ],
        [12, 14],
    ),
    (
        14,
        "Wenn es knirscht",
        ["konflikte"],
        ["konflikt-im-team"],
        [H, E, L],
        6,
        "Konflikte zwischen Haupt- und Ehrenamt entstehen oft aus unklaren Erwartungen. Die "
        "Folge zeigt, wie man Spannungen früh erkennt und anspricht, bevor sie eskalieren.",
        [
            "Die meisten Konflikte beginnen mit unausgesprochenen Erwartungen.",
            "Früh ansprechen ist leichter als spät klären.",
            "Es geht um die Sache und das Miteinander, nicht um Schuld.",
        ],
        [
            "Welche Spannungen kennen wir aus unserer Zusammenarbeit?",
            "Wer spricht bei uns Probleme an, und wer schweigt eher?",
            "Was hat uns geholfen, einen Konflikt zu lösen?",
        ],
        [
            "Beschreiben Sie eine typische Konfliktsituation aus Sicht beider Seiten.",
            "Sammeln Sie Sätze, mit denen man ein schwieriges Gespräch beginnen kann.",
            "Vereinbaren Sie, wer bei Konflikten vermitteln kann.",
        ],
        [15, 7],
    ),
    (
        15,
        "Klären statt schweigen",
        ["konflikte", "kommunikation"],
        ["konflikt-im-team"],
        [H, E, L, A],
        7,
        "Ein vereinbarter Weg für Konflikte gibt Sicherheit: Wer spricht mit wem, wann wird "
        "eine neutrale Person hinzugezogen, und wie geht die Zusammenarbeit danach weiter?",
        [
            "Ein vereinbarter Konfliktweg gibt allen Beteiligten Sicherheit.",
            "Eine neutrale Person, etwa aus der Freiwilligenagentur, kann vermitteln.",
            "Nach der Klärung braucht es einen neuen Anfang.",
        ],
        [
            "Gibt es bei uns einen vereinbarten Weg, wenn es Streit gibt?",
            "Wen könnten wir als neutrale Vermittlung hinzuziehen?",
            "Wie stellen wir sicher, dass nach einem Konflikt wieder Vertrauen wächst?",
        ],
        [
            "Schreiben Sie einen Konfliktweg in drei Stufen auf.",
            "Benennen Sie für jede Stufe eine Person oder Stelle.",
            "Legen Sie fest, wie Sie nach einer Klärung wieder ins Gespräch kommen.",
        ],
        [14, 16],
    ),
    (
        16,
        "Gut auseinandergehen",
        ["abschied"],
        ["ehrenamtliche-verabschieden"],
        [H, E, L],
        5,
        "Engagement endet – durch Umzug, neue Lebensumstände oder weil eine Aufgabe erledigt "
        "ist. Die Folge zeigt, wie ein guter Abschied aussieht und was die Einrichtung lernt.",
        [
            "Ein Abschied verdient dieselbe Aufmerksamkeit wie ein Anfang.",
            "Ein Abschlussgespräch zeigt, was gut lief und was sich ändern sollte.",
            "Ehrenamtliche haben Anspruch auf einen Nachweis ihres Engagements.",
        ],
        [
            "Wie verabschieden wir Ehrenamtliche heute?",
            "Was würden wir gern von Ehrenamtlichen erfahren, die aufhören?",
            "Wie halten wir Kontakt zu Ehemaligen, wenn sie das möchten?",
        ],
        [
            "Entwerfen Sie fünf Fragen für ein Abschlussgespräch.",
            "Klären Sie, wer einen Engagementnachweis ausstellt.",
            "Planen Sie eine Form des Abschieds, die zu Ihrer Einrichtung passt.",
        ],
        [9, 17],
    ),
    (
        17,
        "Rückblick und nächste Schritte",
        ["kommunikation", "beteiligung", "abschied"],
        ["gemeinsam-entscheiden"],
        [H, E, L, A],
        6,
        "Die Abschlussfolge verbindet die Themen der Reihe: Was haben wir gelernt, wo stehen "
        "wir, und wie machen wir weiter? Eine Anleitung, um aus dem Kooperations-Check einen "
        "Plan zu machen.",
        [
            "Zusammenarbeit entwickelt sich in kleinen, überprüfbaren Schritten.",
            "Ein gemeinsamer Plan mit Verantwortlichen und Terminen macht Vorhaben verbindlich.",
            "Nach einigen Monaten zeigt ein zweiter Check, was sich verändert hat.",
        ],
        [
            "Welche Themen der Reihe sind für uns am wichtigsten?",
            "Welche zwei Schritte gehen wir als Nächstes an?",
            "Wann schauen wir gemeinsam auf das Erreichte?",
        ],
        [
            "Wählen Sie die zwei wichtigsten Themen für Ihr Team aus.",
            "Formulieren Sie für jedes Thema eine Maßnahme mit verantwortlicher Person und Termin.",
            "Vereinbaren Sie einen Termin für einen zweiten Kooperations-Check.",
        ],
        [1, 10],
    ),
]
