// A render worker thread: renders pages of a template set, one at a time, in the order sent. Started
// by services/renderer.ts in a pool (render-pool.ts); a render over its time budget is stopped by
// terminating the thread, so no template, however slow any single step is, holds the server's event loop.
import { parentPort } from 'node:worker_threads';
import type { Liquid } from 'liquidjs';
import type { AdminText } from '../domain/admin-language';
import { serverHeadProblem } from '../domain/page-head';
import { liquidMessage, templateEngine } from '../domain/templates';

export interface RenderTask {
  /** Names the template set: engines (parsed templates) are kept per set. */
  readonly setId: string;
  /** The set's templates: sent only when the thread answered UNKNOWN_TEMPLATE_SET (it is new, or let the set go). */
  readonly templates?: ReadonlyArray<readonly [string, string]>;
  readonly page: string;
  readonly data: object;
}

/** A rendered page, and why the server could not write its own head elements into it (domain/page-head.ts), if so. */
export interface RenderResult {
  readonly html: string;
  readonly headProblem: AdminText | null;
}

/** The error a thread answers with when it holds no engine of the task's set and was not sent its templates. */
export const UNKNOWN_TEMPLATE_SET = 'linkage: this render thread does not hold the template set';

const KEPT = 4;
const engines = new Map<string, Liquid>();

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
  return { html, headProblem: serverHeadProblem(html) };
}

const port = parentPort;
if (port) {
  port.on('message', ({ id, task }: { id: number; task: RenderTask }) => {
    try {
      port.postMessage({ id, result: render(task) });
    } catch (error) {
      port.postMessage({ id, error: (error as Error).message });
    }
  });
  port.postMessage({ ready: true });
}
