// jlab serve's dashboard: how many students passed each lab, over time (uPlot, a step line per lab).
// Loaded as a file: the pages' Content-Security-Policy allows no inline script.
(function () {
  var el = document.getElementById("progress-chart");
  if (!el || typeof uPlot === "undefined") return;
  fetch(el.dataset.source, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
    .then(function (r) { return r.json(); })
    .then(function (d) {
      if (d.x.length === 0) { el.textContent = "No lab passed yet."; return; }
      var x = d.x.concat([d.now]);
      var data = [x];
      var series = [{}];
      var colours = ["#1b6ca8", "#c0392b", "#27ae60", "#8e44ad", "#d35400", "#16a085", "#2c3e50", "#f39c12"];
      d.labs.forEach(function (lab, i) {
        var ys = d.series[i];
        data.push(ys.concat([ys[ys.length - 1]]));
        series.push({label: lab, stroke: colours[i % colours.length], width: 2, paths: uPlot.paths.stepped({align: 1})});
      });
      new uPlot({width: Math.min(900, el.clientWidth || 900), height: 300, series: series,
                 scales: {y: {range: [0, Math.max(1, d.students)]}}}, data, el);
    });
})();
