// Live reload for the handbook dev server: reloads the page after a good
// build and shows build errors in an overlay, as text. The page the server
// shows while no build has succeeded (data-hb-nosite) reloads into the site
// as soon as there is one.
(function () {
  "use strict";
  var overlay = null;
  var nosite = document.documentElement.hasAttribute("data-hb-nosite");
  var en = document.documentElement.lang === "en";
  function show(msg) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "hb-dev-overlay";
      overlay.setAttribute("role", "alert");
      document.body.appendChild(overlay);
    }
    overlay.textContent = "";
    var t = document.createElement("strong");
    t.textContent = nosite
      ? (en ? "Build failed; there is no site to show yet. Save the fixed file and the page reloads."
            : "生成失败，还没有可以显示的版本。保存修正后的文件，页面会自动刷新。")
      : (en ? "Build failed; showing the last good site. Save the fixed file and the page reloads."
            : "生成失败，仍在显示上次成功的版本。保存修正后的文件，页面会自动刷新。");
    overlay.appendChild(t);
    overlay.appendChild(document.createTextNode(msg));
  }
  function hide() { if (overlay) { overlay.remove(); overlay = null; } }
  var gen = -1;
  var es = new EventSource("/__handbook/events");
  es.onmessage = function (e) {
    var ev = JSON.parse(e.data);
    if (ev.type === "error") { show(ev.error); gen = ev.gen; return; }
    if (ev.type === "reload" || (ev.type === "ok" && (nosite || (gen >= 0 && ev.gen !== gen)))) { location.reload(); return; }
    if (ev.type === "ok") { gen = ev.gen; hide(); }
  };
  window.__hbLive = es;
})();
