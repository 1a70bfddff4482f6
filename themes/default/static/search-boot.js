/* Loads search.js when it is needed: at once on the search page, and on
   other pages when the header box is first used (focus, a pointer, or the
   / and Ctrl+K keys that focus it). A page opened from a shared folder
   reads its scripts again on every visit; most visits never search. The
   script element names search.js, with its version, in data-search.
   Every page loads this script, so it also marks the terms a search
   result was opened for, and the part being read in the contents beside
   a page or a role handbook. */
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
  // On a wide screen the contents of a page or a role handbook stay beside
  // the text (position: sticky): there they mark the part being read, the
  // last whose heading has reached the top of the window (its upper 120
  // pixels, or quarter), and keep it in view when the contents are taller
  // than the window.
  function contentsSpy() {
    var toc = d.querySelector('article > nav.toc');
    if (!toc || !window.requestAnimationFrame) return;
    var links = [].slice.call(toc.querySelectorAll('a[href^="#"]')), parts = [];
    links.forEach(function (a) {
      var el = d.getElementById(decodeURIComponent(a.getAttribute('href').slice(1)));
      if (el) parts.push({ a: a, el: el });
    });
    if (!parts.length) return;
    var current = null, queued = false;
    function mark() {
      queued = false;
      var sticky = getComputedStyle(toc).position === 'sticky', at = null;
      if (sticky) {
        var line = Math.min(window.innerHeight / 4, 120);
        for (var i = 0; i < parts.length; i++) {
          if (parts[i].el.getBoundingClientRect().top <= line) at = parts[i]; else break;
        }
      }
      if (at === current) return;
      if (current) current.a.removeAttribute('aria-current');
      current = at;
      if (!at) return;
      at.a.setAttribute('aria-current', 'location');
      var t = toc.getBoundingClientRect(), r = at.a.getBoundingClientRect();
      if (r.top < t.top || r.bottom > t.bottom) toc.scrollTop += r.top - t.top - t.height / 2;
    }
    function queue() { if (!queued) { queued = true; requestAnimationFrame(mark); } }
    window.addEventListener('scroll', queue, { passive: true });
    window.addEventListener('resize', queue);
    mark();
  }
  // A search result's link carries the query's terms in ?hl=, as the
  // search folds them: the page marks them in its main text, the longest
  // at each place, as the result's snippet did, so that the reader finds
  // them in the section the link opens at.
  function fold(s) {
    var o = '';
    for (var i = 0; i < s.length; i++) {
      var c = s[i], n = s.charCodeAt(i);
      if (n >= 0xFF01 && n <= 0xFF5E) c = String.fromCharCode(n - 0xFEE0);
      else if (n === 0x3000) c = ' ';
      var l = c.toLowerCase();
      o += l.length === c.length ? l : c;
    }
    return o;
  }
  function highlight() {
    var m = /[?&]hl=([^&#]*)/.exec(location.search), needles;
    if (!m || !d.createTreeWalker) return;
    try { needles = decodeURIComponent(m[1].replace(/\+/g, ' ')).split(' '); } catch (e) { return; }
    needles = needles.filter(Boolean).map(fold).sort(function (a, b) { return b.length - a.length; }).slice(0, 40);
    if (!needles.length) return;
    var main = d.querySelector('main') || d.body, walk = d.createTreeWalker(main, 4 /* text */), nodes = [], n, marked = 0;
    while ((n = walk.nextNode())) {
      if (n.nodeValue.trim() && !/^(SCRIPT|STYLE|MARK|TEXTAREA|NOSCRIPT)$/.test(n.parentNode.nodeName)) nodes.push(n);
    }
    nodes.forEach(function (node) {
      var t = node.nodeValue, f = fold(t), frag = null, i = 0, last = 0;
      if (f.length !== t.length || marked >= 500) return;
      while (i < f.length) {
        var len = 0;
        for (var j = 0; j < needles.length && !len; j++) if (f.substr(i, needles[j].length) === needles[j]) len = needles[j].length;
        if (!len) { i++; continue; }
        frag = frag || d.createDocumentFragment();
        if (i > last) frag.appendChild(d.createTextNode(t.slice(last, i)));
        var mark = d.createElement('mark');
        mark.className = 'search-hl';
        mark.textContent = t.slice(i, i + len);
        frag.appendChild(mark);
        marked++;
        last = i += len;
      }
      if (!frag) return;
      if (last < t.length) frag.appendChild(d.createTextNode(t.slice(last)));
      node.parentNode.replaceChild(frag, node);
    });
  }
  function init() {
    placeholders();
    highlight();
    contentsSpy();
    if (d.getElementById('search-page')) return load();
    var box = d.getElementById('site-search-input');
    if (!box) return;
    ['focus', 'pointerdown', 'input'].forEach(function (ev) { box.addEventListener(ev, load); });
    if (d.activeElement === box) load();
  }
  if (d.readyState === 'loading') d.addEventListener('DOMContentLoaded', init); else init();
})();
