"""Word lists the engine's rules consult: general English news vocabulary and world knowledge.

Nothing here is taken from a particular article. Lemmas are lower case.
"""

from __future__ import annotations

import re

# Verbs that introduce reported speech, writing or a stated position, with a clause or a quote.
REPORTING_VERBS = frozenset(
    """
    say tell note add report write claim confirm estimate find call warn deny post announce state
    explain insist argue allege acknowledge admit assert reveal indicate declare stress emphasize
    emphasise observe remark reply respond answer recall suggest predict caution concede contend
    maintain mention comment tweet testify disclose conclude complain boast promise pledge vow
    threaten urge agree disagree quip joke recount describe show assure inform brief announce
    affirm reiterate repeat underscore underline point believe think argue hint signal counter
    retort shout yell whisper demand charge accuse blame dispute reject dismiss contest question
    ask wonder speculate guess estimate calculate forecast project figure reckon fear worry hope
    expect understand learn know feel doubt acknowledge determine rule cite quote relay publish
    broadcast air tout describe characterize characterise label dub brand term declare proclaim
    record register imply
    """.split()
)

# Verbs that only attribute when their complement is a clause or quote (never from a bare object).
CLAUSE_ONLY = frozenset(
    """
    know feel hope expect understand learn fear worry think believe doubt find show determine
    figure reckon guess wonder ask question rule agree disagree point
    """.split()
)

# Verbs by which a document reports a finding ("the poll shows Clinton ahead").
FINDING_VERBS = frozenset("show find reveal indicate suggest estimate put project".split())

# Conjunctions that set a contrasting clause beside a report ("..., while the rebels claimed ...").
CONTRAST_MARKERS = frozenset("while whereas".split())

# Conjunctions that open a clause of its own after an inverted cue ("..., X said, as ...").
SUBORDINATORS = frozenset("as while after when because since although though before until".split())

# Verbs whose object is what was said, never whom it was said to ("told the BBC").
SAYING_VERBS = frozenset(
    """
    say add claim report write note state confirm announce insist warn allege
    """.split()
)

# Verbs that are cues only where they set off a quote: 'she continued, "..."', 'a statement
# which read, "..."' (not "continued to fight", "read the report").
QUOTING_ONLY_VERBS = frozenset("continue read".split())

# Verbs by which a source puts out a statement or a document ("released a statement which said
# ...", "the ministry issued a statement which said"): the subject is its author.
ISSUING_VERBS = frozenset("release issue publish post send make put circulate distribute tweet file submit".split())

# Verbs whose object is a claim when it gives a figure ("recorded 240 tremors", "reported
# 45 new cases"); never a cue from a bare object otherwise.
COUNTING_VERBS = frozenset("report record confirm register count".split())

# Verbs whose object is whom it was said to ("told the BBC", "informed police").
TELLING_VERBS = frozenset("tell inform brief assure notify advise remind".split())

# Verbs whose object + predicate is the content: "X called the incident a 'terrorist attack'".
LABELLING_VERBS = frozenset("call describe characterize characterise label dub brand term".split())

# Verbs of a speech act whose subject is the source when the act itself is reported
# ("He blamed Ukraine for ..., according to X": he is the origin, X the relay).
SPEECH_ACT_VERBS = frozenset(
    """
    blame accuse criticize criticise praise condemn denounce urge demand reject dismiss deny
    vow promise pledge threaten warn insist call rule dispute slam blast attack defend welcome
    hail applaud thank apologize apologise admit acknowledge concede refuse decline propose
    suggest appeal plead endorse oppose support back announce declare confirm argue claim
    """.split()
)

# Participles and verbs that pass a claim on from an earlier source: "citing X", "X cited Y".
CITING_VERBS = frozenset("cite quote".split())

# Requests and demands: no claim ("urged the board to resign", "asked that it be waived").
REQUEST_VERBS = frozenset(
    "urge request appeal implore beg recommend exhort encourage invite order instruct direct challenge".split()
)

# Documents of a source's own analysis: an outlet's projections make it an analyst, not the
# relay of the article ("according to Radio Valmor's projections").
FINDING_DOCUMENTS = frozenset("projection projections forecast forecasts poll polls survey analysis estimate".split())

# Phrasal reporting that must not become a claim ("declined to comment").
NON_CLAIM_OBJECTS = frozenset("comment comments statement remark remarks details".split())
REFUSAL_VERBS = frozenset("decline refuse".split())

