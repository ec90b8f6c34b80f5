// The competence chooser's search box (courses/forms.py): shows only the
// competences whose code, name or description contain every word typed.
// Without this script the whole list shows, and the box stays hidden.
(function () {
  function setUp(chooser) {
    const search = chooser.querySelector("[data-competence-search]");
    const none = chooser.querySelector("[data-competence-none]");
    if (!search || search.dataset.ready) return;
    search.dataset.ready = "1";
    search.hidden = false;
    search.addEventListener("input", () => {
      const words = search.value.toLocaleLowerCase().split(/\s+/).filter(Boolean);
      let shown = 0;
      chooser.querySelectorAll("[data-competence-group]").forEach((group) => {
        let inGroup = 0;
        group.querySelectorAll("[data-competence-option]").forEach((option) => {
          const text = option.dataset.search || "";
          const match = words.every((word) => text.includes(word));
          option.hidden = !match;
          if (match) inGroup += 1;
        });
        group.hidden = inGroup === 0;
        shown += inGroup;
      });
      none.hidden = shown > 0;
    });
  }
  function setUpAll() {
    document.querySelectorAll("[data-competence-chooser]").forEach(setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
