console-title = Konzola City Cooperation
nav-leads = Stiki
nav-logout = Odjava
signed-in-as = Prijavljeni kot { $email }
scope-network = celotna mreža
login-title = Prijava
login-email = E-poštni naslov
login-password = Geslo
login-submit = Prijava
login-failed = E-poštni naslov ali geslo ni pravilno.
login-locked = Preveč neuspešnih poskusov. Poskusite znova čez { $minutes } min.
setpw-title = Nastavite geslo
setpw-intro = Izberite geslo z vsaj { $length } znaki za { $email }.
setpw-password = Novo geslo
setpw-repeat = Ponovite geslo
setpw-submit = Shrani geslo
setpw-too-short = Geslo mora imeti vsaj { $length } znakov.
setpw-mismatch = Gesli se razlikujeta.
setpw-invalid = Ta povezava ne velja več. Za novo prosite koordinatorja mreže.
setpw-done = Geslo je shranjeno. Zdaj se lahko prijavite.
leads-title = Stiki za { $town }
leads-count = { $count ->
    [one] { $count } stik
    [two] { $count } stika
    [few] { $count } stiki
   *[other] { $count } stikov
}
filter-from = Od
filter-to = Do
filter-venue = Prizorišče
filter-theme = Zanimanje
filter-language = Jezik
filter-newsletter = Samo s soglasjem za e-novice
filter-any = Vse
filter-apply = Filtriraj
filter-csv = Prenesi kot CSV
col-date = Oddano
col-name = Ime
col-email = E-pošta
col-towns = Mesta
col-themes = Zanimanja
col-language = Jezik
col-venue = Prizorišče
col-newsletter = E-novice
col-handled = Obdelano
lead-mark-handled = Označi kot obdelano
yes = da
no = ne
no-leads = Temu filtru ne ustreza noben stik.
error-title = Nekaj ni v redu
error-not-found = Te strani ni.
error-forbidden = Obrazec je potekel. Ponovno naložite stran in poskusite znova.
error-internal = Konzola tega ni mogla narediti. Poskusite znova čez trenutek.
theme-tourism = Turizem
theme-culture = Kultura
theme-culinary = Kulinarika
theme-family = Družina
theme-business = Gospodarstvo
theme-youth = Mladi
nav-stats = Kaj so obiskovalci počeli
nav-kiosks = Kioski
nav-packs = Vsebine
error-bad-request = Obrazec ni prispel v celoti. Znova naložite stran in ponovite.
error-too-large = Datoteka je za konzolo prevelika.
error-busy = Trenutno teče preveč izvozov. Poskusite znova čez minuto.
lead-title = Stik
lead-country = Država
lead-family = Potuje z otroki
lead-calendar = Koledar prireditev
calendar-by-email = po e-pošti
calendar-by-post = po pošti
lead-postal-address = Poštni naslov
lead-message = Sporočilo
lead-kiosk = Kiosk
lead-consent-version = Različica besedila privolitve
lead-erase = Izbriši to osebo …
lead-erase-warning = S tem izbrišete vse stike naslova { $email } v celotni mreži, tukaj in na vsakem kiosku ob njegovi naslednji sinhronizaciji. Tega ni mogoče razveljaviti.
lead-erase-confirm = Dokončno izbriši
lead-erased = Oseba je izbrisana. Kioski izbrišejo svoje kopije ob naslednji sinhronizaciji.
kiosks-title = Kioski
kiosks-none = Noben kiosk še ni prijavljen.
kiosk-health-legend = Zeleno: oglasil se je v zadnjih 20 minutah. Oranžno: v zadnjih 2 urah ali pa je imela zadnja sinhronizacija težavo. Rdeče: dlje tiho ali se ni še nikoli oglasil.
kiosk-name = Kiosk
kiosk-heartbeat = Zadnjič se je oglasil
kiosk-pack = Prikazani paket
kiosk-queue = Čakajoči stiki
kiosk-last-error = Zadnja težava
kiosk-software = Programska oprema
kiosk-actions = Spremeni
kiosk-never = nikoli
health-green = V redu
health-amber = Zamuja
health-red = Tiho
health-revoked = Preklican
kiosk-add-title = Dodaj kiosk
kiosk-name-rule = Male črke, števke in vezaji, npr. sejem-dunaj-1.
kiosk-add = Dodaj kiosk
kiosk-name-taken = Kiosk z imenom { $kiosk } že obstaja.
kiosk-added-title = Kiosk je dodan
kiosk-added-intro = Te vrstice vpišite v kiosk.toml kioska { $kiosk }:
kiosk-token-once = Žeton je prikazan samo zdaj; vozlišče hrani le njegov prstni odtis. Če se izgubi, kiosk prekličite in ga dodajte znova.
kiosk-rename = Preimenuj
kiosk-new-name = Novo ime
kiosk-renamed = Kiosk je preimenovan; njegov žeton ostane isti.
kiosk-revoke = Prekliči …
kiosk-revoke-warning = Kiosk { $kiosk } bo od naslednje sinhronizacije zavrnjen. Njegovi stiki, ki so že tukaj, ostanejo.
kiosk-revoke-confirm = Prekliči kiosk
kiosk-revoked = Kiosk je preklican.
packs-title = Vsebine
packs-published = Objavljeni paketi
packs-none = Noben paket še ni objavljen.
pack-version = Različica
pack-published-at = Objavljeno
pack-files = Datoteke
pack-size = Velikost
pack-check = Preverjanje
pack-check-passed = uspešno
pack-kiosks = Kioski, ki ga prikazujejo
pack-current = trenutni
pack-upload-title = Objavi paket
pack-upload-file = Stisnjena mapa paketa
pack-upload-rule = Datoteka .zip z mapo paketa (s pack.toml). Preveri se natanko kot pri `city-hub publish`, tudi filmi in zvočni vodniki; paket s težavo se ne objavi.
pack-upload-submit = Naloži in objavi
pack-uploads = Nalaganja
pack-uploaded-at = Naloženo
pack-checking = v preverjanju …
pack-checking-wait = Filmi in zvočni vodniki se dekodirajo; stran se osveži sama.
pack-published-as = objavljeno kot { $version }
pack-refused = { $count ->
    [one] ni objavljeno: { $count } težava
    [two] ni objavljeno: { $count } težavi
    [few] ni objavljeno: { $count } težave
   *[other] ni objavljeno: { $count } težav
}
pack-failed = ni objavljeno: preverjanja ni bilo mogoče končati
stats-title = Kaj so obiskovalci počeli
stats-summary = { $count ->
    [one] { $count } stik v teh dneh.
    [two] { $count } stika v teh dneh.
    [few] { $count } stiki v teh dneh.
   *[other] { $count } stikov v teh dneh.
} Dnevi in ure po času { $zone }.
stats-count = Število
stats-day = Dan
stats-hour = Ura
stats-leads-per-day = Stiki na dan
stats-towns-per-hour = Najbolj obiskane ure: odprta mesta po urah dneva
stats-leads-per-hour = Stiki po urah dneva
stats-towns = Iskana mesta
stats-languages = Izbrani jeziki
stats-kiosks = Stiki po kioskih (kraj)
page-previous = Novejši stiki
page-next = Starejši stiki
page-newest = Najnovejši stiki
pager-label = Več stikov
leads-count-many = Več kot { $count } stikov

