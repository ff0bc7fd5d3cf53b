skip-to-content = Zum Inhalt springen
nav-label = Hauptnavigation
nav-home = Start
nav-communities = Communities
nav-people = Personen
nav-settings = Einstellungen
nav-admin = Verwaltung
nav-sign-out = Abmelden
footer = Allmende – die Communities des Unternehmens

login-title = Anmelden
login-uid = Benutzername oder E-Mail
login-password = Passwort
login-submit = Anmelden
login-failed = Benutzername oder Passwort sind nicht richtig.
login-unavailable = Ihr Passwort kann gerade nicht geprüft werden, weil das Unternehmensverzeichnis nicht erreichbar ist. Bitte versuchen Sie es in einigen Minuten erneut.
login-throttled = Zu viele fehlgeschlagene Versuche. Bitte warten Sie einige Minuten, bevor Sie es erneut versuchen.

home-title = Start
home-welcome = Willkommen, { $name }
home-my-communities = Meine Communities
home-none = Sie sind noch in keiner Community Mitglied.
home-find = Communities finden und beitreten

communities-title = Communities
communities-kind = Art
communities-all-kinds = Alle Arten
communities-new = Community gründen
search-label = Suche
search-submit = Suchen
results-count = { $count ->
    [one] Ein Treffer
   *[other] { $count } Treffer
}
next-page = Nächste Seite
member-count = { $count ->
    [one] ein Mitglied
   *[other] { $count } Mitglieder
}
optional = optional

kind-organization = Unternehmen
kind-department = Abteilung
kind-project = Projekt
kind-interest = Interesse
visibility-public = Öffentlich
visibility-private = Privat
visibility-secret = Geheim
join-open = Offen für alle
join-request = Beitritt auf Anfrage
join-invite = Nur mit Einladung
archived = Archiviert
state-active = Mitglied
state-requested = Anfrage offen
state-invited = Eingeladen
state-banned = Gesperrt
you-are-active = Sie sind Mitglied.
you-are-requested = Ihre Beitrittsanfrage wartet auf eine Entscheidung.
you-are-invited = Sie wurden eingeladen.
you-are-banned = Sie wurden in dieser Community gesperrt.
role-manager = Leitung
role-moderator = Moderation
role-member = Mitglied

action-join = Beitreten
action-request = Beitritt anfragen
action-leave = Verlassen
action-withdraw = Anfrage zurückziehen
action-create = Anlegen
action-save = Speichern

community-about = Über diese Community
community-posts = Beiträge
community-no-posts = Noch keine Beiträge.
community-members = Mitglieder
community-members-only = Nur Mitglieder sehen die Beiträge und Mitglieder dieser Community.

people-title = Personen
person-inactive = Nicht mehr im Unternehmen

settings-title = Einstellungen
settings-saved = Ihre Einstellungen wurden gespeichert.
settings-locale-browser = Wie mein Browser

field-uid = Benutzername
field-email = E-Mail
field-phone = Telefon
field-name = Name
field-slug = Webadresse
field-kind = Art
field-description = Beschreibung
field-visibility = Sichtbarkeit
field-join_policy = Beitritt
field-locale = Sprache
field-timezone = Zeitzone
field-limit = Seitengröße
field-cursor = Seitenposition
field-title = Titel
field-job-title = Funktion
field-department = Abteilung
field-manager = Vorgesetzte Person
field-role = Rolle
field-state = Status

invalid-required = { $field } muss angegeben werden.
invalid-too-long = { $field } ist zu lang.
invalid-too-short = { $field } ist zu kurz.
invalid-bad-characters = { $field } enthält unzulässige Zeichen.
invalid-unknown-value = { $field } hat einen unbekannten Wert.
invalid-malformed = { $field } hat nicht die erwartete Form.
invalid-out-of-range = { $field } liegt außerhalb des erlaubten Bereichs.
invalid-not-allowed = { $field }: Diese Auswahl ist hier nicht erlaubt.

error-title = { $status ->
    [404] Diese Seite gibt es nicht
    [403] Dafür fehlt Ihnen die Berechtigung
    [409] Das geht gerade nicht
    [422] Bitte prüfen Sie die Angaben
    [429] Bitte warten Sie einen Moment
   *[other] Da ist etwas schiefgegangen
}
error-back-home = Zurück zur Startseite
error-not-found = Diese Seite gibt es nicht, oder Sie dürfen sie nicht sehen.
error-unauthenticated = Bitte melden Sie sich an.
error-forbidden = Das dürfen Sie nicht.
error-csrf-failed = Das Formular war abgelaufen. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.
error-invalid-input = Einige Eingaben sind ungültig.
error-bad-request = Die Anfrage konnte nicht gelesen werden.
error-duplicate = Das gibt es schon.
error-name-taken = Eine Community mit diesem Namen gibt es bereits.
error-slug-taken = Diese Webadresse wird schon von einer anderen Community verwendet.
error-uid-taken = Dieser Benutzername ist bereits vergeben.
error-last-manager = Sie sind die einzige Leitung dieser Community. Übergeben Sie die Leitung zuerst an jemand anderen (Verwalten → Mitglieder); dann können Sie sie verlassen.
error-not-member = Sie sind kein Mitglied dieser Community.
error-too-many-requests = Zu viele Versuche. Bitte warten Sie einige Minuten.
error-unavailable = Die Datenbank ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.
error-internal = Bei uns ist etwas schiefgegangen. Der Fehler wurde protokolliert.
error-archived = Diese Community ist archiviert und nur lesbar.
error-membership-managed = Die Mitgliedschaft in dieser Community folgt dem Unternehmensverzeichnis.
error-banned = Sie wurden in dieser Community gesperrt.
error-invitation-required = Diese Community nimmt nur eingeladene Mitglieder auf.
error-members-only = Das sehen nur Mitglieder.
error-create-not-allowed = Nur Administratoren dürfen Communities dieser Art gründen.
error-already-sent = Diese Ausgabe ist schon verschickt oder geplant.
error-no-email = Für Ihr Konto ist keine Mailadresse hinterlegt.
error-official-mail = Dieser Newsletter ist eine dienstliche Mitteilung und lässt sich nicht abbestellen.
error-sync-running = Der Abgleich mit dem Verzeichnis läuft gerade. Bitte versuchen Sie es in ein paar Minuten noch einmal.
error-database-not-empty = Die Datenbank enthält schon Personen; die große Demo braucht eine leere.

admin-directory-title = Verzeichnisabgleich
admin-directory-disabled = Noch ist kein Firmenverzeichnis angebunden: Alle melden sich mit lokalen Konten an, die Sie unter Personen anlegen. Um die Belegschaft aus LDAP oder Active Directory zu übernehmen, trägt der Betrieb im Abschnitt [ldap] der Konfigurationsdatei die Adresse des Verzeichnisservers ein; danach erscheinen hier die Abgleichsläufe.
admin-directory-runs = Letzte Abgleichsläufe
admin-directory-none = Es gab noch keinen Abgleich.
admin-run = Lauf
admin-run-started = Begonnen
admin-run-status = Ergebnis
admin-run-reason = Grund
admin-run-read = Gelesene Einträge
admin-run-skipped = übersprungen
admin-run-created = Angelegt
admin-run-updated = Geändert
admin-run-moved = Abteilung gewechselt
admin-run-deactivated = Deaktiviert
admin-run-reactivated = Reaktiviert
admin-run-unchanged = Unverändert
admin-run-departments = Neue Abteilungen
admin-run-changes = Änderungen (die ersten { $max })
admin-status-running = läuft
admin-status-applied = übernommen
admin-status-aborted = abgebrochen, nichts geändert
admin-status-dry-run = Probelauf

