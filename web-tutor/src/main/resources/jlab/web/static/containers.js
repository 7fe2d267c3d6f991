// The live view: every second, GET /api/containers (the list) and, for each running container,
// GET /api/containers/NAME/stats (its cgroup's memory now and CPU % since the last poll), drawn with
// uPlot: one chart per container, the last 60 seconds. Everything is written with textContent.
(function () {
  "use strict";
  var root = document.getElementById("containers");
  if (!root) return;
  var WINDOW = 60;
  var charts = {}; // name -> {plot, data: [times, memMiB, cpu]}
  var unlimited = root.dataset.unlimited;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function getJson(url) {
    return fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; });
  }

  function limit(v, unit, scale) {
    return v === null || v === undefined ? unlimited : (scale ? (v / scale).toFixed(1) : v) + (unit || "");
  }

  function renderTable(list) {
    document.getElementById("no-containers").hidden = list.length > 0;
    var table = document.getElementById("container-table");
    table.hidden = list.length === 0;
    var body = table.querySelector("tbody");
    body.textContent = "";
    list.forEach(function (c) {
      var tr = el("tr", "container");
      tr.dataset.name = c.name;
      [c.name, c.state, String(c.pid), c.image].forEach(function (v) { tr.appendChild(el("td", null, v)); });
      var ns = el("ul", "namespaces");
      c.namespaces.forEach(function (n) {
        ns.appendChild(el("li", n.differs ? "differs" : "same", n.kind + ": " + n.container + (n.differs ? " ≠ " + n.host : "")));
      });
      tr.appendChild(el("td")).appendChild(ns);
      tr.appendChild(el("td", null, root.dataset.memory + ": " + limit(c.limits.memoryBytes, " MiB", 1048576)
        + " · " + root.dataset.cpu + ": " + limit(c.limits.cpus) + " · " + root.dataset.pids + ": " + limit(c.limits.pids)));
      body.appendChild(tr);
    });
  }

  function chartFor(name) {
    if (charts[name]) return charts[name];
    var box = el("section", "chart");
    box.dataset.name = name;
    box.appendChild(el("h2", null, name + " — " + root.dataset.chart));
    document.getElementById("charts").appendChild(box);
    var data = [[], [], []];
    var plot = new uPlot({
      width: Math.min(900, root.clientWidth || 900), height: 220,
      series: [{}, { label: "MiB", stroke: "#0b6bcb", scale: "mem" }, { label: "CPU %", stroke: "#cf222e", scale: "cpu" }],
      axes: [{}, { scale: "mem", label: "MiB" }, { scale: "cpu", side: 1, label: "CPU %", grid: { show: false } }],
      scales: { cpu: { range: [0, 100] } }
    }, data, box);
    charts[name] = { plot: plot, data: data, box: box };
    return charts[name];
  }

  function poll() {
    getJson("/api/containers").then(function (body) {
      if (!body) return;
      renderTable(body.containers);
      var live = {};
      body.containers.forEach(function (c) {
        live[c.name] = true;
        getJson("/api/containers/" + encodeURIComponent(c.name) + "/stats").then(function (s) {
          if (!s) return;
          var ch = chartFor(c.name);
          ch.data[0].push(s.time / 1000);
          ch.data[1].push(s.memoryBytes / 1048576);
          ch.data[2].push(s.cpuPercent);
          if (ch.data[0].length > WINDOW) ch.data.forEach(function (a) { a.shift(); });
          ch.plot.setData(ch.data);
        });
      });
      Object.keys(charts).forEach(function (name) {
        if (!live[name]) { charts[name].plot.destroy(); charts[name].box.remove(); delete charts[name]; }
      });
    }).catch(function () { /* the tutor stopped: the page keeps its last picture */ });
  }

  poll();
  setInterval(poll, 1000);
})();
