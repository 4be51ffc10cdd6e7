// Booking pages: when the visitor's browser is in another time zone than Norway, show each time in
// theirs too. The pages are complete without this script (times are Norwegian time, labelled as such).
(function () {
  "use strict";
  var OSLO = "Europe/Oslo";
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    return;
  }
  if (!zone || zone === OSLO) return;
  var lang = document.documentElement.lang || "nb";
  var format = new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit", timeZone: zone });
  var dayFormat = new Intl.DateTimeFormat(lang, { weekday: "short", day: "numeric", timeZone: zone });
  var osloDay = new Intl.DateTimeFormat(lang, { weekday: "short", day: "numeric", timeZone: OSLO });

  function annotate(root) {
    root.querySelectorAll("time[data-utc]:not([data-local-done])").forEach(function (el) {
      var instant = new Date(el.getAttribute("data-utc"));
      if (isNaN(instant)) return;
      var local = format.format(instant);
      if (dayFormat.format(instant) !== osloDay.format(instant)) local = dayFormat.format(instant) + " " + local;
      var span = document.createElement("span");
      span.className = "browser-tz";
      span.textContent = " (" + local + ")";
      el.after(span);
      el.setAttribute("data-local-done", "");
    });
    root.querySelectorAll(".browser-tz-note").forEach(function (note) {
      note.textContent = " " + (lang === "en" ? "In brackets: your time zone (" : "I parentes: din tidssone (") + zone + ").";
      note.hidden = false;
    });
  }

  document.addEventListener("DOMContentLoaded", function () { annotate(document); });
  document.addEventListener("htmx:afterSettle", function (event) { annotate(event.target); });
})();
