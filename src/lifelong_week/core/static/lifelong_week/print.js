// A "print" button, shown only where scripts run (printing without them is Ctrl+P).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
