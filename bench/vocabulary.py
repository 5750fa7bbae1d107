"""Word lists for the synthetic corpus: realistic-looking names, terms and sentence parts.

Plain ASCII letters, spaces, hyphens and the article's own typographic marks only:
no angle brackets, no Markdown syntax, so every generated record passes the schema
and every name can be matched by the linker.
"""

from __future__ import annotations

KOREAN_SURNAMES = [
    "Park", "Lee", "Choi", "Jung", "Kang", "Yoon", "Lim", "Han", "Shin", "Seo", "Kwon", "Hwang",
    "Ahn", "Yoo", "Hong", "Jeon", "Ko", "Yang", "Bae", "Baek", "Heo", "Nam", "Noh", "Kwak", "Sung",
    "Joo", "Woo", "Ryu", "Chae", "Cheon", "Bang", "Gong", "Hyun", "Byun", "Yeom", "Chu", "Seok",
]
KOREAN_GIVEN_1 = ["Min", "Seo", "Ji", "Do", "Ye", "Joon", "Hyun", "Woo", "Eun", "Sung", "Jae", "Young",
                  "Dong", "Tae", "Kyung", "Hye", "Soo", "Chang", "Myung", "Sang", "Yeon", "Kyu"]
KOREAN_GIVEN_2 = ["jun", "woo", "ho", "yeon", "hee", "min", "soo", "jin", "bin", "won", "seok", "hwan",
                  "ah", "rin", "kyu", "sik", "chul", "hyuk", "young", "mi"]

CHINESE_SURNAMES = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Sun",
                    "Zhu", "Hu", "Guo", "He", "Gao", "Lin", "Luo", "Zheng", "Liang", "Xie", "Tang", "Feng",
                    "Deng", "Cao", "Peng", "Zeng", "Xiao", "Tian", "Dong"]
CHINESE_GIVEN = ["jian", "guo", "ming", "hua", "wei", "jun", "ping", "hong", "yu", "lin", "tao", "bo", "qiang",
                 "xin", "yan", "feng", "lei", "hao", "rong", "zhi", "kai", "dong", "bin", "shan"]

WESTERN_FIRST = [
    "Helena", "Martin", "Sarah", "Thomas", "Ingrid", "David", "Claire", "Jonas", "Amelia", "Robert",
    "Elena", "Marcus", "Nadia", "Oliver", "Julia", "Anton", "Grace", "Henrik", "Laura", "Samuel",
    "Irene", "Felix", "Naomi", "Victor", "Rosa", "Daniel", "Alice", "Patrick", "Vera", "Simon",
    "Eleanor", "Mikhail", "Clara", "Stefan", "Hannah", "Lukas", "Margot", "Peter", "Sofia", "Adrian",
]
WESTERN_LAST = [
    "Marsh", "Holloway", "Brandt", "Whitfield", "Okafor", "Lindqvist", "Moreau", "Castellano", "Novak",
    "Hartmann", "Fairbanks", "Ashdown", "Kowalski", "Ferreira", "Donnelly", "Sorensen", "Albright",
    "Pemberton", "Vasquez", "Thornton", "Ivanova", "Rasmussen", "Delacroix", "Harrington", "Zielinski",
    "Blackwood", "Mendoza", "Larsen", "Calloway", "Petrov", "Gallagher", "Winslow", "Haddad", "Keane",
    "Osborne", "Rinaldi", "Sutherland", "Varga", "Whitmore", "Bergstrom",
]

PERSON_TITLES = [
    "Foreign Minister", "Vice Foreign Minister", "Defence Minister", "Trade Minister", "Ambassador",
    "Special Envoy", "Senior Fellow", "Professor of International Relations", "Chief Negotiator",
    "Deputy Director", "Party Secretary", "Central Bank Governor", "Correspondent", "Director",
    "Senior Analyst", "Spokesperson", "Prime Minister", "Vice Premier", "Provincial Governor",
]

STATE_STARTS = ["Vald", "Kar", "Est", "Mar", "Tal", "Os", "Ber", "Lun", "Cas", "Dra", "Sel", "Ar", "Ul",
                "Gor", "Zan", "Pel", "Rho", "Ith", "Mor", "Ven", "Sar", "Tor", "Bel", "Nov", "Kel", "Ostr"]
STATE_ENDS = ["oria", "avia", "esh", "mark", "enia", "ador", "istan", "esia", "ania", "orra", "ovia", "una"]

CITY_STARTS = ["Vel", "Ost", "Kar", "Mir", "Sten", "Bran", "Hal", "Dor", "Lis", "Tar", "Riv", "Nor",
               "Sol", "Kas", "Ebr", "Ulm", "Pav", "Gren", "Tesh", "Ard", "Mal", "Cor", "Zel", "Fen"]
CITY_ENDS = ["grad", "ville", "ton", "burg", "sk", "pur", "abad", "ovo", "haven", "port", "dal", "mora",
             "ice", "holm"]

REGIONS = ["Northeast Asia", "Pacific", "Eurasian", "Yellow Sea", "Tumen River", "Inter-Korean", "Amur",
           "East Asian", "Asia-Pacific", "Continental", "Northern", "Coastal", "Trans-Border", "Peninsula"]
BODIES = ["Institute", "Council", "Commission", "Forum", "Centre", "Foundation", "Agency", "Bureau",
          "Committee", "Development Bank", "Secretariat", "Observatory"]
