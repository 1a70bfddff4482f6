/*
 * quiz.js: the learner player, the trainer's presenter view and the printable
 * answer sheet and key of a handbook quiz. Plain script, no framework, no
 * network: it works from file:// as well as from a server.
 *
 * Page contract
 *   <div id="quiz" data-pass="80" data-time-limit="600" data-countdown="30"
 *        data-mode="play" data-i18n='{"submit":"…"}'></div>
 *   <script type="application/json" id="quiz-data">…Quiz.JSON…</script>
 *   <script src="…/quiz.js"></script>
 *
 *   data-pass        pass mark in percent (else the data's pass, else 60)
 *   data-time-limit  seconds for the whole quiz; 0 or absent: no limit
 *   data-countdown   presenter: seconds per question; the countdown starts on
 *                    when set, and can be toggled either way
 *   data-mode        play | present | sheet | key; ?mode=… in the URL wins
 *   data-i18n        JSON object of the UI strings: the theme's quiz.player.*
 *                    keys (themes/default/i18n/*.yaml)
 *
 * Safety: every text from the quiz data is inserted with textContent, never
 * as HTML; source links get an href only if it is not a script URL.
 *
 * Stable hooks, for tests and themes
 *   #quiz.quiz-mode-{play,present,sheet,key}   root and current mode
 *   .quiz-toolbar  #quiz-present  #quiz-sheet  #quiz-key  #quiz-reset
 *   #quiz-progress  #quiz-timer  #quiz-announce (polite live region)
 *   Play
 *     form.quiz-card > fieldset.quiz-question[data-id]  legend.quiz-prompt
 *     .quiz-situation  .quiz-hint
 *     .quiz-choice (label) > input[type=radio|checkbox]
 *     ol.quiz-order > li.quiz-order-item > .quiz-order-text, button.quiz-up, button.quiz-down
 *     .quiz-match-row > label + select
 *     .quiz-short input
 *     #quiz-submit  #quiz-next
 *     .quiz-feedback (role=status, aria-live) with .quiz-correct | .quiz-wrong,
 *       .quiz-correct-answer, .quiz-explanation, a.quiz-source
 *     .quiz-choice.quiz-is-correct / .quiz-is-wrong after an answer
 *   Results
 *     #quiz-result.quiz-pass|.quiz-fail  #quiz-score ("80%")  .quiz-verdict
 *     #quiz-review > .quiz-review-item   #quiz-retry-wrong  #quiz-restart
 *   Presenter (?mode=present)
 *     .quiz-slide[data-id]  .quiz-slide-choices  .quiz-answer (hidden until revealed)
 *     #quiz-prev  #quiz-reveal  #quiz-next  #quiz-countdown  #quiz-countdown-toggle
 *     #quiz-fullscreen  #quiz-exit-present
 *     .quiz-present-stage scrolls when a slide is taller than the window;
 *     the controls stay in view
 *     keys: → PageDown Space N next; ← PageUp P previous; R reveal;
 *           ↓ ↑ scroll the slide; C countdown on/off; F full screen;
 *           Home End; Esc leave
 *   Sheet and key (?mode=sheet, ?mode=key)
 *     .quiz-sheet  .quiz-sheet-fields  .quiz-sheet-question[data-id]
 *     .quiz-box (empty box)  .quiz-blank (line to write on)  .quiz-key-answer
 *     #quiz-print
 *
 * Progress of the player is kept in localStorage under
 * "handbook-quiz:" + the quiz path, so a learner resumes where they left.
 */
