// The sidecar's status page: models, queue figures and recent jobs from JSON-RPC, and the jobs this
// browser follows, with live progress from each job's server-sent events. No framework: every
// value is written with textContent, never parsed as HTML.
'use strict';

const FINAL = new Set(['PROVED', 'SUBMITTED', 'CONFIRMED', 'FAILED', 'CANCELLED', 'EXPIRED']);
// lifecycle order: a stream replays a job's past events on connect, which must not move it backwards
const ORDER = ['ACCEPTED', 'QUEUED', 'PROVING', 'PROVED', 'SUBMITTED', 'CONFIRMED'];
const JOB_ID = /^[0-9A-Za-z-]{1,64}$/;
const STORE_KEY = 'zkml.followed';
const POLL_MS = 1000;
const modelNames = new Map(); // model id -> directory name
const followed = new Map();   // job id -> {row, cells, events}
let rpcId = 0;

async function rpc(method, params) {
  const body = {jsonrpc: '2.0', id: ++rpcId, method};
  if (params !== undefined) body.params = params;
  const res = await fetch('/rpc', {method: 'POST', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify(body)});
  const json = await res.json();
  if (json.error) {
    const e = new Error(json.error.message);
    e.code = json.error.code;
    throw e;
  }
  return json.result;
}

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

function shortId(id) {
  return id.length > 14 ? id.slice(0, 8) + '…' + id.slice(-4) : id;
}

function modelName(id) {
  return modelNames.get(id) || shortId(id);
}

function shapes(tensors) {
  return tensors.map(t => `${t.name} [${t.shape.join('×')}] scale ${t.scale}`).join(', ');
}

function stateCell(td, state) {
  td.textContent = state;
  td.className = 'state state-' + state;
}

function progressCell(td, state, progress, phase) {
  td.replaceChildren();
  const p = el('progress');
  p.max = 1;
  p.value = state === 'PROVED' ? 1 : progress || 0;
  const pct = Math.round(p.value * 100) + '%';
  p.setAttribute('aria-label', 'proof progress ' + pct);
  td.append(p, ' ', el('span', phase && !FINAL.has(state) ? `${pct} (${phase})` : pct));
}

async function loadModels() {
  const models = await rpc('zkml_models');
  const body = document.querySelector('#models tbody');
  body.replaceChildren();
  for (const m of models) {
    modelNames.set(m.id, m.name);
    const tr = el('tr');
    tr.append(el('td', m.name), el('td', m.id, 'mono'), el('td', shapes(m.inputs)), el('td', shapes(m.outputs)),
      el('td', m.vkBytes, 'num'), m.devSrs ? el('td', 'development (insecure)', 'dev') : el('td', 'ceremony'));
    body.append(tr);
  }
}

function renderRecent(rows) {
  const body = document.querySelector('#recent tbody');
  body.replaceChildren();
  for (const r of rows) {
    const tr = el('tr');
    const state = el('td');
    stateCell(state, r.state);
    const prog = el('td');
    progressCell(prog, r.state, r.progress, r.phase);
    const proving = r.startedMs && r.finishedMs ? (r.finishedMs - r.startedMs) + ' ms' : '–';
    tr.append(el('td', modelName(r.model)), state, prog,
      el('td', new Date(r.createdMs).toLocaleTimeString()), el('td', proving, 'num'));
    body.append(tr);
  }
}

async function pollStatus() {
  const conn = document.getElementById('conn');
  try {
    const s = await rpc('zkml_status');
    document.getElementById('q-depth').textContent = s.queue.depth;
    document.getElementById('q-running').textContent = s.queue.running;
    document.getElementById('q-workers').textContent = s.queue.workers;
    renderRecent(s.recent);
    conn.textContent = 'Connected, updated ' + new Date().toLocaleTimeString();
    conn.classList.remove('down');
  } catch (e) {
    conn.textContent = 'Sidecar unreachable: ' + e.message;
    conn.classList.add('down');
  }
}

function saveFollowed() {
  localStorage.setItem(STORE_KEY, JSON.stringify([...followed.keys()].slice(-20)));
}

function unfollow(id) {
  const f = followed.get(id);
  if (!f) return;
  if (f.events) f.events.close();
  f.row.remove();
  followed.delete(id);
  saveFollowed();
}

