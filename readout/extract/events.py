"""Find events from the clause structure: who does what to whom, from the dependency parse.

A trigger (a verb, noun or adjective of readout/data/events.yaml) codes an event only with an actor
found in its clause: its subject, the subject of the clause that controls it ("agreed to continue"),
the possessor or demonym of a noun ("Russia's strikes", "Russian strikes"), the subject of a light
verb ("had a call", "imposed sanctions"), or the speaker of the quote it stands in ("we", "I").
The recipient is the object or prepositional object the frame names. Status comes from negation,
modality and the words that govern the trigger. Opinions and wishes ("hope to meet") are no events.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from readout.extract.patterns import Frame, Patterns
from readout.records import Quote
from readout.resolve.actors import ActorIndex
from readout.resolve.lexicon import Lexicon
from readout.resolve.places import lookup_place

FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our", "ours", "myself", "ourselves"})
THIRD_PERSON = frozenset({"he", "she", "him", "her", "his"})
PAIR_NOUNS = frozenset({"two", "sides", "parties", "leaders", "presidents", "ministers", "countries",
                        "nations", "men", "women", "both"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "would", "wo"})
WISH_AUX = frozenset({"can", "could", "should", "might", "may", "must", "ca"})
CONDITION_MARKS = frozenset({"if", "unless"})
PLANNED_MODIFIERS = frozenset({"upcoming", "planned", "future", "next", "forthcoming", "scheduled"})
CIRCUMSTANCE_PREPS = frozenset({"in", "during", "at", "over", "on"})  # "agreed in a phone call"
CONTAINER_NOUNS = frozenset({"package", "round", "wave", "set", "series", "batch", "tranche", "barrage"})
PREPARATION_NOUNS = frozenset({"preparation", "plan", "run", "planning", "agenda", "invitation"})
SCHEDULING_VERBS = frozenset({"hold", "take", "be", "schedule", "plan", "set", "start", "begin", "open"})
CLAUSE_LINKS = frozenset({"xcomp", "advcl", "conj", "pcomp", "acl", "relcl", "ccomp"})


@dataclass
class Found:
    """An event as found in one clause, before events of the article are merged."""

    type: str
    mode: str | None
    actors: list[str]
    recipients: list[str]
    status: str
    trigger: Token
    frame: Frame
    quote_id: str | None
    evidence: tuple[int, int]
    trigger_text: str = ""
    extra_triggers: list[Token] = field(default_factory=list)


@dataclass
class Context:
    """What event finding reads: the parsed article, its actors and quotes, and the patterns."""

    doc: Doc
    actors: ActorIndex
    quotes: list[Quote]
    patterns: Patterns
    lexicon: Lexicon

    def quote_at(self, offset: int) -> Quote | None:
        return next((q for q in self.quotes if q.start <= offset < q.end), None)


def find_events(context: Context) -> list[Found]:
    """Every event coded in the article, in text order (duplicates not yet merged)."""
    found = []
    for token in context.doc:
        frame = _frame_of(token, context.patterns)
        if frame is None:
            continue
        event = _code(token, frame, context)
        if event is not None:
            found.append(event)
    return found


def _frame_of(token: Token, patterns: Patterns) -> Frame | None:
    if token.pos_ == "VERB":
        for child in token.children:
            if child.dep_ in {"prt", "prep"}:
                phrase = patterns.verbs.get(f"{token.lemma_} {child.lower_}")
                if phrase is not None:
                    return phrase
        return patterns.verbs.get(token.lemma_.lower())
    if token.pos_ == "NOUN":
        if token.lemma_ in CONTAINER_NOUNS and any(
                _frame_of(pobj, patterns) for prep in token.children if prep.lower_ == "of"
                for pobj in prep.children):
            return None  # "a package of sanctions" is coded by "sanctions"
        return patterns.nouns.get(token.lemma_.lower())
    if token.pos_ == "ADJ":
        return patterns.adjectives.get(token.lemma_.lower())
    return None


def _code(trigger: Token, frame: Frame, context: Context) -> Found | None:
    quote = context.quote_at(trigger.idx)
    speaker = quote.speaker if quote else None
    status = _status(trigger, frame, context.patterns)
    if status is None:
        return None
    actors = _agents(trigger, context, speaker)
    recipients = _recipients(trigger, frame, context, speaker)
    if not actors and frame.type in {"CONSULT", "AGREE"} and _agentless_passive(trigger):
        actors = context.actors.protagonist()
    if frame.host:
        actors, recipients = recipients, actors
    recipients = _distinct_from(recipients, actors, context.actors)
    if not actors:
        return None
    if frame.type == "ASSAULT" and not recipients:
        recipients = _victim(trigger, context, speaker, actors)
    if frame.object and not recipients and frame.type not in {"ASSAULT", "CONSULT"}:
        if not frame.preps:
            return None  # "condemned the decision": no one to code as the target
    sentence = trigger.sent
    return Found(
        type=frame.type, mode=_mode(trigger, frame, context.patterns), actors=actors,
        recipients=recipients, status=status, trigger=trigger, frame=frame,
        quote_id=quote.id if quote else None, evidence=(sentence.start_char, sentence.end_char),
        trigger_text=_trigger_text(trigger, context.patterns),
    )


def _agentless_passive(trigger: Token) -> bool:
    """"Attention was paid to preparations for the meeting": a report in the article's own voice
    whose doer is left out, which in a readout of talks means the article's protagonist."""
    verb = trigger
    while verb.dep_ not in {"ROOT", "ccomp"} and verb.head is not verb:
        verb = verb.head
    children = {child.dep_ for child in verb.children}
    return "auxpass" in children and "agent" not in children