(function () {
  "use strict";

  var root = document.getElementById("quiz");
  if (!root) return;

  // ---- setup -------------------------------------------------------------

  // UI strings come from the theme (i18n/*.yaml, quiz.player.*) through
  // data-i18n; a missing one shows its key.
  var T = {};
  try {
    var custom = root.getAttribute("data-i18n");
    if (custom) copy(T, JSON.parse(custom));
  } catch (e) { /* keys stand in */ }

  var data;
  try {
    data = JSON.parse(document.getElementById("quiz-data").textContent);
  } catch (e) {
    data = null;
  }
  if (!data || !data.questions || !data.questions.length) {
    root.textContent = T.noData;
    return;
  }
  var questions = data.questions;
  var byID = {};
  questions.forEach(function (q) { byID[q.id] = q; });

  var pass = num(root.getAttribute("data-pass"), data.pass || 60);
  var timeLimit = num(root.getAttribute("data-time-limit"), data.timeLimit || 0);
  var countdownSecs = num(root.getAttribute("data-countdown"), data.countdown || 0);
  var storageKey = "handbook-quiz:" + (data.path || location.pathname);

  var params = new URLSearchParams(location.search);
  var mode = params.get("mode") || root.getAttribute("data-mode") || "play";
  if (["play", "present", "sheet", "key"].indexOf(mode) < 0) mode = "play";

  // ---- helpers -----------------------------------------------------------

  function copy(dst, src) {
    for (var k in src) if (Object.prototype.hasOwnProperty.call(src, k) && typeof src[k] === "string") dst[k] = src[k];
    return dst;
  }
  function num(s, dflt) {
    var n = parseInt(s, 10);
    return isNaN(n) ? dflt : n;
  }
  function fmt(s, vars) {
    return s.replace(/\{(\w+)\}/g, function (m, k) { return vars[k] !== undefined ? String(vars[k]) : m; });
  }
  // el builds an element: attributes (class, id, type, aria-*, …), or a
  // string of classes, then children (strings become text nodes, never
  // HTML). A button is type="button" unless its attributes say otherwise.
  function el(tag, attrs) {
    var e = document.createElement(tag);
    if (tag === "button") e.type = "button"; // not submit, unless attrs say so
    if (typeof attrs === "string") attrs = { "class": attrs };
    if (attrs) {
      for (var k in attrs) {
        if (attrs[k] === null || attrs[k] === undefined || attrs[k] === false) continue;
        if (k === "text") e.textContent = attrs[k];
        else if (k === "onclick") e.addEventListener("click", attrs[k]);
        else e.setAttribute(k, attrs[k] === true ? "" : attrs[k]);
      }
    }
    for (var i = 2; i < arguments.length; i++) add(e, arguments[i]);
    return e;
  }
  function add(parent, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { add(parent, c); }); return; }
    parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); }
  // paragraphs renders plain text: a blank line separates paragraphs, a
  // single newline is kept by white-space: pre-line in the CSS.
  function paragraphs(cls, text) {
    if (!text) return null;
    var box = el("div", cls);
    text.split(/\n{2,}/).forEach(function (p) { box.appendChild(el("p", { text: p })); });
    return box;
  }
  function safeURL(u) {
    return u && !/^\s*(javascript|data|vbscript):/i.test(u) ? u : null;
  }
  function sourceLink(q) {
    if (!q.source || !safeURL(q.source.url)) return null;
    return el("p", "quiz-source-line", T.source,
      el("a", { "class": "quiz-source", href: safeURL(q.source.url), text: q.source.text || q.source.url }));
  }
  function shuffle(n, rnd) {
    var a = [];
    for (var i = 0; i < n; i++) a.push(i);
    for (var j = n - 1; j > 0; j--) {
      var k = Math.floor(rnd() * (j + 1));
      var t = a[j]; a[j] = a[k]; a[k] = t;
    }
    return a;
  }
  function byNumber(a, b) { return a - b; }
  function isIdentity(p) {
    for (var i = 0; i < p.length; i++) if (p[i] !== i) return false;
    return true;
  }
  // seeded returns a deterministic random source for a string, so that the
  // printed sheet and its key list items in the same order.
  function seeded(s) {
    var h = 2166136261 >>> 0;
    for (var i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 16777619) >>> 0; }
    return function () {
      h = (h + 0x6D2B79F5) | 0;
      var t = Math.imul(h ^ (h >>> 15), 1 | h);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  // permutation shuffles n items; an order to put right must not start right.
  function permutation(q, n, rnd) {
    var p = shuffle(n, rnd);
    for (var tries = 0; q.type === "order" && n > 1 && isIdentity(p) && tries < 10; tries++) p = shuffle(n, rnd);
    if (q.type === "order" && n > 1 && isIdentity(p)) p.push(p.shift());
    return p;
  }
  function rights(q) { // distinct right-hand sides of a matching question
    var seen = {}, out = [];
    (q.pairs || []).forEach(function (p) { if (!seen[p.right]) { seen[p.right] = true; out.push(p.right); } });
    return out;
  }
  function letter(i) { return String.fromCharCode(65 + (i % 26)) + (i >= 26 ? Math.floor(i / 26) : ""); }
  function normalize(s) {
    s = String(s || "");
    if (s.normalize) s = s.normalize("NFKC");
    return s.replace(/\s+/g, " ").trim().replace(/[。.!!]+$/, "").toLowerCase();
  }
  function correctText(q) {
    switch (q.type) {
      case "order": return q.order.map(function (s, i) { return (i + 1) + ". " + s; }).join("\n");
      case "match": return q.pairs.map(function (p) { return p.left + " → " + p.right; }).join("\n");
      case "short": return q.answers.join(" / ");
      default: return q.choices.filter(function (c) { return c.correct; }).map(function (c) { return c.text; }).join(T.listSep);
    }
  }
  function hintFor(q) { return T[q.type] || ""; }
  // slideHint is the hint on a slide, which has no controls to answer with.
  function slideHint(q) { return T[q.type + "Slide"] || hintFor(q); }
  function announce(msg) {
    var a = document.getElementById("quiz-announce");
    if (a) { a.textContent = ""; setTimeout(function () { a.textContent = msg; }, 30); }
  }
  function load() {
    try { return JSON.parse(localStorage.getItem(storageKey) || "null"); } catch (e) { return null; }
  }
  function save() {
    try { localStorage.setItem(storageKey, JSON.stringify(state)); } catch (e) { /* private mode: no resume */ }
  }
  function setMode(m) {
    var u = new URL(location.href);
    if (m === "play") u.searchParams.delete("mode"); else u.searchParams.set("mode", m);
    location.href = u.toString();
  }

  // ---- chrome common to every mode --------------------------------------

  root.classList.add("quiz", "quiz-mode-" + mode);
  clear(root);
  var announcer = el("div", { id: "quiz-announce", "class": "quiz-visually-hidden", role: "status", "aria-live": "polite" });

  if (mode === "present") startPresenter();
  else if (mode === "sheet" || mode === "key") startSheet(mode === "key");
  else startPlayer();

  // ---- player ------------------------------------------------------------

  var state, timerID;

  function newAttempt(ids, retry) {
    var shuffles = {};
    ids.forEach(function (id) {
      var q = byID[id];
      var n = q.type === "order" ? q.order.length : q.type === "match" ? rights(q).length : (q.choices || []).length;
      shuffles[id] = permutation(q, n, Math.random);
    });
    // A timed attempt's clock starts at its start button (see renderIntro),
    // not when the page is opened: started is 0 until then.
    var started = timeLimit && !retry ? 0 : Date.now();
    state = { v: 1, ids: ids, pos: 0, answers: {}, shuffles: shuffles, started: started, finished: false, retry: !!retry };
    save();
  }

  function validState(s) {
    if (!s || s.v !== 1 || !Array.isArray(s.ids) || !s.ids.length || typeof s.pos !== "number") return false;
    for (var i = 0; i < s.ids.length; i++) {
      var q = byID[s.ids[i]], p = s.shuffles && s.shuffles[s.ids[i]];
      if (!q || !Array.isArray(p)) return false;
      var n = q.type === "order" ? q.order.length : q.type === "match" ? rights(q).length : (q.choices || []).length;
      if (p.length !== n) return false;
    }
    return s.pos >= 0 && s.pos <= s.ids.length;
  }

  var toolbar, progress, timerEl, stage;

  function startPlayer() {
    toolbar = el("div", "quiz-toolbar",
      el("button", { id: "quiz-present", "class": "quiz-link-button", onclick: function () { setMode("present"); } }, T.present),
      el("button", { id: "quiz-sheet", "class": "quiz-link-button", onclick: function () { setMode("sheet"); } }, T.sheet),
      el("button", { id: "quiz-key", "class": "quiz-link-button", onclick: function () { setMode("key"); } }, T.key),
      el("button", { id: "quiz-reset", "class": "quiz-link-button", onclick: function () {
        newAttempt(questions.map(function (q) { return q.id; }), false); render();
      } }, T.reset));
    progress = el("p", { id: "quiz-progress", "class": "quiz-progress" });
    timerEl = el("p", { id: "quiz-timer", "class": "quiz-timer", hidden: true });
    stage = el("div", "quiz-stage");
    add(root, [toolbar, el("div", "quiz-status", progress, timerEl), stage, announcer]);

    var saved = load();
    if (validState(saved)) {
      state = saved;
      if (!state.finished && (state.pos > 0 || Object.keys(state.answers).length)) announce(T.resumed);
    } else {
      newAttempt(questions.map(function (q) { return q.id; }), false);
    }
    render();
  }

  function render() {
    clearInterval(timerID);
    if (state.finished || state.pos >= state.ids.length) { showResults(); return; }
    if (timeLimit && !state.retry && !state.started) { renderIntro(); return; }
    startTimer();
    renderQuestion();
  }

  // renderIntro tells a timed quiz's questions and time, and starts its
  // clock when asked to: opening the page to look at it costs no time.
  function renderIntro() {
    timerEl.hidden = true;
    progress.textContent = "";
    var start = el("button", { id: "quiz-start", "class": "quiz-button quiz-primary", onclick: function () {
      state.started = Date.now();
      save();
      render();
    } }, T.start);
    clear(stage);
    stage.appendChild(el("div", { id: "quiz-intro", "class": "quiz-card quiz-intro" },
      el("p", { text: fmt(T.timedIntro, { n: state.ids.length, t: duration(timeLimit) }) }),
      el("div", "quiz-actions", start)));
  }

  function duration(secs) {
    var m = Math.floor(secs / 60), s = secs % 60;
    if (!s) return fmt(T.minutes, { m: m });
    return m ? fmt(T.minSec, { m: m, s: s }) : fmt(T.seconds, { s: s });
  }

  function startTimer() {
    if (!timeLimit || state.retry) { timerEl.hidden = true; return; }
    timerEl.hidden = false;
    var warned = false;
    function tick() {
      var left = Math.max(0, Math.round(timeLimit - (Date.now() - state.started) / 1000));
      timerEl.textContent = fmt(T.timeLeft, { t: Math.floor(left / 60) + ":" + ("0" + left % 60).slice(-2) });
      timerEl.classList.toggle("quiz-timer-low", left <= 60);
      if (left <= 60 && left > 0 && !warned) { warned = true; announce(T.oneMinute); }
      if (left <= 0) {
        clearInterval(timerID);
        announce(T.timeUp);
        state.finished = true;
        save();
        showResults();
      }
    }
    tick();
    timerID = setInterval(tick, 1000);
  }

  function renderQuestion() {
    var id = state.ids[state.pos];
    var q = byID[id];
    var perm = state.shuffles[id];
    var done = state.answers[id];
    progress.textContent = fmt(T.progress, { n: state.pos + 1, total: state.ids.length }) + (state.retry ? " · " + T.retryTitle : "");

    var legendID = "quiz-q-" + state.pos;
    var fieldset = el("fieldset", { "class": "quiz-question quiz-type-" + q.type, "data-id": q.id });
    var legend = el("legend", { "class": "quiz-prompt", id: legendID, tabindex: "-1" },
      el("span", "quiz-number", (state.pos + 1) + ". "), q.prompt);
    add(fieldset, [legend, paragraphs("quiz-situation", q.situation), el("p", "quiz-hint", hintFor(q))]);

    var get = buildAnswer(q, perm, fieldset, id);
    var feedback = el("div", { "class": "quiz-feedback", role: "status", "aria-live": "polite" });
    var submit = el("button", { type: "submit", id: "quiz-submit", "class": "quiz-button quiz-primary" }, T.submit);
    var last = state.pos === state.ids.length - 1;
    var next = el("button", { id: "quiz-next", "class": "quiz-button quiz-primary", hidden: true }, last ? T.finish : T.next);
    var form = el("form", { "class": "quiz-card", novalidate: true, "aria-labelledby": legendID },
      fieldset, el("div", "quiz-actions", submit, next), feedback);

    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      if (state.answers[id]) return;
      var given = get.value();
      var problem = get.missing(given);
      if (problem) { showMessage(feedback, problem); return; }
      var ok = check(q, given);
      state.answers[id] = { given: given, correct: ok };
      save();
      showFeedback(q, given, ok, fieldset, feedback, get);
      submit.hidden = true;
      next.hidden = false;
      next.focus();
    });
    next.addEventListener("click", function () {
      state.pos++;
      if (state.pos >= state.ids.length) state.finished = true;
      save();
      render();
    });

    clear(stage);
    stage.appendChild(form);
    if (done) {
      get.restore(done.given);
      showFeedback(q, done.given, done.correct, fieldset, feedback, get);
      submit.hidden = true;
      next.hidden = false;
    }
    legend.focus();
  }

  function showMessage(box, msg) {
    clear(box);
    box.className = "quiz-feedback quiz-notice";
    box.appendChild(el("p", { text: msg }));
  }

  // buildAnswer adds the inputs of q to fieldset and returns how to read,
  // check for completeness, restore and lock them.
  function buildAnswer(q, perm, fieldset, id) {
    var name = "quiz-answer-" + state.pos;
    switch (q.type) {
      case "single": case "truefalse": case "multiple": {
        var multi = q.type === "multiple";
        var list = el("div", { "class": "quiz-choices", role: multi ? "group" : "radiogroup" });
        var inputs = perm.map(function (ci) {
          var input = el("input", { type: multi ? "checkbox" : "radio", name: name, value: String(ci) });
          list.appendChild(el("label", { "class": "quiz-choice", "data-index": String(ci) }, input, el("span", { text: q.choices[ci].text })));
          return input;
        });
        // The chosen answers are marked by a class, not by :has(), which
        // the Chromium of many office browsers (360, QQ) lacks.
        var showChecked = function () {
          inputs.forEach(function (i) { i.parentNode.classList.toggle("quiz-checked", i.checked); });
        };
        list.addEventListener("change", showChecked);
        fieldset.appendChild(list);
        return {
          value: function () { return inputs.filter(function (i) { return i.checked; }).map(function (i) { return +i.value; }).sort(byNumber); },
          missing: function (v) { return v.length ? null : T.needAnswer; },
          restore: function (v) { inputs.forEach(function (i) { i.checked = v.indexOf(+i.value) >= 0; }); showChecked(); },
          lock: function () { inputs.forEach(function (i) { i.disabled = true; }); },
          mark: function () {
            inputs.forEach(function (i) {
              var label = i.parentNode, c = q.choices[+i.value];
              if (c.correct) label.classList.add("quiz-is-correct");
              else if (i.checked) label.classList.add("quiz-is-wrong");
            });
          }
        };
      }
      case "order": {
        var ol = el("ol", "quiz-order");
        var items = perm.slice();
        var draw = function (focusIndex, focusDir) {
          clear(ol);
          items.forEach(function (oi, pos) {
            var text = q.order[oi];
            var up = el("button", { "class": "quiz-up", "aria-label": T.moveUp + ":" + text, disabled: pos === 0 }, "↑");
            var down = el("button", { "class": "quiz-down", "aria-label": T.moveDown + ":" + text, disabled: pos === items.length - 1 }, "↓");
            up.addEventListener("click", function () { move(pos, -1); });
            down.addEventListener("click", function () { move(pos, 1); });
            ol.appendChild(el("li", { "class": "quiz-order-item", "data-index": String(oi) },
              el("span", "quiz-order-text", text), el("span", "quiz-order-buttons", up, down)));
            if (pos === focusIndex) {
              var target = focusDir < 0 ? (pos === 0 ? down : up) : (pos === items.length - 1 ? up : down);
              setTimeout(function () { target.focus(); }, 0);
            }
          });
        };
        var move = function (pos, dir) {
          var to = pos + dir;
          if (to < 0 || to >= items.length) return;
          var t = items[pos]; items[pos] = items[to]; items[to] = t;
          draw(to, dir);
          announce(fmt(T.movedTo, { item: q.order[items[to]], n: to + 1 }));
        };
        draw(-1, 0);
        fieldset.appendChild(ol);
        return {
          value: function () { return items.slice(); },
          missing: function () { return null; },
          restore: function (v) { items = v.slice(); draw(-1, 0); },
          lock: function () { Array.prototype.forEach.call(ol.querySelectorAll("button"), function (b) { b.disabled = true; }); },
          mark: function () {
            Array.prototype.forEach.call(ol.children, function (li, pos) {
              li.classList.add(+li.getAttribute("data-index") === pos ? "quiz-is-correct" : "quiz-is-wrong");
            });
          }
        };
      }
      case "match": {
        var opts = rights(q);
        var box = el("div", "quiz-match");
        var selects = q.pairs.map(function (p, i) {
          var sid = "quiz-match-" + state.pos + "-" + i;
          var sel = el("select", { id: sid, "data-left": p.left }, el("option", { value: "", text: T.choose }));
          perm.forEach(function (ri) { sel.appendChild(el("option", { value: opts[ri], text: opts[ri] })); });
          box.appendChild(el("div", "quiz-match-row", el("label", { "for": sid, text: p.left }), sel));
          return sel;
        });
        fieldset.appendChild(box);
        return {
          value: function () { return selects.map(function (s) { return s.value; }); },
          missing: function (v) { return v.indexOf("") >= 0 ? T.needAllMatches : null; },
          restore: function (v) { selects.forEach(function (s, i) { s.value = v[i] || ""; }); },
          lock: function () { selects.forEach(function (s) { s.disabled = true; }); },
          mark: function () {
            selects.forEach(function (s, i) { s.parentNode.classList.add(s.value === q.pairs[i].right ? "quiz-is-correct" : "quiz-is-wrong"); });
          }
        };
      }
      default: { // short
        var input = el("input", { type: "text", autocomplete: "off", id: "quiz-short-" + state.pos });
        fieldset.appendChild(el("div", "quiz-short", el("label", { "for": "quiz-short-" + state.pos, text: T.answerLabel }), input));
        return {
          value: function () { return input.value; },
          missing: function (v) { return String(v).trim() ? null : T.needAnswer; },
          restore: function (v) { input.value = v; },
          lock: function () { input.readOnly = true; },
          mark: function (ok) { input.parentNode.classList.add(ok ? "quiz-is-correct" : "quiz-is-wrong"); }
        };
      }
    }
  }

  function check(q, given) {
    switch (q.type) {
      case "order":
        for (var i = 0; i < given.length; i++) if (given[i] !== i) return false;
        return given.length === q.order.length;
      case "match":
        return q.pairs.every(function (p, i) { return given[i] === p.right; });
      case "short":
        return q.answers.some(function (a) { return normalize(a) === normalize(given); });
      default:
        var want = [];
        q.choices.forEach(function (c, i) { if (c.correct) want.push(i); });
        return want.join(",") === given.slice().sort(byNumber).join(",");
    }
  }

  function givenText(q, given) {
    switch (q.type) {
      case "order": return given.map(function (oi, i) { return (i + 1) + ". " + q.order[oi]; }).join("\n");
      case "match": return q.pairs.map(function (p, i) { return p.left + " → " + (given[i] || T.noAnswer); }).join("\n");
      case "short": return given || T.noAnswer;
      default: return given.length ? given.map(function (i) { return q.choices[i].text; }).join(T.listSep) : T.noAnswer;
    }
  }

  function showFeedback(q, given, ok, fieldset, box, get) {
    get.lock();
    get.mark(ok);
    fieldset.classList.add(ok ? "quiz-answered-correct" : "quiz-answered-wrong");
    clear(box);
    box.className = "quiz-feedback " + (ok ? "quiz-correct" : "quiz-wrong");
    box.appendChild(el("p", "quiz-verdict-line", ok ? T.correct : T.wrong));
    if (!ok) box.appendChild(el("p", "quiz-correct-answer", el("strong", { text: T.correctAnswer }), el("span", { text: correctText(q) })));
    if (q.explanation) box.appendChild(el("div", "quiz-explanation", el("strong", { text: T.explanation }), paragraphs("quiz-explanation-text", q.explanation)));
    add(box, sourceLink(q));
  }

  function showResults() {
    clearInterval(timerID);
    timerEl.hidden = true;
    progress.textContent = "";
    var total = state.ids.length;
    var wrong = state.ids.filter(function (id) { return !(state.answers[id] && state.answers[id].correct); });
    var right = total - wrong.length;
    var pct = Math.round(100 * right / total);
    var passed = pct >= pass;
    var review = el("ol", { id: "quiz-review", "class": "quiz-review" });
    wrong.forEach(function (id) {
      var q = byID[id], a = state.answers[id];
      review.appendChild(el("li", { "class": "quiz-review-item", "data-id": id },
        el("p", "quiz-review-prompt", q.prompt),
        el("p", "quiz-review-given", el("strong", { text: T.yourAnswer }), el("span", { text: a ? givenText(q, a.given) : T.noAnswer })),
        el("p", "quiz-correct-answer", el("strong", { text: T.correctAnswer }), el("span", { text: correctText(q) })),
        q.explanation ? el("div", "quiz-explanation", el("strong", { text: T.explanation }), paragraphs("quiz-explanation-text", q.explanation)) : null,
        sourceLink(q)));
    });
    var section = el("section", { id: "quiz-result", "class": "quiz-result " + (passed ? "quiz-pass" : "quiz-fail"), tabindex: "-1", "aria-labelledby": "quiz-result-title" },
      el("h2", { id: "quiz-result-title", text: T.result + (state.retry ? " · " + T.retryTitle : "") }),
      el("p", "quiz-score-line", el("span", { id: "quiz-score", "class": "quiz-score", text: pct + "%" }),
        el("span", "quiz-verdict", passed ? T.pass : T.fail)),
      el("p", { "class": "quiz-score-detail", text: fmt(T.scoreDetail, { right: right, total: total, pass: pass }) }),
      el("h3", { text: T.review }),
      wrong.length ? review : el("p", "quiz-no-wrong", T.noWrong),
      el("div", "quiz-actions",
        wrong.length ? el("button", { id: "quiz-retry-wrong", "class": "quiz-button quiz-primary", onclick: function () { newAttempt(wrong, true); render(); } }, T.retryWrong) : null,
        el("button", { id: "quiz-restart", "class": "quiz-button", onclick: function () { newAttempt(questions.map(function (q) { return q.id; }), false); render(); } }, T.restart)));
    clear(stage);
    stage.appendChild(section);
    section.focus();
  }

  // ---- presenter ---------------------------------------------------------

  // hideAround marks everything beside the quiz, up to <body>, with cls:
  // the site's navigation, header and footer, whatever the theme's markup.
  function hideAround(cls) {
    for (var n = root; n && n.parentNode && n !== document.body; n = n.parentNode) {
      Array.prototype.forEach.call(n.parentNode.children, function (sib) {
        if (sib !== n && sib.tagName !== "SCRIPT") sib.classList.add(cls);
      });
    }
  }

  function startPresenter() {
    hideAround("quiz-present-hide");
    var pos = 0, revealed = false, countdownOn = countdownSecs > 0, left = 0, cdID;
    var perSecs = countdownSecs > 0 ? countdownSecs : 30;
    var slide = el("div", "quiz-stage quiz-present-stage");
    var counter = el("p", { id: "quiz-progress", "class": "quiz-progress" });
    var countdown = el("p", { id: "quiz-countdown", "class": "quiz-countdown", "aria-live": "off" });
    var prev = el("button", { id: "quiz-prev", "class": "quiz-button" }, "← " + T.prev);
    var reveal = el("button", { id: "quiz-reveal", "class": "quiz-button quiz-primary", "aria-pressed": "false" }, T.reveal);
    var next = el("button", { id: "quiz-next", "class": "quiz-button" }, T.next + " →");
    var toggle = el("button", { id: "quiz-countdown-toggle", "class": "quiz-button" });
    var full = el("button", { id: "quiz-fullscreen", "class": "quiz-button" }, T.fullscreen);
    var exit = el("button", { id: "quiz-exit-present", "class": "quiz-button" }, T.exitPresent);
    var controls = el("div", "quiz-present-controls", prev, reveal, next, toggle, full, exit);
    add(root, [el("div", "quiz-present-top", counter, el("p", "quiz-present-title", data.title || ""), countdown), slide, controls, announcer]);

    function go(to) {
      if (to < 0 || to >= questions.length) return;
      pos = to; revealed = false; draw(); restartCountdown();
    }
    function draw() {
      var q = questions[pos];
      counter.textContent = fmt(T.slide, { n: pos + 1, total: questions.length });
      reveal.textContent = revealed ? T.hide : T.reveal;
      reveal.setAttribute("aria-pressed", revealed ? "true" : "false");
      prev.disabled = pos === 0;
      next.disabled = pos === questions.length - 1;
      clear(slide);
      var s = el("section", { "class": "quiz-slide quiz-type-" + q.type + (revealed ? " quiz-revealed" : ""), "data-id": q.id, "aria-live": "polite" },
        el("h2", "quiz-prompt", el("span", "quiz-number", (pos + 1) + ". "), q.prompt),
        paragraphs("quiz-situation", q.situation),
        el("p", "quiz-hint", slideHint(q)));
      var rnd = seeded(q.id);
      var answer = el("div", { "class": "quiz-answer", hidden: !revealed });
      switch (q.type) {
        case "order": {
          var p = permutation(q, q.order.length, rnd);
          s.appendChild(el("ol", "quiz-slide-choices quiz-letters", p.map(function (oi, i) {
            return el("li", { "data-letter": letter(i) }, q.order[oi]);
          })));
          var letters = q.order.map(function (text, oi) { return letter(p.indexOf(oi)); });
          answer.appendChild(el("p", "quiz-correct-answer", letters.join(" → ")));
          answer.appendChild(el("ol", {}, q.order.map(function (t) { return el("li", { text: t }); })));
          break;
        }
        case "match": {
          var opts = rights(q), mp = permutation(q, opts.length, rnd);
          s.appendChild(el("div", "quiz-slide-match",
            el("ol", "quiz-slide-left", q.pairs.map(function (pr) { return el("li", { text: pr.left }); })),
            el("ol", "quiz-slide-choices quiz-letters", mp.map(function (ri, i) { return el("li", { "data-letter": letter(i) }, opts[ri]); }))));
          answer.appendChild(el("ul", "quiz-correct-answer", q.pairs.map(function (pr, i) {
            return el("li", { text: (i + 1) + ". " + pr.left + " → " + letter(mp.indexOf(opts.indexOf(pr.right))) + ". " + pr.right });
          })));
          break;
        }
        case "short":
          s.appendChild(el("div", "quiz-blank quiz-blank-wide"));
          answer.appendChild(el("p", "quiz-correct-answer", q.answers.join(" / ")));
          break;
        default:
          s.appendChild(el("ol", "quiz-slide-choices quiz-letters", q.choices.map(function (c, i) {
            return el("li", { "data-letter": letter(i), "class": revealed && c.correct ? "quiz-is-correct" : null }, c.text);
          })));
          answer.appendChild(el("p", { "class": "quiz-correct-answer", text: q.choices.map(function (c, i) { return c.correct ? letter(i) + ". " + c.text : null; }).filter(Boolean).join(T.listSep) }));
      }
      if (q.explanation) answer.appendChild(paragraphs("quiz-explanation", q.explanation));
      add(answer, sourceLink(q));
      s.appendChild(answer);
      slide.appendChild(s);
      slide.scrollTop = 0;
      if (revealed) showAnswer(answer);
    }
    // showAnswer scrolls the slide so that the revealed answer comes into
    // view from its first line, and as much of the question as still fits
    // stays above it.
    function showAnswer(answer) {
      var box = slide.getBoundingClientRect(), a = answer.getBoundingClientRect();
      if (a.bottom > box.bottom) slide.scrollTop += Math.min(a.bottom - box.bottom, a.top - box.top);
    }
    function scrollSlide(dir) { slide.scrollTop += dir * Math.round(slide.clientHeight * 0.4); }
    function toggleReveal() { revealed = !revealed; draw(); if (revealed) stopCountdown(); }
    function restartCountdown() {
      stopCountdown();
      toggle.textContent = countdownOn ? T.countdownOff : T.countdownOn;
      toggle.setAttribute("aria-pressed", countdownOn ? "true" : "false");
      countdown.hidden = !countdownOn;
      if (!countdownOn) return;
      left = perSecs;
      showCountdown();
      cdID = setInterval(function () {
        left--;
        showCountdown();
        if (left <= 0) stopCountdown();
      }, 1000);
    }
    function stopCountdown() { clearInterval(cdID); }
    function showCountdown() {
      countdown.textContent = left > 0 ? fmt(T.seconds, { s: left }) : T.timeUp;
      countdown.classList.toggle("quiz-timer-low", left <= 5);
    }
    function toggleCountdown() { countdownOn = !countdownOn; restartCountdown(); }
    function fullscreen() {
      var d = document;
      if (d.fullscreenElement) { if (d.exitFullscreen) d.exitFullscreen(); }
      else if (root.requestFullscreen) root.requestFullscreen().catch(function () {});
    }

    prev.addEventListener("click", function () { go(pos - 1); });
    next.addEventListener("click", function () { go(pos + 1); });
    reveal.addEventListener("click", toggleReveal);
    toggle.addEventListener("click", toggleCountdown);
    full.addEventListener("click", fullscreen);
    exit.addEventListener("click", function () { setMode("play"); });
    document.addEventListener("keydown", function (ev) {
      if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
      var tag = ev.target && ev.target.tagName;
      var onControl = /^(BUTTON|A|INPUT|SELECT|TEXTAREA)$/.test(tag || "");
      switch (ev.key) {
        case "ArrowRight": case "PageDown": case "n": case "N": go(pos + 1); break;
        case " ": case "Spacebar": if (onControl) return; go(pos + 1); break;
        case "ArrowLeft": case "PageUp": case "p": case "P": go(pos - 1); break;
        case "ArrowDown": scrollSlide(1); break;
        case "ArrowUp": scrollSlide(-1); break;
        case "Home": go(0); break;
        case "End": go(questions.length - 1); break;
        case "r": case "R": toggleReveal(); break;
        case "c": case "C": toggleCountdown(); break;
        case "f": case "F": fullscreen(); break;
        case "Escape": if (!document.fullscreenElement) setMode("play"); return;
        default: return;
      }
      ev.preventDefault();
    });
    draw();
    restartCountdown();
  }

  // ---- answer sheet and key ----------------------------------------------

  function startSheet(key) {
    document.documentElement.classList.add("quiz-print-mode");
    hideAround("quiz-print-hide");
    var sheet = el("div", "quiz-sheet" + (key ? " quiz-key" : ""));
    var bar = el("div", "quiz-toolbar quiz-noprint",
      el("button", { id: "quiz-print", "class": "quiz-button quiz-primary", onclick: function () { window.print(); } }, T.print),
      el("button", { "class": "quiz-link-button", onclick: function () { setMode(key ? "sheet" : "key"); } }, key ? T.sheet : T.key),
      el("button", { "class": "quiz-link-button", onclick: function () { setMode("play"); } }, "←"));
    sheet.appendChild(el("h1", "quiz-sheet-title", (data.title || "") + " · " + (key ? T.keyTitle : T.sheetTitle)));
    sheet.appendChild(el("div", "quiz-sheet-fields", [T.name, T.role, T.date, T.scoreField].map(function (f) {
      return el("span", "quiz-sheet-field", el("span", { text: f + ":" }), el("span", "quiz-blank"));
    })));
    var list = el("ol", "quiz-sheet-list");
    questions.forEach(function (q, qi) {
      var item = el("li", { "class": "quiz-sheet-question quiz-type-" + q.type, "data-id": q.id },
        el("p", "quiz-prompt", el("span", "quiz-number", (qi + 1) + ". "), q.prompt,
          el("span", "quiz-hint", "(" + hintFor(q).split(/[::]/)[0] + ")")),
        paragraphs("quiz-situation", q.situation));
      var rnd = seeded(q.id);
      switch (q.type) {
        case "order": {
          var p = permutation(q, q.order.length, rnd);
          item.appendChild(el("p", "quiz-sheet-hint", T.orderHint));
          item.appendChild(el("ul", "quiz-sheet-choices", p.map(function (oi) {
            return el("li", {}, el("span", "quiz-paren", key ? "( " + (oi + 1) + " )" : "(   )"), " ", q.order[oi]);
          })));
          break;
        }
        case "match": {
          var opts = rights(q), mp = permutation(q, opts.length, rnd);
          item.appendChild(el("p", "quiz-sheet-hint", T.matchHint));
          item.appendChild(el("div", "quiz-sheet-match",
            el("ol", "quiz-sheet-left", q.pairs.map(function (pr) {
              return el("li", {}, el("span", { text: pr.left + " " }), key
                ? el("span", "quiz-key-answer", letter(mp.indexOf(opts.indexOf(pr.right))))
                : el("span", "quiz-blank quiz-blank-short"));
            })),
            el("ul", "quiz-sheet-right", mp.map(function (ri, i) { return el("li", {}, el("strong", { text: letter(i) + ". " }), opts[ri]); }))));
          break;
        }
        case "short":
          if (key) item.appendChild(el("p", "quiz-key-answer", q.answers.join(" / ")));
          else { item.appendChild(el("p", "quiz-sheet-hint", T.shortHint)); item.appendChild(el("div", "quiz-blank quiz-blank-wide")); }
          break;
        default: {
          var round = q.type !== "multiple";
          item.appendChild(el("ul", "quiz-sheet-choices", q.choices.map(function (c, i) {
            return el("li", key && c.correct ? "quiz-is-correct" : null,
              el("span", { "class": "quiz-box" + (round ? " quiz-box-round" : "") + (key && c.correct ? " quiz-box-checked" : ""), "aria-hidden": "true" }),
              " ", el("strong", { text: letter(i) + ". " }), c.text);
          })));
          if (key) item.appendChild(el("p", { "class": "quiz-key-answer", text: T.correctAnswer + q.choices.map(function (c, i) { return c.correct ? letter(i) : null; }).filter(Boolean).join(T.listSep) }));
        }
      }
      if (key && q.explanation) item.appendChild(paragraphs("quiz-explanation", q.explanation));
      list.appendChild(item);
    });
    sheet.appendChild(list);
    add(root, [bar, sheet, announcer]);
    if (params.get("print") === "1") setTimeout(function () { window.print(); }, 300);
  }
})();
