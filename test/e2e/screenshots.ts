// Screenshots of every page at a phone's and a desktop's width, for looking at the layout:
//   npx tsx test/e2e/screenshots.ts [out-dir]     (default /tmp/shegong-shots)
import { mkdirSync } from 'node:fs';
import { signIn } from '../../src/auth/auth.service';
import { openBrowser, screenshot } from '../helpers/browser';
import { PASSWORD, seedDemo } from './seed';

const out = process.argv[2] ?? '/tmp/shegong-shots';
mkdirSync(out, { recursive: true });
const server = await openBrowser();
const { deps } = server.t;
const seeded = await seedDemo(deps);

async function tokenOf(email: string) {
  return (await signIn(deps, email, PASSWORD, 'screenshots')).token;
}
const p1 = seeded.positions[0].id;
const pages: [string, string | null, string][] = [
  ['home', null, '/'],
  ['home-en', null, '/?lang=en'],
  ['position', null, `/positions/${p1}`],
  ['sign-in', null, '/sign-in'],
  ['sign-up', null, '/sign-up'],
  ['profile', 'grad@example.cn', '/me/profile'],
  ['applications', 'grad@example.cn', '/me/applications'],
  ['position-grad', 'grad@example.cn', `/positions/${seeded.positions[1].id}`],
  ['employer', 'org0@example.cn', '/employer'],
  ['employer-pending', 'org2@example.cn', '/employer'],
  ['positions', 'org0@example.cn', '/employer/positions'],
  ['applicants', 'org0@example.cn', `/employer/positions/${p1}/applicants`],
  ['dept-employers', 'dept@example.cn', '/department/employers'],
  ['dept-talents', 'dept@example.cn', '/department/talents'],
  ['dept-dashboard', 'dept@example.cn', '/department'],
  ['dept-placements', 'dept@example.cn', '/department/placements'],
  ['dept-statistics-en', 'dept@example.cn', '/department/statistics/supply-demand?lang=en'],
  ['talent-search', 'org0@example.cn', '/talents/search?q=社工'],
  ['candidates', 'org0@example.cn', `/employer/positions/${p1}/candidates`],
  ['search', null, '/search?q=社工'],
  ['messages', 'grad@example.cn', '/messages'],
  ['sign-up-sent', null, '/sign-up/sent'],
  ['not-found', null, '/nope'],
];
const only = process.env.ONLY?.split(',');
for (const width of [390, 1280]) {
  for (const [name, email, path] of pages) {
    if (only && !only.includes(name)) continue;
    const { page, context } = await server.page({ viewport: { width, height: 900 }, token: email ? await tokenOf(email) : undefined, errors: 'none' });
    await page.goto(server.url + path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 0) console.log(`horizontal overflow on ${name} at ${width}px: ${overflow}px`);
    await screenshot(page, `${out}/${name}-${width}.png`);
    await context.close();
  }
}
// A form with errors, as a person sees it after posting bad input.
for (const width of [390, 1280]) {
  const { page, context } = await server.page({ viewport: { width, height: 900 }, token: await tokenOf('org2@example.cn'), errors: 'none' });
  await page.goto(server.url + '/employer/positions');
  await page.getByLabel('岗位名称').fill('');
  await page.getByLabel('定向培养名额').fill('5');
  await page.getByRole('button', { name: '创建岗位' }).click();
  await page.waitForLoadState();
  await screenshot(page, `${out}/form-errors-${width}.png`);
  await context.close();
}
await server.close();
console.log(`screenshots in ${out}`);
