// Live countdowns: each [data-countdown] element holds an ISO instant; the
// server already rendered the figures, this only keeps them ticking.
(function () {
  function tick() {
    document.querySelectorAll("[data-countdown]").forEach(function (el) {
      var target = Date.parse(el.getAttribute("data-countdown"));
      var left = Math.max(0, target - Date.now());
      var parts = {
        days: Math.floor(left / 86400000),
        hours: Math.floor(left / 3600000) % 24,
        minutes: Math.floor(left / 60000) % 60,
        seconds: Math.floor(left / 1000) % 60,
      };
      Object.keys(parts).forEach(function (key) {
        var slot = el.querySelector("[data-part=" + key + "]");
        if (slot) slot.textContent = parts[key];
      });
    });
  }
  tick();
  setInterval(tick, 1000);
})();
