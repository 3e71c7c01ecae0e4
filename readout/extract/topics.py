"""Topics of an article and of its events, from the curated taxonomy in readout/data/topics.yaml."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

import yaml
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from readout.records import Topic

# Contexts every event of a type carries, whatever the topics (PLOVER 2.0 context labels).
TYPE_CONTEXTS = {
    "CONSULT": ("diplomatic",), "AGREE": ("diplomatic",), "SUPPORT": ("diplomatic",),
    "CONCEDE": ("diplomatic",), "REQUEST": ("diplomatic",), "REJECT": ("diplomatic",),
    "ACCUSE": ("diplomatic",), "THREATEN": ("diplomatic",), "SANCTION": ("economic",),
    "ASSAULT": ("military",), "MOBILIZE": ("military",), "COERCE": ("repression",),
    "PROTEST": ("rights_freedoms",), "AID": (), "COOPERATE": (), "RETREAT": ("military",),
}


@dataclass(frozen=True, eq=False)
class Taxonomy:
    contexts: dict[str, tuple[str, ...]]  # topic label -> PLOVER contexts
    matcher: PhraseMatcher


@functools.lru_cache(maxsize=4)
def load_taxonomy(nlp: Language) -> Taxonomy:
    raw = resources.files("readout.data").joinpath("topics.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(raw)
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    contexts = {}
    for label, spec in data.items():
        matcher.add(label, list(nlp.tokenizer.pipe(spec["phrases"])))
        contexts[label] = tuple(spec.get("contexts", ()))
    return Taxonomy(contexts, matcher)


def find_topics(doc: Doc, taxonomy: Taxonomy) -> list[Topic]:
    """Each topic named in the article, with the spans of the phrases that show it."""
    by_label: dict[str, list[tuple[int, int]]] = {}
    for span in taxonomy.matcher(doc, as_spans=True):
        by_label.setdefault(span.label_, []).append((span.start_char, span.end_char))
    return [Topic(label, sorted(set(spans))) for label, spans in by_label.items()]


def topics_within(topics: list[Topic], spans: list[tuple[int, int]]) -> list[str]:
    """Labels of the topics with evidence inside any of `spans` (an event's evidence)."""
    return [t.label for t in topics
            if any(start <= s and e <= end for s, e in t.evidence for start, end in spans)]


# Contexts a mode implies on top of its type's ("COERCE cyber" is cyber, "ACCUSE investigate" legal).
MODE_CONTEXTS = {
    "cyber": ("cyber",), "misinformation": ("misinformation",), "investigate": ("legal",),
    "convict": ("legal",), "curfew": ("repression",), "martial-law": ("repression",),
    "arrest": ("repression",), "censor": ("rights_freedoms",), "ceasefire": ("peacekeeping",),
    "deport": ("migration",), "expel": ("diplomatic",), "withdraw": ("military",),
}


def contexts_for(event_type: str, topic_labels: list[str], taxonomy: Taxonomy,
                 mode: str | None = None) -> list[str]:
    """PLOVER contexts of an event: its type's, its mode's, then those of the topics in its evidence."""
    contexts = list(TYPE_CONTEXTS.get(event_type, ())) + list(MODE_CONTEXTS.get(mode or "", ()))
    for label in topic_labels:
        contexts += taxonomy.contexts.get(label, ())
    return list(dict.fromkeys(contexts))