# Nouns naming how a source said something: the medium of a hop.
MEDIUM_NOUNS = frozenset(
    """
    statement post tweet interview briefing conference speech address message letter email
    e-mail note report release broadcast video remarks comments communique communiqué memo
    podcast op-ed editorial column article blog update filing submission testimony hearing
    appearance call telecast announcement bulletin dispatch notice circular
    television tv radio rally livestream webcast
    """.split()
)

# Media by which a source speaks to the public directly: a claim made there was within the
# publisher's reach, so no relay of the paragraph is assumed ("said in a Telegram post").
PUBLIC_MEDIA = frozenset(
    """
    post tweet statement release video broadcast website blog livestream telecast address
    speech announcement communique communiqué bulletin television tv radio rally webcast
    """.split()
)

# Document-like sources ("the report said", "a study found").
# "A report seen by the Times", "documents obtained by Reuters": the outlet that had the document
# relays it; it did not write it.
ACCESS_VERBS = frozenset("see obtain review view receive acquire examine".split())

DOCUMENT_NOUNS = frozenset(
    """
    report study survey poll memo memorandum document documents analysis paper review audit
    filing letter data figures statistics research census assessment estimate estimates
    investigation inquiry probe findings complaint indictment lawsuit ruling judgment verdict
    order affidavit transcript records record email emails cable dossier book article statement
    release note bulletin projection projections forecast forecasts
    """.split()
)


# Messages that stand for their author as a source ("the post by Ivo Brandt said"): the author is
# the source, the message its medium.
MESSAGE_NOUNS = frozenset("post tweet message video blog podcast livestream broadcast".split())

# Plural nouns for groups that make statements, beyond people and public bodies: what a "they"
# can stand for ("The stores were reluctant ..., in which they said").
SPEAKING_GROUPS = frozenset(
    "stores shops supermarkets retailers chains companies firms banks hospitals schools universities unions"
    " parties teams clubs airlines carriers operators organisers organizers councils governments".split()
)

# Bodies named by a singular word that are referred to as "they" ("Police said ... They added").
PLURAL_BODIES = frozenset("police authorities staff military crew".split())

# Nouns for the two parties of something ("the two sides", "both countries").
PAIR_NOUNS = frozenset("side party country nation company government team camp leader delegation".split())

# Collective or unnamed sources: typed anonymous.
ANONYMOUS_NOUNS = frozenset(
    """
    source sources official officials people person residents resident witness witnesses
    analyst analysts expert experts observer observers critic critics insider insiders aide aides
    diplomat diplomats someone individual individuals eyewitness eyewitnesses villager villagers
    locals local neighbours neighbors activist activists worker workers employee employees
    staff staffer staffers member members spokesperson spokesman spokeswoman representative
    officer officers investigator investigators authorities doctor doctors medic medics
    economist economists lawmaker lawmakers legislators legislator colleague colleagues friend
    friends relative relatives family families supporter supporters opponent opponents voter voters
    """.split()
)
ANONYMITY_MARKERS = frozenset(
    """
    anonymity anonymous unnamed unidentified familiar briefed knowledgeable speaking
    """.split()
)

# Titles before a person's name ("Governor", "Mr."), and the words that qualify a title
# ("Regional Governor", "Foreign Minister") without being one.
TITLE_NOUNS = frozenset(
    """
    president minister governor mayor senator sen. sen representative rep. rep congressman
    congresswoman chancellor king queen prince princess premier secretary general gen. gen admiral
    adm. colonel col. captain capt. lieutenant lt. major maj. sergeant sgt. commander chief
    director chairman chairwoman chair ceo cfo founder spokesman spokeswoman spokesperson
    ambassador envoy judge justice attorney lawyer dr. dr mr. mr mrs. mrs ms. ms miss sir lord lady
    pope bishop archbishop cardinal rabbi imam sheikh professor prof. dean speaker leader deputy
    assistant commissioner inspector superintendent sheriff officer detective coach analyst
    economist editor reporter correspondent anchor host president-elect candidate nominee
    engineer scientist researcher physician nurse teacher farmer driver pilot architect historian
    author writer activist surgeon pharmacist veterinarian accountant consultant manager
    """.split()
)
TITLE_MODIFIERS = frozenset(
    """
    vice prime acting interim regional federal state foreign defence defense interior finance
    health economy justice senior junior former deputy general attorney chief executive first
    """.split()
)
PERSON_TITLES = TITLE_NOUNS | TITLE_MODIFIERS
# Titles that name the same office in different countries' usage ("Foreign Secretary" and
# "foreign minister").
TITLE_EQUIVALENTS: dict[str, frozenset[str]] = {
    "secretary": frozenset({"minister"}),
    "minister": frozenset({"secretary"}),
    "chairman": frozenset({"chair", "chairwoman", "chairperson"}),
    "chairwoman": frozenset({"chair", "chairman", "chairperson"}),
    "chair": frozenset({"chairman", "chairwoman", "chairperson"}),
    "spokesman": frozenset({"spokesperson"}),
    "spokeswoman": frozenset({"spokesperson"}),
    "spokesperson": frozenset({"spokesman", "spokeswoman"}),
}

