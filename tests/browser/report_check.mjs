// node report_check.mjs REPORT.html SHOT_PREFIX — opens an archive's report.html in Debian's
// Chromium at 1280×900 and at 390×844, saves a full-page screenshot of each
// (SHOT_PREFIX-1280.png, SHOT_PREFIX-390.png) and exits 1 with a message unless, at both widths:
//
//   - there are at least 6 charts (svg[role=img]), each with a title, a description, and data
//     drawn (an element of class "data") or the words "not recorded";
//   - nothing is wider than the window (no horizontal scrolling) and no block's content is
//     wider than the block (tables, headings, paragraphs, figures);
//   - every text has a contrast of at least 4.5:1 against what is behind it;
//   - the console stayed clean: no errors, no Content-Security-Policy violations, no request
//     for anything outside the file, no script run;
//   - headings go down one level at a time, starting at h1.
import { chromium } from 'playwright-core';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [report, prefix] = process.argv.slice(2);
if (!report || !prefix) {
  console.error('usage: node report_check.mjs REPORT.html SHOT_PREFIX');
  process.exit(2);
}
const url = pathToFileURL(resolve(report)).href;
const viewports = [{ width: 1280, height: 900 }, { width: 390, height: 844 }];

class Failure extends Error {}

function check(condition, message) {
  if (!condition)
    throw new Failure(message);
}

async function checkCharts(page) {
  const charts = await page.evaluate(() => [...document.querySelectorAll('svg[role=img]')].map((svg) => {
    const labelledBy = (svg.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
    const labels = labelledBy.map((id) => document.getElementById(id));
    const title = svg.querySelector(':scope > title');
    const box = svg.getBoundingClientRect();
    return {
      id: labelledBy[0] || '(no id)',
      title: title ? title.textContent.trim() : '',
      labelsFound: labels.length >= 1 && labels.every((label) => label && svg.contains(label)),
      description: svg.querySelector(':scope > desc')?.textContent.trim() ?? '',
      data: svg.querySelectorAll('.data').length,
      notRecorded: [...svg.querySelectorAll('text')].some((t) => t.textContent.includes('not recorded')),
      width: box.width,
      height: box.height,
    };
  }));
  check(charts.length >= 6, `${charts.length} charts (svg[role=img]); expected at least 6`);
  for (const chart of charts) {
    check(chart.title !== '', `chart ${chart.id} has no title`);
    check(chart.labelsFound, `chart ${chart.id}: aria-labelledby does not name its own title`);
    check(chart.description !== '', `chart ${chart.id} has no description`);
    check(chart.data > 0 || chart.notRecorded,
          `chart ${chart.id} shows neither data nor "not recorded"`);
    check(chart.width > 100 && chart.height > 30,
          `chart ${chart.id} is drawn ${chart.width}×${chart.height} px`);
  }
  return charts.length;
}

async function checkWidths(page, viewport) {
  const { scrollWidth, innerWidth, overflowing } = await page.evaluate(() => {
    const found = [];
    for (const element of document.body.querySelectorAll('*')) {
      if (element.closest('svg') && element.tagName.toLowerCase() !== 'svg')
        continue;
      const style = getComputedStyle(element);
      if (style.display === 'inline' || style.display === 'none')
        continue;
      const box = element.getBoundingClientRect();
      const what = `<${element.tagName.toLowerCase()}${element.id ? ' id=' + element.id : ''}>`;
      if (element.scrollWidth > element.clientWidth + 1 && element.clientWidth > 0)
        found.push(`${what} holds ${element.scrollWidth} px in ${element.clientWidth} px`);
      if (box.right > window.innerWidth + 0.5)
        found.push(`${what} ends at ${Math.round(box.right)} px`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
             overflowing: found };
  });
  check(scrollWidth <= innerWidth,
        `at ${viewport.width} px the page is ${scrollWidth} px wide (window ${innerWidth} px)`);
  check(overflowing.length === 0,
        `at ${viewport.width} px: ${overflowing.slice(0, 8).join('; ')}`);
}

// Every element with its own text (HTML and SVG): contrast of at least 4.5:1 against the first
// background behind it.
async function checkContrast(page) {
  const problems = await page.evaluate(() => {
    const rgba = (colour) => {
      const parts = (colour.match(/[\d.]+/g) || ['0', '0', '0']).map(Number);
      return parts.length === 3 ? [...parts, 1] : parts;
    };
    const luminance = ([r, g, b]) => {
      const linear = (v) => (v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    };
    const behind = (element) => {
      for (let e = element.closest('svg') || element; e; e = e.parentElement) {
        const colour = rgba(getComputedStyle(e).backgroundColor);
        if (colour[3] > 0)
          return colour;
      }
      return [255, 255, 255, 1];
    };
    const found = [];
    for (const element of document.body.querySelectorAll('*')) {
      if (['title', 'desc', 'style'].includes(element.tagName.toLowerCase()))
        continue;
      const text = [...element.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE)
                                          .map((n) => n.textContent.trim()).join('');
      if (!text)
        continue;
      const style = getComputedStyle(element);
      const colour = element instanceof SVGElement ? style.fill : style.color;
      const [light, dark] = [luminance(rgba(colour)), luminance(behind(element))]
                              .sort((a, b) => b - a);
      const ratio = (light + 0.05) / (dark + 0.05);
      if (ratio < 4.5)
        found.push(`<${element.tagName.toLowerCase()}> "${text.slice(0, 30)}" has a contrast of ` +
                   `${ratio.toFixed(2)}:1`);
    }
    return found;
  });
  check(problems.length === 0, `hard to read: ${problems.slice(0, 8).join('; ')}`);
}

async function checkHeadings(page) {
  const levels = await page.evaluate(() =>
    [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1])));
  check(levels[0] === 1 && levels.filter((level) => level === 1).length === 1,
        `headings start ${levels.slice(0, 3).join(', ')}; expected one h1 first`);
  levels.forEach((level, i) => check(i === 0 || level <= levels[i - 1] + 1,
                                     `heading ${i + 1} jumps from h${levels[i - 1]} to h${level}`));
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu'],
});
let status = 0;
try {
  for (const viewport of viewports) {
    const context = await browser.newContext({ viewport, locale: 'de-DE' });
    const page = await context.newPage();
    const complaints = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        complaints.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => complaints.push(`page error: ${error.message}`));
    page.on('dialog', async (dialog) => {
      complaints.push(`a script opened a dialog: ${dialog.message()}`);
      await dialog.dismiss();
    });
    page.on('request', (request) => {
      if (request.url() !== url)
        complaints.push(`request for ${request.url()}`);
    });
    await page.goto(url, { waitUntil: 'load' });
    check(await page.locator('html').getAttribute('lang') === 'de', 'the page is not lang="de"');
    const charts = await checkCharts(page);
    await checkWidths(page, viewport);
    await checkContrast(page);
    await checkHeadings(page);
    check(await page.locator('script').count() === 0, 'the page has a <script> element');
    await page.screenshot({ path: `${prefix}-${viewport.width}.png`, fullPage: true });
    check(complaints.length === 0, `at ${viewport.width} px: ${complaints.join('; ')}`);
    console.log(`ok: ${viewport.width}×${viewport.height}: ${charts} charts, ` +
                `${prefix}-${viewport.width}.png`);
    await context.close();
  }
} catch (error) {
  console.error(`FAIL: ${report}: ${error instanceof Failure ? error.message : error.stack}`);
  status = 1;
} finally {
  await browser.close();
}
process.exit(status);
