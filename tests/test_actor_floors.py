"""Pinned floors of actor resolution (scripts/measure_actors.py): CI fails when accuracy drops.

The written phrases (tests/cases/actors.yaml) always run; the PLOVER gold-standard actors only
when ../shared/data is beside the repository (the script skips them otherwise, and says so).
"""

from __future__ import annotations

import subprocess
import sys

import pytest

# Raising a floor is a commit; lowering one is an explicit decision, said in its commit message.
PHRASE_FLOORS = ["--min-country", "0.98", "--min-sector", "0.97"]
GSR_FLOORS = ["--min-gsr-country", "0.83", "--min-gsr-sector", "0.62"]


def run_measure(repo_root, *floors: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(repo_root / "scripts" / "measure_actors.py"), *floors],
                          capture_output=True, text=True, timeout=600, cwd=repo_root, check=False)


def test_actor_phrases_stay_above_their_floors(repo_root):
    result = run_measure(repo_root, *PHRASE_FLOORS, "--part", "phrases")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "phrases (actors.yaml):" in result.stdout


def test_plover_gold_standard_actors_stay_above_their_floors(repo_root):
    records = repo_root.parent / "shared" / "data" / "plover-gsr-cameo.json"
    if not records.exists():
        pytest.skip("../shared/data is not beside the repository")
    result = run_measure(repo_root, *GSR_FLOORS, "--part", "gsr")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "PLOVER gold-standard actors: 650" in result.stdout


def test_a_floor_above_the_score_fails(repo_root):
    result = run_measure(repo_root, "--min-country", "1.01", "--part", "phrases")
    assert result.returncode == 1
    assert "measure_actors: below floor: phrase country is" in result.stderr
