"""One event per interaction: merge what the article reports several times, pick the headline.

The same call is often told three times in one article ("discussed", "I had a call with", "Both
parties also discussed"). Found events merge when they have the same type and compatible status and
their sides name the same countries (a person counts as their country): a meeting's participants
form an unordered pair, and an event that names only some participants ("We also discussed") joins
the one that names them all. The headline (`primary`) is the event reported first.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from readout.extract.events import Found
from readout.extract.patterns import load_patterns
from readout.resolve.actors import ActorIndex

# Status groups that may describe one event: a meeting "to be held" and held are kept apart.
STATUS_GROUP = {"occurred": "real", "planned": "future", "intended": "future",
                "negated": "negated", "hypothetical": "hypothetical"}


@dataclass
class Group:
    """Found events that report one interaction."""

    members: list[Found]
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    mode: str | None = None  # the first mode any report gives, or one inferred for the whole group

    @property
    def first(self) -> Found:
        return self.members[0]

    @property
    def status(self) -> str:
        return self.first.status


def merge_events(found: list[Found], actors: ActorIndex) -> list[Group]:
    """Group found events that report the same interaction, in order of first report."""
    _counterparts(found, actors)
    _replies(found, actors)
    groups: list[Group] = []
    for event in found:
        target = next((group for group in groups if _same(group, event, actors)), None)
        if target is None:
            groups.append(Group([event], list(event.actors), list(event.recipients)))
        else:
            target.members.append(event)
            _absorb(target, event)
    for group in groups:
        group.mode = next((member.mode for member in group.members if member.mode), None)
        if group.first.frame.pair:
            _order_pair(group)
        if group.first.type == "CONSULT" and group.mode is None and _multilateral(group, actors):
            group.mode = "multilateral"
        group.actors = _prefer_people(group.actors, actors)
        group.recipients = _prefer_people(group.recipients, actors)
    return groups


def _counterparts(found: list[Found], actors: ActorIndex) -> None:
    """"We agreed to keep in close touch", said after a call: an agreement or joint act that names
    no counterpart was reached with the other side of the latest meeting its actor took part in."""
    for index, event in enumerate(found):
        if event.recipients or not event.frame.pair or event.type == "CONSULT":
            continue
        mine = _codes(event.actors, actors)
        if len(mine) != 1:
            continue  # "India and the US agreed": both sides are named already
        for meeting in reversed(found[:index]):
            if meeting.type != "CONSULT" or meeting.status != "occurred":
                continue
            sides = meeting.actors + meeting.recipients
            if mine & _codes(sides, actors):
                event.recipients = [i for i in sides if actors.get(i).code not in mine]
                break


def _replies(found: list[Found], actors: ActorIndex) -> None:
    """"India rejected the allegations": a refusal whose object names what it answers, without
    saying whose, answers the latest such act aimed at the one who refuses; its maker is the
    recipient."""
    answers = load_patterns().answers
    for index, event in enumerate(found):
        if event.type != "REJECT" or event.recipients:
            continue
        answered = next((answers[c.lemma_] for c in event.trigger.children
                         if c.dep_ == "dobj" and c.lemma_ in answers), None)
        mine = _codes(event.actors, actors)
        for earlier in reversed(found[:index] if answered else []):
            if earlier.type == answered and mine & _codes(earlier.recipients, actors):
                event.recipients = [i for i in earlier.actors if actors.get(i).code not in mine]
                break


def _multilateral(group: Group, actors: ActorIndex) -> bool:
    """A meeting of an organisation, or of three or more countries, is multilateral."""
    sides = [actors.get(i) for i in group.actors + group.recipients]
    return any(a.kind == "organization" for a in sides) or len({a.code for a in sides if a.code}) >= 3


def _codes(ids: list[str], actors: ActorIndex) -> frozenset[str]:
    return frozenset(actors.get(i).code or i for i in ids)


def _same(group: Group, event: Found, actors: ActorIndex) -> bool:
    first = group.first
    if first.type != event.type or STATUS_GROUP[first.status] != STATUS_GROUP[event.status]:
        return False
    if first.frame.pair or event.frame.pair:
        mine = _codes(group.actors + group.recipients, actors)
        theirs = _codes(event.actors + event.recipients, actors)
        return mine <= theirs or theirs <= mine
    same_actors = _codes(group.actors, actors) == _codes(event.actors, actors)
    if not event.recipients or not group.recipients:
        return same_actors
    return same_actors and _codes(group.recipients, actors) == _codes(event.recipients, actors)


def _absorb(group: Group, event: Found) -> None:
    for actor_id in event.actors:
        if actor_id not in group.actors and actor_id not in group.recipients:
            group.actors.append(actor_id)
    for actor_id in event.recipients:
        if actor_id not in group.recipients and actor_id not in group.actors:
            group.recipients.append(actor_id)


def _order_pair(group: Group) -> None:
    """A meeting has no direction: the side mentioned first in the article is the actor. An act
    with a direction of its own ("we agreed", said by one side after a call) keeps it."""
    if group.first.type != "CONSULT" and group.recipients:
        return
    everyone = list(dict.fromkeys(group.actors + group.recipients))
    everyone.sort(key=lambda actor_id: int(actor_id[1:]))
    group.actors, group.recipients = everyone[:1], everyone[1:]


def _prefer_people(ids: list[str], actors: ActorIndex) -> list[str]:
    """On one side, a person and their own country are one participant: keep the person."""
    people_codes = {actors.get(i).code for i in ids if actors.get(i).kind == "person"}
    return [i for i in ids if not (actors.get(i).kind == "country" and actors.get(i).code in people_codes)]


def primary_index(groups: list[Group]) -> int | None:
    """The headline event: the one reported first. In that sentence, the event itself beats a
    refusal, request or promise that wraps it ("China declined a proposal to MEET": the meeting
    that did not happen), and an occurred event beats a planned one."""
    if not groups:
        return None
    def rank(item: tuple[int, Group]) -> tuple[int, int, int]:
        _, group = item
        first_report = min(member.evidence[0] for member in group.members)
        return (first_report, 1 if group.first.wraps else 0, 0 if group.status == "occurred" else 1)
    return min(enumerate(groups), key=rank)[0]
