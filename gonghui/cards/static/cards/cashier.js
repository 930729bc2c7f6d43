// Scan the member's QR with the phone camera where the browser has BarcodeDetector;
// otherwise the cashier types the short code printed under the QR.
(function () {
  const button = document.getElementById("cashier-scan-button");
  const video = document.getElementById("cashier-video");
  const input = document.getElementById("cashier-code");
  const form = document.getElementById("cashier-verify-form");
  if (!button || !video || !input || !form) return;
  // After a sale the used code is cleared, whether it was scanned or typed.
  document.body.addEventListener("htmx:afterSwap", function () {
    if (document.getElementById("cashier-sale-done")) { input.value = ""; }
  });
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  button.hidden = false;
  let stream = null;
  function stop() {
    if (stream) stream.getTracks().forEach((t) => t.stop());
    stream = null;
    video.hidden = true;
  }
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
        if (codes.length) {
          input.value = codes[0].rawValue;
          stop();
          form.requestSubmit();
          return;
        }
        if (Date.now() - started > 60000) { stop(); return; }
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    } catch (e) {
      stop();
      document.getElementById("cashier-scan-hint").textContent = "无法打开摄像头，请输入会员码下方的短码。";
    }
  });
})();
