"""Clause structure around an event word: the verb it hangs on, the words that govern it, its status.

`event_status` says whether the event occurred, is planned or intended, was negated or is hypothetical,
or is no event at all (an opinion, a wish, a prescription), from negation, modality and the words
that govern the trigger in the dependency parse; the lists of such words are patterns data.
"""

from __future__ import annotations

from spacy.tokens import Token

from readout.extract.patterns import Frame, Patterns

FUTURE_AUX = frozenset({"will", "shall", "'ll", "would", "wo"})
WISH_AUX = frozenset({"can", "could", "should", "might", "may", "must", "ca"})
PRESCRIPTIVE_AUX = frozenset({"should", "might", "may", "must"})
CONDITION_MARKS = frozenset({"if", "unless"})
PLANNED_MODIFIERS = frozenset({"upcoming", "planned", "future", "next", "forthcoming", "scheduled"})
CIRCUMSTANCE_PREPS = frozenset({"in", "during", "at", "over", "on"})  # "agreed in a phone call"
# "a package of sanctions", "a state of emergency", "ten days of war games": the inner noun codes.
CONTAINER_NOUNS = frozenset({"package", "round", "wave", "set", "series", "batch", "tranche", "barrage",
                             "state", "day", "week", "month"})
PREPARATION_NOUNS = frozenset({"preparation", "plan", "run", "planning", "agenda", "invitation"})
SCHEDULING_VERBS = frozenset({"hold", "take", "be", "schedule", "plan", "set", "start", "begin", "open"})
CLAUSE_LINKS = frozenset({"xcomp", "advcl", "conj", "pcomp", "acl", "relcl", "ccomp"})
WISH_LINKS = frozenset({"xcomp", "ccomp", "advcl", "acl", "relcl", "prep", "pobj"})
HEAD_LINKS = CLAUSE_LINKS | {"prep", "pobj", "dobj", "acomp", "amod"}  # how status words govern


def will_not(trigger: Token) -> bool:
    """"Syria will not accept more refugees", "the U.S. would not meet the demands": a refusal."""
    verb = governing_verb(trigger)
    children = {child.lower_: child.dep_ for child in verb.children}
    return any(dep == "neg" for dep in children.values()) and bool(FUTURE_AUX & children.keys())


def subject_token(verb: Token) -> Token | None:
    """The verb's subject, or that of the clause controlling it ("began to protest")."""
    for _ in range(3):
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None:
            return subject
        if verb.dep_ not in {"xcomp", "conj", "advcl"} or verb.head is verb:
            return None
        verb = verb.head
    return None


def event_status(trigger: Token, frame: Frame, patterns: Patterns) -> str | None:
    """occurred, planned, intended, negated or hypothetical; None for an opinion or a wish."""
    governing = governing_verb(trigger)
    chain = list(head_chain(governing, 3))
    carriers = (trigger, governing, governing.head) if governing.dep_ == "conj" else (trigger, governing)
    auxiliaries = {child.lower_ for token in carriers for child in token.children  # "would stop X and allow Y"
                   if child.dep_ in {"aux", "auxpass"}}
    if auxiliaries & PRESCRIPTIVE_AUX:
        return None  # "we must not allow it to collapse": a prescription, negated or not
    if any(child.dep_ == "neg" for token in (trigger, governing) for child in token.children):
        return "negated"
    if _refused(governing, patterns):
        return "negated"
    if _conditional(governing):
        return "hypothetical"
    circumstance = trigger.dep_ == "pobj" and trigger.head.lower_ in CIRCUMSTANCE_PREPS  # "in a call"
    if auxiliaries & WISH_AUX or (_wished(governing, patterns) and not circumstance):
        return None
    if _asked_for(trigger, frame, patterns):
        return None
    circumstance = governing is not trigger and trigger.dep_ == "pobj"
    heads = chain if circumstance else chain[1:]  # "pledged 300 million in AID", not "SET fire to"
    future = bool(auxiliaries & FUTURE_AUX) or _planned_noun(trigger) or any(
        lemma_in(token, patterns.future_heads) for token in heads)
    intended = any(lemma_in(token, patterns.intent_heads) for token in heads)
    if frame.status and not future:
        return frame.status
    if future or intended:
        return "planned" if frame.type == "CONSULT" else "intended"
    return "occurred"


