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