# Government bodies: heads of organisation names and descriptions.
GOVERNMENT_BODY_HEADS = frozenset(
    """
    ministry department office council parliament senate congress assembly court commission
    committee embassy consulate administration cabinet bureau agency service police army navy
    military forces force guard command directorate secretariat prosecutor prosecutors ministry's
    legislature duma knesset bundestag authority regulator inspectorate municipality brigade
    watchdog staff headquarters
    ombudsman coastguard
    """.split()
)
GOVERNMENT_ACRONYMS = frozenset(
    """
    FBI CIA NSA DHS DOJ DOD FDA EPA CDC NASA IRS SEC FCC FEMA ATF DEA NHS MI5 MI6 FSB GRU SBU
    KGB IDF NATO UN EU WHO IMF ICC ICJ IAEA UNICEF UNHCR OSCE OPEC WTO
    """.split()
)

# Companies: legal suffixes and descriptions.
COMPANY_MARKERS = frozenset(
    """
    inc inc. corp corp. corporation co co. company ltd ltd. llc plc gmbh ag sa s.a. nv n.v. group
    holdings bank airlines airline motors technologies systems pharmaceuticals energy
    """.split()
)
# Last words of company names without a legal suffix ("Lindholm Robotics", "Nordbank").
COMPANY_NAME_WORDS = frozenset(
    """
    robotics bank motors airlines airways technologies technology systems pharmaceuticals pharma
    energy holdings industries partners capital labs laboratories solutions software networks
    telecom communications petroleum oil gas mining steel foods brands media entertainment
    logistics shipping automotive electronics semiconductors therapeutics biotech insurance
    """.split()
)
COMPANY_NAME_ENDINGS = ("bank", "tech", "soft", "corp")

COMPANY_NOUNS = frozenset(
    "company firm maker manufacturer operator carrier lender insurer retailer startup conglomerate giant group"
    " bank carmaker automaker chipmaker drugmaker airline miner supplier producer developer broker".split()
)

# Heads of descriptions that can stand for any organisation of their type ("the agency",
# "the company"); other heads ("the brigade") must appear in the name they refer back to.
# Public bodies a story may call "the agency" ("the Valmor Aviation Administration ..., the agency
# said"): the last word of their name. A ministry stays "the ministry".
AGENCY_LIKE_BODIES = frozenset(
    "administration agency authority board bureau commission council directorate inspectorate institute "
    "office regulator service".split()
)

GENERIC_HEADS = frozenset(
    """
    agency company firm group organization organisation outlet newspaper paper broadcaster
    watchdog regulator
    channel network body carrier lender maker manufacturer operator retailer insurer giant
    conglomerate startup publication website site wire tabloid daily
    """.split()
)

# Organisations (not government, not company) and their descriptions.
ORGANIZATION_NOUNS = frozenset(
    """
    organization organisation group association union federation foundation institute
    university charity coalition alliance party campaign movement network society club league
    """.split()
)

