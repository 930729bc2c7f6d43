// "按距离排序": the member's position sorts the stations, sent once and never stored.
(function () {
  "use strict";
  const button = document.getElementById("near-me");
  if (!button) return;
  button.addEventListener("click", function () {
    const note = document.getElementById("locate-note"), form = document.getElementById("locator");
    if (!navigator.geolocation) { note.textContent = note.dataset.unsupported; return; }
    navigator.geolocation.getCurrentPosition(function (p) {
      form.lat.value = p.coords.latitude.toFixed(6); form.lng.value = p.coords.longitude.toFixed(6); form.submit();
    }, function () { note.textContent = note.dataset.failed; });
  });
})();
