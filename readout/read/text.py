"""Turn raw bytes into article text, or say clearly why they are not one.

Every check here names what is wrong and what to do; the message starts with the input's name
(`InputError(source, reason)`), so a batch can report each bad input on one line and go on.
"""

from __future__ import annotations

import re

from readout.errors import InputError

# The most common English function words: an English article of 50+ words has many of them.
ENGLISH_WORDS = frozenset((
    "the", "of", "and", "to", "a", "in", "is", "that", "for", "on", "it", "with", "as", "was",
    "by", "at", "from", "be", "have", "has", "had", "are", "were", "said", "will", "this", "an",
    "not", "but", "its", "which", "their", "they", "he", "she", "his", "her", "who", "would",
    "after", "also",
))
MIN_ENGLISH_SHARE = 0.12  # share of function words below which a text is not English prose
MIN_WORDS_FOR_LANGUAGE_CHECK = 30
LANGUAGE_SAMPLE_CHARS = 2000
BINARY_SAMPLE_BYTES = 65536  # NUL bytes in this much of the start mean a binary file
BYTES_PER_CHAR = 4  # UTF-8 needs at most 4 bytes per character: the byte limit for `max_chars`
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def max_bytes(max_chars: int) -> int:
    """The largest input, in bytes, that can hold `max_chars` characters of UTF-8."""
    return max_chars * BYTES_PER_CHAR


def too_large(size: int, max_chars: int, exact: bool = True) -> str:
    """The reason given for an input of `size` bytes over the limit (`exact=False`: at least)."""
    at_least = "" if exact else "more than "
    return (f"is {at_least}{_size(size)}, too large for one article (readout accepts up to "
            f"{max_chars:,} characters); split it into articles (JSON Lines) or raise "
            f"READOUT_MAX_CHARS.")


def check_binary(data: bytes, source: str) -> None:
    """Raise if `data` starts like a binary file (or UTF-16 text) rather than UTF-8 text."""
    if data.startswith(UTF16_BOMS):
        raise InputError(source, "is UTF-16 text; convert it to UTF-8 first, for example with "
                                 "`iconv -f UTF-16 -t UTF-8`.")
    if b"\x00" in data[:BINARY_SAMPLE_BYTES]:
        raise InputError(source, "is a binary file (it contains NUL bytes), not text; "
                                 "give readout .txt, .html or .jsonl files.")


def decode(data: bytes, source: str) -> str:
    """The UTF-8 text of `data` (a leading byte-order mark dropped); raises if it is not text.

    No check of the content: the caller checks the article text with `check_text` (for HTML, the
    text taken out of the page, not the markup).
    """
    check_binary(data, source)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(source, f"is not valid UTF-8 (byte 0x{data[error.start]:02x} at offset "
                                 f"{error.start:,}); convert it first, for example with "
                                 f"`iconv -f WINDOWS-1252 -t UTF-8`.") from None


def check_text(text: str, source: str, max_chars: int) -> str:
    """`text` itself if it is a non-empty English article within the size limit."""
    if len(text) > max_chars:
        raise InputError(source, f"has {len(text):,} characters, more than the {max_chars:,} "
                                 f"readout accepts for one article; split it into articles (JSON "
                                 f"Lines) or raise READOUT_MAX_CHARS.")
    if not text.strip():
        raise InputError(source, "is empty: there is no text to read.")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:  # only a JSON escape like "\ud800" can make one
        raise InputError(source, f"has an invalid character (a lone surrogate, "
                                 f"U+{ord(text[error.start]):04X} at character {error.start:,}); "
                                 f"fix the escapes in the JSON.") from None
    if not is_english(text):
        raise InputError(source, "does not look like English text; readout reads English articles "
                                 "only (translate it first).")
    return text


def is_english(text: str) -> bool:
    """A cheap test of the first 2,000 characters: enough common English words, or too short to
    say (a few words pass if any is English or all are ASCII)."""
    words = [word.lower() for word in WORD.findall(text[:LANGUAGE_SAMPLE_CHARS])]
    if len(words) < MIN_WORDS_FOR_LANGUAGE_CHECK:
        return any(word in ENGLISH_WORDS for word in words) or all(w.isascii() for w in words)
    share = sum(word in ENGLISH_WORDS for word in words) / len(words)
    return share >= MIN_ENGLISH_SHARE


def _size(size: int) -> str:
    return f"{size / 1_000_000:,.1f} MB" if size >= 1_000_000 else f"{size:,} bytes"
