// The console's one table component: what it asks the server for (page, size, sort, search,
// filters), which rows a bulk action may pick and what it sends, the per-row outcome, and an
// in-place edit through the existing endpoint with the server's refusal shown beside the field.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { DataTable } from '@/features/console/components/data-table';
import { TABLES } from '@/features/console/tables';
import { scriptRequests, silenceUi } from '../../platform';

const booking = (id: number, status = 'requested') => ({
  id: String(id),
  resident: `青年${id}`,
  phone: '138****8000',
  station: '青年人才驿站·漕河泾合作酒店',
  roomType: '标准双床房',
  checkIn: '2026-08-01',
  nights: 2,
  status,
  createdAt: '2026-07-30 10:00',
});

const page = (items: object[], total: number, sort = '-createdAt') => ({
  statusCode: 200,
  data: { items, total, page: 1, pageSize: 20, sort },
});

const gets = (sent: { method: string; url: string }[]) =>
  sent
    .filter((r) => r.method === 'GET' && r.url.includes('/console/tables/'))
    .map((r) => new URL(r.url, 'http://x').searchParams);

describe('DataTable', () => {
  beforeEach(() => silenceUi());

  it('asks the server for each page, sort, search and filter, back on page 1 after each change', async () => {
    const sent = scriptRequests(() => page([booking(1), booking(2)], 45));
    render(<DataTable spec={TABLES['station-bookings']!} />);
    await screen.findByText('共 45 条');
    expect(screen.getByTestId('page-no').textContent).toBe('第 1 / 3 页');

    fireEvent.click(screen.getByTestId('page-next'));
    await waitFor(() => expect(gets(sent).at(-1)!.get('page')).toBe('2'));

    fireEvent.click(screen.getByTestId('sort-checkIn'));
    await waitFor(() => expect(gets(sent).at(-1)!.get('sort')).toBe('checkIn'));
    expect(gets(sent).at(-1)!.get('page')).toBe('1');

    fireEvent.change(screen.getByTestId('table-search'), { target: { value: '漕河泾' } });
    fireEvent.submit(screen.getByTestId('table-search').closest('form')!);
    await waitFor(() => expect(gets(sent).at(-1)!.get('q')).toBe('漕河泾'));

    fireEvent.change(screen.getByTestId('filter-status'), { target: { value: 'requested' } });
    await waitFor(() => expect(gets(sent).at(-1)!.get('status')).toBe('requested'));
    const last = gets(sent).at(-1)!;
    expect(Object.fromEntries(last)).toEqual({
      page: '1',
      pageSize: '20',
      sort: 'checkIn',
      q: '漕河泾',
      status: 'requested',
    });
    // statuses are shown in Chinese in the rows
    expect(screen.getAllByText('待审核', { selector: 'td' })).toHaveLength(2);
    // the station's existing export needs a station chosen first
    const exportButton = screen.getByTestId('table-export') as HTMLButtonElement;
    expect(exportButton.disabled).toBe(true);
    expect(exportButton.textContent).toBe('导出预订名单（先选择驿站）');
  });

  it('picks only pending rows, sends their ids, and shows which rows did not go through', async () => {
    const sent = scriptRequests((method) =>
      method === 'POST'
        ? {
            statusCode: 200,
            data: {
              done: 1,
              failed: 1,
              results: [
                { id: '1', ok: true },
                { id: '3', ok: false, code: 'BOOKING_NOT_PENDING', message: '该预约已处理' },
              ],
            },
          }
        : page([booking(1), booking(2, 'approved'), booking(3)], 3),
    );
    render(<DataTable spec={TABLES['station-bookings']!} />);
    await screen.findByText('共 3 条');
    expect((screen.getByTestId('pick-2') as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByTestId('bulk-run') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('pick-all'));
    expect(screen.getByTestId('bulk-run').textContent).toBe('批量通过（2）');
    await act(async () => {
      fireEvent.click(screen.getByTestId('bulk-run'));
    });
    const post = sent.find((r) => r.method === 'POST')!;
    expect(post.url).toBe('/api/v1/console/station/bookings/approve');
    expect(post.data).toEqual({ ids: ['1', '3'] });
    expect((await screen.findByTestId('bulk-outcome')).textContent).toBe(
      '已完成 1 条，1 条未完成：#3 该预约已处理',
    );
  });

  it('marks attendance only for one course at a time, with the session and status chosen', async () => {
    const app = (id: number, courseId: string) => ({
      id: String(id),
      userId: String(100 + id),
      courseId,
      resident: `学员${id}`,
      phone: '',
      course: `课程${courseId}`,
      term: '春季',
      status: 'confirmed',
      queueNo: null,
      createdAt: '2026-02-10 10:00',
    });
    const sent = scriptRequests((method) =>
      method === 'POST'
        ? { statusCode: 200, data: { done: 1, failed: 0, results: [{ id: '101', ok: true }] } }
        : page([app(1, '7'), app(2, '8')], 2),
    );
    render(<DataTable spec={TABLES['night-school-applications']!} />);
    await screen.findByText('共 2 条');
    fireEvent.click(screen.getByTestId('pick-all'));
    fireEvent.click(screen.getByTestId('bulk-run'));
    expect((await screen.findByTestId('bulk-outcome')).textContent).toContain('同一门课程');
    expect(sent.some((r) => r.method === 'POST')).toBe(false);

    fireEvent.click(screen.getByTestId('pick-2'));
    fireEvent.change(screen.getByTestId('bulk-session'), { target: { value: '3' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('bulk-run'));
    });
    expect(sent.find((r) => r.method === 'POST')!.data).toEqual({
      courseId: '7',
      sessionNo: 3,
      status: 'present',
      ids: ['101'],
    });
  });

  it('edits a capacity in place through the existing endpoint, and shows its refusal', async () => {
    const cls = {
      id: '5',
      name: '一年级班',
      site: '点位',
      programme: '暑托班',
      period: '第一期',
      startsOn: '2026-07-06',
      grades: '1–2年级',
      capacity: 30,
      taken: 12,
      waitlist: 0,
    };
    const sent = scriptRequests((method) =>
      method === 'PATCH'
        ? {
            statusCode: 409,
            data: {
              statusCode: 409,
              code: 'CC_CAPACITY_BELOW_TAKEN',
              error: 'Conflict',
              message: '名额不能少于已占名额',
            },
          }
        : page([cls], 1, 'startsOn'),
    );
    render(<DataTable spec={TABLES['childcare-classes']!} />);
    fireEvent.click(await screen.findByTestId('edit-capacity-5'));
    fireEvent.change(screen.getByTestId('edit-input-capacity-5'), { target: { value: '600' } });
    fireEvent.click(screen.getByTestId('edit-save'));
    expect(await screen.findByText('请输入 1–500 的整数')).toBeTruthy();
    expect(sent.some((r) => r.method === 'PATCH')).toBe(false);

    fireEvent.change(screen.getByTestId('edit-input-capacity-5'), { target: { value: '10' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('edit-save'));
    });
    const patch = sent.find((r) => r.method === 'PATCH')!;
    expect(patch.url).toBe('/api/v1/childcare/classes/5');
    expect(patch.data).toEqual({ capacity: 10 });
    expect(await screen.findByText('名额不能少于已占名额')).toBeTruthy();
  });
});