// Updates a followed job's row; once the job has a proof, the row links to its download.
function show(id, job) {
  const f = followed.get(id);
  if (!f) return;
  if (job.model) f.cells.model.textContent = modelName(job.model);
  stateCell(f.cells.state, job.state);
  f.row.dataset.state = job.state;
  f.row.dataset.progress = job.state === 'PROVED' ? 1 : job.progress || 0;
  progressCell(f.cells.progress, job.state, job.progress, job.phase);
  if (['PROVED', 'SUBMITTED', 'CONFIRMED'].includes(job.state) && !f.cells.proof.firstChild) {
    const a = el('a', 'Download proof', 'button download');
    a.href = '/jobs/' + encodeURIComponent(id) + '/proof';
    a.download = 'proof-' + id + '.json';
    a.setAttribute('aria-label', 'Download the proof of job ' + id);
    f.cells.proof.append(a);
  } else if (job.state === 'FAILED' && job.error) {
    f.cells.proof.textContent = job.error;
  }
}

// Live progress: the job's event stream, closed at the final state (else EventSource reconnects).
function listen(id) {
  const f = followed.get(id);
  const es = new EventSource('/jobs/' + encodeURIComponent(id) + '/events');
  f.events = es;
  const onEvent = ev => {
    const data = JSON.parse(ev.data);
    const rank = ORDER.indexOf(data.state);
    const now = ORDER.indexOf(f.row.dataset.state);
    if (rank >= 0 && rank < now) return; // an older event, replayed
    show(id, data);
    if (FINAL.has(data.state)) {
      es.close();
      f.events = null;
    }
  };
  es.addEventListener('state', onEvent);
  es.addEventListener('progress', onEvent);
  es.onerror = () => {
    // the stream ended or broke: read the job once, and resume only if it is still going
    es.close();
    f.events = null;
    rpc('zkml_getJob', [id]).then(job => {
      show(id, job);
      if (!FINAL.has(job.state) && followed.has(id)) setTimeout(() => listen(id), POLL_MS);
    }).catch(() => setTimeout(() => followed.has(id) && listen(id), 5 * POLL_MS));
  };
}

async function follow(id) {
  const msg = document.getElementById('follow-msg');
  msg.textContent = '';
  if (!JOB_ID.test(id)) {
    msg.textContent = 'That is not a job id.';
    return;
  }
  if (followed.has(id)) return;
  let job;
  try {
    job = await rpc('zkml_getJob', [id]);
  } catch (e) {
    msg.textContent = e.code === -32001 ? `No job ${id} on this sidecar.` : 'Could not read the job: ' + e.message;
    return;
  }
  if (followed.has(id)) return;
  const row = el('tr');
  row.dataset.job = id;
  const cells = {job: el('td', shortId(id), 'mono'), model: el('td'), state: el('td'), progress: el('td'),
    proof: el('td'), actions: el('td')};
  cells.job.title = id;
  const drop = el('button', 'Stop following', 'quiet');
  drop.type = 'button';
  drop.setAttribute('aria-label', 'Stop following job ' + id);
  drop.addEventListener('click', () => unfollow(id));
  cells.actions.append(drop);
  row.append(cells.job, cells.model, cells.state, cells.progress, cells.proof, cells.actions);
  document.querySelector('#jobs tbody').prepend(row);
  followed.set(id, {row, cells, events: null});
  saveFollowed();
  show(id, job);
  if (!FINAL.has(job.state)) listen(id);
}

function start() {
  document.getElementById('follow').addEventListener('submit', ev => {
    ev.preventDefault();
    const input = document.getElementById('follow-id');
    follow(input.value.trim()).then(() => { input.value = ''; });
  });
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('job');
  let saved = [];
  try {
    saved = JSON.parse(localStorage.getItem(STORE_KEY) || '[]');
  } catch (e) {
    saved = [];
  }
  loadModels().catch(e => {
    document.getElementById('conn').textContent = 'Could not load the models: ' + e.message;
  }).finally(() => {
    for (const id of fromHash ? [...saved, fromHash] : saved) follow(id);
    pollStatus();
    setInterval(pollStatus, POLL_MS);
  });
}

document.addEventListener('DOMContentLoaded', start);
