import { bearer, login, makeApp, testClock, type TestApp } from '../helper';
import { serverModule } from '../native';

const { notify } = serverModule<typeof import('../../../server/src/modules/messages/service')>(
  'modules/messages/service.ts',
);

async function userId(t: TestApp, token: string): Promise<string> {
  return (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) })).json()
    .id;
}

describe('/api/v1/messages — the in-app 消息 tab', () => {
  const clock = testClock('2026-07-01T09:00:00+08:00');
  let t: TestApp;
  let alice: string;
  let bob: string;
  let aliceId: string;
  beforeAll(async () => {
    t = await makeApp({ now: clock.now });
    alice = await login(t.app, 'msg-alice');
    bob = await login(t.app, 'msg-bob');
    aliceId = await userId(t, alice);
    for (let i = 1; i <= 3; i++) {
      clock.advance(60_000);
      await t.db.transaction((tx) =>
        notify(t.app, tx, {
          userId: aliceId,
          kind: 'booking',
          title: `预约已通过 ${i}`,
          body: '请于入住日 14:00–22:00 凭码入住',
          link: '/features/station/pages/index/index',
        }),
      );
    }
  });
  afterAll(async () => t.close());

  const get = (url: string, token: string) =>
    t.app.inject({ method: 'GET', url, headers: bearer(token) });
  const post = (url: string, token: string, payload?: object) =>
    t.app.inject({ method: 'POST', url, headers: bearer(token), payload });

  it('lists a person’s messages newest first, unread, with the unread count for the tab badge', async () => {
    const res = await get('/api/v1/messages', alice);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.map((m: { title: string }) => m.title)).toEqual([
      '预约已通过 3',
      '预约已通过 2',
      '预约已通过 1',
    ]);
    expect(body.items[0]).toMatchObject({
      kind: 'booking',
      read: false,
      link: '/features/station/pages/index/index',
      createdAt: '2026-07-01T01:03:00.000Z',
    });
    expect(body.unread).toBe(3);
    expect((await get('/api/v1/messages/unread-count', alice)).json()).toEqual({ unread: 3 });
  });

  it('pages with `before`, and says where the next page starts', async () => {
    const first = (await get('/api/v1/messages?limit=2', alice)).json();
    expect(first.items).toHaveLength(2);
    const second = (await get(`/api/v1/messages?limit=2&before=${first.next}`, alice)).json();
    expect(second.items.map((m: { title: string }) => m.title)).toEqual(['预约已通过 1']);
    expect(second.next).toBeNull();
  });

  it('shows nobody else’s messages, and another person’s message cannot be marked read (404)', async () => {
    expect((await get('/api/v1/messages', bob)).json()).toEqual({
      items: [],
      unread: 0,
      next: null,
    });
    const [msg] = (await get('/api/v1/messages', alice)).json().items;
    const res = await post(`/api/v1/messages/${msg.id}/read`, bob);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('MESSAGE_NOT_FOUND');
  });

  it('marks one read, then all read', async () => {
    const [msg] = (await get('/api/v1/messages', alice)).json().items;
    expect((await post(`/api/v1/messages/${msg.id}/read`, alice)).statusCode).toBe(200);
    expect((await get('/api/v1/messages/unread-count', alice)).json()).toEqual({ unread: 2 });
    await post('/api/v1/messages/read-all', alice);
    expect((await get('/api/v1/messages/unread-count', alice)).json()).toEqual({ unread: 0 });
  });

  it('drops a link that points outside the app', async () => {
    const id = await t.db.transaction((tx) =>
      notify(t.app, tx, {
        userId: aliceId,
        kind: 'booking',
        title: 't',
        body: 'b',
        link: 'https://evil.example/phish',
      }),
    );
    const [row] = await t.db.query<{ link: string | null }>(
      'SELECT link FROM messages WHERE id = $1',
      [id],
    );
    expect(row.link).toBeNull();
  });

  it('writes nothing when the event’s transaction rolls back', async () => {
    const before = (await get('/api/v1/messages/unread-count', alice)).json().unread;
    await expect(
      t.db.transaction(async (tx) => {
        await notify(t.app, tx, {
          userId: aliceId,
          kind: 'offer',
          title: '名额待确认',
          body: '48 小时内确认',
        });
        throw new Error('the event failed');
      }),
    ).rejects.toThrow('the event failed');
    expect((await get('/api/v1/messages/unread-count', alice)).json().unread).toBe(before);
  });

  it('requires login', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/messages' })).statusCode).toBe(401);
  });
});