# News organisations. Agencies are wire services; outlets publish to the public.
NEWS_AGENCY_NAMES = frozenset(
    {
        "reuters",
        "associated press",
        "ap",
        "afp",
        "agence france-presse",
        "agence france presse",
        "tass",
        "ria novosti",
        "ria",
        "interfax",
        "xinhua",
        "kyodo",
        "yonhap",
        "ani",
        "pti",
        "ians",
        "dpa",
        "efe",
        "ansa",
        "bernama",
        "anadolu",
        "anadolu agency",
        "ukrinform",
        "unian",
        "wafa",
        "irna",
        "isna",
        "fars",
        "tasnim",
        "mena",
        "kuna",
        "wam",
        "upi",
        "belta",
        "sputnik",
        "press trust of india",
        "united press international",
        "kyodo news",
        "xinhua news agency",
    }
)
NEWS_OUTLET_NAMES = frozenset(
    {
        "cnn",
        "bbc",
        "nbc",
        "abc",
        "cbs",
        "fox",
        "fox news",
        "msnbc",
        "cnbc",
        "npr",
        "pbs",
        "al jazeera",
        "sky news",
        "euronews",
        "dw",
        "deutsche welle",
        "france 24",
        "rt",
        "cgtn",
        "bloomberg",
        "politico",
        "axios",
        "vox",
        "slate",
        "salon",
        "breitbart",
        "the hill",
        "the guardian",
        "guardian",
        "the times",
        "the new york times",
        "new york times",
        "the washington post",
        "washington post",
        "the wall street journal",
        "wall street journal",
        "usa today",
        "los angeles times",
        "financial times",
        "the economist",
        "economist",
        "the independent",
        "the telegraph",
        "daily mail",
        "the sun",
        "the atlantic",
        "new yorker",
        "the new yorker",
        "time",
        "newsweek",
        "buzzfeed",
        "buzzfeed news",
        "huffpost",
        "huffington post",
        "daily beast",
        "the daily beast",
        "vice",
        "the intercept",
        "propublica",
        "le monde",
        "der spiegel",
        "spiegel",
        "bild",
        "haaretz",
        "the times of israel",
        "kyiv independent",
        "meduza",
        "izvestia",
        "kommersant",
        "pravda",
        "rbc",
        "interfax-ukraine",
        "nhk",
        "cctv",
        "global times",
        "south china morning post",
        "the hindu",
        "times of india",
        "ndtv",
        "hindustan times",
        "dawn",
        "arab news",
        "gulf news",
        "abc news",
        "cbs news",
        "nbc news",
        "the associated press",
    }
)
NEWS_OUTLET_WORDS = frozenset(
    """
    times post journal herald tribune gazette telegraph chronicle daily news newspaper magazine
    broadcaster tv television radio channel network review observer standard mirror express
    inquirer examiner courier dispatch bulletin wire outlet paper tabloid ledger evening sentinel
    globe register monitor recorder pravda
    """.split()
)
NEWS_AGENCY_WORDS = frozenset("agency wire".split())
# Last words of news outlets' proper names only ("Valmor Insider", "Ostra Today"); as common nouns
# they name people or times ("the reporter"), so they are not outlet words of descriptions.
OUTLET_NAME_ENDINGS = frozenset("reporter insider today online weekly digest live".split())

PLATFORMS = frozenset(
    {
        "telegram",
        "twitter",
        "x",
        "facebook",
        "instagram",
        "tiktok",
        "youtube",
        "whatsapp",
        "truth social",
        "weibo",
        "wechat",
        "vk",
        "vkontakte",
        "linkedin",
        "reddit",
        "threads",
        "bluesky",
        "snapchat",
        "signal",
        "substack",
        "mastodon",
        "rumble",
        "gab",
        "parler",
    }
)

# Pronouns that can stand for a source, by what they can refer to.
PERSON_PRONOUNS = frozenset("he she him her".split())
GROUP_PRONOUNS = frozenset("they them".split())
THING_PRONOUNS = frozenset("it".split())
FIRST_PERSON = frozenset("i we me us".split())
RELATIVE_PRONOUNS = frozenset("who which that whom".split())
# What a personal pronoun says of whom it stands for: "she" is not the one already called "he".
PRONOUN_GENDER = {"he": "he", "him": "he", "his": "he", "she": "she", "her": "she", "hers": "she"}
TITLE_GENDER = {
    **dict.fromkeys("mr mr. sir lord king prince spokesman chairman congressman businessman".split(), "he"),
    **dict.fromkeys(
        "mrs mrs. ms ms. miss dame lady queen princess spokeswoman chairwoman congresswoman businesswoman".split(),
        "she",
    ),
}
# A possessive before a description ("her office", "their lawyers") points at its owner: the
# pronoun that would stand for that owner.
POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "its": "it", "their": "they"}

# Labels that open a paragraph with a colon without naming a speaker.
HEADER_LABELS = frozenset(
    """
    update updated breaking exclusive watch listen read note editor's note photo photos video
    correction clarification analysis opinion comment live related see also advertisement
    sponsored source sources credit q a the latest latest
    """.split()
)

