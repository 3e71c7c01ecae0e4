"""Fixtures shared by the whole test suite (the only conftest: add new shared fixtures here).

The spaCy model loads once per test session (`pipeline`); the CLI run in-process reuses it, since
`readout.parse.model.load_model` caches by name.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository's root folder (holds pyproject.toml, readout/, tests/)."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def pipeline():
    """readout's pipeline with the default model, loaded once for the session."""
    from readout.pipeline import Pipeline

    return Pipeline.load()


@pytest.fixture(scope="session")
def articles_dir(repo_root: Path) -> Path:
    """tests/fixtures/articles: short invented news articles (calls, visits, attacks, football)."""
    return repo_root / "tests" / "fixtures" / "articles"


@pytest.fixture
def cli(capsys):
    """Run `readout ARGS...` in this process: returns (exit code, stdout, stderr).

    A usage error (argparse) raises SystemExit(2), as the real command exits with it.
    """
    from readout.cli import main

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture(scope="session")
def cli_process():
    """Run `python -m readout.cli ARGS...` in a new process, with `stdin` bytes as its input.

    For what needs a real process: standard input, exit codes, worker processes, stderr bars.
    """

    def run(*argv: str, stdin: bytes = b"", env: dict[str, str] | None = None
            ) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "readout.cli", *argv], input=stdin,
                              capture_output=True, env={**os.environ, **(env or {})},
                              cwd=REPO_ROOT, timeout=300, check=False)

    return run


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory, repo_root: Path, pipeline) -> Path:
    """A database holding the seed article (../shared/seed), stored as `readout ingest` does.

    The web app's page and end-to-end tests serve it.
    """
    from readout.store import Store
    from readout.store.ingest import ingest

    seed = repo_root.parent / "shared" / "seed" / "zelensky-meloni.txt"
    if not seed.exists():
        pytest.skip("../shared/seed is not beside the repository")
    path = tmp_path_factory.mktemp("seed-db") / "seed.db"
    with Store(path, create=True) as store:
        report = ingest(store, [str(seed)], pipeline, published="2024-01-03")
    assert report.failed == 0, report.summary()
    return path


@pytest.fixture(scope="session")
def serve_client():
    """`serve_client(db, pipeline=None, **options)`: an in-process client of `readout serve`'s app
    over the database `db` (options as readout.serve.ServeConfig's); closed at the end."""
    import warnings

    from readout.serve import ServeConfig, create_app
    from readout.serve.extractor import Extractor

    with warnings.catch_warnings():  # starlette asks for httpx2, which the project does not use
        warnings.simplefilter("ignore", UserWarning)
        from fastapi.testclient import TestClient
    opened = []

    def make(db: Path, pipeline=None, **options):
        app = create_app(ServeConfig(db=db, **options), extractor=Extractor(pipeline=pipeline))
        client = TestClient(app, raise_server_exceptions=False)
        client.__enter__()
        opened.append(client)
        return client

    yield make
    for client in opened:
        client.__exit__(None, None, None)
