"""How `readout serve` runs: every option declared once, with its default, unit and help.

`readout serve`'s flags are built from these fields (readout/cli/serve.py), and docs/api.md lists
them. The defaults are the safe ones: loopback only, read-only, small requests, short queries.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class ServeConfig:
    db: Path = field(metadata={"help": "the SQLite database written by `readout ingest`."})
    host: str = field(
        default="127.0.0.1",
        metadata={"help": "address to listen on; the default answers this machine only."},
    )
    port: int = field(default=8000, metadata={"help": "TCP port to listen on."})
    allow_writes: bool = field(
        default=False,
        metadata={"help": "accept POST /api/articles (extract and store an article) from clients "
                          "holding the token; without it nothing is ever written."},
    )
    token: str | None = field(
        default=None,
        metadata={"help": "the bearer token writes need (default: READOUT_SERVE_TOKEN, else a "
                          "random one printed at start)."},
    )
    max_body_bytes: int = field(
        default=256_000,
        metadata={"help": "largest request body accepted, in bytes (a pasted article)."},
    )
    max_query_ms: int = field(
        default=3_000,
        metadata={"help": "longest a database query may run, in milliseconds, before it is "
                          "stopped with an error."},
    )
    threads: int = field(
        default=8,
        metadata={"help": "requests answered at once (each thread holds one read connection)."},
    )

    @property
    def loopback(self) -> bool:
        """Whether the address only answers this machine."""
        if self.host == "localhost":
            return True
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return False


def help_for(name: str) -> str:
    """The help of one option, with its default, for the CLI."""
    spec = ServeConfig.__dataclass_fields__[name]
    default = "" if spec.default in (None, False) else f" Default: {spec.default}."
    return spec.metadata["help"] + default


# Bounds of every listing (not options: they keep each response small whatever the caller asks).
MAX_LIMIT = 200  # items per page
DEFAULT_LIMIT = 50
MAX_OFFSET = 10_000  # deeper pages: narrow the filters instead (OFFSET reads every skipped row)
MAX_TEXT_PARAM = 200  # characters of a name, topic or search text
MAX_TRY_CHARS = 100_000  # characters of a pasted article
RECENT_EVENTS = 2_000  # an actor's counterparts come from this many of its latest events
QUOTE_EVENTS = 500  # a country's quotes come from the articles of this many of its latest events
MAX_PERIOD_DAYS = 366  # network and busiest dyads: the longest period
DEFAULT_PERIOD_DAYS = 90
MAX_NODES = 60  # network view
MAX_EDGES = 150

