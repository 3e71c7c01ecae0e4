"""Find events from the clause structure: who does what to whom, from the dependency parse.

A trigger (a verb, noun or adjective of readout/data/events.yaml) codes an event only with an actor
found in its clause: its subject, the subject of the clause that controls it ("agreed to continue"),
the possessor or demonym of a noun ("Russia's strikes", "Russian strikes"), the subject of a light
verb ("had a call", "imposed sanctions"), the speaker of the quote it stands in ("we", "I"), the
reporter of a clause it stands in ("Hungary said IT will support"), or the country a group is
placed in ("rebels in the Ivory Coast"). The recipient is the object or prepositional object the
frame names, the owner of the object ("rejected an Indian proposal"), or, for a request, threat,
refusal or promise, the one its embedded clause names ("demanded that Chile return the cargo",
"threatened to stop the talks if the United States goes ahead"). The frame's switches settle the
type from the words around the trigger ("lifted the curfew" concedes, "imposed a curfew" coerces).
Status comes from negation, modality and the words that govern the trigger (clause.py); opinions,
wishes, prescriptions and topics of talks ("discussed efforts to reach a ceasefire") are no events,
nor are participles that describe a noun or infinitives that give a purpose. "X said Y must do Z"
is X's request to Y; "X will not do Z" for a cooperative Z is X's refusal (REJECT).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from readout.extract.clause import (
    CLAUSE_LINKS,
    CONDITION_MARKS,
    CONTAINER_NOUNS,
    event_status,
    governing_verb,
    head_chain,
    lemma_in,
    subject_token,
    will_not,
    word_of,
)
from readout.extract.patterns import Frame, Patterns
from readout.extract.targets import PLACED_TYPES, place_country, place_recipient
from readout.records import Quote
from readout.resolve.actors import ActorIndex
from readout.resolve.lexicon import Lexicon

FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our", "ours", "myself", "ourselves"})
THIRD_PERSON = frozenset({"he", "she", "him", "her", "his"})
COLLECTIVE_PRONOUNS = frozenset({"it", "its", "they", "their", "them"})
PAIR_NOUNS = frozenset({"two", "sides", "parties", "leaders", "presidents", "ministers", "countries",
                        "nations", "men", "women", "both"})
REPORT_NOUNS = frozenset({"declaration", "statement", "letter", "resolution", "communique", "message",
                          "note", "petition", "report"})
# Participles that tie a thing to its owner: "companies linked to Iran", "groups backed by Tehran".
TIE_WORDS = frozenset({"link", "tie", "connect", "affiliate", "associate", "belong", "back", "loyal",
                       "own", "control", "run", "operate", "sponsor"})
# Heads of a phrase that names part of a group ("one third of the rebels", "some of the strikers").
PARTITIVES = frozenset({"third", "half", "quarter", "some", "many", "most", "part", "majority", "rest",
                        "all", "several", "few", "remainder"})
COOPERATION = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
# Types whose actor and recipient may be of one country (a government and its opposition).
DOMESTIC_TYPES = frozenset({"ACCUSE", "REQUEST", "REJECT", "THREATEN", "PROTEST", "SANCTION",
                            "MOBILIZE", "COERCE", "ASSAULT", "CONCEDE", "RETREAT"})


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
    wraps: bool = False  # a request, refusal, threat or promise of another event in its clause


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
        if token.dep_ == "aux" and token.lower_ in context.patterns.demand_modals:
            event = _demand(token.head, context)
        else:
            frame = _frame_of(token, context.patterns)
            event = _code(token, frame, context) if frame is not None else None
        if event is not None:
            found.append(event)
    return found


def _demand(verb: Token, context: Context) -> Found | None:
    """"Russia said Sudan must return the helicopter": a reported obligation is the reporter's
    demand (REQUEST) on the clause's subject; the mode follows what is demanded."""
    if verb.dep_ != "ccomp" or any(child.dep_ == "neg" for child in verb.children):
        return None
    quote = context.quote_at(verb.idx)
    speaker = quote.speaker if quote else None
    actors = _subject_actors(verb.head, context, speaker)
    subject = subject_token(verb)
    recipients = _actor_ids(subject, context, speaker) if subject is not None else []
    recipients = _distinct_from(recipients, actors, context.actors)
    if not actors or not recipients:
        return None
    inner = _inner_frame(verb, context.patterns)
    modes = context.patterns.embedded_modes.get("REQUEST", {})
    frame = Frame("REQUEST", mode=modes.get(inner[1].type) if inner else None)
    sentence = verb.sent
    return Found(type="REQUEST", mode=frame.mode, actors=actors, recipients=recipients,
                 status="occurred", trigger=verb.head, frame=frame,
                 quote_id=quote.id if quote else None,
                 evidence=(sentence.start_char, sentence.end_char), trigger_text=verb.head.text)


