// The contact form: show the emergency numbers the moment someone answers "Ja" to "Haster det?". Without
// this file a CSS :has() rule does the same, and the server shows them on every page that comes back.
(function () {
  "use strict";

  function update(question) {
    var box = document.getElementById(question.getAttribute("data-crisis-question"));
    if (!box) {
      return;
    }
    var yes = question.querySelector('input[type="radio"][value="yes"]:checked');
    // A box the server showed (danger words in the message) stays, whatever the answer.
    box.hidden = !yes && !box.hasAttribute("data-crisis-keep");
  }

  document.addEventListener("change", function (event) {
    var question = event.target && event.target.closest && event.target.closest("[data-crisis-question]");
    if (question) {
      update(question);
    }
  });

  document.querySelectorAll("[data-crisis-question]").forEach(update);
})();
