"""Turn raw bytes into article text, or say clearly why they are not one.

Every check here names what is wrong and what to do; the caller attaches the input's name.
"""

from __future__ import annotations

import re

from readout.errors import InputError

# The most common English function words: an English article of 50+ words has many of them.
ENGLISH_WORDS = frozenset(
    "the of and to a in is that for on it with as was by at from be have has had are were said "
    "will this an not but its which their they he she his her who would after also".split()
)
MIN_ENGLISH_SHARE = 0.12  # share of function words below which a text is not English prose
MIN_WORDS_FOR_LANGUAGE_CHECK = 30
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def decode(data: bytes, source: str, max_chars: int) -> str:
    """The UTF-8 text of `data`, checked to be a readable English article."""
    if b"\x00" in data[:65536]:
        raise InputError(source, "is a binary file (it contains NUL bytes), not text; "
                                 "give readout .txt, .html or .jsonl files.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(source, f"is not valid UTF-8 (byte 0x{data[error.start]:02x} at offset "
                                 f"{error.start}); convert it first, for example with "
                                 f"`iconv -f WINDOWS-1252 -t UTF-8`.") from None
    return check_text(text, source, max_chars)


def check_text(text: str, source: str, max_chars: int) -> str:
    """`text` itself if it is a non-empty English article within the size limit."""
    if len(text) > max_chars:
        raise InputError(source, f"has {len(text):,} characters, more than the {max_chars:,} readout "
                                 f"accepts for one article; split it into articles (JSON Lines) or "
                                 f"raise READOUT_MAX_CHARS.")
    if not text.strip():
        raise InputError(source, "is empty: there is no text to read.")
    if not is_english(text):
        raise InputError(source, "does not look like English text; readout reads English articles "
                                 "only (translate it first).")
    return text


def is_english(text: str) -> bool:
    """A cheap test on the first 2,000 characters: enough common English words, or too short to say."""
    words = [word.lower() for word in WORD.findall(text[:2000])]
    if len(words) < MIN_WORDS_FOR_LANGUAGE_CHECK:
        return any(word in ENGLISH_WORDS for word in words) or all(w.isascii() for w in words)
    share = sum(word in ENGLISH_WORDS for word in words) / len(words)
    return share >= MIN_ENGLISH_SHARE
