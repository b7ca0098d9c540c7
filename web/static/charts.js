// Progressive enhancement for /department/statistics: draws each figure's chart with ECharts
// (/vendor/echarts/echarts.min.js, served from the npm package) from the JSON island beside it:
//   <div data-chart="chart-data-x" hidden></div><script type="application/json" id="chart-data-x">…
// A spec is { kind: 'bar' | 'pie' | 'line' | 'stacked', categories: [], series: [{ name, data }],
// horizontal? }. Tooltips are drawn inside the SVG (renderMode richText): the HTML ones set style
// attributes, which the Content-Security-Policy refuses. Without script (or ECharts) the chart stays hidden and the tables say the same.
(function () {
  'use strict';
  var echarts = window.echarts;
  if (!echarts) return;
  var PALETTE = ['#175c8a', '#0f766e', '#c2410c', '#7c3aed', '#b45309', '#be185d', '#4d7c0f', '#0369a1', '#a16207', '#475569'];

  // At phone width (under 560 px) category labels rotate from four categories on and are cut
  // shorter, so they never overlap; the grid keeps them inside the chart (containLabel).
  function axisOption(spec, width) {
    var narrow = width > 0 && width < 560;
    var many = spec.categories.length > (narrow ? 3 : 8);
    var category = {
      type: 'category',
      data: spec.categories,
      axisLabel: spec.horizontal
        ? { width: narrow ? 84 : 120, overflow: 'truncate' }
        : { interval: 0, rotate: many ? (narrow ? 45 : 35) : 0, width: narrow ? 72 : 90, overflow: 'truncate', hideOverlap: true },
      axisTick: { alignWithLabel: true },
    };
    var value = { type: 'value', minInterval: 1 };
    if (spec.horizontal) category.inverse = true;
    var series = spec.series.map(function (s) {
      return {
        type: spec.kind === 'line' ? 'line' : 'bar',
        name: s.name,
        data: s.data,
        stack: spec.kind === 'stacked' ? 'total' : undefined,
        smooth: false,
        showSymbol: spec.kind === 'line' && spec.categories.length <= 36,
        emphasis: { focus: 'series' },
      };
    });
    return {
      color: PALETTE,
      aria: { enabled: true },
      tooltip: { trigger: 'axis', renderMode: 'richText', axisPointer: { type: spec.kind === 'line' ? 'line' : 'shadow' } },
      legend: spec.series.length > 1 ? { top: 0 } : undefined,
      grid: { left: 8, right: 16, top: spec.series.length > 1 ? 32 : 12, bottom: 8, containLabel: true },
      xAxis: spec.horizontal ? value : category,
      yAxis: spec.horizontal ? category : value,
      series: series,
    };
  }

  function pieOption(spec) {
    var s = spec.series[0] || { name: '', data: [] };
    return {
      color: PALETTE,
      aria: { enabled: true },
      tooltip: { trigger: 'item', renderMode: 'richText', formatter: '{b}: {c} ({d}%)' },
      legend: { bottom: 0, type: 'scroll' },
      series: [
        {
          type: 'pie',
          name: s.name,
          radius: ['38%', '68%'],
          center: ['50%', '45%'],
          label: { formatter: '{b}\n{d}%' },
          data: spec.categories.map(function (c, i) {
            return { name: c, value: s.data[i] };
          }),
        },
      ],
    };
  }

  var drawn = [];
  function draw(el) {
    var island = document.getElementById(el.getAttribute('data-chart'));
    if (!island) return;
    var spec;
    try {
      spec = JSON.parse(island.textContent || '');
    } catch (e) {
      return;
    }
    if (!spec || !spec.categories || !spec.categories.length) return;
    el.hidden = false;
    if (spec.horizontal) el.style.height = Math.max(280, 28 * spec.categories.length + 60) + 'px';
    var chart = echarts.init(el, null, { renderer: 'svg' });
    chart.setOption(spec.kind === 'pie' ? pieOption(spec) : axisOption(spec, el.clientWidth));
    el.setAttribute('data-drawn', 'true');
    drawn.push(chart);
  }

  function start() {
    var els = document.querySelectorAll('[data-chart]');
    for (var i = 0; i < els.length; i++) draw(els[i]);
    var pending = null;
    window.addEventListener('resize', function () {
      if (pending) clearTimeout(pending);
      pending = setTimeout(function () {
        drawn.forEach(function (c) {
          c.resize();
        });
      }, 120);
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
