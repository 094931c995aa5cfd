"""How the relay network page draws as the network grows, in Debian's Chromium.

    .venv/bin/python benchmarks/network_graph.py [--sizes 50,300,2000] [--rounds 3]

A page like the network page (the vendored cytoscape.js, ``static/js/network.js`` and the page's
stylesheet, data in a ``network-data`` JSON block) is written to a scratch folder for each size,
with a synthetic network of that many nodes (a few hubs and many leaves, as a newsroom's archive
looks: most sources are cited once, a few agencies carry most claims) and 1.5 edges per node. For
each size it measures, in one run and interleaved with the smallest size as the baseline:

- draw: from navigation to the graph being laid out and drawn (``data-ready`` set by network.js);
- zoom: one programmatic zoom and the frame after it, which is what a reader feels when panning.

Reported as milliseconds (best and median of the rounds) and as ratios to the smallest size.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "static"
TYPES = ("person", "government_body", "news_agency", "news_outlet", "anonymous", "outlet", "other")
PAGE = """<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="app.css"></head>
<body><main><figure class="network-figure"><div id="network-graph" class="network-graph"></div></figure>
<script id="network-data" type="application/json">{data}</script>
<span id="__________cytoscape_stylesheet" hidden></span>
<script src="cytoscape.min.js"></script><script src="network.js"></script></main></body></html>"""


def synthetic(size: int, seed: int = 7) -> dict[str, object]:
    rng = random.Random(seed)  # nosec B311 - synthetic benchmark data, not a secret
    hubs = max(3, size // 50)
    nodes = []
    for index in range(size):
        claims = rng.randint(40, 400) if index < hubs else rng.choice((1, 1, 1, 2, 3))
        nodes.append(
            {
                "id": f"n{index}",
                "label": f"Source {index}",
                "kind": "source",
                "type": TYPES[index % len(TYPES)],
                "claims": claims,
                "url": "#",
            }
        )
    edges = {}
    for index in range(hubs, size):
        target = rng.randrange(hubs)
        edges[(f"n{index}", f"n{target}")] = rng.randint(1, 3)
        if rng.random() < 0.5:
            other = rng.randrange(size)
            if other != index:
                edges[(f"n{index}", f"n{other}")] = 1
    data = {
        "format": "newsverify.network/1",
        "claims": sum(edges.values()),
        "hidden_nodes": 0,
        "nodes": nodes,
        "edges": [{"source": a, "target": b, "claims": c} for (a, b), c in edges.items()],
    }
    return data


def write_page(folder: Path, size: int) -> Path:
    page = folder / f"network-{size}.html"
    data = json.dumps(synthetic(size)).replace("</", "<\\/")
    page.write_text(PAGE.format(data=data))
    return page


def measure(browser, page_path: Path) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(page_path.as_uri())
    page.wait_for_selector("#network-graph[data-ready=true]", state="attached", timeout=120_000)
    draw = page.evaluate("() => performance.now()")
    zoom = page.evaluate(
        "() => new Promise(done => { const cy = document.getElementById('network-graph')._cyreg.cy;"
        " const start = performance.now(); cy.zoom(cy.zoom() * 1.6);"
        " requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - start))); })"
    )
    page.close()
    if errors:
        raise RuntimeError(f"{page_path.name}: {errors}")
    return draw, zoom


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,300,2000")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    sizes = sorted({int(size) for size in args.sizes.split(",")})
    chromium = shutil.which("chromium")
    if chromium is None:
        print("Chromium is not installed (apt-get install chromium): nothing measured.")
        return 1
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        shutil.copy(STATIC / "vendor" / "cytoscape" / "cytoscape.min.js", folder)
        shutil.copy(STATIC / "js" / "network.js", folder)
        shutil.copy(STATIC / "css" / "app.css", folder)
        pages = {size: write_page(folder, size) for size in sizes}
        draws: dict[int, list[float]] = {size: [] for size in sizes}
        zooms: dict[int, list[float]] = {size: [] for size in sizes}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium,
                args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            for _ in range(args.rounds):
                for size in sizes:  # interleaved, so that machine noise hits every size alike
                    draw, zoom = measure(browser, pages[size])
                    draws[size].append(draw)
                    zooms[size].append(zoom)
            browser.close()
    base_draw = statistics.median(draws[sizes[0]])
    base_zoom = statistics.median(zooms[sizes[0]])
    print(f"{'nodes':>6} {'draw best':>10} {'median':>8} {'x base':>7} {'zoom best':>10} {'median':>8} {'x base':>7}")
    for size in sizes:
        draw, zoom = statistics.median(draws[size]), statistics.median(zooms[size])
        print(
            f"{size:>6} {min(draws[size]):>8.0f}ms {draw:>6.0f}ms {draw / base_draw:>6.1f}x"
            f" {min(zooms[size]):>8.0f}ms {zoom:>6.0f}ms {zoom / base_zoom:>6.1f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
