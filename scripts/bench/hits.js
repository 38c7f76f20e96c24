#!/usr/bin/env node
// Cache hits near the metal (docs/design.md §7, issue 15), side by side in one run: the do-nothing
// Strapi route; a bare Node http server (a child process of its own) sending the same bytes and
// headers as the page; and the app's cache hits (a page as HTML, plain and brotli; its 304; a site
// view and a navigator route as JSON), which the fast path answers before Koa.
// Usage: node scripts/bench/hits.js [--duration 15] [--connections 32] [--slug S] [--unit CODE]
'use strict';
const { spawn } = require('node:child_process');
const http = require('node:http');
const { arg, measure, report, startServer, stopServer } = require('./lib/harness');

const SLUG = arg('slug', 'enterprise-employee-retirement-certification');
const UNIT = arg('unit', '370281000000');
const BARE_PORT = 1397;

/** A bare Node server answering every request with these bytes and headers. */
function startBare(variants) {
  const source = `
    const http = require('node:http');
    const variants = ${JSON.stringify(variants.map((v) => ({ ...v, body: v.body.toString('base64') })))}
      .map((v) => ({ headers: v.headers, body: Buffer.from(v.body, 'base64') }));
    http.createServer((req, res) => {
      const v = /br/.test(req.headers['accept-encoding'] || '') ? variants[1] : variants[0];
      res.writeHead(200, v.headers);
      res.end(v.body);
    }).listen(${BARE_PORT}, () => console.log('READY'));`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', source], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (chunk) => String(chunk).includes('READY') && resolve(child));
    child.on('exit', (code) => reject(new Error(`bare server exited with ${code}`)));
  });
}

/** The bytes and headers the app sends for a path in a coding, as they are on the wire. */
function captured(base, path, encoding) {
  return new Promise((resolve, reject) => {
    http
      .get(base + path, { headers: { 'Accept-Encoding': encoding } }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const headers = { ...res.headers };
          for (const name of ['date', 'connection', 'keep-alive', 'transfer-encoding']) delete headers[name];
          resolve({ headers, body: Buffer.concat(chunks) });
        });
      })
      .on('error', reject);
  });
}

async function main() {
  const server = await startServer(1399);
  const base = 'http://127.0.0.1:1399';
  const page = `/sites/${UNIT}/items/${SLUG}?locale=zh-Hans`;
  const plain = await captured(base, page, 'identity');
  const brotli = await captured(base, page, 'br');
  const bare = await startBare([plain, brotli]);
  const route = `/api/linkage/items/${SLUG}/route?answers[retirement_type]=normal&answers[enterprise_type]=domestic&answers[enterprise_location]=${UNIT}`;
  const rows = [];
  rows.push(await measure(base, 'noop (do-nothing Strapi route)', '/bench/noop'));
  rows.push(await measure(`http://127.0.0.1:${BARE_PORT}`, `bare Node server, the same page bytes (${plain.body.length} B)`, page, { 'Accept-Encoding': 'identity' }));
  rows.push(await measure(base, 'site item page (HTML), cache hit', page, { 'Accept-Encoding': 'identity' }));
  rows.push(await measure(`http://127.0.0.1:${BARE_PORT}`, `bare Node server, the page brotli (${brotli.body.length} B)`, page, { 'Accept-Encoding': 'br' }));
  rows.push(await measure(base, 'site item page (HTML, brotli), cache hit', page, { 'Accept-Encoding': 'br' }));
  rows.push(await measure(base, 'site item page, 304 (If-None-Match, weak)', page, { 'Accept-Encoding': 'identity', 'If-None-Match': `W/${plain.headers.etag}` }));
  rows.push(await measure(base, 'site item view (JSON), cache hit', `/api/linkage/sites/${UNIT}/items/${SLUG}`, { 'Accept-Encoding': 'gzip' }));
  rows.push(await measure(base, 'navigator route (JSON), cache hit', route, { 'Accept-Encoding': 'gzip' }));
  await stopServer(server);
  bare.kill();
  const [noop, barePlain, hit, bareBr, hitBr, notModified] = rows;
  report(
    `hits ${SLUG}`,
    rows,
    `page hit / noop ${(hit.rps / noop.rps).toFixed(1)}x (target ≥ 3), page hit / bare ${(hit.rps / barePlain.rps).toFixed(2)} (≥ 0.40); ` +
      `brotli hit / bare brotli ${(hitBr.rps / bareBr.rps).toFixed(2)}; 304 / noop ${(notModified.rps / noop.rps).toFixed(1)}x; p99 page hit ${hit.p99} ms (< 10)`
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
