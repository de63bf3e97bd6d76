/**
 * The HQ console (issue 12) in Chromium against a real cloud process with the demo history: every
 * view as an analyst and as the S001 store manager, in zh-CN and en, with no serious or critical
 * axe violation and a screenshot of each (docs/screenshots/hq-*.png); sign-in through the form;
 * drill-down from a number to the rows it counts, chart/table toggle and CSV export; the fleet
 * with a stale kiosk flagged; and a store manager who edits the address or calls the API with
 * another store's id gets nothing of that store. One cloud for the file; one sign-in per role.
 */
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/temp';
import { startCloudProcess, type CloudProcess } from './support/cloud';
import {
  DEMO_LOGINS,
  ALL_HQ_VIEWS,
  HQ_VIEWS,
  OTHER_STORE_NAMES,
  VIEW_TITLES,
  enrollKiosk,
  sendHeartbeat,
  signedInState,
  type DemoRole,
  type HqLanguage,
  type HqViewName,
} from './support/hq';
import {
  HQ_VIEWPORT as VIEWPORT,
  expectFigureReproduces,
  numberOf,
  openConsole,
  showConsoleView,
} from './support/hq-console';
import { expectAccessible } from './support/screens';

test.describe.configure({ mode: 'serial' });

const shots = join(repoRoot, 'docs', 'screenshots');
let cloud: CloudProcess;
const states = new Map<DemoRole, Awaited<ReturnType<typeof signedInState>>>();

test.beforeAll(async () => {
  test.setTimeout(180_000);
  cloud = await startCloudProcess();
  const s001Mirror = await enrollKiosk(cloud, 'S001', 'S001 mirror 1', 'mirror');
  await enrollKiosk(cloud, 'S001', 'S001 checkout (silent)', 'checkout');
  const s002Mirror = await enrollKiosk(cloud, 'S002', 'S002 mirror 1', 'mirror');
  await sendHeartbeat(cloud, s001Mirror, 'mirror');
  await sendHeartbeat(cloud, s002Mirror, 'mirror');
  for (const role of ['analyst', 'manager'] as const)
    states.set(role, await signedInState(cloud, role));
});

test.afterAll(async () => {
  await cloud?.remove();
});

test('the cloud prints the console URL and the demo logins', async () => {
  // printed after "member cloud on …" (the logins are checked against their password hashes)
  for (const line of [
    `HQ console: ${cloud.url}/hq/`,
    'demo login (analyst): analyst / analyst-demo-2026',
    'demo login (store-manager S001): manager.s001 / manager-demo-2026',
    'demo login (marketing): marketing / marketing-demo-2026',
  ])
    await expect.poll(() => cloud.output()).toContain(line);
});

