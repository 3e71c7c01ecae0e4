"""Docs cannot drift: the README names every command and shows the real output of its main job."""

from __future__ import annotations

import json
import re

import pytest

from readout.cli import build_parser


def readme(repo_root) -> str:
    return (repo_root / "README.md").read_text(encoding="utf-8")


def command_names() -> list[str]:
    parser = build_parser()
    subparsers = next(action for action in parser._actions if action.dest == "command")
    return sorted(subparsers.choices)


@pytest.mark.parametrize("command", command_names())
def test_every_command_is_in_the_readme(repo_root, command):
    assert f"readout {command}" in readme(repo_root)


def test_readme_shows_the_real_output_of_the_main_job(repo_root, cli):
    text = readme(repo_root)
    block = re.search(r"<!-- example-output: readout (.+?) -->\n```json\n(.+?)\n```", text, re.S)
    assert block is not None, "the README lost its example output block"
    arguments, shown = block.group(1).split(), json.loads(block.group(2))
    code, out, _ = cli(*arguments)
    assert code == 0
    assert json.loads(out) == shown, "README example output is stale: run scripts/update_readme_example.py"


def test_readme_setup_commands_match_ci(repo_root):
    ci = (repo_root / ".ci" / "run").read_text(encoding="utf-8")
    test_command = 'pip install -q -e ".[test]" && python -m pytest'
    assert test_command in ci
    assert 'pip install -e ".[test]" && python -m pytest' in readme(repo_root)
