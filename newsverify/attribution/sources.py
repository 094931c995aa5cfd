"""Sources: the mention span of a source in the parse, its type, and one entity per real-world
source however the article names it ("French Defence Ministry", "the ministry", "it").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from newsverify.attribution import lexicon as lx
from newsverify.attribution.types import SourceType

# Dependents that belong to a noun phrase naming a source, left of its head.
_LEFT_DEPS = frozenset(["det", "compound", "amod", "poss", "nmod", "nummod", "quantmod", "case", "npadvmod", "predet"])
_NAME_LABELS = frozenset(["PERSON", "ORG", "GPE", "NORP", "FAC"])
_ARTICLE = re.compile(r"^(the|a|an)\s+")
_ARTICLE_ANY_CASE = re.compile(r"^(the|a|an)\s+", re.I)
_POSSESSIVE_END = re.compile(r"'s$")
_POSSESSIVE = re.compile(r"['\u2019]s\b")
_POSSESSIVE_TAIL = re.compile(r"\s*['\u2019]s?$")
_NOT_NAME_CHARS = re.compile(r"[^\w\s&.-]")


def mention_span(head: Token) -> SpacySpan:
    """The noun phrase that names a source, from its head: determiners, titles and compounds on
    the left; "of"-names ("Ministry of Health") and anonymity descriptions on the right; never a
    relative clause, an apposition or a conjunct."""
    doc = head.doc
    left = head.i
    for child in head.lefts:
        if child.dep_ in _LEFT_DEPS:
            left = min(left, child.left_edge.i)
    right = head.i
    for child in head.rights:
        of_name = (
            child.dep_ == "prep"
            and (
                child.lower_ == "of"
                or child.lower_ == "for"
                and head.pos_ == "PROPN"
                and head.text[:1].isupper()
                or child.lower_ == "from"
                and head.text[:1].isupper()
                and head.lower_ in lx.NEWS_OUTLET_WORDS
                or child.lower_ == "on"
                and head.text[:1].isupper()
                and head.lower_ in lx.GOVERNMENT_BODY_HEADS | lx.ORGANIZATION_NOUNS
            )
            and _proper_pobj(child)
        )  # "Ministry of Health", "Organization for Migration", "News from Lagos", "Commission on Trade"
        proper = child.dep_ in ("compound", "flat", "nmod") and child.pos_ == "PROPN"
        described = (
            child.dep_ in ("amod", "acl", "prep")
            and _is_anonymous_head(head)
            and child.i == right + 1
            and not _speaking_participle(child)
        )
        if of_name or proper or described:
            right = max(right, child.right_edge.i)
        elif child.dep_ == "case" and child.i == right + 1:
            right = max(right, child.i)
    while right > left and doc[right].is_punct:
        right -= 1
    while left < right and doc[left].is_punct:
        left += 1
    return doc[left : right + 1]


def _speaking_participle(child: Token) -> bool:
    """ "officials saying ...", "residents describing ...": the participle is what the group says,
    not a description of who it is ("officials briefed on the talks", "sources close to him")."""
    if child.dep_ == "acl" and child.lemma_.lower() in lx.POLLING_VERBS:
        return True  # "economists polled by Valmor Press": the outlet is their relay, not part of who they are
    return child.dep_ == "acl" and child.tag_ == "VBG" and child.lemma_.lower() in lx.REPORTING_VERBS


def _proper_pobj(prep: Token) -> bool:
    return any(c.dep_ == "pobj" and (c.pos_ == "PROPN" or c.text[:1].isupper()) for c in prep.children)


def _is_anonymous_head(head: Token) -> bool:
    return head.lower_ in lx.ANONYMOUS_NOUNS and (head.is_sent_start or not head.text[:1].isupper())


@dataclass
class Entity:
    """One real-world source in the article."""

    type: SourceType
    names: list[str] = field(default_factory=list)  # proper names, as written
    descriptions: list[str] = field(default_factory=list)  # "the agency", "he", ...
    person_words: tuple[str, ...] = ()  # a person's name words, lower case, titles removed
    titles: set[str] = field(default_factory=set)
    org_core: str = ""  # a normalised organisation name, country words removed
    country: str | None = None
    last_seen: int = -1
    is_publisher: bool = False
    id: str = ""
    owner: Entity | None = None  # for "her office": the entity "her" stands for
    gender: str = ""  # "he" or "she" once a pronoun or a title has told; "" while unknown
    seen_at: set[int] = field(default_factory=set)  # where the article mentions it: how salient it is
    abbreviations: set[str] = field(default_factory=set)  # "nga" of "National Grid Authority (NGA)"
    group: str = ""  # for an anonymous group: what it is ("official"), to find it again
    places: set[str] = field(default_factory=set)  # "lisbon" of "Mayor Ana Ribeiro of Lisbon"
    plural: bool = False  # named by a plural ("officials", "the stores", "police"): a "they"

    def seen(self, pos: int) -> None:
        """The article mentions it at ``pos``."""
        self.last_seen = max(self.last_seen, pos)
        self.seen_at.add(pos)

    @property
    def name(self) -> str:
        if not self.names:
            return _strip_det(self.descriptions[0]) if self.descriptions else ""
        if self.type is SourceType.GOVERNMENT and self.country:
            for n in self.names:
                if lx.COUNTRY_OF.get(_norm(n)) == self.country and _norm(n) not in lx.CAPITAL_OF:
                    return _strip_det(n)
        return max((_strip_det(n) for n in self.names), key=lambda n: (len(n.split()), len(n)))

    def aliases(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for n in self.names + self.descriptions:
            if n != self.name:
                seen.setdefault(n, None)
        return tuple(seen)


@dataclass
class MentionInfo:
    """What a mention's words say about its source."""

    kind: str  # name, pronoun, description, anonymous
    type: SourceType
    name: str = ""  # the proper name in it, if any, determiners and titles removed
    person_words: tuple[str, ...] = ()
    titles: frozenset[str] = frozenset()
    org_core: str = ""
    country: str | None = None
    medium: str | None = None  # "report" in "the Reuters report"
    head_lower: str = ""
    inner: SpacySpan | None = None  # for "a statement from the ministry": the ministry
    owner_pronoun: str = ""  # "her" in "her office": the description belongs to someone named before
    described_as: str = ""  # "state broadcaster" in "State broadcaster RTV Valmor"
    abbreviation: str = ""  # "NGA" in "National Grid Authority (NGA)": the short name it gives itself
    group: str = ""  # "official" in "Afghan officials": the kind of an anonymous source
    role: str = ""  # the dependency of the mention's head: "nsubj", "pobj", ...
    places: frozenset[str] = frozenset()  # "porto" of "the Porto mayor": where a person's office is
    pair: bool = False  # "the two sides", "both countries": the two named just before
    plural: bool = False  # the head is a plural ("officials", "the stores", "police")
    antecedent: SpacySpan | None = None  # for "they": a group the parse offers nearby
    antecedent_offset: int = 0  # its start, in characters from the pronoun's (negative)
    antecedent_in_sentence: bool = False  # in the pronoun's own sentence


@functools.lru_cache(maxsize=8192)
def _norm(text: str) -> str:
    text = text.lower().replace("’", "'")
    text = _ARTICLE.sub("", text.strip())
    text = _POSSESSIVE_END.sub("", text)
    return " ".join(_NOT_NAME_CHARS.sub(" ", text).split())


@functools.lru_cache(maxsize=8192)
def _strip_det(text: str) -> str:
    return _ARTICLE_ANY_CASE.sub("", text.strip())