def _frame_of(token: Token, patterns: Patterns) -> Frame | None:
    if token.pos_ == "VERB":
        nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        if nxt is not None and f"{token.lemma_} {nxt.lower_}" in patterns.non_events:
            return None  # "shot down a drone", however "down" was attached
        following = next((t for t in token.doc[token.i + 1:token.i + 3] if t.dep_ != "advmod"), None)
        if following is not None and following.dep_ == "mark" and following.head.head.i == token.i:
            phrase = patterns.verbs.get(f"{token.lemma_} {following.lower_}")  # "called FOR talks to begin"
            if phrase is not None:
                return phrase
        for child in token.children:
            if child.dep_ == "prt" or (child.dep_ == "prep" and child.i > token.i and all(
                    t.dep_ == "advmod" for t in token.doc[token.i + 1:child.i])):
                phrase = f"{token.lemma_} {child.lower_}"
                if phrase in patterns.non_events:
                    return None
                if phrase in patterns.verbs:
                    return patterns.verbs[phrase]
            elif child.dep_ == "oprd":
                return None  # "what they called a campaign": a verb that names, not an event
        return patterns.verbs.get(token.lemma_.lower())
    if token.pos_ == "NOUN":
        if token.lemma_ in CONTAINER_NOUNS and any(
                _frame_of(pobj, patterns) for prep in token.children if prep.lower_ == "of"
                for pobj in prep.children):
            return None  # "a package of sanctions" is coded by "sanctions"
        for child in token.children:  # "hunger strike", "general strike" before "strike"
            if child.dep_ in {"compound", "amod"}:
                phrase = patterns.nouns.get(f"{child.lower_} {token.lemma_.lower()}")
                if phrase is not None:
                    return phrase
        return patterns.nouns.get(token.lemma_.lower())
    if token.pos_ == "ADJ":
        return patterns.adjectives.get(token.lemma_.lower())
    return None


def _code(trigger: Token, frame: Frame, context: Context) -> Found | None:
    frame = _switched(trigger, frame, context)
    if frame is None or _background(trigger) or _carries_object_event(trigger, context.patterns) \
            or _answered(trigger, frame, context.patterns) or _protest_purpose(trigger, frame, context):
        return None
    quote = context.quote_at(trigger.idx)
    speaker = quote.speaker if quote else None
    status = event_status(trigger, frame, context.patterns)
    if status is None:
        return None
    if status == "negated" and frame.type in COOPERATION and will_not(trigger):
        modes = context.patterns.embedded_modes.get("REJECT", {})
        frame, status = replace(_as(frame, "REJECT"), mode=modes.get(frame.type)), "occurred"
    if frame.type == "ASSAULT" and status == "intended" and _readied(trigger):
        frame, status = Frame("MOBILIZE", mode="troops", object=True, bare=True), "occurred"
    actors = _agents(trigger, context, speaker, frame)
    frame = _crowd_frame(trigger, frame, context.patterns)
    recipients = _recipients(trigger, frame, context, speaker)
    if not actors and frame.type in {"CONSULT", "AGREE"} and _agentless_passive(trigger):
        actors = context.actors.protagonist()
    if frame.host:
        actors, recipients = recipients, actors
    mode = _mode(trigger, frame, context.patterns)
    wraps = False
    if frame.type in context.patterns.complement_types:
        embedded_recipients, embedded_mode, wraps = _embedded(trigger, frame, context, speaker, actors)
        recipients = recipients or embedded_recipients or [  # "accepted a proposal FROM ETHIOPIA"
            i for c in trigger.children if c.dep_ == "dobj" for i in _owner_ids(c, context, speaker)]
        mode = mode or embedded_mode
    recipients = _distinct_from(recipients, actors, context.actors, frame.type)
    if not actors:
        return None
    if frame.type == "ASSAULT" and not recipients:
        recipients = _victim(trigger, context, speaker, actors)
    if mode == "visit" and trigger.pos_ == "VERB":
        recipients = recipients + _host_met(trigger, context, speaker, actors)
    if not recipients and (frame.type in PLACED_TYPES or mode == "visit"):
        recipients = place_recipient(trigger, frame, context, actors)
    if frame.pair and frame.type == "CONSULT" and not recipients and _at_home(trigger, actors, context):
        return None  # "Israel's cabinet met", "the IMF's board meets": a meeting at home
    if frame.object and not recipients and not frame.bare and not frame.preps and \
            frame.type not in {"ASSAULT", "CONSULT"}:
        return None  # "condemned the decision": no one to code as the target
    sentence = trigger.sent
    return Found(
        type=frame.type, mode=mode, actors=actors,
        recipients=recipients, status=status, trigger=trigger, frame=frame,
        quote_id=quote.id if quote else None, evidence=(sentence.start_char, sentence.end_char),
        trigger_text=_trigger_text(trigger, context.patterns), wraps=wraps,
    )


