// Reading-layout measurements, run in the page by the browser tests (tests/test_reading.py).
// Everything is measured from what Chromium laid out: nothing is read from the edition's CSS.
// what: "parallel" (the text page) or "prose" (characters per line of a prose page's paragraphs).
(what) => {
  const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const pageY = (rect) => rect.top + window.scrollY;

  // Characters on each line of an element's text, by the top of each character's box.
  function charsPerLine(el) {
    const lines = new Map();
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => node.parentElement.closest("[data-ed-apparatus], .ed-marker") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
    });
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.data.length; i++) {
        range.setStart(node, i); range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect || rect.width === 0) continue;
        const key = Math.round(rect.bottom);
        lines.set(key, (lines.get(key) || 0) + 1);
      }
    }
    // Full lines only: the last line of a paragraph is short by nature.
    const counts = [...lines.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]);
    return counts.slice(0, -1);
  }
  const median = (xs) => { if (!xs.length) return null; const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

  if (what === "prose") {
    const lines = [];
    for (const p of document.querySelectorAll("[role=main] p")) {
      if (visible(p) && !p.closest("table, .sd-card, nav, footer")) lines.push(...charsPerLine(p));
    }
    return { cpl: median(lines), lines: lines.length, scrollWidth: document.documentElement.scrollWidth, width: window.innerWidth };
  }

  const cells = { original: [], translation: [] };
  let rowsHeight = 0; const textHeight = { original: 0, translation: 0 };
  const pairs = [...document.querySelectorAll(".ed-pair.ed-paragraph")].filter(visible);
  for (const pair of pairs) {
    const row = pair.getBoundingClientRect();
    rowsHeight += row.height;
    for (const role of ["original", "translation"]) {
      const cell = pair.querySelector(`:scope > .ed-${role}`);
      if (!cell || !visible(cell)) continue;
      const paras = [...cell.querySelectorAll(":scope > p, :scope > ul > li, :scope > ol > li")];
      let h = 0; for (const p of paras) h += p.getBoundingClientRect().height;
      // Space between a cell's own paragraphs is the text's rhythm, not blank.
      if (paras.length) h = paras[paras.length - 1].getBoundingClientRect().bottom - paras[0].getBoundingClientRect().top;
      textHeight[role] += h;
      for (const p of paras) cells[role].push(...charsPerLine(p));
    }
  }
  const shown = ["original", "translation"].filter((r) => textHeight[r] > 0);
  const blank = rowsHeight ? 1 - shown.reduce((a, r) => a + textHeight[r], 0) / (rowsHeight * shown.length) : null;

  // Notes: where each visible note is against the line of its marker.
  const notes = [...document.querySelectorAll(".ed-annotation")].filter(visible);
  const placed = notes.map((note) => {
    const id = note.id.replace(/^ann--/, "");
    const markers = [...document.querySelectorAll(`.ed-marker[data-ed-ann="${id}"]`)].filter(visible);
    const r = note.getBoundingClientRect();
    return { id, top: pageY(r), bottom: pageY(r) + r.height, left: r.left, right: r.right,
             markerTop: markers.length ? pageY(markers[0].getBoundingClientRect()) : null };
  });
  let overlaps = 0;
  const sorted = [...placed].sort((a, b) => a.top - b.top);
  for (let i = 1; i < sorted.length; i++) if (sorted[i].top < sorted[i - 1].bottom - 0.5) overlaps++;
  const textRight = Math.max(0, ...[...document.querySelectorAll(".ed-cell")].filter(visible).map((c) => c.getBoundingClientRect().right));
  const overText = placed.filter((n) => n.left < textRight - 0.5).length;

  const first = document.querySelector(".ed-pair.ed-paragraph .ed-original > p, .ed-pair.ed-paragraph .ed-cell > p");
  const prose = ((el) => el && Array.from(el.children).find((c) => c.tagName === "P"))(document.querySelector(".ed-pair.ed-paragraph:not([data-ed-kind=byline]) .ed-cell"));
  return {
    width: window.innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
    blank,
    cpl: { original: median(cells.original), translation: median(cells.translation),
           originalMin: cells.original.length ? Math.min(...cells.original) : null },
    notes: placed,
    overlaps, overText,
    firstParagraphTop: first ? pageY(first.getBoundingClientRect()) : null,
    pageHeight: document.documentElement.scrollHeight,
  };
}
