// A field the browser finds invalid gets its message in the page, beside the field and in the
// page's language, instead of the browser's tooltip. The server checks the same rules again.
(function () {
  "use strict";
  function message(field) {
    const text = document.body.dataset;
    const v = field.validity;
    if (v.valueMissing) return field.tagName === "SELECT" || field.type === "radio" ? text.msgChoose : text.msgRequired;
    if (v.rangeUnderflow || v.rangeOverflow || v.stepMismatch) return text.msgRange;
    if (v.tooLong) return text.msgLong;
    return text.msgFormat;
  }
  function slot(field) {
    const box = field.closest(".field") || field.parentElement;
    let note = box.querySelector(".field-error");
    if (!note) {
      note = document.createElement("span");
      note.className = "field-error";
      note.setAttribute("role", "alert");
      field.insertAdjacentElement("afterend", note);
    }
    return note;
  }
  document.addEventListener("invalid", function (event) {
    const field = event.target;
    event.preventDefault();
    slot(field).textContent = message(field);
    field.setAttribute("aria-invalid", "true");
    const form = field.form;
    if (form && form.querySelector(":invalid") === field) field.focus();
  }, true);
  document.addEventListener("input", function (event) {
    const field = event.target;
    if (field.getAttribute && field.getAttribute("aria-invalid") === "true" && field.checkValidity()) {
      field.removeAttribute("aria-invalid");
      const box = field.closest(".field") || field.parentElement;
      const note = box && box.querySelector(".field-error");
      if (note) note.textContent = "";
    }
  }, true);
})();

// Behaviour the pages ask for with data attributes instead of inline handlers, which the
// Content-Security-Policy forbids: print, select on focus, confirm before submit, go back.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    const link = event.target.closest && event.target.closest("[data-print], [data-back]");
    if (!link) return;
    event.preventDefault();
    if (link.hasAttribute("data-print")) window.print();
    else history.back();
  });
  document.addEventListener("focusin", function (event) {
    if (event.target.hasAttribute && event.target.hasAttribute("data-select-on-focus")) event.target.select();
  });
  document.addEventListener("submit", function (event) {
    const form = event.target;
    if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) event.preventDefault();
  }, true);
})();

// Scanning a member's QR with the phone camera where the browser has BarcodeDetector (the
// cashier's counter, a care delivery site): the button shows only where scanning works;
// otherwise the code under the QR is typed. A found code fills `input` and submits `form`.
window.gonghuiScanQr = function (button, video, input, form, onFail) {
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices) return;
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
    } catch (e) {
      stop();
      if (onFail) onFail();
    }
  });
};
