// Live reload for the handbook dev server: reloads the page after a good
// build and shows build errors in an overlay, as text, and the warnings of
// a good build in a note that can be closed. The page the server shows
// while no build has succeeded (data-hb-nosite) reloads into the site as
// soon as there is one.
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
  var note = null;
  function warn(list) {
    if (note) { note.remove(); note = null; }
    if (!list || !list.length) return;
    note = document.createElement("div");
    note.id = "hb-dev-warnings";
    note.setAttribute("role", "status");
    note.style.cssText = "position:fixed;left:1rem;bottom:1rem;max-width:min(46rem,calc(100% - 2rem));max-height:40vh;overflow:auto;z-index:9998;" +
      "background:#fff8c5;color:#3b2300;border:2px solid #d29922;border-radius:8px;padding:.7rem 2.4rem .7rem 1rem;" +
      "font:14px/1.6 ui-monospace,monospace;white-space:pre-wrap";
    var t = document.createElement("strong");
    t.style.cssText = "display:block;font:600 1rem/1.6 system-ui,sans-serif";
    t.textContent = en ? "Built, with " + list.length + " warning(s): the site is shown, but these need a look."
                       : "网站已生成，但有 " + list.length + " 处需要注意：";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "×";
    close.setAttribute("aria-label", en ? "Close" : "关闭");
    close.style.cssText = "position:absolute;top:.3rem;right:.4rem;border:0;background:none;font:1.4rem/1 system-ui,sans-serif;color:inherit;cursor:pointer";
    close.onclick = function () { warn(null); };
    note.appendChild(close);
    note.appendChild(t);
    note.appendChild(document.createTextNode(list.join("\n")));
    document.body.appendChild(note);
  }
  var gen = -1;
  var es = new EventSource("/__handbook/events");
  es.onmessage = function (e) {
    var ev = JSON.parse(e.data);
    if (ev.type === "error") { show(ev.error); gen = ev.gen; return; }
    if (ev.type === "reload" || (ev.type === "ok" && (nosite || (gen >= 0 && ev.gen !== gen)))) { location.reload(); return; }
    if (ev.type === "ok") { gen = ev.gen; hide(); warn(ev.warnings); }
  };
  window.__hbLive = es;
})();
