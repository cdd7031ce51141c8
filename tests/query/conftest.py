"""Fixtures of the query tests: a multi-corpus synthetic graph, stores, a live Oxigraph server."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from rdflib import Dataset

ROOT = Path(__file__).resolve().parents[2]

@pytest.fixture(scope="session")
def synthetic_dataset() -> Dataset:
    """Three synthetic review corpora (shared works across graphs), as an rdflib dataset."""
    sys.path.insert(0, str(ROOT))
    from bench.synthetic import synthetic_corpora
    from kg.build import build_graph

    dataset = Dataset(default_union=True)
    for corpus in synthetic_corpora(3, refs=25, claims=20):
        graph = build_graph(corpus)
        named = dataset.graph(graph.identifier)
        for triple in graph:
            named.add(triple)
    return dataset


@pytest.fixture(scope="module")
def stores(synthetic_dataset, tmp_path_factory):
    """The same three-corpus dataset in memory and in an Oxigraph store folder (one per test module)."""
    from kg.query.stores import MemoryStore, OxigraphStore, create_store

    folder = create_store(tmp_path_factory.mktemp("stores") / "store", graph=synthetic_dataset)
    oxigraph = OxigraphStore(folder)
    yield MemoryStore(synthetic_dataset), oxigraph
    oxigraph.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    """A real Oxigraph server on 127.0.0.1 (the `oxigraph` package), fresh for each test module; yields its query URL."""
    exe = shutil.which("oxigraph")
    if exe is None:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    port = _free_port()
    folder = tmp_path_factory.mktemp("oxigraph-server")
    process = subprocess.Popen(
        [exe, "serve", "--location", str(folder / "db"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"oxigraph server did not start: {process.stderr.read().decode()[:500]}")
            time.sleep(0.1)
    yield url + "/query"
    process.terminate()
    process.wait(timeout=10)