def _background(trigger: Token) -> bool:
    """Words that describe rather than report: a participle modifying a noun ("demonstrators
    PROTESTING the results", "property SEIZED in the 1970s") and a purpose ("opened fire TO
    DISPERSE the crowd", "spoke TO COORDINATE their approach")."""
    if trigger.pos_ != "VERB":
        return False
    if trigger.dep_ == "acl" and trigger.tag_ in {"VBN", "VBG"} and not any(
            c.dep_ in {"nsubj", "nsubjpass", "aux"} for c in trigger.children):
        return trigger.head.lemma_ not in REPORT_NOUNS  # "issued a declaration DEMANDING that"
    return trigger.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children) \
        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in trigger.children)


def _answered(trigger: Token, frame: Frame, patterns: Patterns) -> bool:
    """"Beirut rejected a UN appeal for troops", "accepted Ethiopia's offer": a request or offer
    named as what another act answers is that act's object, reported with it, not an event of
    its own (it was made earlier; the article reports the answer)."""
    if trigger.pos_ != "NOUN" or frame.type not in {"REQUEST", "AGREE"} or trigger.dep_ != "dobj":
        return False
    answer = _frame_of(trigger.head, patterns)
    return answer is not None and answer.type in {"REJECT", "AGREE", "CONCEDE"} and trigger.head.pos_ == "VERB"


