// The console's 收费与对账: the orders table (money in yuan, states in Chinese, an anomaly in red,
// date and offering filters, the CSV export with the same filters), and the reconciliation's
// 向微信查询 on the rows a query can settle, with WeChat's answer in one sentence.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { DataTable } from '@/features/console/components/data-table';
import { TABLES } from '@/features/console/tables';
import { SECTIONS } from '@/features/console/nav';
import { scriptRequests, silenceUi } from '../../platform';
import { order } from './payment-order';

const page = (items: object[], sort: string) => ({
  statusCode: 200,
  data: { items, total: items.length, page: 1, pageSize: 20, sort },
});
const tableGets = (sent: { method: string; url: string }[], table: string) =>
  sent
    .filter((r) => r.method === 'GET' && r.url.includes(`/console/tables/${table}?`))
    .map((r) => Object.fromEntries(new URL(r.url, 'http://x').searchParams));

describe('console 收费与对账', () => {
  beforeEach(() => silenceUi());

  it('is a section of the console with its three tabs', () => {
    expect(SECTIONS.find((s) => s.key === 'payments')).toMatchObject({
      title: '收费与对账',
      tables: ['payments', 'payments-daily', 'payments-reconciliation'],
    });
  });

  it('shows orders in yuan with Chinese states, filters by dates and offering, exports what it shows', async () => {
    const sent = scriptRequests((method, url) => {
      if (url.includes('/payments/offerings'))
        return {
          statusCode: 200,
          data: { items: [{ value: 'ns_course:12', label: '粤语入门' }] },
        };
      if (url.includes('/orgs?')) return { statusCode: 200, data: { items: [] } };
      if (url.includes('payments.csv')) return { statusCode: 200, data: '\uFEFF订单编号\r\n' };
      return page(
        [
          order(1),
          order(2, { status: 'partly_refunded', refundedFen: 10_000 }),
          order(3, { paidFen: 40_000, flag: 'amount_mismatch' }),
          order(4, { status: 'pending', paidFen: null, paidAt: null }),
        ],
        '-createdAt',
      );
    });
    URL.createObjectURL = jest.fn(() => 'blob:x');
    URL.revokeObjectURL = jest.fn();
    render(<DataTable spec={TABLES.payments!} />);
    await screen.findByText('共 4 条');
    const rows = screen.getAllByTestId('table-row');
    expect(rows[1]!.textContent).toContain('¥500.00¥100.00部分退款');
    expect(rows[2]!.textContent).toContain('¥500.00（实付 ¥400.00）');
    const flag = screen.getByText('金额不符');
    expect(flag.classList.contains('console-cell--danger')).toBe(true);
    expect(rows[3]!.textContent).toContain('待支付');

    await waitFor(() =>
      expect(screen.getByTestId('filter-offering').textContent).toContain('粤语入门'),
    );
    fireEvent.change(screen.getByTestId('filter-offering'), {
      target: { value: 'ns_course:12' },
    });
    fireEvent.change(screen.getByTestId('filter-from'), { target: { value: '2026-03-01' } });
    fireEvent.change(screen.getByTestId('filter-status'), { target: { value: 'flagged' } });
    await waitFor(() =>
      expect(tableGets(sent, 'payments').at(-1)).toMatchObject({
        offering: 'ns_course:12',
        from: '2026-03-01',
        status: 'flagged',
        page: '1',
      }),
    );
    await act(async () => fireEvent.click(screen.getByTestId('table-export')));
    const csv = sent.find((r) => r.url.includes('payments.csv'))!;
    expect(Object.fromEntries(new URL(csv.url, 'http://x').searchParams)).toEqual({
      offering: 'ns_course:12',
      from: '2026-03-01',
      status: 'flagged',
    });
  });

  it('offers 向微信查询 only where a query can settle the difference, and says what WeChat answered', async () => {
    let queried = false;
    const sent = scriptRequests((method, url) => {
      if (url.includes('/orgs?')) return { statusCode: 200, data: { items: [] } };
      if (method === 'POST') {
        queried = true;
        return {
          statusCode: 200,
          data: {
            tradeState: 'CLOSED',
            wechatPaidFen: 50_000,
            order: {
              id: '6',
              status: 'closed',
              description: '青年夜校·粤语入门',
              amountFen: 50_000,
              refundedFen: 0,
              holdExpiresAt: '2026-03-01T16:10:00.000Z',
              secondsLeft: 0,
              serverNow: '2026-03-01T16:25:00.000Z',
              flagged: false,
            },
            refunds: [],
          },
        };
      }
      const base = { payer: '学*6', offering: '粤语入门', site: '徐汇', amountFen: 50_000 };
      return page(
        queried
          ? [
              {
                id: 'o3',
                orderId: '3',
                kind: 'amount_mismatch',
                since: '2026-03-02 00:00',
                ...base,
              },
            ]
          : [
              {
                id: 'o3',
                orderId: '3',
                kind: 'amount_mismatch',
                since: '2026-03-02 00:00',
                ...base,
              },
              {
                id: 'h6',
                orderId: '6',
                kind: 'hold_not_closed',
                since: '2026-03-02 00:10',
                ...base,
              },
            ],
        'since',
      );
    });
    render(<DataTable spec={TABLES['payments-reconciliation']!} />);
    await screen.findByText('共 2 条');
    expect(screen.getByText('实收金额不符', { selector: 'td' })).toBeTruthy();
    // a wrong amount is a person's decision: no query button on that row
    expect(screen.queryByTestId('row-action-o3')).toBeNull();
    await act(async () => fireEvent.click(screen.getByTestId('row-action-h6')));
    const post = sent.find((r) => r.method === 'POST')!;
    expect(post.url).toContain('/api/v1/console/payments/orders/6/query');
    expect((await screen.findByTestId('bulk-outcome')).textContent).toBe(
      '订单 #6：微信显示「已关闭」，我方记录为「已关闭」',
    );
    await screen.findByText('共 1 条');
  });
});
