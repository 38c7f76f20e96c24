// The real render worker (site-templates/render-worker.ts) in its pool: a thread is sent a template
// set's templates only when it does not hold them, and every page it renders is read for room for
// the server's head.
import path from 'node:path';
import { RenderPool } from '../../src/plugins/linkage/server/src/site-templates/render-pool';
import { UNKNOWN_TEMPLATE_SET, type RenderResult, type RenderTask } from '../../src/plugins/linkage/server/src/site-templates/render-worker';

// The worker as the server runs it: compiled (npm test builds the plugin first).
const WORKER = path.join(__dirname, '..', '..', 'src', 'plugins', 'linkage', 'dist', 'server', 'site-templates', 'render-worker.js');
const TEMPLATES: Array<[string, string]> = [
  ['page', '<!doctype html>\n<html lang="zh-Hans">\n<head>\n<meta charset="utf-8">\n<title>{{ title }}</title>\n</head>\n<body></body>\n</html>'],
  ['headless', '<p>{{ title }}</p>'],
];

let pool: RenderPool<RenderTask, RenderResult>;
beforeEach(() => {
  pool = new RenderPool<RenderTask, RenderResult>({
    file: WORKER,
    threads: 1,
    depth: 2,
    budgetMs: 5000,
    resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 },
  });
});
afterEach(() => pool.stop());

describe('the render worker', () => {
  it('asks for a set’s templates once: a task without them is refused until the thread has been sent them', async () => {
    await expect(pool.run({ setId: 's1', page: 'page', data: { title: '青岛' } })).rejects.toThrow(UNKNOWN_TEMPLATE_SET);
    await expect(pool.run({ setId: 's1', templates: TEMPLATES, page: 'page', data: { title: '青岛' } })).resolves.toEqual({
      html: expect.stringContaining('<title>青岛</title>'),
      headProblem: null,
    });
    await expect(pool.run({ setId: 's1', page: 'page', data: { title: '胶州' } })).resolves.toEqual({ html: expect.stringContaining('<title>胶州</title>'), headProblem: null });
    await expect(pool.run({ setId: 's2', page: 'page', data: { title: '胶州' } })).rejects.toThrow(UNKNOWN_TEMPLATE_SET);
  });

  it('says why a page that does not open with its head cannot take the server’s elements, in both admin languages', async () => {
    const result = await pool.run({ setId: 's1', templates: TEMPLATES, page: 'headless', data: { title: 'x' } });
    expect(result.headProblem).toEqual({ en: expect.stringContaining('must open with'), 'zh-Hans': expect.any(String) });
  });
});