def _protest_purpose(trigger: Token, frame: Frame, context: Context) -> bool:
    """"demonstrated, calling for independence", "blocked roads to press their demands": what a
    protest demands is its purpose (PLOVER codes the protest), not a request of its own."""
    if frame.type != "REQUEST":
        return False
    verb = governing_verb(trigger) if trigger.pos_ == "NOUN" else trigger
    if verb.dep_ not in {"advcl", "xcomp", "conj"} or any(
            c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return False
    head = _frame_of(verb.head, context.patterns)
    if head is None:
        return False
    head = _switched(verb.head, head, context)
    return head is not None and (head.type == "PROTEST" or head.crowd is not None)


def _at_home(trigger: Token, actors: list[str], context: Context) -> bool:
    """A meeting of one state's people, or a verb "met" of one organisation's own organs, has no
    one to meet (a summit of an organisation's members is a meeting of many: kept)."""
    kinds = {context.actors.get(a).kind for a in actors}
    if len({context.actors.get(a).code for a in actors}) != 1:
        return False
    return kinds == {"country"} or (kinds == {"organization"} and trigger.pos_ == "VERB")


def _readied(trigger: Token) -> bool:
    """"The army prepared to resume shelling": forces readied for an attack not yet made are
    mobilised (PLOVER MOBILIZE), not merely threatening."""
    return any(token.pos_ == "VERB" and token.lemma_ == "prepare"
               for token in head_chain(governing_verb(trigger), 3))


def _carries_object_event(verb: Token, patterns: Patterns) -> bool:
    """"gave a warm welcome", "cancelled restrictions", "signed an agreement": a verb whose object
    is itself an event word that names this verb (or any light verb) codes nothing of its own;
    the object's event is the one reported."""
    if verb.pos_ != "VERB":
        return False
    for child in verb.children:
        if child.dep_ == "dobj":
            frame = _frame_of(child, patterns)
            if frame is not None and (word_of(verb, frame.verbs) or lemma_in(verb, patterns.light_verbs)):
                return True
    return False


def _switched(trigger: Token, frame: Frame, context: Context) -> Frame | None:
    """The frame as the words around the trigger settle it: the verb a noun hangs on ("lifted the
    curfew" concedes, "imposed a curfew" coerces), the object ("blocked roads" is a protest,
    "blocked the resolution" a rejection), a thing rather than an actor as object ("welcomed the
    decision" supports, "welcomed Meloni" hosts), a purpose ("calls for a ceasefire" request)."""
    if frame.verbs:
        governing = governing_verb(trigger) if trigger.pos_ == "NOUN" else trigger
        choice = None
        if governing is not trigger:
            verb = word_of(governing, frame.verbs) or governing.lemma_.lower()
            particle = next((c.lower_ for c in governing.children if c.dep_ == "prt"), None)
            choice = frame.verbs.get(f"{verb} {particle}") if particle else None
            choice = choice or frame.verbs.get(verb)
        if choice:
            return _as(frame, choice)
        if frame.verbs_only:
            return None
    if trigger.pos_ != "VERB":
        return _purposed(trigger, frame)
    for child in trigger.children:
        if child.dep_ == "dobj":
            choice = frame.objects.get(child.lemma_.lower())
            if choice:
                return _as(frame, choice)
            if frame.thing and context.actors.actor_at(child.i) is None and \
                    child.lemma_.lower() not in context.patterns.official_nouns:
                return _as(frame, frame.thing)  # "welcomed Finland's decision", not "welcomed Meloni"
        elif child.dep_ in {"xcomp", "ccomp"} and child.lemma_.lower() in frame.clauses:
            return replace(_as(frame, frame.clauses[child.lemma_.lower()]), bare=True)
    return None if frame.objects_only else frame


def _purposed(trigger: Token, frame: Frame) -> Frame:
    if frame.purpose and _purposeful(trigger):
        return _as(frame, frame.purpose)
    return frame


def _purposeful(noun: Token) -> bool:
    """"calls for a ceasefire", "an appeal to lay down arms"; not "had a call with Meloni to
    congratulate her", where the call is a conversation held for a purpose."""
    children = list(noun.children)
    if any(c.dep_ == "prep" and c.lower_ == "for" for c in children):
        return True
    conversation = any(c.dep_ == "prep" and c.lower_ in {"with", "between"} for c in children) or \
        noun.head.lemma_ in {"have", "hold", "make", "take", "receive"}
    if conversation:
        return False
    return noun.tag_ == "NNS" or any(c.dep_ == "acl" and c.tag_ == "VB" for c in children)


def _as(frame: Frame, choice: str) -> Frame:
    """`frame` coding another type ("TYPE" or "TYPE/mode"); its verbs still carry a noun's actor."""
    kind, _, mode = choice.partition("/")
    same = kind == frame.type
    return replace(frame, type=kind, mode=mode or (frame.mode if same else None),
                   pair=frame.pair and same, host=frame.host and same, verbs_only=False,
                   objects={}, objects_only=False, clauses={}, thing=None, purpose=None)


def _crowd_frame(trigger: Token, frame: Frame, patterns: Patterns) -> Frame:
    """"Students protested" is a street protest (PROTEST); "Italy protested" a diplomatic one (ACCUSE).
    A crowd is a plural or counted subject that is not a body of officials."""
    if frame.crowd is None:
        return frame
    subject = subject_token(governing_verb(trigger) if trigger.pos_ == "NOUN" else trigger)
    if subject is None or subject.lemma_.lower() in patterns.official_nouns:
        return frame
    counted = any(child.dep_ == "nummod" or child.lower_ in {"thousands", "hundreds", "dozens"}
                  for child in subject.children)
    if subject.tag_ in {"NNS", "NNPS"} or counted:
        kind, _, mode = frame.crowd.partition("/")
        return replace(frame, type=kind, mode=mode or None, object=False, preps=("against",), bare=True)
    return frame


def _embedded(trigger: Token, frame: Frame, context: Context, speaker: str | None,
              actors: list[str]) -> tuple[list[str], str | None, bool]:
    """Recipient and mode from the clause a request, threat, refusal or promise embeds:
    "demanded that Hamas renounce violence" (Hamas), "threatened to cut off electricity to
    Nakhichevan" (Nakhichevan; the threat is of sanctions), "refused to meet Jordan's king"."""
    patterns = context.patterns
    clause = next((c for c in trigger.children if c.dep_ in {"xcomp", "ccomp"}
                   or (c.dep_ == "acl" and trigger.pos_ == "NOUN")), None)
    if clause is None:  # "declined a proposal FOR Austin TO MEET Li"
        clause = next((c for c in trigger.children if c.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ == "for" for m in c.children)), None)
    if clause is None:  # "declined a proposal TO MEET", "rejected an invitation TO ATTEND"
        clause = next((c for obj in trigger.children if obj.dep_ == "dobj"
                       and lemma_in(obj, patterns.wish_heads | patterns.intent_heads)
                       for c in obj.children if c.dep_ == "acl"), None)
    if clause is None and trigger.pos_ == "NOUN":
        clause = next((c for prep in trigger.children if prep.dep_ == "prep" and prep.lower_ in {"for", "to"}
                       for c in prep.children if c.dep_ in {"pobj", "pcomp"}), None)
    if clause is None:
        return [], None, False
    recipients: list[str] = []
    subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is not None and clause.head.i == trigger.i and not _first_person(subject):
        recipients = [i for i in _actor_ids(subject, context, speaker) if i not in actors]
    inner = _inner_frame(clause, patterns)
    mode = None
    if inner is not None:
        token, inner_frame = inner
        if not recipients:
            recipients = _recipients(token, inner_frame, context, speaker) or \
                _owner_ids(token, context, speaker)
        mode = patterns.embedded_modes.get(frame.type, {}).get(inner_frame.type)
    if not recipients and frame.type == "THREATEN":
        recipients = _condition_subject(trigger, context, speaker)
    return [i for i in recipients if i not in actors], mode, inner is not None


