// At a delivery site: scan the member's QR with the phone camera where the browser has
// BarcodeDetector (otherwise the cadre types the short code), and a signature pad for workers
// without a phone.
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
  if (button && video && input && form && "BarcodeDetector" in window && navigator.mediaDevices) {
    button.hidden = false;
    let stream = null;
    const stop = function () {
      if (stream) stream.getTracks().forEach((t) => t.stop());
      stream = null;
      video.hidden = true;
    };
    button.addEventListener("click", async function () {
      if (stream) { stop(); return; }
      try {
        const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
        video.srcObject = stream;
        video.hidden = false;
        await video.play();
        const started = Date.now();
        const tick = async function () {
          if (!stream) return;
          const codes = await detector.detect(video).catch(() => []);
          if (codes.length) { input.value = codes[0].rawValue; stop(); form.requestSubmit(); return; }
          if (Date.now() - started > 60000) { stop(); return; }
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      } catch (e) { stop(); }
    });
  }
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
