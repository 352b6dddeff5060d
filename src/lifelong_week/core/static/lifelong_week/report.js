// The report page: remember which fields still have unsaved typing, retry a
// save that failed (slow or lost connection), and warn before leaving with
// unsaved changes. Saving itself is done by htmx attributes on each field.
(function () {
  var dirty = new Set();

  document.addEventListener("input", function (event) {
    if (event.target.matches("[data-autosave]")) dirty.add(event.target);
  });

  document.body.addEventListener("htmx:afterRequest", function (event) {
    var field = event.detail.elt;
    if (!field.matches || !field.matches("[data-autosave]")) return;
    if (event.detail.successful) {
      dirty.delete(field);
      return;
    }
    var status = document.getElementById(field.id + "-status");
    if (status) status.textContent = "Chưa lưu được (mất kết nối?). Sẽ thử lại sau vài giây…";
    setTimeout(function () { htmx.trigger(field, "change"); }, 5000);
  });

  // The whole form posted ("Lưu ngay", "Xem lại trước khi gửi") saves every
  // field: nothing is left unsaved, so leaving the page asks nothing.
  document.addEventListener("submit", function (event) {
    if (event.target.id === "report-form") dirty.clear();
  });

  window.addEventListener("online", function () {
    dirty.forEach(function (field) { htmx.trigger(field, "change"); });
  });

  window.addEventListener("beforeunload", function (event) {
    if (dirty.size === 0) return;
    dirty.forEach(function (field) { htmx.trigger(field, "change"); });
    event.preventDefault();
    event.returnValue = "";
  });
})();