def _condition_subject(trigger: Token, context: Context, speaker: str | None) -> list[str]:
    """Who a threat is aimed at, named in its condition: "threatened to stop the talks if the
    United States goes ahead", "... unless Baghdad accepted its conditions"."""
    for token in trigger.subtree:
        if token.dep_ == "mark" and token.lower_ in CONDITION_MARKS:
            subject = subject_token(token.head)
            if subject is not None:
                return _actor_ids(subject, context, speaker)
    return []


def _inner_frame(clause: Token, patterns: Patterns) -> tuple[Token, Frame] | None:
    """The first event word of an embedded clause: its verb, else the verb's object
    ("to impose sanctions"), following "to resume shelling" one clause deeper."""
    token = clause
    for _ in range(2):
        found = _frame_of(token, patterns)
        if found is not None:
            return token, found
        for child in token.children:
            if child.dep_ in {"dobj", "attr"} and (found := _frame_of(child, patterns)) is not None:
                return child, found
            if child.dep_ == "prep":  # "refused to respond TO a demand from the US"
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and (found := _frame_of(pobj, patterns)) is not None:
                        return pobj, found
        token = next((c for c in token.children if c.dep_ in {"xcomp", "ccomp"}), None)
        if token is None:
            return None
    return None


def _agentless_passive(trigger: Token) -> bool:
    """"Attention was paid to preparations for the meeting": a report in the article's own voice
    whose doer is left out, which in a readout of talks means the article's protagonist."""
    verb = trigger
    while verb.dep_ not in {"ROOT", "ccomp"} and verb.head is not verb:
        verb = verb.head
    children = {child.dep_ for child in verb.children}
    if "auxpass" not in children or "agent" in children:
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    return subject is None or subject.ent_type_ not in {"GPE", "NORP", "ORG", "PERSON"}


def _distinct_from(recipients: list[str], actors: list[str], index: ActorIndex,
                   event_type: str = "") -> list[str]:
    """Drop recipients that are the actors themselves or, for cooperation between states, an
    actor's own country. Conflict is often domestic ("Museveni banned Ugandan opposition
    candidates"): there the actor's country stays."""
    actor_codes = {index.get(a).code for a in actors}
    domestic = event_type in DOMESTIC_TYPES
    return [r for r in recipients if r not in actors and not (
        not domestic and index.get(r).kind == "country" and index.get(r).code in actor_codes)]


def _trigger_text(trigger: Token, patterns: Patterns) -> str:
    """The trigger with its light verb: "had a call", "imposed sanctions"."""
    head = trigger.head
    if trigger.pos_ == "NOUN" and trigger.dep_ == "dobj" and lemma_in(head, patterns.light_verbs):
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


