"""Benchmark the interactive pages against pyvis with its defaults.

For graphs of about 500, 2,000 and 10,000 nodes (the project's own kinds:
theories, support types, outcomes, claims, works, authors, built from
synthetic corpora with :func:`kg.build.build_graph`) it prints:

* Python build time of our page (view + layout + HTML) and of pyvis's
  defaults (``Network()``, ``add_node``/``add_edge``, ``write_html``);
* time to first draw in headless Chromium (network blocked): ours is the
  first ``afterDrawing`` of a page with precomputed positions and physics
  off; pyvis's is the end of its physics stabilisation (its first usable
  picture), capped by ``--cap`` seconds;
* the longest main-thread task after the first draw (PerformanceObserver
  "longtask"), and requests the page tried to make.

Run: ``python bench/viz.py [--sizes 500 2000 10000] [--cap 60]``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests" / "viz"))

from rdflib import Graph  # noqa: E402

from kg.build import build_graph  # noqa: E402
from kg.viz import render_html  # noqa: E402
from kg.viz.views import whole_graph  # noqa: E402
from synthetic import synthetic_corpora  # noqa: E402

LONGTASKS = """
window.__longtasks = [];
new PerformanceObserver(list => list.getEntries().forEach(e => window.__longtasks.push([e.startTime, e.duration])))
  .observe({type: "longtask", buffered: true});
"""


def graph_of_size(nodes: int) -> Graph:
    """Merge synthetic corpora until the whole-graph view has about ``nodes`` nodes."""
    graph = Graph()
    for corpus in synthetic_corpora(1000, refs=40, claims=50):
        for triple in build_graph(corpus):
            graph.add(triple)
        if whole_graph(graph).number_of_nodes() >= nodes:
            return graph
    return graph


PEER = r"""
import json, sys, time
from pyvis.network import Network
data = json.load(open(sys.argv[1]))
start = time.perf_counter()
net = Network()
for n in data["nodes"]:
    net.add_node(n["id"], label=n["label"], title=n["title"])
for e in data["edges"]:
    net.add_edge(e["from"], e["to"])
