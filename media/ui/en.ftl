# UI strings of the kiosk in English. Message ids must not change; the
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