# --- participants ---------------------------------------------------------------------------

def _agents(trigger: Token, context: Context, speaker: str | None, frame: Frame) -> list[str]:
    """Who acts: the subject, else the controlling clause's subject, else a noun's possessor."""
    if trigger.pos_ == "NOUN":
        own = _noun_agents(trigger, context, speaker)
        if own:
            return own
        governing = governing_verb(trigger)
        if governing is not trigger and (lemma_in(governing, context.patterns.light_verbs)
                                         or word_of(governing, frame.verbs)
                                         or trigger.dep_ == "pobj"):
            return _clause_agents(governing, context, speaker)  # "plans to impose sanctions"
        return []
    if frame.undergoer:  # "the guerrillas were demobilized": they disarmed
        passive = next((c for c in trigger.children if c.dep_ == "nsubjpass"), None)
        ids = _actor_ids(passive, context, speaker) if passive is not None else []
        if ids:
            return ids
    return _clause_agents(trigger, context, speaker)


def _clause_agents(verb: Token, context: Context, speaker: str | None) -> list[str]:
    """The verb's subject, else that of the clause controlling it ("agreed to continue")."""
    token = verb
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
            token = governing_verb(token.head)  # "had a call ... to congratulate": who had it
            continue
        token = token.head
    return []


def _subject_actors(verb: Token, context: Context, speaker: str | None) -> list[str]:
    for child in verb.children:
        if child.dep_ in {"nsubj", "expl"}:
            ids = _actor_ids(child, context, speaker) + _coordinated(child, context)
            if ids:
                return ids
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
        if child.dep_ == "prep" and child.lower_ == "of" and _frame_of(noun, context.patterns).pair:
            ids = [i for pobj in child.children for i in _actor_ids(pobj, context, speaker)]
            if ids:  # "a summit of the two presidents", "a meeting of Nordic ministers"
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
    governing = governing_verb(trigger)
    if governing is not trigger and (lemma_in(governing, context.patterns.light_verbs)
                                     or word_of(governing, frame.verbs)):
        holders.append(governing)  # "granted asylum TO five officers"
    for holder in holders:
        for child in holder.children:
            if frame.object and holder is trigger and child.dep_ in {"dobj", "nsubjpass"}:
                ids += (_actor_ids(child, context, speaker) or _owner_ids(child, context, speaker)
                        or place_country(child, context))
            elif child.dep_ == "dative" or (frame.dative and child.dep_ == "iobj"):
                objects = [c for c in child.children if c.dep_ == "pobj"] or [child]  # "to X" or "X"
                ids += [i for obj in objects for i in _actor_ids(obj, context, speaker)]
            elif child.dep_ == "prep" and child.lower_ in frame.preps:
                for prep in _conjuncts(child):  # "to Italy and personally to Giorgia"
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj":
                            ids += _actor_ids(pobj, context, speaker) or place_country(pobj, context) \
                                or _owner_ids(pobj, context, speaker)
    if not ids:
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
                        ids = _actor_ids(pobj, context, speaker) or place_country(pobj, context)
                        if ids:
                            return ids
    return []


def _owner_ids(token: Token, context: Context, speaker: str | None) -> list[str]:
    """Whose the object is: "condemned Russia's strikes", "rejected calls by Belarus's rulers",
    "rejected an offer from Afghanistan" target Russia, Belarus, Afghanistan."""
    for child in token.children:
        if child.dep_ == "poss":
            ids = _actor_ids(child, context, speaker, expand=False)
            if ids:
                return ids
        if child.dep_ == "prep" and child.lower_ in {"by", "from", "of"}:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    ids = _actor_ids(pobj, context, speaker) or _owner_ids(pobj, context, speaker)
                    if ids:
                        return ids
        if child.dep_ == "acl" and child.lemma_ in TIE_WORDS:  # "companies LINKED TO Iran's programs"
            for prep in child.children:
                for pobj in (p for p in prep.children if prep.dep_ == "prep" and p.dep_ == "pobj"):
                    ids = _actor_ids(pobj, context, speaker) or _owner_ids(pobj, context, speaker)
                    if ids:
                        return ids
    return []


