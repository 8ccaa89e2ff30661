// The proof picker: one image from chooseMedia, sent with uploadFile to POST /api/v1/files (the
// server decides what it is), then registered as a proof; a refusal is said, never swallowed.
import Taro from '@tarojs/taro';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { FILE_ERRORS } from '@/contract/file-rules';
import { ProofPicker } from '@/features/station/components/proof-picker';
import { useSession } from '@/lib/session';
import { scriptRequests, silenceUi } from '../../platform';

const picked = (size: number) =>
  jest.spyOn(Taro, 'chooseMedia').mockResolvedValue({
    tempFiles: [{ tempFilePath: 'blob:picked-1', size, fileType: 'image' }],
    type: 'image',
    errMsg: 'chooseMedia:ok',
  } as never);

const uploadAnswers = (statusCode: number, body: object) =>
  jest.spyOn(Taro, 'uploadFile').mockResolvedValue({
    statusCode,
    data: JSON.stringify(body),
    errMsg: 'uploadFile:ok',
  } as never);

describe('ProofPicker (features/station)', () => {
  beforeEach(() => {
    useSession.setState({
      token: 'tok',
      expiresAt: '2999-01-01T00:00:00Z',
      user: { id: '7', role: 'resident', orgIds: [], name: '王小青', profileComplete: true },
    });
  });
  afterEach(() => jest.restoreAllMocks());

  it('uploads the picked photo as a file, registers the proof and hands its id over', async () => {
    picked(300_000);
    const upload = uploadAnswers(201, {
      id: '41',
      purpose: 'station_proof',
      mime: 'image/jpeg',
      bytes: 300_000,
      createdAt: '2026-07-30T02:00:00.000Z',
    });
    const sent = scriptRequests(() => ({
      statusCode: 201,
      data: { id: '9', kind: 'offer', bytes: 300_000, createdAt: '2026-07-30T02:00:00.000Z' },
    }));
    silenceUi();
    const onUploaded = jest.fn();
    render(<ProofPicker kind="offer" onUploaded={onUploaded} />);
    await act(async () => fireEvent.click(screen.getByTestId('proof-pick')));

    await waitFor(() => expect(onUploaded).toHaveBeenCalledWith('9'));
    expect(upload).toHaveBeenCalledWith(
      expect.objectContaining({
        url: '/api/v1/files',
        filePath: 'blob:picked-1',
        name: 'file',
        formData: { purpose: 'station_proof' },
        header: { Authorization: 'Bearer tok' },
      }),
    );
    expect(sent.map((r) => [r.method, r.url, r.data])).toEqual([
      ['POST', '/api/v1/stations/proofs', { kind: 'offer', fileId: '41' }],
    ]);
    expect(screen.getByTestId('proof-pick').textContent).toContain('已上传');
  });

  it('says a photo over 5 MB is too large without sending it', async () => {
    picked(6 * 1024 * 1024);
    const upload = jest.spyOn(Taro, 'uploadFile');
    const { toast } = silenceUi();
    const onUploaded = jest.fn();
    render(<ProofPicker kind="offer" onUploaded={onUploaded} />);
    await act(async () => fireEvent.click(screen.getByTestId('proof-pick')));
    expect(upload).not.toHaveBeenCalled();
    expect(toast).toHaveBeenCalledWith(
      expect.objectContaining({ title: expect.stringMatching(/5MB/) }),
    );
    expect(onUploaded).not.toHaveBeenCalled();
  });

  it("shows the server's refusal and lets the person pick again", async () => {
    picked(1000);
    uploadAnswers(400, {
      statusCode: 400,
      code: 'FILE_TYPE_INVALID',
      error: 'Bad Request',
      message: FILE_ERRORS.FILE_TYPE_INVALID,
    });
    const sent = scriptRequests(() => ({ statusCode: 500, data: {} }));
    const { toast } = silenceUi();
    const onUploaded = jest.fn();
    render(<ProofPicker kind="student_card" onUploaded={onUploaded} />);
    await act(async () => fireEvent.click(screen.getByTestId('proof-pick')));
    await waitFor(() =>
      expect(toast).toHaveBeenCalledWith(
        expect.objectContaining({ title: FILE_ERRORS.FILE_TYPE_INVALID }),
      ),
    );
    expect(sent).toHaveLength(0);
    expect(onUploaded).not.toHaveBeenCalled();
    expect(screen.getByTestId('proof-pick').textContent).toContain('上传照片');
  });
});