## The visitor's mail
mail-subject = { $network }: mesta, za katera ste se zanimali
mail-greeting-name = Pozdravljeni, { $name },
mail-greeting = Pozdravljeni,
mail-intro = hvala za obisk pri { $network } na dogodku { $venue }. Tukaj je, kar ste želeli: { $towns }.
mail-interests = Vaša zanimanja: { $themes }
mail-guide = Mobilni vodnik
mail-brochure = Brošura (PDF)
mail-benefits = Ugodnosti za vas
mail-benefit-code = Koda: { $code }
mail-benefit-valid = velja { $dates }
mail-events = V prihodnjih tednih
mail-kids = Za otroke: { $mascot }
mail-newsletter = Naročili ste tudi naše e-novice. Pošiljali jih bomo šele, ko naročilo potrdite s to povezavo, v { $days } dneh:
mail-newsletter-button = Potrdi e-novice
mail-your-data = Oglejte si ali izbrišite, kar hranimo o vas:
mail-your-data-button = Vaši podatki
mail-why = To sporočilo ste prejeli, ker ste { $date } na našem kiosku na dogodku { $venue } pustili svoj naslov. Poslano je enkrat; znova vam pišemo le, če ste to želeli.

## The visitor's own page, from their mail
visitor-title = Kaj hranimo o vas
visitor-intro = To so podatki, ki ste jih pustili na kioskih { $network }. Vidijo jih le mesta, ki ste jih izbrali.
visitor-given = Vneseno na dogodku { $venue }, { $date }
visitor-newsletter-pending = E-novice: čakajo na vašo potrditev
visitor-newsletter-confirmed = E-novice: potrjeno { $date }
visitor-newsletter-none = E-novice: ne
visitor-confirm-title = Potrdite e-novice
visitor-confirm-intro = Potrdite, da naj { $email } prejema e-novice { $network }. Odjavite se lahko kadar koli.
visitor-confirm = Da, pošiljajte mi e-novice
visitor-confirmed = Hvala: vaše naročilo na e-novice je potrjeno.
visitor-confirm-closed = Tega naročila na e-novice ni več mogoče potrditi. Če jih želite, znova pustite svoj naslov na enem od naših kioskov.
visitor-erase = Izbriši vse o meni
visitor-erase-warning = S tem se izbrišejo vsi podatki za { $email } v vseh mestih omrežja in na vseh kioskih. Tega ni mogoče razveljaviti.
visitor-erase-confirm = Izbriši zdaj
visitor-erased = Vse, kar smo hranili o vas, je izbrisano, na kioskih ob njihovi naslednji povezavi.
visitor-gone = Ta povezava ni veljavna ali pa so podatki, ki jih je prikazovala, izbrisani.

## A lead's newsletter consent and mail, in the console
lead-newsletter-pending = da, čaka na potrditev obiskovalca
lead-newsletter-confirmed = da, potrjeno { $date }
lead-mail = Sporočilo obiskovalcu
lead-mail-queued = v vrsti od { $date }
lead-mail-sent = poslano { $date }
lead-mail-retrying = še ni poslano (poskusov: { $count }): { $error }
lead-mail-failed = opuščeno: { $error }

## "Continue on your phone"
phone-title = Nadaljujte na telefonu
phone-invalid = Ta koda ni veljavna. Znova skenirajte kodo na kiosku.
phone-used = Vaši podatki s to kodo so že poslani. Hvala!
phone-expired = Ta koda je potekla (po 15 minutah). Znova skenirajte kodo na kiosku.