FIELDS = ["Peace Studies", "Maritime Security", "Trade Policy", "Energy Cooperation", "Food Security",
          "Nonproliferation", "Humanitarian Affairs", "Border Management", "Economic Development",
          "Strategic Studies", "Arms Control", "Refugee Relief", "Infrastructure", "Public Health"]
NATIONAL_BODIES = ["Workers’ Party", "Central Bank", "Red Cross", "Defence Ministry", "Foreign Ministry",
                   "State Planning Commission", "Chamber of Commerce", "National Assembly"]

OUTLETS = ["Daily", "Herald", "Times", "Tribune", "Post", "Broadcasting", "News Agency", "Review",
           "Observer", "Gazette", "Radio", "Dispatch"]

GROUP_NOUNS = ["diplomats", "negotiators", "traders", "scholars", "defectors", "lawmakers", "economists",
               "journalists", "military officers", "border officials", "business leaders", "aid workers"]

TERM_ADJECTIVES = [
    "strategic", "maritime", "cross-border", "multilateral", "humanitarian", "diplomatic", "fiscal",
    "sovereign", "regional", "coastal", "tariff", "energy", "special", "dual-track", "conditional",
    "phased", "informal", "preventive", "collective", "provisional", "asymmetric", "reciprocal",
    "calibrated", "coercive", "confidential", "graduated", "structural", "transitional", "bilateral",
    "unilateral", "verifiable", "extended", "tacit", "selective", "quiet", "temporary",
]
TERM_NOUNS = [
    "ambiguity", "corridor", "buffer", "deterrence", "engagement", "leverage", "dialogue", "reserve",
    "quota", "embargo", "moratorium", "framework", "guarantee", "patience", "parity", "hedging",
    "rebalancing", "brinkmanship", "containment", "assurance", "channel", "concession", "linkage",
    "reciprocity", "signalling", "standoff", "verification", "inspection", "credit line", "swap line",
    "aid package", "trade zone", "crossing point", "safeguard", "roadmap", "backchannel",
    "freeze", "accord", "tripwire", "escalation",
]
TERM_CATEGORIES = ["diplomatic", "economic", "military", "legal", "financial", "political"]

VERBS = [  # (past, base, noun phrase for event titles)
    ("met", "meet", "meets"), ("visited", "visit", "visits"), ("courted", "court", "courts"),
    ("criticised", "criticise", "criticises"), ("signed an accord with", "sign an accord with", "signs an accord with"),
    ("opened talks with", "open talks with", "opens talks with"), ("warned", "warn", "warns"),
    ("hosted", "host", "hosts"), ("sanctioned", "sanction", "sanctions"),
    ("reassured", "reassure", "reassures"), ("lobbied", "lobby", "lobbies"),
    ("rebuffed", "rebuff", "rebuffs"), ("praised", "praise", "praises"),
]

RELATIONS = [("supports", "is supported by"), ("criticises", "is criticised by"),
             ("negotiates with", "negotiates with"), ("advises", "is advised by"), ("trades with", "trades with"),
             ("reports on", "is reported on by"), ("distrusts", "is distrusted by"), ("courts", "is courted by")]

HEADLINE_NOUNS = ["Border Trade", "Quiet Diplomacy", "Old Alliances", "The Northern Corridor", "Sanctions",
                  "The Summit Season", "A Cooling Friendship", "Energy Deals", "The Aid Question",
                  "Maritime Disputes", "Frozen Talks", "A New Envoy", "The Long Thaw", "Regional Rivalry"]
HEADLINE_TAILS = ["Under Pressure", "Revisited", "After the Crisis", "and Its Limits", "in a New Era",
                  "at a Crossroads", "Reconsidered", "on Hold", "Gains Momentum", "Loses Steam"]

FILLER = [
    "The details of the arrangement were not made public, and officials on both sides declined to comment on its timing.",
    "Few observers expected the talks to produce more than a joint statement, and the statement itself was brief.",
    "The move surprised diplomats who had grown used to years of careful silence on the subject.",
    "Behind the public statements, however, the economic picture remained far less settled than either side admitted.",
    "Trade figures for the period tell a more complicated story than the official communiqués suggest.",
    "It is worth remembering how quickly such gestures have been reversed in the past.",
    "None of this means that a lasting settlement is close; the underlying disputes remain unresolved.",
    "Local traders along the border reported that inspections had become slower and more frequent.",
    "The timing was widely read as a message to the wider region as much as to the other side.",
    "Even so, the two governments kept their working-level channels open throughout the year.",
    "Analysts have long debated whether such steps reflect strategy or simply the pressure of events.",
    "Whatever the motive, the result was a visible shift in tone across the region.",
]
SAYINGS = ["a friend in need is a friend indeed", "the enemy of my enemy is my friend",
           "distant water cannot put out a nearby fire", "when elephants fight, the grass suffers",
           "a good neighbour is worth more than a distant relative", "one mountain cannot hold two tigers"]
QUOTE_CLAUSES = [
    "We will not accept {t} as the price of {t2}",
    "There can be no {t} without trust on both sides",
    "Our patience is not unlimited, and {t} is not a favour we owe anyone",
    "The door to {t} remains open, but it will not stay open forever",
    "No one should mistake our restraint on {t} for weakness",
    "What matters now is {t}, not another round of empty statements",
]
