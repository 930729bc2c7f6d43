/* The big screen: 1920x1080 scaled to the display, its charts drawn with ECharts (from our own
   static files) and its figures fetched again every few seconds as JSON from the same link. */
(function () {
  "use strict";
  var stage = document.getElementById("stage");
  var charts = {};

  function fit() {
    var scale = Math.min(window.innerWidth / 1920, window.innerHeight / 1080);
    stage.style.transform = "scale(" + scale + ")";
  }

  // The district's time, whatever the clock of the machine driving the screen is set to.
  var clock = new Intl.DateTimeFormat("zh-CN", {
    timeZone: stage.getAttribute("data-tz") || undefined, hour12: false,
    year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit"
  });

  function tick() {
    document.getElementById("clock").textContent = clock.format(new Date()).replace(/\//g, "-");
  }

  function option(spec) {
    var line = spec.type === "line";
    return {
      animation: false,
      backgroundColor: "transparent",
      textStyle: { color: "#cfe3ff", fontSize: 18 },
      grid: { left: 70, right: 20, top: 20, bottom: 50 },
      tooltip: { trigger: line ? "axis" : "item" },
      xAxis: { type: "category", data: spec.x, axisLabel: { color: "#cfe3ff", fontSize: 16, interval: 0, rotate: spec.x.length > 6 ? 25 : 0 }, axisLine: { lineStyle: { color: "#3b5b8c" } } },
      yAxis: { type: "value", axisLabel: { color: "#cfe3ff", fontSize: 16 }, splitLine: { lineStyle: { color: "#1d3557" } } },
      series: [{ type: spec.type, data: spec.data, smooth: line, symbolSize: 10, lineStyle: { width: 4 }, barMaxWidth: 40,
        itemStyle: { color: line ? "#ffd166" : "#4cc9f0" }, areaStyle: line ? { color: "rgba(255,209,102,.15)" } : undefined }]
    };
  }

  function draw(data) {
    data.charts.forEach(function (spec) {
      var box = document.querySelector('.screen-chart[data-chart="' + spec.id + '"] .body');
      if (!box || !window.echarts) return;
      if (!charts[spec.id]) charts[spec.id] = window.echarts.init(box, null, { renderer: "svg" });
      charts[spec.id].setOption(option(spec), true);
    });
  }

  function update(data) {
    data.tiles.forEach(function (t) {
      var tile = document.querySelector('.big[data-key="' + t.key + '"] .value');
      if (tile) tile.textContent = t.value;
    });
    data.streets.forEach(function (s) {
      var cell = document.querySelector('.street[data-name="' + s.name + '"]');
      if (!cell) return;
      cell.className = "street level-" + s.level;
      cell.querySelector(".members").textContent = s.members;
      cell.querySelector(".rate").textContent = cell.querySelector(".rate").textContent.split(" ")[0] + " " + s.rate;
    });
    if (data.computed_at) {
      var computed = document.getElementById("computed");
      computed.textContent = computed.textContent.replace(/\d{4}-\d\d-\d\d \d\d:\d\d/, data.computed_at);
    }
    draw(data);
  }

  function refresh() {
    var url = window.location.pathname + "?data=1";
    fetch(url, { headers: { Accept: "application/json" }, credentials: "omit" })
      .then(function (r) { if (!r.ok) { window.location.reload(); throw new Error(String(r.status)); } return r.json(); })
      .then(update)
      .catch(function () { /* the next round tries again */ });
  }

  fit();
  tick();
  window.addEventListener("resize", fit);
  setInterval(tick, 1000);
  document.addEventListener("DOMContentLoaded", function () {
    draw(JSON.parse(document.getElementById("screen-data").textContent));
    setInterval(refresh, Number(stage.getAttribute("data-refresh") || 60) * 1000);
  });
})();
