// Self-tests: hides the AUDIT questions the skip logic leaves out and shows how many questions are answered.
// The form works the same without this file: the server applies the skip logic and scores the answers.
(function () {
  "use strict";
  var form = document.querySelector("form[data-selftest]");
  if (!form) return;
  var isAudit = form.getAttribute("data-selftest") === "audit";
  var progress = form.querySelector("[data-progress]");

  function answer(n) {
    var checked = form.querySelector('input[name="q' + n + '"]:checked');
    return checked ? Number(checked.value) : null;
  }

  // Same rule as forlop/selftest/scoring.py audit_skipped_items.
  function skipped() {
    if (!isAudit) return [];
    if (answer(1) === 0) return [2, 3, 4, 5, 6, 7, 8];
    if (answer(2) === 0 && answer(3) === 0) return [4, 5, 6, 7, 8];
    return [];
  }

  function update() {
    var skip = skipped();
    var asked = 0;
    var answered = 0;
    form.querySelectorAll("fieldset[data-item]").forEach(function (fieldset) {
      var n = Number(fieldset.getAttribute("data-item"));
      var hide = skip.indexOf(n) !== -1;
      fieldset.hidden = hide;
      if (!hide) {
        asked += 1;
        if (answer(n) !== null) answered += 1;
      }
    });
    form.querySelectorAll("[data-with-item]").forEach(function (element) {
      element.hidden = skip.indexOf(Number(element.getAttribute("data-with-item"))) !== -1;
    });
    if (progress) {
      progress.textContent = progress
        .getAttribute("data-template")
        .replace("{answered}", String(answered))
        .replace("{asked}", String(asked));
      progress.hidden = false;
    }
  }

  // The written skip instructions are only needed when the questions do not hide themselves.
  form.querySelectorAll("[data-skip-hint]").forEach(function (hint) {
    hint.hidden = true;
  });
  form.addEventListener("change", update);
  update();

  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();
})();
