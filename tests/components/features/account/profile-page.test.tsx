import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Me } from '@/contract/account';
import { ERROR_MESSAGES } from '@/contract/errors';
import ProfilePage from '@/features/account/pages/profile/index';
import { useSession } from '@/lib/session';
import { scriptRequests, silenceUi } from '../../platform';

const blank: Me = {
  id: '7',
  role: 'resident',
  orgIds: [],
  name: null,
  phoneMasked: null,
  phoneVerified: false,
  idNumberMasked: null,
  birthDate: null,
  age: null,
  gender: null,
  profileComplete: false,
};
const saved: Me = {
  ...blank,
  name: '王小青',
  phoneMasked: '138****5678',
  idNumberMasked: '310104********123X',
  birthDate: '1990-03-07',
  age: 36,
  gender: 'male',
  profileComplete: true,
};

/** Types as a person does: into the real <input> inside Taro's <taro-input-core>. */
async function typeInto(id: string, value: string) {
  // the web component renders its inner <input> a tick after mounting
  const input = await waitFor(() => {
    const found = document.querySelector<HTMLInputElement>(`#profile-${id} input`);
    if (!found) throw new Error(`no input #profile-${id}`);
    return found;
  });
  act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function renderSignedIn(route: Parameters<typeof scriptRequests>[0]) {
  useSession.setState({
    token: 'tok',
    expiresAt: '2999-01-01T00:00:00Z',
    user: { id: '7', role: 'resident', orgIds: [], name: null, profileComplete: false },
  });
  const sent = scriptRequests(route);
  silenceUi();
  render(<ProfilePage />);
  await waitFor(() => expect(sent.length).toBeGreaterThan(0));
  return sent;
}

describe('实名资料 (features/account/pages/profile)', () => {
  it('catches a wrong ID check digit on the phone, before anything is sent', async () => {
    const sent = await renderSignedIn(() => ({ statusCode: 200, data: blank }));
    await typeInto('name', '王小青');
    await typeInto('phone', '13812345678');
    await typeInto('idNumber', '310104199003071231');
    await act(async () => fireEvent.click(screen.getByText('保存')));
    expect(screen.getByTestId('error-idNumber').textContent).toMatch(/校验/);
    expect(sent.filter((r) => r.method === 'PUT')).toHaveLength(0);
  });

  it('saves a valid profile and from then on shows the ID number only masked', async () => {
    const sent = await renderSignedIn((method) => ({
      statusCode: 200,
      data: method === 'PUT' ? saved : blank,
    }));
    await typeInto('name', '王小青');
    await typeInto('phone', '13812345678');
    await typeInto('idNumber', '31010419900307123x');
    await act(async () => fireEvent.click(screen.getByText('保存')));
    const put = sent.find((r) => r.method === 'PUT');
    expect(put?.data).toEqual({
      name: '王小青',
      phone: '13812345678',
      idNumber: '31010419900307123X',
    });
    expect(put?.header.Authorization).toBe('Bearer tok');
    await waitFor(() =>
      expect(screen.getByTestId('profile-summary').textContent).toContain('310104********123X'),
    );
    expect(document.body.textContent).not.toContain('31010419900307123X');
    expect(useSession.getState().user?.profileComplete).toBe(true);
  });

  it('puts the server’s refusal (with the 人工核验 path) under the ID field when a well-formed number is refused', async () => {
    await renderSignedIn((method) =>
      method === 'PUT'
        ? {
            statusCode: 400,
            data: {
              statusCode: 400,
              code: 'ID_NUMBER_INVALID',
              error: 'Bad Request',
              message: ERROR_MESSAGES.ID_NUMBER_INVALID,
            },
          }
        : { statusCode: 200, data: blank },
    );
    await typeInto('name', '王小青');
    await typeInto('phone', '13812345678');
    await typeInto('idNumber', '31010419900307123X');
    await act(async () => fireEvent.click(screen.getByText('保存')));
    await waitFor(() =>
      expect(screen.getByTestId('error-idNumber').textContent).toBe(
        ERROR_MESSAGES.ID_NUMBER_INVALID,
      ),
    );
  });

  describe('手机号快速验证 (weapp)', () => {
    const platform = process.env.TARO_ENV;
    beforeEach(() => {
      process.env.TARO_ENV = 'weapp';
    });
    afterEach(() => {
      process.env.TARO_ENV = platform;
    });

    /** What WeChat does after the user taps the getPhoneNumber button and answers. */
    async function answerWechat(detail: { code?: string; errMsg: string }) {
      const button = await waitFor(() => screen.getByTestId('wechat-phone'));
      await act(async () => {
        button.dispatchEvent(new CustomEvent('getphonenumber', { detail, bubbles: true }));
      });
    }

    it('sends the code WeChat hands over and shows the verified number masked', async () => {
      const verified = { ...saved, phoneMasked: '139****0000', phoneVerified: true };
      const sent = await renderSignedIn((method) => ({
        statusCode: 200,
        data: method === 'POST' ? verified : saved,
      }));
      await answerWechat({ code: 'wx-phone-code', errMsg: 'getPhoneNumber:ok' });
      const post = sent.find((r) => r.method === 'POST');
      expect(post?.url).toMatch(/\/api\/v1\/me\/phone\/wechat$/);
      expect(post?.data).toEqual({ code: 'wx-phone-code' });
      await waitFor(() => expect(document.body.textContent).toContain('139****0000（微信已验证）'));
    });

    it('keeps the typed field when the user refuses, and sends nothing', async () => {
      const sent = await renderSignedIn(() => ({ statusCode: 200, data: blank }));
      await answerWechat({ errMsg: 'getPhoneNumber:fail user deny' });
      expect(sent.filter((r) => r.method === 'POST')).toHaveLength(0);
      expect(document.querySelector('#profile-phone')).not.toBeNull();
    });

    it('is not offered in the H5 build, where the number is typed', async () => {
      process.env.TARO_ENV = 'h5';
      await renderSignedIn(() => ({ statusCode: 200, data: blank }));
      expect(screen.queryByTestId('wechat-phone')).toBeNull();
      expect(document.querySelector('#profile-phone')).not.toBeNull();
    });
  });
});
