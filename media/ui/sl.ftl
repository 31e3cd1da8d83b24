# Besedila vmesnika kioska v slovenščini. Oznak na levi ne spreminjajte;
# paket brez katere od njih je zavrnjen. `{ $count -> ... }` izbere dvojino in množino.

nav-towns = Mesta
nav-events = Dogodki
nav-map = Zemljevid
nav-kids = Za otroke
back = Nazaj
home = Začetek

attract-touch = Za začetek se dotaknite zaslona

home-title = Odkrijte 24 mest v treh državah
filter-all = Vse
filter-country = Država
filter-theme = Zanimanje
home-no-town = Nobeno mesto ne ustreza obema filtroma.
home-show-all = Pokaži vsa mesta
town-count = { $count ->
    [one] { $count } mesto
    [two] { $count } mesti
    [few] { $count } mesta
   *[other] { $count } mest
}

country-at = Avstrija
country-si = Slovenija
country-hu = Madžarska

theme-tourism = Turizem
theme-culture = Kultura
theme-culinary = Kulinarika
theme-family = Družina
theme-business = Gospodarstvo
theme-youth = Mladi

town-about = O mestu
town-sights = Znamenitosti
town-events = Prihodnji dogodki
town-no-events = V koledarju za prihodnje mesece ni dogodkov.
town-benefits = Ugodnosti za vas
benefit-valid = Velja { $from } – { $until }
benefit-code = Koda: { $code }
town-kids = Otroški kotiček
town-guide = { $town } v vašem žepu
town-guide-hint = Kodo skenirajte s kamero telefona in odprite mobilni vodnik.
town-send-more = Pošljite mi več o kraju { $town }
film-watch = Oglejte si film
film-play = Predvajaj
film-pause = Premor
film-close = Zapri
guide-title = Zvočni vodnik
guide-listen = Poslušajte vodnik
guide-stop = Ustavi
guide-language-changed = Vodnik se je ob menjavi jezika ustavil. Ga želite poslušati v slovenščini?
town-population = { $count ->
    [one] { $number } prebivalec
    [two] { $number } prebivalca
    [few] { $number } prebivalci
   *[other] { $number } prebivalcev
}
gallery-position = { $index } od { $total }
event-count = { $count ->
    [one] { $count } dogodek
    [two] { $count } dogodka
    [few] { $count } dogodki
   *[other] { $count } dogodkov
}

events-title = Dogodki v regiji
events-this-weekend = Ta konec tedna
events-all-dates = Vsi datumi
events-any-town = Vsa mesta
events-any-category = Vse vrste
events-none = Ni ustreznih dogodkov. Izberite drug mesec, mesto ali vrsto.

category-festival = Praznik
category-culture = Kultura
category-music = Glasba
category-culinary = Kulinarika
category-market = Tržnica
category-sport = Šport
category-family = Družina
category-fair = Sejem
category-tradition = Običaji

map-title = 24 mest na zemljevidu
map-hint = Dotaknite se mesta, da ga odprete.

kids-title = Spoznaj maskote
kids-hint = Dotakni se maskote in preberi njeno zgodbo.
kids-visit-town = Obišči kraj { $town }
kids-things-to-do = Za otroke

idle-still-there = Ste še tu?
idle-continue = { $seconds ->
    [one] Dotaknite se zaslona, da ostanete. Vrnitev na začetek čez { $seconds } sekundo.
    [two] Dotaknite se zaslona, da ostanete. Vrnitev na začetek čez { $seconds } sekundi.
    [few] Dotaknite se zaslona, da ostanete. Vrnitev na začetek čez { $seconds } sekunde.
   *[other] Dotaknite se zaslona, da ostanete. Vrnitev na začetek čez { $seconds } sekund.
}

