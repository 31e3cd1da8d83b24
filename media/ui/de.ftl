# UI-Texte des Kiosks auf Deutsch. Die Kennungen links nicht ändern; ein
# Paket ohne eine davon wird abgelehnt. `{ $count -> ... }` wählt den Plural.

nav-towns = Städte
nav-events = Veranstaltungen
nav-map = Karte
nav-kids = Für Kinder
back = Zurück
home = Start

attract-touch = Bildschirm berühren zum Starten

home-title = Entdecken Sie 24 Städte in drei Ländern
filter-all = Alle
filter-country = Land
filter-theme = Interesse
home-no-town = Keine Stadt passt zu beiden Filtern.
home-show-all = Alle Städte zeigen
town-count = { $count ->
    [one] { $count } Stadt
   *[other] { $count } Städte
}

country-at = Österreich
country-si = Slowenien
country-hu = Ungarn

theme-tourism = Tourismus
theme-culture = Kultur
theme-culinary = Kulinarik
theme-family = Familie
theme-business = Wirtschaft
theme-youth = Jugend

town-about = Über die Stadt
town-sights = Sehenswertes
town-events = Nächste Veranstaltungen
town-no-events = Für die nächsten Monate stehen keine Veranstaltungen im Kalender.
town-benefits = Angebote für Sie
benefit-valid = Gültig { $from } – { $until }
benefit-code = Code: { $code }
town-kids = Kinderecke
town-guide = { $town } zum Mitnehmen
town-guide-hint = Scannen Sie den Code mit der Handykamera, um den mobilen Führer zu öffnen.
town-send-more = Mehr über { $town } zusenden
film-watch = Film ansehen
film-play = Abspielen
film-pause = Pause
film-close = Schließen
guide-title = Hörführung
guide-listen = Hörführung anhören
guide-stop = Stopp
guide-language-changed = Die Hörführung wurde beim Sprachwechsel angehalten. Auf Deutsch anhören?
town-population = { $count ->
    [one] { $number } Einwohner
   *[other] { $number } Einwohner
}
gallery-position = { $index } von { $total }
event-count = { $count ->
    [one] { $count } Veranstaltung
   *[other] { $count } Veranstaltungen
}

events-title = Veranstaltungen in der Region
events-this-weekend = Dieses Wochenende
events-all-dates = Alle Termine
events-any-town = Alle Städte
events-any-category = Alle Arten
events-none = Keine passenden Veranstaltungen. Versuchen Sie einen anderen Monat, eine andere Stadt oder Art.

category-festival = Fest
category-culture = Kultur
category-music = Musik
category-culinary = Kulinarik
category-market = Markt
category-sport = Sport
category-family = Familie
category-fair = Messe
category-tradition = Brauchtum

map-title = Die 24 Städte auf der Karte
map-hint = Berühren Sie eine Stadt, um sie zu öffnen.

kids-title = Die Maskottchen
kids-hint = Berühre ein Maskottchen, um seine Geschichte zu lesen.
kids-visit-town = { $town } besuchen
kids-things-to-do = Das gibt es für Kinder

idle-still-there = Noch da?
idle-continue = { $seconds ->
    [one] Berühren Sie den Bildschirm, um zu bleiben. Zurück zum Start in { $seconds } Sekunde.
   *[other] Berühren Sie den Bildschirm, um zu bleiben. Zurück zum Start in { $seconds } Sekunden.
}