# Sentence openers that are not part of a claim's content.
DISCOURSE_MARKERS = frozenset(
    """
    however meanwhile moreover furthermore also additionally still yet but and so thus therefore
    separately elsewhere nonetheless nevertheless besides indeed instead later earlier then
    """.split()
)

# Countries: name, demonyms, capital and seats of government. World knowledge for resolving
# "French"/"Paris"/"the Elysee" to one country.
COUNTRIES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # key: ((names and demonyms), (capital and seats of government))
    "russia": (("russia", "russian", "russians", "russian federation"), ("moscow", "kremlin", "the kremlin")),
    "ukraine": (("ukraine", "ukrainian", "ukrainians"), ("kyiv", "kiev")),
    "united states": (
        ("united states", "us", "u.s.", "usa", "america", "american", "americans"),
        ("washington", "white house", "the white house", "pentagon", "the pentagon"),
    ),
    "united kingdom": (
        ("united kingdom", "uk", "u.k.", "britain", "great britain", "british", "england", "english"),
        ("london", "downing street", "whitehall"),
    ),
    "france": (("france", "french"), ("paris", "elysee", "élysée")),
    "germany": (("germany", "german", "germans"), ("berlin",)),
    "china": (("china", "chinese", "prc"), ("beijing",)),
    "japan": (("japan", "japanese"), ("tokyo",)),
    "india": (("india", "indian", "indians"), ("new delhi", "delhi")),
    "pakistan": (("pakistan", "pakistani"), ("islamabad",)),
    "iran": (("iran", "iranian", "iranians"), ("tehran",)),
    "iraq": (("iraq", "iraqi"), ("baghdad",)),
    "israel": (("israel", "israeli", "israelis"), ("jerusalem", "tel aviv")),
    "turkey": (("turkey", "turkiye", "türkiye", "turkish"), ("ankara",)),
    "syria": (("syria", "syrian"), ("damascus",)),
    "saudi arabia": (("saudi arabia", "saudi", "saudis"), ("riyadh",)),
    "egypt": (("egypt", "egyptian"), ("cairo",)),
    "belarus": (("belarus", "belarusian"), ("minsk",)),
    "poland": (("poland", "polish"), ("warsaw",)),
    "italy": (("italy", "italian"), ("rome",)),
    "spain": (("spain", "spanish"), ("madrid",)),
    "canada": (("canada", "canadian"), ("ottawa",)),
    "australia": (("australia", "australian"), ("canberra",)),
    "brazil": (("brazil", "brazilian"), ("brasilia", "brasília")),
    "mexico": (("mexico", "mexican"), ("mexico city",)),
    "north korea": (("north korea", "north korean", "dprk"), ("pyongyang",)),
    "south korea": (("south korea", "south korean"), ("seoul",)),
    "afghanistan": (("afghanistan", "afghan"), ("kabul",)),
    "nigeria": (("nigeria", "nigerian"), ("abuja",)),
    "south africa": (("south africa", "south african"), ("pretoria",)),
    "kenya": (("kenya", "kenyan"), ("nairobi",)),
    "ethiopia": (("ethiopia", "ethiopian"), ("addis ababa",)),
    "sudan": (("sudan", "sudanese"), ("khartoum",)),
    "lebanon": (("lebanon", "lebanese"), ("beirut",)),
    "jordan": (("jordan", "jordanian"), ("amman",)),
    "qatar": (("qatar", "qatari"), ("doha",)),
    "yemen": (("yemen", "yemeni"), ("sanaa",)),
    "venezuela": (("venezuela", "venezuelan"), ("caracas",)),
    "argentina": (("argentina", "argentine", "argentinian"), ("buenos aires",)),
    "indonesia": (("indonesia", "indonesian"), ("jakarta",)),
    "philippines": (("philippines", "philippine", "filipino"), ("manila",)),
    "vietnam": (("vietnam", "vietnamese"), ("hanoi",)),
    "thailand": (("thailand", "thai"), ("bangkok",)),
    "taiwan": (("taiwan", "taiwanese"), ("taipei",)),
    "georgia": (("georgia", "georgian"), ("tbilisi",)),
    "armenia": (("armenia", "armenian"), ("yerevan",)),
    "azerbaijan": (("azerbaijan", "azerbaijani"), ("baku",)),
    "kazakhstan": (("kazakhstan", "kazakh"), ("astana",)),
    "hungary": (("hungary", "hungarian"), ("budapest",)),
    "romania": (("romania", "romanian"), ("bucharest",)),
    "greece": (("greece", "greek"), ("athens",)),
    "sweden": (("sweden", "swedish"), ("stockholm",)),
    "norway": (("norway", "norwegian"), ("oslo",)),
    "finland": (("finland", "finnish"), ("helsinki",)),
    "netherlands": (("netherlands", "dutch"), ("amsterdam", "the hague")),
    "belgium": (("belgium", "belgian"), ("brussels",)),
    "switzerland": (("switzerland", "swiss"), ("bern",)),
    "austria": (("austria", "austrian"), ("vienna",)),
    "ireland": (("ireland", "irish"), ("dublin",)),
    "cuba": (("cuba", "cuban"), ("havana",)),
    "colombia": (("colombia", "colombian"), ("bogota", "bogotá")),
    "chile": (("chile", "chilean"), ("santiago",)),
    "peru": (("peru", "peruvian"), ("lima",)),
    "libya": (("libya", "libyan"), ("tripoli",)),
    "algeria": (("algeria", "algerian"), ("algiers",)),
    "morocco": (("morocco", "moroccan"), ("rabat",)),
    "tunisia": (("tunisia", "tunisian"), ("tunis",)),
    "moldova": (("moldova", "moldovan"), ("chisinau",)),
    "serbia": (("serbia", "serbian"), ("belgrade",)),
    "lithuania": (("lithuania", "lithuanian"), ("vilnius",)),
    "latvia": (("latvia", "latvian"), ("riga",)),
    "estonia": (("estonia", "estonian"), ("tallinn",)),
    "czech republic": (("czech republic", "czechia", "czech"), ("prague",)),
    "slovakia": (("slovakia", "slovak"), ("bratislava",)),
    "bangladesh": (("bangladesh", "bangladeshi"), ("dhaka",)),
    "sri lanka": (("sri lanka", "sri lankan"), ("colombo",)),
    "nepal": (("nepal", "nepali", "nepalese"), ("kathmandu",)),
    "myanmar": (("myanmar", "burmese"), ("naypyidaw",)),
    "palestine": (("palestine", "palestinian", "palestinians"), ("ramallah",)),
    "new zealand": (("new zealand",), ("wellington",)),
}