field-body = Text
field-parent_id = Antwort auf
post-new = Neuer Beitrag
post-edit = Beitrag bearbeiten
post-flags = Für Verwaltende
post-pinned = Angeheftet
post-announcement = Ankündigung
post-back-to = Zurück zu
post-done-published = Ihr Beitrag ist veröffentlicht.
post-done-saved = Ihre Änderungen sind gespeichert.
post-done-commented = Ihr Kommentar ist veröffentlicht.
qa-done-published = Ihre Frage ist gestellt.
qa-done-commented = Ihre Antwort ist veröffentlicht.
post-back = Zurück zur Community
post-comments = { $count ->
    [one] Ein Kommentar
   *[other] { $count } Kommentare
}
post-read-more = Lesen und kommentieren
community-new-post = Beitrag schreiben
comment-add = Ihr Kommentar
comment-send = Senden
comment-reply = Antworten
comment-your-reply = Ihre Antwort
qa-comment = Kommentieren
qa-your-comment = Ihr Kommentar zu dieser Antwort
comment-edit = Kommentar bearbeiten
edited-at = bearbeitet { $time }
deleted = gelöscht
action-edit = Bearbeiten
action-delete = Löschen
markdown-bold = fett
markdown-italic = kursiv
reaction-like = Gefällt mir
reaction-celebrate = Feiern
reaction-support = Unterstützen
reaction-insightful = Aufschlussreich
reaction-curious = Neugierig
error-not-author = Das darf nur die Person, die es geschrieben hat.
error-managers-only = Das dürfen nur die Verwaltenden der Community.
error-managers-post-here = In dieser Community schreiben die Verwaltenden die Beiträge; Mitglieder kommentieren.
error-deleted = Das wurde gelöscht.
nav-topics = Themen
topics-title = Themen
topics-trending = Diese Woche im Gespräch
topics-none = Diese Woche noch keine Themen. Nennen Sie eins im Beitrag mit #thema.
topics-posts = { $count ->
    [one] ein Beitrag
   *[other] { $count } Beiträge
}
topics-no-posts = Kein Beitrag, den Sie lesen dürfen, nennt dieses Thema.
topics-follow = Thema folgen
topics-unfollow = Nicht mehr folgen
feed-title = Neues
feed-empty = Noch nichts Neues. Treten Sie Communities bei oder folgen Sie Themen, dann erscheinen ihre Beiträge hier.
hidden = ausgeblendet
hidden-notice = Von der Moderation ausgeblendet.
report-action = Melden
report-why = Warum?
report-note = Was ist das Problem (freiwillig)
report-send = Meldung senden
report-thanks = Danke. Die Moderation sieht es sich an; wer gemeldet hat, erfährt die verfassende Person nicht.
report-reason-spam = Spam
report-reason-offensive = Beleidigend
report-reason-off-topic = Am Thema vorbei
report-reason-other = Etwas anderes
moderation-title = Zu bearbeitende Meldungen
moderation-empty = Nichts zu bearbeiten.
moderation-target-post = Beitrag
moderation-target-comment = Kommentar
moderation-reports = { $count ->
    [one] eine Meldung
   *[other] { $count } Meldungen
}
moderation-author-gone = die verfassende Person (nicht mehr da)
moderation-done-dismiss = Die Meldungen sind zurückgewiesen; der Inhalt bleibt, wie er war.
moderation-done-hide = Ausgeblendet: Nur Moderierende sehen den Inhalt noch.
moderation-done-delete = Gelöscht.
moderation-done-warn = Die verfassende Person ist verwarnt und benachrichtigt.
moderation-done-ban = Die verfassende Person ist aus der Community ausgeschlossen.
confirm-moderation-delete = { $what ->
    [comment] Den Kommentar zu „{ $title }“ löschen?
   *[post] „{ $title }“ löschen?
}
confirm-moderation-delete-what = Der Inhalt von { $author } verschwindet für alle in { $community }; Moderierende sehen weiterhin, dass es ihn gab. Alle offenen Meldungen dazu sind damit erledigt.
confirm-moderation-ban = { $author } aus { $community } ausschließen?
confirm-moderation-ban-what = { $author } verliert die Mitgliedschaft und kann nicht wieder beitreten, bis jemand aus der Leitung den Ausschluss aufhebt. Der gemeldete Inhalt bleibt, bis Sie ihn ausblenden oder löschen.
moderation-action = Entscheidung
moderation-action-dismiss = Meldungen zurückweisen
moderation-action-hide = Ausblenden
moderation-action-delete = Löschen
moderation-action-warn = Verfassende Person verwarnen
moderation-action-ban = Verfassende Person aus der Community ausschließen
moderation-reason = Begründung (im Prüfprotokoll)
moderation-decide = Entscheiden
error-already-reported = Sie haben das bereits gemeldet.
error-already-decided = Diese Meldungen sind schon bearbeitet.
error-moderators-only = Das dürfen nur die Moderierenden der Community.
error-cannot-ban-manager = Verwaltende können nicht ausgeschlossen werden; nehmen Sie zuerst die Rolle weg.
error-cannot-ban-self = Sie können sich nicht selbst ausschließen.
error-author-gone = Das Konto der verfassenden Person gibt es nicht mehr.
field-note = Notiz
field-reason = Grund
field-action = Entscheidung
field-target = Gemeldeter Inhalt
nav-notifications = Benachrichtigungen
notifications-title = Benachrichtigungen
notifications-unread = { $count ->
    [0] Nichts ungelesen.
    [one] Eine ungelesen.
   *[other] { $count } ungelesen.
}
notifications-read-all = Alle als gelesen markieren
notifications-mark-read = Als gelesen markieren
notifications-new = Neu
notifications-none = Keine Benachrichtigungen.
notification-mentioned = { $actor } hat Sie in „{ $title }“ erwähnt
notification-comment = { $actor } hat „{ $title }“ kommentiert
notification-reply = { $actor } hat auf Ihren Kommentar zu „{ $title }“ geantwortet
notification-report-handled = Ihre Meldung zu „{ $title }“ wurde bearbeitet.
notification-moderated = Die Moderation hat zu Ihrem Beitrag in „{ $title }“ entschieden: { $detail }
settings-notifications = Benachrichtigungen
settings-notifications-legend = Benachrichtigen, wenn
notification-kind-mentioned = mich jemand erwähnt
notification-kind-comment = jemand meinen Beitrag kommentiert
notification-kind-reply = jemand auf meinen Kommentar antwortet
notification-kind-report-handled = meine Meldung bearbeitet wurde
notification-kind-moderated = die Moderation zu meinem Beitrag entscheidet
notification-report = „{ $title }“ wurde gemeldet und wartet auf Prüfung
notification-reaction = { $others ->
    [0] { $actor } hat auf Ihren Beitrag zu „{ $title }“ reagiert
    [one] { $actor } und eine weitere Person haben auf Ihren Beitrag zu „{ $title }“ reagiert
   *[other] { $actor } und { $others } weitere Personen haben auf Ihren Beitrag zu „{ $title }“ reagiert
}
notification-invited = { $actor } hat Sie in { $community } eingeladen
notification-join-request = { $actor } möchte { $community } beitreten
notification-join-approved = Sie sind jetzt Mitglied von { $community }
notification-kind-report = Inhalte einer von mir moderierten Community gemeldet werden
notification-kind-reaction = jemand auf meinen Beitrag oder Kommentar reagiert
notification-kind-invited = mich jemand in eine Community einlädt
notification-kind-join-request = jemand einer von mir verwalteten Community beitreten möchte
notification-kind-join-approved = meine Beitrittsanfrage angenommen wurde
nav-search = Suche
search-title = Suche
search-results = { $count ->
    [0] Nichts gefunden.
    [one] Ein Treffer
   *[other] { $count } Treffer
}
search-kind-post = Beitrag
search-kind-comment = Kommentar
search-kind-community = Community
field-q = Suchwörter
error-already-member = Diese Person ist schon Mitglied.
error-nothing-to-change = Da gibt es nichts zu ändern.
field-code_of_conduct = Verhaltensregeln
community-code-of-conduct = Verhaltensregeln
community-join-accepts = Mit dem Beitritt erkennen Sie die Verhaltensregeln unten an.
community-settings = Einstellungen der Community
community-archived-label = Archiviert (nur lesen)
members-manage = Mitglieder verwalten
members-title = Mitglieder von { $community }
members-invite = Jemanden einladen
members-invite-label = Wen möchten Sie einladen?
members-invite-action = Einladen
members-invite-person = { $name } einladen
members-choose = Mehrere Personen passen zu „{ $find }“: bitte eine wählen.
members-nobody = Niemand, der eingeladen werden kann, passt zu „{ $find }“.
members-requests = Beitrittsanfragen
members-approve = Annehmen
members-approve-person = { $name } annehmen
members-decline = Ablehnen
members-decline-person = { $name } ablehnen
members-invited = Eingeladen
members-withdraw = Einladung zurückziehen
members-withdraw-person = Einladung zurückziehen: { $name }
members-active = { $count ->
    [one] Ein Mitglied
   *[other] { $count } Mitglieder
}
members-role-of = Rolle von { $name }
members-change-role = Rolle ändern
members-remove = Entfernen
members-remove-person = { $name } entfernen
members-ban = Sperren
members-ban-person = { $name } sperren
members-banned = Gesperrt
members-unban = Sperre aufheben
members-unban-person = Sperre aufheben: { $name }
members-done-invited = Einladung verschickt.
members-done-approved = Die Person ist jetzt Mitglied.
members-done-changed = Gespeichert.
moderation-admin-title = Meldungen aus allen Communities
nav-admin-reports = Meldungen
community-members-newest = { $count ->
    [one] Ein Mitglied.
   *[other] { $count } Mitglieder; die neuesten:
}
search-results-more = Mehr als { $count } Treffer; die neuesten davon, die besten zuerst
community-modules = Module
community-modules-hint = Der Blog ist immer an. Ein ausgeschaltetes Modul behält seine Inhalte; wieder eingeschaltet, sind sie zurück.
module-tasks = Aufgaben
nav-tasks = Meine Aufgaben
field-status = Status
field-priority = Priorität
field-due_on = Fällig am
field-assignees = Zuständig
field-checklist = Checkliste
tasks-board = Aufgabenboard
tasks-columns = Spalten des Boards
tasks-list = Aufgabenliste
tasks-none = Keine Aufgaben.
tasks-count = { $count ->
    [one] Eine Aufgabe
   *[other] { $count } Aufgaben
}
tasks-mine = Meine Aufgaben
tasks-mine-hint = Offene Aufgaben, für die Sie zuständig sind, aus allen Ihren Communities, nach Fälligkeit; überfällige zuerst.
tasks-mine-none = Für Sie ist nichts offen.
tasks-filter-mine = Meine
tasks-filter-overdue = Überfällig
tasks-filter-unassigned = Ohne Zuständige
tasks-filter-assignee = Zuständig (Benutzername)
tasks-filter-due-before = Fällig bis
tasks-filter-any = alle
tasks-filter-apply = Anzeigen
task-new = Neue Aufgabe
task-edit = Aufgabe bearbeiten
task-back = Zurück zur Aufgabe
tasks-back = Zurück zum Aufgabenboard
task-done-created = Die Aufgabe ist angelegt; wer zuständig ist, wird benachrichtigt.
task-move = Status ändern
task-moved = „{ $title }“ steht jetzt unter „{ $status }“.
task-status-of = Status von „{ $title }“
task-status-open = Offen
task-status-in-progress = In Arbeit
task-status-blocked = Blockiert
task-status-done = Erledigt
task-priority-low = Niedrig
task-priority-normal = Normal
task-priority-high = Hoch
task-priority-urgent = Dringend
task-due-on = fällig am { $date }
task-overdue = überfällig
task-unassigned = Niemand zuständig
task-checklist-progress = { $done } von { $total } erledigt
task-assignees-hint = Namen, Benutzernamen oder Mailadressen von Mitgliedern, durch Kommas getrennt
task-checklist-hint = ein Punkt pro Zeile
task-created-by = Angelegt von
task-comments = Kommentare
task-history = Verlauf
task-item-done = erledigt
task-item-tick = Abhaken
task-item-undo = Nicht erledigt
task-item-remove = Entfernen
task-item-add = Neuer Punkt
task-item-add-button = Hinzufügen
task-event-created = hat die Aufgabe „{ $new }“ angelegt
task-event-title = hat sie von „{ $old }“ in „{ $new }“ umbenannt
task-event-description = hat die Beschreibung geändert
task-event-status = hat sie von { $old } nach { $new } verschoben
task-event-priority = hat die Priorität von { $old } auf { $new } geändert
task-event-due_on = hat die Fälligkeit von { $old } auf { $new } geändert
task-event-assigned = hat { $new } zugewiesen
task-event-unassigned = hat { $old } entfernt
task-event-checklist = hat die Checkliste geändert: { $old } → { $new }
task-event-deleted = hat die Aufgabe gelöscht
notification-task-assigned = { $actor } hat Ihnen „{ $title }“ zugewiesen
notification-task-comment = { $actor } hat „{ $title }“ kommentiert
notification-task-status = { $actor } hat „{ $title }“ nach { $detail } verschoben
notification-task-due = „{ $title }“ ist heute fällig
invalid-in-the-past = { $field } liegt in der Vergangenheit.
invalid-not-a-date = { $field } ist kein Datum (JJJJ-MM-TT).
invalid-unknown-person = { $field }: Diese Person finden wir nicht.
invalid-left-company = { $field }: Diese Person hat das Unternehmen verlassen.
invalid-not-member = { $field }: Zuständig können nur Mitglieder der Community sein.
invalid-too-many = { $field }: zu viele.
notification-kind-task-assigned = mir eine Aufgabe zugewiesen wird
notification-kind-task-comment = jemand eine meiner Aufgaben kommentiert
notification-kind-task-status = eine meiner Aufgaben ihren Status ändert
notification-kind-task-due = eine meiner Aufgaben heute fällig ist
module-status = Statusberichte
nav-status = Projekte
field-overall = Gesamtstatus
field-summary = Zusammenfassung
field-achievements = Erreicht
field-next_steps = Nächste Schritte
field-risks = Risiken und Probleme
field-help_needed = Unterstützung gebraucht
field-areas = Bereiche
rag-green = Grün
rag-amber = Gelb
rag-red = Rot
status-title = Statusberichte
status-started-from = Der Bericht beginnt mit dem Stand des letzten vom { $time }. Ändern Sie, was sich bewegt hat.
status-new = Neuer Statusbericht
status-publish = Bericht veröffentlichen
status-none = Noch kein Statusbericht.
status-changed = geändert von { $from } auf { $to }
status-area-schedule = Termine
status-area-budget = Budget
status-area-scope = Umfang
status-area-unrated = nicht bewertet
status-rollup = Projektstatus
status-rollup-hint = Rote und veraltete Projekte zuerst. Veraltet ist ein Projekt, dessen letzter Bericht älter als { $days } Tage ist.
status-whole-organization = Ganzes Unternehmen
status-project = Projekt
status-reported = Berichtet
status-changes = Seit dem Bericht davor
status-never = noch kein Bericht
status-age = { $days ->
    [0] heute
    [one] vor einem Tag
   *[other] vor { $days } Tagen
}
status-stale = veraltet
status-no-projects = Keine für Sie sichtbaren Projekte berichten hier ihren Status.
invalid-duplicate = { $field }: doppelt genannt.
community-department-hint = der Projektstatus erscheint in der Übersicht dieser Abteilung
module-polls = Umfragen
polls-none = Noch keine Umfragen.
poll-new = Neue Umfrage
poll-ask = Umfrage starten
field-question = Frage
field-options = Antworten
field-closes_at = Endet
field-option_ids = Auswahl
poll-options-hint = eine pro Zeile, 2 bis 20
poll-closes-hint = freiwillig; ohne bleibt die Umfrage offen, bis sie jemand beendet
poll-multiple = Mehrere Antworten möglich
poll-anonymous-label = Anonym: niemand kann sehen, wer was gewählt hat (Stimmen lassen sich nicht ändern)
poll-anonymous = anonym
poll-anonymous-explained = Diese Umfrage ist anonym: gespeichert wird nur, wer abgestimmt hat, nicht was. Eine Stimme lässt sich nicht ändern.
poll-results-before-close = Ergebnisse schon vor dem Ende zeigen
poll-closes = endet { $time }
poll-closed = beendet
poll-you-voted = Sie haben abgestimmt.
poll-your-choice = Ihre Wahl
poll-vote = Abstimmen
poll-change-vote = Stimme ändern
poll-results = Ergebnis
poll-results-later = Das Ergebnis erscheint, wenn die Umfrage endet.
poll-voters = { $count ->
    [one] Eine Person hat abgestimmt.
   *[other] { $count } Personen haben abgestimmt.
}
poll-votes = Stimmen
poll-share = Anteil
poll-mine = Ihre Wahl
poll-edit = Bearbeiten
poll-edit-title = Umfrage bearbeiten
poll-edit-hint = Bis zur ersten Stimme lassen sich Frage, Antworten und Einstellungen noch ändern.
poll-back = Zurück zur Umfrage
poll-done-saved = Ihre Änderungen sind gespeichert.
poll-close = Umfrage jetzt beenden
error-poll-has-votes = In dieser Umfrage wurde schon abgestimmt; Frage und Antworten bleiben, wie sie waren.
error-poll-closed = Diese Umfrage ist beendet.
error-already-voted = Sie haben in dieser anonymen Umfrage schon abgestimmt; die Stimme lässt sich nicht ändern.
invalid-too-few = { $field }: zu wenige.
invalid-one-only = { $field }: nur eine Auswahl möglich.
invalid-not-a-time = { $field } ist keine Uhrzeit.
invalid-skipped-time = { $field }: Diese Uhrzeit gibt es wegen der Zeitumstellung nicht.
module-meetings = Termine
meetings-upcoming = Demnächst
meetings-past = Vergangene Termine
meetings-none = Keine Termine geplant.
meetings-calendar = Im Kalenderprogramm
meetings-calendar-hint = Abonnieren Sie diesen Link in Ihrem Kalenderprogramm, um die Termine dieser Community dort zu sehen. Er gehört Ihnen: bitte nicht weitergeben.
meetings-calendar-link = Ihr Kalenderlink
meetings-calendar-renew = Neuer Link (der alte gilt dann nicht mehr)
meeting-new = Neuer Termin
meeting-edit = Termin ändern
meeting-organizer = Organisiert von
meeting-download = In den Kalender (.ics)
meeting-rsvp = Wer kommt
meeting-rsvp-counts = Ja: { $yes } · Nein: { $no } · Vielleicht: { $maybe }
meeting-attending = Es kommen
rsvp-yes = Ja
rsvp-no = Nein
rsvp-maybe = Vielleicht
meeting-suggestions = Vorgeschlagene Punkte
meeting-suggestion-added = auf der Tagesordnung
meeting-suggestion-adopt = Auf die Tagesordnung
meeting-suggest = Punkt für die Tagesordnung vorschlagen
meeting-suggest-send = Vorschlagen
meeting-decisions = Beschlüsse
meeting-actions = Aufgaben aus dem Termin
meeting-action-task = Aufgabe
meeting-make-task = Als Aufgabe anlegen
meeting-add-outcome = Beschluss oder Aufgabe festhalten
meeting-assignee-hint = bei Aufgaben: Name, Benutzername oder Mailadresse eines Mitglieds
outcome-decision = Beschluss
outcome-action = Aufgabe
field-starts_at = Beginn
field-ends_at = Ende
field-place = Ort
field-online_url = Online-Link
field-agenda = Tagesordnung
field-minutes = Protokoll
field-text = Text
field-assignee = Wer
field-answer = Antwort
error-organizers-only = Das dürfen nur die Organisierenden und die Verwaltenden der Community.
error-meeting-over = Dieser Termin ist vorbei.
error-already-added = Das steht schon auf der Tagesordnung.
error-not-an-action = Nur Aufgaben werden zu Aufgaben im Board.
error-already-a-task = Daraus wurde schon eine Aufgabe.
invalid-before-start = { $field } liegt vor dem Beginn.
invalid-not-a-link = { $field } ist kein Weblink (http oder https).
invalid-times-together = { $field }: Beginn, Ende und Zeitzone werden zusammen geändert.
invalid-decision-has-no-assignee = { $field }: Ein Beschluss hat niemanden zuständig und kein Datum.