interest-open = Informationen anfordern
interest-title = Was dürfen wir Ihnen senden?
interest-intro = Wählen Sie, was Sie interessiert, und hinterlassen Sie Ihre E-Mail-Adresse. Die Städte schreiben Ihnen.
field-email = E-Mail-Adresse
field-name = Name (freiwillig)
field-country = Wohnland
field-message = Nachricht (freiwillig)
field-address = Postanschrift für den Kalender
choose-country = Auswählen…
interest-towns = Städte
interest-add-towns = Städte wählen
interest-themes = Interessen
interest-family = Wir reisen mit Kindern
interest-calendar = Veranstaltungskalender zusenden
calendar-none = Nein, danke
calendar-email = Per E-Mail
calendar-post = Per Post
consent-title = Ihre Einwilligung
consent-required = erforderlich
consent-optional = freiwillig
interest-send = Senden
interest-clear = Neu beginnen
error-email-missing = Bitte geben Sie Ihre E-Mail-Adresse ein.
error-email-malformed = Das sieht nicht wie eine E-Mail-Adresse aus. Bitte prüfen Sie sie.
error-consent = Bitte stimmen Sie der Kontaktaufnahme zu, damit die Städte Ihnen antworten können.
error-address = Bitte geben Sie Ihre Postanschrift ein oder wählen Sie den Kalender per E-Mail.
error-too-long = Dieser Text ist zu lang.
error-saving = Leider konnte Ihre Anfrage nicht gespeichert werden. Bitte wenden Sie sich an das Standpersonal.
interest-saving = Wird gesendet…
phone-continue = Auf dem Handy weitermachen
phone-continue-hint = Scannen Sie den Code mit der Kamera Ihres Handys und füllen Sie das Formular dort aus.
thanks-title = Vielen Dank!
thanks-text = Ihre Anfrage ist gespeichert. Die Städte schreiben Ihnen bald.
thanks-done = Zurück zu den Städten
key-shift = Umschalt
key-backspace = Löschen
key-space = Leerzeichen
key-done = Fertig
residence-at = Österreich
residence-si = Slowenien
residence-hu = Ungarn
residence-de = Deutschland
residence-it = Italien
residence-hr = Kroatien
residence-cz = Tschechien
residence-sk = Slowakei
residence-pl = Polen
residence-ch = Schweiz
residence-nl = Niederlande
residence-be = Belgien
residence-fr = Frankreich
residence-gb = Vereinigtes Königreich
residence-other = Anderes Land
staff-pin-title = Personal: PIN eingeben
staff-pin-wrong = { $tries ->
    [one] Falsche PIN. Noch { $tries } Versuch.
   *[other] Falsche PIN. Noch { $tries } Versuche.
}
staff-pin-locked = { $minutes ->
    [one] Zu viele falsche PINs. Erneut versuchen in { $minutes } Minute.
   *[other] Zu viele falsche PINs. Erneut versuchen in { $minutes } Minuten.
}
staff-not-set-up = Der Personalmodus ist auf diesem Kiosk nicht eingerichtet: Tragen Sie einen mit `city-kiosk pin hash` erzeugten PIN-Hash in kiosk.toml ein.
staff-title = Personal
staff-today = Kontakte heute
staff-total = Kontakte insgesamt
staff-unsynced = Noch nicht an den Hub gesendet
staff-only-here = Nur auf diesem Kiosk
staff-top-towns = Meistgefragte Städte
staff-top-themes = Meistgefragte Interessen
staff-export = Kontakte als CSV speichern auf
staff-no-drive = Kein USB-Laufwerk gefunden. Stecken Sie eines an; es erscheint hier.
staff-exported = { $count ->
    [one] { $count } Kontakt gespeichert in { $file }
   *[other] { $count } Kontakte gespeichert in { $file }
}
staff-export-failed = Der Export ist fehlgeschlagen: { $error }
staff-erase = Exportierte Kontakte löschen
staff-erase-confirm = { $count ->
    [one] { $count } exportierten Kontakt von diesem Kiosk löschen? Das kann nicht rückgängig gemacht werden.
   *[other] { $count } exportierte Kontakte von diesem Kiosk löschen? Das kann nicht rückgängig gemacht werden.
}
staff-erased = { $count ->
    [one] { $count } Kontakt gelöscht.
   *[other] { $count } Kontakte gelöscht.
}
staff-venue = Standort
staff-save-venue = Standort speichern
staff-quit = Kiosk beenden
staff-close = Schließen
staff-hub = Hub
staff-last-sync = Letzter Abgleich: { $time }
staff-next-sync = Nächster Versuch: { $time }
staff-never-synced = Noch nicht abgeglichen.
staff-sync-now = Jetzt abgleichen
staff-no-hub = Dieser Kiosk arbeitet allein (kein Hub eingerichtet): Kontakte als CSV speichern.
staff-sync-error = Letzter Fehler: { $error }
yes = Ja
cancel = Abbrechen

month-1 = Januar
month-2 = Februar
month-3 = März
month-4 = April
month-5 = Mai
month-6 = Juni
month-7 = Juli
month-8 = August
month-9 = September
month-10 = Oktober
month-11 = November
month-12 = Dezember
month-date-1 = Januar
month-date-2 = Februar
month-date-3 = März
month-date-4 = April
month-date-5 = Mai
month-date-6 = Juni
month-date-7 = Juli
month-date-8 = August
month-date-9 = September
month-date-10 = Oktober
month-date-11 = November
month-date-12 = Dezember