test('the HQ API is documented in the OpenAPI at /docs, from its zod schemas', async () => {
  const doc = (await (await fetch(`${cloud.url}/docs/json`)).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  for (const view of HQ_VIEWS) expect(doc.paths[`/hq/api/${view}`]?.get, view).toBeDefined();
  for (const path of ['/hq/api/session', '/hq/api/meta', '/hq/api/rows/{kind}'])
    expect(Object.keys(doc.paths[path] ?? {}).length, path).toBeGreaterThan(0);
  expect(JSON.stringify(doc.paths['/hq/api/overview'])).toContain('"channels"');
});

const open = (browser: Browser, role: DemoRole, language: HqLanguage) =>
  openConsole(browser, states.get(role), language);
const showView = (page: Page, view: HqViewName, language: HqLanguage, query = '') =>
  showConsoleView(page, cloud.url, view, language, query);

for (const language of ['zh-CN', 'en'] as const) {
  test(`analyst, ${language}: every view, accessible, with a screenshot`, async ({ browser }) => {
    test.setTimeout(240_000);
    const { context, page } = await open(browser, 'analyst', language);
    for (const view of HQ_VIEWS) {
      await showView(page, view, language);
      await expect(page.locator('nav a')).toHaveCount(ALL_HQ_VIEWS.length);
      await expectAccessible(page);
      await page.waitForTimeout(900); // let ECharts finish its entry animation for the picture
      await page.screenshot({ path: join(shots, `hq-${view}.${language}.png`) });
    }
    // the analyst sees other stores: the S002 kiosk is in the fleet
    await showView(page, 'fleet', language);
    await expect(page.locator('main')).toContainText(
      language === 'en' ? 'Beijing Sanlitun' : '北京三里屯店',
    );
    await context.close();
  });

  test(`store manager, ${language}: every view of S001 only, accessible`, async ({ browser }) => {
    test.setTimeout(240_000);
    const { context, page } = await open(browser, 'manager', language);
    for (const view of HQ_VIEWS) {
      await showView(page, view, language);
      await expectAccessible(page);
      const text = await page.locator('body').innerText();
      for (const name of OTHER_STORE_NAMES)
        expect(text, `${view} shows ${name}`).not.toContain(name);
      if (view === 'overview') {
        await page.waitForTimeout(900);
        await page.screenshot({ path: join(shots, `hq-manager-overview.${language}.png`) });
      }
    }
    await context.close();
  });

  test(`sign-in form, ${language}: wrong password refused, demo login opens the overview`, async ({
    browser,
  }) => {
    const context = await browser.newContext({
      locale: language === 'en' ? 'en-US' : 'zh-CN',
      viewport: VIEWPORT,
    });
    const page = await context.newPage();
    await page.goto(`${cloud.url}/hq/`);
    const user = page.locator('input[name="username"]');
    const password = page.locator('input[name="password"]');
    await user.fill(DEMO_LOGINS.manager.username);
    await password.fill('not-the-password');
    await page.locator('button[type="submit"]').click();
    await expect(page.getByRole('alert')).toHaveText(
      language === 'en' ? 'Wrong username or password.' : /./,
    );
    await expectAccessible(page);
    await page.screenshot({ path: join(shots, `hq-login.${language}.png`) });
    await password.fill(DEMO_LOGINS.manager.password);
    await page.locator('button[type="submit"]').click();
    await expect(page.locator('h1.view-title')).toHaveText(VIEW_TITLES[language].overview);
    await context.close();
  });
}

test('every number links to the rows it counts: KPI and table cell → rows with that total', async ({
  browser,
}) => {
  const { context, page } = await open(browser, 'analyst', 'en');
  await showView(page, 'overview', 'en');
  const orders = page.locator('.kpi', { hasText: 'Orders' }).locator('button.kpi-value');
  const count = await numberOf(await orders.innerText());
  expect(count).toBeGreaterThan(0);
  await orders.click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.locator('.drawer-count')).toHaveAttribute('data-total', String(count));
  await expect(dialog.locator('tbody tr').first()).toBeVisible();
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  await showView(page, 'fitting-room', 'en');
  const card = page.locator('.view-body [data-card]').first();
  const tableButton = card.getByRole('button', { name: 'Table', exact: true });
  if ((await tableButton.count()) > 0) await tableButton.click();
  const cell = card.locator('table button.num-link').first();
  const cellCount = await numberOf(await cell.innerText());
  await cell.click();
  await expect(dialog.locator('.drawer-count')).toHaveAttribute('data-total', String(cellCount));
  await context.close();
});

