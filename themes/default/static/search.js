/* Site search. Loads the index that generator/search writes under
   search/ by script elements (works from file:// too), scores in the page,
   and drives the header box and the search page. Pages load it through
   search-boot.js, which also owns the / and Ctrl+K keys. Text from queries
   and pages is only ever inserted as text nodes. */
(function () {
  'use strict';
  if (window.HBSearch && window.HBSearch.search) return;
  var d = document, root = d.documentElement.getAttribute('data-root') || '';
  if (root === './') root = '';
  if (root && root.slice(-1) !== '/') root += '/';

  var MAXQ = 200, MAXGROUPS = 12, MAXEXP = 30, MAXWORD = 32;
  // Field weights: title, meta (summary, tags, roles), headings, body.
  var W = [3, 1.5, 2, 1], K1 = 1.2, B = 0.75, PREFIX = 0.7, UNUSUAL = 0.3, PHRASE = 1.5;
  // A quiz asks about handbook pages, often in the words a reader searches
  // with: among pages that match as much of the query, the page comes first.
  var QUIZ = '#k:quiz', QUIZW = 0.6;
  // Digits of the index's numbers: '!' to '}' without '"' and '\\'; the
  // first BASE end a number, the others carry on, in base CARRY. '~' starts
  // postings written as a bitmap.
  var V = [], BASE = 46, CARRY = 45, BITMAP = 126;
  for (var i = 33, n = 0; i < BITMAP; i++) if (i !== 34 && i !== 92) V[i] = n++;
  var HAN = /\p{Script=Han}/u, WORDC = /[\p{L}\p{N}\p{M}]/u, SPACE = /\s/u, APOS = /^['\u2019]$/;

  // Loading: one script per index file, each calling HBSearch.add.
  var files = {}, order = [], cache = {}, meta = null;
  function add(name, data, more) {
    var f = files[name] || (files[name] = {});
    f.data = data;
    f.more = more;
    order.push(name);
  }
  // meta.js is read afresh on each page, and names the build of the other
  // files (id): asked for as ?v=id, they never come from a browser's cache
  // of another build, whose document numbers would not match.
  function load(name) {
    var f = files[name] || (files[name] = {});
    if (!f.p) f.p = 'data' in f ? Promise.resolve(f.data) : new Promise(function (ok) {
      var s = d.createElement('script');
      s.src = root + 'search/' + name + '.js?' + (meta ? 'v=' + meta.id : 't=' + Date.now());
      s.onload = s.onerror = function () {
        s.remove();
        ok(f.data || null);
      };
      d.head.appendChild(s);
    });
    return f.p;
  }
  function ready() {
    return meta ? Promise.resolve(meta) : load('meta').then(function (m) {
      if (!m) throw new Error('search index not found');
      m.len = [];
      for (var i = 0; i < m.n; i++) m.len[i] = Math.pow(m.nr, V[m.norms.charCodeAt(i)]) - 1;
      return (meta = m);
    });
  }

  // Postings: per document, its number less the last one's less one, and
  // unless the term is a filter or a triple (docsOnly), x = body tf << 2 |
  // 1 (title and meta tfs follow) | 2 (headings tf follows). Or '~', a
  // bitmap of the documents (six to a digit), then the x of each. Decoded
  // to documents, their weighted tf in the short fields, and their body tf.
  function decode(s, from, to, docsOnly) {
    var i = from, D = [], F = [], Bo = [], doc = -1, k, j, c;
    function num() {
      var v = 0, m = 1, c;
      while ((c = V[s.charCodeAt(i++)]) >= BASE) { v += (c - BASE) * m; m *= CARRY; }
      return v + c * m;
    }
    function tf() {
      var x = num(), f = 0;
      if (x & 1) f = W[0] * num() + W[1] * num();
      if (x & 2) f += W[2] * num();
      F.push(f);
      Bo.push(x >> 2);
    }
    if (s.charCodeAt(i) === BITMAP) {
      var end = ++i + Math.ceil(meta.n / 6);
      for (k = 0; i < end; k += 6) for (c = V[s.charCodeAt(i++)], j = 0; c; j++, c >>= 1) if (c & 1) D.push(k + j);
      if (!docsOnly) for (k = 0; k < D.length; k++) tf();
    } else {
      while (i < to) {
        D.push(doc += num() + 1);
        if (!docsOnly) tf();
      }
    }
    return { d: D, f: F, b: Bo };
  }
  // A Han shard is one string of terms, each its characters, then its
  // postings in ASCII digits: a term starts after a digit (or at 0) and is
  // followed by one. Word and filter shards are objects of strings.
  function postings(name, term, docsOnly) {
    var key = name + ' ' + term;
    if (cache[key]) return cache[key];
    var f = files[name], s = f && f.data, i, end;
    if (!s) return null;
    if (typeof s === 'string') {
      for (i = s.indexOf(term); i >= 0; i = s.indexOf(term, i + 1)) {
        if ((i === 0 || s.charCodeAt(i - 1) < 128) && s.charCodeAt(i + term.length) < 128) break;
      }
      if (i < 0) return null;
      for (end = i += term.length; end < s.length && s.charCodeAt(end) < 128; end++);
    } else {
      if (!Object.prototype.hasOwnProperty.call(s, term)) return null;
      s = s[term]; i = 0; end = s.length;
    }
    return (cache[key] = decode(s, i, end, docsOnly));
  }
  function hashShard(t, dir) {
    var h = 0x811c9dc5;
    for (var i = 0; i < t.length; i++) h = Math.imul(h ^ t.charCodeAt(i), 16777619);
    var x = (h >>> (32 - meta.hb)).toString(16);
    while (x.length < (meta.hb + 3) >> 2) x = '0' + x;
    return (dir || 'h/') + x;
  }
  // Word shards hold sorted terms; keys[i] is the first of shard i. The
  // terms starting with w are in the last shard whose key is not after w,
  // and in the shards after it whose keys start with w, unless there are
  // so many that only w itself and its neighbours are worth loading.
  function wordShards(keys, w) {
    var lo = 0, hi = keys.length, ext = 0;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (keys[mid] <= w) lo = mid + 1; else hi = mid; }
    var first = Math.max(lo - 1, 0);
    while (lo + ext < keys.length && keys[lo + ext].indexOf(w) === 0) ext++;
    if (!keys.length) return [];
    var out = ['w/' + first];
    for (var j = 0; ext <= 8 && j < ext; j++) if (lo + j !== first) out.push('w/' + (lo + j));
    return out;
  }
  function docFile(d) { return 'd/' + Math.floor(d / meta.dk); }
  // A document: [url, title, kind, summary, then id, heading and text of
  // each section].
  function docOf(chunk, d) {
    var a = chunk && chunk[d % meta.dk], x = [];
    if (!a) return null;
    for (var i = 4; i + 2 < a.length; i += 3) x.push([a[i], a[i + 1], a[i + 2]]);
    return { u: a[0], t: a[1], k: a[2], s: a[3], x: x };
  }

  // Query parsing mirrors search.Tokenize. A Han run becomes its character
  // (one character) or the pairs covering it, which must match; Han text
  // not broken by punctuation or words (spaces do not break it) also gives
  // its triples, which tell whether the query occurs as a phrase.
  function foldChar(c) {
    var n = c.charCodeAt(0);
    if (n >= 0xFF01 && n <= 0xFF5E) c = String.fromCharCode(n - 0xFEE0);
    else if (n === 0x3000) c = ' ';
    else if (n >= 0xD800 && n <= 0xDFFF) return c;
    var l = c.toLowerCase();
    return l.length === c.length ? l : c;
  }
  function foldStr(s) {
    var o = '';
    for (var i = 0; i < s.length; i++) o += foldChar(s[i]);
    return o;
  }
  // parse reads a query as groups, each scored on its own: a Latin word,
  // or a pair of adjacent Han characters (every pair, overlapping, so that
  // a query's words are found whatever character they start on; a lone
  // character is a group of its own); the triples of each Han sequence,
  // for the phrase bonus; and the needles to mark in snippets.
  function parse(q) {
    var G = [], T = [], N = [], run = [], seq = [], word = [], cuts = [], ws = 0;
    function endWord() {
      if (!word.length) return;
      var w = word.join('');
      G.push({ w: w, s: ws, cuts: cuts }); // words of one s are parted by spaces only
      N.push(w);
      word = []; cuts = [];
    }
    function endRun() {
      var n = run.length, o;
      if (n === 1) G.push({ t: run[0] });
      for (o = 0; o + 1 < n; o++) G.push({ t: run[o] + run[o + 1] });
      for (o = 0; o + 1 < n; o++) N.push(run[o] + run[o + 1]);
      if (n) N.push(run.join(''));
      run = [];
    }
    function endSeq() {
      endRun();
      for (var o = 0; o + 2 < seq.length && T.length < MAXGROUPS; o++) T.push(seq.slice(o, o + 3).join(''));
      if (seq.length > 2) N.push(seq.join(''));
      seq = [];
    }
    var cs = Array.from(q, foldChar), c, nx;
    for (var k = 0; k < cs.length; k++) {
      c = cs[k]; nx = cs[k + 1];
      if (HAN.test(c)) { endWord(); ws++; run.push(c); seq.push(c); }
      else if (WORDC.test(c)) { endSeq(); if (word.length < MAXWORD) word.push(c); }
      else if (SPACE.test(c)) { endWord(); endRun(); }
      // An apostrophe inside a word joins it: dian'ti, as input methods
      // show pinyin being typed, is dianti; where it was is a syllable's
      // end (xi'an is 西安, not 先).
      else if (word.length && APOS.test(c) && nx && WORDC.test(nx) && !HAN.test(nx)) cuts.push(word.length);
      else { endWord(); endSeq(); ws++; }
    }
    endWord(); endSeq();
    N = N.filter(function (n, i) { return N.indexOf(n) === i; });
    N.sort(function (a, b) { return b.length - a.length; });
    return { groups: G.slice(0, MAXGROUPS), triples: T, needles: N };
  }

  function search(query, opt) {
    opt = opt || {};
    var limit = opt.limit || 10;
    return ready().then(function () {
      var P = parse(String(query == null ? '' : query).slice(0, MAXQ)), filters = [];
      if (opt.kind) filters.push('#k:' + opt.kind);
      if (opt.role) filters.push('#r:' + opt.role);
      if (!P.groups.length) return done([], 0);
      var words = P.groups.some(function (g) { return g.w; });
      return (words ? load('w/keys') : Promise.resolve(null)).then(function (keys) {
        var need = {}, syl = P.syl = new Set(((keys && files['w/keys'].more) || '').split(' '));
        P.keys = keys || [];
        function want(fs) { fs.forEach(function (f) { need[f] = 1; }); return fs; }
        function look(k) { return { k: k, files: want(wordShards(keys || [], k.replace('*', ''))) }; }
        P.groups.forEach(function (g, i) {
          g.files = want(g.w ? wordShards(keys || [], g.w) : [hashShard(g.t)]);
          var cut = g.w && pinyinCut(g.w, syl, g.cuts), last = i && P.groups[i - 1].cut;
          if (!cut) return;
          g.cut = cut;
          g.pairs = cut.slice(1).map(function (y, j) { var p = look(cut[j] + y); p.a = cut[j]; p.b = y; return p; });
          if (last && P.groups[i - 1].s === g.s && !/\*$/.test(last[last.length - 1])) {
            g.join = look(last[last.length - 1] + cut[0]);
            g.join.a = last[last.length - 1]; g.join.b = cut[0];
          }
        });
        // A syllable typed apart (dian ti) is read with the one it joins, as
        // one word: the pair across the space is a group, and a syllable
        // left with no pair of its own is no group (see byReading).
        P.groups.forEach(function (g, i) {
          var prev = P.groups[i - 1];
          if (!g.join || (g.cut.length > 1 && prev.cut.length > 1)) return;
          g.pairs.unshift(g.join);
          g.join = null;
          g.linked = true;
          if (!prev.pairs.length) prev.absorbed = true;
        });
        P.triples.forEach(function (t) { need[hashShard(t)] = 1; });
        filters.forEach(function (t) { need[hashShard(t, 'f/')] = 1; });
        need[hashShard(QUIZ, 'f/')] = 1;
        return Promise.all(Object.keys(need).map(load));
      }).then(function () {
        return Promise.all(fuzzy(P).map(load));
      }).then(function () {
        return Promise.all(byReading(P).map(load));
      }).then(function () {
        var allow = null;
        filters.forEach(function (t) {
          var ds = (postings(hashShard(t, 'f/'), t, true) || { d: [] }).d;
          allow = new Set(allow ? ds.filter(function (x) { return allow.has(x); }) : ds);
        });
        var quizzes = new Set((postings(hashShard(QUIZ, 'f/'), QUIZ, true) || { d: [] }).d);
        var ranked = rank(P, allow, quizzes), top = ranked.slice(0, limit);
        return Promise.all(top.map(function (a) { return load(docFile(a.d)); })).then(function (chunks) {
          return done(top.map(function (a, i) { return result(a, docOf(chunks[i], a.d), P); }).filter(Boolean), ranked.length);
        });
      });
    });
  }
  function done(rs, total) { rs.total = total; return rs; }

  // Pinyin typed for Han text: a word of letters that the syllables of
  // the site's readings, or their sounds-alike (see fuzzy), cut into
  // syllables, the last maybe cut short as
  // while typing ('*' marks it), is read as the Han text it stands for:
  // each two syllables in a row are looked up by reading, and the Han
  // pairs of the reading searched (see generator/search/readings.go).
  // xiaoduye is xiaodu and duye, the readings of 消毒 and 毒液.
  // Syllables end where the word had apostrophes (cuts).
  function pinyinCut(w, syl, cuts) {
    var fail = {};
    function from(i) {
      if (i === w.length) return [];
      if (fail[i]) return null;
      var end = (cuts || []).filter(function (c) { return c > i; }).concat(w.length)[0];
      for (var n = Math.min(6, end - i), r; n > 0; n--) {
        var y = w.substr(i, n);
        if ((syl.has(y) || alike(y, syl).length > 1) && (r = from(i + n))) return [y].concat(r);
      }
      if (i && end === w.length) for (var s of syl) if (s.indexOf(w.slice(i)) === 0) return [w.slice(i) + '*'];
      fail[i] = 1;
      return null;
    }
    return /^[a-z]+$/.test(w) ? from(0) : null;
  }
  // Fuzzy pinyin, as input methods offer it to those whose Mandarin does
  // not tell z from zh, n from l or an from ang: a pair of syllables whose
  // reading the site lacks is also looked up as the readings it has among
  // its sounds-alike, zuanye as zhuanye (专业). It returns the shards to
  // load.
  var FUZZY = [[/^zh/, 'z'], [/^z(?!h)/, 'zh'], [/^ch/, 'c'], [/^c(?!h)/, 'ch'], [/^sh/, 's'], [/^s(?!h)/, 'sh'],
    [/^n/, 'l'], [/^l/, 'n'], [/^f/, 'h'], [/^h/, 'f'], [/^r/, 'l'], [/ng$/, 'n'], [/([aei])n$/, '$1ng']];
  // alike is y and its sounds-alike among syl, the syllables of the site:
  // an initial or a final changed, or both (zhuang for zuan).
  function alike(y, syl) {
    var one = [], out = [y];
    FUZZY.forEach(function (f) {
      var z = y.replace(f[0], f[1]);
      if (z !== y) one.push(z);
    });
    one.forEach(function (x) {
      FUZZY.forEach(function (f) { one.push(x.replace(f[0], f[1])); });
    });
    one.forEach(function (z) { if (z !== y && out.indexOf(z) < 0 && syl.has(z)) out.push(z); });
    return out;
  }
  function fuzzy(P) {
    var need = [];
    P.groups.forEach(function (g) {
      (g.pairs || []).concat(g.join || []).forEach(function (p) {
        if (/\*$/.test(p.k) || pairsOf(p).length) return;
        p.alts = [];
        var a = alike(p.a, P.syl), b = alike(p.b, P.syl);
        a.forEach(function (x) {
          b.forEach(function (y) {
            if (x + y !== p.k && p.alts.length < 8) {
              var fs = wordShards(P.keys, x + y);
              p.alts.push({ k: x + y, files: fs });
              need.push.apply(need, fs);
            }
          });
        });
      });
    });
    return need.filter(function (f, i) { return need.indexOf(f) === i && !files[f]; });
  }
  // The Han pairs of a looked-up reading: those of the reading, or cut
  // short, of the readings it starts; or, if none, of its sounds-alike.
  function pairsOf(p) {
    if (p.alts) return [].concat.apply([], p.alts.map(pairsOf));
    var k = p.k.replace('*', ''), found = [], out = [];
    p.files.forEach(function (f) {
      var m = files[f] && files[f].more;
      for (var r in m) if (p.k === k ? r === k : r.indexOf(k) === 0) found.push([r, m[r]]);
    });
    found.sort(function (a, b) { return a[0].length - b[0].length || (a[0] < b[0] ? -1 : 1); });
    found.slice(0, MAXEXP).forEach(function (x) {
      x[1].split(' ').forEach(function (part, u) {
        var cs = Array.from(part);
        for (var i = 0; i + 1 < cs.length; i += 2) out.push({ t: cs[i] + cs[i + 1], w: x[0] === p.k ? 1 : PREFIX, u: u });
      });
    });
    return out;
  }
  // byReading makes a group of each pair of syllables of a word with
  // readings, whose terms are the pair's Han pairs: the word's own terms,
  // pinyin of titles and headings, would rank pages by those fields alone.
  // As for Han text, the triples that pairs in a row make, across the
  // spaces between words too, give the phrase bonus. It returns the
  // shards to load.
  function byReading(P) {
    var G = [], need = [], chain = [], t0 = P.triples.length;
    function link(h) {
      var last = chain[chain.length - 1] || [];
      last.forEach(function (x) {
        h.forEach(function (y) {
          var a = Array.from(x.t), b = Array.from(y.t);
          if (a[1] === b[0] && P.triples.length < MAXGROUPS) P.triples.push(x.t + b[1]);
        });
      });
      chain.push(h);
    }
    // A pair the site does not have has no reading. Between two pairs
    // that have, it is the last character of the one and the first of the
    // other: tibao in diantibaojie is 梯保 where the site has 电梯 and 保洁
    // only apart.
    function between(a, h, b) {
      if (h.length || !a || !a.length || !b || !b.length) return h;
      a.forEach(function (x) {
        b.forEach(function (y) {
          var t = Array.from(x.t)[1] + Array.from(y.t)[0];
          if (!h.some(function (z) { return z.t === t; })) h.push({ t: t, w: Math.min(x.w, y.w) });
        });
      });
      return h;
    }
    P.groups.forEach(function (g) {
      var hs = (g.pairs || []).map(pairsOf);
      hs.forEach(function (h, i) { between(hs[i - 1], h, hs[i + 1]); });
      if (!hs.some(function (h) { return h.length; })) {
        chain = [];
        return g.absorbed ? null : G.push(g);
      }
      if (g.join) link(between(chain[chain.length - 1], pairsOf(g.join), hs[0]));
      else if (!g.linked) chain = [];
      hs.forEach(function (h) {
        G.push({ h: h });
        h.forEach(function (x) { P.needles.push(x.t); });
        link(h);
      });
    });
    // Mark the longest text the triples chain into, as a Han query's run.
    for (var T = P.triples.slice(t0), more = T, n = 0; more.length && n < MAXGROUPS; n++) {
      var next = [];
      more.forEach(function (a) {
        T.forEach(function (b) {
          var c = a + b.slice(2);
          if (a.slice(-2) === b.slice(0, 2) && next.length < MAXGROUPS && next.indexOf(c) < 0) next.push(c);
        });
      });
      more = next;
      P.needles = P.needles.concat(more);
    }
    P.groups = G.slice(0, MAXGROUPS);
    P.groups.forEach(function (g) { (g.h || []).forEach(function (x) { need.push(hashShard(x.t)); }); });
    P.triples.forEach(function (t) { need.push(hashShard(t)); P.needles.push(t); });
    P.needles = P.needles.filter(function (n, i) { return P.needles.indexOf(n) === i; });
    P.needles.sort(function (a, b) { return b.length - a.length; });
    return need.filter(function (f, i) { return need.indexOf(f) === i && !files[f]; });
  }

  // The Han pairs of a reading weigh as the one the site uses most, times
  // their share of its pages: shiyong finds 使用 before 适用 when the site
  // says 使用 more, as an input method would offer it first. Pairs that
  // read so only by a rare reading of a character (u) count after those
  // read the usual way: tuobu is 拖布 before 他部 (tuo for 他), however
  // many pages say 其他部门.
  function alternatives(g) {
    var out = (g.h || []).map(function (x) {
      return { p: postings(hashShard(x.t), x.t), w: x.w, u: x.u };
    }).filter(function (a) { return a.p; }), most = 0, usual = 0;
    out.forEach(function (a) {
      most = Math.max(most, a.p.d.length);
      if (!a.u) usual = Math.max(usual, a.p.d.length);
    });
    most = usual || most;
    out.forEach(function (a) {
      a.w *= Math.min(1, a.p.d.length / most) * (a.u && usual ? UNUSUAL : 1);
      a.df = most;
    });
    if (!g.w) {
      var p = g.t && postings(g.files[0], g.t);
      return p ? [{ p: p, w: 1 }] : out;
    }
    var found = [];
    g.files.forEach(function (f) {
      var data = files[f] && files[f].data;
      for (var t in data) if (t.indexOf(g.w) === 0) found.push([t, f]);
    });
    found.sort(function (a, b) { return a[0].length - b[0].length || (a[0] < b[0] ? -1 : 1); });
    return out.concat(found.slice(0, MAXEXP).map(function (x) {
      return { p: postings(x[1], x[0]), w: x[0] === g.w ? 1 : PREFIX };
    }));
  }

  // BM25F per group (a term, or the best of its prefix expansions), summed;
  // times 1 + PHRASE × the share of the query's triples the page contains.
  // Pages matching more groups come first; quizzes count QUIZW of their score.
  function rank(P, allow, quizzes) {
    var N = meta.n, avg = meta.avg || 1, G = P.groups, i, j;
    var M = new Uint8Array(N), S = new Float64Array(N), T = new Uint8Array(N), best = new Float64Array(N);
    function idf(df) { return Math.log(1 + (N - df + 0.5) / (df + 0.5)); }
    G.forEach(function (g) {
      best.fill(0);
      alternatives(g).forEach(function (alt) {
        var p = alt.p, w = alt.w * idf(alt.df || p.d.length);
        for (j = 0; j < p.d.length; j++) {
          var d = p.d[j];
          if (allow && !allow.has(d)) continue;
          var x = p.f[j] + p.b[j] / (1 - B + B * meta.len[d] / avg), sc = w * x * (K1 + 1) / (x + K1);
          if (sc > best[d]) best[d] = sc;
        }
      });
      for (i = 0; i < N; i++) if (best[i] > 0) { M[i]++; S[i] += best[i]; }
    });
    P.triples.forEach(function (t) {
      var p = postings(hashShard(t), t, true);
      if (p) p.d.forEach(function (d) { T[d]++; });
    });
    var out = [], nt = P.triples.length;
    for (i = 0; i < N; i++) {
      if (M[i]) out.push({ d: i, m: M[i], s: (nt ? S[i] * (1 + PHRASE * T[i] / nt) : S[i]) * (quizzes.has(i) ? QUIZW : 1) });
    }
    return out.sort(function (x, y) { return y.m - x.m || y.s - x.s || x.d - y.d; });
  }

  function count(h, n) {
    for (var c = 0, i = h.indexOf(n); i >= 0; i = h.indexOf(n, i + n.length)) c++;
    return c;
  }
  // The section to link to: the one whose heading, then text, holds the
  // most of the query, longer matches (phrases) counting more. -1 if none.
  function bestSection(doc, needles) {
    var best = -1, top = 0;
    doc.x.forEach(function (x, k) {
      var h = foldStr(x[1]), t = foldStr(x[2]), v = 0;
      needles.forEach(function (n) {
        v += n.length * n.length * (3 * count(h, n) + Math.min(count(t, n), 3));
      });
      if (v > top) { top = v; best = k; }
    });
    return best;
  }

  function result(a, doc, P) {
    if (!doc) return null;
    var k = bestSection(doc, P.needles), sec = doc.x[k], url = doc.u;
    if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(url)) return null;
    if (sec && sec[0]) url += '#' + encodeURIComponent(sec[0]);
    var sn = snippet(sec ? sec[2] : '', P.needles);
    if (!sn.hit && doc.s) sn = snippet(doc.s, P.needles);
    if (!sn.parts.length && doc.x.length) sn = snippet(doc.x[0][2], P.needles);
    // The link carries the terms to mark on the page it opens (see
    // search-boot.js), before its anchor.
    var hl = P.needles.length ? '?hl=' + encodeURIComponent(P.needles.slice(0, 40).join(' ')) : '';
    var at = url.indexOf('#'), href = at < 0 ? url + hl : url.slice(0, at) + hl + url.slice(at);
    return {
      url: url, href: root + href, doc: a.d, title: doc.t, titleParts: marks(doc.t, P.needles),
      kind: doc.k, kindLabel: meta.kinds[doc.k] || doc.k, heading: sec ? sec[1] : '',
      snippet: sn.parts, score: a.s, matched: a.m
    };
  }
  function snippet(text, needles) {
    var f = foldStr(text), first = -1, start = 0, end;
    needles.forEach(function (n) {
      var i = f.indexOf(n);
      if (i >= 0 && (first < 0 || i < first)) first = i;
    });
    if (first > 30) start = first - 20;
    end = Math.min(text.length, start + 120);
    var parts = marks(text.slice(start, end), needles, f.slice(start, end));
    if (start > 0) parts.unshift(['…', false]);
    if (end < text.length) parts.push(['…', false]);
    return { parts: parts, hit: first >= 0 };
  }
  // [text, marked] parts of t, marking the longest needle at each place.
  function marks(t, needles, f) {
    f = f || foldStr(t);
    var out = [], i = 0, last = 0;
    while (i < f.length) {
      var len = 0;
      for (var j = 0; j < needles.length && !len; j++) if (f.startsWith(needles[j], i)) len = needles[j].length;
      if (!len) { i++; continue; }
      if (i > last) out.push([t.slice(last, i), false]);
      out.push([t.slice(i, i + len), true]);
      last = i += len;
    }
    if (last < t.length) out.push([t.slice(last), false]);
    return out;
  }

  window.HBSearch = {
    add: add, search: search, parse: parse,
    loaded: function () { return order.slice(); }
  };

  // ---- Page behaviour ----
  function el(tag, cls, text) {
    var e = d.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function fill(e, parts) {
    parts.forEach(function (p) { e.appendChild(p[1] ? el('mark', null, p[0]) : d.createTextNode(p[0])); });
    return e;
  }
  var NONE = '没有找到与“{q}”相关的内容'; // the default for both the box and the page
  function label(node, key, def) { return (node && node.getAttribute('data-l-' + key)) || def; }
  function fmt(s, o) { return s.replace(/\{(\w+)\}/g, function (m, k) { return k in o ? o[k] : m; }); }
  function entry(r, cls) {
    var a = el('a', cls);
    a.href = r.href;
    a.appendChild(fill(el('span', 'search-title'), r.titleParts));
    return a;
  }
  function details(box, r) {
    box.appendChild(el('span', 'search-kind', r.kindLabel));
    // The section's heading, unless it only repeats the kind or the title.
    if (r.heading && r.heading !== r.kindLabel && r.heading !== r.title) box.appendChild(el('span', 'search-section', r.heading));
    box.appendChild(fill(el('span', 'search-snippet'), r.snippet));
  }

  function initBox() {
    var input = d.getElementById('site-search-input'), box = d.getElementById('site-search-dropdown');
    if (!input || !box) return;
    var form = input.form, items = [], active = -1, seq = 0, timer;
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', box.id);
    input.setAttribute('aria-expanded', 'false');
    box.setAttribute('role', 'listbox');
    function close() {
      box.hidden = true; active = -1;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
    }
    function setActive(i) {
      if (active >= 0) items[active].classList.remove('active');
      active = i;
      if (i < 0) return input.removeAttribute('aria-activedescendant');
      items[i].classList.add('active');
      items[i].scrollIntoView({ block: 'nearest' });
      input.setAttribute('aria-activedescendant', items[i].id);
    }
    function render(rs, q) {
      box.textContent = ''; items = []; active = -1;
      rs.forEach(function (r) { details(box.appendChild(entry(r, 'search-item')), r); });
      if (!rs.length) box.appendChild(el('p', 'search-none', fmt(label(form, 'none', NONE), { q: q })));
      var all = box.appendChild(el('a', 'search-all', label(form, 'all', '查看全部结果')));
      all.href = (form && form.getAttribute('action') || root + 'search.html') + '?q=' + encodeURIComponent(q);
      items = [].slice.call(box.querySelectorAll('a'));
      items.forEach(function (a, i) { a.id = 'site-search-opt-' + i; a.setAttribute('role', 'option'); });
      box.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }
    function run() {
      var q = input.value.trim(), my = ++seq;
      if (!q) return close();
      search(q, { limit: 8 }).then(function (rs) { if (my === seq) render(rs, q); }, function () { if (my === seq) close(); });
    }
    input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(run, 60); });
    input.addEventListener('keydown', function (e) {
      // Keys that pick or commit an input method's candidate are its own.
      if (e.isComposing || e.keyCode === 229) return;
      var k = e.key;
      if ((k === 'ArrowDown' || k === 'ArrowUp') && !box.hidden && items.length) {
        e.preventDefault();
        var n = items.length;
        setActive(k === 'ArrowDown' ? (active + 1) % n : (active < 0 ? n - 1 : (active + n - 1) % n));
      } else if (k === 'Enter' && !box.hidden && active >= 0) {
        e.preventDefault();
        location.href = items[active].href;
      } else if (k === 'Escape') close();
    });
    // A browser may submit the form from Enter's character event even so.
    if (form) form.addEventListener('submit', function (e) {
      if (!box.hidden && active >= 0) { e.preventDefault(); location.href = items[active].href; }
    });
    d.addEventListener('click', function (e) { if (e.target !== input && !box.contains(e.target)) close(); });
    // What was typed before this script loaded (see search-boot.js).
    if (d.activeElement === input && input.value.trim()) run();
  }

  function initPage() {
    var pg = d.getElementById('search-page'), input = d.getElementById('search-page-input');
    if (!pg || !input) return;
    var kind = d.getElementById('search-kind'), role = d.getElementById('search-role');
    var status = d.getElementById('search-status'), list = pg.querySelector('.search-results');
    var params = new URLSearchParams(location.search), shown = 20, seq = 0, timer, more;
    function options(sel, json, anyKey, anyDef, pairs) {
      if (!sel || sel.options.length > 1) return;
      try { json = JSON.parse(json || ''); } catch (e) { return; }
      if (!sel.options.length) sel.appendChild(el('option', null, label(pg, anyKey, anyDef))).value = '';
      (pairs ? Object.keys(json) : json).forEach(function (k) {
        sel.appendChild(el('option', null, pairs ? json[k] : k)).value = k;
      });
    }
    options(kind, pg.getAttribute('data-kinds'), 'any-kind', '全部类型', true);
    options(role, pg.getAttribute('data-roles'), 'any-role', '全部岗位', false);
    input.value = params.get('q') || '';
    if (kind) kind.value = params.get('kind') || '';
    if (role) role.value = params.get('role') || '';
    function say(s) { if (status) status.textContent = s; }
    function run() {
      var q = input.value.trim(), k = kind ? kind.value : '', r = role ? role.value : '', my = ++seq;
      var p = new URLSearchParams();
      if (q) p.set('q', q);
      if (k) p.set('kind', k);
      if (r) p.set('role', r);
      try { history.replaceState(null, '', location.pathname + (p.toString() ? '?' + p : '')); } catch (e) { /* file:// may refuse */ }
      if (more) { more.remove(); more = null; }
      if (!q) { list.textContent = ''; return say(label(pg, 'empty', '输入关键词开始搜索')); }
      say(label(pg, 'loading', '正在搜索…'));
      search(q, { kind: k, role: r, limit: shown }).then(function (rs) {
        if (my !== seq) return;
        list.textContent = '';
        rs.forEach(function (x) {
          var li = list.appendChild(el('li'));
          li.appendChild(entry(x));
          details(li, x);
        });
        say(rs.total ? fmt(label(pg, 'count', '找到 {n} 条结果'), { n: rs.total }) : fmt(label(pg, 'none', NONE), { q: q }));
        if (rs.total > rs.length) {
          more = list.parentNode.insertBefore(el('button', 'search-more', label(pg, 'more', '显示更多结果')), list.nextSibling);
          more.type = 'button';
          more.onclick = function () { shown += 20; run(); };
        }
      }, function () { if (my === seq) say(label(pg, 'error', '搜索索引载入失败')); });
    }
    function soon() { shown = 20; clearTimeout(timer); timer = setTimeout(run, 80); }
    input.addEventListener('input', soon);
    [kind, role].forEach(function (s) { if (s) s.addEventListener('change', soon); });
    if (input.form) input.form.addEventListener('submit', function (e) { e.preventDefault(); clearTimeout(timer); run(); });
    run();
  }

  function init() { initBox(); initPage(); }
  if (d.readyState === 'loading') d.addEventListener('DOMContentLoaded', init); else init();
})();