# Seats of government named for the government itself ("the Kremlin said").
GOVERNMENT_SEATS = frozenset(
    """
    kremlin pentagon elysee élysée whitehall
    """.split()
) | {"white house", "downing street", "blue house", "zhongnanhai"}

COUNTRY_OF: dict[str, str] = {}
CAPITAL_OF: dict[str, str] = {}
for _key, (_names, _seats) in COUNTRIES.items():
    for _n in _names:
        COUNTRY_OF[_n] = _key
    for _s in _seats:
        COUNTRY_OF[_s] = _key
        CAPITAL_OF[_s] = _key

# Spelling variants folded when comparing organisation names.
SPELLING_VARIANTS = {
    "defence": "defense",
    "organisation": "organization",
    "programme": "program",
    "centre": "center",
    "labour": "labor",
}

# Quantities: predicates whose subject or object counts people or things of one kind.
QUANTITY_PREDICATES = {
    "injure": "people injured",
    "wound": "people injured",
    "hurt": "people injured",
    "hospitalize": "people hospitalized",
    "hospitalise": "people hospitalized",
    "kill": "people killed",
    "die": "people killed",
    "dead": "people killed",
    "evacuate": "people evacuated",
    "arrest": "people arrested",
    "detain": "people detained",
    "displace": "people displaced",
    "rescue": "people rescued",
    "intercept": "objects intercepted",
    "down": "objects intercepted",
    "destroy": "objects destroyed",
    "launch": "objects launched",
    "fire": "objects launched",
    "damage": "objects damaged",
    "shoot down": "objects intercepted",
    "bring down": "objects intercepted",
    "wounded": "people injured",
    "injured": "people injured",
    "missing": "people missing",
}
# Measures given as a figure ("magnitude 6.3"), and events measured so ("the earthquake, at 6.3").
MEASURE_NOUNS = {"magnitude": "earthquake magnitude"}
MEASURED_EVENTS = {
    "earthquake": "earthquake magnitude",
    "quake": "earthquake magnitude",
    "tremor": "earthquake magnitude",
    "aftershock": "earthquake magnitude",
}
# A source speaking of its own action ("it downed 20 drones", "our forces destroyed 12 tanks").
SELF_PRONOUNS = frozenset("it we i its our my".split())
QUANTITY_NOUNS = {
    "casualty": "casualties",
    "casualties": "casualties",
    "death": "people killed",
    "fatality": "people killed",
    "dead": "people killed",
    "injury": "people injured",
    "victim": "victims",
    "toll": "people killed",
    "death toll": "people killed",
}
VAGUE_QUANTIFIERS = frozenset("several many dozens scores hundreds thousands few some numerous multiple dozen".split())
NUMBER_WORDS = {
    "zero": 0,
    "no": 0,
    "none": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a dozen": 12,
    "dozen": 12,
}
PEOPLE_NOUNS = frozenset(
    """
    people person persons civilians civilian residents resident soldiers soldier troops children
    child adults women men passengers workers students patients victims casualties officers
    police policemen firefighters migrants refugees protesters demonstrators fighters militants
    tourists citizens villagers miners crew members inhabitants individuals
    """.split()
)

