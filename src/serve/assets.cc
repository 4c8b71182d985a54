// The page script and style sheet of vnreform serve (assets.h). The script
// reads each chart's data from the page's JSON block (never from markup)
// and draws it with Chart.js; window.vnreformCharts lists the charts drawn,
// for the browser test. Tested by tests/serve_browser_test.py.
#include "serve/assets.h"

namespace vnreform {

std::string_view AppJs() {
  return R"js("use strict";
window.vnreformCharts = [];
document.addEventListener("DOMContentLoaded", function () {
  var data = document.getElementById("chart-data");
  if (!data || typeof Chart === "undefined") return;
  var charts = JSON.parse(data.textContent);
  var palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
                 "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];
  charts.forEach(function (c) {
    var canvas = document.getElementById(c.id);
    if (!canvas) return;
    var datasets = c.series.map(function (s, i) {
      return {label: s.label, data: s.values, spanGaps: true,
              borderColor: palette[i % palette.length],
              backgroundColor: palette[i % palette.length]};
    });
    var chart = new Chart(canvas, {
      type: c.type || "line",
      data: {labels: c.labels, datasets: datasets},
      options: {animation: false, responsive: true, maintainAspectRatio: false,
                scales: {y: {reverse: !!c.reverse_y, title: {display: !!c.y_label, text: c.y_label || ""}}},
                plugins: {legend: {display: datasets.length > 1 && datasets.length <= 20}}}
    });
    window.vnreformCharts.push(chart);
  });
});
)js";
}

std::string_view StyleCss() {
  return R"css(body { font-family: system-ui, sans-serif; margin: 0; color: #222; }
header { background: #123; color: #fff; padding: .5em 1em; display: flex; gap: 1em; align-items: center; flex-wrap: wrap; }
header a { color: #fff; text-decoration: none; font-weight: 600; }
header form { margin-left: auto; }
header input[type=search] { width: 18em; padding: .2em; }
main { padding: 0 1em 2em; }
.layout { display: flex; gap: 1.5em; align-items: flex-start; }
.facets { min-width: 12em; max-width: 16em; font-size: .9em; }
.facets h3 { margin: .8em 0 .2em; font-size: 1em; }
.facets ul { list-style: none; padding: 0; margin: 0; }
.facets li.selected a { font-weight: 700; }
.content { flex: 1; min-width: 0; }
table { border-collapse: collapse; margin: .5em 0 1.5em; font-size: .9em; }
th, td { border: 1px solid #ccc; padding: .25em .5em; vertical-align: top; text-align: left; }
th { background: #eef; position: sticky; top: 0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
mark { background: #ffe066; }
dl.meta { display: grid; grid-template-columns: max-content auto; gap: .2em 1em; }
dl.meta dt { font-weight: 600; }
.chart { position: relative; height: 360px; max-width: 60em; }
.text { white-space: pre-wrap; max-width: 60em; line-height: 1.5; }
.note { color: #666; font-size: .9em; }
footer { border-top: 1px solid #ccc; padding: .5em 1em; font-size: .8em; color: #555; }
.status-conflict, .check-fail { color: #b00; font-weight: 600; }
)css";
}

}  // namespace vnreform
