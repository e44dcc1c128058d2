/* app.js - kundli's web page: the birth form with place search, the chart
 * (drawings, planets, dasha, panchang, doshas), match, the day's panchang
 * and saved charts, all through kundlid's own /v1 API (docs/API.md).
 * Plain DOM, no framework, no requests to other origins.
 * SPDX-License-Identifier: AGPL-3.0-or-later */
'use strict';

(function () {
  const KEY_STORAGE = 'kundli.apiKey';
  const SEARCH_DELAY_MS = 250;
  const SECTIONS = 'planets,dasha,panchang,doshas';

  /* ------------------------------------------------------------ helpers */

  const $ = (sel, root) => (root || document).querySelector(sel);
  const $$ = (sel, root) => Array.from((root || document).querySelectorAll(sel));

  /* h('td', {class: 'x'}, 'text', node): an element with attributes and children. */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === false || v === null || v === undefined) continue;
      if (k === 'text') el.textContent = v;
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }

  const cap = (s) => (s ? String(s).charAt(0).toUpperCase() + String(s).slice(1).replace(/_/g, ' ') : '');
  /* "2014-07-16T15:34:07+05:30" -> "2014-07-16"; "… 15:34" with time. */
  const day = (iso) => (iso ? iso.slice(0, 10) : '—');
  const clock = (iso) => (iso ? iso.slice(11, 16) : '—');
  const stamp = (iso) => (iso ? iso.slice(0, 10) + ' ' + iso.slice(11, 16) : '—');

  function announce(text) {
    const live = $('#live');
    live.textContent = '';
    window.setTimeout(() => { live.textContent = text; }, 50);
  }

  /* ------------------------------------------------------------ the API */

  /* One request to kundlid. Resolves to {ok, status, data, error, text}:
   * error is the API's {code, message, field} (or a network failure's). */
  async function call(method, path, opts) {
    const o = opts || {};
    const headers = {};
    let body;
    if (o.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(o.json);
    }
    if (o.key) headers.Authorization = 'Bearer ' + o.key;
    if (o.accept) headers.Accept = o.accept;
    let res;
    try {
      res = await fetch(path, {method, headers, body, signal: o.signal, credentials: 'same-origin'});
    } catch (e) {
      if (e.name === 'AbortError') throw e;
      return {ok: false, status: 0, error: {code: 'network', message: 'kundlid did not answer: ' + e.message, field: ''}};
    }
    const text = res.status === 204 ? '' : await res.text();
    const type = res.headers.get('Content-Type') || '';
    let data = null;
    if (type.startsWith('application/json')) {
      try { data = JSON.parse(text); } catch (e) { data = null; }
    }
    if (res.ok) return {ok: true, status: res.status, data, text};
    const error = data && data.error ? data.error
      : {code: 'http_' + res.status, message: 'HTTP ' + res.status + ' ' + res.statusText, field: ''};
    return {ok: false, status: res.status, data, error, text};
  }

  const query = (params) => new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '' && v !== undefined)).toString();

  /* An endpoint this kundlid does not have yet (older build): 404/405 not_found. */
  const missingEndpoint = (r) => !r.ok && (r.status === 404 || r.status === 405);

  /* The place search: GET /v1/places?q=&limit= (an array of cities). Throws
   * 'unavailable' when the server has no place search. */
  const Places = {
    async search(q, signal) {
      const r = await call('GET', '/v1/places?' + query({q, limit: 8}), {signal});
      if (missingEndpoint(r)) throw new Error('unavailable');
      if (!r.ok) throw new Error(r.error.message);
      return Array.isArray(r.data) ? r.data : (r.data && r.data.places) || [];
    },
  };

  /* The chart drawings: GET /v1/kundli/chart.svg?…&style=&varga= (an SVG
   * document). Resolves to an <svg> element ready to insert, {error}, or
   * null when the server draws no charts. */
  const Drawing = {
    async fetch(params, style, varga, name) {
      const r = await call('GET', '/v1/kundli/chart.svg?' + query(Object.assign({}, params, {style, varga, name})),
                           {accept: 'image/svg+xml'});
      if (missingEndpoint(r)) return null;
      if (!r.ok) return {error: r.error};
      /* Its <style> is refused by the page's Content-Security-Policy (even in
       * a parsed document): cut before parsing; app.css styles the same
       * classes. */
      const text = r.text.replace(/<style[\s>][\s\S]*?<\/style>/g, '');
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const svg = doc.documentElement;
      if (!svg || svg.nodeName !== 'svg') return {error: {message: 'the drawing is not SVG', field: ''}};
      svg.removeAttribute('width');
      svg.removeAttribute('height');
      svg.setAttribute('role', 'img');
      const title = svg.querySelector('title');
      if (title) svg.setAttribute('aria-label', title.textContent);
      return document.importNode(svg, true);
    },
  };

  /* ------------------------------------------------------ birth fields */

  /* Fills a .birth-slot from the template with ids prefixed by prefix:
   * date, time (or only date for a day), place, latitude, longitude, zone. */
  function buildBirth(slot, prefix) {
    const dayOnly = slot.dataset.day === '1';
    const frag = $('#birth-fields').content.cloneNode(true);
    for (const f of $$('[data-only]', frag)) {
      if ((f.dataset.only === 'day') !== dayOnly) f.remove();
    }
    for (const label of $$('label[data-for]', frag)) label.htmlFor = prefix + label.dataset.for;
    for (const input of $$('[data-key]', frag)) input.id = prefix + input.dataset.key;
    const list = $('.listbox', frag);
    list.id = prefix + 'place-list';
    const combo = $('[role=combobox]', frag);
    combo.setAttribute('aria-controls', list.id);
    const hint = $('[data-hint=place]', frag);
    hint.id = prefix + 'place-hint';
    combo.setAttribute('aria-describedby', hint.id);
    slot.append(frag);
    initCombobox(slot, combo, list, hint);
  }

  /* The values of a birth scope: {date, time, timezone, latitude, longitude}. */
  function readBirth(scope) {
    const v = (k) => { const el = $('[data-key="' + k + '"]', scope); return el ? el.value.trim() : ''; };
    return {date: v('date'), time: v('time'), timezone: v('timezone'), latitude: v('latitude'), longitude: v('longitude'), place: v('place')};
  }

  /* A coordinate as a JSON number when it is a plain decimal, else the text
   * as typed (the server explains what it cannot read). */
  const coord = (s) => (/^[-+]?\d+(\.\d+)?$/.test(s) ? Number(s) : s);

  function birthJson(b) {
    return {date: b.date, time: b.time, timezone: b.timezone, latitude: coord(b.latitude), longitude: coord(b.longitude)};
  }

  function fillBirth(scope, birth, place) {
    const set = (k, v) => { const el = $('[data-key="' + k + '"]', scope); if (el && v !== undefined && v !== null) el.value = String(v); };
    set('date', birth.date);
    set('time', (birth.time || '').slice(0, 5));
    set('timezone', birth.timezone);
    set('latitude', birth.latitude);
    set('longitude', birth.longitude);
    set('place', place || birth.place || '');
  }

  /* ----------------------------------------------------- place combobox */

  function initCombobox(scope, input, list, hint) {
    let items = [];
    let active = -1;
    let timer = 0;
    let pending = null;

    const open = () => { list.hidden = false; input.setAttribute('aria-expanded', 'true'); };
    const close = () => {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    };
    const label = (p) => [p.name, p.state, p.country].filter(Boolean).join(', ');

    function highlight(i) {
      const opts = $$('[role=option]', list);
      opts.forEach((o, j) => o.setAttribute('aria-selected', j === i ? 'true' : 'false'));
      active = i;
      if (i >= 0 && opts[i]) {
        input.setAttribute('aria-activedescendant', opts[i].id);
        opts[i].scrollIntoView({block: 'nearest'});
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }

    function pick(i) {
      const p = items[i];
      if (!p) return;
      input.value = label(p);
      const set = (k, v) => {
        const el = $('[data-key="' + k + '"]', scope);
        el.value = v;
        clearFieldError(el);
      };
      set('latitude', Number(p.latitude).toFixed(4));
      set('longitude', Number(p.longitude).toFixed(4));
      set('timezone', p.timezone);
      clearFieldError(input);
      close();
      hint.textContent = 'Latitude, longitude and time zone filled in from ' + p.name + '; you can still edit them.';
    }

    function render() {
      list.textContent = '';
      items.forEach((p, i) => {
        const li = h('li', {role: 'option', id: input.id + '-opt-' + i, 'aria-selected': 'false'},
          p.name, h('small', {}, [p.state, p.country].filter(Boolean).join(', ') + ' · ' + p.timezone));
        li.addEventListener('mousedown', (e) => e.preventDefault()); /* keep the focus in the input */
        li.addEventListener('click', () => pick(i));
        list.append(li);
      });
      if (items.length) {
        open();
        hint.textContent = items.length + (items.length === 1 ? ' place' : ' places') + ' found: use the arrow keys and Enter to choose.';
      } else {
        close();
        hint.textContent = 'No place found; enter latitude, longitude and time zone yourself.';
      }
    }

    async function search(q) {
      if (pending) pending.abort();
      pending = new AbortController();
      try {
        items = await Places.search(q, pending.signal);
        if (input.value.trim() === q) render();
      } catch (e) {
        if (e.name === 'AbortError') return;
        items = [];
        close();
        hint.textContent = e.message === 'unavailable'
          ? 'Place search is not available on this server; enter latitude, longitude and time zone.'
          : 'Place search failed: ' + e.message;
      }
    }

    input.addEventListener('input', () => {
      window.clearTimeout(timer);
      const q = input.value.trim();
      if (q.length < 2) { items = []; close(); return; }
      timer = window.setTimeout(() => search(q), SEARCH_DELAY_MS);
    });
    input.addEventListener('keydown', (e) => {
      const n = items.length;
      if (e.key === 'ArrowDown' && n) {
        e.preventDefault();
        if (list.hidden) open();
        highlight((active + 1) % n);
      } else if (e.key === 'ArrowUp' && n) {
        e.preventDefault();
        if (list.hidden) open();
        highlight(active <= 0 ? n - 1 : active - 1);
      } else if (e.key === 'Enter' && !list.hidden) {
        e.preventDefault(); /* choosing a place does not submit the form */
        pick(active >= 0 ? active : 0);
      } else if (e.key === 'Escape' && !list.hidden) {
        e.preventDefault();
        close();
      }
    });
    input.addEventListener('blur', () => window.setTimeout(close, 120));
  }

  /* ------------------------------------------------------------- errors */

  function clearFieldError(input) {
    input.removeAttribute('aria-invalid');
    const err = document.getElementById(input.id + '-error');
    if (err) err.remove();
    const hint = input.getAttribute('aria-describedby') || '';
    const rest = hint.split(' ').filter((id) => id && id !== input.id + '-error').join(' ');
    if (rest) input.setAttribute('aria-describedby', rest); else input.removeAttribute('aria-describedby');
  }

  function clearErrors(form, general) {
    for (const el of $$('[aria-invalid="true"]', form)) clearFieldError(el);
    general.textContent = '';
  }

  const ALIASES = {tz: 'timezone', lat: 'latitude', lon: 'longitude', houses: 'house_system', style: 'chart_style'};

  /* The input an API error's field names ("birth.date", "girl.birth.tz",
   * "options.ayanamsa", "lat"), or null. */
  function fieldInput(form, field) {
    if (!field) return null;
    let parts = field.split('.');
    let scope = form;
    if (parts[0] === 'boy' || parts[0] === 'girl') {
      scope = $('.birth-slot[data-side="' + parts[0] + '"]', form) || form;
      parts = parts.slice(1);
    }
    if (parts[0] === 'birth' || parts[0] === 'options') parts = parts.slice(1);
    if (parts.length !== 1) return null;
    const key = ALIASES[parts[0]] || parts[0];
    return $('[data-key="' + key + '"]', scope);
  }

  /* Shows error next to the field it names, else in the form's general area. */
  function showError(form, general, error) {
    const input = fieldInput(form, error.field);
    if (!input) {
      general.textContent = error.message + (error.field ? ' (' + error.field + ')' : '');
      return;
    }
    clearFieldError(input);
    const p = h('p', {class: 'field-error', id: input.id + '-error'}, error.message);
    const field = input.closest('.field');
    field.append(p);
    input.setAttribute('aria-invalid', 'true');
    const described = (input.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
    described.unshift(p.id);
    input.setAttribute('aria-describedby', described.join(' '));
    const details = input.closest('details');
    if (details) details.open = true;
    input.focus();
  }

  async function busy(form, fn) {
    const button = $('button[type=submit]', form);
    button.disabled = true;
    try { return await fn(); } finally { button.disabled = false; }
  }

  /* --------------------------------------------------------------- tabs */

  function initTabs() {
    const tabs = $$('[role=tab]');
    function select(tab, focus) {
      for (const t of tabs) {
        const on = t === tab;
        t.setAttribute('aria-selected', on ? 'true' : 'false');
        t.tabIndex = on ? 0 : -1;
        document.getElementById(t.getAttribute('aria-controls')).hidden = !on;
      }
      if (focus) tab.focus();
      if (tab.id === 'tab-saved') Saved.list();
    }
    tabs.forEach((t, i) => {
      t.addEventListener('click', () => select(t, false));
      t.addEventListener('keydown', (e) => {
        let j = null;
        if (e.key === 'ArrowRight') j = (i + 1) % tabs.length;
        else if (e.key === 'ArrowLeft') j = (i - 1 + tabs.length) % tabs.length;
        else if (e.key === 'Home') j = 0;
        else if (e.key === 'End') j = tabs.length - 1;
        if (j !== null) { e.preventDefault(); select(tabs[j], true); }
      });
    });
    return (id) => select(document.getElementById(id), false);
  }

  /* -------------------------------------------------------- birth chart */

  const Chart = {
    form: null,
    general: null,
    last: null,  /* {name, birth, options, params} of the chart shown */
    style: 'north',

    init() {
      this.form = $('#chart-form');
      this.general = $('#chart-error');
      this.form.addEventListener('submit', (e) => { e.preventDefault(); this.submit(); });
      $('#c-style').addEventListener('change', (e) => this.setStyle(e.target.value));
      for (const r of $$('input[name=style-toggle]')) {
        r.addEventListener('change', () => { if (r.checked) this.setStyle(r.value); });
      }
      $('#save-chart').addEventListener('click', () => Saved.save());
    },

    read() {
      const b = readBirth(this.form);
      const options = {ayanamsa: $('#c-ayanamsa').value, node: $('#c-node').value, house_system: $('#c-house_system').value};
      const params = Object.assign({date: b.date, time: b.time, tz: b.timezone, lat: b.latitude, lon: b.longitude}, options);
      return {name: $('#c-name').value.trim(), place: b.place, birth: birthJson(b), options, params};
    },

    async submit() {
      clearErrors(this.form, this.general);
      const input = this.read();
      await busy(this.form, async () => {
        const r = await call('GET', '/v1/kundli?' + query(Object.assign({sections: SECTIONS}, input.params)));
        if (!r.ok) { showError(this.form, this.general, r.error); return; }
        this.last = input;
        this.render(r.data, input);
        await this.draw();
      });
    },

    setStyle(style) {
      this.style = style;
      $('#c-style').value = style;
      for (const r of $$('input[name=style-toggle]')) r.checked = r.value === style;
      if (this.last) this.draw();
    },

    async draw() {
      const input = this.last;
      const style = this.style;
      const results = await Promise.all(['D1', 'D9'].map((v) => Drawing.fetch(input.params, style, v, input.name)));
      if (this.last !== input || this.style !== style) return; /* a newer one is on its way */
      ['d1', 'd9'].forEach((id, i) => {
        const box = $('#draw-' + id);
        const got = results[i];
        box.textContent = '';
        if (got === null) box.append(h('p', {}, 'This kundlid does not draw charts yet.'));
        else if (got.error) box.append(h('p', {class: 'field-error'}, got.error.message));
        else box.append(got);
      });
    },

    render(doc, input) {
      $('#chart-result').hidden = false;
      const asc = doc.ascendant || {};
      $('#result-title').textContent = input.name || 'Birth chart';
      const inp = doc.input || {};
      $('#result-sub').textContent = [inp.date + ' ' + (inp.time || '').slice(0, 5) + ' ' + (inp.utc_offset || ''),
        input.place || (inp.latitude + '°, ' + inp.longitude + '°'), inp.timezone,
        'Lagna ' + asc.sign + ' ' + (asc.dms || '')].join(' · ');
      $('#save-status').textContent = '';
      this.planets(doc);
      this.dasha(doc.dasha);
      this.panchang(doc.panchang);
      this.doshas(doc.doshas);
      const moon = (doc.planets || []).find((p) => p.name === 'Moon') || {};
      announce('Chart computed: lagna ' + asc.sign + ', Moon in ' + moon.sign + ' (' + moon.nakshatra + ').');
    },

    planets(doc) {
      const body = $('#planets-table tbody');
      body.textContent = '';
      const asc = doc.ascendant;
      if (asc) {
        body.append(h('tr', {}, h('th', {scope: 'row'}, 'Lagna'), h('td', {}, asc.sign), h('td', {}, asc.dms),
          h('td', {}, asc.nakshatra + ' (' + asc.pada + ')'), h('td', {}, '1'), h('td', {}, '—'), h('td', {}, '')));
      }
      for (const p of doc.planets || []) {
        const notes = h('td', {});
        if (p.retrograde) notes.append(h('span', {class: 'flag', title: 'retrograde'}, '℞ retrograde'));
        if (p.combust) notes.append(h('span', {class: 'flag', title: 'combust'}, 'combust'));
        if (p.karaka) notes.append(h('span', {class: 'flag'}, cap(p.karaka)));
        const dignity = cap(p.dignity) + (p.relationship && p.relationship !== p.dignity ? ' (' + cap(p.relationship) + ')' : '');
        body.append(h('tr', {}, h('th', {scope: 'row'}, p.name), h('td', {}, p.sign), h('td', {}, p.dms),
          h('td', {}, p.nakshatra + ' (' + p.pada + ')'), h('td', {}, String(p.house)), h('td', {}, dignity), notes));
      }
    },

    dasha(d) {
      const list = $('#dasha-timeline');
      list.textContent = '';
      const now = $('#dasha-now');
      now.textContent = '';
      if (!d || !d.periods || !d.periods.length) return;
      const cur = d.current || null;
      if (cur) {
        now.textContent = 'Running on ' + day(cur.as_of) + ': ' + cur.maha.lord + ' mahadasha, ' + cur.antar.lord +
          ' antardasha, ' + cur.pratyantar.lord + ' pratyantardasha (until ' + day(cur.pratyantar.end_local || cur.pratyantar.end) + ').';
      }
      const t0 = Date.parse(d.periods[0].start);
      const t1 = Date.parse(d.periods[d.periods.length - 1].end);
      const same = (a, b) => a && b && a.lord === b.lord && a.start === b.start;
      for (const p of d.periods) {
        const running = cur && same(p, cur.maha);
        const a = Date.parse(p.start);
        const b = Date.parse(p.end);
        const bar = h('span', {class: 'bar'});
        bar.style.left = (100 * (a - t0) / (t1 - t0)).toFixed(2) + '%';
        bar.style.width = Math.max(0.5, 100 * (b - a) / (t1 - t0)).toFixed(2) + '%';
        const li = h('li', {class: running ? 'current' : null, 'aria-current': running ? 'true' : null},
          h('strong', {}, p.lord),
          h('span', {class: 'bar-track', 'aria-hidden': 'true'}, bar),
          h('span', {class: 'span'}, day(p.start_local || p.start) + ' – ' + day(p.end_local || p.end) + ' · ' +
            Number(p.years).toFixed(1).replace(/\.0$/, '') + ' y' + (running ? ' · running' : '')));
        if (running && p.periods) {
          const sub = h('ol', {class: 'antar', 'aria-label': p.lord + ' antardashas'});
          for (const q of p.periods) {
            const on = same(q, cur.antar);
            sub.append(h('li', {class: on ? 'current' : null, 'aria-current': on ? 'true' : null},
              q.lord + ' ' + day(q.start_local || q.start) + (on ? ' (running)' : '')));
          }
          li.append(sub);
        }
        list.append(li);
      }
    },

    panchang(p) {
      const dl = $('#birth-panchang');
      dl.textContent = '';
      if (!p) return;
      const row = (k, v) => dl.append(h('dt', {}, k), h('dd', {}, v));
      row('Vara', p.vara.name + ' (' + p.vara.sanskrit + ', lord ' + p.vara.lord + ')');
      row('Tithi', p.tithi.name + ' (' + p.tithi.paksha + ' paksha)');
      row('Nakshatra', p.nakshatra.name + ', pada ' + p.nakshatra.pada + ' (lord ' + p.nakshatra.lord + ')');
      row('Yoga', p.yoga.name);
      row('Karana', p.karana.name);
      row('Sunrise', clock(p.sunrise));
      row('Sunset', clock(p.sunset));
    },

    doshas(d) {
      const dl = $('#doshas');
      dl.textContent = '';
      if (!d) return;
      const row = (k, v) => dl.append(h('dt', {}, k), h('dd', {}, v));
      if (d.manglik) {
        const m = d.manglik;
        const from = [['lagna', m.from_lagna], ['Moon', m.from_moon], ['Venus', m.from_venus]].filter((x) => x[1]).map((x) => x[0]);
        let text = m.present ? 'Yes' : 'No';
        if (from.length) text += ': Mars (' + m.mars_sign + ') in a counted house from ' + from.join(', ');
        if (m.cancellations && m.cancellations.length) text += '; cancelled: ' + m.cancellations.map((c) => c.description).join('; ');
        row('Manglik', text);
      }
      if (d.kaal_sarp) {
        const k = d.kaal_sarp;
        row('Kaal sarp', k.present ? cap(k.status) + ' ' + (k.type || '') + (k.outside ? ' (' + k.outside + ' outside the axis)' : '') : 'No');
      }
      if (d.sade_sati) {
        const s = d.sade_sati;
        let text = s.active ? 'Running (' + cap(s.phase) + ' phase)' : 'Not running';
        text += ' on ' + day(s.as_of) + '; Moon sign ' + s.moon_sign + ', Saturn in ' + s.saturn_sign;
        if (s.next) text += '; next ' + day(s.next.start_local || s.next.start) + ' – ' + day(s.next.end_local || s.next.end);
        row('Sade sati', text);
      }
    },
  };

  /* -------------------------------------------------------------- match */

  const Match = {
    init() {
      this.form = $('#match-form');
      this.general = $('#match-error');
      this.form.addEventListener('submit', (e) => { e.preventDefault(); this.submit(); });
    },

    async submit() {
      clearErrors(this.form, this.general);
      const side = (s) => ({birth: birthJson(readBirth($('.birth-slot[data-side="' + s + '"]', this.form)))});
      await busy(this.form, async () => {
        const r = await call('POST', '/v1/match', {json: {boy: side('boy'), girl: side('girl')}});
        if (!r.ok) { showError(this.form, this.general, r.error); return; }
        this.render(r.data);
      });
    },

    render(m) {
      $('#match-result').hidden = false;
      const body = $('#koota-table tbody');
      body.textContent = '';
      for (const k of m.kootas) {
        const reason = h('td', {}, k.reason);
        if (k.exception) reason.append(h('br'), h('em', {}, 'Exception: ' + k.exception));
        body.append(h('tr', {}, h('th', {scope: 'row'}, cap(k.name)), h('td', {}, String(k.points)), h('td', {}, String(k.max)), reason));
      }
      const foot = $('#koota-table tfoot');
      foot.textContent = '';
      foot.append(h('tr', {}, h('th', {scope: 'row'}, 'Total'), h('td', {}, String(m.total)), h('td', {}, String(m.max)), h('td', {})));
      $('#match-title').textContent = 'Ashtakoota: ' + m.total + ' of ' + m.max + ' (boy ' + m.boy.nakshatra + ', girl ' + m.girl.nakshatra + ')';
      $('#match-manglik').textContent = m.manglik ? 'Manglik: ' + m.manglik.reason + (m.manglik.compatible ? ' (compatible).' : ' (not compatible).') : '';
      announce('Match computed: ' + m.total + ' of ' + m.max + ' points.');
    },
  };

  /* ----------------------------------------------------- day's panchang */

  const Panchang = {
    init() {
      this.form = $('#panchang-form');
      this.general = $('#panchang-error');
      const today = new Date();
      const pad = (n) => String(n).padStart(2, '0');
      $('[data-key=date]', this.form).value = today.getFullYear() + '-' + pad(today.getMonth() + 1) + '-' + pad(today.getDate());
      this.form.addEventListener('submit', (e) => { e.preventDefault(); this.submit(); });
    },

    async submit() {
      clearErrors(this.form, this.general);
      const b = readBirth(this.form);
      await busy(this.form, async () => {
        const r = await call('GET', '/v1/panchang?' + query({date: b.date, tz: b.timezone, lat: b.latitude, lon: b.longitude}));
        if (!r.ok) { showError(this.form, this.general, r.error); return; }
        this.render(r.data, b.place);
      });
    },

    render(p, place) {
      $('#panchang-result').hidden = false;
      $('#panchang-title').textContent = 'Panchang of ' + p.date + (place ? ' at ' + place : '');
      const dl = $('#day-panchang');
      dl.textContent = '';
      const row = (k, v) => dl.append(h('dt', {}, k), h('dd', {}, v));
      const spans = (list, name) => list.map((x) => name(x) + ' until ' + stamp(x.end)).join('; then ');
      row('Vara', p.vara.name + ' (' + p.vara.sanskrit + ')');
      row('Sunrise – sunset', clock(p.sunrise) + ' – ' + clock(p.sunset));
      row('Moonrise – moonset', clock(p.moonrise) + ' – ' + clock(p.moonset));
      row('Tithi', spans(p.tithi, (x) => x.name));
      row('Nakshatra', spans(p.nakshatra, (x) => x.name));
      row('Yoga', spans(p.yoga, (x) => x.name));
      row('Karana', spans(p.karana, (x) => x.name));
      row('Rahu kalam', clock(p.rahu_kalam.start) + ' – ' + clock(p.rahu_kalam.end));
      row('Yamaganda', clock(p.yamaganda.start) + ' – ' + clock(p.yamaganda.end));
      row('Gulika kalam', clock(p.gulika_kalam.start) + ' – ' + clock(p.gulika_kalam.end));
      row('Abhijit muhurta', clock(p.abhijit_muhurta.start) + ' – ' + clock(p.abhijit_muhurta.end));
      announce('Panchang of ' + p.date + ': ' + p.tithi[0].name + ', ' + p.nakshatra[0].name + '.');
    },
  };

  /* ------------------------------------------------------- saved charts */

  const Saved = {
    showTab: null,

    key() {
      try { return window.localStorage.getItem(KEY_STORAGE) || ''; } catch (e) { return ''; }
    },

    init(showTab) {
      this.showTab = showTab;
      this.form = $('#key-form');
      this.general = $('#saved-error');
      $('#api-key').value = this.key();
      this.form.addEventListener('submit', (e) => {
        e.preventDefault();
        const k = $('#api-key').value.trim();
        try { window.localStorage.setItem(KEY_STORAGE, k); } catch (err) { /* private mode: this page only */ }
        this.memory = k;
        this.list();
      });
      $('#forget-key').addEventListener('click', () => {
        try { window.localStorage.removeItem(KEY_STORAGE); } catch (err) { /* nothing kept */ }
        this.memory = '';
        $('#api-key').value = '';
        $('#saved-list').textContent = '';
        this.status('The key is forgotten.');
      });
      $('#refresh-saved').addEventListener('click', () => this.list());
    },

    current() { return this.key() || this.memory || ''; },

    status(text, ok) {
      const s = $('#saved-status');
      s.textContent = text;
      s.className = ok ? 'ok' : '';
    },

    async save() {
      const st = $('#save-status');
      const key = this.current();
      const last = Chart.last;
      if (!last) return;
      if (!key) {
        st.className = '';
        st.textContent = 'Enter your API key under "My charts" first.';
        return;
      }
      st.className = '';
      st.textContent = 'Saving…';
      const r = await call('POST', '/v1/kundlis', {key, json: {name: last.name, birth: last.birth, options: last.options,
                                                              notes: last.place ? 'Place: ' + last.place : undefined}});
      if (!r.ok) {
        st.textContent = '';
        if (r.status === 401 || r.status === 403) st.textContent = 'The API key was refused: ' + r.error.message;
        else showError(Chart.form, Chart.general, r.error);
        return;
      }
      st.className = 'ok';
      st.textContent = 'Saved as "' + (r.data.name || 'unnamed') + '".';
      announce(st.textContent);
    },

    async list() {
      const key = this.current();
      const ul = $('#saved-list');
      this.general.textContent = '';
      if (!key) { ul.textContent = ''; this.status('Enter an API key to see your saved charts.'); return; }
      this.status('Loading…');
      const r = await call('GET', '/v1/kundlis?' + query({limit: 100, fields: 'name,birth,options,notes,created_at'}), {key});
      if (!r.ok) {
        this.status('');
        this.general.textContent = r.error.message;
        ul.textContent = '';
        return;
      }
      ul.textContent = '';
      const items = r.data.items || [];
      this.status(items.length ? items.length + (items.length === 1 ? ' saved chart' : ' saved charts') + '.' : 'No saved charts yet.', true);
      for (const it of items) {
        const b = it.birth || {};
        const open = h('button', {type: 'button'}, 'Open');
        open.setAttribute('aria-label', 'Open ' + (it.name || 'unnamed chart'));
        open.addEventListener('click', () => this.open(it));
        ul.append(h('li', {}, h('span', {}, h('span', {class: 'who'}, it.name || '(unnamed)'), ' · ',
          b.date + ' ' + String(b.time || '').slice(0, 5) + ' · ' + (b.timezone || '')), open));
      }
    },

    open(it) {
      const form = Chart.form;
      $('#c-name').value = it.name || '';
      const place = (it.notes || '').startsWith('Place: ') ? it.notes.slice(7) : '';
      fillBirth(form, it.birth || {}, place);
      const o = it.options || {};
      if (o.ayanamsa) $('#c-ayanamsa').value = o.ayanamsa;
      if (o.node) $('#c-node').value = o.node;
      if (o.house_system) $('#c-house_system').value = o.house_system;
      this.showTab('tab-chart');
      Chart.submit();
    },
  };

  /* --------------------------------------------------------------- start */

  function start() {
    $$('.birth-slot').forEach((slot, i) => {
      const side = slot.dataset.side;
      const form = slot.closest('form');
      const prefix = form.id.replace('-form', '') + '-' + (side ? side + '-' : '') ;
      buildBirth(slot, i === 0 ? 'c-' : prefix);
    });
    const showTab = initTabs();
    Chart.init();
    Match.init();
    Panchang.init();
    Saved.init(showTab);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
