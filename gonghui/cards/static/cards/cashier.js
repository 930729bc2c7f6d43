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
  window.gonghuiScanQr(button, video, input, form, function () {
    document.getElementById("cashier-scan-hint").textContent = "无法打开摄像头，请输入会员码下方的短码。";
  });
})();
