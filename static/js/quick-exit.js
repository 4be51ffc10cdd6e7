// "Lukk siden": leave for a neutral site at once. location.replace() puts the neutral site in this page's place
// in the history, so Back does not bring the page up again. A click on the link or Esc pressed twice within a
// second does it. Without this file the link is a plain link to the same site.
(function () {
  "use strict";

  var link = document.querySelector("[data-quick-exit]");
  if (!link) {
    return;
  }
  var WITHIN_MS = 1000;
  var lastEscape = 0;

  function leave() {
    // Hide the page at once: on a slow connection the neutral site may take a moment to appear.
    document.title = "";
    document.body.hidden = true;
    window.location.replace(link.href);
  }

  link.addEventListener("click", function (event) {
    event.preventDefault();
    leave();
  });

  // A browser that kept the page anyway (in its back-forward cache) shows it whole again on Back.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      document.body.hidden = false;
    }
  });

  document.addEventListener("keydown", function (event) {
    // An Escape some other part of the page has used (closing something) does not count.
    if (event.key !== "Escape" || event.isComposing || event.repeat || event.defaultPrevented) {
      return;
    }
    var now = Date.now();
    if (now - lastEscape <= WITHIN_MS) {
      leave();
    } else {
      lastEscape = now;
    }
  });
})();
