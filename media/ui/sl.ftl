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