test('every ratio, average and fleet number opens the rows it is computed from, and they reproduce it', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const { context, page } = await open(browser, 'analyst', 'en');
  // an average: average order value = net sales ÷ orders, by keyboard
  await showView(page, 'overview', 'en');
  const aov = page.locator('.kpi', { hasText: 'Average order value' }).locator('button');
  let dialog = await expectFigureReproduces(page, aov, 'keyboard');
  await expect(dialog.getByRole('heading', { level: 2 })).toHaveText('Average order value');
  // the denominator counts orders: picking it lists that many sale rows
  const orders = page.locator('[data-figure-part="below"]');
  const orderCount = await orders.locator('[data-part-total]').getAttribute('data-part-total');
  const pick = orders.getByRole('button');
  await pick.focus();
  await page.keyboard.press('Enter');
  await expect(pick).toHaveAttribute('aria-pressed', 'true');
  await expect(dialog.locator('.drawer-count')).toHaveAttribute('data-total', orderCount ?? '');
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // a ratio: try-on conversion = tried garments bought ÷ garments tried
  await showView(page, 'fitting-room', 'en');
  const tried = page.locator('.kpi', { hasText: /^Tried/ }).locator('button');
  const triedCount = await numberOf(await tried.innerText());
  const conversion = page.locator('.kpi', { hasText: 'Try-on conversion' }).locator('button');
  dialog = await expectFigureReproduces(page, conversion, 'click');
  await expect(dialog.locator('[data-figure-part="below"] [data-part-total]')).toHaveAttribute(
    'data-part-total',
    String(triedCount),
  );
  await page.keyboard.press('Escape');
  // an average: garments per session
  await expectFigureReproduces(
    page,
    page.locator('.kpi', { hasText: 'Garments per session' }).locator('button'),
    'click',
  );
  await page.keyboard.press('Escape');

  // a ratio with a factor, in a table cell: weeks of cover = on hand ÷ recent units × weeks
  await showView(page, 'stock', 'en');
  const stockCard = page.locator('[data-card="stock-by-style"]');
  await stockCard.getByRole('button', { name: 'Table', exact: true }).click();
  const coverColumn = await stockCard.locator('thead th').allInnerTexts();
  const cover = stockCard
    .locator('tbody tr')
    .first()
    .locator('td')
    .nth(coverColumn.indexOf('Weeks of cover'))
    .locator('button');
  await expectFigureReproduces(page, cover, 'click');
  await page.keyboard.press('Escape');

  // fleet: stale kiosks open those kiosks; the outbox total is their reported depths added up
  await showView(page, 'fleet', 'en');
  const stale = page.locator('.kpi', { hasText: 'Stale kiosks' }).locator('button');
  await stale.click();
  await expect(page.locator('.drawer-count')).toHaveAttribute('data-total', '1');
  await expect(page.getByRole('dialog')).toContainText('S001 checkout (silent)');
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  const kiosks = await page
    .locator('.kpi', { has: page.locator('.kpi-label', { hasText: /^Kiosks$/ }) })
    .locator('button')
    .innerText();
  const queued = page.locator('.kpi', { hasText: 'Mutations waiting' }).locator('button');
  dialog = await expectFigureReproduces(page, queued, 'click');
  await expect(dialog.locator('.drawer-count')).toHaveAttribute('data-total', kiosks.trim());
  await expectAccessible(page);
  await context.close();
});

test('every KPI and every number of the first row of each table opens a drawer that reproduces it', async ({
  browser,
}) => {
  test.setTimeout(480_000);
  const { context, page } = await open(browser, 'analyst', 'en');
  const dialog = page.getByRole('dialog');
  for (const view of HQ_VIEWS) {
    await showView(page, view, 'en');
    for (const tableButton of await page
      .locator('.view-body [data-card]')
      .getByRole('button', { name: 'Table', exact: true })
      .all())
      await tableButton.click();
    const numbers = page.locator(
      '.kpis button.kpi-value, .view-body [data-card] tbody tr:first-child button.num-link',
    );
    const n = await numbers.count();
    expect(n, view).toBeGreaterThan(0);
    for (let i = 0; i < n; i += 1) {
      const number = numbers.nth(i);
      const clicked = (await number.innerText()).trim();
      await number.click();
      await expect(dialog.locator('.figure-result, .drawer-count').first()).toBeVisible({
        timeout: 30_000,
      });
      if ((await dialog.locator('.figure-result').count()) > 0)
        await expect.soft(dialog.locator('.figure-value'), `${view} #${i}`).toHaveText(clicked);
      else if ((await numberOf(clicked)) <= 10_000)
        await expect
          .soft(dialog.locator('.drawer-count'), `${view} #${i}`)
          .toHaveAttribute('data-total', String(await numberOf(clicked)));
      await page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
    }
  }
  await context.close();
});

test('zh-CN: a ratio opens its figure in Chinese and reproduces the number', async ({
  browser,
}) => {
  const { context, page } = await open(browser, 'manager', 'zh-CN');
  await showView(page, 'overview', 'zh-CN');
  const share = page.locator('.kpi', { hasText: '会员销售占比' }).locator('button');
  const dialog = await expectFigureReproduces(page, share, 'click');
  await expect(dialog.locator('.figure-sides caption')).toHaveText('计算依据');
  await expectAccessible(page);
  await context.close();
});