# AMAs
amas-title = Frag mich alles
amas-explained = Die Gastgebenden beantworten in einem festen Zeitraum die Fragen, die die Community stellt und nach oben wählt.
amas-none = Noch keine AMAs.
ama-edit = Bearbeiten
ama-edit-title = AMA bearbeiten
ama-edit-hint = Bis das AMA beginnt, lassen sich Zeiten, Gastgebende und Beschreibung noch ändern.
ama-back = Zurück zum AMA
ama-done-saved = Ihre Änderungen sind gespeichert.
ama-new = AMA planen
ama-schedule = Planen
ama-hosted-by = mit
ama-counts = { $questions } Fragen, { $answered } beantwortet
ama-window = Fragezeitraum
ama-hosts-hint = Namen, Benutzernamen oder Mailadressen, durch Kommas getrennt; sie antworten
ama-audience-community = die Community
ama-audience-organization = die ganze Organisation
ama-anonymous-allowed = Fragen dürfen anonym gestellt werden
ama-moderated = Fragen erscheinen erst nach Freigabe
ama-anonymous-explained = Anonyme Fragen zeigen niemandem einen Namen, auch nicht den Gastgebenden oder der Moderation.
ama-moderated-explained = Fragen erscheinen, sobald das Orga-Team sie freigegeben hat.
ama-state-scheduled = geplant
ama-state-live = live
ama-state-closed = beendet
ama-summary-read = Zur Zusammenfassung
ama-close-now = Jetzt beenden
ama-ask = Eine Frage stellen
ama-ask-anonymously = Anonym fragen (niemand sieht Ihren Namen)
ama-ask-submit = Frage stellen
ama-opens-later = Fragen können gestellt werden, sobald der Zeitraum beginnt.
ama-questions = Fragen
ama-sort = Reihenfolge der Fragen
ama-sort-votes = Meiste Stimmen
ama-sort-newest = Neueste
ama-sort-unanswered = Unbeantwortet
ama-sort-answered = Beantwortet
ama-no-questions = Noch keine Fragen.
ama-queue = Wartet auf das Orga-Team
ama-my-waiting = Meine nicht angezeigten Fragen
ama-anonymous = Anonym
ama-mine = meine Frage
ama-pinned = angeheftet
ama-question-pending = wartet auf Freigabe
ama-question-rejected = abgelehnt
ama-question-hidden = ausgeblendet
ama-question-merged = zusammengeführt
ama-question-published = angezeigt
ama-votes = { $count ->
    [one] 1 Stimme
   *[other] { $count } Stimmen
}
ama-rejected-because = Grund:
ama-merged-into = Zusammengeführt mit Frage #{ $id }
vote-question = Will ich auch wissen
vote-answer = Hilfreich
ama-unvote = Stimme zurücknehmen
ama-withdraw = Zurückziehen
ama-answer-by = Antwort von
ama-follow-up = Ihre Nachfrage
ama-follow-up-open = Nachfragen
ama-follow-up-submit = Nachfrage senden
ama-answer = Antworten
ama-edit-answer = Antwort ändern
ama-answer-submit = Antwort veröffentlichen
ama-moderate = Moderieren
ama-action-approve = Freigeben
ama-action-reject = Ablehnen
ama-action-pin = Anheften
ama-action-unpin = Lösen
ama-action-hide = Ausblenden
ama-action-show = Wieder anzeigen
ama-action-merge = Als Duplikat zusammenführen
ama-reject-reason = Grund der Ablehnung (die fragende Person liest ihn)
ama-merge-into = Duplikat von Frage Nummer
ama-summary-title = AMA-Zusammenfassung: { $title }
ama-summary-intro = Die Fragen und Antworten des AMA „{ $title }“ mit { $hosts }, nach Stimmen.
ama-summary-votes = { $count ->
    [one] 1 Stimme
   *[other] { $count } Stimmen
}
ama-summary-more = … und { $count } weitere beantwortete Fragen auf der Seite des AMA.
ama-summary-unanswered = { $count ->
    [0] Jede Frage wurde beantwortet.
    [one] 1 Frage blieb unbeantwortet.
   *[other] { $count } Fragen blieben unbeantwortet.
}
ama-summary-link = Das AMA mit allen Fragen
field-hosts = Gastgebende
field-opens_at = Fragen ab
field-answering_from = Antworten ab
field-audience = Publikum
field-anonymous = Anonym
field-into = Duplikat von
field-sort = Reihenfolge
invalid-before-opening = { $field } liegt vor dem Beginn der Fragen.
invalid-before-answering = { $field } liegt vor dem Beginn der Antworten.
invalid-secret-community = { $field }: Eine geheime Community kann kein AMA für die ganze Organisation ausrichten.
invalid-same-question = { $field }: Eine Frage kann nicht ihr eigenes Duplikat sein.
invalid-window-incomplete = { $field }: Beginn, Antworten, Ende und Zeitzone werden zusammen geändert.
error-ama-closed = Dieses AMA ist beendet.
error-ama-not-open = Dieses AMA nimmt noch keine Fragen an.
error-own-question = Für die eigene Frage kann man nicht stimmen.
error-question-not-published = Diese Frage wird (noch) nicht angezeigt.
error-hosts-only = Nur die Gastgebenden des AMA dürfen antworten.
error-ama-not-live = Antworten gibt es, sobald das AMA live ist.
error-not-answered = Diese Frage hat noch keine Antwort.
error-already-answered = Diese Frage ist schon beantwortet.
error-overlapping-ama = Ein anderes AMA dieser Community überschneidet sich mit diesem Zeitraum.
error-ama-started = Die Antworten haben begonnen: Der Zeitraum lässt sich nicht mehr verschieben.
error-question-state = Das geht mit der Frage in ihrem jetzigen Zustand nicht.
notification-ama-scheduled = Ein AMA ist geplant: „{ $title }“
notification-ama-live = „{ $title }“ läuft: Jetzt wird geantwortet
notification-ama-starting = { $waiting ->
    [0] „{ $title }“ beginnt: Noch hat niemand gefragt
    [one] „{ $title }“ beginnt: 1 Frage wartet auf Ihre Antwort
   *[other] „{ $title }“ beginnt: { $waiting } Fragen warten auf Ihre Antworten
}
notification-question-answered = { $actor } hat eine Frage in „{ $title }“ beantwortet
notification-kind-ama-scheduled = in meinen Communities ein AMA geplant wird
notification-kind-ama-live = ein AMA live geht
notification-kind-ama-starting = ein AMA beginnt, das ich ausrichte
notification-kind-question-answered = eine Frage beantwortet wird, die ich gestellt oder unterstützt habe
notification-answer-accepted = { $actor } hat Ihre Antwort auf „{ $title }“ angenommen
notification-kind-answer-accepted = meine Antwort auf eine Frage angenommen wird

