// Scan-to-login in the browser: the PC's QR card polls until the phone decides; the phone's page
// shows which computer asks and sends the decision.
import Taro from '@tarojs/taro';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Login from '@/pages/login/index';
import PcLoginPage from '@/features/account/pages/pc-login/index';
import { useSession } from '@/lib/session';
import { scriptRequests, silenceUi } from '../../platform';

const TICKET = 'T'.repeat(32);
const ticketReply = (n: number) => ({
  statusCode: 200,
  data: {
    ticket: `${TICKET.slice(1)}${n}`,
    secret: `s${n}`,
    expiresAt: '2999-01-01T00:00:00Z',
    qrText: 'x',
    qrDataUrl: `data:image/png;base64,QR${n}`,
  },
});
const SESSION = {
  token: 'pc-token',
  expiresAt: '2999-01-01T00:00:00Z',
  user: { id: '9', role: 'organizer', orgIds: ['1'], name: '王老师', profileComplete: true },
};

describe('PC login page: scan-to-login', () => {
  // a PC-wide window lands on the console (the e2e qr-login shows it); a narrow one, here, on the
  // organizer pages
  it('shows the QR code, polls with its secret, and once confirmed signs in and opens the organizer home in a narrow window', async () => {
    silenceUi();
    const width = window.innerWidth;
    Object.defineProperty(window, 'innerWidth', { value: 800, configurable: true });
    const redirect = jest
      .spyOn(Taro, 'redirectTo')
      .mockResolvedValue({ errMsg: 'redirectTo:ok' } as never);
    let polls = 0;
    const sent = scriptRequests((method, url) => {
      if (url === '/api/v1/auth/qr') return ticketReply(1);
      polls += 1;
      return {
        statusCode: 200,
        data: polls === 1 ? { status: 'pending' } : { status: 'confirmed', session: SESSION },
      };
    });
    render(<Login />);
    expect((await screen.findByTestId('qr-login-image')).getAttribute('src')).toBe(
      'data:image/png;base64,QR1',
    );
    await waitFor(
      () => expect(redirect).toHaveBeenCalledWith({ url: '/features/organizer/pages/index/index' }),
      { timeout: 8000 },
    );
    expect(useSession.getState().token).toBe('pc-token');
    expect(sent.filter((r) => r.url === '/api/v1/auth/qr/poll').map((r) => r.data)).toEqual([
      { ticket: `${TICKET.slice(1)}1`, secret: 's1' },
      { ticket: `${TICKET.slice(1)}1`, secret: 's1' },
    ]);
    Object.defineProperty(window, 'innerWidth', { value: width, configurable: true });
  }, 15_000);

  it('says so when the phone refused, and offers a fresh code', async () => {
    silenceUi();
    let tickets = 0;
    scriptRequests((method, url) =>
      url === '/api/v1/auth/qr'
        ? ticketReply(++tickets)
        : { statusCode: 200, data: { status: 'refused' } },
    );
    render(<Login />);
    expect(
      await screen.findByText('已在手机上取消登录', undefined, { timeout: 5000 }),
    ).toBeTruthy();
    fireEvent.click(screen.getByText('刷新二维码'));
    expect((await screen.findByTestId('qr-login-image')).getAttribute('src')).toBe(
      'data:image/png;base64,QR2',
    );
  }, 15_000);
});

describe('phone: 扫码登录电脑端 (features/account/pages/pc-login)', () => {
  beforeEach(() => {
    useSession.setState({
      token: 'phone',
      expiresAt: '2999-01-01T00:00:00Z',
      user: { ...SESSION.user } as never,
    });
    jest
      .spyOn(Taro, 'getCurrentInstance')
      .mockReturnValue({ router: { params: { t: TICKET } } } as never);
  });

  it('asks 在电脑上登录青年汇工作台？ with the PC’s masked IP and browser, and confirms', async () => {
    silenceUi();
    const sent = scriptRequests((method) =>
      method === 'GET'
        ? {
            statusCode: 200,
            data: {
              ipMasked: '203.0.113.*',
              browser: 'Chrome · Windows',
              expiresAt: '2999-01-01T00:00:00Z',
            },
          }
        : { statusCode: 200, data: { status: 'confirmed' } },
    );
    render(<PcLoginPage />);
    expect(await screen.findByText('在电脑上登录青年汇工作台？')).toBeTruthy();
    expect(screen.getByText('电脑 IP：203.0.113.*')).toBeTruthy();
    expect(screen.getByText('浏览器：Chrome · Windows')).toBeTruthy();
    fireEvent.click(screen.getByText('确认登录'));
    expect(await screen.findByText('已确认，电脑上即将进入工作台')).toBeTruthy();
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET /api/v1/auth/qr/${TICKET}`,
      `POST /api/v1/auth/qr/${TICKET}/confirm`,
    ]);
  });

  it('tells the staff member an expired code must be refreshed on the PC', async () => {
    silenceUi();
    scriptRequests(() => ({
      statusCode: 410,
      data: {
        statusCode: 410,
        code: 'QR_TICKET_EXPIRED',
        error: 'Gone',
        message: '二维码已过期，请在电脑上刷新后重新扫码',
      },
    }));
    render(<PcLoginPage />);
    expect(await screen.findByText('二维码已过期，请在电脑上刷新后重新扫码')).toBeTruthy();
  });
});
