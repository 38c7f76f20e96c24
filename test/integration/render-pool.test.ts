// The render threads' pool (site-templates/render-pool.ts) with real worker threads: a thread holds
// its next task while it renders one, and still every task gets its own answer, its budget counted
// from when its thread starts it, and a thread that is ended takes only the task it was rendering
// with it. The worker is a stand-in that keeps its thread busy or fails as told.
import path from 'node:path';
import { OverBudget, PoolStopped, RenderPool, ThreadEnded, type RenderPoolOptions } from '../../src/plugins/linkage/server/src/site-templates/render-pool';

interface Task {
  readonly name: string;
  readonly busyMs?: number;
  readonly fail?: string;
  readonly exit?: boolean;
  readonly hog?: boolean;
}
interface Answer {
  readonly name: string;
  readonly threadId: number;
}

const pools: Array<RenderPool<Task, Answer>> = [];
const poolOf = (options: Partial<RenderPoolOptions> = {}) => {
  const pool = new RenderPool<Task, Answer>({
    file: path.join(__dirname, '..', 'fixtures', 'render-pool-worker.js'),
    threads: 1,
    depth: 2,
    budgetMs: 5000,
    resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8 },
    ...options,
  });
  pools.push(pool);
  return pool;
};
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.stop()));
});

/** Every task's outcome: its answer's name, or the error's class. */
const outcomes = (runs: Array<Promise<Answer>>) =>
  Promise.all(
    runs.map((run) =>
      run.then(
        (answer) => answer.name,
        (error: Error) => error.name
      )
    )
  );

test('every task gets its own answer, over several threads each holding two tasks', async () => {
  const pool = poolOf({ threads: 2 });
  const names = Array.from({ length: 40 }, (_, i) => `page-${i}`);
  const answers = await Promise.all(names.map((name) => pool.run({ name, busyMs: 2 })));
  expect(answers.map((a) => a.name)).toEqual(names);
  expect(new Set(answers.map((a) => a.threadId)).size).toBe(2);
});

test("a task's budget counts from when its thread starts it, not while it waits behind another in that thread", async () => {
  const pool = poolOf({ budgetMs: 600 });
  // Both sent to the one thread at once: the second would be over its budget if counted from then.
  expect(await outcomes([pool.run({ name: 'first', busyMs: 400 }), pool.run({ name: 'second', busyMs: 400 })])).toEqual(['first', 'second']);
});

test('a task past its budget ends its thread; the task its thread held next is answered by a new thread', async () => {
  const pool = poolOf({ budgetMs: 300 });
  const slow = pool.run({ name: 'slow', busyMs: 3000 });
  const next = pool.run({ name: 'next' });
  expect(await outcomes([slow, next])).toEqual(['OverBudget', 'next']);
  await expect(slow).rejects.toThrow(new OverBudget(300).message);
  // The slow task's thread is gone: the next ran on a new one.
  expect((await pool.run({ name: 'after' })).threadId).toBe((await next).threadId);
});

test("a task's own failure is its alone: the thread goes on with the next", async () => {
  const pool = poolOf();
  await expect(pool.run({ name: 'not plain data', busyMs: 1, fail: (() => 'a function') as unknown as string })).rejects.toThrow(/could not be cloned/);
  const failing = pool.run({ name: 'failing', fail: 'no template "missing"' });
  const next = pool.run({ name: 'next' });
  await expect(failing).rejects.toThrow('no template "missing"');
  const before = await pool.run({ name: 'before' });
  expect((await next).threadId).toBe(before.threadId);
});

test('a thread that exits, or runs out of memory, fails the task it was rendering, and the next is answered', async () => {
  const pool = poolOf();
  const exiting = pool.run({ name: 'exiting', exit: true });
  const afterExit = pool.run({ name: 'after-exit' });
  expect(await outcomes([exiting, afterExit])).toEqual(['ThreadEnded', 'after-exit']);
  await expect(exiting).rejects.toThrow('the render thread exited with code 3');

  const hogging = pool.run({ name: 'hogging', hog: true });
  const afterHog = pool.run({ name: 'after-hog' });
  expect(await outcomes([hogging, afterHog])).toEqual(['ThreadEnded', 'after-hog']);
  await expect(hogging).rejects.toThrow(ThreadEnded);
  await expect(hogging).rejects.toThrow(/memory/);
});

test('a thread that never loads fails the first task it was sent, not every task forever', async () => {
  const pool = poolOf({ file: path.join(__dirname, '..', 'fixtures', 'render-pool-worker-never-ready.js'), loadLimitMs: 300 });
  await expect(pool.run({ name: 'first' })).rejects.toThrow('the render thread did not start within 300 ms');
});

test('stopping fails what is rendering, held and queued, and every task after it', async () => {
  const pool = poolOf();
  const settled = outcomes(['rendering', 'held', 'queued'].map((name) => pool.run({ name, busyMs: 2000 })));
  await new Promise((resolve) => setTimeout(resolve, 200));
  await pool.stop();
  expect(await settled).toEqual(['PoolStopped', 'PoolStopped', 'PoolStopped']);
  await expect(pool.run({ name: 'later' })).rejects.toThrow(PoolStopped);
});
