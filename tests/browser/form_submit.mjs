// node form_submit.mjs URL MODE SCREENSHOT — drives Debian's Chromium through the citizens'
// question form at URL (tests/integration/question_form.sh) and saves a screenshot of the page
// it ends on. Exits 1 with a message on the first failure.
//
//   ask        JavaScript off: switches to English and back, reaches every field with Tab (each
//              showing a focus outline), finds each by its label, types a question (two lines)
//              and a name, ticks the consent box with Space, sends with Enter and expects the
//              thank-you page. Text must have a contrast of 7:1 and at least 1.1rem.
//   inject     JavaScript on (CSP and escaping must hold on their own): sends markup as
//              question and name, then sends it again; the refusal page must show it as text.
//   duplicate  JavaScript off: sends the `ask` question again; the refusal must be shown in an
//              alert with the question kept in the form.
import { chromium } from 'playwright-core';

// The shell test checks the server received exactly these (keep them in step).
export const ASK_TEXT = 'Wann wird die Brücke an der Mühlenstraße saniert?\nUnd was kostet das?';
export const ASK_NAME = 'Erika M.';
export const INJECT_TEXT = '<script>alert(1)</script> <b>bold</b> "quoted" & \'single\'';
export const INJECT_NAME = '<b>Eve</b> <img src=x>';

const [url, mode, screenshot] = process.argv.slice(2);

class Failure extends Error {}

function check(condition, message) {
  if (!condition)
    throw new Failure(message);
}

async function htmlLang(page) {
  return page.locator('html').getAttribute('lang');
}

// The id (or a link's href) of the focused element.
async function focused(page) {
  const element = page.locator(':focus');
  if (await element.count() !== 1)
    return 'nothing';
  return (await element.getAttribute('id')) ?? (await element.getAttribute('href')) ??
         'an element without id';
}

