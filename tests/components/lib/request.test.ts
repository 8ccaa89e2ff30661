import Taro from '@tarojs/taro';
import { request } from '@/lib/request';
import { ApiError, NetworkError } from '@/lib/api-error';
import { useSession } from '@/lib/session';
import { scriptRequests, silenceUi } from '../platform';

describe('request() — the one way the app talks to the API', () => {
  it('turns the server error shape into a typed ApiError and a Chinese toast', async () => {
    scriptRequests(() => ({
      statusCode: 409,
      data: { statusCode: 409, code: 'CLASS_FULL', error: 'Conflict', message: '名额已满' },
    }));
    const { toast } = silenceUi();
    const failure = request('/api/v1/x', { method: 'POST', data: {} });
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({
      code: 'CLASS_FULL',
      statusCode: 409,
      message: '名额已满',
    });
    expect(toast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '名额已满', icon: 'none' }),
    );
  });

  it("reads past the public lists' caches only when asked (fresh: the page right after one's own write)", async () => {
    const sent = scriptRequests(() => ({ statusCode: 200, data: {} }));
    silenceUi();
    await request('/api/v1/stations');
    await request('/api/v1/stations', { fresh: true });
    expect(sent.map((r) => r.header['Cache-Control'])).toEqual([undefined, 'no-cache']);
  });

  it.each([
    ['UNAUTHORIZED', '请先登录'],
    // a token revoked by logout elsewhere or a role change
    ['SESSION_REVOKED', '登录已失效，请重新登录'],
  ])('on 401 %s forgets the session and opens the login page', async (code, message) => {
    useSession.setState({ token: 'old', expiresAt: '2999-01-01T00:00:00Z', user: null });
    scriptRequests(() => ({
      statusCode: 401,
      data: { statusCode: 401, code, error: 'Unauthorized', message },
    }));
    const { navigate } = silenceUi();
    await expect(request('/api/v1/me')).rejects.toMatchObject({ code });
    expect(useSession.getState().token).toBeNull();
    expect(navigate).toHaveBeenCalledWith({ url: '/pages/login/index' });
  });

  it('gives a 5xx without our shape a calm generic message', async () => {
    scriptRequests(() => ({ statusCode: 502, data: '<html>Bad Gateway</html>' }));
    silenceUi();
    await expect(request('/api/v1/me')).rejects.toMatchObject({
      code: 'HTTP_502',
      message: '服务暂时不可用，请稍后再试',
    });
  });

  it.each([
    ['a proxy page sent with 200', '<html>登录 Wi-Fi</html>'],
    ['a body without the promised list', { stations: [] }],
    ['null', null],
  ])(
    'turns a 200 that is not what the caller expects (%s) into ApiError BAD_RESPONSE with a toast',
    async (_what, data) => {
      scriptRequests(() => ({ statusCode: 200, data }));
      const { toast } = silenceUi();
      const failure = request('/api/v1/stations', { expect: { items: 'array' } });
      await expect(failure).rejects.toBeInstanceOf(ApiError);
      await expect(failure).rejects.toMatchObject({
        code: 'BAD_RESPONSE',
        statusCode: 200,
        message: '服务返回的数据有误，请稍后重试',
      });
      expect(toast).toHaveBeenCalledWith(
        expect.objectContaining({ title: '服务返回的数据有误，请稍后重试', icon: 'none' }),
      );
    },
  );

  it('passes an answer with the expected shape through unchanged, and checks nothing when not asked', async () => {
    scriptRequests((_m, url) => ({
      statusCode: 200,
      data: url.endsWith('/stations') ? { items: [{ id: '1' }] } : 'plain',
    }));
    silenceUi();
    await expect(request('/api/v1/stations', { expect: { items: 'array' } })).resolves.toEqual({
      items: [{ id: '1' }],
    });
    await expect(request('/api/v1/export.csv', { text: true })).resolves.toBe('plain');
  });

  it('on a network failure asks to retry, and the retry carries the same Idempotency-Key', async () => {
    silenceUi();
    const modal = jest
      .spyOn(Taro, 'showModal')
      .mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' } as never);
    const keys: string[] = [];
    let calls = 0;
    jest.spyOn(Taro, 'request').mockImplementation(((options: Taro.request.Option) => {
      keys.push((options.header as Record<string, string>)['Idempotency-Key']);
      calls += 1;
      if (calls === 1) return Promise.reject(new Error('request:fail timeout'));
      return Promise.resolve({
        statusCode: 201,
        data: { id: 'e1' },
        header: {},
        cookies: [],
        errMsg: 'request:ok',
      });
    }) as never);
    await expect(
      request('/api/v1/enroll', { method: 'POST', idempotencyKey: 'tap-1' }),
    ).resolves.toEqual({ id: 'e1' });
    expect(modal).toHaveBeenCalledTimes(1);
    expect(keys).toEqual(['tap-1', 'tap-1']);
  });

  it('when the resident declines the retry, rejects with a NetworkError instead of hanging', async () => {
    silenceUi();
    jest
      .spyOn(Taro, 'showModal')
      .mockResolvedValue({ confirm: false, cancel: true, errMsg: 'showModal:ok' } as never);
    jest.spyOn(Taro, 'request').mockRejectedValue(new Error('request:fail'));
    await expect(request('/api/v1/me')).rejects.toBeInstanceOf(NetworkError);
  });
});

