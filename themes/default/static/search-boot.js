/* Loads search.js when it is needed: at once on the search page, and on
   other pages when the header box is first used (focus, a pointer, or the
   / and Ctrl+K keys that focus it). A page opened from a shared folder
   reads its scripts again on every visit; most visits never search. The
   script element names search.js, with its version, in data-search. */
(function () {
  'use strict';
  var d = document, me = d.currentScript, loaded;
  function load() {
    if (loaded || !me) return;
    loaded = true;
    var s = d.createElement('script');
    s.src = me.getAttribute('data-search') || me.src.replace(/search-boot\.js([?#].*)?$/, 'search.js');
    d.head.appendChild(s);
  }
  // "/" or Ctrl+K (⌘K) focuses the search box, unless typing elsewhere;
  // the search page's own box comes first.
  d.addEventListener('keydown', function (e) {
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    if ((e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey) || ((e.ctrlKey || e.metaKey) && (e.key === 'k' || e.key === 'K'))) {
      var box = d.getElementById('search-page-input') || d.getElementById('site-search-input');
      if (box) { e.preventDefault(); box.focus(); box.select(); }
    }
  });
  // The placeholder names the / key only where there is likely a keyboard:
  // a mouse (a fine pointer that hovers), not a phone's touch screen. The
  // header box carries both texts; the search page's box shows the same.
  function placeholders() {
    var head = d.getElementById('site-search-input');
    var keys = head && head.getAttribute('data-placeholder-keys');
    if (!keys || !window.matchMedia) return;
    var plain = head.placeholder, mouse = matchMedia('(hover: hover) and (pointer: fine)');
    var boxes = [head, d.getElementById('search-page-input')].filter(function (b) { return b && b.placeholder === plain; });
    function show() { boxes.forEach(function (b) { b.placeholder = mouse.matches ? keys : plain; }); }
    show();
    if (mouse.addEventListener) mouse.addEventListener('change', show);
  }
  function init() {
    placeholders();
    if (d.getElementById('search-page')) return load();
    var box = d.getElementById('site-search-input');
    if (!box) return;
    ['focus', 'pointerdown', 'input'].forEach(function (ev) { box.addEventListener(ev, load); });
    if (d.activeElement === box) load();
  }
  if (d.readyState === 'loading') d.addEventListener('DOMContentLoaded', init); else init();
})();
