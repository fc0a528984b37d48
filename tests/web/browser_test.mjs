// browser_test.mjs -- the web page in headless Chromium: a search with
// the keyboard, filters, the chart, an article with the search words
// marked, errors shown, a phone-sized screen; screenshots as artifacts.
//
//   node tests/web/browser_test.mjs BASE_URL ARTIFACT_DIR
//
// Run by tests/web/run.sh, which starts `newsgraph serve` on a store of
// the bundled samples. Drives Debian's /usr/bin/chromium (or $CHROMIUM)
// through playwright-core with a fresh profile. Prints one line per
// failed check and "web: N passed, N failed" last; exits 1 on a failure.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [base, artifacts] = process.argv.slice(2);
if (!base || !artifacts) {
  console.error('usage: node browser_test.mjs BASE_URL ARTIFACT_DIR');
  process.exit(2);
}
mkdirSync(artifacts, { recursive: true });

let passed = 0, failed = 0, skipped = 0;
function check(ok, what, detail) {
  if (ok) passed++;
  else { failed++; console.log(`FAIL: ${what}${detail !== undefined ? ` (got: ${JSON.stringify(detail)})` : ''}`); }
}

const profile = mkdtempSync(join(tmpdir(), 'newsgraph-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1280, height: 800 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = context.pages()[0] || await context.newPage();
const problems = [];
page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
const shot = (name) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
const text = (sel) => page.locator(sel).first().innerText();

try {
  // The home view: what is in the store.
  await page.goto(base + '/', { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="true"]');
  check(/\d+ articles/.test(await text('#home-stats')), 'home shows the number of articles', await text('#home-stats'));
  check(await page.locator('#home-tags li').count() > 5, 'home lists tags');
  await shot('1-home');

  // Search with the keyboard: "/" focuses the box, Enter searches.
  await page.keyboard.press('/');
  check(await page.evaluate(() => document.activeElement.id) === 'q', '"/" focuses the search box');
  await page.keyboard.type('troops');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#results li');
  check(/^\d+ matching articles?$/.test(await text('#result-count')), 'a result count', await text('#result-count'));
  const n = await page.locator('#results li.result').count();
  check(n >= 2, 'several results for troops', n);
  check(await page.locator('#results .snippet mark').count() >= n, 'each snippet marks its matches');
  check((await page.locator('#results .snippet mark').first().innerText()).toLowerCase().startsWith('troop'),
        'the mark is the matched word');
  check(await page.locator('#results .result time').count() === n, 'each result has a date');
  check(await page.locator('#results .result .chips li').count() > 0, 'results show tags');
  await page.waitForSelector('#chart svg rect');
  check(await page.locator('#chart svg rect.bar').count() >= 1, 'the attention chart has bars');
  check(/dated articles per (day|week|month)/.test(await text('#chart-caption')), 'the chart says what it counts');
  check(await page.locator('#entities-panel').isHidden(), 'no entities panel without entities');
  await shot('2-search');

  // Escape leaves the search box, j moves to the first result, Enter
  // opens it.
  await page.keyboard.press('Escape');
  await page.keyboard.press('j');
  const firstTitle = await page.evaluate(() => document.activeElement.textContent);
  check(await page.evaluate(() => document.activeElement.classList.contains('result-link')), '"j" focuses a result');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#view-article:not([hidden]) #article-text p');
  check(await text('#article-title') === firstTitle, 'the article opened is the result chosen', await text('#article-title'));
  check(await page.locator('#article-text p').count() >= 2, 'the article text is in paragraphs');
  check(await page.locator('#article-text mark.hit').count() >= 1, 'the search words are marked in the article');
  check(/\d{4}-\d\d-\d\d/.test(await text('#article-meta')), 'the article shows its date', await text('#article-meta'));
  check(await page.locator('#article-tags li').count() >= 1, 'the article shows its tags');
  check(!(await page.locator('#legend').isHidden()), 'a legend says what is marked');
  await shot('3-article');

  // Escape goes back to the results.
  await page.keyboard.press('Escape');
  await page.waitForSelector('#view-search:not([hidden]) #results li');
  check(page.url().includes('#/search?q=troops'), 'Escape goes back to the results', page.url());

  // Filters: a tag, then dates.
  await page.fill('#tag', 'Pentagon');
  await page.press('#q', 'Enter');
  await page.waitForFunction(() => /Pentagon/.test(document.getElementById('filters').textContent));
  await page.waitForSelector('#results li');
  check(await text('#result-count') === '1 matching article', 'the tag filter narrows to one', await text('#result-count'));
  check((await text('#results .result')).includes('Pentagon'), 'the tagged article is the one shown');
  await page.fill('#tag', '');
  await page.fill('#since', '2024-01-01');
  await page.press('#q', 'Enter');
  await page.waitForFunction(() => /from 2024-01-01/.test(document.getElementById('filters').textContent));
  await page.waitForSelector('#results li');
  const dates = await page.locator('#results .result time').allInnerTexts();
  check(dates.length >= 1 && dates.every((d) => d >= '2024-01-01'), 'the date filter keeps later articles only', dates);
  await shot('4-filters');

  check(problems.length === 0, 'no script errors or CSP violations in the console', problems);

  // A tag of a result filters the search by it.
  await page.goto(base + '/#/search?q=troops');
  await page.waitForSelector('#results li');
  await page.locator('#results .result .chips a', { hasText: /^Pentagon$/ }).first().click();
  await page.waitForFunction(() => /tag Pentagon/.test(document.getElementById('filters').textContent));
  await page.waitForSelector('#results li');
  check(await text('#result-count') === '1 matching article', 'a tag of a result filters by it', await text('#result-count'));

  // A prefix query marks the words it matched in the article.
  await page.goto(base + '/#/article?id=' + encodeURIComponent('samples/000_3e5691df25d3c8b8.txt') + '&q=withdraw*');
  await page.waitForSelector('#article-text mark.hit');
  const marked = await page.locator('#article-text mark.hit').allInnerTexts();
  check(marked.some((w) => /^withdraw\w+$/i.test(w)), 'a prefix marks whole words', marked);

  // A bad query is explained, not hidden. (The browser logs the 400 and
  // 404 answers of these two checks: expected.)
  await page.goto(base + '/#/search?q=NOT%20iraq');
  await page.waitForSelector('#error:not([hidden])');
  check((await text('#error')).includes('NOT needs a term'), 'a bad query shows the reason', await text('#error'));

  // A missing article says so.
  await page.goto(base + '/#/article?id=no-such-article');
  await page.waitForSelector('#error:not([hidden])');
  check((await text('#error')).startsWith('Not found'), 'a missing article says not found', await text('#error'));
  problems.length = 0;

  // The entity page needs the entity tagger's endpoints.
  const apiIndex = await (await page.request.get(base + '/api')).json();
  if (apiIndex.endpoints.includes('/api/entity')) {
    await page.goto(base + '/#/entity?id=Pentagon');
    await page.waitForSelector('#view-entity:not([hidden])');
    check((await text('#entity-title')).length > 0, 'the entity page has a title');
    await shot('5-entity');
  } else {
    skipped++;
    console.log('skipped: the entity page (this store has no entities: the API lists no /api/entity)');
  }

  // A phone: one column, nothing wider than the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(base + '/#/search?q=iraq');
  await page.waitForSelector('#results li');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, 'nothing wider than a phone screen', overflow);
  await shot('6-phone-search');
  await page.locator('#results .result-link').first().click();
  await page.waitForSelector('#view-article:not([hidden]) #article-text p');
  check(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth) <= 0,
        'the article fits a phone screen');
  await shot('7-phone-article');

  check(problems.length === 0, 'no script errors or CSP violations in the console', problems);
} catch (e) {
  failed++;
  console.log(`FAIL: ${e.message.split('\n')[0]}`);
  await shot('failure').catch(() => {});
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(`screenshots in ${artifacts}`);
console.log(`web: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
