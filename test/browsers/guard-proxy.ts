/**
 * The offline guard for WebKit: a local HTTP proxy that the browser sends all its traffic to
 * (page and workers alike, loopback included). Requests to 127.0.0.1/localhost are forwarded;
 * anything else is refused (502) and recorded, HTTPS tunnels (CONNECT) too. With `probe`, HTML
 * pages get the error probe (probe.ts) as their first script, served from the page's own origin
 * so that the pages' Content-Security-Policy ('self') admits it.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PROBE_PATH, PROBE_SOURCE } from './probe.js';

const LOCAL = /^(127\.0\.0\.1|localhost|\[::1\])$/;

export interface GuardProxy {
  port: number;
  /** URLs (or CONNECT targets) of refused requests to non-local hosts. */
  foreign: string[];
  /** Every URL requested through the proxy. */
  log: string[];
  close(): Promise<void>;
}

function injectProbe(html: string): string {
  const tag = `<script src="${PROBE_PATH}"></script>`;
  const head = /<head[^>]*>/i.exec(html);
  return head ? html.slice(0, head.index + head[0].length) + tag + html.slice(head.index + head[0].length) : tag + html;
}

function forward(req: IncomingMessage, res: ServerResponse, url: URL, probe: boolean): void {
  const headers: Record<string, string | string[] | undefined> = { ...req.headers, host: url.host };
  delete headers['proxy-connection'];
  if (probe) delete headers['accept-encoding'];
  const upstream = request({ host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port || 80, method: req.method, path: url.pathname + url.search, headers }, (up) => {
    const type = String(up.headers['content-type'] ?? '');
    if (!probe || !type.startsWith('text/html')) {
      res.writeHead(up.statusCode ?? 502, up.headers);
      res.flushHeaders(); // a response whose body is slow to come still answers at its headers
      up.pipe(res);
      return;
    }
    const chunks: Buffer[] = [];
    up.on('data', (c: Buffer) => chunks.push(c));
    up.on('end', () => {
      const body = Buffer.from(injectProbe(Buffer.concat(chunks).toString('utf8')));
      const out = { ...up.headers, 'content-length': String(body.length) };
      delete out['transfer-encoding'];
      res.writeHead(up.statusCode ?? 502, out);
      res.end(body);
    });
  });
  upstream.on('error', (e) => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(`guard proxy: ${e.message}`);
  });
  req.pipe(upstream);
}

export async function startGuardProxy(opts: { probe: boolean }): Promise<GuardProxy> {
  const foreign: string[] = [];
  const log: string[] = [];
  const server = createServer((req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end('guard proxy: not a proxy request');
      return;
    }
    log.push(url.href);
    if (!LOCAL.test(url.hostname)) {
      foreign.push(url.href);
      res.writeHead(502, { 'content-type': 'text/plain' }).end('guard proxy: no request to another host (offline)');
      return;
    }
    if (opts.probe && url.pathname === PROBE_PATH) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' }).end(PROBE_SOURCE);
      return;
    }
    forward(req, res, url, opts.probe);
  });
  server.on('connect', (req, socket) => {
    const target = req.url ?? '';
    // Only a tunnel to a local host would be harmless; the tests serve plain HTTP, so refuse all.
    foreign.push(`CONNECT ${target}`);
    socket.end('HTTP/1.1 502 Offline\r\n\r\n');
  });
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    port: (server.address() as AddressInfo).port,
    foreign,
    log,
    close: () =>
      new Promise<void>((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
}
