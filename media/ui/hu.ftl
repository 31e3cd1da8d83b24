# A kioszk felületének magyar szövegei. A bal oldali azonosítókat ne
# változtassa meg; a kioszk visszautasítja a csomagot, ha bármelyik hiányzik.

nav-towns = Városok
nav-events = Programok
nav-map = Térkép
nav-kids = Gyerekeknek
back = Vissza
home = Kezdőlap

attract-touch = Érintse meg a képernyőt az induláshoz

home-title = Fedezzen fel 24 várost három országban
filter-all = Mind
filter-country = Ország
filter-theme = Érdeklődés
home-no-town = Egyik város sem felel meg mindkét szűrőnek.
home-show-all = Összes város
town-count = { $count ->
    [one] { $count } város
   *[other] { $count } város
}

country-at = Ausztria
country-si = Szlovénia
country-hu = Magyarország

theme-tourism = Turizmus
theme-culture = Kultúra
theme-culinary = Gasztronómia
theme-family = Család
theme-business = Üzlet
theme-youth = Fiatalok

town-about = A városról
town-sights = Látnivalók
town-events = Közelgő programok
town-no-events = A következő hónapokra nincs program a naptárban.
town-benefits = Kedvezmények Önnek
benefit-valid = Érvényes: { $from } – { $until }
benefit-code = Kód: { $code }
town-kids = Gyereksarok
town-guide = Vigye magával: { $town }
town-guide-hint = Olvassa be a kódot a telefonja kamerájával, és megnyílik a mobil útikalauz.
town-send-more = Küldjenek még többet erről: { $town }
town-population = { $count ->
    [one] { $number } lakos
   *[other] { $number } lakos
}
gallery-position = { $index } / { $total }
event-count = { $count ->
    [one] { $count } esemény
   *[other] { $count } esemény
}

events-title = Programok a régióban
events-this-weekend = Ezen a hétvégén
events-all-dates = Minden időpont
events-any-town = Minden város
events-any-category = Minden fajta
events-none = Nincs ilyen program. Válasszon másik hónapot, várost vagy fajtát.

category-festival = Ünnep
category-culture = Kultúra
category-music = Zene
category-culinary = Gasztronómia
category-market = Vásár
category-sport = Sport
category-family = Család
category-fair = Kiállítás
category-tradition = Hagyomány

map-title = A 24 város a térképen
map-hint = Érintsen meg egy várost a megnyitásához.

kids-title = Ismerd meg a kabalákat
kids-hint = Érints meg egy kabalát, és olvasd el a történetét.
kids-visit-town = Irány { $town }!
kids-things-to-do = Gyerekprogramok

idle-still-there = Még itt van?
idle-continue = Érintse meg a képernyőt, ha maradna. Visszatérés a kezdőlapra { $seconds } másodperc múlva.

month-1 = január
month-2 = február
month-3 = március
month-4 = április
month-5 = május
month-6 = június
month-7 = július
month-8 = augusztus
month-9 = szeptember
month-10 = október
month-11 = november
month-12 = december
month-date-1 = január
month-date-2 = február
month-date-3 = március
month-date-4 = április
month-date-5 = május
month-date-6 = június
month-date-7 = július
month-date-8 = augusztus
month-date-9 = szeptember
month-date-10 = október
month-date-11 = november
month-date-12 = december
