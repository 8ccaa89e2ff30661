import { makeApp, type TestApp } from '../helper';

describe('GET /docs/json (childcare)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(async () => t.close());

  it('documents the childcare routes with their error responses', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = res.json().paths;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/childcare/enrollments',
        '/api/v1/childcare/programmes/{id}',
        '/api/v1/childcare/classes/{id}/roster.csv',
      ]),
    );
    expect(Object.keys(paths['/api/v1/childcare/enrollments'].post.responses)).toEqual(
      expect.arrayContaining(['201', '400', '401', '403', '404', '409', '422']),
    );
  });
});