net.write_html(sys.argv[2])
print(time.perf_counter() - start)
# Offline, the default page cannot load vis-network from its CDN: point those two
# tags at the copy inside the pyvis package (and drop their integrity hashes).
import pathlib, re, pyvis
lib = pathlib.Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
page = pathlib.Path(sys.argv[2])
text = page.read_text()
text = re.sub(r'https://cdnjs[^"]*vis-network\.min\.js"[^>]*>', (lib / "vis-network.min.js").as_uri() + '">', text)
text = re.sub(r'https://cdnjs[^"]*vis-network\.min\.css"[^>]*>', (lib / "vis-network.css").as_uri() + '">', text)
page.write_text(text)
"""


VIS_LIB = Path(__import__("pyvis").__file__).parent / "templates" / "lib" / "vis-9.1.2"


def first_draw(chromium, path: Path, ready: str, cap: float, serve_vis: bool = False) -> tuple[float | None, float, int]:
    """Milliseconds to ``ready``, longest task after it, and requests blocked.

    Every request that is not file:// is blocked and counted; with
    ``serve_vis`` the vis-network files pyvis fetches from its CDN are served
    from the copy inside the pyvis package instead (so pyvis can draw at all).
    """
    context = chromium.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    blocked: list[str] = []

    def route(r) -> None:
        url = r.request.url
        if url.startswith("file://"):
            r.continue_()
        elif serve_vis and url.endswith(("vis-network.min.js", "vis-network.min.css")):
            name = "vis-network.min.js" if url.endswith(".js") else "vis-network.css"
            r.fulfill(path=str(VIS_LIB / name))
        else:
            blocked.append(url)
            r.abort()

    page.route("**/*", route)
    page.add_init_script(LONGTASKS)
    try:
        page.goto(path.resolve().as_uri(), wait_until="commit", timeout=cap * 1000)
        # Poll only once the page's own document is there (a freezing page counts against the cap).
        page.wait_for_load_state("domcontentloaded", timeout=cap * 1000)
        page.wait_for_function(ready, timeout=cap * 1000, polling=50)
        drawn = page.evaluate("window.__drawnAt || performance.now()")
    except Exception:
        context.close()
        return None, 0.0, len(blocked)
    page.wait_for_timeout(1500)
    tasks = page.evaluate("window.__longtasks")
    longest = max([d for s, d in tasks if s >= drawn - 1] or [0.0])
    context.close()
    return drawn, longest, len(blocked)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 10000])
    parser.add_argument("--cap", type=float, default=60.0, help="seconds to wait for pyvis to settle")
    args = parser.parse_args()
    from browser_helpers import browser

    import json

    def fmt(v: float | None, unit: str = "s", scale: float = 1.0) -> str:
        return f">cap" if v is None else f"{v * scale:.2f} {unit}"

    print(f"{'target':>7} {'nodes':>6} {'edges':>6} | {'build ours':>11} {'build pyvis':>12} {'ratio':>7} | "
          f"{'draw ours':>10} {'draw pyvis':>11} {'ratio':>7} | {'max task after draw ours/pyvis':>30} | blocked ours/pyvis")

    def report(size, n, e, ob, pb, od, pd, ol, pl, obk, pbk):
        build_ratio = f"{pb / ob:.1f}x" if pb else "-"
        draw_ratio = f"{pd / od:.1f}x" if (pd and od) else "-"
        print(f"{size:>7} {n:>6} {e:>6} | {fmt(ob):>11} {fmt(pb):>12} {build_ratio:>7} | "
              f"{fmt(od, 's', 0.001):>10} {fmt(pd, 's', 0.001):>11} {draw_ratio:>7} | "
              f"{(ol or 0) / 1000:>13.2f} s / {fmt(pl, 's', 0.001):>10} | {obk} / {pbk}", flush=True)
    with browser() as chromium, tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            graph = graph_of_size(size)
            start = time.perf_counter()
            page = render_html(graph)
            ours_path = Path(tmp) / f"ours-{size}.html"
            ours_path.write_text(page, encoding="utf-8")
            ours_build = time.perf_counter() - start
            data = json.loads(page.split('id="kg-data">', 1)[1].split("</script>", 1)[0])
            n_nodes, n_edges = len(data["nodes"]), len(data["edges"])
            ours_draw, ours_long, ours_blocked = first_draw(
                chromium, ours_path, "window.kgPage && window.kgPage.ready && (window.__drawnAt = window.kgPage.firstDraw)",
                args.cap)
            peer_json = Path(tmp) / f"peer-{size}.json"
            peer_json.write_text(json.dumps(data), encoding="utf-8")
            peer_path = Path(tmp) / f"peer-{size}.html"
            try:
                out = subprocess.run([sys.executable, "-c", PEER, str(peer_json), str(peer_path)], cwd=tmp,
                                     capture_output=True, text=True, timeout=args.cap * 5, check=True)
                peer_build: float | None = float(out.stdout.strip().splitlines()[-1])
            except subprocess.TimeoutExpired:
                peer_build = None
            peer_draw = peer_long = None
            peer_blocked = 0
            if peer_build is not None:
                ready = ("typeof network !== 'undefined' && network.physics && network.physics.stabilized "
                         "&& network.physics.stabilizationIterations !== undefined "
                         "&& (window.__drawnAt = window.__drawnAt || performance.now())")
                peer_draw, peer_long, peer_blocked = first_draw(chromium, peer_path, ready, args.cap)
            report(size, n_nodes, n_edges, ours_build, peer_build, ours_draw, peer_draw, ours_long,
                   peer_long, ours_blocked, peer_blocked)

    print("ratio = pyvis / ours (higher is better for us); '>cap' = did not finish within the cap")
    print("pyvis's default page fetches vis-network from a CDN: offline it never draws. Its draw time here is")
    print("measured with those two tags pointed at the pyvis package's own copy; its other CDN requests stay blocked.")


if __name__ == "__main__":
    main()
