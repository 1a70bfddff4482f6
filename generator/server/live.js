// Live reload for the handbook dev server: reloads the page after a good
// build and shows build errors in an overlay, as text.
(function () {
  "use strict";
  var overlay = null;
  function show(msg) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "hb-dev-overlay";
      overlay.setAttribute("role", "alert");
      document.body.appendChild(overlay);
    }
    overlay.textContent = "";
    var t = document.createElement("strong");
    t.textContent = document.documentElement.lang === "en"
      ? "Build failed; showing the last good site. Save the fixed file and the page reloads."
      : "构建失败,仍在显示上次成功的版本。保存修正后的文件,页面会自动刷新。";
    overlay.appendChild(t);
    overlay.appendChild(document.createTextNode(msg));
  }
  function hide() { if (overlay) { overlay.remove(); overlay = null; } }
  var gen = -1;
  var es = new EventSource("/__handbook/events");
  es.onmessage = function (e) {
    var ev = JSON.parse(e.data);
    if (ev.type === "error") { show(ev.error); gen = ev.gen; return; }
    if (ev.type === "reload" || (ev.type === "ok" && gen >= 0 && ev.gen !== gen)) { location.reload(); return; }
    if (ev.type === "ok") { gen = ev.gen; hide(); }
  };
  window.__hbLive = es;
})();
