"""The extractor behind "try it" (and stored writes): the pipeline, loaded on first use.

Loading the spaCy model takes seconds and memory, so a server that only browses never loads it;
the first pasted article does, once. Extraction runs one article at a time, under a lock: the
model is shared, and a pasted article takes well under a second.
"""

from __future__ import annotations

import threading

from readout.records import Readout


class Extractor:
    def __init__(self, model: str | None = None, pipeline=None):
        self.model = model
        self._pipeline = pipeline  # a loaded readout.pipeline.Pipeline, or None to load later
        self._lock = threading.Lock()

    def extract(self, text: str, published: str | None = None, **metadata: str | None) -> Readout:
        """The readout of `text` (see `readout.pipeline.Pipeline.extract_text`)."""
        with self._lock:
            if self._pipeline is None:
                from readout.pipeline import Pipeline  # spaCy: imported only when needed

                self._pipeline = Pipeline.load(self.model)
            return self._pipeline.extract_text(text, published=published, **metadata)