def describe(span: SpacySpan) -> MentionInfo:
    """Classify a source mention from its words and the parser's entity labels."""
    info = _describe(span)
    info.name = _POSSESSIVE_TAIL.sub("", info.name)  # "the Herald's reporter": the Herald
    if info.kind == "description":
        owner = next((c for c in span.root.children if c.dep_ == "poss" and c.i >= span.start), None)
        if owner is not None and owner.lower_ in lx.POSSESSIVE_PRONOUNS:
            info.owner_pronoun = owner.lower_
    if info.kind == "name" and info.type is not SourceType.PERSON:
        info.abbreviation, whole = _abbreviation_after(span)
        if whole is not None:
            info.name = whole
            info.org_core, info.country = _org_core(whole)
    if info.kind == "anonymous":
        info.group = span.root.lemma_.lower() or span.root.lower_
        info.country = info.country or _country_in(span)
    if info.kind == "pronoun" and info.head_lower in lx.GROUP_PRONOUNS:
        info.antecedent = _group_antecedent(span.root)
        if info.antecedent is not None:
            info.antecedent_offset = info.antecedent.start_char - span.start_char
            info.antecedent_in_sentence = info.antecedent.sent == span.root.sent
    info.role = span.root.dep_
    info.pair = _names_a_pair(span.root)
    info.plural = info.kind != "pronoun" and (span.root.tag_ in ("NNS", "NNPS") or span.root.lower_ in lx.PLURAL_BODIES)
    if info.kind == "name" and _quoting(span.root) and _kind_unknown(info):
        info.type = SourceType.NEWS_OUTLET
    if info.type is SourceType.PERSON and info.kind in ("name", "description"):
        info.places = _office_places(span, info)
    return info


def _names_a_pair(head: Token) -> bool:
    """'The two sides', 'both countries', 'the two companies': the pair the story just named."""
    if head.tag_ != "NNS" or head.lemma_.lower() not in lx.PAIR_NOUNS:
        return False
    return any(
        c.dep_ == "nummod" and c.lower_ in ("two", "2") or c.dep_ in ("det", "predet") and c.lower_ == "both"
        for c in head.children
    )


def _kind_unknown(info: MentionInfo) -> bool:
    """A name whose own words do not say what it is ("Ostrapress", not "Ostra Institute")."""
    if info.type is SourceType.OTHER:
        return True
    words = set(_norm(info.name).split())
    kinds = lx.ORGANIZATION_NOUNS | lx.GOVERNMENT_BODY_HEADS | lx.COMPANY_MARKERS | lx.COMPANY_NAME_WORDS
    return info.type is SourceType.ORGANIZATION and not words & kinds


def _quoting(head: Token) -> bool:
    """A name of unknown kind that quotes or cites someone to the reader is a news outlet: "as
    quoted by Valmor Insider", "cited by Ostrapress" (a person or a body the tagger would know)."""
    prep = head.head
    return (
        head.dep_ == "pobj"
        and prep.dep_ == "agent"
        and prep.head.lemma_.lower() in lx.CITING_VERBS
        and head.pos_ == "PROPN"
    )


def _office_places(span: SpacySpan, info: MentionInfo) -> frozenset[str]:
    """The places a person's mention ties the office to: "Mayor Ana Ribeiro of Lisbon", "the Porto
    mayor", "Porto's mayor", "Valmor's Foreign Secretary" (proper words that are neither the name
    nor a title)."""
    name = set(map(_fold, info.person_words)) | {_fold(w) for w in info.name.split()}
    return frozenset(
        _fold(t.text)
        for t in span
        if t.pos_ == "PROPN"
        and t.text[:1].isupper()
        and _fold(t.text) not in name
        and t.lower_ not in lx.PERSON_TITLES
        and (t.ent_type_ in ("GPE", "LOC", "NORP") or t.dep_ in ("poss", "pobj") or t.i < span.root.i)
    )


def _group_antecedent(pronoun: Token) -> SpacySpan | None:
    """The group a "they" stands for when the parse shows it near: a plural subject that can
    speak (people, officials, a public body, businesses), before the pronoun in its own sentence
    ("State prosecutors charged him with murder, they said"; "The stores were reluctant, according
    to a report in which they said ...") or the main subject of the sentence before ("Prosecutors
    met on Monday. They said ..."), not the subject of someone's content ("Police said protesters
    threw stones. They said ..." is the police). None when the registry must decide."""
    sent = pronoun.sent
    same = [t for t in sent if t.i < pronoun.i and t.dep_ == "nsubj" and _speaking_group(t)]
    if same:
        return mention_span(same[-1])
    if pronoun.dep_ != "nsubj" or sent.start == 0 or any(t.i < pronoun.i and t.dep_ == "nsubj" for t in sent):
        return None
    before = pronoun.doc[sent.start - 1].sent
    subject = next((c for c in before.root.children if c.dep_ == "nsubj"), None)
    if subject is not None and _speaking_group(subject):
        return mention_span(subject)
    return None


def _speaking_group(tok: Token) -> bool:
    """A plural noun for people or bodies that make statements: "officials", "prosecutors",
    "the stores", "retailers"; not "prices" or "the roads"."""
    if tok.tag_ not in ("NNS", "NNPS") or tok.pos_ == "PRON":
        return False
    lemma = tok.lemma_.lower()
    return bool(
        {tok.lower_, lemma}
        & (lx.ANONYMOUS_NOUNS | lx.PEOPLE_NOUNS | lx.GOVERNMENT_BODY_HEADS | lx.COMPANY_NOUNS | lx.SPEAKING_GROUPS)
    )


_NAME_GLUE = frozenset({",", "and", "of", "for", "&", "on", "the"})


def _initials(tokens: list[Token]) -> str:
    return "".join(t.text[0] for t in tokens if t.text[:1].isupper())


def _abbreviation_after(span: SpacySpan) -> tuple[str, str | None]:
    """The short name an organisation is given in parentheses after its full name ("the
    National Grid Authority (NGA) said"), and the whole name when the parse kept only a part of
    it: "Valmor Energy, Mining and Water Board (VEMWB)" parsed as "Mining and Water Board" or as
    "Valmor Energy", the words around it, across commas and "and", whose initials it spells."""
    doc = span.doc
    inside = next((t.i for t in span if t.text == "(" and t.i + 2 < span.end and doc[t.i + 2].text == ")"), None)
    if inside is not None and doc[inside + 1].text[:1].isupper() and len(doc[inside + 1].text) >= 2:
        # "The National Flood Risk Council (NFRC) of Valmor": the name is the words around it
        outside = [t for t in span if not inside <= t.i <= inside + 2]
        name = "".join(t.text_with_ws for t in outside).strip()
        return doc[inside + 1].text, _strip_det(name)
    end = span.end
    while end < len(doc) and end - span.end < 8 and (doc[end].text[:1].isupper() or doc[end].lower_ in _NAME_GLUE):
        end += 1
    if end + 2 >= len(doc) or doc[end].text != "(" or doc[end + 2].text != ")":
        return "", None
    short = doc[end + 1]
    if not short.text[:1].isupper() or len(short.text) < 2 or short.like_num:
        return "", None
    letters = short.text.replace(".", "").upper()
    if end == span.end and _initials(list(span)) == letters:
        return short.text, None
    start = span.start
    while (
        start > 0
        and (doc[start - 1].text[:1].isupper() or doc[start - 1].text == ",")
        and not (doc[start - 1].is_sent_start and doc[start - 1].pos_ != "PROPN")
    ):
        start -= 1
    for first in range(start, span.end):
        if _initials(list(doc[first:end])) == letters and doc[first].text[:1].isupper():
            return short.text, doc[first:end].text
    return (short.text, None) if end == span.end else ("", None)