# Q&A
qa-title = Fragen
qa-question = Frage
qa-ask = Eine Frage stellen
qa-your-question = Ihre Frage in einer Zeile
qa-your-answer = Ihre Antwort
qa-filter = Welche Fragen
qa-all = Alle
qa-help-wanted = Hilfe gesucht
qa-count = { $count ->
    [one] 1 Frage
   *[other] { $count } Fragen
}
qa-unanswered-count = { $count ->
    [0] Keine Frage wartet auf eine Antwort.
    [one] 1 Frage wartet auf eine Antwort.
   *[other] { $count } Fragen warten auf eine Antwort.
}
qa-asked-hours = { $count ->
    [0] gerade gefragt
    [one] vor 1 Stunde gefragt
   *[other] vor { $count } Stunden gefragt
}
qa-asked-days = { $count ->
    [one] vor 1 Tag gefragt
   *[other] vor { $count } Tagen gefragt
}
qa-answers = { $count ->
    [0] Noch keine Antworten
    [one] 1 Antwort
   *[other] { $count } Antworten
}
qa-accepted = beantwortet
qa-accepted-answer = angenommene Antwort
qa-accept = Diese Antwort annehmen
qa-unaccept = Keine Antwort annehmen
qa-none = Noch keine Fragen.
qa-all-answered = Jede Frage hat eine Antwort.
error-not-a-question = Stimmen und angenommene Antworten gibt es für Fragen und ihre Antworten.
error-own-content = Für den eigenen Beitrag kann man nicht stimmen.
invalid-not-an-answer = { $field }: Das ist keine Antwort auf die Frage.
field-comment_id = Antwort
field-up = Stimme

# Mail
mail-test-subject = Allmende-Testmail
mail-test-heading = Mail von Allmende kommt an
mail-test-body = Diese Nachricht ging über den Transport { $transport } hinaus. Wenn Sie sie lesen, erreichen Sie auch Zusammenfassungen und Newsletter.
digest-subject = { $count ->
    [0] Ihre Zusammenfassung
    [one] Ihre Zusammenfassung: 1 neuer Beitrag
   *[other] Ihre Zusammenfassung: { $count } neue Beiträge
}
digest-hello = Hallo { $name },
digest-intro = { $count ->
    [0] das ist neu für Sie:
    [one] das ist neu in Ihren Communities:
   *[other] diese { $count } Beiträge sind neu in Ihren Communities:
}
digest-amas = Ask Me Anything
digest-ama-opened = Fragen sind jetzt willkommen
digest-ama-answered = beantwortet: die Zusammenfassung
digest-questions = Offene Fragen in Ihren Interessengruppen
digest-status = Projektstatus geändert
digest-mentions = Sie wurden erwähnt
digest-tasks = Ihre Aufgaben
digest-task-due = fällig am { $date }
digest-task-overdue = überfällig seit { $date }
digest-announcements = Ankündigungen
digest-more = { $count ->
    [one] und 1 weiterer
   *[other] und { $count } weitere
}
digest-why = Sie erhalten diese Zusammenfassung wegen Ihrer Mail-Einstellungen in Allmende.
digest-settings = Häufigkeit ändern oder abschalten
digest-unsubscribe = Mit einem Klick abbestellen

