#!/usr/bin/env node
// Drives the sidecar's status page in headless Chromium (Debian's, through the pinned
// playwright-core): loads the page, submits jobs through /rpc, follows the last one on the page
// until it shows PROVED, and downloads its proof through the page's link. Prints one JSON report on
// stdout for StatusPageIT, which makes the assertions (and verifies the proof with `zkml verify`).
//   node it/node/status-page.js BASE_URL MODEL_NAME OUT_DIR [FILLER_JOBS]
// CHROMIUM names the browser executable (default /usr/bin/chromium).
'use strict';
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const [base, modelName, outDir, fillerArg] = process.argv.slice(2);
const FILLERS = Number(fillerArg || 150);
const TIMEOUT_MS = 120_000;

async function rpc(method, params) {
  const res = await fetch(base + '/rpc', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  const json = await res.json();
  if (json.error) throw new Error(method + ': ' + JSON.stringify(json.error));
  return json.result;
}

// one JSON-RPC batch of requests for jobs from..to-1 (batches keep the submitting fast)
async function batch(name, model, from, to) {
  const calls = [];
  for (let k = from; k < to; k++) {
    calls.push({ jsonrpc: '2.0', id: k, method: 'zkml_requestProof', params: { model: name, input: input(model, k) } });
  }
  const res = await fetch(base + '/rpc', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(calls) });
  const answers = await res.json();
  const failed = answers.filter(a => a.error);
  if (failed.length) throw new Error('zkml_requestProof: ' + JSON.stringify(failed[0].error));
}

// distinct inputs for the model's first input shape, so that no request dedups onto another
function input(model, k) {
  const shape = model.inputs[0].shape;
  const n = shape.reduce((a, b) => a * b, 1);
  return { input_data: [Array.from({ length: n }, (_, i) => (i === 0 ? k : (k * 7 + i * 3) % 100) / 256 - 0.5)] };
}

async function main() {
  const report = { consoleErrors: [], pageErrors: [], failedRequests: [], badResponses: [], states: [] };
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true });
  try {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    page.on('console', m => { if (m.type() === 'error') report.consoleErrors.push(m.text()); });
    page.on('pageerror', e => report.pageErrors.push(String(e)));
    page.on('requestfailed', r => {
      // closing a finished job's event stream aborts its request on purpose
      if (!(r.url().endsWith('/events') && r.failure()?.errorText === 'net::ERR_ABORTED')) {
        report.failedRequests.push(r.url() + ' ' + r.failure()?.errorText);
      }
    });
    page.on('response', r => { if (r.status() >= 400) report.badResponses.push(r.status() + ' ' + r.url()); });

    // every state and progress the page writes on a followed job's row, in order (sampling could miss
    // a short PROVING)
    await page.addInitScript(() => {
      window.__shown = [];
      window.__progress = [];
      new MutationObserver(changes => {
        for (const c of changes) {
          const tr = c.type === 'attributes' ? c.target : null;
          if (tr && tr.dataset.job && c.attributeName === 'data-progress') {
            window.__progress.push([tr.dataset.job, Number(tr.dataset.progress)]);
          } else if (tr && tr.dataset.job) {
            window.__shown.push([tr.dataset.job, tr.dataset.state]);
          }
        }
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state', 'data-progress'] });
    });
    await page.goto(base + '/', { waitUntil: 'load' });
    report.title = await page.title();
    await page.locator('#models tbody tr', { hasText: modelName }).waitFor();
    await page.waitForFunction(() => /^\d+$/.test(document.getElementById('q-workers').textContent));
    report.workersShown = Number(await page.textContent('#q-workers'));

    // jobs ahead of ours keep it waiting long enough for the page to show it before it is proved
    const models = await rpc('zkml_models');
    const model = models.find(m => m.name === modelName);
    for (let k = 0; k < FILLERS; k += 100) await batch(modelName, model, k, Math.min(FILLERS, k + 100));
    const mine = await rpc('zkml_requestProof', { model: modelName, input: input(model, FILLERS) });
    report.jobId = mine.jobId;
    report.stateAtRequest = mine.state;

    await page.fill('#follow-id', mine.jobId);
    await page.click('#follow button[type=submit]');
    const row = page.locator(`#jobs tr[data-job="${mine.jobId}"]`);
    await row.waitFor();
    // sample the row's state as the page shows it until it reads PROVED
    const end = Date.now() + TIMEOUT_MS;
    let queueMax = 0;
    for (;;) {
      const s = await row.getAttribute('data-state');
      if (s && report.states[report.states.length - 1] !== s) report.states.push(s);
      queueMax = Math.max(queueMax, Number(await page.textContent('#q-depth')) || 0);
      if (s === 'PROVED' || s === 'FAILED' || Date.now() > end) break;
      await page.waitForTimeout(20);
    }
    report.queueDepthMaxShown = queueMax;
    report.progressShown = (await page.evaluate(() => window.__progress)).filter(([id]) => id === mine.jobId)
      .map(([, p]) => p);
    report.shown = (await page.evaluate(() => window.__shown)).filter(([id]) => id === mine.jobId).map(([, s]) => s).filter((s, i, a) => i === 0 || a[i - 1] !== s);
    report.rowText = (await row.innerText()).replace(/\s+/g, ' ');

    const link = row.locator('a.download');
    report.downloadHref = await link.getAttribute('href');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    report.suggestedFilename = download.suggestedFilename();
    fs.mkdirSync(outDir, { recursive: true });
    report.proofFile = path.join(outDir, report.suggestedFilename);
    await download.saveAs(report.proofFile);

    // the anonymous recent list shows proved jobs, and no job id
    await page.locator('#recent tbody tr', { hasText: 'PROVED' }).first().waitFor();
    const recentText = await page.innerText('#recent');
    report.recentRows = await page.locator('#recent tbody tr').count();
    report.recentShowsJobId = recentText.includes(mine.jobId.slice(0, 8));
    await page.waitForTimeout(1500); // one more status poll, so a late console error is caught
  } finally {
    await browser.close();
  }
  return report;
}

main().then(r => {
  process.stdout.write(JSON.stringify(r) + '\n');
}, e => {
  process.stdout.write(JSON.stringify({ fatal: String(e && e.stack || e) }) + '\n');
  process.exitCode = 1;
});
