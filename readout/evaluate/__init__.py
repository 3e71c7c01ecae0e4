"""Evaluate: score readouts against hand-made gold files (docs: ../shared/docs/gold-format.md)."""
