// SIGTERM drains the server before the app stops: the app (as `npm start` runs it, in a child
// process) gets SIGTERM while a request is in flight (an admin login whose body is still arriving)
// and a keep-alive connection sits idle. The idle connection is closed at once, a new connection is
// refused, the request in flight completes with its 200, and the process exits 0.
import net from 'node:net';
import { startAppProcess, type AppProcess } from '../support/app-process';
import { copyOfTemplate, type TestDatabase } from '../support/databases';
import { TEST_ADMIN } from '../support/env';
import { doctorOnDatabase } from '../support/strapi';

let database: TestDatabase;
let app: AppProcess;
let port = 0;

beforeAll(async () => {
  database = await copyOfTemplate();
  app = await startAppProcess(database, { LINKAGE_SHUTDOWN_GRACE_MS: '60000' });
  port = app.port;
});

afterAll(async () => {
  if (app.child.exitCode === null && app.child.signalCode === null) app.child.kill('SIGKILL');
  await app.exited;
  // The app is stopped: its database is examined by the doctor on its own.
  try {
    await doctorOnDatabase(database);
  } finally {
    await database.drop();
  }
});

/** A raw HTTP/1.1 connection: what it was sent, what came back, and whether the server closed it. */
function connect(): Promise<{ socket: net.Socket; received: () => string; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (chunk) => (text += String(chunk)));
    const closed = new Promise<void>((done) => socket.on('close', () => done()));
    socket.once('connect', () => resolve({ socket, received: () => text, closed }));
    socket.once('error', reject);
  });
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
};

test('SIGTERM: the request in flight completes with its 200, idle and new connections do not, and the process exits 0', async () => {
  // A keep-alive connection that has had its answer and sits idle.
  const idle = await connect();
  idle.socket.write(`GET /_health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\n\r\n`);
  await until(() => /^HTTP\/1\.1 204/.test(idle.received()));

  // A login whose body is still arriving: the server has the request and waits for the rest.
  const body = JSON.stringify(TEST_ADMIN);
  const inFlight = await connect();
  inFlight.socket.write(
    `POST /admin/login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: keep-alive\r\n\r\n${body.slice(0, 10)}`
  );
  await new Promise((resolve) => setTimeout(resolve, 300));

  app.child.kill('SIGTERM');
  // Soon nothing new is accepted (the signal takes a moment to arrive), and the idle connection is
  // closed by the server, while the request in flight still waits for its body.
  const tryConnect = () =>
    connect().then(
      ({ socket }) => {
        socket.destroy();
        return 'accepted';
      },
      (error: NodeJS.ErrnoException) => error.code
    );
  while ((await tryConnect()) === 'accepted') await new Promise((resolve) => setTimeout(resolve, 20));
  expect(await tryConnect()).toBe('ECONNREFUSED');
  await idle.closed;
  expect(inFlight.socket.closed).toBe(false);
  expect(app.child.exitCode).toBeNull();

  inFlight.socket.write(body.slice(10));
  await inFlight.closed;
  const [head, payload] = inFlight.received().split('\r\n\r\n');
  expect(head).toMatch(/^HTTP\/1\.1 200 /);
  // Answered with its connection closed: the client does not send another request on it.
  expect(head).toMatch(/\r\nConnection: close\r\n/i);
  expect(JSON.parse(payload).data.token).toEqual(expect.any(String));

  expect(await app.exited).toEqual({ code: 0, signal: null });
});
