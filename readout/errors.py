"""readout's exceptions. Each says what happened, to which input, and what to do next."""

from __future__ import annotations


class ReadoutError(Exception):
    """Base of every error readout reports to a user; its text is the whole message."""

    exit_code = 2


class InputError(ReadoutError):
    """An input could not be read as an article (empty, binary, bad encoding, too large...)."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ModelError(ReadoutError):
    """The spaCy model named in the settings cannot be loaded."""


class DataError(ReadoutError):
    """A data file shipped with readout (lexicon, knowledge base) is missing or invalid."""


class StoreError(ReadoutError):
    """The database cannot be opened, migrated or queried."""