## Newsletters
newsletters-title = Newsletter
newsletters-explained = Der Newsletter der Abteilung: Die Leitung und ihre Vertretungen schreiben ihn, alle Mitglieder bekommen ihn per Mail, hier stehen alle bisherigen Ausgaben.
newsletters-archive = Ausgaben
newsletters-none = Noch keine Ausgabe.
newsletter-new = Neue Ausgabe
newsletter-subject = Betreff
newsletter-body = Text
newsletter-save-draft = Als Entwurf speichern
newsletter-state-draft = Entwurf
newsletter-state-scheduled = Geplant
newsletter-state-sending = Wird versandt
newsletter-state-sent = Versandt
newsletter-goes-out = geht hinaus am
newsletter-delivery = Versand
newsletter-counts = { $sent } zugestellt, { $failed } nicht zustellbar, { $pending } ausstehend.
newsletter-send-test = Test an mich senden
newsletter-send-now = Jetzt an alle Mitglieder senden
newsletter-schedule-at = Später versenden am (Ortszeit { $zone })
newsletter-delivery-hint = Senden Sie sich zuerst einen Test: Sie sehen die Mail so, wie die Mitglieder sie bekommen.
newsletter-reschedule = Neu planen
newsletter-schedule = Planen
newsletter-done-tested = Die Testmail ist an { $address } unterwegs.
newsletter-done-sending = Der Newsletter wird jetzt an alle Mitglieder versandt.
newsletter-done-scheduled = Der Newsletter ist geplant.
newsletter-write = Neue Ausgabe schreiben
newsletter-edit-title = Ausgabe bearbeiten
newsletter-edit = Bearbeiten
newsletter-back = Zurück zur Ausgabe
newsletter-delete = Löschen
newsletter-editor-hint = Sie können mit Markdown formatieren: **fett**, _kursiv_, Listen, Links. Die Vorschau zeigt den Text so, wie er in der Mail steht.
newsletter-done-saved = Ihre Änderungen sind gespeichert.
newsletter-done-deleted = Die Ausgabe ist gelöscht.
confirm-newsletter-delete = „{ $subject }“ löschen?
confirm-newsletter-delete-what = Die Ausgabe ist noch nicht verschickt; sie verschwindet samt Zeitplan und geht an niemanden.
newsletter-mail-off = Der Mailversand ist ausgeschaltet: Tests und Ausgaben erreichen niemanden, bis die Administration ihn einrichtet.
newsletter-done-mail-off = Erledigt – aber der Mailversand ist ausgeschaltet, es ging keine Mail hinaus.
newsletter-test-prefix = Test
newsletter-why = Sie erhalten diesen Newsletter als Mitglied von { $community }.
newsletter-archive = Im Intranet lesen
newsletter-unsubscribe = Diesen Newsletter abbestellen

## Unsubscribe links
unsubscribe-title = Abbestellen
unsubscribe-ask-digest = Möchten Sie Ihre Zusammenfassung per Mail abbestellen?
unsubscribe-ask-newsletter = Möchten Sie den Newsletter von { $community } abbestellen?
unsubscribe-button = Abbestellen
unsubscribe-done-digest = Sie bekommen keine Zusammenfassung mehr.
unsubscribe-done-newsletter = Sie bekommen den Newsletter von { $community } nicht mehr.
unsubscribe-settings = Mail-Einstellungen ansehen oder wieder einschalten

## Admin: mail
nav-admin-mail = Mail
admin-mail-title = Mailversand
admin-mail-transport-smtp = Mail geht über den Server { $server } hinaus.
admin-mail-transport-file = Mail wird nicht verschickt, sondern als Datei in { $dir } abgelegt (zum Ausprobieren).
admin-mail-transport-none = Mail ist ausgeschaltet (mail.transport ist „none“): Zusammenfassungen, Newsletter und Hinweise erreichen niemanden.
admin-mail-test-to = an { $address }
admin-mail-test = Testmail an mich senden
admin-mail-done-tested = Die Testmail ist an { $address } unterwegs.
admin-mail-done-resumed = Die Mail für diese Person geht wieder hinaus.
admin-mail-ledger = Zustellungen der letzten 30 Tage
admin-mail-state = Stand
admin-mail-count = Anzahl
admin-mail-nothing = Nichts.
admin-mail-paused = Angehaltene Empfänger
admin-mail-paused-explained = { $count ->
    [one] Nach einer dauerhaften Ablehnung durch den Mailserver wird die Mail an eine Person angehalten, bis sie hier fortgesetzt wird (etwa nach einer Korrektur der Adresse im Verzeichnis).
   *[other] Nach { $count } dauerhaften Ablehnungen in Folge durch den Mailserver wird die Mail an eine Person angehalten, bis sie hier fortgesetzt wird (etwa nach einer Korrektur der Adresse im Verzeichnis).
}
admin-mail-nobody-paused = Niemand ist angehalten.
admin-mail-person = Person
admin-mail-failures = Ablehnungen
admin-mail-error = Fehler
admin-mail-since = Zeit
admin-mail-resume = Fortsetzen
admin-mail-problems = Letzte Probleme
admin-mail-kind = Art
admin-mail-kind-digest = Zusammenfassung
admin-mail-kind-newsletter = Newsletter
admin-mail-attempts = Versuche
mail-state-claimed = vorgemerkt
mail-state-sending = wird übergeben
mail-state-sent = zugestellt
mail-state-empty = nichts Neues
mail-state-failed = vorübergehend fehlgeschlagen
mail-state-refused = abgelehnt
mail-state-uncertain = ungewiss (Übergabe abgebrochen)

## Digest settings
settings-digest = Zusammenfassung per Mail
settings-digest-no-email = Für Sie ist keine Mailadresse hinterlegt (sie kommt aus dem Verzeichnis), deshalb bekommen Sie keine Mails, was immer Sie hier wählen.
settings-digest-how-often = Wie oft
settings-digest-off = Nie
settings-digest-daily = Täglich
settings-digest-weekly = Wöchentlich
settings-digest-weekday = Wochentag (wöchentlich)
settings-digest-hour = Uhrzeit ({ $timezone })
settings-digest-communities = Communities
settings-digest-mute = { $community } nicht in der Zusammenfassung
settings-newsletters = Newsletter
settings-newsletter-get = Newsletter von { $community } bekommen
settings-digest-preview = Meine nächste Zusammenfassung ansehen
digest-preview-title = Meine nächste Zusammenfassung
digest-preview-empty = Seit der letzten Zusammenfassung gibt es nichts Neues: Diese würde nicht verschickt.
digest-preview-html = Als HTML-Mail ansehen
weekday-1 = Montag
weekday-2 = Dienstag
weekday-3 = Mittwoch
weekday-4 = Donnerstag
weekday-5 = Freitag
weekday-6 = Samstag
weekday-7 = Sonntag

field-from = Von
field-to = Bis
field-table = Tabelle
invalid-after-to = { $field } liegt nach dem Ende des Zeitraums.
invalid-in-the-future = { $field } liegt in der Zukunft.
invalid-period-too-long = Der Zeitraum ist länger als drei Jahre.

nav-kpis = Zustand der Organisation
kpi-title = Zustand der Community
kpi-title-organization = Zustand der ganzen Organisation
kpi-link = Zustand der Community (Kennzahlen)
kpi-privacy = Die Zahlen beschreiben Gruppen von mindestens { $min } Personen; stehen weniger hinter einer Zahl oder blieben weniger außen vor, wird sie zurückgehalten. Keine Zahl zeigt, was eine einzelne Person getan hat.
kpi-from = Von
kpi-to = Bis
kpi-show = Anzeigen
kpi-presets = Zeiträume
kpi-preset-last-30-days = Letzte 30 Tage
kpi-preset-this-quarter = Dieses Quartal
kpi-preset-last-quarter = Letztes Quartal
kpi-preset-last-12-months = Letzte 12 Monate
kpi-figures = Kennzahlen, neben dem Zeitraum davor
kpi-csv = Als CSV herunterladen
kpi-figure = Kennzahl
kpi-change = Veränderung
kpi-change-points = { $change } Prozentpunkte
kpi-weeks = Woche für Woche
kpi-week-from = Woche ab
kpi-withheld = zurückgehalten
kpi-withheld-long = Hinter dieser Zahl stehen weniger als { $min } Personen, oder weniger blieben außen vor.
kpi-some-withheld = Wochen mit zu wenigen Personen haben keinen Balken
kpi-chart-data = die Zahlen als Tabelle
kpi-chart-desc = Balken für { $weeks } Wochen; die Skala reicht bis { $max }.
kpi-chart-members = Mitglieder
kpi-chart-posts = Beiträge
kpi-chart-comments = Kommentare
kpi-chart-reactions = Reaktionen
kpi-chart-tasks = Erledigte Aufgaben
kpi-members = Mitglieder am Ende
kpi-joins = Beigetreten
kpi-leaves = Ausgetreten
kpi-active_members = Aktive Mitglieder (geschrieben, kommentiert, reagiert, abgestimmt oder gefragt)
kpi-active_share = Anteil aktiver Mitglieder
kpi-posts_per_week = Beiträge pro Woche
kpi-comments_per_week = Kommentare pro Woche
kpi-reactions_per_week = Reaktionen pro Woche
kpi-questions = Gestellte Fragen
kpi-answered_share = Anteil beantworteter Fragen
kpi-hours_to_first_answer = Median der Stunden bis zur ersten Antwort (Q&A und AMA)
kpi-hours_to_accepted_answer = Median der Stunden bis zur akzeptierten Antwort
kpi-ama_participants = Personen, die in AMAs gefragt oder abgestimmt haben
kpi-tasks_done_per_week = Erledigte Aufgaben pro Woche
kpi-overdue_share = Anteil überfälliger offener Aufgaben am Ende
kpi-days_since_status_report = Tage seit dem letzten Statusbericht
kpi-reports = Meldungen an die Moderation
kpi-hours_to_handle_report = Median der Stunden bis zur Bearbeitung einer Meldung
kpi-mail_reach = Per Mail erreichte Personen (Digests, Newsletter)
kpi-unsubscribed = Personen, die sich abgemeldet haben

