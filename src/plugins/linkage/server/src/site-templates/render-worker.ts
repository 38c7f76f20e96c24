// A render worker thread: renders pages of a template set, one at a time, in the order sent. Started
// by services/renderer.ts in a pool (render-pool.ts); a render over its time budget is stopped by
// terminating the thread, so no template, however slow any single step is, holds the server's event loop.
// A public page leaves here finished: the server's head written in, encoded, with its ETag, its bytes
// handed over to the event loop without a copy.
import { parentPort } from 'node:worker_threads';
import type { Liquid } from 'liquidjs';
import type { AdminText } from '../domain/admin-language';
import { strongEtagOf } from '../domain/http-conditions';
import { serverElementsFor, serverHeadProblem, withServerHead, type ServerElements } from '../domain/page-head';
import { liquidMessage, templateEngine } from '../domain/templates';

export interface RenderTask {
  /** Names the template set: engines (parsed templates) are kept per set. */
  readonly setId: string;
  /** The set's templates: sent only when the thread answered UNKNOWN_TEMPLATE_SET (it is new, or let the set go). */
  readonly templates?: ReadonlyArray<readonly [string, string]>;
  readonly page: string;
  readonly data: object;
  /** For a public page: the server's elements to write first in its head; the answer is then its bytes. */
  readonly head?: ServerElements;
}

/** A page that could not take the server's head (domain/page-head.ts), the page's text, or the finished page. */
export type RenderResult = { readonly headProblem: AdminText } | { readonly html: string } | { readonly body: Uint8Array; readonly etag: string };

/** The error a thread answers with when it holds no engine of the task's set and was not sent its templates. */
export const UNKNOWN_TEMPLATE_SET = 'linkage: this render thread does not hold the template set';

const KEPT = 4;
const engines = new Map<string, Liquid>();
const encoder = new TextEncoder();

function engineOf(task: RenderTask): Liquid {
  let engine = engines.get(task.setId);
  if (!engine) {
    if (!task.templates) throw new Error(UNKNOWN_TEMPLATE_SET);
    engine = templateEngine(new Map(task.templates));
    engines.set(task.setId, engine);
    if (engines.size > KEPT) engines.delete(engines.keys().next().value as string);
  }
  return engine;
}

function render(task: RenderTask): RenderResult {
  const engine = engineOf(task);
  let html: string;
  try {
    html = engine.renderFileSync(task.page, task.data) as string;
  } catch (error) {
    // Only the message crosses the thread boundary: said here, with its line.
    throw new Error(liquidMessage(error));
  }
  // Every page is read here, off the event loop, for room for the server's head and no forgery of it.
  const headProblem = serverHeadProblem(html);
  if (headProblem) return { headProblem };
  if (!task.head) return { html };
  const body = encoder.encode(withServerHead(html, serverElementsFor(html, task.head)) as string);
  return { body, etag: strongEtagOf(body) };
}

const port = parentPort;
if (port) {
  port.on('message', ({ id, task }: { id: number; task: RenderTask }) => {
    let result: RenderResult;
    try {
      result = render(task);
    } catch (error) {
      port.postMessage({ id, error: (error as Error).message });
      return;
    }
    port.postMessage({ id, result }, 'body' in result ? [result.body.buffer as ArrayBuffer] : []);
  });
  port.postMessage({ ready: true });
}
