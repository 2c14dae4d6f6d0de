/* parallel_edition: search results that hold the text alone and open at their block.
 *
 * Loaded (deferred) on the search page only, after Sphinx's searchtools.js and before its
 * Search.init runs on DOMContentLoaded. Sphinx makes each snippet from the textContent of the
 * page's [role=main], which on an edition's page holds the apparatus too: the cite panels'
 * BibTeX and CSL-JSON, the notes, the ¶ numbers. Here:
 *
 * - Search.htmlToText leaves out every element that is not text of the edition
 *   ([data-ed-apparatus], the notes, the cite panels, the ¶ numbers, Sphinx's .no-search and
 *   the bibliography's "Cited in" lines), and puts a space between block elements;
 * - Search.makeSearchSummary finds the first match in that text, takes the snippet from the
 *   block that holds it (a paragraph pair of the text, or the nearest element with an id), and
 *   sets the result's link to that block's anchor.
 */
(() => {
  "use strict";
  if (typeof Search === "undefined") return;

  const NOT_TEXT = [
    "script", "style", ".headerlink", "[data-ed-apparatus]", ".ed-annotations", ".ed-cite",
    ".ed-num", ".no-search", ".ed-cited-in",
  ].join(", ");
  const BLOCKS = new Set([
    "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "CAPTION", "DD", "DIV", "DL", "DT", "FIGCAPTION",
    "FIGURE", "FOOTER", "H1", "H2", "H3", "H4", "H5", "H6", "HEADER", "LI", "OL", "P", "PRE",
    "SECTION", "TABLE", "TD", "TH", "TR", "UL",
  ]);
  const CONTEXT = 120;

  const parse = (html) => {
    const doc = new DOMParser().parseFromString(html, "text/html");
    doc.querySelectorAll(NOT_TEXT).forEach((el) => el.remove());
    return doc;
  };

  const blockOf = (node, root) => {
    for (let el = node.parentElement; el && el !== root; el = el.parentElement) {
      if (BLOCKS.has(el.tagName)) return el;
    }
    return root;
  };

  /* The text of *root* as one string, with the text node each character comes from. */
  const textOf = (root) => {
    const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const pieces = [];
    let text = "";
    let lastBlock = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const block = blockOf(node, root);
      if (lastBlock && block !== lastBlock && !/\s$/.test(text)) text += " ";
      lastBlock = block;
      pieces.push({ node, start: text.length });
      text += node.data;
    }
    return { text, pieces };
  };

  const nodeAt = (pieces, index) => {
    let found = pieces[0];
    for (const piece of pieces) {
      if (piece.start > index) break;
      found = piece;
    }
    return found && found.node;
  };

  /* The block a match is in: a paragraph pair of the text, else the nearest block element with an
     id (a section, a bibliography entry), not an inline one (a citation's link). */
  const anchorOf = (node, root) => {
    const el = node.parentElement;
    if (!el) return null;
    const pair = el.closest(".ed-pair[id]");
    if (pair && root.contains(pair)) return pair;
    for (let up = el; up && up !== root; up = up.parentElement) {
      if (up.id && BLOCKS.has(up.tagName)) return up;
    }
    return null;
  };

  const firstMatch = (text, keywords) => {
    const lower = text.toLowerCase();
    const found = [...keywords]
      .map((k) => lower.indexOf(k.toLowerCase()))
      .filter((i) => i > -1);
    return found.length ? Math.min(...found) : -1;
  };

  const mainOf = (doc, anchor) =>
    (anchor && doc.querySelector(`[role="main"] ${anchor}`)) || doc.querySelector('[role="main"]');

  Search.htmlToText = (htmlString, anchor) => {
    const root = mainOf(parse(htmlString), anchor);
    return root ? textOf(root).text : "";
  };

  Search.makeSearchSummary = (htmlText, keywords, anchor) => {
    const root = mainOf(parse(htmlText), anchor);
    if (!root) return null;
    let { text, pieces } = textOf(root);
    if (text.trim() === "") return null;
    let position = firstMatch(text, keywords);
    let block = null;
    if (position > -1) {
      block = anchorOf(nodeAt(pieces, position), root);
      if (block) {
        text = textOf(block).text;
        position = Math.max(firstMatch(text, keywords), 0);
      }
    }
    const start = Math.max(position - CONTEXT, 0);
    const summary = document.createElement("p");
    summary.classList.add("context");
    summary.textContent =
      (start === 0 ? "" : "...") +
      text.substr(start, 2 * CONTEXT).replace(/\s+/g, " ").trim() +
      (start + 2 * CONTEXT < text.length ? "..." : "");
    if (block && !anchor) {
      // Sphinx appends the summary to its result's list item right after this returns.
      queueMicrotask(() => {
        const link = summary.parentElement && summary.parentElement.querySelector("a");
        if (link) link.setAttribute("href", `${link.getAttribute("href").split("#")[0]}#${block.id}`);
      });
    }
    return summary;
  };
})();
