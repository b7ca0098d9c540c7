// Progressive enhancement only: every page and form works without this file.
// 1. Region pickers (web/components/region-field.tsx): choosing in a select shows the next level at
//    once (children from /api/v1/regions/{code}/children) instead of the "next level" button; in a
//    field of several regions, "add" adds a chip here (a typed name resolved by
//    /api/v1/regions/resolve; a name the server cannot resolve posts the form, which explains).
// 2. Forms marked data-confirm ask before they post (withdrawing an application).
// 3. Finders marked data-carry keep what was typed in their form (agreements, placements); with
//    data-reload-on, choosing in that select shows the form again for the choice (its agreements).
(function () {
  'use strict';

  var lang = document.documentElement.lang === 'en' ? 'en' : 'zh';

  function getJson(url) {
    return fetch(url, { headers: { accept: 'application/json' } }).then(function (res) {
      return res.ok ? res.json() : Promise.reject(res.status);
    });
  }

  function initRegionField(field) {
    var box = field.querySelector('.region-picker');
    if (!box) return;
    var levels = (field.getAttribute('data-levels') || '').split('|');
    var allOf = field.getAttribute('data-all-of') || '{name}';
    var maxLevel = Number(field.getAttribute('data-max-level') || '4');
    var now = field.querySelector('.region-name');
    var typed = field.querySelector('input[list]');
    var several = field.hasAttribute('data-several');
    var next = field.querySelector('[data-region-next]');
    if (next) next.hidden = true;

    function selects() {
      return Array.prototype.slice.call(box.querySelectorAll('select'));
    }

    function chosen() {
      var out = null;
      selects().forEach(function (s, i) {
        var o = s.selectedOptions[0];
        if (o && o.value && (i === 0 || o.index > 0)) out = { code: o.value, names: (out ? out.names : []).concat([o.textContent]) };
      });
      return out;
    }

    function showNow() {
      if (!now) return;
      var c = chosen();
      var root = field.getAttribute('data-root-name');
      var names = c ? c.names : [];
      if (root && !(c && selects()[0].selectedIndex === 0)) names = [root].concat(names);
      if (!c && !root) return;
      var text = lang === 'en' ? names.slice().reverse().join(', ') : names.join('');
      now.textContent = (now.getAttribute('data-template') || '{name}').replace('{name}', text);
    }

    function addLevel(parent, parentName, children, level) {
      var first = selects()[0];
      var wrap = document.createElement('div');
      wrap.className = 'region-level';
      var id = first.id.replace(/-l\d+$/, '') + '-l' + selects().length;
      var label = document.createElement('label');
      label.setAttribute('for', id);
      label.textContent = levels[level - 1] || '';
      var select = document.createElement('select');
      select.id = id;
      select.name = first.name;
      select.setAttribute('data-region-level', 'true');
      var all = document.createElement('option');
      all.value = parent;
      all.textContent = allOf.replace('{name}', parentName);
      select.appendChild(all);
      children.forEach(function (r) {
        var o = document.createElement('option');
        o.value = r.code;
        o.textContent = r.displayName || r.name;
        select.appendChild(o);
      });
      wrap.appendChild(label);
      wrap.appendChild(select);
      box.appendChild(wrap);
    }

    box.addEventListener('change', function (e) {
      var select = e.target;
      if (!select || select.tagName !== 'SELECT') return;
      var list = selects();
      list.slice(list.indexOf(select) + 1).forEach(function (s) {
        box.removeChild(s.parentNode);
      });
      if (typed) typed.value = '';
      showNow();
      var o = select.selectedOptions[0];
      if (!o || !o.value || (o.index === 0 && list.indexOf(select) > 0)) return;
      var level = o.value.length === 2 ? 2 : o.value.length === 4 ? 3 : 4;
      if (o.value.length > 6 || level > maxLevel) return;
      getJson('/api/v1/regions/' + encodeURIComponent(o.value) + '/children?lang=' + lang)
        .then(function (body) {
          if (select.value === o.value && body.items && body.items.length) addLevel(o.value, o.textContent, body.items, level);
        })
        .catch(function () {
          if (next) next.hidden = false;
        });
    });

    if (!several) return;
    var add = field.querySelector('[data-region-add]');
    var name = field.getAttribute('data-field');
    function addChip(code, text) {
      var list = field.querySelector('ul.chips');
      if (!list) {
        list = document.createElement('ul');
        list.className = 'chips';
        var none = field.querySelector('.chips-none');
        if (none) none.parentNode.replaceChild(list, none);
        else box.parentNode.insertBefore(list, box);
      }
      var exists = list.querySelector('input[value="' + code + '"]');
      if (exists) {
        exists.checked = true;
        return;
      }
      var li = document.createElement('li');
      var label = document.createElement('label');
      label.className = 'chip';
      var box2 = document.createElement('input');
      box2.type = 'checkbox';
      box2.name = name;
      box2.value = code;
      box2.checked = true;
      var span = document.createElement('span');
      span.textContent = text;
      label.appendChild(box2);
      label.appendChild(span);
      li.appendChild(label);
      list.appendChild(li);
    }
    function reset() {
      selects()
        .slice(1)
        .forEach(function (s) {
          box.removeChild(s.parentNode);
        });
      selects()[0].selectedIndex = 0;
      if (typed) typed.value = '';
    }
    add.addEventListener('click', function (e) {
      var text = typed ? typed.value.trim() : '';
      if (text) {
        e.preventDefault();
        var root = field.getAttribute('data-root');
        var q =
          '?name=' +
          encodeURIComponent(text) +
          '&lang=' +
          lang +
          '&wide=' +
          (field.hasAttribute('data-wide') ? 'true' : 'false') +
          (root ? '&within=' + encodeURIComponent(root) : '');
        getJson('/api/v1/regions/resolve' + q)
          .then(function (r) {
            addChip(r.code, r.displayName || r.fullName);
            reset();
          })
          .catch(function () {
            add.form.requestSubmit(add); // the server shows why, by the field
          });
        return;
      }
      var c = chosen();
      if (!c) return;
      e.preventDefault();
      var rootName = field.getAttribute('data-root-name');
      var names = rootName && selects()[0].selectedIndex > 0 ? [rootName].concat(c.names) : c.names;
      addChip(c.code, lang === 'en' ? names.slice().reverse().join(', ') : names.join(''));
      reset();
    });
  }

  document.querySelectorAll('[data-region-field]').forEach(initRegionField);

  // A finder (a talent or employer search above a form) carries what was typed in that form, so a
  // search or a choice does not lose it: its search form gets hidden copies of the form's values,
  // its choice links get them in their query. The finder's own fields and choices win.
  document.querySelectorAll('[data-carry]').forEach(function (box) {
    var target = document.getElementById(box.getAttribute('data-carry'));
    if (!target) return;
    function typed() {
      var out = [];
      Array.prototype.forEach.call(target.elements, function (el) {
        if (!el.name || el.disabled || el.type === 'submit' || el.type === 'button' || el.type === 'file') return;
        if ((el.type === 'checkbox' || el.type === 'radio') && !el.checked) return;
        if (el.value === '') return;
        out.push([el.name, el.value]);
      });
      return out;
    }
    box.addEventListener('submit', function (e) {
      var form = e.target;
      typed().forEach(function (p) {
        if (form.elements[p[0]]) return;
        var hidden = document.createElement('input');
        hidden.type = 'hidden';
        hidden.name = p[0];
        hidden.value = p[1];
        form.appendChild(hidden);
      });
    });
    var reloadOn = box.getAttribute('data-reload-on');
    var reloading = reloadOn ? target.elements[reloadOn] : null;
    if (reloading && reloading.tagName === 'SELECT') {
      reloading.addEventListener('change', function () {
        var url = new URL(target.getAttribute('action'), location.href);
        typed().forEach(function (p) {
          url.searchParams.set(p[0], p[1]);
        });
        location.assign(url.pathname + url.search + '#' + (target.closest('section') || target).id);
      });
    }
    box.addEventListener('click', function (e) {
      var a = e.target.closest ? e.target.closest('a[href]') : null;
      if (!a || !box.contains(a)) return;
      var url = new URL(a.getAttribute('href'), location.href);
      typed().forEach(function (p) {
        if (!url.searchParams.has(p[0])) url.searchParams.set(p[0], p[1]);
      });
      a.setAttribute('href', url.pathname + url.search + url.hash);
    });
  });

  document.querySelectorAll('form[data-confirm]').forEach(function (form) {
    form.addEventListener('submit', function (e) {
      if (!window.confirm(form.getAttribute('data-confirm'))) e.preventDefault();
    });
  });
})();