def _describe(span: SpacySpan) -> MentionInfo:
    head = span.root
    lower = head.lower_
    words = [t for t in span if not t.is_punct]
    # A name has a proper head ("the French Defence Ministry"); a common-noun head with proper
    # modifiers ("the Berlin-based company", "local police") is a description.
    has_proper = (
        head.pos_ == "PROPN"
        or head.is_upper
        and len(head.text) > 1
        or (head.text[:1].isupper() and not head.is_sent_start)
    )

    pronoun_word = lower in lx.PERSON_PRONOUNS | lx.GROUP_PRONOUNS | lx.THING_PRONOUNS | lx.FIRST_PERSON
    if head.pos_ == "PRON" or pronoun_word and not (head.is_upper and len(head.text) > 1 and head.pos_ == "PROPN"):
        # ("US" in capitals, a proper noun, is no "us")
        return MentionInfo("pronoun", SourceType.OTHER, head_lower=lower)

    context = [t.lower_ for t in head.subtree]
    if any(w in lx.ANONYMITY_MARKERS for w in context) and not _person_entity(span):
        return MentionInfo("anonymous", SourceType.ANONYMOUS, head_lower=lower)

    # "the Reuters report", "a statement from the ministry", "the ministry's statement"
    if (is_document(head) or _is_message(head)) and not _titled_outlet(head):
        inner = _owner_of_document(head, span)
        if inner is not None:
            info = describe(inner)
            if info.kind != "anonymous" or info.type is SourceType.ANONYMOUS:
                info.medium = _medium_words(head, span)
                info.inner = inner
                return info
        return MentionInfo(
            "name" if has_proper else "description",
            SourceType.DOCUMENT,
            name=_strip_det(span.text) if has_proper else "",
            org_core=_org_core(span.text)[0],
            head_lower=lower,
        )

    described = _described_name(span)
    if described is not None:
        return described
    known = _known_name(span)
    if known is not None:
        return known
    shaped = _name_shape(span, has_proper)
    if shaped is not None:
        return shaped
    if not has_proper:
        named = next(
            (
                c
                for c in head.rights
                if c.pos_ == "PROPN"
                and (c.dep_ == "appos" or c.dep_ == "npadvmod" and c.i >= 2 and c.nbor(-1).text == ",")
            ),
            None,
        )
        if named is not None:
            # "The ministry's spokeswoman, Li Wen, said": the person is named in apposition.
            info = describe(mention_span(named))
            if info.kind == "name":
                info.titles = info.titles | {lower}
                if info.type is not SourceType.PERSON and lower in lx.PERSON_TITLES | lx.ANONYMOUS_NOUNS:
                    info.type = SourceType.PERSON
                    info.person_words = tuple(info.name.lower().split())
                return info
    person = _person_entity(span)
    if person is not None:
        last_title = max((t.i for t in person if t.lower_ in lx.TITLE_NOUNS), default=-1)
        if person.start <= last_title < person.end - 1:
            person = span.doc[last_title + 1 : person.end]  # "Lisbon Mayor Ana Ribeiro": the name after the title
        name_words = tuple(t.lower_ for t in person if t.lower_ not in lx.PERSON_TITLES and not t.is_punct)
        titles = frozenset(t.lower_ for t in span if t.lower_ in lx.PERSON_TITLES and t.i < person.end)
        if name_words:
            return MentionInfo(
                "name",
                SourceType.PERSON,
                name=" ".join(t.text for t in person if t.lower_ in name_words),
                person_words=name_words,
                titles=titles,
                head_lower=lower,
            )

    if not has_proper:
        if (
            lower in lx.PERSON_TITLES
            or re.fullmatch(r"(\d+|\w+)-year-old", lower)
            or lower == "old"
            and "year" in span.text.lower()
        ):
            # "the spokesman", "the 58-year-old": a person mentioned before
            qualifiers = {
                t.lower_ for t in head.lefts if t.dep_ in ("amod", "compound") and t.lower_ in lx.TITLE_MODIFIERS
            }
            return MentionInfo(
                "description",
                SourceType.PERSON,
                titles=frozenset(({lower} & lx.PERSON_TITLES) | qualifiers),
                head_lower=lower,
            )
        if lower in lx.ANONYMOUS_NOUNS or head.lemma_.lower() in lx.ANONYMOUS_NOUNS:
            definite = any(t.lower_ in ("the", "this", "that") for t in head.children if t.dep_ == "det")
            singular = head.tag_ in ("NN", "NNP")
            if definite and singular:
                return MentionInfo("description", SourceType.PERSON, titles=frozenset({lower}), head_lower=lower)
            return MentionInfo("anonymous", SourceType.ANONYMOUS, head_lower=lower)
        if _norm(span.text) in lx.COUNTRY_OF and _norm(span.text) in lx.CAPITAL_OF:
            # "the Kremlin", "the White House": seats of government
            return MentionInfo(
                "name", SourceType.GOVERNMENT, name=_strip_det(span.text), country=lx.COUNTRY_OF[_norm(span.text)]
            )
        country = _country_in(span)
        if lower == "government" and country:
            return MentionInfo(
                "name", SourceType.GOVERNMENT, name=_strip_det(span.text), country=country, head_lower=lower
            )
        kind = _type_of_description(lower)
        qualifiers = {t.lower_ for t in head.lefts if t.dep_ in ("compound", "amod", "nmod")}
        if kind is SourceType.NEWS_AGENCY and qualifiers - {"news", "press", "wire", "state", "official"}:
            kind = SourceType.ORGANIZATION  # "the UN refugee agency", "the space agency": not news agencies
        definite = any(t.dep_ in ("det", "poss") for t in head.lefts)
        if kind is SourceType.OTHER and head.tag_ == "NNS" and not definite:
            # "Striking dockers said", "Shop owners told reporters": an unnamed group of people
            return MentionInfo("anonymous", SourceType.ANONYMOUS, head_lower=lower)
        indefinite = any(
            t.dep_ == "det" and t.lower_ in ("a", "an", "another") or t.dep_ == "nummod" and t.lower_ == "one"
            for t in head.lefts
        )
        if kind is SourceType.OTHER and head.tag_ == "NN" and indefinite:
            # "one docker said", "a local farmer told AFP": an unnamed individual
            return MentionInfo("anonymous", SourceType.ANONYMOUS, head_lower=lower)
        return MentionInfo("description", kind, head_lower=lower, country=country)

    name = _POSSESSIVE.sub("", _strip_det(span.text))
    norm = _norm(name)
    core, country = _org_core(name)
    info = MentionInfo("name", SourceType.ORGANIZATION, name=name, org_core=core, country=country, head_lower=lower)
    last = norm.split()[-1] if norm else ""
    labels = {e.label_ for e in span.ents}
    if norm in lx.NEWS_AGENCY_NAMES or core in lx.NEWS_AGENCY_NAMES or "news agency" in norm:
        info.type = SourceType.NEWS_AGENCY
    elif (
        norm in lx.NEWS_OUTLET_NAMES
        or core in lx.NEWS_OUTLET_NAMES
        or (last in lx.NEWS_OUTLET_WORDS and len(norm.split()) > 1)
    ):
        info.type = SourceType.NEWS_OUTLET
    elif norm in lx.PLATFORMS:
        info.type = SourceType.PLATFORM
    elif norm in lx.COUNTRY_OF:  # a country, its capital or seat of government speaking: its government
        info.type = SourceType.GOVERNMENT
        info.country = lx.COUNTRY_OF[norm]
    elif any(w in lx.GOVERNMENT_BODY_HEADS for w in norm.split()) or name.upper() in lx.GOVERNMENT_ACRONYMS:
        info.type = SourceType.GOVERNMENT_BODY
    elif any(w in lx.COMPANY_MARKERS for w in norm.split()):
        info.type = SourceType.COMPANY
    elif "PERSON" in labels:
        info.type = SourceType.PERSON
        info.person_words = tuple(norm.split())
    elif "GPE" in labels:
        info.type = SourceType.GOVERNMENT
        info.country = lx.COUNTRY_OF.get(norm)
    elif "ORG" in labels or any(w in lx.ORGANIZATION_NOUNS for w in norm.split()):
        info.type = SourceType.ORGANIZATION
    elif head.pos_ == "PROPN" and span.ents == () and len(words) <= 3 and head.ent_type_ == "":
        # An unknown proper name as the subject of a reporting verb is most often a person.
        info.type = SourceType.PERSON
        info.person_words = tuple(norm.split())
    else:
        info.type = SourceType.OTHER
    return info


