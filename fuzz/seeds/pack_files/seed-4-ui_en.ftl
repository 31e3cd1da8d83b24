# UI strings of the kiosk in English. Message ids must not change; the
# kiosk refuses a pack that lacks one. `{ $count -> ... }` picks the plural.

nav-towns = Towns
nav-events = Events
nav-map = Map
nav-kids = For kids
back = Back
home = Home

attract-touch = Touch the screen to start

home-title = Discover 24 towns in three countries
filter-all = All
filter-country = Country
filter-theme = Interest
home-no-town = No town matches both filters.
home-show-all = Show all towns
town-count = { $count ->
    [one] { $count } town
   *[other] { $count } towns
}

country-at = Austria
country-si = Slovenia
country-hu = Hungary

theme-tourism = Tourism
theme-culture = Culture
theme-culinary = Food and wine
theme-family = Family
theme-business = Business
theme-youth = Youth

town-about = About the town
town-sights = Sights
town-events = Coming events
town-no-events = No events in the calendar for the coming months.
town-benefits = Offers for you
benefit-valid = Valid { $from } – { $until }
benefit-code = Code: { $code }
town-kids = Kids' corner
town-guide = Take { $town } with you
town-guide-hint = Scan the code with your phone's camera to open the mobile guide.
town-send-more = Send me more about { $town }
film-watch = Watch the film
film-play = Play
film-pause = Pause
film-close = Close
guide-title = Audio guide
guide-listen = Listen to the guide
guide-stop = Stop
guide-language-changed = The guide stopped when the language changed. Listen in English?
town-population = { $count ->
    [one] { $number } inhabitant
   *[other] { $number } inhabitants
}
gallery-position = { $index } of { $total }
event-count = { $count ->
    [one] { $count } event
   *[other] { $count } events
}

events-title = Events in the region
events-this-weekend = This weekend
events-all-dates = All dates
events-any-town = All towns
events-any-category = All kinds
events-none = No events match. Try another month, town or kind.

category-festival = Festival
category-culture = Culture
category-music = Music
category-culinary = Food and wine
category-market = Market
category-sport = Sport
category-family = Family
category-fair = Fair
category-tradition = Tradition

map-title = The 24 towns on the map
map-hint = Touch a town to open it.

kids-title = Meet the mascots
kids-hint = Touch a mascot to read its story.
kids-visit-town = Visit { $town }
kids-things-to-do = Things to do for children

idle-still-there = Still there?
idle-continue = { $seconds ->
    [one] Touch the screen to stay. Back to the start in { $seconds } second.
   *[other] Touch the screen to stay. Back to the start in { $seconds } seconds.
}

interest-open = Send me information
interest-title = What may we send you?
interest-intro = Choose what interests you and leave your e-mail address. The towns will write to you.
field-email = E-mail address
field-name = Name (optional)
field-country = Country of residence
field-message = Message (optional)
field-address = Postal address for the calendar
choose-country = Choose…
interest-towns = Towns
interest-add-towns = Choose towns
interest-themes = Interests
interest-family = We travel with children
interest-calendar = Send me the events calendar
calendar-none = No, thanks
calendar-email = By e-mail
calendar-post = By post
consent-title = Your consent
consent-required = required
consent-optional = optional
interest-send = Send
interest-clear = Start again
error-email-missing = Please enter your e-mail address.
error-email-malformed = This does not look like an e-mail address. Please check it.
error-consent = Please agree to be contacted, so that the towns can answer you.
error-address = Please enter your postal address, or choose the calendar by e-mail.
error-too-long = This text is too long.
error-saving = Sorry, your request could not be saved. Please ask the staff at the booth.
interest-saving = Sending…
phone-continue = Continue on your phone
phone-continue-hint = Scan the code with your phone's camera and fill in the form there.
thanks-title = Thank you!
thanks-text = Your request is saved. The towns will write to you soon.
thanks-done = Back to the towns
key-shift = Shift
key-backspace = Delete
key-space = Space
key-done = Done
residence-at = Austria
residence-si = Slovenia
residence-hu = Hungary
residence-de = Germany
residence-it = Italy
residence-hr = Croatia
residence-cz = Czechia
residence-sk = Slovakia
residence-pl = Poland
residence-ch = Switzerland
residence-nl = Netherlands
residence-be = Belgium
residence-fr = France
residence-gb = United Kingdom
residence-other = Another country
staff-pin-title = Staff: enter the PIN
staff-pin-wrong = { $tries ->
    [one] Wrong PIN. { $tries } try left.
   *[other] Wrong PIN. { $tries } tries left.
}
staff-pin-locked = { $minutes ->
    [one] Too many wrong PINs. Try again in { $minutes } minute.
   *[other] Too many wrong PINs. Try again in { $minutes } minutes.
}
staff-not-set-up = Staff mode is not set up on this kiosk: put a PIN hash made with `city-kiosk pin hash` into kiosk.toml.
staff-title = Staff
staff-today = Leads today
staff-total = Leads in total
staff-unsynced = Not yet sent to the hub
staff-only-here = Only on this kiosk
staff-top-towns = Most asked-for towns
staff-top-themes = Most asked-for interests
staff-export = Save leads as CSV to
staff-no-drive = No USB drive found. Plug one in; it appears here.
staff-exported = { $count ->
    [one] { $count } lead saved to { $file }
   *[other] { $count } leads saved to { $file }
}
staff-export-failed = The export failed: { $error }
staff-erase = Erase exported leads
staff-erase-confirm = { $count ->
    [one] Erase { $count } exported lead from this kiosk? This cannot be undone.
   *[other] Erase { $count } exported leads from this kiosk? This cannot be undone.
}
staff-erased = { $count ->
    [one] { $count } lead erased.
   *[other] { $count } leads erased.
}
staff-venue = Venue
staff-save-venue = Save venue
staff-quit = Quit the kiosk
staff-close = Close
staff-hub = Hub
staff-last-sync = Last sync: { $time }
staff-next-sync = Next try: { $time }
staff-never-synced = Not synced yet.
staff-sync-now = Sync now
staff-no-hub = This kiosk runs on its own (no hub is set up): save leads as CSV.
staff-sync-error = Last error: { $error }
yes = Yes
cancel = Cancel

month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
month-date-1 = January
month-date-2 = February
month-date-3 = March
month-date-4 = April
month-date-5 = May
month-date-6 = June
month-date-7 = July
month-date-8 = August
month-date-9 = September
month-date-10 = October
month-date-11 = November
month-date-12 = December