def _beneficiary(trigger: Token, context: Context, speaker: str | None) -> list[str]:
    """Who benefits from help not given to anyone explicitly: "assist in strengthening OUR air defense"."""
    for token in trigger.subtree:
        if token.dep_ == "poss" and _first_person(token):
            return _actor_ids(token, context, speaker, expand=False)
    return []


def _host_met(visit: Token, context: Context, speaker: str | None, actors: list[str]) -> list[str]:
    """"will visit Kyiv next week TO MEET President Zelensky": whom a visit is made to meet is
    its host (the person outranks the place's country when the sides are merged)."""
    for clause in visit.children:
        if clause.dep_ in {"advcl", "xcomp"} and (inner := _frame_of(clause, context.patterns)) \
                and inner.type == "CONSULT":
            found = _recipients(clause, inner, context, speaker)
            return [i for i in found if i not in actors]
    return []


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
    if _first_person(token):
        return [speaker] if speaker else []
    if lower in THIRD_PERSON:
        found = context.actors.antecedent(token.idx)
        if found:
            context.actors.add_mention(found, token.idx, token.idx + len(token.text), range(token.i, token.i + 1))
        return [found] if found else []
    if lower in COLLECTIVE_PRONOUNS and token.dep_ in {"nsubj", "nsubjpass", "poss"}:
        return _reported_subject(token, context, speaker)
    if lower in PAIR_NOUNS and (lower == "two" or any(c.lower_ in {"both", "two"} for c in token.children)):
        return context.actors.last_pair(token.idx)
    actor_id = context.actors.actor_at(token.i)
    if actor_id is not None:
        return [actor_id] + _country_of_unplaced(actor_id, token, context)
    for modifier in _modifiers(token):  # "Lebanon's new President", "28 Chilean government officials"
        actor_id = context.actors.actor_at(modifier.i)
        if actor_id is not None:
            return [actor_id]
    if token.lemma_.lower() in context.patterns.group_nouns:
        return _group_country(token, context)
    if token.pos_ == "NUM" or token.lemma_.lower() in PARTITIVES:  # "one third OF the guerrillas"
        return [i for prep in token.children if prep.dep_ == "prep" and prep.lower_ == "of"
                for pobj in prep.children if pobj.dep_ == "pobj" for i in _one_actor(pobj, context, speaker)]
    return []


def _modifiers(token: Token):
    """The words before a noun that belong to its own phrase (not to a clause or a coordinated
    noun hanging on it), nearest first."""
    for child in reversed(list(token.lefts)):
        if child.dep_ in {"compound", "amod", "poss", "nmod", "nummod", "det", "npadvmod"}:
            yield child
            yield from _modifiers(child)


def _country_of_unplaced(actor_id: str, token: Token, context: Context) -> list[str]:
    """"Jordan's King Abdullah", "Iran's religious leader Khomeini": a person the knowledge base
    cannot place stands with the country the phrase names."""
    if context.actors.get(actor_id).code is not None:
        return []
    for modifier in _modifiers(token):
        found = context.actors.actor_at(modifier.i)
        if found is not None and found != actor_id and context.actors.get(found).kind == "country":
            return [found]
    return []


def _first_person(token: Token) -> bool:
    """"we", "us", "our"; not "US" the country."""
    return token.lower_ in FIRST_PERSON and token.pos_ == "PRON" and token.text != "US"


def _reported_subject(token: Token, context: Context, speaker: str | None) -> list[str]:
    """"it" or "they" in a reported clause is the reporter: "Hungary said it will support",
    "Syria has offered its troops". The nearest governing clause with an actor subject."""
    for ancestor in token.ancestors:
        if ancestor.pos_ not in {"VERB", "AUX"}:
            continue
        subject = next((c for c in ancestor.children if c.dep_ in {"nsubj", "nsubjpass"}
                        and c.i != token.i and token not in c.subtree), None)
        if subject is not None and subject.lower_ not in COLLECTIVE_PRONOUNS:
            ids = _actor_ids(subject, context, speaker)
            if ids:  # "their forces had completed their withdrawal, Bosnian Serbs said"
                return ids
    return []


def _group_country(token: Token, context: Context) -> list[str]:
    """"Rebels in the Ivory Coast", "police in Jericho", "workers of Serbia": a group stands for
    the country it is placed in."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in {"in", "from", "of", "throughout", "across"}:
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    ids = _one_actor(pobj, context, None) or place_country(pobj, context)
                    if ids:
                        return ids
    return []
