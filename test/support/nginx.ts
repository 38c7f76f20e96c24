// nginx in front of a test's instances, configured as deploy/ configures it (deploy/nginx-config.js):
// load balancer and shared cache. Present on a machine with /usr/sbin/nginx (CI installs it).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { TEST_TMP } from './env';

// deploy/ is plain JavaScript shared with the cluster script.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { writeNginxConfig } = require('../../deploy/nginx-config') as {
  writeNginxConfig(options: { port: number; instancePorts: number[]; runDir: string; workers?: number }): string;
};

export const NGINX = '/usr/sbin/nginx';

export interface Nginx {
  readonly port: number;
  stop(): Promise<void>;
}

/** A port free now on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startNginx(instancePorts: number[]): Promise<Nginx> {
  const port = await freePort();
  const runDir = path.join(TEST_TMP, `nginx-${process.pid}-${port}`);
  fs.rmSync(runDir, { recursive: true, force: true });
  const config = writeNginxConfig({ port, instancePorts, runDir, workers: 1 });
  const child = spawn(NGINX, ['-c', config, '-p', runDir], { stdio: ['ignore', 'inherit', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const deadline = Date.now() + 10_000;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => resolve(socket.end() && true));
      socket.on('error', () => resolve(false));
    });
    if (up) break;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`nginx did not start (see ${runDir}/error.log)`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    port,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      fs.rmSync(runDir, { recursive: true, force: true });
    },
  };
}