former-employee = Ehemaliges Teammitglied
export-title = Meine Daten
export-intro = Alles, was Allmende über Sie speichert, zum Lesen oder Mitnehmen.
export-show = Meine Daten anzeigen
export-download = Als JSON herunterladen
export-generated = Stand { $at } (UTC).
export-profile = Profil
export-source = Stammt aus
export-memberships = Mitgliedschaften
export-posts = Beiträge und Fragen
export-comments = Kommentare und Antworten
export-ama-questions = In AMAs gestellte Fragen
export-anonymous = anonym gestellt
export-activity = Reaktionen, Stimmen und Benachrichtigungen
export-reactions = { $count } Reaktionen
export-votes = { $count } Stimmen für Beiträge, Antworten und AMA-Fragen
export-polls = an { $count } Umfragen teilgenommen (bei anonymen Umfragen wird keine Wahl gespeichert)
export-notifications = { $count } Benachrichtigungen
export-tasks = Von Ihnen angelegte oder Ihnen zugewiesene Aufgaben
export-settings = Einstellungen
export-digest = Digest
export-digest-muted = Aus dem Digest ausgenommen
export-newsletter-declined = Newsletter abbestellt
export-topic = Gefolgtes Thema
export-token = API-Token
privacy-title = Datenschutz
privacy-intro = Was Allmende über die Menschen speichert, die es nutzen, wie lange und wer es sieht. Diese Seite entsteht aus den geltenden Einstellungen.
privacy-what = Was gespeichert wird
privacy-data = Daten
privacy-kept = Aufbewahrt
privacy-who = Wer es sieht
privacy-profile = Name, Benutzername, Mailadresse, Titel, Abteilung, Telefon
privacy-from-directory = (aus dem Firmenverzeichnis)
privacy-until-departure = solange Sie hier arbeiten, und { $days } Tage nach Ihrem Ausscheiden
privacy-who-everyone = alle Angemeldeten (Mailadresse und Telefon: wie das Verzeichnis sie zeigt)
privacy-content = Beiträge, Kommentare, Antworten, Reaktionen, Stimmen
privacy-content-kept = bleiben nach dem Ausscheiden, gezeigt als von einer ehemaligen Person
privacy-content-deleted = werden { $days } Tage nach dem Ausscheiden gelöscht
privacy-who-community = die Mitglieder der Community (öffentliche Communities: alle Angemeldeten)
privacy-memberships = Mitgliedschaften und Rollen
privacy-settings = Einstellungen, Benachrichtigungen, gefolgte Themen
privacy-who-you = Sie
privacy-mail = Welche Digests und Newsletter Ihnen geschickt wurden
privacy-who-admins = Administratorinnen und Administratoren
privacy-kpis = Kennzahlen zum Zustand der Communities
privacy-kpis-kept = Zahlen pro Tag, ohne Namen
privacy-who-managers = Community-Verantwortliche und Administration, nur für Gruppen ab { $min } Personen
privacy-audit = Protokoll administrativer Handlungen
privacy-audit-kept = aufbewahrt; Ihr Name wird entfernt, wenn Ihre Daten entfernt werden
privacy-no-ranking = Ohne die festgehaltene Erlaubnis eines Administrators (unten) zeigt keine Seite, kein Export und keine Schnittstelle, wie aktiv eine einzelne Person ist: keine Ranglisten, keine „Top-Beitragenden“, keine Liste derer, die nicht teilgenommen haben. Zahlen beschreiben Gruppen ab { $min } Personen.
privacy-newsletter-opt-out = Abteilungs-Newsletter und Digests können Sie in jeder Mail mit einem Klick oder in Ihren Einstellungen abbestellen.
privacy-rights = Sie können alle Ihre Daten jederzeit ansehen und herunterladen; um sie früher entfernen zu lassen, wenden Sie sich an die Administration.

action-search = Suchen
admin-people = Personen
admin-people-search = Name, Benutzername oder Mail
admin-people-found = { $count } Personen (höchstens 100)
admin-people-source = Stammt aus
admin-people-source-local = lokales Konto
admin-people-source-directory = Firmenverzeichnis
admin-people-state = Konto und Rechte
admin-people-active = aktiv
admin-people-inactive = deaktiviert
admin-people-anonymised = personenbezogene Daten entfernt
admin-people-by-admin = von der Administration (die Verzeichnissynchronisation lässt das so)
admin-people-admin = Admin
admin-people-saved = Gespeichert.
admin-people-deactivate = Deaktivieren (schließt das Konto sofort)
admin-people-reactivate = Wieder aktivieren
admin-people-grant-admin = Adminrechte geben
admin-people-revoke-admin = Adminrechte entziehen
admin-people-locks = Felder, die die Verzeichnissynchronisation nicht ändert
admin-people-locks-explained = Ein gesperrtes Feld behält, was hier eingestellt ist, auch wenn das Verzeichnis anderes sagt.
admin-people-field-display_name = Name
admin-people-field-email = Mailadresse
admin-people-field-title = Titel
admin-people-field-phone = Telefon
admin-people-field-manager = Führungskraft
admin-people-field-departments = Abteilungen
admin-people-erase = Personenbezogene Daten jetzt entfernen
admin-people-erase-explained = Name, Benutzername, Mail, Titel, Telefon, Einstellungen, Mitgliedschaften, Benachrichtigungen und Mailprotokolle werden jetzt statt nach der Aufbewahrungsfrist entfernt; was die Person geschrieben hat, bleibt als von einer ehemaligen Person (oder wird gelöscht, wie die Konfiguration es sagt). Das lässt sich nicht rückgängig machen.
admin-people-audit = Was das Protokoll über sie sagt
admin-audit = Protokoll
admin-audit-actor = Wer (Name oder Benutzername)
admin-audit-action = Worum es ging
admin-audit-topic-all = Alles
admin-audit-topic-person = Personen und Konten
admin-audit-topic-community = Communities und Mitgliedschaften
admin-audit-topic-moderation = Moderation
admin-audit-topic-post = Beiträge
admin-audit-topic-comment = Kommentare
admin-audit-topic-ama = AMAs
admin-audit-topic-poll = Umfragen
admin-audit-topic-task = Aufgaben
admin-audit-topic-status = Statusberichte
admin-audit-topic-newsletter = Newsletter
admin-audit-topic-mail = Mailversand
admin-audit-topic-settings = Einstellungen
admin-audit-topic-sync = Verzeichnisabgleich
admin-audit-topic-job = Hintergrundjobs
admin-audit-topic-session = Anmeldungen
admin-audit-topic-token = API-Tokens
admin-audit-object = Betrifft (Benutzername, Community-Kürzel)
admin-audit-at = Wann
admin-audit-details = Einzelheiten
admin-audit-shown = die neuesten { $count } werden gezeigt; die CSV enthält alle passenden
admin-audit-what = Was geschah
admin-audit-codes = Technisch
audit-nobody = Das System
audit-quoted = „{ $title }“
audit-ama-create = { $actor } hat das AMA { $object } geplant.
audit-ama-update = { $actor } hat das AMA { $object } geändert.
audit-ama-close = { $actor } hat das AMA { $object } beendet.
audit-ama-question-approve = { $actor } hat eine Frage im AMA { $object } freigegeben.
audit-ama-question-reject = { $actor } hat eine Frage im AMA { $object } abgelehnt.
audit-ama-question-merge = { $actor } hat eine Frage im AMA { $object } mit einer gleichen zusammengeführt.
audit-ama-question-hide = { $actor } hat eine Frage im AMA { $object } ausgeblendet.
audit-ama-question-pin = { $actor } hat eine Frage im AMA { $object } angeheftet.
audit-ama-question-unpin = { $actor } hat eine Frage im AMA { $object } losgelöst.
audit-comment-delete = { $actor } hat einen Kommentar zu { $object } gelöscht.
audit-community-create = { $actor } hat die Community { $object } angelegt.
audit-community-update = { $actor } hat die Einstellungen von { $object } geändert.
audit-community-archive = { $actor } hat { $object } archiviert.
audit-community-reopen = { $actor } hat { $object } wieder geöffnet.
audit-community-join = { $actor } ist { $object } beigetreten.
audit-community-request = { $actor } möchte in { $object } aufgenommen werden.
audit-community-leave = { $actor } hat { $object } verlassen.
audit-community-approve = { $actor } hat { $person } in { $object } aufgenommen.
audit-community-invite = { $actor } hat { $person } in { $object } eingeladen.
audit-community-remove = { $actor } hat { $person } aus { $object } entfernt.
audit-community-ban = { $actor } hat { $person } aus { $object } ausgeschlossen.
audit-community-unban = { $actor } hat den Ausschluss von { $person } aus { $object } aufgehoben.
audit-community-transfer = { $actor } hat die Leitung von { $object } an { $person } übergeben.
audit-community-role = { $actor } hat { $person } in { $object } die Rolle „{ $role }“ gegeben.
audit-community-person-figures-on = { $actor } hat für { $object } Zahlen zu einzelnen Personen erlaubt.
audit-community-person-figures-off = { $actor } hat für { $object } die Zahlen zu einzelnen Personen abgeschaltet.
audit-job-run = { $actor } hat „{ $object }“ von Hand gestartet.
audit-mail-resume = { $actor } hat den Mailversand an { $object } wieder aufgenommen.
audit-moderation-dismiss = { $actor } hat die Meldungen zu { $object } in { $community } verworfen.
audit-moderation-hide = { $actor } hat { $object } in { $community } ausgeblendet.
audit-moderation-delete = { $actor } hat { $object } in { $community } gelöscht.
audit-moderation-warn = { $actor } hat { $person } wegen { $object } in { $community } verwarnt.
audit-moderation-ban = { $actor } hat { $person } wegen { $object } aus { $community } ausgeschlossen.
audit-moderation-auto-hide = { $object } in { $community } wurde nach { $reports ->
    [one] einer Meldung
   *[other] { $reports } Meldungen
} von selbst ausgeblendet.
audit-newsletter-create = { $actor } hat den Newsletter { $object } entworfen.
audit-newsletter-edit = { $actor } hat den Newsletter { $object } bearbeitet.
audit-newsletter-delete = { $actor } hat den Newsletter-Entwurf { $object } gelöscht.
audit-newsletter-schedule = { $actor } hat den Newsletter { $object } zum Versand gegeben.
audit-person-create = { $actor } hat das Konto von { $object } angelegt.
audit-person-deactivate = { $actor } hat { $object } deaktiviert.
audit-person-reactivate = { $actor } hat { $object } wieder aktiviert.
audit-person-admin-grant = { $actor } hat { $object } zur Administration berechtigt.
audit-person-admin-revoke = { $actor } hat { $object } die Administration entzogen.
audit-person-locks = { $actor } hat festgelegt, welche Angaben von { $object } das Verzeichnis nicht mehr überschreibt.
audit-person-anonymised = { $actor } hat die Daten von { $object } entfernt.
audit-poll-edit = { $actor } hat die Umfrage { $object } bearbeitet.
audit-poll-close = { $actor } hat die Umfrage { $object } beendet.
audit-post-delete = { $actor } hat den Beitrag { $object } gelöscht.
audit-session-sign-in = { $actor } hat sich angemeldet.
audit-settings-change = { $actor } hat „{ $object }“ von { $from } auf { $to } geändert.
audit-settings-reset = { $actor } hat „{ $object }“ auf den Wert der Konfigurationsdatei zurückgesetzt ({ $to }).
audit-status-report = { $actor } hat für { $object } einen Statusbericht abgegeben: { $overall }.
audit-sync-run-now = { $actor } hat den Verzeichnisabgleich von Hand gestartet.
audit-sync-dry-run-now = { $actor } hat einen Probelauf des Verzeichnisabgleichs gestartet.
audit-task-delete = { $actor } hat die Aufgabe { $object } gelöscht.
audit-token-create = { $actor } hat den API-Schlüssel „{ $label }“ erstellt.
admin-audit-none = Keine Einträge.
error-still-active = Deaktivieren Sie die Person zuerst.
error-already-anonymised = Die personenbezogenen Daten dieser Person sind bereits entfernt.
error-not-yourself = Das können Sie nicht mit sich selbst tun.

