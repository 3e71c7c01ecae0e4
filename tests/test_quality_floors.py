"""The evaluation gate: `readout eval` on the seed and on our gold set must stay above its floors."""

from __future__ import annotations

import subprocess
import sys

import pytest


def run_eval(gold_dir, floors):
    return subprocess.run(
        [sys.executable, "-m", "readout.cli", "eval", str(gold_dir), "--floors", str(floors)],
        capture_output=True, text=True, timeout=600,
    )


def test_seed_article_stays_above_its_floors(repo_root):
    seed = repo_root.parent / "shared" / "seed"
    if not seed.exists():
        pytest.skip("../shared/seed is not beside the repository")
    result = run_eval(seed, repo_root / "tests" / "floors" / "seed.yaml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_gold_set_stays_above_its_floors(repo_root):
    result = run_eval(repo_root / "tests" / "gold", repo_root / "tests" / "floors" / "gold.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "gold articles: 30" in result.stdout


def test_a_floor_above_the_score_fails_the_gate(repo_root, tmp_path):
    floors = tmp_path / "floors.yaml"
    floors.write_text("event_f1: 1.01\n", encoding="utf-8")
    result = run_eval(repo_root / "tests" / "gold", floors)
    assert result.returncode == 1
    assert "readout eval: below floor: event_f1 is" in result.stderr
