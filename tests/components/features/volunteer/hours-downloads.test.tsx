// 我的志愿's downloads: the certificate PDF (saved in H5, opened in WeChat's viewer in the
// mini-program) and the hours CSV (saved in H5; on the phone the volunteer is told to use a PC).
import Taro from '@tarojs/taro';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Hours } from '@/contract/volunteer';
import MyVolunteering from '@/features/volunteer/pages/mine/index';
import { useVolunteer } from '@/features/volunteer/store';
import { useSession } from '@/lib/session';
import { scriptRequests, silenceUi } from '../../platform';

const hours: Hours = {
  totalHours: 2.5,
  entries: [
    {
      id: '1',
      kind: 'confirmed',
      hours: 2.5,
      minutes: null,
      reason: null,
      title: '苏州河巡河',
      signupId: '77',
      requestId: null,
      createdAt: '2026-12-05T03:20:00.000Z',
    },
  ],
  standing: { voids: 0, barred: false, appeal: null },
};

function open(total: Hours = hours) {
  useSession.setState({
    token: 'tok',
    expiresAt: '2999-01-01T00:00:00Z',
    user: { id: '7', role: 'resident', orgIds: [], name: '林小青', profileComplete: true },
  });
  const sent = scriptRequests((_m, url) => ({
    statusCode: 200,
    data: url.endsWith('/me/hours')
      ? total
      : url.endsWith('/me/hours.csv')
        ? '\uFEFF志愿者,项目/需求\r\n'
        : { items: [] },
  }));
  const ui = silenceUi();
  render(<MyVolunteering />);
  return { sent, ...ui };
}

const download = () =>
  jest
    .spyOn(Taro, 'downloadFile')
    .mockImplementation((() =>
      Promise.resolve({ statusCode: 200, tempFilePath: 'blob:certificate' })) as never);

describe('我的志愿: 下载 PDF 证明 and 导出 CSV', () => {
  let click: jest.SpyInstance;
  const saved: string[] = [];
  beforeEach(() => {
    saved.length = 0;
    click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      saved.push(this.download);
    });
    URL.createObjectURL = jest.fn(() => 'blob:made');
    URL.revokeObjectURL = jest.fn();
  });
  afterEach(() => {
    jest.restoreAllMocks();
    useVolunteer.getState().reset();
    process.env.TARO_ENV = 'h5';
  });

  it('H5: downloads the PDF with the session token and saves it under a Chinese name', async () => {
    open();
    const fetch = download();
    await waitFor(() => expect(screen.getByTestId('total-hours').textContent).toBe('2.5 小时'));
    fireEvent.click(screen.getByTestId('download-certificate-pdf'));
    await waitFor(() => expect(saved).toEqual(['志愿服务时长证明.pdf']));
    expect(fetch).toHaveBeenCalledWith(
      expect.objectContaining({
        url: expect.stringMatching(/\/api\/v1\/volunteer\/me\/certificate\.pdf$/),
        header: { Authorization: 'Bearer tok' },
      }),
    );
    expect(click).toHaveBeenCalledTimes(1);
  });

  it('H5: saves the hours CSV', async () => {
    const { sent } = open();
    await waitFor(() => expect(screen.getByTestId('total-hours').textContent).toBe('2.5 小时'));
    fireEvent.click(screen.getByTestId('download-hours-csv'));
    await waitFor(() => expect(saved).toEqual(['我的志愿时长.csv']));
    expect(sent.map((s) => s.url)).toContainEqual(expect.stringMatching(/\/me\/hours\.csv$/));
  });

  it('mini-program: opens the PDF in WeChat’s viewer, and explains that the CSV is for a PC', async () => {
    process.env.TARO_ENV = 'weapp';
    open();
    download();
    const openDocument = jest
      .spyOn(Taro, 'openDocument')
      .mockResolvedValue({ errMsg: 'openDocument:ok' } as never);
    const modal = jest
      .spyOn(Taro, 'showModal')
      .mockResolvedValue({ confirm: true, cancel: false } as never);
    await waitFor(() => expect(screen.getByTestId('total-hours').textContent).toBe('2.5 小时'));
    fireEvent.click(screen.getByTestId('download-certificate-pdf'));
    await waitFor(() =>
      expect(openDocument).toHaveBeenCalledWith({
        filePath: 'blob:certificate',
        fileType: 'pdf',
        showMenu: true,
      }),
    );
    fireEvent.click(screen.getByTestId('download-hours-csv'));
    await waitFor(() =>
      expect(modal).toHaveBeenCalledWith(
        expect.objectContaining({ content: expect.stringContaining('手机上可下载 PDF 证明') }),
      ),
    );
    expect(saved).toEqual([]);
  });

  it('says so when the PDF cannot be made', async () => {
    const { toast } = open();
    jest
      .spyOn(Taro, 'downloadFile')
      .mockImplementation((() => Promise.resolve({ statusCode: 409, tempFilePath: '' })) as never);
    await waitFor(() => expect(screen.getByTestId('total-hours').textContent).toBe('2.5 小时'));
    fireEvent.click(screen.getByTestId('download-certificate-pdf'));
    await waitFor(() =>
      expect(toast).toHaveBeenCalledWith(
        expect.objectContaining({ title: '暂时无法生成证明，请稍后再试' }),
      ),
    );
    expect(saved).toEqual([]);
  });

  it('disables both buttons while there are no hours', async () => {
    open({ ...hours, totalHours: 0, entries: [] });
    await waitFor(() => expect(screen.getByTestId('total-hours').textContent).toBe('0 小时'));
    expect(screen.getByTestId('download-certificate-pdf').getAttribute('disabled')).not.toBeNull();
    expect(screen.getByTestId('download-hours-csv').getAttribute('disabled')).not.toBeNull();
  });
});
