// 收费订单's 退款 by staff: offered only on orders with money left to refund; the amount starts at
// what is left and can never exceed it; a reason is required; nothing is sent before the second
// look; the answer is said in one sentence and the row then reads the refund's state.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { DataTable } from '@/features/console/components/data-table';
import { TABLES } from '@/features/console/tables';
import { scriptRequests, silenceUi } from '../../platform';
import { order } from './payment-order';

/** The table's rows before and after the refund; the refund POST answered by `refund`. */
function world(refund: (data: unknown) => { statusCode: number; data: unknown }) {
  let refunded = false;
  const sent = scriptRequests((method, url, data) => {
    if (url.includes('/orgs?')) return { statusCode: 200, data: { items: [] } };
    if (url.includes('/payments/offerings')) return { statusCode: 200, data: { items: [] } };
    if (method === 'POST') {
      const answer = refund(data);
      refunded = answer.statusCode === 201;
      return answer;
    }
    const items = [
      order(1),
      refunded
        ? order(2, { refundedFen: 25_000, status: 'partly_refunded', refundStatus: 'processing' })
        : order(2, { refundedFen: 10_000, status: 'partly_refunded', refundStatus: 'success' }),
      order(3, { status: 'refunded', refundedFen: 50_000, refundStatus: 'success' }),
      order(4, { status: 'pending', paidFen: null, paidAt: null }),
      order(5, { status: 'closed', paidFen: null, paidAt: null }),
    ];
    return {
      statusCode: 200,
      data: { items, total: items.length, page: 1, pageSize: 20, sort: '-createdAt' },
    };
  });
  return sent;
}

const typeInto = (testId: string, value: string) =>
  fireEvent.change(screen.getByTestId(testId), { target: { value } });

describe('console 收费订单: 退款 by staff', () => {
  beforeEach(() => silenceUi());

  it('is offered only where WeChat took money not yet all refunded', async () => {
    world(() => ({ statusCode: 500, data: {} }));
    render(<DataTable spec={TABLES.payments!} />);
    await screen.findByText('共 5 条');
    expect(screen.getByTestId('row-dialog-1').textContent).toBe('退款');
    expect(screen.getByTestId('row-dialog-2')).toBeTruthy();
    for (const id of ['3', '4', '5']) expect(screen.queryByTestId(`row-dialog-${id}`)).toBeNull();
    // a refund WeChat has confirmed reads 已退款 in its own column
    const rows = screen.getAllByTestId('table-row');
    expect(rows[1]!.textContent).toContain('¥100.00已退款部分退款');
  });

  it('starts at what is left, refuses more or no reason in place, and sends only after 确认', async () => {
    const sent = world((data) => ({
      statusCode: 201,
      data: { id: '9', ...(data as object), status: 'processing' },
    }));
    render(<DataTable spec={TABLES.payments!} />);
    await screen.findByText('共 5 条');
    fireEvent.click(screen.getByTestId('row-dialog-2'));
    const dialog = screen.getByTestId('refund-dialog');
    expect(dialog.textContent).toContain('退款 · 订单 #2');
    expect(screen.getByTestId('refund-left').textContent).toBe('¥400.00');
    expect((screen.getByTestId('refund-amount') as HTMLInputElement).value).toBe('400.00');

    typeInto('refund-amount', '400.01');
    fireEvent.click(screen.getByTestId('refund-next'));
    expect(screen.getByTestId('refund-problem').textContent).toBe(
      '退款金额不能超过可退金额 ¥400.00',
    );
    typeInto('refund-amount', '0');
    fireEvent.click(screen.getByTestId('refund-next'));
    expect(screen.getByTestId('refund-problem').textContent).toBe(
      '请填写退款金额（元，最多两位小数）',
    );
    typeInto('refund-amount', '150');
    fireEvent.click(screen.getByTestId('refund-next'));
    expect(screen.getByTestId('refund-problem').textContent).toBe(
      '请填写退款原因（2–80 字），将记入操作记录',
    );
    typeInto('refund-reason', '  课程取消，经核实退还部分学费 ');
    fireEvent.click(screen.getByTestId('refund-next'));
    expect(screen.getByTestId('refund-confirm-text').textContent).toBe(
      '确认向 王*明 退款 ¥150.00？原因：课程取消，经核实退还部分学费。提交后不能撤回。',
    );
    expect(sent.filter((r) => r.method === 'POST')).toHaveLength(0);

    await act(async () => fireEvent.click(screen.getByTestId('refund-send')));
    const posts = sent.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.url).toContain('/api/v1/payments/admin/orders/2/refunds');
    expect(posts[0]!.data).toEqual({ amountFen: 15_000, reason: '课程取消，经核实退还部分学费' });
    expect((await screen.findByTestId('bulk-outcome')).textContent).toBe(
      '订单 #2 已提交退款 ¥150.00（退款中），原路退回付款人微信',
    );
    expect(screen.queryByTestId('refund-dialog')).toBeNull();
    // the table is read again: the row now says the refund is on its way
    await waitFor(() =>
      expect(screen.getAllByTestId('table-row')[1]!.textContent).toContain('¥250.00退款中'),
    );
  });

  it('keeps the dialog open with the server’s refusal (someone refunded meanwhile)', async () => {
    world(() => ({
      statusCode: 409,
      data: {
        statusCode: 409,
        code: 'REFUND_TOO_LARGE',
        error: 'Conflict',
        message: '退款金额超过可退金额',
      },
    }));
    render(<DataTable spec={TABLES.payments!} />);
    await screen.findByText('共 5 条');
    fireEvent.click(screen.getByTestId('row-dialog-1'));
    typeInto('refund-reason', '课程取消');
    fireEvent.click(screen.getByTestId('refund-next'));
    expect(screen.getByTestId('refund-send').textContent).toBe('确认退款 ¥500.00');
    await act(async () => fireEvent.click(screen.getByTestId('refund-send')));
    expect(screen.getByTestId('refund-problem').textContent).toBe('退款金额超过可退金额');
    expect(screen.getByTestId('refund-amount')).toBeTruthy();
    expect(screen.queryByTestId('bulk-outcome')).toBeNull();
  });
});