def _distinct_from(recipients: list[str], actors: list[str], index: ActorIndex) -> list[str]:
    """Drop recipients that are the actors themselves, or an actor's own country."""
    actor_codes = {index.get(a).code for a in actors}
    return [r for r in recipients if r not in actors
            and not (index.get(r).kind == "country" and index.get(r).code in actor_codes)]


def _trigger_text(trigger: Token, patterns: Patterns) -> str:
    """The trigger with its light verb: "had a call", "imposed sanctions"."""
    head = trigger.head
    if trigger.pos_ == "NOUN" and trigger.dep_ == "dobj" and head.lemma_ in patterns.light_verbs:
        return trigger.doc[head.i:trigger.i + 1].text if trigger.i - head.i <= 4 else trigger.text
    return trigger.text


def _mode(trigger: Token, frame: Frame, patterns: Patterns) -> str | None:
    """The frame's mode, unless a modifier says how: "drone strikes", "spoke by phone"."""
    if frame.type == "CONSULT" and trigger.pos_ == "NOUN" and any(
            child.dep_ == "poss" and child.tag_ == "NNS" for child in trigger.children):
        return "multilateral"  # "the advisors' meeting", "the ministers' talks"
    for child in trigger.children:
        modifiers = [child]
        if child.dep_ == "prep" and child.lower_ in {"by", "via", "over"}:
            modifiers = [c for c in child.children if c.dep_ == "pobj"]
            modifiers += [c for m in modifiers for c in m.children if c.dep_ == "compound"]
        elif child.dep_ not in {"compound", "amod", "nmod"}:
            continue
        for modifier in modifiers:
            by_type = patterns.modifier_modes.get(modifier.lower_)
            if by_type and frame.type in by_type:
                return by_type[frame.type]
    return frame.mode


# --- status -----------------------------------------------------------------------------------

def _status(trigger: Token, frame: Frame, patterns: Patterns) -> str | None:
    """occurred, planned, intended, negated or hypothetical; None for an opinion or a wish."""
    governing = _governing_verb(trigger)
    chain = list(_head_chain(governing, 3))
    if any(child.dep_ == "neg" for token in (trigger, governing) for child in token.children):
        return "negated"
    if any(lemma_in(token, patterns.refusal_heads) for token in chain[1:]):
        return "negated"
    if _conditional(governing):
        return "hypothetical"
    auxiliaries = {child.lower_ for token in (trigger, governing) for child in token.children
                   if child.dep_ in {"aux", "auxpass"}}
    if auxiliaries & WISH_AUX or _wished(trigger, patterns):
        return None
    future = bool(auxiliaries & FUTURE_AUX) or _planned_noun(trigger) or any(
        lemma_in(token, patterns.future_heads) for token in chain[1:])
    intended = any(lemma_in(token, patterns.intent_heads) for token in chain[1:])
    if frame.status and not future:
        return frame.status
    if future or intended:
        return "planned" if frame.type == "CONSULT" else "intended"
    return "occurred"