test('CSV: a card exports its table; the rows behind a number download as CSV', async ({
  browser,
}) => {
  const { context, page } = await open(browser, 'analyst', 'en');
  await showView(page, 'stock', 'en');
  const card = page.locator('.view-body [data-card]').first();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    card.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
  const lines = csv.trim().split(/\r?\n/);
  expect(lines.length).toBeGreaterThan(1);
  expect(lines[0]?.split(',').length).toBeGreaterThan(1);

  await showView(page, 'overview', 'en');
  await page.locator('.kpi', { hasText: 'Orders' }).locator('button.kpi-value').click();
  const total = Number(await page.locator('.drawer-count').getAttribute('data-total'));
  const href = await page.getByRole('dialog').locator('a[download]').getAttribute('href');
  const res = await page.request.get(new URL(href ?? '', `${cloud.url}/hq/`).toString());
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('text/csv');
  const rows = (await res.text()).trim().split(/\r?\n/);
  expect(rows.length - 1).toBe(Math.min(total, 10_000));
  await context.close();
});

test('fleet: every kiosk with its heartbeat, the silent one flagged stale', async ({ browser }) => {
  const { context, page } = await open(browser, 'analyst', 'en');
  await showView(page, 'fleet', 'en');
  const table = page.locator('.view-body table');
  if ((await table.count()) === 0)
    await page.getByRole('button', { name: 'Table', exact: true }).first().click();
  const silent = page.locator('tr', { hasText: 'S001 checkout (silent)' });
  await expect(silent).toContainText('Stale');
  const reporting = page.locator('tr', { hasText: 'S001 mirror 1' });
  await expect(reporting).not.toContainText('Stale');
  await expect(reporting).toContainText('0.1.0');
  await expect(page.locator('.kpi', { hasText: 'Stale kiosks' })).toContainText('1');
  await context.close();
});

test.describe('a store manager who edits the address or the API gets nothing of another store', () => {
  let context: BrowserContext;
  let page: Page;
  test.beforeAll(async ({ browser }) => {
    ({ context, page } = await open(browser, 'manager', 'en'));
  });
  test.afterAll(async () => context.close());

  const range = 'from=2026-03-01&to=2026-11-30';

  test('naming S002 or Beijing in the address: refused, nothing shown', async () => {
    for (const query of [
      `?${range}&stores=S002`,
      `?${range}&cities=Beijing`,
      `?${range}&stores=ONLINE`,
    ]) {
      await page.goto(`${cloud.url}/hq/#/overview${query}`);
      await expect(page.locator('main [role="alert"]')).toHaveText(
        'Your account may not see this data.',
      );
      await expect(page.locator('.view-body')).toHaveCount(0);
      const text = await page.locator('body').innerText();
      for (const name of OTHER_STORE_NAMES) expect(text).not.toContain(name);
    }
  });

  test('the API: other stores refused in filters, drill-downs empty, fleet and rows only S001', async () => {
    const get = (path: string) => page.request.get(`${cloud.url}/hq/api${path}`);
    for (const view of HQ_VIEWS) {
      expect((await get(`/${view}?${range}&stores=S002`)).status(), view).toBe(403);
      expect((await get(`/${view}?${range}&cities=Shenzhen`)).status(), view).toBe(403);
      const own = await get(`/${view}?${range}`);
      expect(own.status(), view).toBe(200);
      expect(await own.text(), view).not.toMatch(/"(S002|S003|ONLINE)"/);
    }
    for (const kind of ['sales', 'visits', 'garments', 'stock', 'nps']) {
      const other = await get(`/rows/${kind}?${range}&storeId=S002`);
      expect(other.status(), kind).toBe(200);
      expect((await other.json()).total, kind).toBe(0);
      const csv = await get(`/rows/${kind}/csv?${range}&storeId=S003`);
      expect((await csv.text()).trim().split(/\r?\n/).length, kind).toBe(1);
    }
    const sales = await (await get(`/rows/sales?${range}&limit=200`)).json();
    expect(sales.total).toBeGreaterThan(0);
    expect(JSON.stringify(sales.rows)).not.toMatch(/"(S002|S003|ONLINE)"/);
    const fleet = await (await get(`/fleet?${range}`)).json();
    expect(fleet.kiosks.map((k: { storeId: string }) => k.storeId)).toEqual(['S001', 'S001']);
  });
});
