import Taro from '@tarojs/taro';

type Reply = { statusCode: number; data: unknown };

/**
 * Replaces the platform's HTTP call (wx.request / fetch) with answers the test scripts, and
 * records what the app sent. Our own wrapper, stores and components run for real.
 */
export function scriptRequests(route: (method: string, url: string, data: unknown) => Reply) {
  const sent: { method: string; url: string; data: unknown; header: Record<string, string> }[] = [];
  jest.spyOn(Taro, 'request').mockImplementation(((options: Taro.request.Option) => {
    const method = options.method ?? 'GET';
    sent.push({
      method,
      url: options.url,
      data: options.data,
      header: (options.header ?? {}) as Record<string, string>,
    });
    const reply = route(method, options.url, options.data);
    return Promise.resolve({ ...reply, header: {}, cookies: [], errMsg: 'request:ok' });
  }) as never);
  return sent;
}

export function silenceUi() {
  const toast = jest
    .spyOn(Taro, 'showToast')
    .mockResolvedValue({ errMsg: 'showToast:ok' } as never);
  const navigate = jest
    .spyOn(Taro, 'navigateTo')
    .mockResolvedValue({ errMsg: 'navigateTo:ok' } as never);
  // no Taro router runs in jsdom: the page stack is empty
  jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([]);
  return { toast, navigate };
}
