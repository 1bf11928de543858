"""A throwaway PostgreSQL cluster for the test session, fresh databases on both back ends, and
the demo corpus analysed once per session.

The cluster is Debian's PostgreSQL server (``.ci/run`` installs it), started on loopback with
its socket in its own directory and stopped at the end of the session. Missing binaries FAIL the
PostgreSQL tests with a message saying how to install them: the store must be tested on both.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import pytest

from wirewatch.model import AnnotatedArticle

REPO_ROOT = Path(__file__).resolve().parent.parent
BACKENDS = ["sqlite", "postgresql"]
_INSTALL_HINT = ("install Debian's PostgreSQL server (apt-get install -y postgresql; .ci/run does) or "
                 "set WIREWATCH_PG_BIN to the directory holding initdb and pg_ctl")


def _pg_bin() -> Path:
    configured = os.environ.get("WIREWATCH_PG_BIN")
    candidates = [configured] if configured else sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name), reverse=True)
    for candidate in candidates:
        if candidate and (Path(candidate) / "initdb").is_file():
            return Path(candidate)
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    pytest.fail(f"PostgreSQL server binaries (initdb, pg_ctl) not found: {_INSTALL_HINT}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class PostgresCluster:
    host: str
    port: int
    _names: Iterator[int]

    def url(self, database: str) -> str:
        return f"postgresql://postgres@{self.host}:{self.port}/{database}"

    def new_database(self) -> str:
        """A fresh empty database's URL."""
        import psycopg

        name = f"wirewatch_test_{next(self._names)}"
        with psycopg.connect(host=self.host, port=self.port, user="postgres", dbname="postgres",
                             autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    """A PostgreSQL server on 127.0.0.1, trust authentication, for this session only."""
    bin_dir = _pg_bin()
    root = os.geteuid() == 0
    data = Path(tempfile.mkdtemp(prefix="wirewatch-pg-"))
    as_owner: list[str] = []
    if root:  # initdb refuses to run as root: the cluster belongs to the postgres user.
        shutil.chown(data, "postgres", "postgres")
        as_owner = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    log = data / "server.log"
    try:
        subprocess.run([*as_owner, str(bin_dir / "initdb"), "-D", str(data / "db"), "-U", "postgres",
                        "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"],
                       check=True, capture_output=True, text=True)
        subprocess.run([*as_owner, str(bin_dir / "pg_ctl"), "-D", str(data / "db"), "-l", str(log),
                        "-o", f"-c listen_addresses=127.0.0.1 -p {port} -k {data} -c fsync=off",
                        "-w", "start"],
                       check=True, capture_output=True, text=True)
    except subprocess.CalledProcessError as exc:
        detail = log.read_text() if log.exists() else ""
        pytest.fail(f"could not start PostgreSQL from {bin_dir}: {exc.stderr}{exc.stdout}{detail}")
    try:
        yield PostgresCluster("127.0.0.1", port, itertools.count(1))
    finally:
        subprocess.run([*as_owner, str(bin_dir / "pg_ctl"), "-D", str(data / "db"), "-m", "immediate",
                        "-w", "stop"], capture_output=True)
        shutil.rmtree(data, ignore_errors=True)


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of a fresh, empty store on each back end."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    cluster: PostgresCluster = request.getfixturevalue("postgres")
    return cluster.new_database()


@lru_cache(maxsize=1)
def demo_articles() -> tuple[AnnotatedArticle, ...]:
    """The demo corpus analysed once per session by the default pipeline."""
    from tests.pipeline_helpers import shared_resources
    from wirewatch.annotate.default import default_annotator
    from wirewatch.ingest.files import IngestOptions, iter_documents
    from wirewatch.run import Pipeline, RunOptions, results

    resources = shared_resources()
    pipeline = Pipeline(default_annotator(resources), resources.catalog)
    documents = iter_documents([str(REPO_ROOT / "demo" / "corpus")], IngestOptions())
    return tuple(r for r in results(documents, RunOptions(), pipeline=pipeline)
                 if isinstance(r, AnnotatedArticle))


def variant(doc: AnnotatedArticle, number: int) -> AnnotatedArticle:
    """Another article made from ``doc``: its own id and url, a line added at the end of the body
    (offsets into the body stay valid)."""
    article = replace(doc.article, id=f"{doc.article.id}-v{number}",
                      url=f"https://example.org/generated/{number}",
                      body=doc.article.body + f"\n\nGenerated copy number {number}.")
    return replace(doc, article=article)
