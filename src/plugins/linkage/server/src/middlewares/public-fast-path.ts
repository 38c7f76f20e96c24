// Cache hits of the public API and the sites answered before Koa and Strapi's middleware chain
// (docs/adr/021-public-fast-path.md). The first answer to an address goes the long way; what it sent
// is remembered (the cached body, and every header the chain set: security headers, CORS, Vary,
// Cache-Control) under the address and what the answer may vary on. While the published snapshot
// it came from is current and trusted (`published.cacheTrusted()`), the next request for that
// address gets the same bytes and headers from here: the representation its Accept-Encoding asks
// for, or a 304 when its validators match. Anything else, and every request this cannot answer,
// goes to Strapi's listener as before.
//
// A miss of a unit's site page (its home, its page of an item, or that page's route for answers,
// addressed with a plain query: domain/links.ts sitePageAt) is rendered here too, once the chain has
// answered a page of that kind, to the same Origin, varying with Accept-Language or not as this one
// does: the page is the sites service's, in the reader's language as the pages' controller
// negotiates it, and the headers are those the chain set on that answer. A page that cannot be
// shown (not found, answers refused, a template failing, the database) goes the long way, which says why.
import type { IncomingMessage, OutgoingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { Core } from '@strapi/strapi';
import { LRUCache } from 'lru-cache';
import { chooseCoding, type ContentCoding } from '../domain/content-coding';
import { isDatabaseUnavailable } from '../domain/database-outage';
import { isNotModified } from '../domain/http-conditions';
import { sitePageAt, type SitePage } from '../domain/links';
import { negotiateLocale } from '../domain/locale-negotiation';
import type { Cached } from '../services/render-cache';
import { answerOf, representation } from '../services/representations';
import { getService } from '../get-service';

/** The name of the request listener @strapi/core's http server is created with (services/server/http-server.js). */
export const STRAPI_REQUEST_LISTENER = 'handleRequest';
/** The name of the plugin's listener that takes its place. */
export const LINKAGE_REQUEST_LISTENER = 'linkageFastPath';

type RequestListener = (this: Server, request: IncomingMessage, response: ServerResponse) => void;

// Headers of the representation, set here per coding; the rest are replayed as the chain set them.
const REPRESENTATION_HEADERS = new Set(['etag', 'content-encoding', 'content-length', 'content-type', 'last-modified', 'date', 'connection', 'keep-alive', 'transfer-encoding']);

interface Replay {
  readonly value: Cached;
  /** The chain's headers, flat ([name, value, name, value…]) as writeHead takes them. */
  readonly headers: readonly string[];
  /** Per coding: the body and every header of a 200 and of a 304, built on first use. */
  readonly prepared: Map<ContentCoding, { body: Buffer; etag: string; ok: string[]; notModified: string[] }>;
}

/** Addresses whose answers come from the render cache; previews never do. */
const answeredFromCache = (url: string): boolean => (url.startsWith('/api/linkage/') || url.startsWith('/sites/')) && !url.startsWith('/sites/preview');

/**
 * The key of what a request may get: its address, and the request headers an answer there may
 * vary on besides Accept-Encoding (handled here): Origin (CORS), and, for pages, Accept-Language.
 */
function keyOf(request: IncomingMessage): string | null {
  const url = request.url;
  if ((request.method !== 'GET' && request.method !== 'HEAD') || url === undefined || !answeredFromCache(url) || request.headers.range !== undefined) return null;
  const language = url.startsWith('/sites/') ? (request.headers['accept-language'] ?? '') : '';
  return `${url}\n${request.headers.origin ?? ''}\n${language}`;
}

function flatHeaders(headers: OutgoingHttpHeaders): string[] | null {
  const flat: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (REPRESENTATION_HEADERS.has(name) || value === undefined) continue;
    // A response that sets a cookie is someone's: never replayed.
    if (name === 'set-cookie') return null;
    flat.push(name, Array.isArray(value) ? value.join(', ') : String(value));
  }
  return flat;
}

function prepared(replay: Replay, coding: ContentCoding) {
  let ready = replay.prepared.get(coding);
  if (!ready) {
    const chosen = representation(replay.value, coding);
    const validators = ['ETag', chosen.etag, 'Last-Modified', replay.value.lastModified.toUTCString()];
    const notModified = [...replay.headers, ...validators, ...(chosen.encoding ? ['Content-Encoding', chosen.encoding] : [])];
    ready = {
      body: chosen.body,
      etag: chosen.etag,
      notModified,
      ok: [...notModified, 'Content-Type', replay.value.type, 'Content-Length', String(chosen.body.length)],
    };
    replay.prepared.set(coding, ready);
  }
  return ready;
}

