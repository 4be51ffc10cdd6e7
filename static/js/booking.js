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

// The hold's countdown (details and review pages). Quiet for screen readers: the minutes shown change
// without being read out; the status region speaks only twice, at two minutes left and when the time is up.
// Without JavaScript the page says the clock time the hold lasts until.
(function () {
  "use strict";
  function start(box) {
    var seconds = parseInt(box.getAttribute("data-hold-seconds"), 10);
    if (isNaN(seconds)) return;
    var ends = Date.now() + seconds * 1000;
    var left = box.querySelector(".hold-left");
    var announce = box.querySelector("[data-hold-announce]");
    var warned = seconds <= 120;
    var expired = false;
    function text(name) { return box.getAttribute("data-text-" + name) || ""; }
    function tick() {
      var remaining = ends - Date.now();
      if (remaining <= 0) {
        if (!expired) {
          expired = true;
          left.textContent = "";
          left.hidden = true;
          announce.textContent = text("expired");
          announce.classList.remove("visually-hidden");
          box.classList.add("hold-expired");
        }
        return;
      }
      var minutes = Math.ceil(remaining / 60000);
      left.textContent = minutes <= 1 ? text("minute") : text("minutes").replace("{n}", minutes);
      left.hidden = false;
      if (!warned && remaining <= 120000) {
        warned = true;
        announce.textContent = text("warning");
      }
      window.setTimeout(tick, Math.min(15000, remaining % 15000 || 15000));
    }
    tick();
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".hold-timer[data-hold-seconds]").forEach(start);
  });
})();

// The day-and-time picker: after htmx swaps in another day (or week), keep the keyboard user's place. Focus
// moves to the heading of the list of times, and the polite status region (outside the swapped part, so it
// persists) says how many times were found. Without JavaScript the day links are plain links.
(function () {
  "use strict";
  function mark() {
    var picker = document.getElementById("slot-picker");
    if (picker) picker.setAttribute("data-settled", "");
    return picker;
  }
  document.addEventListener("DOMContentLoaded", mark);
  document.addEventListener("htmx:afterSettle", function () {
    var picker = document.getElementById("slot-picker");
    if (!picker || picker.hasAttribute("data-settled")) return;
    mark();
    var heading = document.getElementById("slot-times-heading");
    if (heading) heading.focus();
    var announcer = document.getElementById("slot-announcer");
    if (announcer) {
      announcer.textContent = "";
      window.setTimeout(function () { announcer.textContent = picker.getAttribute("data-announce") || ""; }, 100);
    }
  });
})();
