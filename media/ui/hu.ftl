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
film-watch = A film megtekintése
film-play = Lejátszás
film-pause = Szünet
film-close = Bezárás
guide-title = Hangos kalauz
guide-listen = A kalauz meghallgatása
guide-stop = Leállítás
guide-language-changed = A kalauz a nyelvváltáskor leállt. Meghallgatja magyarul?
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

interest-open = Információt kérek
interest-title = Mit küldhetünk Önnek?
interest-intro = Válassza ki, mi érdekli, és adja meg e-mail-címét. A városok írni fognak Önnek.
field-email = E-mail-cím
field-name = Név (nem kötelező)
field-country = Lakóhely szerinti ország
field-message = Üzenet (nem kötelező)
field-address = Postacím a naptárhoz
choose-country = Válasszon…
interest-towns = Városok
interest-add-towns = Városok kiválasztása
interest-themes = Érdeklődés
interest-family = Gyerekekkel utazunk
interest-calendar = Kérem a programnaptárt
calendar-none = Köszönöm, nem
calendar-email = E-mailben
calendar-post = Postán
consent-title = Hozzájárulása
consent-required = kötelező
consent-optional = nem kötelező
interest-send = Küldés
interest-clear = Újrakezdés
error-email-missing = Kérjük, adja meg e-mail-címét.
error-email-malformed = Ez nem tűnik e-mail-címnek. Kérjük, ellenőrizze.
error-consent = Kérjük, járuljon hozzá a kapcsolatfelvételhez, hogy a városok válaszolhassanak.
error-address = Kérjük, adja meg postacímét, vagy válassza a naptárt e-mailben.
error-too-long = Ez a szöveg túl hosszú.
error-saving = Sajnos kérését nem sikerült menteni. Kérjük, forduljon a stand munkatársaihoz.
interest-saving = Küldés…
phone-continue = Folytatás a telefonon
phone-continue-hint = Olvassa be a kódot a telefonja kamerájával, és ott töltse ki az űrlapot.
thanks-title = Köszönjük!
thanks-text = Kérését elmentettük. A városok hamarosan írnak Önnek.
thanks-done = Vissza a városokhoz
key-shift = Nagybetű
key-backspace = Törlés
key-space = Szóköz
key-done = Kész
residence-at = Ausztria
residence-si = Szlovénia
residence-hu = Magyarország
residence-de = Németország
residence-it = Olaszország
residence-hr = Horvátország
residence-cz = Csehország
residence-sk = Szlovákia
residence-pl = Lengyelország
residence-ch = Svájc
residence-nl = Hollandia
residence-be = Belgium
residence-fr = Franciaország
residence-gb = Egyesült Királyság
residence-other = Más ország
staff-pin-title = Személyzet: adja meg a PIN-kódot
staff-pin-wrong = Hibás PIN-kód. Még { $tries } próbálkozás.
staff-pin-locked = Túl sok hibás PIN-kód. Próbálja újra { $minutes } perc múlva.
staff-not-set-up = A személyzeti mód ezen a kioszkon nincs beállítva: írjon a kiosk.toml fájlba a `city-kiosk pin hash` paranccsal készült PIN-hash-t.
staff-title = Személyzet
staff-today = Mai érdeklődők
staff-total = Összes érdeklődő
staff-unsynced = Még nincs elküldve a központba
staff-only-here = Csak ezen a kioszkon
staff-top-towns = Legkeresettebb városok
staff-top-themes = Legkeresettebb témák
staff-export = Érdeklődők mentése CSV-be ide:
staff-no-drive = Nincs USB-meghajtó. Csatlakoztasson egyet; itt fog megjelenni.
staff-exported = { $count } érdeklődő mentve ide: { $file }
staff-export-failed = Az exportálás nem sikerült: { $error }
staff-erase = Exportált érdeklődők törlése
staff-erase-confirm = Törli a(z) { $count } exportált érdeklődőt erről a kioszkról? Ez nem vonható vissza.
staff-erased = { $count } érdeklődő törölve.
staff-venue = Helyszín
staff-save-venue = Helyszín mentése
staff-quit = Kioszk bezárása
staff-close = Bezárás
staff-hub = Központ
staff-last-sync = Utolsó szinkronizálás: { $time }
staff-next-sync = Következő próbálkozás: { $time }
staff-never-synced = Még nem volt szinkronizálás.
staff-sync-now = Szinkronizálás most
staff-no-hub = Ez a kioszk önállóan működik (nincs központ beállítva): mentse az érdeklődőket CSV-be.
staff-sync-error = Utolsó hiba: { $error }
yes = Igen
cancel = Mégse

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