export function installFastPath(strapi: Core.Strapi): void {
  const server = strapi.server.httpServer as Server;
  const listeners = server.listeners('request') as RequestListener[];
  const strapiListener = listeners.find((l) => l.name === STRAPI_REQUEST_LISTENER);
  if (!strapiListener) throw new Error(`linkage: Strapi's http server has no request listener named ${STRAPI_REQUEST_LISTENER} (docs/adr/021-public-fast-path.md)`);
  const published = getService(strapi, 'published');
  const sites = getService(strapi, 'sites');
  const health = getService(strapi, 'database-health');
  const maxBytes = Number(strapi.config.get('plugin::linkage.cacheBytes', 32 * 1024 * 1024));
  const replays = new LRUCache<string, Replay>({ maxSize: maxBytes, sizeCalculation: (replay, key) => replay.value.body.length + key.length * 2 + 512 });
  // The chain's headers on a 200 of a site page, by the page's kind, whether the page's language
  // came from Accept-Language (the chain then says Vary: Accept-Language), and the request's Origin.
  const pageHeaders = new LRUCache<string, readonly string[]>({ max: 256 });
  const pageHeadersKey = (page: SitePage, variesWithLanguage: boolean, request: IncomingMessage) =>
    `${page.kind}\n${variesWithLanguage ? 'accept-language' : ''}\n${request.headers.origin ?? ''}`;
  const variesWithLanguage = (response: ServerResponse) => /(^|,)\s*accept-language\s*(,|$)/i.test(String(response.getHeader('vary') ?? ''));
  published.onInvalidate(() => {
    replays.clear();
    pageHeaders.clear();
  });
  // Clients send a handful of distinct Accept-Encoding values: each is parsed once.
  const codings = new LRUCache<string, ContentCoding>({ max: 256 });
  const codingOf = (header: string | undefined): ContentCoding => {
    if (header === undefined) return 'identity';
    let coding = codings.get(header);
    if (coding === undefined) {
      coding = chooseCoding(header);
      codings.set(header, coding);
    }
    return coding;
  };

  /** The replay for this key if it is of the current snapshot. */
  function current(key: string): Replay | undefined {
    const replay = replays.get(key);
    return replay && replay.value.generation === published.generation() ? replay : undefined;
  }

  function send(replay: Replay, request: IncomingMessage, response: ServerResponse): void {
    const ready = prepared(replay, codingOf(request.headers['accept-encoding']));
    const validators = { etag: ready.etag, lastModified: replay.value.lastModified };
    if (isNotModified({ ifNoneMatch: request.headers['if-none-match'], ifModifiedSince: request.headers['if-modified-since'] }, validators)) {
      response.writeHead(304, ready.notModified);
      response.end();
    } else {
      response.writeHead(200, ready.ok);
      response.end(request.method === 'HEAD' ? undefined : ready.body);
    }
  }

  function remember(key: string, request: IncomingMessage, response: ServerResponse): void {
    const value = answerOf(response);
    if (!value || (response.statusCode !== 200 && response.statusCode !== 304)) return;
    const headers = flatHeaders(response.getHeaders());
    if (!headers) return;
    replays.set(key, { value, headers, prepared: new Map() });
    const page = sitePageAt(request.url as string);
    if (page && response.statusCode === 200) pageHeaders.set(pageHeadersKey(page, variesWithLanguage(response), request), headers);
  }

  /** A site page's miss, rendered as its controller would (controllers/pages.ts), with the headers the chain set on a page like it. */
  async function answerPageMiss(page: SitePage, key: string, request: IncomingMessage, response: ServerResponse, longWay: () => void): Promise<void> {
    let value: Cached;
    let headers: readonly string[] | undefined;
    try {
      const { locales } = await published.snapshot();
      const { locale, variesWithHeader } = negotiateLocale(page.locale, request.headers['accept-language'] || undefined, locales);
      headers = pageHeaders.get(pageHeadersKey(page, variesWithHeader, request));
      // No page like it answered by the chain yet: the long way answers, and teaches its headers.
      if (!headers) return longWay();
      if (page.kind === 'route') value = await sites.routePage(page.unitCode, page.slug, page.answers, locale);
      else value = page.kind === 'item' ? await sites.itemPage(page.unitCode, page.slug, locale) : await sites.indexPage(page.unitCode, locale);
    } catch (error) {
      // The long way answers it: a refusal page, or a 503 while the database is down.
      if (isDatabaseUnavailable(error)) health.suspect(error);
      return longWay();
    }
    if ((value.status ?? 200) !== 200) return longWay();
    const replay: Replay = { value, headers, prepared: new Map() };
    replays.set(key, replay);
    send(replay, request, response);
  }

  const fastPath: RequestListener = function linkageFastPath(this: Server, request, response) {
    const key = keyOf(request);
    if (key === null) return strapiListener.call(this, request, response);
    const longWay = () => {
      response.once('finish', () => remember(key, request, response));
      strapiListener.call(this, request, response);
    };
    const replay = current(key);
    if (!replay) {
      const page = pageHeaders.size > 0 && !health.isDown() ? sitePageAt(request.url as string) : null;
      if (page) {
        answerPageMiss(page, key, request, response, longWay).catch((error: unknown) => {
          strapi.log.error(`[linkage] a site page miss failed before Koa: ${(error as Error)?.stack ?? String(error)}`);
          if (response.headersSent) response.destroy();
          else longWay();
        });
        return;
      }
      return longWay();
    }
    if (published.cacheTrusted()) return send(replay, request, response);
    // Not trusted without a look at the change feed (the last was over a second ago): the snapshot
    // looks, and the replay is sent if nothing changed meanwhile; else, or if the look fails, the
    // long way answers.
    published.snapshot().then(() => (current(key) === replay && published.cacheTrusted() ? send(replay, request, response) : longWay()), longWay);
  };
  // In Strapi's listener's place, so listeners added before or after it (the shutdown's request
  // count) keep their order.
  server.removeAllListeners('request');
  for (const listener of listeners) server.on('request', listener === strapiListener ? fastPath : listener);
}
