import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Reduction } from '@/contract/fee-reductions';
import ReductionsPage from '@/features/childcare/pages/reductions/index';
import ReductionsReviewPage from '@/features/childcare/pages/reductions-review/index';
import { useSession } from '@/lib/session';
import { scriptRequests, silenceUi } from '../../platform';

const programme = {
  id: '2',
  name: '2027爱心寒托班',
  season: 'winter',
  prefillOpensAt: '2026-11-20T00:00:00.000Z',
  registrationOpensAt: '2099-12-01T00:00:00.000Z',
  registrationClosesAt: '2099-12-20T00:00:00.000Z',
  offerHours: 24,
  notice: null,
  localSchools: null,
};
const refused: Reduction = {
  id: '40',
  programmeId: '2',
  programmeName: '2027爱心寒托班',
  childId: '5',
  childName: '王小明',
  category: 'low_income',
  note: '',
  fileId: null,
  status: 'refused',
  percentOff: null,
  decisionNote: '请补充低收入家庭认定证明',
  createdAt: '2026-12-01T00:00:00.000Z',
  decidedAt: '2026-12-02T00:00:00.000Z',
};
const isDisabled = (el: Element | null) =>
  !!el && el.hasAttribute('disabled') && el.getAttribute('disabled') !== 'false';
const signIn = (role: 'resident' | 'admin' | 'organizer') =>
  useSession.setState({
    token: 'tok',
    expiresAt: '2999-01-01T00:00:00Z',
    user: { id: '7', role, orgIds: [], name: null, profileComplete: true },
  });

afterEach(() => jest.restoreAllMocks());

describe('费用减免 (features/childcare/pages/reductions)', () => {
  it('shows a refusal with its reason, and applies for a child with a category', async () => {
    signIn('resident');
    silenceUi();
    const sent = scriptRequests((method, url) => {
      if (url.endsWith('/api/v1/time'))
        return { statusCode: 200, data: { now: '2026-12-03T00:00:00.000Z' } };
      if (url.endsWith('/childcare/programmes'))
        return { statusCode: 200, data: { items: [programme] } };
      if (url.endsWith('/childcare/children'))
        return {
          statusCode: 200,
          data: {
            items: [
              { id: '5', name: '王小明', school: '长风小学', grade: '二年级', guardians: [] },
            ],
          },
        };
      if (method === 'POST' && url.endsWith('/childcare/reductions'))
        return { statusCode: 201, data: { ...refused, id: '41', status: 'requested' } };
      return { statusCode: 200, data: { items: [refused] } };
    });
    render(<ReductionsPage />);
    const card = await screen.findByTestId('cc-rd-40');
    expect(card.textContent).toContain('未通过');
    expect(card.textContent).toContain('原因：请补充低收入家庭认定证明');

    fireEvent.click(screen.getByTestId('cc-rd-child-5'));
    fireEvent.click(screen.getByTestId('cc-rd-category-other'));
    // 其他 needs a note: the button waits for one
    expect(isDisabled(screen.getByTestId('cc-rd-submit'))).toBe(true);
    fireEvent.click(screen.getByTestId('cc-rd-category-dibao'));
    expect(isDisabled(screen.getByTestId('cc-rd-submit'))).toBe(false);
    await act(async () => fireEvent.click(screen.getByTestId('cc-rd-submit')));
    const post = sent.find((r) => r.method === 'POST');
    expect(post?.data).toEqual({ programmeId: '2', childId: '5', category: 'dibao' });
  });
});

describe('减免审核 (features/childcare/pages/reductions-review)', () => {
  const waiting: Reduction = {
    ...refused,
    id: '42',
    status: 'requested',
    decisionNote: null,
    decidedAt: null,
    fileId: '9',
  };

  it('the committee approves 全免 in one tap; refusing waits for a reason', async () => {
    signIn('admin');
    silenceUi();
    const sent = scriptRequests((method) =>
      method === 'POST'
        ? { statusCode: 200, data: { ...waiting, status: 'approved', percentOff: 100 } }
        : { statusCode: 200, data: { items: [waiting] } },
    );
    render(<ReductionsReviewPage />);
    const card = await screen.findByTestId('cc-rd-review-42');
    expect(card.textContent).toContain('查看证明照片');
    fireEvent.click(screen.getByText('不予减免'));
    const confirm = await screen.findByText('确认不予减免');
    expect(isDisabled(confirm.closest('taro-button-core') ?? confirm)).toBe(true);
    fireEvent.click(screen.getByText('取消'));
    await act(async () => fireEvent.click(screen.getByTestId('cc-rd-free-42')));
    await waitFor(() => expect(sent.filter((r) => r.method === 'POST')).toHaveLength(1));
    expect(sent.find((r) => r.method === 'POST')).toMatchObject({
      url: expect.stringContaining('/childcare/reductions/42/decision'),
      data: { decision: 'approve', percentOff: 100 },
    });
  });

  it('site staff are not the committee: they see the staff-only notice and nothing is fetched', async () => {
    signIn('organizer');
    silenceUi();
    const sent = scriptRequests(() => ({ statusCode: 200, data: { items: [] } }));
    render(<ReductionsReviewPage />);
    await waitFor(() => expect(document.body.textContent).toContain('仅限团区委使用'));
    expect(sent.filter((r) => r.url.includes('/reductions'))).toEqual([]);
  });
});
