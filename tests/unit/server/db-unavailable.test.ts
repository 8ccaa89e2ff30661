import { isDatabaseUnavailable, toErrorBody } from '../../../server/src/plugins/errors';

describe('a database that is down or restarting answers 503, not 500', () => {
  it.each([
    [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' }],
    [{ code: '57P01', message: 'terminating connection due to administrator command' }],
    [{ code: '57P03', message: 'the database system is starting up' }],
    [{ code: '08006', message: 'connection failure' }],
    [{ message: 'Connection terminated unexpectedly' }],
  ])('%o → 503 SERVICE_UNAVAILABLE', (raw) => {
    const err = Object.assign(new Error(raw.message), raw);
    expect(isDatabaseUnavailable(err)).toBe(true);
    expect(toErrorBody(err)).toEqual({
      statusCode: 503,
      code: 'SERVICE_UNAVAILABLE',
      error: 'Service Unavailable',
      message: '服务暂时不可用，请稍后再试',
    });
  });

  it('leaves other failures as 500 INTERNAL, with nothing of the internals', () => {
    const err = Object.assign(new Error('relation "x" does not exist'), { code: '42P01' });
    expect(isDatabaseUnavailable(err)).toBe(false);
    expect(toErrorBody(err)).toMatchObject({
      statusCode: 500,
      code: 'INTERNAL',
      message: '服务器开小差了，请稍后再试',
    });
  });
});