def _described_name(span: SpacySpan) -> MentionInfo | None:
    """A name after a description of what it is: "State broadcaster RTV Valmor", "the news agency
    Interfax", "analytics firm Ostra"; or before it: "the Valmor Times newspaper", "the Ostra
    news site". The name is the proper nouns; the description gives the type and joins the
    entity's descriptions ("the broadcaster" later finds it)."""
    head = span.root
    if head.pos_ == "NOUN":
        return _name_before_description(span)
    if head.pos_ != "PROPN":
        return None
    start = head.i
    while start > span.start and span.doc[start - 1].pos_ == "PROPN" and span.doc[start - 1].dep_ == "compound":
        start -= 1
    prefix = [t for t in span.doc[span.start : start] if not t.is_punct and t.dep_ != "det"]
    if not prefix or prefix[-1].pos_ != "NOUN":
        return None
    kind = _type_of_description(prefix[-1].lower_)
    if kind is SourceType.OTHER or prefix[-1].lower_ in lx.PERSON_TITLES:
        return None
    person = all(t.ent_type_ == "PERSON" for t in span.doc[start : head.i + 1])
    if person and kind in (SourceType.GOVERNMENT_BODY, SourceType.ORGANIZATION):
        return None  # "prosecutor Lena Ortiz", "ombudsman Ivo Brandt": a person in an office
    name = span.doc[start : span.end].text
    core, country = _org_core(name)
    info = MentionInfo("name", kind, name=name, org_core=core, country=country, head_lower=head.lower_)
    # As a description, not a name: a capital that only opened the sentence goes ("Local broadcaster").
    words = [t.lower_ if t.is_sent_start and t.pos_ != "PROPN" and not t.ent_type_ else t.text for t in prefix]
    info.described_as = " ".join(words)
    return info


def describes_news_organisation(span: SpacySpan) -> bool:
    """Whether a mention is a name with a description that makes it a news organisation: "the
    Valmor Press news service", "the Ostra Times newspaper"."""
    info = _name_before_description(span) if span.root.pos_ == "NOUN" else None
    return info is not None and info.type in (SourceType.NEWS_OUTLET, SourceType.NEWS_AGENCY)


def _name_before_description(span: SpacySpan) -> MentionInfo | None:
    head = span.root
    kind = _type_of_description(head.lower_)
    compounds = [t for t in head.lefts if t.dep_ == "compound" and t.i >= span.start]
    if kind not in (SourceType.NEWS_OUTLET, SourceType.NEWS_AGENCY) and any(
        t.text.islower() and t.lower_ in lx.NEWS_DESCRIPTION_MODIFIERS for t in compounds
    ):
        # "the Valmor Press news service", "the Ostra news portal": a news organisation,
        # whatever the head alone would be (a "service" is a public body)
        kind = SourceType.NEWS_AGENCY if head.lower_ in lx.NEWS_SERVICE_HEADS else SourceType.NEWS_OUTLET
    if kind not in (SourceType.NEWS_OUTLET, SourceType.NEWS_AGENCY, SourceType.COMPANY):
        return None
    if any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in head.rights):
        return None  # "the refugee agency, VRA,": the name in apposition is read as such
    if kind is SourceType.NEWS_AGENCY and not any(t.lower_ in ("news", "press", "wire") for t in compounds):
        return None  # "the United Nations refugee agency" is no news agency
    proper = [t for t in compounds if t.pos_ == "PROPN" and t.text[:1].isupper()]
    if not proper:
        return None
    name = span.doc[max(proper[0].left_edge.i, span.start) : proper[-1].i + 1].text
    core, country = _org_core(name)
    info = MentionInfo("name", kind, name=name, org_core=core, country=country, head_lower=head.lower_)
    info.described_as = " ".join(t.lower_ for t in span.doc[proper[-1].i + 1 : head.i + 1])
    return info


def _known_name(span: SpacySpan) -> MentionInfo | None:
    """News organisations and platforms known by name, however the tagger labelled them
    ("Der Spiegel" is not a person; "the dpa news agency" is a name though lower case)."""
    name = _strip_det(span.text)
    norm = _norm(name)
    core, country = _org_core(name)
    for candidate in (norm, core):
        if candidate in lx.NEWS_AGENCY_NAMES:
            return MentionInfo(
                "name", SourceType.NEWS_AGENCY, name=name, org_core=core, country=country, head_lower=span.root.lower_
            )
        if candidate in lx.NEWS_OUTLET_NAMES:
            return MentionInfo(
                "name", SourceType.NEWS_OUTLET, name=name, org_core=core, country=country, head_lower=span.root.lower_
            )
        if candidate in lx.PLATFORMS and span.root.pos_ == "PROPN":
            return MentionInfo("name", SourceType.PLATFORM, name=name, org_core=core, head_lower=span.root.lower_)
    return None


# A web address as a name: its first label, then a dotted top-level domain ("news.com.au").
_WEB_ADDRESS = re.compile(r"([a-z0-9-]+)(?:\.[a-z]{2,6}){1,2}")


def _name_shape(span: SpacySpan, has_proper: bool) -> MentionInfo | None:
    """Types told by a name's own words: "Lindholm Robotics", "Nordbank" (companies), "The
    Daily Meridian" (a newspaper)."""
    if not has_proper:
        return None
    name = _strip_det(span.text)
    words = _norm(name).split()
    if not words:
        return None
    if any(w in lx.GOVERNMENT_BODY_HEADS for w in words):
        return None
    core, country = _org_core(name)
    info = MentionInfo(
        "name", SourceType.COMPANY, name=name, org_core=core, country=country, head_lower=span.root.lower_
    )
    titled = len(words) == 1 and span.root.text[:1].isupper() and any(t.lower_ == "the" for t in span)
    outlet_end = words[-1] in lx.NEWS_OUTLET_WORDS or words[-1] in lx.OUTLET_NAME_ENDINGS
    if len(words) == 1 and (site := _WEB_ADDRESS.fullmatch(words[0])) is not None:
        # "News.com.au", "dailyherald.co.uk": a web address whose name is a news word's is an online outlet
        label = site.group(1)
        if label in lx.NEWS_OUTLET_WORDS or any(label.endswith(w) for w in lx.NEWS_OUTLET_WORDS if len(w) > 3):
            info.type = SourceType.NEWS_OUTLET
            return info
    if (len(words) > 1 or titled) and (words[0] in lx.NEWS_OUTLET_WORDS or outlet_end):
        info.type = SourceType.NEWS_OUTLET  # "The Daily Meridian"; "the Gazette", a title after "the"
        return info
    if words[-1] in lx.COMPANY_NAME_WORDS or any(words[-1].endswith(w) for w in lx.COMPANY_NAME_ENDINGS):
        return info
    person = next((e for e in span.ents if e.label_ == "PERSON" and e.start <= span.root.i < e.end), None)
    if person is not None and not any(w in lx.COMPANY_MARKERS for w in _norm(person.text).split()):
        return None  # "former central bank chief Ivo Brandt": a person, described
    if any(w in lx.COMPANY_MARKERS for w in words):
        return info
    return None


def describe_credit(name: str) -> MentionInfo:
    """The news organisation credited in a dateline ("(Reuters)"), known by name alone."""
    core, country = _org_core(name)
    norm = _norm(name)
    kind = SourceType.NEWS_OUTLET if norm in lx.NEWS_OUTLET_NAMES else SourceType.NEWS_AGENCY
    return MentionInfo("name", kind, name=name.strip(), org_core=core, country=country, head_lower=norm)


