// hadath web interface: the article page's details panel. Builds the panel from the
// annotations JSON with textContent only (never innerHTML), so no text can run as code.
"use strict";
(function () {
  var data = document.getElementById("annotations");
  var panel = document.getElementById("panel-body");
  if (!data || !panel) return;
  var anns = JSON.parse(data.textContent || "{}");
  var kinds = { ent: "كيان · entity", time: "زمن · time", quote: "اقتباس · quote",
                cue: "فعل القول · cue", event: "حدث · event" };

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function show(span) {
    var prev = document.querySelectorAll(".a.selected");
    for (var i = 0; i < prev.length; i++) prev[i].classList.remove("selected");
    var ids = (span.getAttribute("data-ann") || "").split(" ");
    var sel = document.querySelectorAll(".a");
    for (var j = 0; j < sel.length; j++) {
      var theirs = (sel[j].getAttribute("data-ann") || "").split(" ");
      if (theirs.indexOf(ids[ids.length - 1]) >= 0) sel[j].classList.add("selected");
    }
    panel.replaceChildren();
    ids.slice().reverse().forEach(function (id) {
      var a = anns[id];
      if (!a) return;
      var card = el("div", null, "card card-" + a.kind);
      card.setAttribute("data-ann-id", id);
      card.appendChild(el("h3", (kinds[a.kind] || a.kind) + " " + id));
      var dl = el("dl");
      a.rows.forEach(function (row) {
        dl.appendChild(el("dt", row[0]));
        dl.appendChild(el("dd", row[1]));
      });
      card.appendChild(dl);
      if (a.href && a.href.charAt(0) === "/") {
        var link = el("a", "صفحة الفاعل · actor page ←", "actor-link");
        link.href = a.href;
        card.appendChild(link);
      }
      panel.appendChild(card);
    });
  }

  document.addEventListener("click", function (ev) {
    var t = ev.target.closest ? ev.target.closest(".a") : null;
    if (t) show(t);
  });
  document.addEventListener("keydown", function (ev) {
    if ((ev.key === "Enter" || ev.key === " ") && ev.target.classList &&
        ev.target.classList.contains("a")) { ev.preventDefault(); show(ev.target); }
  });
})();
