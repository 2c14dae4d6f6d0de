// parallel_edition: progressive enhancement of the parallel text. Without this script every
// note is shown whole beside (or after) its block, and the view switch and the kind filter work.
// With it:
// - on wide screens each note is placed level with the line of its marker, or just below the
//   note before it when that one is still running; it shows its letter, kind and first line
//   until it is opened, in place;
// - on narrower screens a marker opens its note as a pop-up directly under the line that holds
//   it, scrolled into view with the line kept on screen;
// - passage, marker and note light up together on hover and focus;
// - the reader's view (original, translation, both) is remembered across pages.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("ed-js");
  var KEY = "parallel-edition-view";
  var wide = window.matchMedia("(min-width: 70em)");
  var GAP = 8; // px between two notes in the margin

  function store(value) {
    try { window.localStorage.setItem(KEY, value); } catch (e) { /* storage disabled */ }
  }
  function stored() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function visible(element) { return element.getClientRects().length > 0; }

  // --- "Cite": one panel for the page, filled from the block's link -------------------------
  // Each block's link names its anchor and number; the page's <template> holds the panel with
  // stand-ins for both. The panel opens under the link, and closes on Escape, Close, a click
  // elsewhere, or when the link is scrolled out of sight.
  var ANCHOR_SLOT = "\ue000", NUMBER_SLOT = "\ue001";
  var citePanel = null, citeLink = null, citeWatch = null;

  function closeCite(returnFocus) {
    if (!citePanel) { return; }
    citePanel.remove();
    if (citeWatch) { citeWatch.disconnect(); citeWatch = null; }
    var link = citeLink;
    citePanel = null; citeLink = null;
    if (link) { link.setAttribute("aria-expanded", "false"); if (returnFocus) { link.focus({ preventScroll: true }); } }
  }

  function openCite(link) {
    var template = document.getElementById("ed-cite-template");
    if (!template) { return false; }
    closeCite(false);
    var anchor = link.getAttribute("data-ed-cite"), number = link.getAttribute("data-ed-number");
    var relative = template.getAttribute("data-ed-url").split(ANCHOR_SLOT).join(anchor);
    var absolute = new URL(relative, document.baseURI).href;
    var html = template.innerHTML.split(ANCHOR_SLOT).join(anchor).split(NUMBER_SLOT).join(number);
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var panel = holder.firstElementChild;
    if (relative !== absolute) {
      panel.querySelectorAll(".ed-cite-form > p, .ed-cite-form > pre").forEach(function (element) {
        element.textContent = element.textContent.split(relative).join(absolute);
      });
    }
    var status = panel.querySelector(".ed-copy-status");
    panel.querySelectorAll("button.ed-copy").forEach(function (button) {
      button.addEventListener("click", function () {
        var source = panel.querySelector("#" + button.getAttribute("data-ed-copy"));
        var label = panel.querySelector("#" + button.getAttribute("data-ed-copy") + "-label").textContent;
        navigator.clipboard.writeText(source.textContent).then(
          function () { status.textContent = label + ": copied."; },
          function () { status.textContent = "Could not copy: select the text and copy it."; }
        );
      });
    });
    panel.querySelector(".ed-cite-close").addEventListener("click", function () { closeCite(true); });
    panel.addEventListener("keydown", function (event) { if (event.key === "Escape") { event.stopPropagation(); closeCite(true); } });
    document.body.append(panel);
    // Under the link, inside the screen.
    var rect = link.getBoundingClientRect();
    var width = panel.offsetWidth;
    var left = Math.min(Math.max(8, rect.left), document.documentElement.clientWidth - width - 8);
    panel.style.left = Math.round(left + window.scrollX) + "px";
    panel.style.top = Math.round(rect.bottom + window.scrollY + 4) + "px";
    citePanel = panel; citeLink = link;
    link.setAttribute("aria-expanded", "true");
    var box = panel.getBoundingClientRect();
    if (box.bottom > window.innerHeight) { window.scrollBy(0, Math.min(box.bottom - window.innerHeight + 8, box.top - 8)); }
    if ("IntersectionObserver" in window) {
      citeWatch = new IntersectionObserver(function (entries) {
        if (entries.some(function (entry) { return !entry.isIntersecting; })) { closeCite(false); }
      });
      window.setTimeout(function () { if (citeWatch) { citeWatch.observe(link); } }, 200);
    }
    panel.querySelector("button.ed-copy").focus({ preventScroll: true });
    return true;
  }

  function setUpCitations() {
    document.querySelectorAll("a.ed-cite").forEach(function (link) {
      link.setAttribute("aria-haspopup", "dialog");
      link.setAttribute("aria-expanded", "false");
      link.addEventListener("click", function (event) {
        if (citeLink === link) { event.preventDefault(); closeCite(true); return; }
        if (openCite(link)) { event.preventDefault(); }
      });
    });
    document.addEventListener("click", function (event) {
      if (citePanel && !event.target.closest(".ed-cite-panel, a.ed-cite")) { closeCite(false); }
    });
    document.addEventListener("keydown", function (event) { if (event.key === "Escape" && citePanel) { closeCite(true); } });
  }

  // --- The control bar: the kinds of note remembered, all or none, go to ¶ n ---------------
  var KINDS_KEY = "parallel-edition-kinds-hidden";
  function setUpControls() {
    var boxes = Array.prototype.slice.call(document.querySelectorAll(".ed-kind-filter input[type=checkbox]"));
    var hidden = [];
    try { hidden = JSON.parse(window.localStorage.getItem(KINDS_KEY) || "[]"); } catch (e) { hidden = []; }
    function save() {
      var off = boxes.filter(function (box) { return !box.checked; }).map(function (box) { return box.id; });
      try { window.localStorage.setItem(KINDS_KEY, JSON.stringify(off)); } catch (e) { /* storage disabled */ }
    }
    boxes.forEach(function (box) {
      if (hidden.indexOf(box.id) >= 0) { box.checked = false; }
      box.addEventListener("change", function () { save(); schedule(); });
    });
    var all = document.querySelector(".ed-kind-all");
    if (all) {
      all.hidden = false;
      all.querySelectorAll("button").forEach(function (button) {
        button.addEventListener("click", function () {
          var on = button.getAttribute("data-ed-kinds") === "all";
          boxes.forEach(function (box) { box.checked = on; });
          save(); schedule();
        });
      });
    }
    var goto = document.querySelector(".ed-goto");
    if (goto) {
      goto.hidden = false;
      var input = goto.querySelector("input"), go = goto.querySelector("button");
      // Each block's cite link names its number and its anchor.
      function jump() {
        var link = document.querySelector('a.ed-cite[data-ed-number="' + parseInt(input.value, 10) + '"]');
        if (link) { window.location.hash = link.getAttribute("data-ed-cite"); input.setCustomValidity(""); } else { input.setCustomValidity("No such paragraph"); input.reportValidity(); }
      }
      go.addEventListener("click", jump);
      input.addEventListener("keydown", function (event) { if (event.key === "Enter") { event.preventDefault(); jump(); } });
    }
    // A section chosen in the contents closes the list.
    document.querySelectorAll(".ed-toc a").forEach(function (link) {
      link.addEventListener("click", function () { link.closest("details").open = false; });
    });
  }

  // --- Annotations -------------------------------------------------------------------------
  var notes = [];      // every note of the page, in document order
  var byId = {};       // note id -> {note, markers, marks, toggle}
  var active = null;   // the opened note the layout is anchored on, and the marker it came from
  var activeMarker = null;

  function entryOf(note) { return byId[note.id]; }

  function setUp() {
    notes = Array.prototype.slice.call(document.querySelectorAll(".ed-annotation[id]"));
    notes.forEach(function (note) {
      var annId = note.id.replace(/^ann--/, "");
      var entry = {
        note: note,
        markers: Array.prototype.slice.call(document.querySelectorAll('a.ed-marker[data-ed-ann="' + annId + '"]')),
        marks: Array.prototype.slice.call(document.querySelectorAll('mark.ed-mark[data-ed-ann="' + annId + '"]')),
        block: note.closest(".ed-pair, .ed-section"),
      };
      // The note, its markers and its passages: lit and marked together.
      entry.linked = [note].concat(entry.markers, entry.marks);
      byId[note.id] = entry;
      note.tabIndex = -1;
      // The kind label becomes the note's disclosure button.
      var kind = note.querySelector(".ed-ann-kind");
      var toggle = document.createElement("button");
      toggle.type = "button";
      toggle.className = "ed-ann-toggle";
      toggle.setAttribute("aria-controls", note.id);
      toggle.textContent = kind ? kind.textContent : "Note";
      if (kind) { kind.replaceWith(toggle); } else { note.prepend(toggle); }
      entry.toggle = toggle;
      var close = document.createElement("button");
      close.type = "button";
      close.className = "ed-ann-close";
      close.textContent = "Close";
      note.prepend(close);
      entry.close = close;
      var head = note.querySelector(".ed-ann-head");
      var first = head && head.nextElementSibling;
      if (first && first.tagName === "P" && !first.classList.contains("ed-ann-by")) { first.classList.add("ed-ann-first"); }
      // Where the note's passage is, for a note shown beside a later paragraph.
      var number = entry.block && entry.block.querySelector(".ed-num");
      var letter = note.querySelector(".ed-ann-letter");
      if (number && letter) {
        var where = document.createElement("span");
        where.className = "ed-ann-where";
        where.hidden = true;
        where.textContent = " (" + number.textContent + ")";
        letter.append(where);
        entry.where = where;
      }
      setOpen(entry, false);
      toggle.addEventListener("click", function (event) {
        event.stopPropagation();
        if (note.classList.contains("ed-open")) { closeNote(entry, true); } else { openNote(entry, null, false); }
      });
      close.addEventListener("click", function (event) { event.stopPropagation(); closeNote(entry, true); });
      note.addEventListener("click", function (event) {
        if (!note.classList.contains("ed-open") && !event.target.closest("a")) { openNote(entry, null, false); }
      });
      entry.markers.forEach(function (marker) {
        marker.setAttribute("role", "button");
        marker.setAttribute("aria-controls", note.id);
        marker.addEventListener("click", function (event) {
          event.preventDefault();
          if (note.classList.contains("ed-open") && activeMarker === marker) { closeNote(entry, false); } else { openNote(entry, marker, true); }
        });
        marker.addEventListener("keydown", function (event) {
          if (event.key === " " || event.key === "Spacebar") { event.preventDefault(); marker.click(); }
        });
      });
      entry.linked.forEach(function (element) {
        element.addEventListener("mouseenter", function () { light(entry, true); });
        element.addEventListener("mouseleave", function () { light(entry, false); });
        element.addEventListener("focusin", function () { light(entry, true); });
        element.addEventListener("focusout", function () { light(entry, false); });
      });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && active) {
        var entry = entryOf(active);
        closeNote(entry, false);
      }
    });
    // A tap outside an opened pop-up closes it.
    document.addEventListener("click", function (event) {
      if (!wide.matches && active && !event.target.closest(".ed-annotation, .ed-marker")) {
        closeNote(entryOf(active), false);
      }
    });
  }

  function light(entry, on) {
    entry.linked.forEach(function (element) { element.classList.toggle("ed-lit", on); });
  }

  function setOpen(entry, open) {
    entry.note.classList.toggle("ed-open", open);
    entry.toggle.setAttribute("aria-expanded", open ? "true" : "false");
    entry.markers.forEach(function (marker) { marker.setAttribute("aria-expanded", open ? "true" : "false"); });
    // What a closed note hides is out of the focus order too.
    Array.prototype.forEach.call(entry.note.children, function (child) {
      if (!child.classList.contains("ed-ann-head") && !child.classList.contains("ed-ann-close")) { child.inert = !open; }
      if (child.classList.contains("ed-ann-close")) { child.hidden = !open; }
    });
  }

  function activate(entry, marker) {
    if (active && (!entry || active !== entry.note)) {
      var previous = entryOf(active);
      previous.linked.forEach(function (el) { el.classList.remove("ed-active"); });
    }
    active = entry ? entry.note : null;
    activeMarker = marker;
    if (entry) {
      entry.linked.forEach(function (el) { el.classList.add("ed-active"); });
    }
  }

  function openNote(entry, marker, fromMarker) {
    if (!wide.matches && active && active !== entry.note) { setOpen(entryOf(active), false); }
    var before = entry.note.getBoundingClientRect().top;
    marker = marker || entry.markers.filter(visible)[0] || null;
    setOpen(entry, true);
    activate(entry, marker);
    if (wide.matches) {
      layout();
      if (!fromMarker) {
        // Opened from the note: keep it under the reader's eyes while it moves to its marker.
        window.scrollBy(0, entry.note.getBoundingClientRect().top - before);
      }
      // Fully in view, its marker still on screen when the note is long.
      var rect = entry.note.getBoundingClientRect();
      var below = rect.bottom - window.innerHeight + 12;
      if (below > 0) { window.scrollBy(0, Math.min(below, rect.top - 12)); }
    } else {
      placeUnderLine(entry, marker);
    }
    // From a marker, the focus goes to the note (read next by a screen reader); from the note's
    // own button, it stays there.
    if (fromMarker) { entry.note.focus({ preventScroll: true }); }
  }

  function closeNote(entry, keepFocusOnNote) {
    setOpen(entry, false);
    var marker = activeMarker;
    activate(null, null);
    entry.linked.forEach(function (el) { el.classList.remove("ed-active"); });
    if (wide.matches) { layout(); }
    if (keepFocusOnNote) { entry.toggle.focus({ preventScroll: true }); } else if (marker) { marker.focus({ preventScroll: true }); }
  }

  // The line that holds a marker: the quoted words before it (a marker is a superscript, higher
  // than its line), or the top line of the block for a note on a whole block.
  function lineOf(entry, marker) {
    var mark = marker && marker.previousElementSibling;
    var source = (mark && mark.classList.contains("ed-mark")) ? mark : marker;
    if (!source) { source = entry.block && (entry.block.querySelector(".ed-heading, .ed-cell > p") || entry.block); }
    var rects = source.getClientRects();
    var line = rects.length ? rects[rects.length - 1] : source.getBoundingClientRect();
    if (marker && source !== marker) {
      // The marker may have wrapped onto the next line, after its passage.
      var own = marker.getBoundingClientRect();
      if (own.top >= line.bottom - 2) { return { top: own.top, bottom: own.bottom + own.height * 0.6, left: own.left }; }
    }
    return line;
  }

  function placeUnderLine(entry, marker, stay) {
    var note = entry.note;
    note.style.top = "0px";
    note.style.left = "0px";
    var parent = note.offsetParent || document.body;
    var box = parent.getBoundingClientRect();
    var line = lineOf(entry, marker);
    var width = note.offsetWidth;
    var left = Math.min(Math.max(0, (marker ? marker.getBoundingClientRect().left : line.left) - box.left - 24), Math.max(0, box.width - width));
    note.style.top = Math.round(line.bottom - box.top + 4) + "px";
    note.style.left = Math.round(left) + "px";
    // Fully in view, with its line still on screen when the note is long.
    var rect = note.getBoundingClientRect();
    var below = rect.bottom - window.innerHeight + 12;
    if (below > 0 && !stay) { window.scrollBy(0, Math.min(below, line.top - 12)); }
  }

  // Where a note belongs: the top of its marker's line (or of its block, for a note on a whole
  // block), in page coordinates.
  function anchorOf(entry) {
    var marker = (active === entry.note && activeMarker && visible(activeMarker)) ? activeMarker : entry.markers.filter(visible)[0];
    var target = marker || (entry.block && (entry.block.querySelector(".ed-heading") || entry.block));
    if (!target) { return null; }
    var rects = target.getClientRects();
    if (!rects.length) { return null; }
    var top = rects[0].top;
    if (marker) {
      // A marker is a superscript: its line starts a little above it.
      top -= 4;
    }
    return top + window.scrollY;
  }

  function layout() {
    // What the sticky bar covers: a block opened by its anchor starts below it.
    var bar = document.querySelector(".ed-controls");
    if (bar) { root.style.setProperty("--ed-bar-height", bar.offsetHeight + "px"); }
    var asides = document.querySelectorAll(".ed-annotations");
    if (!wide.matches) {
      notes.forEach(function (note) { note.style.top = ""; note.style.left = ""; });
      if (active) { placeUnderLine(entryOf(active), activeMarker, true); }
      asides.forEach(function (aside) { aside.classList.remove("ed-unplaced"); });
      var body = document.querySelector(".ed-notes-room");
      if (body) { body.style.paddingBottom = ""; }
      return;
    }
    // Read everything first, then write: one layout pass.
    var items = [];
    notes.forEach(function (note, index) {
      if (!visible(note)) { return; }
      var entry = entryOf(note);
      var y = anchorOf(entry);
      if (y === null) { return; }
      var aside = note.parentElement;
      items.push({
        entry: entry, index: index, want: y, height: note.offsetHeight,
        base: aside.getBoundingClientRect().top + window.scrollY,
        blockBottom: entry.block ? entry.block.getBoundingClientRect().bottom + window.scrollY : Infinity,
      });
    });
    items.sort(function (a, b) { return a.want - b.want || a.index - b.index; });
    var pivot = items.findIndex(function (item) { return item.entry.note === active; });
    var i;
    if (pivot < 0) {
      var bottom = -Infinity;
      for (i = 0; i < items.length; i++) {
        items[i].y = Math.max(items[i].want, bottom + GAP);
        bottom = items[i].y + items[i].height;
      }
    } else {
      // The opened note is level with its marker; the notes before it make room above it, the
      // notes after it below.
      items[pivot].y = items[pivot].want;
      for (i = pivot + 1; i < items.length; i++) {
        items[i].y = Math.max(items[i].want, items[i - 1].y + items[i - 1].height + GAP);
      }
      for (i = pivot - 1; i >= 0; i--) {
        items[i].y = Math.min(items[i].want, items[i + 1].y - items[i].height - GAP);
      }
    }
    var lowest = -Infinity;
    items.forEach(function (item) {
      item.entry.note.style.top = Math.round(item.y - item.base) + "px";
      if (item.entry.where) { item.entry.where.hidden = item.y < item.blockBottom - 4; }
      lowest = Math.max(lowest, item.y + item.height);
    });
    asides.forEach(function (aside) { aside.classList.remove("ed-unplaced"); });
    // The last notes may run past the text: the page grows to hold them.
    var container = document.querySelector(".ed-notes-room") || (items.length && items[0].entry.note.closest("[role=main], main, article, body"));
    if (container) {
      container.classList.add("ed-notes-room");
      container.style.paddingBottom = "";
      var end = container.getBoundingClientRect().bottom + window.scrollY;
      if (lowest > end) { container.style.paddingBottom = Math.ceil(lowest - end + GAP) + "px"; }
    }
  }

  var pending = false;
  function schedule() {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; layout(); });
  }

  function openFromHash() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var entry = id && byId[id];
    if (!entry) { return; }
    openNote(entry, null, true);
    if (wide.matches) {
      entry.note.scrollIntoView({ block: "center" });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".ed-annotations").forEach(function (aside) { aside.classList.add("ed-unplaced"); });
    setUp();
    setUpCitations();
    setUpControls();
    var radios = document.querySelectorAll('input[name="ed-view"]');
    var saved = stored();
    radios.forEach(function (radio) {
      if (saved && radio.value === saved) { radio.checked = true; }
      radio.addEventListener("change", function () { if (radio.checked) { store(radio.value); } schedule(); });
    });
    layout();
    if (document.fonts && document.fonts.ready) { document.fonts.ready.then(schedule); }
    window.addEventListener("load", schedule);
    window.addEventListener("resize", schedule);
    wide.addEventListener("change", function () {
      if (active) { closeNote(entryOf(active), false); }
      schedule();
    });
    if ("ResizeObserver" in window) {
      var main = document.querySelector("[role=main]") || document.body;
      new ResizeObserver(schedule).observe(main);
    }
    window.addEventListener("hashchange", openFromHash);
    openFromHash();
  });
})();