def _wished(trigger: Token, patterns: Patterns) -> bool:
    """"hopes to meet", "urged him to use his influence to help": the event is only wanted."""
    token = trigger
    for _ in range(3):
        if token.dep_ not in {"xcomp", "ccomp", "advcl"} or token.head is token:
            return False
        token = token.head
        if token.pos_ in {"VERB", "AUX"} and lemma_in(token, patterns.wish_heads):
            return True
    return False


def lemma_in(token: Token, words: frozenset[str]) -> bool:
    """The token's lemma is one of `words`, forgiving the lemmatizer's slips ("hopes" -> "hop")."""
    if token.lemma_ in words or token.lower_ in words:
        return True
    lower = token.lower_
    return any(lower.endswith(suffix) and lower[: -len(suffix)] in words
               for suffix in ("s", "es", "d", "ed", "ing"))


def _governing_verb(trigger: Token) -> Token:
    """For a noun event, the verb it hangs on ("held talks", "agreed in a phone call"); else itself."""
    if trigger.pos_ != "NOUN":
        return trigger
    if trigger.dep_ in {"dobj", "nsubjpass", "nsubj", "attr"}:
        return trigger.head
    head = trigger.head
    if trigger.dep_ == "pobj" and head.lower_ in CIRCUMSTANCE_PREPS and head.head.pos_ in {"VERB", "AUX"}:
        return head.head
    if trigger.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_ in CONTAINER_NOUNS:
        return _governing_verb(head.head)  # "adopted a package of sanctions": adopted
    return trigger


def _head_chain(token: Token, depth: int):
    """The token and the words that govern it, up to `depth` clause links."""
    yield token
    for _ in range(depth):
        if token.dep_ not in CLAUSE_LINKS | {"prep", "pobj", "dobj", "acomp", "amod"} or token.head is token:
            return
        token = token.head
        yield token


def _conditional(token: Token) -> bool:
    """"if Russia attacks" (the event itself is conditioned) or "If Germany agrees, X will meet Y"."""
    for candidate in _head_chain(token, 2):
        if any(child.dep_ == "mark" and child.lower_ in CONDITION_MARKS for child in candidate.children):
            return True
    return any(child.dep_ == "advcl" and any(mark.dep_ == "mark" and mark.lower_ in CONDITION_MARKS
                                             for mark in child.children)
               for child in token.children)


def _planned_noun(trigger: Token) -> bool:
    """"a meeting to be held", "the upcoming summit", "next week's visit"."""
    if trigger.pos_ != "NOUN":
        return False
    head = trigger.head
    if head.lower_ in {"for", "ahead", "before"} and head.head.lemma_ in PREPARATION_NOUNS:
        return True  # "preparations for the meeting"
    for token in trigger.doc[trigger.i + 1:min(trigger.i + 9, trigger.sent.end)]:
        if token.lemma_ in SCHEDULING_VERBS and token.pos_ == "VERB" and {"aux", "auxpass"} <= {
                c.dep_ for c in token.children}:
            return True  # "a meeting ... to be held in Davos", however the parser attached it
    for child in trigger.children:
        if child.dep_ == "amod" and child.lower_ in PLANNED_MODIFIERS:
            return True
        if child.dep_ in {"acl", "relcl"} and child.lemma_ in SCHEDULING_VERBS and any(
                c.lower_ in {"to", "will"} and c.dep_ == "aux" for c in child.children):
            return True
    return False


# --- participants ---------------------------------------------------------------------------

