"""Benchmark the interactive pages against pyvis with its defaults.

For graphs of about 500, 2,000 and 10,000 nodes (the project's own kinds:
theories, support types, outcomes, claims, works, authors, built from
synthetic corpora with :func:`kg.build.build_graph`) it prints:

* Python build time of our page (view + layout + HTML) and of pyvis's
  defaults (``Network()``, ``add_node``/``add_edge``, ``write_html``);
* time from navigation to the first drawn frame in headless Chromium
  (network blocked; vis-network's first ``afterDrawing``): ours has
  precomputed positions and physics off; pyvis's default page first runs its
  physics stabilisation, then keeps simulating until it settles (its
  ``stabilized`` event, also timed), each capped by ``--cap`` seconds;
* the longest main-thread task in the 1.5 s after our first draw
  (PerformanceObserver "longtask"), and the slowest of three interactions on
  our page (search, select a node with its neighbourhood highlight, filter by
  an outcome), each timed to the second frame after it;
* requests each page tried to make (all blocked).

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
// pyvis's page keeps its network in a global; hook its first frame and its settling.
(function hook() {
  if (typeof network !== "undefined" && network && network.on) {
    network.on("afterDrawing", () => { window.__firstFrame = window.__firstFrame || performance.now(); });
    network.on("stabilized", () => { window.__settled = window.__settled || performance.now(); });
    return;
  }
  setTimeout(hook, 5);
})();
"""

INTERACTIONS = {
    "search": "(q) => { const s = document.querySelector('#kg-search'); s.value = q;"
              " s.dispatchEvent(new Event('input')); }",
    "select": "(q) => window.kgPage.select(window.kgPage.data.nodes.find(n => n.kind === 'claim').id)",
    "filter": "(q) => { const s = document.querySelector('select[data-kind=outcome]'); s.selectedIndex = 1;"
              " s.dispatchEvent(new Event('change')); }",
}
TIMED = ("(args) => { const t = performance.now(); (eval(args[0]))(args[1]);"
         " return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now() - t)))); }")


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
    net.add_edge(data["nodes"][e[0]]["id"], data["nodes"][e[1]]["id"])
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


def open_timed(chromium, path: Path, ready: str, cap: float, interact: bool = False) -> dict[str, float | None]:
    """Open ``path`` with every non-file request blocked and time it.

    Returns the milliseconds from navigation to ``ready`` (``draw``) and to
    pyvis's settling (``settled``), the longest task in the 1.5 s after the
    draw, the slowest interaction when ``interact``, and the blocked requests.
    """
    context = chromium.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    blocked: list[str] = []

    def route(r) -> None:
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.add_init_script(LONGTASKS)
    out: dict[str, float | None] = {"draw": None, "settled": None, "longest": None, "interaction": None}
    try:
        page.goto(path.resolve().as_uri(), wait_until="commit", timeout=cap * 1000)
        # Poll only once the page's own document is there (a freezing page counts against the cap).
        page.wait_for_load_state("domcontentloaded", timeout=cap * 1000)
        page.wait_for_function(ready, timeout=cap * 1000, polling=50)
        out["draw"] = page.evaluate("window.__drawnAt")
        page.wait_for_timeout(1500)
        tasks = page.evaluate("window.__longtasks")
        out["longest"] = max([d for s, d in tasks if s >= out["draw"] - 1] or [0.0])
        if interact:
            query = page.evaluate("window.kgPage.data.nodes.find(n => n.kind === 'work').label.slice(0, 6)")
            out["interaction"] = max(page.evaluate(TIMED, [js, query]) for js in INTERACTIONS.values())
        else:
            page.wait_for_function("window.__settled", timeout=cap * 1000, polling=100)
            out["settled"] = page.evaluate("window.__settled")
    except Exception:  # a page that does not get there within the cap
        pass
    out["blocked"] = float(len(blocked))
    context.close()
    return out


def median_of(values: list[float | None]) -> float | None:
    """The median, or ``None`` when any run did not get there."""
    if any(v is None for v in values):
        return None
    ordered = sorted(v for v in values if v is not None)
    return ordered[len(ordered) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 10000])
    parser.add_argument("--cap", type=float, default=60.0, help="seconds to wait for pyvis to settle")
    parser.add_argument("--repeat", type=int, default=5, help="times our page is opened (the median is shown)")
    parser.add_argument("--no-pyvis", action="store_true", help="time our pages only")
    args = parser.parse_args()
    from browser_helpers import browser

    import json

    def fmt(ms: float | None) -> str:
        return ">cap" if ms is None else f"{ms / 1000:.2f} s"

    def peer_fmt(ms: float | None) -> str:
        return "-" if args.no_pyvis else fmt(ms)

    print(f"{'nodes':>6} {'edges':>6} | {'build kg':>8} {'pyvis':>7} | {'draw kg':>8} {'pyvis':>7} "
          f"{'settled':>8} | {'max task':>8} {'slowest':>8} | blocked kg/pyvis")
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
            # Our page is cheap to open: take the median of several runs of each figure.
            runs = [open_timed(chromium, ours_path,
                               "window.kgPage && window.kgPage.ready && (window.__drawnAt = window.kgPage.firstDraw)",
                               args.cap, interact=True) for _ in range(max(args.repeat, 1))]
            ours = {key: median_of([r[key] for r in runs]) for key in runs[0]}
            peer_json = Path(tmp) / f"peer-{size}.json"
            peer_json.write_text(json.dumps(data), encoding="utf-8")
            peer_path = Path(tmp) / f"peer-{size}.html"
            try:
                if args.no_pyvis:
                    raise subprocess.TimeoutExpired("pyvis", 0)
                run = subprocess.run([sys.executable, "-c", PEER, str(peer_json), str(peer_path)], cwd=tmp,
                                     capture_output=True, text=True, timeout=args.cap * 5, check=True)
                peer_build: float | None = float(run.stdout.strip().splitlines()[-1])
            except subprocess.TimeoutExpired:
                peer_build = None
            peer: dict[str, float | None] = {"draw": None, "settled": None, "blocked": 0.0}
            if peer_build is not None and not args.no_pyvis:
                peer = open_timed(chromium, peer_path, "window.__firstFrame && (window.__drawnAt = window.__firstFrame)",
                                  args.cap)
            print(f"{n_nodes:>6} {n_edges:>6} | {ours_build:>6.2f} s {peer_fmt(None if peer_build is None else peer_build * 1000):>7} | "
                  f"{fmt(ours['draw']):>8} {peer_fmt(peer['draw']):>7} {peer_fmt(peer['settled']):>8} | "
                  f"{fmt(ours['longest']):>8} {fmt(ours['interaction']):>8} | "
                  f"{int(ours['blocked'] or 0)} / {int(peer['blocked'] or 0)}", flush=True)

    print(f"kg figures: median of {args.repeat} runs. draw = navigation to first drawn frame;")
    print("settled = pyvis's physics at rest; max task = longest main-thread")
    print("task in the 1.5 s after our first draw; slowest = slowest of search / select / filter on our page;")
    print("'>cap' = did not get there within the cap.")
    print("pyvis's default page fetches vis-network from a CDN: offline it never draws. Its draw time here is")
    print("measured with those two tags pointed at the pyvis package's own copy; its other CDN requests stay blocked.")


if __name__ == "__main__":
    main()
