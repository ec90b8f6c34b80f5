/* Celik quiz screens: a light layer over forms that work without it.
   1. After "Check my answer" the page comes back at #verdict: the focus goes
      to the verdict too, so the keyboard and screen readers start there.
   2. Put-in-order: "Move up" / "Move down" move the step on the spot instead
      of posting the form, and keep the focus on the step moved. */
(function () {
  "use strict";

  function focusVerdict() {
    if (window.location.hash !== "#verdict") return;
    var verdict = document.getElementById("verdict");
    if (verdict) verdict.focus();
  }

  function refresh(list) {
    var steps = list.querySelectorAll(".order-step");
    steps.forEach(function (step, place) {
      step.querySelectorAll(".order-move").forEach(function (button) {
        var up = button.getAttribute("data-direction") === "up";
        button.value = place + (up ? "-up" : "-down");
        button.disabled = up ? place === 0 : place === steps.length - 1;
      });
    });
  }

  function announce(list, place, total) {
    var region = list.parentNode.querySelector("[data-announce]");
    var words = list.getAttribute("data-moved");
    if (!region || !words) return;
    region.textContent = words.replace("%(place)s", place).replace("%(total)s", total);
  }

  function move(button) {
    var step = button.closest(".order-step");
    var list = step.parentNode;
    var up = button.getAttribute("data-direction") === "up";
    var other = up ? step.previousElementSibling : step.nextElementSibling;
    if (!other) return;
    if (up) list.insertBefore(step, other);
    else list.insertBefore(other, step);
    refresh(list);
    var steps = Array.prototype.slice.call(list.children);
    announce(list, steps.indexOf(step) + 1, steps.length);
    var again = step.querySelector('.order-move[data-direction="' + (up ? "up" : "down") + '"]');
    if (again.disabled) again = step.querySelector(".order-move:not([disabled])");
    if (again) again.focus();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".order-move") : null;
    if (!button) return;
    event.preventDefault();
    move(button);
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", focusVerdict);
  else focusVerdict();
})();
