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
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("details.ed-cite").forEach(setUpCitation);
    var radios = document.querySelectorAll('input[name="ed-view"]');
    var saved = stored();
    radios.forEach(function (radio) {
      if (saved && radio.value === saved) { radio.checked = true; }
      radio.addEventListener("change", function () { if (radio.checked) { store(radio.value); } });
    });
  });
})();
