// The match form: show the emergency numbers the moment someone answers "yes" to acute danger, and keep
// focus sensible when htmx swaps in the next step. The form works the same without this file.
(function () {
  "use strict";

  function updateCrisis(root) {
    var alert = root.querySelector("#match-crisis");
    var group = root.querySelector("[data-match-acute]");
    if (!alert || !group) {
      return;
    }
    var yes = group.querySelector('input[type="radio"][value="yes"]:checked');
    if (yes) {
      alert.hidden = false;
    } else {
      alert.hidden = true;
    }
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target && target.closest && target.closest("[data-match-acute]")) {
      updateCrisis(document);
    }
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    var flow = document.getElementById("match-flow");
    if (!flow || !flow.contains(event.target) && event.target !== flow) {
      return;
    }
    // After a swap, start reading at the errors if there are any, else at the new step's heading.
    var start = flow.querySelector("#error-summary") || flow.querySelector("h1");
    if (start) {
      start.focus();
    }
    updateCrisis(document);
  });
})();