def _person_entity(span: SpacySpan) -> SpacySpan | None:
    for ent in span.ents:
        if (
            ent.label_ == "PERSON"
            and ent.root.i == span.root.i
            or (ent.label_ == "PERSON" and span.root.i in range(ent.start, ent.end))
        ):
            # The tagger often leaves a sentence's first word out of the name ("Ana" of "Ana
            # Ribeiro wrote"): take in the capitalised words before it that the parse joins to it.
            start = ent.start
            while (
                span.doc[ent.start].lower_ not in lx.PERSON_TITLES | lx.TITLE_NOUNS
                and start > span.start
                and span.doc[start - 1].pos_ == "PROPN"
                and span.doc[start - 1].dep_ == "compound"
                and span.doc[start - 1].text[:1].isupper()
                and span.doc[start - 1].lower_ not in lx.PERSON_TITLES | lx.TITLE_NOUNS
                and not span.doc[start - 1].ent_type_
            ):
                start -= 1
            return span.doc[start : ent.end] if start < ent.start else ent
    # A title followed by proper nouns the tagger did not label: "Governor Smith"
    root = span.root
    if (
        root.pos_ == "PROPN"
        and root.lower_ not in lx.GOVERNMENT_BODY_HEADS | lx.ORGANIZATION_NOUNS | lx.COMPANY_MARKERS
        and root.i > span.start
        and span.doc[root.i - 1].lower_ in lx.TITLE_NOUNS | {t for t in lx.TITLE_NOUNS if t.endswith(".")}
        or root.pos_ == "PROPN"
        and any(span.doc[i].lower_ in lx.TITLE_NOUNS for i in range(span.start, root.i))
        and not any(t.lower_ in lx.GOVERNMENT_BODY_HEADS | lx.ORGANIZATION_NOUNS for t in span)
    ):
        start = span.root.i
        while (
            start > span.start
            and span.doc[start - 1].pos_ == "PROPN"
            and span.doc[start - 1].lower_ not in lx.PERSON_TITLES
        ):
            start -= 1
        return span.doc[start : span.root.i + 1]
    return None


def _titled_outlet(head: Token) -> bool:
    """A document or message word that is part of a name, capitalised mid-sentence: a publication's
    title ("Ostrava Courier", "the Valmor Review", "the Post") or a body's name of several words
    ("the National Seismic Survey"); not "the Reuters report", "the Mueller Report", "a ministry bulletin"."""
    if not head.text[:1].isupper() or head.is_sent_start:
        return False
    names = [c for c in head.lefts if c.dep_ == "compound" and c.pos_ == "PROPN" and c.text[:1].isupper()]
    # "the National Seismic Survey", "National Audit Review": a body named so, not a document
    return head.lower_ in lx.NEWS_OUTLET_WORDS or len(names) >= 2


def _is_message(head: Token) -> bool:
    """A message someone put out, standing for its author: "the post by Ivo Brandt", "her tweet",
    "a video from the ministry" (the author is the source, the message the medium)."""
    return head.lemma_.lower() in lx.MESSAGE_NOUNS or head.lower_ in lx.MESSAGE_NOUNS


def is_subject(root: Token) -> bool:
    """A name that is a subject of its clause, a candidate for a later "he" or "she": "Elena Varga
    blamed", "The governor, Elena Varga, blamed", "Senator Ana Ribeiro and Ivo Brandt ended their
    campaigns" (a conjunct of the subject too)."""
    subjects = ("nsubj", "nsubjpass")
    head = root
    while head.dep_ == "conj" and head.head is not head:
        head = head.head
        if head.dep_ == "pobj" and head.ent_type_ in ("GPE", "LOC") and head.head.dep_ == "prep":
            # "Senator Ana Ribeiro of Lisbon and Ivo Brandt": the parser joins the second name to
            # the place; it is a conjunct of the first
            head = head.head.head
    return head.dep_ in subjects or head.dep_ == "appos" and head.head.dep_ in subjects


def conjunct_people(root: Token) -> list[SpacySpan]:
    """Names joined by "and" to a person's name that are shaped as a person's name too, whatever
    label the tagger gave them: "Senator Ana Ribeiro and Ivo Reuters" (the tagger's organisation,
    an agency's name as a surname). A name with a determiner or a word of an organisation's name
    ("the Valmor Press", "Ostra Holdings") stays what it is."""
    found = []
    org_words = (
        lx.GOVERNMENT_BODY_HEADS
        | lx.ORGANIZATION_NOUNS
        | lx.COMPANY_NAME_WORDS
        | lx.COMPANY_MARKERS
        | lx.NEWS_OUTLET_WORDS
        | lx.OUTLET_NAME_ENDINGS
        | lx.GENERIC_HEADS
    )
    for conj in root.conjuncts:
        if conj.i < root.i or conj.pos_ != "PROPN" or conj.ent_type_ == "PERSON":
            continue
        if any(c.dep_ in ("det", "poss") for c in conj.children):
            continue
        words = [t for t in conj.lefts if t.dep_ == "compound"] + [conj]
        if len(words) < 2 or words[0].i != conj.i - len(words) + 1:
            continue  # a lone word, or words the parser did not join in one run
        if all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.lower_ not in org_words for t in words):
            found.append(root.doc[words[0].i : conj.i + 1])
    return found


def is_document(tok: Token) -> bool:
    """A noun naming a document: "report", "statement", "figures"."""
    return tok.lemma_.lower() in lx.DOCUMENT_NOUNS or tok.lower_ in lx.DOCUMENT_NOUNS


def owner_of_document(head: Token) -> SpacySpan | None:
    """Who issued the document ``head`` names, if the phrase says."""
    return _owner_of_document(head, mention_span(head))


def _owner_of_document(head: Token, span: SpacySpan) -> SpacySpan | None:
    """The organisation or person that issued a document: "Reuters report", "the ministry's
    statement", "a statement from the ministry", "a report by Reuters"."""
    for child in head.children:
        owner = child.dep_ == "poss" or child.dep_ == "compound" and child.pos_ == "PROPN"
        if owner and child.pos_ in ("PROPN", "NOUN") and child.lower_ not in lx.DOCUMENT_NOUNS:
            return mention_span(child)
    for child in head.children:
        # "government reports", "police figures": a public body named by a common noun
        body = child.lower_ == "government" or child.lower_ in lx.GOVERNMENT_BODY_HEADS
        if child.dep_ == "compound" and child.pos_ == "NOUN" and body and child.i == head.i - 1:
            return mention_span(child)
    issuer = _issuer_of(head)
    if issuer is not None:
        return issuer
    for child in head.children:
        if child.dep_ == "acl" and child.tag_ == "VBN" and child.lemma_.lower() not in lx.ACCESS_VERBS:
            # "figures released by the ministry", "a report published by Reuters" (but "seen by
            # the Times": the outlet that had it, a relay)
            agent = next((c for c in child.children if c.dep_ == "agent"), None)
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if pobj is not None:
                return mention_span(pobj)
        if child.dep_ in ("prep", "agent") and child.lower_ in ("from", "by", "of"):
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.lower_ not in lx.DOCUMENT_NOUNS:
                    return mention_span(pobj)
    return None


def _issuer_of(head: Token) -> SpacySpan | None:
    """Who put the document out, when the sentence says so: "The ministry issued a statement
    which said ...", "They released a report that found ...", "the mayor posted a message saying"
    (the subject of the verb of issuing whose object the document is)."""
    verb = head.head
    if head.dep_ != "dobj" or verb.lemma_.lower() not in lx.ISSUING_VERBS:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None and verb.dep_ in ("conj", "xcomp", "advcl"):
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)  # "met and issued a statement"
    if subject is None or subject.lower_ in lx.RELATIVE_PRONOUNS:
        return None
    return mention_span(subject)