interest-open = Želim informacije
interest-title = Kaj vam lahko pošljemo?
interest-intro = Izberite, kar vas zanima, in pustite svoj e-poštni naslov. Mesta vam bodo pisala.
field-email = E-poštni naslov
field-name = Ime (neobvezno)
field-country = Država bivanja
field-message = Sporočilo (neobvezno)
field-address = Poštni naslov za koledar
choose-country = Izberite …
interest-towns = Mesta
interest-add-towns = Izberite mesta
interest-themes = Zanimanja
interest-family = Potujemo z otroki
interest-calendar = Pošljite mi koledar dogodkov
calendar-none = Ne, hvala
calendar-email = Po e-pošti
calendar-post = Po pošti
consent-title = Vaša privolitev
consent-required = obvezno
consent-optional = neobvezno
interest-send = Pošlji
interest-clear = Začni znova
error-email-missing = Vpišite svoj e-poštni naslov.
error-email-malformed = To ni videti kot e-poštni naslov. Preverite ga.
error-consent = Strinjajte se, da vas kontaktiramo, sicer vam mesta ne morejo odgovoriti.
error-address = Vpišite poštni naslov ali izberite koledar po e-pošti.
error-too-long = To besedilo je predolgo.
error-saving = Žal vaše želje ni bilo mogoče shraniti. Prosimo, obrnite se na osebje na stojnici.
interest-saving = Pošiljanje …
phone-continue = Nadaljujte na telefonu
phone-continue-hint = Skenirajte kodo s kamero telefona in izpolnite obrazec tam.
thanks-title = Hvala!
thanks-text = Vaša želja je shranjena. Mesta vam bodo kmalu pisala.
thanks-done = Nazaj na mesta
key-shift = Velike
key-backspace = Briši
key-space = Presledek
key-done = Končano
residence-at = Avstrija
residence-si = Slovenija
residence-hu = Madžarska
residence-de = Nemčija
residence-it = Italija
residence-hr = Hrvaška
residence-cz = Češka
residence-sk = Slovaška
residence-pl = Poljska
residence-ch = Švica
residence-nl = Nizozemska
residence-be = Belgija
residence-fr = Francija
residence-gb = Združeno kraljestvo
residence-other = Druga država
staff-pin-title = Osebje: vpišite PIN
staff-pin-wrong = { $tries ->
    [one] Napačen PIN. Še { $tries } poskus.
    [two] Napačen PIN. Še { $tries } poskusa.
    [few] Napačen PIN. Še { $tries } poskusi.
   *[other] Napačen PIN. Še { $tries } poskusov.
}
staff-pin-locked = { $minutes ->
    [one] Preveč napačnih PIN-ov. Poskusite znova čez { $minutes } minuto.
    [two] Preveč napačnih PIN-ov. Poskusite znova čez { $minutes } minuti.
    [few] Preveč napačnih PIN-ov. Poskusite znova čez { $minutes } minute.
   *[other] Preveč napačnih PIN-ov. Poskusite znova čez { $minutes } minut.
}
staff-not-set-up = Način za osebje na tem kiosku ni nastavljen: v kiosk.toml vpišite zgoščeno vrednost PIN-a, narejeno z `city-kiosk pin hash`.
staff-title = Osebje
staff-today = Stiki danes
staff-total = Stiki skupaj
staff-unsynced = Še niso poslani na strežnik
staff-only-here = Samo na tem kiosku
staff-top-towns = Najbolj iskana mesta
staff-top-themes = Najbolj iskana zanimanja
staff-export = Shrani stike kot CSV na
staff-no-drive = Ni najdenega pogona USB. Vstavite ga; prikazal se bo tukaj.
staff-exported = { $count ->
    [one] { $count } stik shranjen v { $file }
    [two] { $count } stika shranjena v { $file }
    [few] { $count } stiki shranjeni v { $file }
   *[other] { $count } stikov shranjenih v { $file }
}
staff-export-failed = Izvoz ni uspel: { $error }
staff-erase = Izbriši izvožene stike
staff-erase-confirm = { $count ->
    [one] Izbrišem { $count } izvožen stik s tega kioska? Tega ni mogoče razveljaviti.
    [two] Izbrišem { $count } izvožena stika s tega kioska? Tega ni mogoče razveljaviti.
    [few] Izbrišem { $count } izvožene stike s tega kioska? Tega ni mogoče razveljaviti.
   *[other] Izbrišem { $count } izvoženih stikov s tega kioska? Tega ni mogoče razveljaviti.
}
staff-erased = { $count ->
    [one] Izbrisan { $count } stik.
    [two] Izbrisana { $count } stika.
    [few] Izbrisani { $count } stiki.
   *[other] Izbrisanih { $count } stikov.
}
staff-venue = Lokacija
staff-save-venue = Shrani lokacijo
staff-quit = Zapri kiosk
staff-close = Zapri
staff-hub = Strežnik
staff-last-sync = Zadnja uskladitev: { $time }
staff-next-sync = Naslednji poskus: { $time }
staff-never-synced = Še ni usklajeno.
staff-sync-now = Uskladi zdaj
staff-no-hub = Ta kiosk deluje samostojno (strežnik ni nastavljen): stike shranite kot CSV.
staff-sync-error = Zadnja napaka: { $error }
yes = Da
cancel = Prekliči

month-1 = januar
month-2 = februar
month-3 = marec
month-4 = april
month-5 = maj
month-6 = junij
month-7 = julij
month-8 = avgust
month-9 = september
month-10 = oktober
month-11 = november
month-12 = december
month-date-1 = januarja
month-date-2 = februarja
month-date-3 = marca
month-date-4 = aprila
month-date-5 = maja
month-date-6 = junija
month-date-7 = julija
month-date-8 = avgusta
month-date-9 = septembra
month-date-10 = oktobra
month-date-11 = novembra
month-date-12 = decembra
