"""readout: news reports of diplomacy and conflict in, evidence-linked event data out.

    from readout import Pipeline

    pipeline = Pipeline.load()
    readout = pipeline.extract_text(text, published="2024-01-03")
    print(readout.to_json(indent=2))

The stages are packages: read -> parse -> resolve -> extract -> store -> serve.
"""

import logging

from readout.records import SCHEMA, ArticleInput, Failure, Readout

__all__ = ["SCHEMA", "ArticleInput", "Failure", "Pipeline", "Readout"]
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str):
    """`readout.Pipeline` without importing spaCy when only the records are needed."""
    if name == "Pipeline":
        from readout.pipeline import Pipeline

        return Pipeline
    raise AttributeError(f"module 'readout' has no attribute {name!r}")
