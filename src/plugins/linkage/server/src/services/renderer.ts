// Renders site pages off the event loop, in a pool of worker threads, each page within a hard
// wall-clock budget (LINKAGE_RENDER_BUDGET_MS, 1 s by default): a render over it is stopped by
// terminating its thread, whatever step it is in. Used for the public pages and for the checks
// before a template is published.
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import type { AdminText } from '../domain/admin-language';
import { templateSetId, type PageRenderer } from '../domain/templates';
import { UNKNOWN_TEMPLATE_SET, type RenderResult, type RenderTask } from '../site-templates/render-worker';
import { OverBudget, PoolStopped, RenderPool, ThreadEnded } from '../site-templates/render-pool';

/** A render that failed: over its budget, the template's own error, or a page the server cannot write its head into. */
export class RenderFailure extends Error {
  constructor(
    message: string,
    readonly overBudget: boolean,
    /** The reason in each admin language, where one is written (a page's head: domain/page-head.ts). */
    readonly text?: AdminText
  ) {
    super(message);
    this.name = 'RenderFailure';
  }
}

/** A render cut short because the server is stopping (its threads end): no fault of the templates. */
export class RenderStopped extends Error {
  constructor() {
    super('the server is stopping: the page was not rendered');
    this.name = 'RenderStopped';
  }
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const budgetMs = Number(strapi.config.get('plugin::linkage.renderBudgetMs', 1000));
  // One fewer than the cores, one or two: a second thread on two cores took the main thread's core
  // under a burst of misses (p99 worse, BENCHMARKS.md).
  const threads = Number(strapi.config.get('plugin::linkage.renderThreads', 0)) || Math.max(1, Math.min(2, os.cpus().length - 1));
  // Threads start on first use: a Strapi that renders no page (a command-line tool) starts none.
  const pool = new RenderPool<RenderTask, RenderResult>({
    file: path.join(__dirname, '..', 'site-templates', 'render-worker.js'),
    threads,
    depth: 2,
    budgetMs,
    // A template that builds huge strings or arrays ends its own thread, not the server.
    resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 },
  });
  const sets = new WeakMap<ReadonlyMap<string, string>, { id: string; entries: Array<[string, string]> }>();
  const setOf = (templates: ReadonlyMap<string, string>) => {
    let set = sets.get(templates);
    if (!set) sets.set(templates, (set = { id: templateSetId(templates), entries: [...templates] }));
    return set;
  };

  /**
   * Renders one page; rejects with a RenderFailure. The budget counts from when a thread starts it,
   * not while it waits. A set's templates are sent only to a thread that does not hold them yet.
   */
  const render: PageRenderer = async (templates, page, data) => {
    const set = setOf(templates);
    const task: RenderTask = { setId: set.id, page, data };
    let result: RenderResult;
    try {
      result = await pool.run(task).catch((error: unknown) => {
        if ((error as Error).message !== UNKNOWN_TEMPLATE_SET) throw error;
        return pool.run({ ...task, templates: set.entries });
      });
    } catch (error) {
      // Its thread was ended by stop(), not by its own doing (a client that left may still wait for it).
      if (error instanceof PoolStopped) throw new RenderStopped();
      if (error instanceof OverBudget) {
        throw new RenderFailure(`took longer than ${budgetMs} ms to render, the limit for one page (LINKAGE_RENDER_BUDGET_MS)`, true);
      }
      if (error instanceof ThreadEnded) {
        throw new RenderFailure(/memory/i.test(error.message) ? `used more memory than a page may (${error.message})` : `ended its render thread (${error.message})`, false);
      }
      throw new RenderFailure((error as Error).message, false);
    }
    if (result.headProblem) throw new RenderFailure(result.headProblem.en, false, result.headProblem);
    return result.html;
  };

  return {
    budgetMs,
    render,
    async stop(): Promise<void> {
      await pool.stop();
    },
  };
};
