// The app in a child process, as `npm start` serves it (test/support/app-server.js), on a test's
// database: for what one process cannot show (a signal, a second Strapi after the first).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { TestDatabase } from './databases';
import { APP_DIR, applyTestEnv } from './env';

export interface AppProcess {
  readonly child: ChildProcess;
  readonly port: number;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function startAppProcess(database: TestDatabase, extraEnv: Record<string, string> = {}): Promise<AppProcess> {
  applyTestEnv();
  const child = spawn('node', [path.join(APP_DIR, 'test', 'support', 'app-server.js')], {
    cwd: APP_DIR,
    env: { ...process.env, ...database.env, LINKAGE_SEED_DEMO: 'false', HOST: '127.0.0.1', PORT: '0', ...extraEnv },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += String(chunk);
      const listening = /LISTENING (\d+)/.exec(out);
      if (listening) resolve(Number(listening[1]));
    });
    void exited.then(({ code }) => reject(new Error(`the app exited (${code}) before it listened`)));
  });
  return { child, port, exited };
}
