// Opens a newsprobe HTML report from disk in headless Chromium, with JavaScript off, and prints as
// JSON what a test needs to judge it: every request the page made (none may leave the page), the
// numbers it shows with the JSON paths they come from, its charts with their texts, and its sections.
// Takes a screenshot of the whole page, and one as it prints in grey.
//
// usage: node check-report.mjs REPORT.html SCREENSHOT.png [GREY-PRINT.png]
// environment: CHROMIUM (default /usr/bin/chromium, Debian's package)
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const [htmlPath, screenshot, greyScreenshot] = process.argv.slice(2);
if (!htmlPath || !screenshot) {
  console.error('usage: node check-report.mjs REPORT.html SCREENSHOT.png [GREY-PRINT.png]');
  process.exit(2);
}
const pageUrl = pathToFileURL(resolve(htmlPath)).href;

// The flags that work on these machines: no sandbox as root, and no background traffic of Chromium's own.
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1200, height: 900 } });
  const requests = [];
  const blocked = [];
  context.on('request', (request) => requests.push({ url: request.url(), type: request.resourceType() }));
  // Anything but the page itself is refused as well as recorded: a test run never reaches out.
  await context.route('**/*', (route) => {
    if (route.request().url() === pageUrl) {
      return route.continue();
    }
    blocked.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  const console_ = [];
  page.on('console', (message) => console_.push(message.text()));
  await page.goto(pageUrl, { waitUntil: 'load' });

  const shown = await page.evaluate(() => {
    const text = (element) => element.textContent.replace(/\s+/g, ' ').trim();
    return {
      title: document.title,
      scripts: document.querySelectorAll('script').length,
      stylesheets: document.querySelectorAll('link[rel~="stylesheet"]').length,
      sources: [...document.querySelectorAll('[src], [srcset], object, embed, iframe')].map((e) => e.outerHTML.slice(0, 200)),
      sections: [...document.querySelectorAll('section[id]')].map((s) => ({ id: s.id, heading: s.querySelector('h2') ? text(s.querySelector('h2')) : null })),
      numbers: [...document.querySelectorAll('[data-json]')].map((e) => ({ path: e.dataset.json, text: text(e) })),
      texts: [...document.querySelectorAll('[data-json-text]')].map((e) => ({ path: e.dataset.jsonText, text: text(e) })),
      charts: [...document.querySelectorAll('svg[data-chart]')].map((svg) => ({
        id: svg.dataset.chart,
        title: svg.querySelector('title') ? text(svg.querySelector('title')) : null,
        texts: [...svg.querySelectorAll('text')].map(text),
        axisTitles: [...svg.querySelectorAll('text.axis-title')].map(text),
        ticks: [...svg.querySelectorAll('text.tick')].map(text),
        legend: [...svg.querySelectorAll('text.legend')].map(text),
        marks: svg.querySelectorAll('rect[class^="series-"], polyline, circle, path').length,
        width: svg.getBoundingClientRect().width,
        height: svg.getBoundingClientRect().height,
      })),
      links: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
      bodyText: document.body.innerText.length,
    };
  });
  await page.screenshot({ path: screenshot, fullPage: true });
  if (greyScreenshot) {
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => { document.documentElement.style.filter = 'grayscale(1)'; });
    await page.screenshot({ path: greyScreenshot, fullPage: true });
  }
  process.stdout.write(JSON.stringify({ pageUrl, requests, blocked, console: console_, ...shown }));
}
finally {
  await browser.close();
}