def _agents(trigger: Token, context: Context, speaker: str | None) -> list[str]:
    """Who acts: the subject, else the controlling clause's subject, else a noun's possessor."""
    if trigger.pos_ == "NOUN":
        own = _noun_agents(trigger, context, speaker)
        if own:
            return own
        governing = _governing_verb(trigger)
        if governing is not trigger and (governing.lemma_ in context.patterns.light_verbs
                                         or trigger.dep_ == "pobj"):
            return _subject_actors(governing, context, speaker)
        return []
    token = trigger
    for _ in range(4):
        ids = _subject_actors(token, context, speaker)
        if ids:
            return ids
        if any(child.dep_ in {"nsubj", "nsubjpass"} for child in token.children):
            return []  # "a Hamas delegation arrived": its own subject, not an actor we know
        thanked = _thanked_for(token, context, speaker)
        if thanked:
            return thanked
        if token.dep_ not in CLAUSE_LINKS | {"acomp"} or token.head is token:
            return []
        if token.dep_ == "acl" and token.head.pos_ == "NOUN":
            owner = _noun_agents(token.head, context, speaker)
            if owner:
                return owner
            token = _governing_verb(token.head)  # "had a call ... to congratulate": who had it
            continue
        token = token.head
    return []


def _subject_actors(verb: Token, context: Context, speaker: str | None) -> list[str]:
    for child in verb.children:
        if child.dep_ in {"nsubj", "expl"}:
            return _actor_ids(child, context, speaker) + _coordinated(child, context)
        if child.dep_ == "agent":
            return [i for pobj in child.children for i in _actor_ids(pobj, context, speaker)]
    return []


def _coordinated(subject: Token, context: Context) -> list[str]:
    """Actors coordinated with a subject that the parser attached oddly
    ("Japanese Prime Minister Fumio Kishida and South Korean President Yoon Suk Yeol condemned")."""
    tokens = [t for t in _core_phrase(subject)]
    if not any(t.dep_ == "cc" and t.lower_ in {"and", "&"} for t in tokens):
        return []
    ids = [context.actors.actor_at(t.i) for t in tokens]
    return list(dict.fromkeys(i for i in ids if i is not None))


def _core_phrase(token: Token):
    """A noun phrase without its relative clauses, appositions and prepositional phrases."""
    yield token
    for child in token.children:
        if child.dep_ not in {"relcl", "acl", "prep", "punct"}:
            yield from _core_phrase(child)


def _noun_agents(noun: Token, context: Context, speaker: str | None) -> list[str]:
    """"Russia's strikes", "Russian strikes", "the NATO summit", "support ... by the EU"."""
    for child in noun.children:
        if child.dep_ in {"poss", "amod", "compound", "nmod"}:
            ids = _actor_ids(child, context, speaker, expand=False)
            if ids:
                return ids
        if child.dep_ == "prep" and child.lower_ == "by":
            ids = [i for pobj in child.children for i in _actor_ids(pobj, context, speaker)]
            if ids:
                return ids
    return []


def _thanked_for(token: Token, context: Context, speaker: str | None) -> list[str]:
    """"thankful to Italy for the willingness to assist": Italy is who assists."""
    for ancestor in list(token.ancestors)[:5]:
        if ancestor.dep_ == "prep" and ancestor.lower_ == "for":
            grateful = ancestor.head
            if grateful.lemma_ == "be":  # "I am grateful to Italy for supporting": for hangs on "am"
                grateful = next((c for c in grateful.children if c.dep_ == "acomp"), grateful)
            if grateful.lemma_ in context.patterns.gratitude_words:
                return _recipients(grateful, Frame("SUPPORT", object=True, preps=("to",)), context, speaker)
            return []
    return []


def _recipients(trigger: Token, frame: Frame, context: Context, speaker: str | None) -> list[str]:
    ids: list[str] = []
    holders = [trigger]
    governing = _governing_verb(trigger)
    if governing is not trigger and governing.lemma_ in context.patterns.light_verbs:
        holders.append(governing)
    for holder in holders:
        for child in holder.children:
            if frame.object and holder is trigger and child.dep_ in {"dobj", "nsubjpass"}:
                ids += _actor_ids(child, context, speaker) or _owner_ids(child, context, speaker)
            elif child.dep_ == "dative" or (frame.dative and child.dep_ == "iobj"):
                ids += _actor_ids(child, context, speaker)
            elif child.dep_ == "prep" and child.lower_ in frame.preps:
                for prep in _conjuncts(child):  # "to Italy and personally to Giorgia"
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj":
                            ids += _actor_ids(pobj, context, speaker) or _place_country(pobj, context)
    if not ids and frame.type in {"AID", "SANCTION"}:
        ids = _phrase_recipient(trigger, frame, context, speaker)
    if not ids and frame.type == "AID":
        ids = _beneficiary(trigger, context, speaker)
    return list(dict.fromkeys(ids))