// Every element that shows text (and every text field): contrast of at least 7:1 against
// what is behind it, and a font of at least 1.1rem, as Chromium computes them.
async function checkReadable(page) {
  const problems = await page.evaluate(() => {
    const rgba = (colour) => {
      const parts = colour.match(/[\d.]+/g).map(Number);
      return parts.length === 3 ? [...parts, 1] : parts;
    };
    const luminance = ([r, g, b]) => {
      const linear = (v) => (v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    };
    const behind = (element) => {
      for (let e = element; e; e = e.parentElement) {
        const colour = rgba(getComputedStyle(e).backgroundColor);
        if (colour[3] > 0)
          return colour;
      }
      return [255, 255, 255, 1];
    };
    const smallest = parseFloat(getComputedStyle(document.documentElement).fontSize) * 1.1 - 0.01;
    const found = [];
    for (const element of document.body.querySelectorAll('*')) {
      const text = [...element.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE)
                                          .map((n) => n.textContent.trim()).join('');
      if (!text && !element.matches('textarea, input[type=text]'))
        continue;
      const style = getComputedStyle(element);
      const [light, dark] = [luminance(rgba(style.color)), luminance(behind(element))]
                              .sort((a, b) => b - a);
      const ratio = (light + 0.05) / (dark + 0.05);
      const what = `<${element.tagName.toLowerCase()}> "${(text || element.id).slice(0, 30)}"`;
      if (ratio < 7)
        found.push(`${what} has a contrast of ${ratio.toFixed(2)}:1`);
      if (parseFloat(style.fontSize) < smallest)
        found.push(`${what} is set in ${style.fontSize}`);
    }
    return found;
  });
  check(problems.length === 0, `hard to read: ${problems.join('; ')}`);
}

// Each field by its visible label, as assistive technology finds it.
function fields(page) {
  return {
    question: page.getByLabel('Ihre Frage', { exact: true }),
    name: page.getByLabel('Ihr Name (freiwillig)', { exact: true }),
    consent: page.getByLabel('Meinen Namen in der Sendung zeigen (Vorname und Initial)',
                             { exact: true }),
    submit: page.getByRole('button', { name: 'Frage senden' }),
  };
}

async function expectForm(page) {
  check(await htmlLang(page) === 'de', `the form is not German: lang=${await htmlLang(page)}`);
  const { question, name, consent, submit } = fields(page);
  for (const [what, locator] of Object.entries({ question, name, consent, submit }))
    check(await locator.count() === 1, `no single field labelled for ${what}`);
  check(await page.getByRole('textbox', { name: 'Ihre Frage' }).count() === 1,
        'the question box has no accessible name');
  check(await page.getByRole('checkbox', { name: /Meinen Namen/ }).count() === 1,
        'the consent box is no checkbox with an accessible name');
  return { question, name, consent, submit };
}

async function switchLanguage(page) {
  await page.getByRole('link', { name: 'English' }).click();
  await page.waitForURL(/\?lang=en$/);
  check(await htmlLang(page) === 'en', 'the English link did not switch to English');
  check(await page.getByLabel('Your question', { exact: true }).count() === 1,
        'the English form has no "Your question" label');
  check(await page.getByLabel('Show my name on air (first name and initial)').count() === 1,
        'the English form has no consent label');
  await page.getByRole('link', { name: 'Deutsch' }).click();
  await page.waitForURL(/\?lang=de$/);
}

async function ask(page) {
  await page.goto(url);
  await expectForm(page);
  await switchLanguage(page);
  const { consent } = await expectForm(page);
  check(!await consent.isChecked(), 'the consent box is ticked before anyone ticked it');
  await checkReadable(page);

  // Tab through the page from the top and fill each field when it has the focus.
  const order = [];
  while (order.length < 8 && !order.includes('send')) {
    await page.keyboard.press('Tab');
    const id = await focused(page);
    order.push(id);
    if (id !== 'nothing') {
      const outline = await page.locator(':focus').evaluate((element) => {
        const style = getComputedStyle(element);
        return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
      });
      check(outline.style !== 'none' && outline.width >= 2,
            `${id} shows no focus outline (${outline.style} ${outline.width}px)`);
    }
    if (id === 'question')
      await page.keyboard.type(ASK_TEXT);
    else if (id === 'name')
      await page.keyboard.type(ASK_NAME);
    else if (id === 'show_name')
      await page.keyboard.press('Space');
  }
  const expected = ['/?lang=en', 'question', 'name', 'show_name', 'send'];
  check(JSON.stringify(order) === JSON.stringify(expected),
        `Tab reached ${order.join(', ')}; expected ${expected.join(', ')}`);
  check(await consent.isChecked(), 'Space did not tick the consent box');
  await Promise.all([page.waitForURL(/\/thanks\?lang=de$/), page.keyboard.press('Enter')]);
  const heading = await page.getByRole('heading', { level: 1 }).textContent();
  check(heading === 'Danke für Ihre Frage!', `the thank-you page says "${heading}"`);
  await checkReadable(page);
  check(await page.getByRole('link', { name: 'Noch eine Frage stellen' }).count() === 1,
        'the thank-you page has no link back');
}

async function send(page, text, name) {
  await page.goto(url);
  const { question, name: nameField, consent, submit } = await expectForm(page);
  await question.fill(text);
  await nameField.fill(name);
  await consent.check();
  await Promise.all([page.waitForResponse((response) => response.request().method() === 'POST'),
                     submit.click()]);
  await page.waitForLoadState('load');
}

// The refusal page: an alert naming the queue's reason, the question and name kept as text.
async function expectRefusal(page, text, name) {
  const alert = page.getByRole('alert');
  check(await alert.count() === 1, 'the refusal page has no alert');
  const said = await alert.textContent();
  check(said.includes('Ihre Frage wurde nicht angenommen') &&
        said.includes('the same question is already in the queue'),
        `the alert says "${said}"`);
  const { question, name: nameField } = fields(page);
  const kept = await question.inputValue();
  check(kept === text, `the question kept in the form is ${JSON.stringify(kept)}`);
  const keptName = await nameField.inputValue();
  check(keptName === name, `the name kept in the form is ${JSON.stringify(keptName)}`);
}

async function inject(page) {
  const dialogs = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await send(page, INJECT_TEXT, INJECT_NAME);
  check(page.url().endsWith('/thanks?lang=de'), `the first submission ended on ${page.url()}`);
  await send(page, INJECT_TEXT, INJECT_NAME);
  await expectRefusal(page, INJECT_TEXT, INJECT_NAME);
  check(await page.locator('script').count() === 0, 'the page has a <script> element');
  check(await page.locator('main b, main img').count() === 0,
        'the markup became elements on the page');
  check(dialogs.length === 0, `a script ran: ${dialogs.join(', ')}`);
}

async function duplicate(page) {
  await send(page, ASK_TEXT, ASK_NAME);
  await expectRefusal(page, ASK_TEXT, ASK_NAME);
  await checkReadable(page);
}

const modes = { ask, inject, duplicate };
if (!url || !modes[mode] || !screenshot) {
  console.error('usage: node form_submit.mjs URL ask|inject|duplicate SCREENSHOT.png');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu'],
});
let status = 0;
try {
  const context = await browser.newContext({
    javaScriptEnabled: mode === 'inject',
    locale: 'de-DE',
    viewport: { width: 800, height: 900 },
  });
  const page = await context.newPage();
  await modes[mode](page);
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`ok: ${mode} (${page.url()})`);
} catch (error) {
  console.error(`FAIL: ${mode}: ${error instanceof Failure ? error.message : error.stack}`);
  status = 1;
} finally {
  await browser.close();
}
process.exit(status);
