// Present mode: the arrow keys (and Page Up/Down, as sent by presentation
// clickers) follow the Previous and Next links. Without JavaScript the links work alone.
document.addEventListener("keydown", (event) => {
  if (event.altKey || event.ctrlKey || event.metaKey || event.target.closest("input, textarea, select")) return;
  const key = { PageUp: "ArrowLeft", PageDown: "ArrowRight" }[event.key] || event.key;
  const link = document.querySelector(`.present-nav a[data-key="${key}"]`);
  if (link) {
    event.preventDefault();
    window.location.assign(link.href);
  }
});
