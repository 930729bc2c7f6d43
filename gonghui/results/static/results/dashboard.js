/* Dashboards: draws the charts described in #dash-data with Apache ECharts (served from our
   own static files). Each chart has choices (a figure to show) and each series the URL a click
   opens, "__X__" standing for the clicked category's key and "__N__" for its node's id. */
(function () {
  "use strict";

  var COLORS = ["#c8161d", "#2f6fbf", "#f0a020", "#3a9a5b", "#8a4fbf", "#d9534f", "#17a2b8", "#795548"];

  function format(value, unit) {
    if (value === null || value === undefined || isNaN(value)) return "—";
    if (unit === "rate") return (value * 100).toFixed(1) + "%";
    if (unit === "yuan") {
      return "¥" + Number(value).toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }
    return Number(value).toLocaleString("zh-CN", { maximumFractionDigits: 1 });
  }

  function axisFormat(unit) {
    return function (value) {
      if (unit === "rate") return Math.round(value * 100) + "%";
      if (Math.abs(value) >= 10000) return (value / 10000).toLocaleString("zh-CN", { maximumFractionDigits: 1 }) + "万";
      return value.toLocaleString("zh-CN");
    };
  }

  function option(spec, choice) {
    var horizontal = spec.horizontal;
    var line = spec.type === "line";
    var category = { type: "category", data: spec.x, axisLabel: { hideOverlap: true } };
    var value = { type: "value", axisLabel: { formatter: axisFormat(choice.unit) } };
    if (choice.unit === "rate") value.max = function (v) { return Math.max(1, v.max); };
    if (horizontal) category.inverse = true;
    var series = choice.series.map(function (s) {
      var out = {
        name: s.name, type: spec.type, data: s.data, cursor: s.url ? "pointer" : "default",
        emphasis: { focus: "series" }, symbolSize: 7, barMaxWidth: 28
      };
      if (choice.mark !== null && choice.mark !== undefined) {
        var at = {}; at[horizontal ? "xAxis" : "yAxis"] = choice.mark;
        out.markLine = { symbol: "none", silent: true, data: [at], label: { formatter: format(choice.mark, choice.unit) } };
      }
      return out;
    });
    return {
      color: COLORS,
      animation: false,
      grid: { left: horizontal ? 110 : 56, right: 24, top: choice.series.length > 1 ? 36 : 16, bottom: line ? 28 : 48 },
      legend: choice.series.length > 1 ? { type: "scroll", top: 0 } : undefined,
      tooltip: {
        trigger: line ? "axis" : "item",
        valueFormatter: function (v) { return format(v, choice.unit); }
      },
      xAxis: horizontal ? value : Object.assign(category, line ? {} : { axisLabel: { interval: 0, rotate: spec.x.length > 6 ? 30 : 0 } }),
      yAxis: horizontal ? category : value,
      series: series
    };
  }

  function urlFor(spec, choice, params) {
    var s = choice.series[params.seriesIndex];
    if (!s || !s.url || params.dataIndex === undefined) return "";
    var url = s.url.split("__X__").join(encodeURIComponent(spec.keys[params.dataIndex]));
    if (spec.nodes) url = url.split("__N__").join(spec.nodes[params.dataIndex]);
    return url;
  }

  function draw(box, spec) {
    box.textContent = "";
    var head = document.createElement("div");
    head.className = "chart-head";
    var title = document.createElement("h3");
    title.textContent = spec.title;
    head.appendChild(title);
    var current = spec.choices[0];
    var select = null;
    if (spec.choices.length > 1) {
      select = document.createElement("select");
      select.setAttribute("aria-label", spec.title);
      spec.choices.forEach(function (c, i) {
        var o = document.createElement("option");
        o.value = String(i);
        o.textContent = c.name;
        select.appendChild(o);
      });
      head.appendChild(select);
    }
    var holder = document.createElement("div");
    holder.className = "chart-body";
    if (spec.horizontal) holder.style.height = Math.max(260, spec.x.length * 26 + 40) + "px";
    box.appendChild(head);
    box.appendChild(holder);
    if (!spec.x.length || !current) {  // nothing to draw yet (or at all)
      holder.className = "chart-body empty";
      holder.textContent = "—";
      return;
    }
    var chart = window.echarts.init(holder, null, { renderer: "svg" });
    chart.setOption(option(spec, current));
    chart.on("click", function (params) {
      var url = urlFor(spec, current, params);
      if (url) window.location.href = url;
    });
    if (select) {
      select.addEventListener("change", function () {
        current = spec.choices[Number(select.value)];
        chart.setOption(option(spec, current), true);
      });
    }
    box.chart = chart;
  }

  function drawAll() {
    var data = document.getElementById("dash-data");
    if (!data || !window.echarts) return;
    var specs = {};
    JSON.parse(data.textContent).forEach(function (s) { specs[s.id] = s; });
    document.querySelectorAll(".chart[data-chart]").forEach(function (box) {
      if (box.chart) return;
      var spec = specs[box.getAttribute("data-chart")];
      if (spec) draw(box, spec);
    });
  }

  function wirePicker() {
    document.querySelectorAll("select[data-go]").forEach(function (select) {
      if (select.wired) return;
      select.wired = true;
      select.insertBefore(new Option("—", "", true, true), select.firstChild);
      select.addEventListener("change", function () { if (select.value) window.location.href = select.value; });
    });
  }

  window.addEventListener("resize", function () {
    document.querySelectorAll(".chart").forEach(function (box) { if (box.chart) box.chart.resize(); });
  });
  document.addEventListener("DOMContentLoaded", function () { drawAll(); wirePicker(); });
  document.addEventListener("htmx:beforeSwap", function () {
    document.querySelectorAll(".chart").forEach(function (box) { if (box.chart) box.chart.dispose(); });
  });
  document.addEventListener("htmx:afterSettle", function () { drawAll(); wirePicker(); });
})();