def _medium_words(head: Token, span: SpacySpan) -> str:
    mods = [t for t in head.lefts if t.dep_ in ("amod", "compound") and t.pos_ != "PROPN"]
    return " ".join([t.text for t in mods] + [head.text])


@functools.lru_cache(maxsize=8192)
def _org_core(name: str) -> tuple[str, str | None]:
    """A comparable form of an organisation's name, and the country it names."""
    words = _norm(_POSSESSIVE.sub("", name)).split()
    words = [lx.SPELLING_VARIANTS.get(w, w) for w in words if w not in ("the", "a", "an")]
    words = [w if w in lx.COUNTRY_OF else _fold(w) for w in words]
    country = None
    kept = []
    for i, w in enumerate(words):
        two = " ".join(words[i : i + 2])
        if two in lx.COUNTRY_OF and len(words) > 2:
            country = lx.COUNTRY_OF[two]
            continue
        if w in lx.COUNTRY_OF and len(words) > 1:
            country = country or lx.COUNTRY_OF[w]
            continue
        kept.append(w)
    while kept and kept[-1] in ("of", "for", "and"):  # "ministry of health of [Brazil]"
        kept.pop()
    # "ministry of defense" -> "defense ministry"; "ministry of the interior" -> "interior ministry"
    if len(kept) >= 3 and kept[1] in ("of", "for") and kept[0] in lx.GOVERNMENT_BODY_HEADS:
        kept = kept[2:] + kept[:1]
    for suffix in (("news", "agency"), ("agency",), ("newspaper",), ("report",)):
        if len(kept) > len(suffix) and tuple(kept[-len(suffix) :]) == suffix:
            kept = kept[: -len(suffix)]
    return " ".join(kept), country


def _country_in(span: SpacySpan) -> str | None:
    for t in span:
        c = lx.COUNTRY_OF.get(t.lower_)
        if c:
            return c
    return None


def _type_of_description(head_lower: str) -> SourceType:
    if head_lower in ("agency", "wire"):
        return SourceType.NEWS_AGENCY
    if head_lower in lx.NEWS_OUTLET_WORDS or head_lower in (
        "outlet",
        "newspaper",
        "broadcaster",
        "channel",
        "media",
        "television",
        "site",
        "website",
        "portal",
    ):
        return SourceType.NEWS_OUTLET
    if head_lower in lx.GOVERNMENT_BODY_HEADS and head_lower not in ("staff", "headquarters"):
        return SourceType.GOVERNMENT_BODY  # "the General Staff" is one, "hospital staff" are not
    if head_lower in lx.COMPANY_NOUNS:
        return SourceType.COMPANY
    if head_lower in lx.ORGANIZATION_NOUNS:
        return SourceType.ORGANIZATION
    if head_lower == "government":
        return SourceType.GOVERNMENT
    return SourceType.OTHER