# Anchors of an event in time and place.
PLACE_NOUNS = frozenset("city town village region province district oblast county state port".split())
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
MONTHS = frozenset("january february march april may june july august september october november december".split())

# Where people are taken when they are hurt: "taken to hospital" counts the hospitalized.
HOSPITAL_NOUNS = frozenset("hospital hospitals clinic clinics infirmary".split())

# What a source can "put at" a figure ("put the death toll at 20").
ESTIMATE_NOUNS = frozenset("number toll figure count total tally cost estimate damage loss losses".split())

# Bylines and credit lines: the newsroom's own bookkeeping, not statements. A byline is a line of
# its own: "By" and two to four capitalised words a name, perhaps "and" a second name.
_NAME = r"[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*){1,3}"
BYLINE = re.compile(rf"By\s+{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*\s*$")
CREDIT_LINE = re.compile(
    r"\(?\s*(?:(?i:(?:additional\s+)?(?:reporting|writing|editing|research|compiled|produced)\s+by)"
    rf"|{BYLINE.pattern})"
)

# --- Beliefs, intentions and stances (``beliefs.py``) ----------------------------------------------

# Verbs of a mental state: their clause is what someone holds true ("X believes the dam will hold").
# Such a claim is reported with kind ``belief``.
BELIEF_VERBS = frozenset(
    "believe think expect hope fear feel doubt suspect suppose assume presume reckon worry imagine trust".split()
)

# Verbs of an intention or a decision: their "to" complement is what someone means to do
# ("X plans to reopen the bridge"). An attribution, never a claim.
INTENTION_VERBS = frozenset(
    "want plan intend hope aim seek expect decide refuse agree propose offer wish prefer".split()
)

# Verbs of an intention or a stance whose complement can be a gerund ("proposed dropping the levy").
GERUND_INTENTION_VERBS = frozenset("propose consider suggest recommend favor favour oppose support back".split())

# Verbs of a decision whose clause says what was decided ("the board decided the plant should close").
DECISION_VERBS = frozenset("decide propose intend recommend resolve".split())

# Verbs that ask someone to do something ("asked residents to stay indoors"): the requests above,
# and "ask", which is a request only with such a complement ('"Why?" she asked' is a question).
ASKING_VERBS = REQUEST_VERBS | frozenset({"ask"})

# What a refusal is about when it says nothing ("refused to comment"): no intention, no attribution.
NO_COMMENT_VERBS = frozenset("comment respond elaborate discuss speculate say confirm answer".split())

# Verbs of a stance or a speech act on an object: the object is what someone is for or against, or
# what they said about it ("X supports the bill", "X criticised the plan for its cost"). An
# attribution, never a claim (the object is no statement).
STANCE_VERBS = frozenset(
    """
    support oppose endorse back favor favour prefer want reject welcome embrace criticize criticise
    attack praise accuse blame condemn denounce defend question slam blast mention offer dismiss
    dispute challenge deny discuss propose applaud hail commend fault demand request cite reference
    acknowledge highlight tout promote encourage view regard
    """.split()
)