admin-jobs = Hintergrundjobs
admin-jobs-explained = Was Allmende regelmäßig von selbst erledigt. Laufen mehrere Server, übernimmt jeden Lauf nur einer; Zeiten in Ihrer Zeitzone.
admin-jobs-job = Job
admin-jobs-schedule = Wann
admin-jobs-next = Nächster Lauf
admin-jobs-last = Letzter Lauf
admin-jobs-lease = Läuft gerade auf
admin-jobs-failed = fehlgeschlagen
admin-jobs-ok = erfolgreich
admin-jobs-running = läuft gerade
schedule-every-minute = jede Minute
schedule-every-minutes = alle { $count } Minuten
schedule-hourly = stündlich um :{ $minute }
schedule-daily = täglich um { $time }
admin-jobs-run = Jetzt ausführen
admin-job-directory-sync = Verzeichnissynchronisation
admin-job-task-reminders = Aufgabenerinnerungen
admin-job-ama-schedule = AMA-Zeitfenster
admin-job-kpi-days = Zustand der Communities: Tagessummen
admin-job-departures = Ausgeschiedene: Daten nach der Frist entfernen
admin-job-mail = Digests und Newsletter
admin-directory-dry-run = Zeigen, was eine Synchronisation jetzt ändern würde
admin-directory-run = Jetzt synchronisieren
error-no-directory = Es ist kein Verzeichnis eingerichtet.
admin-communities = Communities
admin-communities-search = Name
admin-communities-kind = Art
admin-communities-members = Mitglieder
admin-communities-managers = Leitung
admin-communities-actions = Aktionen
admin-communities-archived = archiviert
admin-communities-archive = Archivieren
admin-communities-reopen = Wieder öffnen
admin-communities-new-manager = Neue Leitung (Name, Benutzername oder Mailadresse)
admin-communities-transfer = Leitung übergeben

# Einstellungen, die sich im Betrieb ändern lassen (/admin/settings)
admin-settings = Einstellungen
admin-settings-explained = Diese Einstellungen gelten ohne Neustart: sofort auf diesem Server, binnen { $seconds } Sekunden auf allen anderen. Alles andere (Verbindungen, Zeitpläne, das Mail-Tempo) steht in der Konfigurationsdatei. Jede Änderung steht im Protokoll.
admin-settings-setting = Einstellung
admin-settings-value = Aktueller Wert
admin-settings-file = Laut Konfigurationsdatei
admin-settings-changed = Zuletzt geändert
admin-settings-reset = Zurück zum Wert der Datei
admin-settings-on = ja
admin-settings-off = nein
admin-settings-refused = Dieser Wert für „{ $setting }“ ist nicht erlaubt; die Regel steht unter der Einstellung.
setting-choice-everyone = alle
setting-choice-admins = nur Administratoren
setting-choice-keep = behalten (gezeigt als „Ehemaliges Teammitglied“)
setting-choice-delete = löschen
setting-communities-create-project = Wer Projekt-Communities anlegen darf
setting-communities-create-project-hint = Alle oder nur Administratoren.
setting-communities-create-interest = Wer Interessen-Communities anlegen darf
setting-communities-create-interest-hint = Alle oder nur Administratoren.
setting-communities-auto-hide-reports = Meldungen, die einen Beitrag ausblenden
setting-communities-auto-hide-reports-hint = Ein Beitrag oder Kommentar, den so viele gemeldet haben, ist bis zur Entscheidung der Moderation ausgeblendet; 0: nie.
setting-auth-max-failures-per-account = Fehlversuche bei der Anmeldung je Konto
setting-auth-max-failures-per-account-hint = Innerhalb des Zeitraums unten; mindestens 1.
setting-auth-max-failures-per-address = Fehlversuche bei der Anmeldung je Adresse
setting-auth-max-failures-per-address-hint = Innerhalb des Zeitraums unten; mindestens 1.
setting-auth-throttle-window-minutes = Zeitraum der Anmeldesperre (Minuten)
setting-auth-throttle-window-minutes-hint = So lange zählen Fehlversuche.
setting-ldap-max-deactivate-fraction = Bremse des Verzeichnisabgleichs
setting-ldap-max-deactivate-fraction-hint = Ein Abgleich, der mehr als diesen Anteil der aktiven Personen (in Prozent) deaktivieren würde, ändert nichts.
setting-mail-pause-after-failures = Ablehnungen, bevor Mail pausiert
setting-mail-pause-after-failures-hint = Dauerhafte Ablehnungen in Folge, nach denen die Mail einer Person pausiert; mindestens 1.
setting-mail-newsletter-opt-out = Abmelden von Abteilungs-Newslettern erlaubt
setting-mail-newsletter-opt-out-hint = Nein: Abteilungs-Newsletter sind dienstliche Mail, die Mitglieder erhalten.
setting-status-stale-after-days = Tage, bis ein Statusbericht veraltet ist
setting-status-stale-after-days-hint = In der Statusübersicht; mindestens 1.
setting-kpi-min-group = Kleinste Gruppe in Community-Kennzahlen
setting-kpi-min-group-hint = Kennzahlen über Personen erscheinen nur für Gruppen mindestens dieser Größe; 5 oder mehr (darf erhöht, nie unter 5 gesenkt werden).
setting-privacy-retention-days = Tage, bis die Daten ausgeschiedener Personen entfernt werden
setting-privacy-retention-days-hint = Ab ihrer Deaktivierung; mindestens 1.
setting-privacy-departed-content = Beiträge ausgeschiedener Personen
setting-privacy-departed-content-hint = Behalten unter „Ehemaliges Teammitglied“ oder gelöscht, wenn ihre Daten entfernt werden.
privacy-person-figures = { $count ->
    [0] Keine Community hat Zahlen je Person.
    [one] Ein Administrator kann für eine Community Zahlen je Person erlauben, mit Begründung: Beiträge, Kommentare und Reaktionen derer, die teilgenommen haben, mit Namen und ohne Rangfolge, für ihre Verwaltung. Die Seite der Community sagt das, mit Begründung, allen, die sie sehen. Eine Community hat sie derzeit.
   *[other] Ein Administrator kann für eine Community Zahlen je Person erlauben, mit Begründung: Beiträge, Kommentare und Reaktionen derer, die teilgenommen haben, mit Namen und ohne Rangfolge, für ihre Verwaltung. Die Seite der Community sagt das, mit Begründung, allen, die sie sehen. { $count } Communities haben sie derzeit.
}
person-figures-on = In dieser Community sind Zahlen je Person eingeschaltet: Die Verwaltung sieht Beiträge, Kommentare und Reaktionen der Teilnehmenden mit Namen. Erlaubt von { $who },
kpi-contributors = Beiträge je Person
kpi-contributors-explained = Ein Administrator ({ $who }) hat für diese Community Zahlen je Person erlaubt. Nach Namen geordnet, keine Rangfolge; nur wer im Zeitraum teilgenommen hat. Die Begründung:
admin-communities-person-figures-on = Zahlen je Person erlaubt
admin-communities-person-figures-reason = Begründung für Zahlen je Person
admin-communities-person-figures-allow = Erlauben
admin-communities-person-figures-withdraw = Zahlen je Person zurücknehmen
error-person-figures-off = Zahlen je Person sind für diese Community nicht erlaubt.

# Times as people say them (web/when.rs)
time-just-now = gerade eben
time-minutes-ago = { $count ->
    [one] vor 1 Minute
   *[other] vor { $count } Minuten
}
time-in-minutes = { $count ->
    [one] in 1 Minute
   *[other] in { $count } Minuten
}
time-hours-ago = { $count ->
    [one] vor 1 Stunde
   *[other] vor { $count } Stunden
}
time-today-at = heute um { $time }
time-yesterday-at = gestern um { $time }
time-tomorrow-at = morgen um { $time }
time-weekday-at = { $day } um { $time }