def _phrase_recipient(trigger: Token, frame: Frame, context: Context, speaker: str | None) -> list[str]:
    """"pledged 355 million euros in aid for Sudan", "a package of weapons for Ukraine":
    the recipient's preposition hangs on the object phrase rather than on the trigger."""
    for child in trigger.children:
        if child.dep_ not in {"dobj", "prep", "pobj", "attr"}:
            continue
        for token in child.subtree:
            if token.dep_ == "prep" and token.lower_ in frame.preps and token.i != trigger.i:
                for pobj in token.children:
                    if pobj.dep_ == "pobj":
                        ids = _actor_ids(pobj, context, speaker)
                        if ids:
                            return ids
    return []


def _owner_ids(token: Token, context: Context, speaker: str | None) -> list[str]:
    """The possessor of an object: "condemned Russia's strikes" targets Russia."""
    for child in token.children:
        if child.dep_ == "poss":
            return _actor_ids(child, context, speaker, expand=False)
    return []


def _beneficiary(trigger: Token, context: Context, speaker: str | None) -> list[str]:
    """Who benefits from help not given to anyone explicitly: "assist in strengthening OUR air defense"."""
    for token in trigger.subtree:
        if token.dep_ == "poss" and token.lower_ in FIRST_PERSON:
            return _actor_ids(token, context, speaker, expand=False)
    return []


def _place_country(token: Token, context: Context) -> list[str]:
    """A place named as a destination or target ("travelled to Kyiv", "strikes on Lviv") stands for
    its country, when the article names that country as an actor."""
    if token.pos_ != "PROPN" or token.ent_type_ == "PERSON":
        return []
    name = token.doc[token.left_edge.i:token.i + 1].text if token.left_edge.pos_ == "PROPN" else token.text
    place = lookup_place(name) or lookup_place(token.text)
    code = context.lexicon.capitals.get(token.text) or (place.code if place else None)
    if code is None:
        return []
    return [a.id for a in context.actors.actors if a.kind == "country" and a.code == code][:1]


def _victim(trigger: Token, context: Context, speaker: str | None, attackers: list[str]) -> list[str]:
    """An attack without a named target, reported by one side, was an attack on that side."""
    reporter = speaker
    if reporter is None:
        for ancestor in trigger.ancestors:
            if ancestor.pos_ == "VERB":
                ids = _subject_actors(ancestor, context, speaker)
                if ids:
                    reporter = ids[0]
                    break
    if reporter is None:
        return []
    code = context.actors.get(reporter).code
    attacker_codes = {context.actors.get(a).code for a in attackers}
    if code is None or code in attacker_codes:
        return []
    return [a.id for a in context.actors.actors if a.kind == "country" and a.code == code][:1]


def _actor_ids(token: Token, context: Context, speaker: str | None, expand: bool = True) -> list[str]:
    """The actors a noun phrase names, with its conjuncts ("Ukraine and Italy")."""
    ids: list[str] = []
    for member in _conjuncts(token) if expand else [token]:
        found = _one_actor(member, context, speaker)
        ids += found
    return list(dict.fromkeys(ids))


def _conjuncts(token: Token) -> list[Token]:
    members = [token]
    for child in token.children:
        if child.dep_ == "conj":
            members += _conjuncts(child)
    return members


def _one_actor(token: Token, context: Context, speaker: str | None) -> list[str]:
    lower = token.lower_
    if lower in FIRST_PERSON:
        return [speaker] if speaker else []
    if lower in THIRD_PERSON:
        found = context.actors.antecedent(token.idx)
        if found:
            context.actors.add_mention(found, token.idx, token.idx + len(token.text), range(token.i, token.i + 1))
        return [found] if found else []
    if lower in PAIR_NOUNS and (lower == "two" or any(c.lower_ in {"both", "two"} for c in token.children)):
        return context.actors.last_pair(token.idx)
    actor_id = context.actors.actor_at(token.i)
    if actor_id is not None:
        return [actor_id]
    for child in token.children:
        if child.dep_ in {"compound", "amod", "poss", "nmod"}:
            actor_id = context.actors.actor_at(child.i)
            if actor_id is not None:
                return [actor_id]
    return []
