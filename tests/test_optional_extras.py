"""The base install (`pip install -e .`, no extras) runs every command's help and the main job;
an optional command names the extra to install instead of failing with a traceback."""

from __future__ import annotations

import subprocess
import sys

# Runs readout with the optional packages made unimportable, as on an install without extras.
BLOCKED = """
import sys
for name in ("fastapi", "uvicorn", "plotly", "pyspark", "pyarrow", "selenium"):  # jinja2 comes with spaCy
    sys.modules[name] = None
from readout.cli import main
sys.exit(main(sys.argv[1:]))
"""


def run(*argv: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", BLOCKED, *argv], capture_output=True, text=True,
                          timeout=300, cwd=cwd, check=False)


def test_help_lists_every_command_without_the_extras():
    result = run("--help")
    assert result.returncode == 0, result.stderr
    for command in ("extract", "eval", "resolve", "ingest", "serve", "spark-extract"):
        assert command in result.stdout


def test_the_main_job_runs_without_the_extras(repo_root):
    result = run("extract", "examples/tusk-zelensky-call.txt", "--published", "2024-03-19", cwd=repo_root)
    assert result.returncode == 0, result.stderr
    assert '"schema": "readout/1"' in result.stdout


def test_serve_without_its_extra_says_what_to_install(tmp_path):
    result = run("serve", "--db", str(tmp_path / "news.db"))
    assert result.returncode == 2
    assert result.stderr.strip() == ("readout: readout serve needs the web extra (uvicorn is not "
                                     "installed): pip install 'readout[serve]'")