class EntityRegistry:
    """Entities of one article, built in reading order so that references resolve backwards."""

    def __init__(self, publisher: str | None = None, *, quote_at: Callable[[int], object] | None = None):
        """``quote_at(pos)``: the quotation around text offset ``pos``, or None (names inside a
        quotation are not candidates for a speaker's "he" or "she" outside it)."""
        self.quote_at = quote_at or (lambda pos: None)
        self.entities: list[Entity] = []
        self._by_key: dict[tuple[str, str], list[Entity]] = {}
        self.publisher_core = _org_core(publisher)[0] if publisher else ""
        self._pronouns: dict[tuple[int, str], Entity] = {}  # a pronoun read twice means the same one

    def resolve(self, info: MentionInfo, text: str, pos: int) -> tuple[Entity | None, bool]:
        """The entity a mention names, and whether it refers back to one named before (a
        pronoun or description resolved), creating it for a new name or anonymous group."""
        count = len(self.entities)
        if info.inner is not None:
            text = info.inner.text  # "a statement from the union": the union is the one named
        abbreviated = self._abbreviated(replace(info, name=_strip_det(text))) if info.kind != "pronoun" else None
        if abbreviated is not None:
            abbreviated.seen(pos)
            return abbreviated, False
        if info.kind == "pronoun" and (pos, text) in self._pronouns:
            return self._pronouns[(pos, text)], True  # "She said A, adding B": both are hers
        if info.kind == "pronoun" and info.antecedent is not None:
            shown = info.antecedent
            entity, _ = self.resolve(describe(shown), shown.text, pos + info.antecedent_offset)
            if entity is not None:
                entity.seen(pos)
                return entity, not info.antecedent_in_sentence
        if info.kind == "pronoun":
            entity = self._pronoun(info.head_lower, pos)
            if entity is None and info.head_lower not in lx.RELATIVE_PRONOUNS:
                # No antecedent: the claim keeps a source, named as the text has it.
                entity = self._new(info, pos)
                entity.type = SourceType.PERSON if info.head_lower in lx.PERSON_PRONOUNS else SourceType.OTHER
                entity.descriptions.append(text)
            if entity is not None and not entity.gender:
                entity.gender = lx.PRONOUN_GENDER.get(info.head_lower, "")
            if entity is not None:
                self._pronouns[(pos, text)] = entity
        elif info.pair and (pair := self._pair(pos)) is not None:
            entity = pair
        elif info.kind == "description":
            owned = self._owned(info, text, pos) if info.owner_pronoun else None
            if owned is not None:
                owned.last_seen = max(owned.last_seen, pos)
                return owned, True
            entity = self._description(info, pos)
            if entity is None:
                entity = self._new(info, pos)
            elif entity.type is SourceType.ORGANIZATION and info.type is SourceType.COMPANY:
                entity.type = SourceType.COMPANY  # "Lindholm Robotics ..., the company said"
            entity.places |= info.places
        elif info.kind == "anonymous":
            entity = self._same_group(info) or self._new(info, pos)
            entity.group = info.group
        else:
            entity = self._named_entity(info) or self._new(info, pos)
            if info.name and info.name not in entity.names:
                entity.names.append(info.name)
            if info.described_as and info.described_as not in entity.descriptions:
                entity.descriptions.append(info.described_as)
            entity.titles |= set(info.titles)
            if not entity.gender:
                entity.gender = next((lx.TITLE_GENDER[t] for t in entity.titles if t in lx.TITLE_GENDER), "")
            if len(info.person_words) > len(entity.person_words):
                entity.person_words = info.person_words
            entity.country = entity.country or info.country
            if info.abbreviation:
                entity.abbreviations.add(_fold(info.abbreviation))
            entity.places |= info.places
            self._index(entity)
        if entity is None:
            return None, False
        entity.plural = entity.plural or info.plural
        if info.kind not in ("name", "pronoun") and text not in entity.descriptions and text not in entity.names:
            entity.descriptions.append(text)
        entity.seen(pos)
        return entity, info.kind == "pronoun" or info.kind == "description" and len(self.entities) == count

    def _named_entity(self, info: MentionInfo) -> Entity | None:
        """The entity a name names, by the first of ``NAME_MATCHERS`` that finds one."""
        for matcher in NAME_MATCHERS:
            entity = matcher(self, info)
            if entity is not None:
                return entity
        return None

    def _pair(self, pos: int) -> Entity | None:
        """ "The two sides said ..." after "talks between the Valmor Rail Company and the Ostra
        Transport Union": joint speakers, credited to the first named of the two latest."""
        named = [
            e
            for e in self._recent()
            if e.names
            and e.last_seen < pos
            and not e.is_publisher
            and e.type not in (SourceType.ANONYMOUS, SourceType.DOCUMENT, SourceType.OTHER)
        ]
        latest = sorted(named, key=lambda e: e.last_seen)[-2:]
        if len(latest) < 2:
            return None
        return min(latest, key=lambda e: min(e.seen_at, default=e.last_seen))

    def _abbreviated(self, info: MentionInfo) -> Entity | None:
        """ "NGA" after "the National Grid Authority (NGA)": the short name an organisation was
        given in parentheses, whatever type the tagger gives the short name on its own."""
        words = info.name.split()
        if len(words) != 1:
            return None
        short = _fold(words[0])
        found = [e for e in self._by_key.get(("abbr", short), []) if short in e.abbreviations]
        return max(found, key=lambda e: e.last_seen) if found else None

    def _name_word_with_title(self, info: MentionInfo) -> Entity | None:
        """ "Prime Minister Hun" after "Prime Minister Hun Sen": one word of a person's name under
        a title that person holds (some names put the family name first, so not only the last
        word is used alone)."""
        words = info.name.split()
        if len(words) != 1 or not info.titles:
            return None
        word = _fold(words[0])
        people = [
            e
            for e in self._recent()
            if e.type is SourceType.PERSON
            and word in map(_fold, e.person_words)
            and set(info.titles) & {t for t in e.titles if t in lx.TITLE_NOUNS}
        ]
        return max(people, key=lambda e: e.last_seen) if people else None

    def _tail_of_name(self, info: MentionInfo) -> Entity | None:
        """ "the Court of Appeal" after "the Valmor Court of Appeal": an organisation named by the
        last words of a longer name given before (two words at least, the head among them)."""
        words = [_fold(w) for w in _norm(info.name).split()]
        if len(words) < 2 or info.type in (SourceType.PERSON, SourceType.GOVERNMENT):
            return None

        def ends_so(name: str) -> bool:
            longer = [_fold(w) for w in _norm(name).split()]
            return len(longer) > len(words) and longer[-len(words) :] == words

        found = [
            e
            for e in self._recent()
            if e.type not in (SourceType.PERSON, SourceType.GOVERNMENT, SourceType.ANONYMOUS)
            and any(ends_so(n) for n in e.names)
        ]
        return max(found, key=lambda e: e.last_seen) if found else None

    def _same_group(self, info: MentionInfo) -> Entity | None:
        """ "Officials said ..." and later "officials told reporters ...": an article's anonymous
        group is one source however often it comes back ("critics", "Johnson's critics"), unless
        the two name different countries ("US officials", "Afghan officials")."""
        if not info.group:
            return None
        for entity in reversed(self._recent()):
            if entity.type is not SourceType.ANONYMOUS or entity.group != info.group:
                continue
            if info.country and entity.country and info.country != entity.country:
                continue
            return entity
        return None

    def _owned(self, info: MentionInfo, text: str, pos: int) -> Entity | None:
        """ "Her office" after "Mayor Ana Ribeiro said": the mayor's office, named after its owner
        ("Ana Ribeiro's office"), one entity however often the article comes back to it."""
        pronoun = lx.POSSESSIVE_PRONOUNS[info.owner_pronoun]
        owner = self._pronoun(pronoun, pos, owners_only=True)
        if owner is None:
            return None
        owner.gender = owner.gender or lx.PRONOUN_GENDER.get(pronoun, "")
        words = text.split(None, 1)  # "Her office" -> "office"
        if len(words) < 2:
            return None
        name = f"{owner.name}'s {words[1]}"
        for entity in self._recent():
            if name in entity.names:
                return entity
        entity = Entity(
            type=info.type if info.type is not SourceType.OTHER else SourceType.ORGANIZATION,
            names=[name],
            titles=set(info.titles),
            country=owner.country,
            last_seen=pos,
            owner=owner,
        )
        entity.descriptions.append(text)
        self.entities.append(entity)
        return entity

    def _short_title(self, info: MentionInfo) -> Entity | None:
        """ "the Tribune" after "the Northern Tribune": a news outlet by the last word of its title,
        the latest one so called."""
        words = _norm(info.name).split()
        if len(words) != 1 or info.type is SourceType.PERSON:
            return None
        outlets = [
            e
            for e in self._recent()
            if e.type is SourceType.NEWS_OUTLET
            and any(len(n.split()) > 1 and n.split()[-1] == words[0] for n in map(_norm, e.names))
        ]
        return max(outlets, key=lambda e: e.last_seen) if outlets else None

    def _surname(self, info: MentionInfo) -> Entity | None:
        """A lone capitalised word that is the surname of a person already named ("Brandt"
        after "Karl Brandt"), whatever label the tagger or the lexicon gave it."""
        words = info.name.split()
        if len(words) != 1:
            return None
        news = (SourceType.NEWS_AGENCY, SourceType.NEWS_OUTLET)
        if info.type in news and info.role not in ("nsubj", "poss", "appos"):
            # "Reuters won the seat" after "Anna Reuters" is the woman; "told Reuters",
            # "according to Reuters" the outlet
            return None
        word = words[0].lower()
        if word in lx.COUNTRY_OF:
            return None
        people = [e for e in self._by_key.get(("person", _fold(word)), []) if e.type is SourceType.PERSON]
        return max(people, key=lambda e: e.last_seen) if people else None

    def note(self, info: MentionInfo, pos: int) -> None:
        """Record a named entity seen in the text (not as a source) for later references."""
        if info.kind == "name" and info.type not in (SourceType.OTHER, SourceType.GOVERNMENT, SourceType.DOCUMENT):
            entity = self._named_entity(info)
            if entity is None:
                entity = self._new(info, pos)
                entity.names.append(info.name)
            if info.abbreviation and _fold(info.abbreviation) not in entity.abbreviations:
                entity.abbreviations.add(_fold(info.abbreviation))
                self._index(entity)
            entity.seen(pos)

    def _new(self, info: MentionInfo, pos: int) -> Entity:
        entity = Entity(
            type=info.type,
            person_words=info.person_words,
            titles=set(info.titles),
            org_core=info.org_core,
            country=info.country,
            last_seen=pos,
        )
        if info.kind == "name" and info.name:
            entity.names.append(info.name)
        if (
            self.publisher_core
            and info.org_core
            and self.publisher_core
            in (
                info.org_core,
                _acronym(info.org_core),
            )
            or info.org_core
            and info.org_core == _acronym(self.publisher_core)
        ):
            entity.is_publisher = True  # "AP" in an Associated Press article
        self.entities.append(entity)
        self._index(entity)
        return entity

    def _index(self, entity: Entity) -> None:
        for key in _keys(entity.type, entity.person_words, entity.org_core, entity.country, entity.abbreviations):
            bucket = self._by_key.setdefault(key, [])
            if entity not in bucket:
                bucket.append(entity)

    def _named(self, info: MentionInfo) -> list[Entity]:
        """Entities that could share a name with ``info`` (same surname, name core or country)."""
        found: list[Entity] = []
        for key in _keys(info.type, info.person_words, info.org_core, info.country):
            for entity in self._by_key.get(key, []):
                if entity not in found:
                    found.append(entity)
        return found

    def _recent(self) -> list[Entity]:
        """Entities a pronoun or description can refer back to: the latest ones."""
        return self.entities[-RECENT:]

    def _match(self, info: MentionInfo) -> Entity | None:
        """The same name again, or one that shares its surname or its core: "Ana Ribeiro" and
        "Ribeiro", "the Ministry of Defence" and "the Defence Ministry", "WHO" and "World Health
        Organization"."""
        best = None
        for entity in self._named(info):
            if self._same(entity, info) and (best is None or entity.last_seen > best.last_seen):
                best = entity
        return best

    @staticmethod
    def _same(entity: Entity, info: MentionInfo) -> bool:
        if info.type is SourceType.PERSON or entity.type is SourceType.PERSON:
            if not (info.person_words and entity.person_words):
                return False
            a, b = tuple(map(_fold, info.person_words)), tuple(map(_fold, entity.person_words))
            short, long_ = (a, b) if len(a) <= len(b) else (b, a)
            return short[-1] == long_[-1] and all(w in long_ for w in short)
        if info.type is SourceType.GOVERNMENT and entity.type is SourceType.GOVERNMENT:
            return bool(info.country) and info.country == entity.country
        if info.type is SourceType.GOVERNMENT or entity.type is SourceType.GOVERNMENT:
            return False
        if not info.org_core or not entity.org_core:
            return False
        if info.country and entity.country and info.country != entity.country:
            return False
        if info.org_core == entity.org_core:
            return True
        return _acronym(info.org_core) == entity.org_core or _acronym(entity.org_core) == info.org_core

    def _pronoun(self, pronoun: str, pos: int, *, owners_only: bool = False) -> Entity | None:
        """The latest entity ``pronoun`` can stand for; ``owners_only`` for a possessive ("her office"):
        a named entity, not one that is itself someone's ("her spokesman's office" is not meant)."""
        if pronoun in lx.PERSON_PRONOUNS:
            wanted: tuple[SourceType, ...] = (SourceType.PERSON,)
        elif pronoun in lx.GROUP_PRONOUNS:
            wanted = (
                SourceType.ANONYMOUS,
                SourceType.ORGANIZATION,
                SourceType.GOVERNMENT,
                SourceType.GOVERNMENT_BODY,
                SourceType.COMPANY,
                SourceType.NEWS_OUTLET,
            )
        elif pronoun in lx.THING_PRONOUNS:
            wanted = (
                SourceType.ORGANIZATION,
                SourceType.GOVERNMENT_BODY,
                SourceType.COMPANY,
                SourceType.NEWS_OUTLET,
                SourceType.NEWS_AGENCY,
                SourceType.DOCUMENT,
                SourceType.GOVERNMENT,
                SourceType.PLATFORM,
            )
        else:
            return None
        gender = lx.PRONOUN_GENDER.get(pronoun, "")
        outside = self.quote_at(pos) is None
        candidates = [
            (last, e)
            for e in self._recent()
            if e.type in wanted
            and e.last_seen < pos
            and not (owners_only and (e.owner is not None or not e.names))
            and not (gender and e.gender and e.gender != gender)  # "she" is not the man called "he"
            and (last := self._last_seen_for(e, pos, outside)) >= 0
        ]
        if not candidates:
            return None
        latest = max(candidates, key=lambda c: c[0])
        if pronoun in lx.GROUP_PRONOUNS and not latest[1].plural:
            # "they" is a group named by a plural shortly before rather than one institution
            groups = [c for c in candidates if c[1].plural and latest[0] - c[0] <= THEY_REACH]
            if groups:
                return max(groups, key=lambda c: c[0])[1]
        return latest[1]

    def _last_seen_for(self, entity: Entity, pos: int, outside: bool) -> int:
        """Where a pronoun at ``pos`` last saw ``entity``; for a pronoun outside quotation marks,
        only mentions outside them count: in 'Ana Ribeiro thanked the crews: "Marta Kowalski led
        the team." She added ...', "she" is the mayor (-1: never seen so)."""
        if not outside:
            return entity.last_seen
        seen = [p for p in entity.seen_at if p < pos and self.quote_at(p) is None]
        if not seen and not entity.seen_at:
            return entity.last_seen  # an entity made without a position (a dateline's credit)
        return max(seen, default=-1)

    def _description(self, info: MentionInfo, pos: int) -> Entity | None:
        """The entity a description refers back to: "the ministry" -> an entity with
        "ministry" in its name; a generic head ("the agency", "the company") -> the latest
        entity of that type; "the president" -> the latest person with that title."""
        head = info.head_lower
        by_words: list[Entity] = []  # already called so ("the ministry" for the Defence Ministry)
        by_kind: list[Entity] = []  # only of the kind the description names ("the company")
        for entity in self._recent():
            if entity.last_seen > pos:
                continue  # (at ``pos`` itself: this very mention, resolved before for another cue)
            if info.country and entity.country and info.country != entity.country:
                continue
            words = " ".join(entity.names + entity.descriptions).lower().split()
            if info.type is SourceType.PERSON:
                if entity.type is SourceType.PERSON and _holds_title(entity, info, words):
                    by_words.append(entity)
            elif head and head in words:
                by_words.append(entity)
            elif head == "agency" and entity.type in (SourceType.GOVERNMENT_BODY, SourceType.ORGANIZATION):
                # "the agency" for a public body called an administration, a board, a commission...
                if any(_norm(n).rpartition(" ")[2] in lx.AGENCY_LIKE_BODIES for n in entity.names):
                    by_kind.append(entity)
            elif head in lx.GENERIC_HEADS and info.type is not SourceType.OTHER:
                # A named organisation of unknown kind can be "the company" (which then tells its kind).
                named_org = info.type is SourceType.COMPANY and entity.names and entity.type is SourceType.ORGANIZATION
                if entity.type is info.type or named_org:
                    by_kind.append(entity)
        if by_words:
            return max(by_words, key=lambda e: e.last_seen)
        # Of several that fit by kind alone: the one the story is about (mentioned most), then the latest.
        return max(by_kind, key=lambda e: (len(e.seen_at), e.last_seen)) if by_kind else None


