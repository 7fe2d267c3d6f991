// The lab page's buttons: Start, Check, Reset. Each POSTs to /api/labs/ID/ACTION with the page's CSRF
// token (meta csrf-token) in the X-CSRF-Token header; while one runs, every button is disabled and says
// so, so a check cannot be fired twice. Results are written with textContent only: what a check saw on
// the host (a hostname, a path) is never taken for HTML.
(function () {
  "use strict";
  var lab = document.getElementById("lab");
  if (!lab) return;
  var id = lab.dataset.lab;
  var words = JSON.parse(lab.dataset.words);
  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";
  var buttons = Array.prototype.slice.call(document.querySelectorAll("button[data-action]"));
  var status = document.getElementById("action-status");

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function busy(on) {
    buttons.forEach(function (b) { b.disabled = on; b.setAttribute("aria-busy", on ? "true" : "false"); });
    lab.classList.toggle("busy", on);
  }

  function post(action) {
    return fetch("/api/labs/" + encodeURIComponent(id) + "/" + action + "?lang=" + lab.dataset.lang, {
      method: "POST", credentials: "same-origin",
      headers: { "X-CSRF-Token": csrf, "Accept": "application/json" }
    }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error(body.error || ("HTTP " + r.status));
        return body;
      });
    });
  }

  function showResult(result) {
    var panel = document.getElementById("results");
    panel.textContent = "";
    panel.dataset.score = result.score;
    panel.dataset.max = result.max_score;
    panel.appendChild(el("p", "score", result.score + " / " + result.max_score + " " + words.points));
    result.tests.forEach(function (t) {
      var box = el("div", "check status-" + t.result);
      box.dataset.status = t.result;
      box.dataset.check = t.id;
      var head = el("h3");
      head.appendChild(el("span", "status-word", words[t.result] || t.result));
      head.appendChild(document.createTextNode(" " + t.name + " "));
      head.appendChild(el("span", "points", t.score + " / " + t.max_score + " " + words.points));
      box.appendChild(head);
      box.appendChild(el("p", "message", t.message[lab.dataset.lang] || t.message.en));
      if (t.evidence.length) {
        var table = el("table", "evidence");
        var hr = el("tr");
        [words.where, words.observed, words.expected].forEach(function (w) { hr.appendChild(el("th", null, w)); });
        table.appendChild(hr);
        t.evidence.forEach(function (e) {
          var tr = el("tr");
          tr.appendChild(el("td", null)).appendChild(el("code", null, e.where));
          tr.appendChild(el("td", "observed", e.observed));
          tr.appendChild(el("td", "expected", e.expected || ""));
          table.appendChild(tr);
        });
        box.appendChild(table);
      }
      if (t.hints.length) {
        var ul = el("ul", "hints");
        t.hints.forEach(function (h) { ul.appendChild(el("li", null, h[lab.dataset.lang] || h.en)); });
        box.appendChild(ul);
      }
      panel.appendChild(box);
    });
  }

  function refreshHistory() {
    return fetch("/api/labs/" + encodeURIComponent(id) + "/attempts", { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (h) {
        var body = document.querySelector("#history tbody");
        body.textContent = "";
        h.attempts.forEach(function (a) {
          var tr = el("tr", "attempt");
          tr.appendChild(el("td", null, a.time.replace("T", " ").replace(/\..*/, "")));
          tr.appendChild(el("td", null, a.score + " / " + a.max));
          var td = el("td");
          Object.keys(a.statuses).forEach(function (check, i) {
            if (i) td.appendChild(document.createTextNode(" · "));
            var s = el("span", "status-" + a.statuses[check], check + ": " + (words[a.statuses[check]] || a.statuses[check]));
            s.dataset.status = a.statuses[check];
            td.appendChild(s);
          });
          tr.appendChild(td);
          body.appendChild(tr);
        });
        var p = h.progress;
        var progress = document.getElementById("progress");
        if (p) {
          progress.textContent = "";
          var span = el("span", "progress" + (p.best >= p.max && p.max > 0 ? " passed" : ""),
            words.best + " " + p.best + " / " + p.max + " · " + words.last + " " + p.last.time.replace("T", " ").replace(/\..*/, ""));
          span.dataset.best = p.best;
          span.dataset.max = p.max;
          progress.appendChild(span);
        }
      });
  }

  buttons.forEach(function (b) {
    b.addEventListener("click", function () {
      if (lab.classList.contains("busy")) return;
      var action = b.dataset.action;
      busy(true);
      status.textContent = words.working;
      post(action).then(function (body) {
        if (action === "check") {
          showResult(body);
          status.textContent = "";
          return refreshHistory();
        }
        status.textContent = body.done.length ? body.done.join(" · ") : "ok";
      }).catch(function (e) {
        status.textContent = e.message;
        status.classList.add("status-error");
      }).then(function () { busy(false); });
    });
  });
})();
