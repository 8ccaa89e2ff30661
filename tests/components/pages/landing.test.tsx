import Taro from '@tarojs/taro';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Scene } from '@/contract/wxacode';
import Landing from '@/pages/landing/index';
import CheckinPage from '@/features/volunteer/pages/checkin/index';
import { useSession } from '@/lib/session';
import { scriptRequests, silenceUi } from '../platform';

// The scene WeChat passes to the page is URL-encoded; this one has characters that change.
const SCENE = 'Ab-_0123456789xyzXYZ-_Q+';
const openedWith = (params: Record<string, string>) =>
  jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params } } as never);
/** How long to wait for the page to settle (a bound, not a timing assertion): CI machines are busy. */
const SLOW_MACHINE = { timeout: 10_000 };
const redirects = () =>
  jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' } as never);

function signIn() {
  useSession.setState({
    token: 't',
    expiresAt: '2999-01-01T00:00:00Z',
    user: { id: '1', role: 'resident', orgIds: [], name: '王小青', profileComplete: true },
  });
}

const scene = (s: Partial<Scene>): Scene => ({
  target: 'ns-checkin',
  code: 'eyJwIjoibnMtY2hlY2tpbiJ9.sig+/=',
  expiresAt: '2026-12-05T00:46:40.000Z',
  ...s,
});

describe('小程序码 landing (pages/landing)', () => {
  it('decodes the scene, asks the server what it stands for, and opens the night-school check-in with the code', async () => {
    openedWith({ scene: encodeURIComponent(SCENE) });
    const sent = scriptRequests(() => ({ statusCode: 200, data: scene({}) }));
    const redirect = redirects();
    render(<Landing />);
    await waitFor(() => expect(redirect).toHaveBeenCalled(), SLOW_MACHINE);
    expect(sent[0].url).toBe(`/api/v1/wxacode/${encodeURIComponent(SCENE)}/target`);
    expect(redirect).toHaveBeenCalledWith({
      url: `/features/night-school/pages/mine/index?checkin=${encodeURIComponent(scene({}).code)}`,
    });
  });

  it('lets a volunteer say whether they arrive or leave, then opens the check-in with the shift and the code', async () => {
    openedWith({ scene: SCENE });
    const s = scene({ target: 'volunteer-checkin', shiftId: '31', code: 'v.code' });
    scriptRequests(() => ({ statusCode: 200, data: s }));
    const redirect = redirects();
    render(<Landing />);
    const out = await screen.findByTestId('landing-out', {}, SLOW_MACHINE);
    await act(async () => fireEvent.click(out));
    expect(redirect).toHaveBeenCalledWith({
      url: '/features/volunteer/pages/checkin/index?shiftId=31&kind=out&token=v.code',
    });
  });

  it('says in place that an expired code must be scanned again, and opens nothing', async () => {
    openedWith({ scene: SCENE });
    scriptRequests(() => ({
      statusCode: 410,
      data: {
        statusCode: 410,
        code: 'WXACODE_EXPIRED',
        error: 'Gone',
        message: '二维码已过期，请扫描组织者屏幕上最新的二维码',
      },
    }));
    silenceUi();
    const redirect = redirects();
    render(<Landing />);
    expect((await screen.findByTestId('landing-error', {}, SLOW_MACHINE)).textContent).toBe(
      '二维码已过期，请扫描组织者屏幕上最新的二维码',
    );
    expect(redirect).not.toHaveBeenCalled();
  });

  it('refuses a visit without a scene without calling the server', async () => {
    openedWith({});
    const sent = scriptRequests(() => ({ statusCode: 200, data: {} }));
    render(<Landing />);
    expect((await screen.findByTestId('landing-error', {}, SLOW_MACHINE)).textContent).toMatch(
      '二维码无效',
    );
    expect(sent).toHaveLength(0);
  });
});

describe('check-in opened from the landing page', () => {
  it('sends the code the landing page passed, once, for the shift and direction chosen', async () => {
    signIn();
    openedWith({ shiftId: '31', kind: 'out', token: encodeURIComponent('v.code+/') });
    const sent = scriptRequests(() => ({
      statusCode: 200,
      data: {
        id: '9',
        signupId: '5',
        kind: 'out',
        method: 'code',
        scannedAt: '2026-12-05T03:00:00.000Z',
        offline: false,
        distanceM: null,
        proof: 'code',
        duplicate: false,
        hours: 2,
        awaitingConfirmation: true,
      },
    }));
    silenceUi();
    render(<CheckinPage />);
    await screen.findByTestId('checkin-ok', {}, SLOW_MACHINE);
    const posts = sent.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0].data).toMatchObject({ shiftId: '31', kind: 'out', token: 'v.code+/' });
  });
});
