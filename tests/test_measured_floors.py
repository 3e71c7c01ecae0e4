"""Pinned floors of the measuring scripts (dates, places): CI fails when accuracy drops."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize("script, floor", [
    ("scripts/measure_dates.py", "0.97"),
    ("scripts/measure_places.py", "0.97"),
])
def test_measured_accuracy_stays_above_its_floor(repo_root, script, floor):
    result = subprocess.run([sys.executable, str(repo_root / script), "--min-accuracy", floor],
                            capture_output=True, text=True, timeout=600, cwd=repo_root)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
