// parallel_edition: remember the reader's view (original, translation, both) across pages.
// Progressive enhancement: without this script the switch still works on each page.
(function () {
  "use strict";
  var KEY = "parallel-edition-view";
  function store(value) {
    try { window.localStorage.setItem(KEY, value); } catch (e) { /* storage disabled */ }
  }
  function stored() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }
  // "Cite": absolute URLs in the citations, Copy buttons, Escape to close.
  function setUpCitation(details) {
    var relative = details.getAttribute("data-ed-url");
    var absolute = new URL(relative, document.baseURI).href;
    if (relative !== absolute) {
      details.querySelectorAll(".ed-cite-form > p, .ed-cite-form > pre").forEach(function (element) {
        element.textContent = element.textContent.split(relative).join(absolute);
      });
    }
    var status = details.querySelector(".ed-copy-status");
    details.querySelectorAll("button.ed-copy").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var source = document.getElementById(button.getAttribute("data-ed-copy"));
        navigator.clipboard.writeText(source.textContent).then(
          function () { status.textContent = "Copied."; },
          function () { status.textContent = "Could not copy: select the text and copy it."; }
        );
      });
    });
    details.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && details.open) {
        details.open = false;
        details.querySelector("summary").focus();
      }
    });
  }
  // Annotations on narrow screens: each marker opens and closes its note in place
  // (a button for assistive technology: role, aria-expanded, aria-controls; Enter and Space).
  var narrow = window.matchMedia("(max-width: 48em)");
  document.documentElement.classList.add("ed-js");
  function setUpMarkers() {
    var markers = Array.prototype.slice.call(document.querySelectorAll("a.ed-marker"));
    function markersOf(note) {
      return markers.filter(function (m) { return m.getAttribute("href") === "#" + note.id; });
    }
    function sync() {
      markers.forEach(function (marker) {
        var note = document.getElementById(marker.getAttribute("href").slice(1));
        if (!note) { return; }
        marker.setAttribute("aria-controls", note.id);
        if (narrow.matches) {
          marker.setAttribute("role", "button");
          marker.setAttribute("aria-expanded", note.classList.contains("ed-open") ? "true" : "false");
        } else {
          marker.removeAttribute("role");
          marker.removeAttribute("aria-expanded");
        }
      });
    }
    function toggle(marker) {
      var note = document.getElementById(marker.getAttribute("href").slice(1));
      var open = !note.classList.contains("ed-open");
      note.classList.toggle("ed-open", open);
      markersOf(note).forEach(function (m) { m.setAttribute("aria-expanded", open ? "true" : "false"); });
    }
    markers.forEach(function (marker) {
      marker.addEventListener("click", function (event) {
        if (!narrow.matches) { return; }
        event.preventDefault();
        toggle(marker);
      });
      marker.addEventListener("keydown", function (event) {
        if (narrow.matches && (event.key === " " || event.key === "Spacebar")) {
          event.preventDefault();
          toggle(marker);
        }
      });
    });
    sync();
    narrow.addEventListener("change", sync);
  }
  document.addEventListener("DOMContentLoaded", function () {
    setUpMarkers();
    document.querySelectorAll("details.ed-cite").forEach(setUpCitation);
    var radios = document.querySelectorAll('input[name="ed-view"]');
    var saved = stored();
    radios.forEach(function (radio) {
      if (saved && radio.value === saved) { radio.checked = true; }
      radio.addEventListener("change", function () { if (radio.checked) { store(radio.value); } });
    });
  });
})();
