import { adminOriginsProblem, corsDecision } from '../../src/plugins/linkage/server/src/domain/cors';

const request = (path: string, origin: string | undefined, method = 'GET', preflight?: string) => ({
  path,
  method,
  origin,
  host: 'linkage.qingdao.example',
  preflightMethod: preflight,
  requestedHeaders: preflight ? 'content-type, authorization' : undefined,
});

describe('the admin API', () => {
  test('no Origin: nothing to say', () => {
    expect(corsDecision(request('/admin/access-token', undefined, 'POST'), [])).toEqual({ kind: 'pass' });
  });

  test('its own origin and the configured ones get credentials, for that origin only', () => {
    expect(corsDecision(request('/admin/access-token', 'https://linkage.qingdao.example', 'POST'), [])).toEqual({
      kind: 'grant',
      preflight: false,
      headers: { 'Access-Control-Allow-Origin': 'https://linkage.qingdao.example', 'Access-Control-Allow-Credentials': 'true' },
    });
    const preflight = corsDecision(request('/content-manager/init', 'https://ops.example', 'OPTIONS', 'PUT'), ['https://ops.example']);
    expect(preflight).toMatchObject({
      kind: 'grant',
      preflight: true,
      headers: { 'Access-Control-Allow-Origin': 'https://ops.example', 'Access-Control-Allow-Headers': 'content-type, authorization' },
    });
  });

  test.each(['https://evil.example', 'https://linkage.qingdao.example.evil.example', 'null', 'file://', 'https://ops.example.evil'])('%s is refused, naming it', (origin) => {
    const decision = corsDecision(request('/admin/access-token', origin, 'POST'), ['https://ops.example']);
    expect(decision).toEqual({ kind: 'refuse', message: expect.stringContaining(origin) });
  });
});

describe('the public API', () => {
  test.each(['/api/linkage/units', '/sites/370200000000', '/uploads/form.pdf'])('%s: any origin, no credentials, ETag exposed', (path) => {
    expect(corsDecision(request(path, 'https://any.example'), [])).toEqual({
      kind: 'grant',
      preflight: false,
      headers: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'ETag, Content-Language, Vary' },
    });
  });

  test('a preflight may ask for If-None-Match and Accept-Language', () => {
    const decision = corsDecision(request('/api/linkage/sites/370200000000', 'https://any.example', 'OPTIONS', 'GET'), []);
    expect(decision).toMatchObject({ kind: 'grant', preflight: true, headers: { 'Access-Control-Allow-Origin': '*' } });
    expect(decision.kind === 'grant' && decision.headers['Access-Control-Allow-Headers']).toMatch(/If-None-Match.*|.*Accept-Language/);
    expect(decision.kind === 'grant' && decision.headers['Access-Control-Allow-Credentials']).toBeFalsy();
  });
});

test('configured origins must be origins', () => {
  expect(adminOriginsProblem(['https://ops.example', 'http://localhost:1337'])).toBeNull();
  expect(adminOriginsProblem(['*'])).toMatch(/"\*"/);
  expect(adminOriginsProblem(['https://ops.example/admin'])).toMatch(/ops\.example\/admin/);
  expect(adminOriginsProblem(['ops.example'])).toMatch(/ops\.example/);
});