# How a name finds the entity named before, tried in order (each a method of ``EntityRegistry``
# with its construction in the docstring); a name none of them finds is a new entity.
NAME_MATCHERS: tuple[Callable[[EntityRegistry, MentionInfo], Entity | None], ...] = (
    EntityRegistry._abbreviated,
    EntityRegistry._match,
    EntityRegistry._surname,
    EntityRegistry._name_word_with_title,
    EntityRegistry._short_title,
    EntityRegistry._tail_of_name,
)


def _holds_title(entity: Entity, info: MentionInfo, words: list[str]) -> bool:
    """Whether the person ``entity`` can be "the foreign minister" (``info``): the title or one
    that means the same ("Foreign Secretary Ivo Brandt" is "the foreign minister"), and every
    qualifier of it ("foreign", not "finance")."""
    head = info.head_lower
    if not info.titles:
        return True  # "the 58-year-old"
    held = entity.titles | set(words)
    same = {head} | lx.TITLE_EQUIVALENTS.get(head, frozenset())
    if not same & held:
        return False
    qualifiers = (info.titles & lx.TITLE_MODIFIERS) - {head}
    if info.places and entity.places and not info.places & entity.places:
        return False  # "the Porto mayor" is not the mayor of Lisbon
    return qualifiers <= held


THEY_REACH = 400  # characters: how much further back a plural group may be than an institution for "they"
RECENT = 60  # how many of the latest entities a pronoun or description can refer back to


def _keys(
    type_: SourceType,
    person_words: tuple[str, ...],
    org_core: str,
    country: str | None,
    abbreviations: set[str] | frozenset[str] = frozenset(),
) -> list[tuple[str, str]]:
    keys = [("abbr", a) for a in sorted(abbreviations)]
    if person_words:
        keys.append(("person", _fold(person_words[-1])))
    if org_core:
        keys.append(("org", org_core))
        acronym = _acronym(org_core)
        if acronym:
            keys.append(("org", acronym))
    if type_ is SourceType.GOVERNMENT and country:
        keys.append(("country", country))
    return keys


@functools.lru_cache(maxsize=8192)
def _fold(word: str) -> str:
    """A name word compared without case, accents or the dots of an abbreviation: "Erdoğan" and
    "Erdogan", "U.N." and "UN" are the same word."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.replace(".", "") if re.fullmatch(r"(?:\w\.)+\w?\.?", plain) else plain


def _acronym(core: str) -> str:
    words = [w for w in core.split() if w not in ("of", "and", "for", "the", "&")]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""
