#!/usr/bin/env node
// The e2e web server (playwright.config.ts): the built site (dist/site), test/fixtures/* at
// /fixtures/*, and /__too-large.db, a response that announces 1.6 GiB and then sends nothing (open()
// must refuse it with FILE_TOO_LARGE from its Content-Length, without reading a byte).
// Faulty tree workers for the tree-worker tests: while the page's cookie `sba-tree-worker` names a
// fault, the tree worker's script is a wrapper that imports the real one (`?real`) and misbehaves.
// GET /__tree-worker-log answers (and clears) the list of tree worker scripts served since the
// last read: 'plain', 'real' (imported by a wrapper) or the fault's name.
// Usage: node test/browsers/serve-e2e.mjs PORT (the site's folder: E2E_SITE, default dist/site)
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { staticHandler } from '../../scripts/serve.mjs';

const port = Number(process.argv[2] ?? 4318);
const siteDir = process.env.E2E_SITE ?? 'dist/site';
const site = staticHandler(siteDir);
const fixtures = staticHandler('test/fixtures');
const TOO_LARGE_BYTES = 1600 * 1024 * 1024;
const TREE_WORKER = /\/tree[.-]worker[^/]*\.js$/;
const REAL = `const real = new URL(self.location.href); real.search = '?real';`;
const FAULTS = {
  // The script throws while loading: the worker never starts.
  throws: `throw new Error('the tree worker does not load (test fault)');`,
  // The real worker, which throws an uncaught error right after posting its first tree.
  crashes: `${REAL}
const post = self.postMessage.bind(self);
let trees = 0;
self.postMessage = (m, t) => { post(m, t); if (m && m.type === 'tree' && ++trees === 1) setTimeout(() => { throw new Error('the tree worker crashed (test fault)'); }); };
await import(real.href);`,
  // Says ready, then never answers.
  silent: `self.postMessage({ type: 'ready' });
self.onmessage = () => undefined;`,
};

/** The fault the page's cookie names, if any. */
function faultOf(req) {
  const m = /(?:^|;\s*)sba-tree-worker=(\w+)/.exec(req.headers.cookie ?? '');
  return m && m[1] in FAULTS ? m[1] : null;
}
let treeWorkerLog = [];

createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path === '/__too-large.db') {
    res.writeHead(200, { 'content-type': 'application/vnd.sqlite3', 'content-length': String(TOO_LARGE_BYTES), 'cache-control': 'no-store' });
    res.write(readFileSync('test/fixtures/sample.db').subarray(0, 4096));
    // Nothing follows; the socket closes when the browser lets go (or after a minute).
    const timer = setTimeout(() => res.destroy(), 60_000);
    res.on('close', () => clearTimeout(timer));
    return;
  }
  if (path === '/__tree-worker-log') {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(treeWorkerLog));
    treeWorkerLog = [];
    return;
  }
  if (TREE_WORKER.test(path)) {
    const fault = req.url.includes('?real') ? null : faultOf(req);
    treeWorkerLog.push(fault ?? (req.url.includes('?real') ? 'real' : 'plain'));
    // no-store: WebKit otherwise starts the second tree worker from its memory cache, unseen here.
    let body;
    try {
      body = fault ? FAULTS[fault] : readFileSync(`${siteDir}${path}`);
    } catch {
      return site(req, res);
    }
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' }).end(body);
    return;
  }
  if (path.startsWith('/fixtures/')) {
    req.url = path.slice('/fixtures'.length);
    return fixtures(req, res);
  }
  return site(req, res);
}).listen(port, '127.0.0.1', () => console.log(`e2e site: http://127.0.0.1:${port}/`));