def _asked_for(noun: Token, frame: Frame, patterns: Patterns) -> bool:
    """"called for sanctions", "demanded the withdrawal", "discussed the grain deal": a noun event
    that is only asked for or talked about (not "discussed it in a phone call")."""
    if noun.pos_ != "NOUN":
        return False
    while noun.dep_ == "conj" and noun.head.pos_ == "NOUN":  # "discussed grain transit and SUPPORT"
        noun = noun.head
    if noun.dep_ == "dobj":  # not "called off a strike", where the verb says what the noun codes
        return lemma_in(noun.head, patterns.wish_heads) and word_of(noun.head, frame.verbs) is None
    head = noun.head
    return noun.dep_ == "pobj" and head.lower_ not in CIRCUMSTANCE_PREPS and \
        head.head.pos_ == "VERB" and lemma_in(head.head, patterns.wish_heads)


def _refused(token: Token, patterns: Patterns) -> bool:
    """"refused to meet", "declined an invitation to visit"; not "rejected X and ordered Y", where
    the refusal is a second act beside the first rather than above it."""
    for _ in range(3):
        if token.dep_ not in HEAD_LINKS or token.head is token:
            return False
        link, token = token.dep_, token.head
        if link != "conj" and lemma_in(token, patterns.refusal_heads):
            return True
    return False


def _wished(trigger: Token, patterns: Patterns) -> bool:
    """"hopes to meet", "urged him to use his influence to help": the event is only wanted."""
    token = trigger
    for _ in range(5):  # "stressed the need for an agreement that would stop the fighting"
        if token.dep_ not in WISH_LINKS or token.head is token:
            return False
        if token.dep_ == "prep" and token.lower_ in CIRCUMSTANCE_PREPS:
            return False  # "discussed Gaza IN a phone call": the call is where, not what
        token = token.head
        if token.pos_ in {"VERB", "AUX", "NOUN"} and lemma_in(token, patterns.wish_heads):
            return True
    return False


def word_of(token: Token, words) -> str | None:
    """The one of `words` the token is a form of ("staged" is "stage", though tagged "stag")."""
    if token.lemma_ in words:
        return token.lemma_
    lower = token.lower_
    if lower in words:
        return lower
    return next((lower[: -len(suffix)] for suffix in ("s", "es", "d", "ed", "ing")
                 if lower.endswith(suffix) and lower[: -len(suffix)] in words), None)


def lemma_in(token: Token, words: frozenset[str]) -> bool:
    """The token's lemma is one of `words`, forgiving the lemmatizer's slips ("hopes" -> "hop")."""
    if token.lemma_ in words or token.lower_ in words:
        return True
    lower = token.lower_
    return any(lower.endswith(suffix) and lower[: -len(suffix)] in words
               for suffix in ("s", "es", "d", "ed", "ing"))


def governing_verb(trigger: Token) -> Token:
    """For a noun event, the verb it hangs on ("held talks", "agreed in a phone call"); else itself."""
    if trigger.pos_ != "NOUN":
        return trigger
    if trigger.dep_ in {"dobj", "nsubjpass", "nsubj", "attr"}:
        return trigger.head
    head = trigger.head
    if trigger.dep_ == "pobj" and head.lower_ in CIRCUMSTANCE_PREPS and head.head.pos_ in {"VERB", "AUX"}:
        return head.head
    if trigger.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_ in CONTAINER_NOUNS:
        return governing_verb(head.head)  # "adopted a package of sanctions": adopted
    return trigger


def head_chain(token: Token, depth: int):
    """The token and the words that govern it, up to `depth` clause links."""
    yield token
    for _ in range(depth):
        if token.dep_ not in HEAD_LINKS or token.head is token:
            return
        token = token.head
        yield token


def _conditional(token: Token) -> bool:
    """"if Russia attacks" (the event itself is conditioned) or "If Germany agrees, X will meet Y"."""
    for candidate in head_chain(token, 2):
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
