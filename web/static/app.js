// Progressive enhancement only: every page and form works without this file.
// 1. Region fields get cascading selects (province → city → county → township) that fill in the
//    region code input from /api/v1/regions; the code input stays usable by itself.
// 2. Forms marked data-confirm ask before they post (withdrawing an application).
(function () {
  'use strict';

  function fetchRegions(code) {
    var url = code ? '/api/v1/regions/' + encodeURIComponent(code) + '/children' : '/api/v1/regions?limit=100';
    return fetch(url, { headers: { accept: 'application/json' } })
      .then(function (res) {
        return res.ok ? res.json() : { items: [] };
      })
      .then(function (body) {
        return body.items || [];
      })
      .catch(function () {
        return [];
      });
  }

  function prefixes(code) {
    var out = [];
    [2, 4, 6, 9].forEach(function (n) {
      if (code.length >= n) out.push(code.slice(0, n));
    });
    return out;
  }

  function initRegionField(field, index) {
    var input = field.querySelector('input');
    if (!input) return;
    var names = (field.getAttribute('data-levels') || 'Province|City|County|Township').split('|');
    var choose = field.getAttribute('data-choose') || '—';
    var box = document.createElement('div');
    box.className = 'region-picker';
    var selects = names.map(function (name, level) {
      var wrap = document.createElement('div');
      wrap.className = 'field';
      wrap.hidden = true;
      var id = input.id + '-level' + (level + 1);
      var label = document.createElement('label');
      label.setAttribute('for', id);
      label.textContent = name;
      var select = document.createElement('select');
      select.id = id;
      select.setAttribute('data-level', String(level + 1));
      wrap.appendChild(label);
      wrap.appendChild(select);
      box.appendChild(wrap);
      select.addEventListener('change', function () {
        onChange(level);
      });
      return select;
    });
    input.parentNode.insertBefore(box, input.nextSibling);

    function fill(level, regions, selected) {
      var select = selects[level];
      select.innerHTML = '';
      var empty = document.createElement('option');
      empty.value = '';
      empty.textContent = choose;
      select.appendChild(empty);
      regions.forEach(function (r) {
        var o = document.createElement('option');
        o.value = r.code;
        o.textContent = r.name;
        if (r.code === selected) o.selected = true;
        select.appendChild(o);
      });
      select.parentNode.hidden = regions.length === 0;
    }

    function clearFrom(level) {
      for (var i = level; i < selects.length; i++) {
        selects[i].innerHTML = '';
        selects[i].parentNode.hidden = true;
      }
    }

    var shown = field.querySelector('.region-name');
    function showName(level) {
      if (!shown) return;
      var parts = [];
      for (var i = 0; i <= level; i++) {
        var o = selects[i].selectedOptions[0];
        if (o && o.value) parts.push(o.textContent);
      }
      shown.textContent = (shown.getAttribute('data-template') || '{name}').replace('{name}', parts.join(''));
      shown.hidden = parts.length === 0;
    }

    function onChange(level) {
      var code = selects[level].value || (level > 0 ? selects[level - 1].value : '');
      input.value = code;
      showName(level);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      clearFrom(level + 1);
      if (selects[level].value && level + 1 < selects.length) {
        fetchRegions(selects[level].value).then(function (children) {
          fill(level + 1, children, '');
        });
      }
    }

    // Show the chain of the code already in the input.
    var chain = prefixes(input.value.trim());
    var parents = [''].concat(chain).slice(0, selects.length);
    parents.reduce(function (ready, parent, level) {
      return ready.then(function (go) {
        if (!go) return false;
        return fetchRegions(parent).then(function (regions) {
          fill(level, regions, chain[level] || '');
          return !!chain[level];
        });
      });
    }, Promise.resolve(true));
  }

  document.querySelectorAll('[data-region-field]').forEach(initRegionField);

  document.querySelectorAll('form[data-confirm]').forEach(function (form) {
    form.addEventListener('submit', function (e) {
      if (!window.confirm(form.getAttribute('data-confirm'))) e.preventDefault();
    });
  });
})();