# Prepositions by which a stance verb says what about its object ("criticised the plan for its
# cost", "accused him of lying"); others ("in a tweet", "on Monday") say where or when.
STANCE_PREPOSITIONS = frozenset("for of over as about against".split())

# Verbs of a view of something, with its object and "as" or a predicate ("see the deal as a mistake").
REGARD_VERBS = frozenset("see view regard consider deem judge".split())

# Verbs that put a question, or say or know its answer, with an indirect question as complement
# ("asked whether the deal was legal", "has not said when the vote will be"): an attribution that
# states nothing. "if" opens a question only after the verbs of asking (QUESTION_IF_VERBS); after
# "said" it opens a condition.
QUESTION_VERBS = frozenset(
    "ask question wonder press inquire enquire query explain say tell discuss debate know".split()
)
QUESTION_IF_VERBS = frozenset("ask question wonder inquire enquire query".split())
QUESTION_WORDS = frozenset("whether if what which who whom whose how why when where".split())

# Verbs of speaking about a topic: "She spoke of a new era", "He talked about the economy".
TOPIC_VERBS = frozenset("speak talk write complain boast joke testify comment reminisce rail".split())
TOPIC_PREPOSITIONS = frozenset("about of".split())  # not "on": "spoke on Monday", "on television"

# Nouns that name a statement, an intention or a stance, held by their possessor ("the mayor's claim
# that ...", "her plan to ...", "his support for ...").
VIEW_NOUNS = frozenset(
    """
    claim claims assertion allegation charge argument view belief position stance plan plans proposal
    pledge promise vow intention intent decision determination effort bid call demand support
    opposition criticism attack attacks praise defense defence endorsement comment comments remark
    remarks statement warning threat hope hopes fear fears concern concerns doubt doubts insistence
    denial rejection suggestion recommendation theory conclusion conclusions admission acknowledgment
    acknowledgement estimate estimates idea ideas message assessment prediction predictions
    accusation accusations complaint complaints announcement explanation contention assurance
    assurances refusal opinion opinions suspicion suspicions objection objections
    """.split()
)


# --- engine-structure: naming sources by the right word ---------------------------------------
# Lower-case modifiers that make a description a news organisation's ("the Valmor Press news
# service", "the Ostra news portal"), whatever its head noun names alone.
NEWS_DESCRIPTION_MODIFIERS = frozenset("news wire".split())
# Heads of such descriptions that name an agency rather than an outlet ("news service").
NEWS_SERVICE_HEADS = frozenset("service agency".split())

# --- engine-structure: nesting ---------------------------------------------------------------
# Prepositions that set someone else's report against the speaker's ("..., despite the union
# claiming ..."): what follows them is not the speaker's content.
CONTRAST_PREPOSITIONS = frozenset("despite notwithstanding".split())
# Participles by which the writer explains what a source said ("..., according to critics,
# meaning the law would lapse"): a gloss outside the according-to content.
GLOSS_PARTICIPLES = frozenset("mean".split())
# --- cue recall (issue 7): constructions the reporting-verb rule does not read ---

# Verbs that identify someone or something as what they are: "Police identified the driver as a
# teacher", "named the man as Ivo Brandt" (the object with its "as" phrase is the claim).
IDENTIFYING_VERBS = frozenset("identify name".split())
# Whom such a verb identifies ("identified the victim as ..."; not "identified the cost as one of
# the reasons", a view).
IDENTIFIED_PEOPLE = frozenset(
    """
    suspect suspects victim victims driver gunman attacker shooter assailant bomber man woman boy
    girl body pilot
    """.split()
)

# Verbs that recount an experience given as a gerund: "described seeing bodies in the corridor",
# "recalled hearing two blasts" (the gerund phrase is the claim).
RECOUNTING_VERBS = frozenset("describe recall recount remember report".split())

# Verbs whose "to" phrase names whom it was said to ("confirmed to the Herald", "explained to
# Radio Valmor"); kept as a hop only when that is an outlet.
SAID_TO_VERBS = frozenset("say speak write confirm explain reveal admit describe complain announce insist".split())

# Verbs by which an outlet passes on a statement it did not make: "in a statement carried by
# Valmor Press", "a letter published by the Herald".
CARRYING_VERBS = frozenset("carry publish run print broadcast air relay distribute".split())

# Verbs by which an outlet gathers a group's views: "economists polled by Valmor Press" (the
# economists speak, the outlet relays them).
POLLING_VERBS = frozenset("poll survey interview canvass question".split())
