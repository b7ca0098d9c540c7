// The department's dashboard (issue 11 §8), where a department lands after signing in: talents, open
// seats, the gap, township coverage, registrations lapsing within 60 days and employers awaiting
// verification, each a number linking to the list or figure behind it.
import { Hono } from 'hono';
import type { AppEnv } from '../../../src/lib/context';
import { listEmployersForReview } from '../../../src/employers';
import { statisticsService as stats } from '../../../src/statistics';
import { PageHead } from '../../components';
import { fmt, type Messages } from '../../i18n';
import { page, render, requireRole } from '../../page';

export const dashboardPages = new Hono<AppEnv>();

function Tile({ label, value, href, m, tone }: { label: string; value: string | number; href: string; m: Messages; tone?: 'warning' }) {
  return (
    <li class={tone ? `tile ${tone}` : 'tile'}>
      <a href={href}>
        <span class="tile-label">{label}</span>
        <strong class="tile-value">{value}</strong>
        <span class="tile-open small">{m.layouts.dashboard.open} →</span>
      </a>
    </li>
  );
}

dashboardPages.get('/department', requireRole('department', 'admin'), async (c) => {
  const { m, deps, user } = page(c);
  const ctx = await stats.statContext(deps, user, undefined);
  const [n, pending] = await Promise.all([stats.dashboardNumbers(deps, ctx), listEmployersForReview(deps, user, { status: 'pending', page: 1, pageSize: 1 })]);
  const d = m.layouts.dashboard;
  return render(
    c,
    d.title,
    <>
      <PageHead title={d.title} lead={d.lead}>
        <p class="muted small">
          {n.region.name} · {fmt(d.asOf, { date: n.today })}
        </p>
      </PageHead>
      <ul class="tiles">
        <Tile label={d.talents} value={n.talents} href="/department/talents" m={m} />
        <Tile label={d.openSeats} value={n.openSeats} href="/department/statistics/supply-demand" m={m} />
        <Tile label={d.gap} value={n.gap} href="/department/statistics/supply-demand" m={m} tone={n.gap < 0 ? 'warning' : undefined} />
        <Tile label={d.coverage} value={fmt(d.coverageValue, { covered: n.townships.covered, total: n.townships.total })} href="/department/statistics/coverage" m={m} />
        <Tile label={d.lapsing} value={n.lapsing.n} href="/department/statistics/lapsing" m={m} tone={n.lapsing.n > 0 ? 'warning' : undefined} />
        <Tile label={d.pendingEmployers} value={pending.total} href="/department/employers?status=pending" m={m} tone={pending.total > 0 ? 'warning' : undefined} />
      </ul>
    </>,
  );
});
