"""Issue #17, item 10: what the text page costs a reader on a first visit. Everything Chromium
loads for text.html, compressed as a host serving gzip would send it (fonts are WOFF2, already
compressed), weighs at most 400 KB; no script in the page's head blocks the first paint."""

from __future__ import annotations

import gzip
from urllib.request import urlopen

BUDGET = 400_000
COMPRESSED = (".woff2", ".png", ".jpg", ".gif", ".ico")


def test_the_text_page_weighs_at_most_400_kb_compressed(browser, served_edition: str) -> None:
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    urls: list[str] = []
    page.on("requestfinished", lambda request: urls.append(request.url))
    page.goto(f"{served_edition}/text.html", wait_until="networkidle")
    context.close()
    sizes = {}
    for url in dict.fromkeys(urls):
        with urlopen(url) as response:
            body = response.read()
        path = url.split("?", 1)[0]
        sizes[path] = len(body) if path.endswith(COMPRESSED) else len(gzip.compress(body, 6))
    total = sum(sizes.values())
    print(f"text.html, first visit: {len(sizes)} requests, {total / 1000:.0f} KB compressed")
    for path, size in sorted(sizes.items(), key=lambda item: -item[1]):
        print(f"  {size / 1000:7.1f} KB  {path.rsplit('/', 1)[-1]}")
    assert total <= BUDGET, sizes
    assert any(path.endswith("text.html") for path in sizes)


def test_no_script_blocks_the_first_paint(edition_html) -> None:
    soup = edition_html.soup("text.html")
    blocking = [
        script["src"]
        for script in soup.head.find_all("script", src=True)
        if not script.has_attr("defer") and not script.has_attr("async") and script.get("type") != "module"
    ]
    assert blocking == []
