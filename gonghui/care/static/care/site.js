// At a delivery site: scan the member's QR with the phone camera (gonghui.js; otherwise the
// cadre types the short code), and a signature pad for workers without a phone.
(function () {
  const input = document.getElementById("site-code");
  const form = document.getElementById("site-verify-form");
  document.body.addEventListener("htmx:afterSwap", function () {
    // After a delivery or a refusal the code is cleared for the next person.
    if (input && (document.getElementById("site-done") || document.getElementById("site-error"))) {
      input.value = "";
      input.focus();
    }
  });
  const button = document.getElementById("site-scan-button");
  const video = document.getElementById("site-video");
  if (button && video && input && form) window.gonghuiScanQr(button, video, input, form);
  const pad = document.getElementById("sign-pad");
  const data = document.getElementById("sign-data");
  if (!pad || !data) return;
  const ctx = pad.getContext("2d");
  ctx.lineWidth = 2.5;
  ctx.lineCap = "round";
  let drawing = false, drawn = false;
  const at = function (e) {
    const r = pad.getBoundingClientRect();
    return [(e.clientX - r.left) * (pad.width / r.width), (e.clientY - r.top) * (pad.height / r.height)];
  };
  pad.addEventListener("pointerdown", function (e) { drawing = true; ctx.beginPath(); ctx.moveTo(...at(e)); });
  pad.addEventListener("pointermove", function (e) { if (drawing) { ctx.lineTo(...at(e)); ctx.stroke(); drawn = true; } });
  ["pointerup", "pointerleave"].forEach((n) => pad.addEventListener(n, function () { drawing = false; }));
  document.getElementById("sign-clear").addEventListener("click", function () {
    ctx.clearRect(0, 0, pad.width, pad.height); drawn = false; data.value = "";
  });
  document.getElementById("site-sign-form").addEventListener("submit", function () {
    data.value = drawn ? pad.toDataURL("image/png") : "";
  });
})();
