// A pool of render threads in which each thread holds its next task while it renders the current
// one. With one task at a time per thread (workerpool), the thread sat idle after every page until
// the busy event loop read its answer and sent the next: under a burst of misses it was idle 43% of
// the time while pages waited (BENCHMARKS.md, "Misses at Qingdao scale, fifth session").
// The budget stays a hard wall-clock limit per task, counted from when its thread starts it: from
// the thread's readiness or from the answer to the task before it. A thread past the budget is
// ended; the task it held next is sent again, to another thread.
import { Worker, type ResourceLimits } from 'node:worker_threads';

export interface RenderPoolOptions {
  /** The worker script: it posts `{ ready: true }` once loaded, then answers each `{ id, task }` with `{ id, result }` or `{ id, error }`. */
  readonly file: string;
  readonly threads: number;
  /** Tasks a thread holds at once: the one it renders and the ones it starts next. */
  readonly depth: number;
  readonly budgetMs: number;
  readonly resourceLimits: ResourceLimits;
  /** How long a new thread may take to load its script (30 s by default). */
  readonly loadLimitMs?: number;
}

/** A task past its budget: its thread was ended. */
export class OverBudget extends Error {
  constructor(budgetMs: number) {
    super(`took longer than ${budgetMs} ms`);
    this.name = 'OverBudget';
  }
}

/** The thread ended while it rendered this task: out of memory, or its own failure. */
export class ThreadEnded extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ThreadEnded';
  }
}

/** The pool was stopped before the task was done. */
export class PoolStopped extends Error {
  constructor() {
    super('the render threads were stopped');
    this.name = 'PoolStopped';
  }
}

interface Job<T, R> {
  readonly id: number;
  readonly task: T;
  readonly resolve: (result: R) => void;
  readonly reject: (error: Error) => void;
}

interface Thread<T, R> {
  readonly worker: Worker;
  /** In the order sent: the first is the one being rendered. */
  jobs: Array<Job<T, R>>;
  ready: boolean;
  ended: boolean;
  timer: NodeJS.Timeout | null;
}

type Answer<R> = { ready: true } | { id: number; result: R } | { id: number; error: string };

export class RenderPool<T, R> {
  private readonly queue: Array<Job<T, R>> = [];
  private readonly threads: Array<Thread<T, R>> = [];
  private lastId = 0;
  private stopped = false;

  constructor(private readonly options: RenderPoolOptions) {}

  run(task: T): Promise<R> {
    if (this.stopped) return Promise.reject(new PoolStopped());
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ id: ++this.lastId, task, resolve, reject });
      this.dispatch();
    });
  }

  /** Ends every thread; what was queued or rendering is rejected with PoolStopped. */
  async stop(): Promise<void> {
    this.stopped = true;
    const pending = [...this.queue.splice(0), ...this.threads.flatMap((thread) => thread.jobs)];
    const ending = this.threads.splice(0).map((thread) => this.end(thread));
    for (const job of pending) job.reject(new PoolStopped());
    await Promise.all(ending);
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const thread = this.freest();
      if (!thread) return;
      const job = this.queue.shift() as Job<T, R>;
      try {
        thread.worker.postMessage({ id: job.id, task: job.task });
      } catch (error) {
        // A task that cannot be copied to a thread (not plain data) fails alone.
        job.reject(error as Error);
        continue;
      }
      thread.jobs.push(job);
      if (thread.jobs.length === 1) this.startClock(thread);
    }
  }

  /** The thread holding the fewest tasks, below the depth; a new one while there are fewer than allowed. */
  private freest(): Thread<T, R> | null {
    let best: Thread<T, R> | null = null;
    for (const thread of this.threads) if (thread.jobs.length < this.options.depth && (!best || thread.jobs.length < best.jobs.length)) best = thread;
    if (best?.jobs.length === 0 || this.threads.length >= this.options.threads) return best;
    return this.start();
  }

  private start(): Thread<T, R> {
    const worker = new Worker(this.options.file, { resourceLimits: this.options.resourceLimits });
    // Loading is not a task's time, but a thread that never loads must not hold its tasks forever.
    const limit = this.options.loadLimitMs ?? 30_000;
    const loading = setTimeout(() => this.lost(thread, `the render thread did not start within ${limit} ms`), limit);
    const thread: Thread<T, R> = { worker, jobs: [], ready: false, ended: false, timer: loading };
    worker.on('message', (answer: Answer<R>) => this.answered(thread, answer));
    worker.on('error', (error: Error) => this.lost(thread, error.message));
    worker.on('exit', (code: number) => this.lost(thread, `the render thread exited with code ${code}`));
    this.threads.push(thread);
    return thread;
  }

  /** The budget of the thread's first task starts: once the thread is loaded. */
  private startClock(thread: Thread<T, R>): void {
    if (!thread.ready) return;
    if (thread.timer) clearTimeout(thread.timer);
    thread.timer = thread.jobs.length > 0 ? setTimeout(() => this.overBudget(thread), this.options.budgetMs) : null;
  }

  private answered(thread: Thread<T, R>, answer: Answer<R>): void {
    if (thread.ended) return;
    if ('ready' in answer) {
      thread.ready = true;
      this.startClock(thread);
      return;
    }
    const job = thread.jobs[0];
    if (job?.id !== answer.id) return this.lost(thread, `the render thread answered task ${answer.id} out of turn`);
    thread.jobs.shift();
    this.startClock(thread);
    if ('error' in answer) job.reject(new Error(answer.error));
    else job.resolve(answer.result);
    this.dispatch();
  }

  private overBudget(thread: Thread<T, R>): void {
    const [running] = thread.jobs;
    this.retire(thread);
    running?.reject(new OverBudget(this.options.budgetMs));
    void this.end(thread);
    this.dispatch();
  }

  private lost(thread: Thread<T, R>, reason: string): void {
    if (thread.ended) return;
    const [running] = thread.jobs;
    this.retire(thread);
    running?.reject(new ThreadEnded(reason));
    void this.end(thread);
    this.dispatch();
  }

  /** Takes the thread out of the pool; the tasks it held after the one it renders go first in the queue again. */
  private retire(thread: Thread<T, R>): void {
    thread.ended = true;
    if (thread.timer) clearTimeout(thread.timer);
    const index = this.threads.indexOf(thread);
    if (index >= 0) this.threads.splice(index, 1);
    this.queue.unshift(...thread.jobs.slice(1));
    thread.jobs = [];
  }

  private async end(thread: Thread<T, R>): Promise<void> {
    thread.ended = true;
    if (thread.timer) clearTimeout(thread.timer);
    await thread.worker.terminate();
  }
}