# The header of every page
nav-menu = Menü
nav-work = Meine Arbeit
shell-search-placeholder = Suchen …
shell-search-everywhere = Überall suchen
shell-notifications = { $count ->
    [0] Benachrichtigungen
    [one] Benachrichtigungen, 1 ungelesen
   *[other] Benachrichtigungen, { $count } ungelesen
}
shell-account = Konto von { $name }
shell-profile = Mein Profil

# The administration overview (/admin)
admin-attention = Was Aufmerksamkeit braucht
admin-attention-calm = Alles in Ordnung: kein abgebrochener Abgleich, keine offenen Meldungen, keine angehaltene Mail, kein fehlgeschlagener Auftrag.
admin-attention-mail-off = Es wird keine Mail verschickt (mail.transport ist „none“): Zusammenfassungen, Newsletter und Hinweise erreichen niemanden.
admin-attention-sync = Der letzte Verzeichnisabgleich wurde abgebrochen; es wurde nichts geändert.
admin-attention-sync-open = Grund ansehen
admin-attention-reports = { $count ->
    [one] 1 Meldung wartet auf eine Entscheidung
   *[other] { $count } Meldungen warten auf eine Entscheidung
}
admin-attention-mail = { $count ->
    [one] Die Mail an 1 Person ist angehalten
   *[other] Die Mail an { $count } Personen ist angehalten
}
admin-attention-jobs = { $count ->
    [one] 1 Job ist zuletzt fehlgeschlagen
   *[other] { $count } Jobs sind zuletzt fehlgeschlagen
}
admin-areas = Bereiche
admin-area-people = Konten suchen, sperren, Daten ausscheidender Personen
admin-area-directory = Abgleich mit dem Firmenverzeichnis und seine Läufe
admin-area-communities = Alle Communities, Leitung übertragen, archivieren
admin-area-reports = Gemeldete Beiträge aller Communities
admin-area-mail = Zustellung, angehaltene Empfänger, Testmail
admin-area-jobs = Geplante Jobs und ihr letzter Lauf
admin-area-audit = Wer wann was geändert hat
admin-area-settings = Einstellungen, die im Betrieb geändert werden dürfen
admin-area-kpis = Kennzahlen der ganzen Organisation

## Confirmations: the question before a far-reaching action
confirm-cancel = Abbrechen
confirm-lasting = Das lässt sich nicht rückgängig machen.
confirm-post-delete = Beitrag löschen?
confirm-post-delete-own = Ihr Beitrag „{ $title }“ { $comments ->
    [0] wird gelöscht.
    [one] wird mit seinem Kommentar gelöscht.
   *[other] wird mit seinen { $comments } Kommentaren gelöscht.
}
confirm-post-delete-other = Der Beitrag „{ $title }“ von { $author } { $comments ->
    [0] wird gelöscht.
    [one] wird mit seinem Kommentar gelöscht.
   *[other] wird mit seinen { $comments } Kommentaren gelöscht.
}
confirm-comment-delete = Kommentar löschen?
confirm-comment-delete-own = Ihr Kommentar verschwindet aus der Unterhaltung.
confirm-comment-delete-other = Der Kommentar von { $author } verschwindet aus der Unterhaltung.
confirm-task-delete = Aufgabe löschen?
confirm-task-delete-what = „{ $title }“ verschwindet vom Aufgabenboard und aus den Aufgabenlisten aller Beteiligten.
confirm-leave = { $community } verlassen?
confirm-leave-open = Sie bekommen dann keine Beiträge mehr aus dieser Community. Sie können jederzeit wieder beitreten.
confirm-leave-request = Sie bekommen dann keine Beiträge mehr aus dieser Community. Um zurückzukommen, müssen Sie erneut um Aufnahme bitten.
confirm-leave-invite = Sie bekommen dann keine Beiträge mehr aus dieser Community. Zurück kommen Sie nur mit einer neuen Einladung.
confirm-remove = { $name } aus { $community } entfernen?
confirm-remove-what = { $name } sieht dann keine Inhalte mehr, die nur für Mitglieder sind, und bekommt keine Beiträge mehr aus dieser Community. Was { $name } geschrieben hat, bleibt.
confirm-ban = { $name } in { $community } sperren?
confirm-ban-what = { $name } wird entfernt und kann erst wieder beitreten, wenn jemand aus der Leitung die Sperre aufhebt.
confirm-deactivate = Konto von { $name } deaktivieren?
confirm-deactivate-what = Die Person wird sofort abgemeldet und kann sich nicht mehr anmelden; ihre API-Schlüssel gelten nicht mehr. Was sie geschrieben hat, bleibt. Nach { $days } Tagen werden ihre personenbezogenen Daten entfernt; bis dahin können Sie das Konto wieder aktivieren.
admin-people-deactivate-short = Deaktivieren
confirm-anonymise = Personenbezogene Daten von { $name } entfernen?
confirm-archive = { $community } archivieren?
confirm-archive-what = { $members ->
    [one] Das Mitglied kann weiter lesen,
   *[other] Die { $members } Mitglieder können weiter lesen,
} aber niemand kann mehr schreiben, kommentieren oder beitreten. Sie können die Community jederzeit wieder öffnen.
confirm-ama-close = „{ $title }“ jetzt beenden?
confirm-ama-close-what = Danach kann niemand mehr Fragen stellen, abstimmen oder antworten. { $unanswered ->
    [0] Alle Fragen sind beantwortet.
    [one] Eine Frage bleibt unbeantwortet.
   *[other] { $unanswered } Fragen bleiben unbeantwortet.
}
confirm-poll-close = Umfrage „{ $question }“ beenden?
confirm-poll-close-what = { $voters ->
    [0] Bisher hat niemand abgestimmt.
    [one] Eine Person hat abgestimmt.
   *[other] { $voters } Personen haben abgestimmt.
} Danach zählt keine Stimme mehr, das Ergebnis steht fest.
confirm-newsletter-send = An { $count ->
    [one] ein Mitglied
   *[other] { $count } Mitglieder
} { $kind ->
    [department] der Abteilung
    [project] des Projekts
   *[other] der Community
} { $community } senden?
confirm-newsletter-send-what = Der Newsletter geht sofort hinaus, an jedes Mitglied einmal. Wer Mail pausiert oder den Newsletter abbestellt hat, ist nicht mitgezählt.
newsletter-send-to = { $count ->
    [one] An ein Mitglied senden
   *[other] An { $count } Mitglieder senden
}

## People fields: a name, a user name, a mail address or a department
pick-which = Wen meinen Sie mit „{ $typed }“?
pick-nobody = Zu „{ $typed }“ finden wir niemanden.
pick-nobody-hint = Versuchen Sie den Namen, den Benutzernamen, die Mailadresse oder die Abteilung.
invalid-choose-person = { $field }: Mehrere Personen passen. Bitte wählen Sie unten aus, wen Sie meinen.

## A community's header: its parts as tabs and the managers' menu
community-parts = Bereiche von { $community }
tab-blog = Blog
tab-qa = Fragen
tab-amas = AMAs
tab-tasks = Aufgaben
tab-status = Status
tab-polls = Umfragen
tab-meetings = Termine
tab-newsletters = Newsletter
manage-menu = Verwalten
manage-settings = Einstellungen
manage-members = Mitglieder
manage-reports = Meldungen
manage-kpis = Kennzahlen
standing-manager = Sie leiten diese Community
standing-moderator = Sie moderieren
standing-member = Mitglied

## Posts in a list
post-in = in
post-fresh = Neu
post-continue = Weiterlesen
post-comment-link = { $count ->
    [0] Kommentieren
    [one] 1 Kommentar
   *[other] { $count } Kommentare
}
home-announcements = Ankündigungen
home-fresh = { $count ->
    [one] Ein neuer Beitrag seit Ihrem letzten Besuch
   *[other] { $count } neue Beiträge seit Ihrem letzten Besuch
}

## Time zones by region
zone-region-usual = Häufig gewählt
zone-region-Europe = Europa
zone-region-America = Amerika
zone-region-Asia = Asien
zone-region-Africa = Afrika
zone-region-Australia = Australien
zone-region-Pacific = Pazifik
zone-region-Atlantic = Atlantik
zone-region-Indian = Indischer Ozean
zone-region-Antarctica = Antarktis

## Writing: preview, formatting help, mentions
editor-hint = Sie können mit Markdown formatieren: **fett**, _kursiv_, Listen, Links. Mit @ erwähnen Sie jemanden, mit # ordnen Sie ein Thema zu.
editor-preview = Vorschau
editor-help = Formatierungshilfe
editor-help-type = Sie schreiben
editor-help-get = Sie erhalten
editor-help-link = Linktext
editor-help-item = Listenpunkt
editor-help-quote = Zitat
editor-help-quote-is = ein eingerücktes Zitat
editor-help-name = jneumann
editor-help-mention = erwähnt die Person; sie wird benachrichtigt (beim Tippen nach dem @ schlagen wir Namen vor)
editor-help-topic = onboarding
editor-help-topic-is = ordnet den Beitrag dem Thema zu
editor-mentions = Vorschläge für die Erwähnung
post-publish = Veröffentlichen
post-save-changes = Änderungen speichern
admin-communities-no-manager = ohne Leitung
admin-attention-unmanaged = { $count ->
    [one] Eine Community hat keine Leitung: niemand nimmt dort Anfragen an oder moderiert.
   *[other] { $count } Communities haben keine Leitung: niemand nimmt dort Anfragen an oder moderiert.
}
community-done-joined = Willkommen! Sie sind jetzt Mitglied; neue Beiträge erscheinen auf Ihrer Startseite.
community-done-requested = Ihre Anfrage ist bei der Leitung. Sie erfahren es, sobald sie entschieden hat.
