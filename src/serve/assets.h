// The files `vnreform serve` sends besides its pages, compiled into the
// binary so that the pages work offline: Chart.js from Debian's
// libjs-chart.js (generated/chart_js.cc, written by CMake), the script that
// draws a page's charts from its data, and the style sheet.
#ifndef VNREFORM_SERVE_ASSETS_H_
#define VNREFORM_SERVE_ASSETS_H_

#include <string_view>

namespace vnreform {

std::string_view ChartJs();   // /static/chart.js
std::string_view AppJs();     // /static/app.js
std::string_view StyleCss();  // /static/style.css

}  // namespace vnreform

#endif  // VNREFORM_SERVE_ASSETS_H_