describe('request() when the server is busy (503) or says "too fast" (429)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('waits out Retry-After with a countdown, then retries with the same Idempotency-Key', async () => {
    silenceUi();
    const loading = jest.spyOn(Taro, 'showLoading').mockResolvedValue({ errMsg: 'ok' } as never);
    jest.spyOn(Taro, 'hideLoading').mockResolvedValue({ errMsg: 'ok' } as never);
    const keys: string[] = [];
    const answers = [
      {
        statusCode: 503,
        data: {
          statusCode: 503,
          code: 'SERVER_BUSY',
          error: 'Service Unavailable',
          message: '当前报名人数较多',
        },
        header: { 'Retry-After': '3' },
      },
      {
        statusCode: 429,
        data: {
          statusCode: 429,
          code: 'RATE_LIMITED',
          error: 'Too Many Requests',
          message: '操作太频繁',
        },
        header: { 'retry-after': '1' },
      },
      { statusCode: 201, data: { status: 'enrolled' }, header: {} },
    ];
    jest.spyOn(Taro, 'request').mockImplementation(((options: Taro.request.Option) => {
      keys.push((options.header as Record<string, string>)['Idempotency-Key']);
      return Promise.resolve({ ...answers.shift()!, cookies: [], errMsg: 'request:ok' });
    }) as never);

    const result = request('/api/v1/childcare/enrollments', {
      method: 'POST',
      data: {},
      idempotencyKey: 'tap-42',
    });
    await jest.advanceTimersByTimeAsync(10_000);
    await expect(result).resolves.toEqual({ status: 'enrolled' });
    expect(keys).toEqual(['tap-42', 'tap-42', 'tap-42']);
    expect(loading).toHaveBeenCalledWith(
      expect.objectContaining({ title: expect.stringMatching(/^排队中，[34] 秒后自动重试$/) }),
    );
    expect(loading).toHaveBeenCalledWith(
      expect.objectContaining({ title: expect.stringMatching(/^操作太频繁，[12] 秒后自动重试$/) }),
    );
  });

  it('does not repeat a POST that has no Idempotency-Key: it shows the reason instead', async () => {
    const { toast } = silenceUi();
    const sent = scriptRequests(() => ({
      statusCode: 503,
      data: {
        statusCode: 503,
        code: 'SERVER_BUSY',
        error: 'Service Unavailable',
        message: '当前报名人数较多，请稍候',
      },
    }));
    await expect(request('/api/v1/x', { method: 'POST', data: {} })).rejects.toMatchObject({
      code: 'SERVER_BUSY',
    });
    expect(sent).toHaveLength(1);
    expect(toast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '当前报名人数较多，请稍候' }),
    );
  });

  it('repeats a PUT (saving the profile means the same thing twice) once the server has room again', async () => {
    silenceUi();
    jest.spyOn(Taro, 'showLoading').mockResolvedValue({ errMsg: 'ok' } as never);
    jest.spyOn(Taro, 'hideLoading').mockResolvedValue({ errMsg: 'ok' } as never);
    const answers = [
      {
        statusCode: 503,
        data: {
          statusCode: 503,
          code: 'SERVER_BUSY',
          error: 'Service Unavailable',
          message: '当前报名人数较多',
        },
        header: { 'Retry-After': '2' },
      },
      { statusCode: 200, data: { name: '王小青' }, header: {} },
    ];
    const sent = scriptRequests(() => answers.shift()!);
    const result = request('/api/v1/me/profile', { method: 'PUT', data: { name: '王小青' } });
    await jest.advanceTimersByTimeAsync(5_000);
    await expect(result).resolves.toEqual({ name: '王小青' });
    expect(sent).toHaveLength(2);
  });

  it('gives up after three automatic retries and tells the user', async () => {
    silenceUi();
    jest.spyOn(Taro, 'showLoading').mockResolvedValue({ errMsg: 'ok' } as never);
    jest.spyOn(Taro, 'hideLoading').mockResolvedValue({ errMsg: 'ok' } as never);
    const sent = scriptRequests(() => ({
      statusCode: 503,
      data: {
        statusCode: 503,
        code: 'SERVICE_UNAVAILABLE',
        error: 'Service Unavailable',
        message: '服务暂时不可用，请稍后再试',
      },
    }));
    const result = request('/api/v1/me');
    const settled = expect(result).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    await jest.advanceTimersByTimeAsync(60_000);
    await settled;
    expect(sent).toHaveLength(4);
  });
});
