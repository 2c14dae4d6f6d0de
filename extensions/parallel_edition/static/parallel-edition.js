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
  document.addEventListener("DOMContentLoaded", function () {
    var radios = document.querySelectorAll('input[name="ed-view"]');
    var saved = stored();
    radios.forEach(function (radio) {
      if (saved && radio.value === saved) { radio.checked = true; }
      radio.addEventListener("change", function () { if (radio.checked) { store(radio.value); } });
    });
  });
})();
