// Plan import: focusing a field highlights the source lines it came from
// (data-lines="12-15", 1-based) and scrolls them into view inside the source
// pane only; on the bodies page, show the controls of the chosen decision.
(function () {
  "use strict";
  var pane = document.getElementById("pi-lines");
  var lit = [];
  var active = null;

  function highlight(holder) {
    if (holder === active) return;
    if (active) active.classList.remove("active");
    lit.forEach(function (li) { li.classList.remove("hl"); });
    lit = [];
    active = holder;
    if (!holder) return;
    holder.classList.add("active");
    var range = holder.getAttribute("data-lines").split("-");
    var first = parseInt(range[0], 10), last = parseInt(range[1], 10);
    for (var n = first; n <= last; n++) {
      var li = document.getElementById("L" + n);
      if (li) { li.classList.add("hl"); lit.push(li); }
    }
    if (lit.length && pane) {
      var top = lit[0].offsetTop - pane.offsetTop;
      pane.scrollTop = Math.max(0, top - pane.clientHeight / 4);
    }
  }

  if (pane) {
    document.addEventListener("focusin", function (event) {
      var holder = event.target.closest && event.target.closest("[data-lines]");
      if (holder) highlight(holder);
    });
    document.addEventListener("click", function (event) {
      var where = event.target.closest && event.target.closest(".pi-where");
      if (!where) return;
      var holder = where.closest("[data-lines]");
      if (holder) { event.preventDefault(); highlight(holder); }
    });
  }

  // Bodies page: only the chosen decision's controls are shown.
  document.querySelectorAll("[data-body]").forEach(function (section) {
    var radios = section.querySelectorAll("input[type=radio]");
    var options = section.querySelectorAll("[data-option]");
    function sync() {
      var chosen = section.querySelector("input[type=radio]:checked");
      options.forEach(function (option) {
        option.hidden = !chosen || option.getAttribute("data-option") !== chosen.value;
      });
    }
    radios.forEach(function (radio) { radio.addEventListener("change", sync); });
    sync();
  });
})();
