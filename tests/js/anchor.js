// Resolves W3C Web Annotation selectors in the page with Apache Annotator, as a client does:
// a FragmentSelector names the element with that id (HTML's indicated part), and the
// TextQuoteSelector that refines it is matched inside that element only. Bundled by esbuild
// (tests/test_webannotation.py) and injected into the page; the tests call window.edAnchor.
import { makeRefinable } from "@apache-annotator/selector";
import { createTextQuoteSelectorMatcher } from "@apache-annotator/dom";

function fragmentMatcher(selector) {
  return async function* (scope) {
    const element = document.getElementById(selector.value);
    if (element === null) return;
    const range = document.createRange();
    range.selectNodeContents(element);
    const within = scope.compareBoundaryPoints(Range.START_TO_START, range) <= 0 &&
      scope.compareBoundaryPoints(Range.END_TO_END, range) >= 0;
    if (within) yield range;
  };
}

const createMatcher = makeRefinable((selector) => {
  if (selector.type === "FragmentSelector") return fragmentMatcher(selector);
  if (selector.type === "TextQuoteSelector") return createTextQuoteSelectorMatcher(selector);
  throw new Error(`no matcher for a ${selector.type}`);
});

// Offsets of *range* in the text of *element* (its textContent, as the matcher reads it).
function offsets(element, range) {
  const before = document.createRange();
  before.setStart(element, 0);
  before.setEnd(range.startContainer, range.startOffset);
  const start = before.toString().length;
  return [start, start + range.toString().length];
}

// Every place *selector* names in the page: [{element id of the place's cell, start, end, text}].
window.edAnchor = async function (selector) {
  const scope = document.createRange();
  scope.selectNodeContents(document.body);
  const found = [];
  for await (const range of createMatcher(selector)(scope)) {
    let node = range.commonAncestorContainer;
    if (node.nodeType !== Node.ELEMENT_NODE) node = node.parentElement;
    const cell = node.closest(".ed-cell") || node.closest("[id]");
    found.push({ cell: cell ? cell.id : "", span: offsets(cell, range), text: range.toString() });
  }
  return found;
};

// Where the edition highlights annotation *id* in the cell *cellId*: {span: [start, end] of its
// text (the marker letters of other notes nested in it left out), interrupted: whether a marker
// letter stands inside that span}, or null where it highlights nothing there.
window.edHighlight = function (cellId, id) {
  const cell = document.getElementById(cellId);
  const marks = cell ? Array.from(cell.querySelectorAll(`mark.ed-mark[data-ed-ann="${id}"]`)) : [];
  if (marks.length === 0) return null;
  const texts = [];
  for (const mark of marks) {
    const walker = document.createTreeWalker(mark, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement.closest(".ed-marker")) texts.push(node);
    }
  }
  const range = document.createRange();
  range.setStart(texts[0], 0);
  range.setEnd(texts[texts.length - 1], texts[texts.length - 1].length);
  const markers = Array.from(cell.querySelectorAll(".ed-marker")).filter((marker) => range.intersectsNode(marker));
  return { span: offsets(cell, range), interrupted: markers.map((marker) => marker.textContent) };
};
