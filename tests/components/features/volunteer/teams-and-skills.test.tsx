import Taro from '@tarojs/taro';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ServiceRequest, TeamMembership } from '@/contract/volunteer';
import { RequestCard } from '@/features/volunteer/components/request-card';
import SkillsPage from '@/features/volunteer/pages/skills/index';
import TeamAsksPage from '@/features/volunteer/pages/team-asks/index';
import TeamsPage from '@/features/volunteer/pages/teams/index';
import { useSession } from '@/lib/session';
import { scriptRequests, silenceUi } from '../../platform';

/** Types as a person does: into the real <input> inside Taro's <taro-input-core>. */
async function typeInto(id: string, value: string) {
  // the web component renders its inner <input> a tick after mounting
  const input = await waitFor(() => {
    const found = document.querySelector<HTMLInputElement>(`#${id} input`);
    if (!found) throw new Error(`no input #${id}`);
    return found;
  });
  act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

const signIn = (role: 'resident' | 'organizer') =>
  useSession.setState({
    token: 'tok',
    expiresAt: '2999-01-01T00:00:00Z',
    user: {
      id: '7',
      role,
      orgIds: role === 'organizer' ? ['21'] : [],
      name: '周青',
      profileComplete: true,
    },
  });
const team = (id: string, name: string) => ({
  id,
  kind: 'team',
  name,
  district: '普陀区',
  address: null,
  summary: '社区点单服务',
});
const membership = (over: Partial<TeamMembership>): TeamMembership => ({
  id: '5',
  teamId: '21',
  teamName: '河小青巡河护河志愿服务队',
  nameMasked: '周*',
  status: 'pending',
  createdAt: '2026-12-01T02:00:00.000Z',
  ...over,
});

describe('志愿服务队 (features/volunteer/pages/teams)', () => {
  it('shows each team with my standing: in it, waiting, or refused and free to ask again; asking marks it waiting', async () => {
    signIn('resident');
    const sent = scriptRequests((method, url) => {
      if (url.includes('/orgs?kind=team'))
        return {
          statusCode: 200,
          data: {
            items: [
              team('21', '河小青巡河护河志愿服务队'),
              team('22', '“汇青春”青年讲师团'),
              team('23', '社区应急救护队'),
            ],
          },
        };
      if (method === 'POST' && url.endsWith('/teams/23/members'))
        return {
          statusCode: 201,
          data: membership({ id: '9', teamId: '23', teamName: '社区应急救护队' }),
        };
      // newest first: the refusal of team 22 came after an older ask
      return {
        statusCode: 200,
        data: {
          items: [
            membership({ id: '7', teamId: '22', status: 'refused' }),
            membership({ id: '6', teamId: '21', status: 'approved' }),
          ],
        },
      };
    });
    silenceUi();
    render(<TeamsPage />);
    expect((await screen.findByTestId('team-state-21')).textContent).toContain('已加入');
    expect(screen.queryByTestId('join-21')).toBeNull();
    expect(screen.getByTestId('team-state-22').textContent).toContain('未通过，可再次申请');
    expect(screen.getByTestId('join-22')).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByTestId('join-23')));
    expect(sent.find((r) => r.method === 'POST')?.data).toEqual({});
    expect(screen.getByTestId('team-state-23').textContent).toBe('已申请，等待队长审核');
    expect(screen.queryByTestId('join-23')).toBeNull();
  });
});

describe('入队审核 (features/volunteer/pages/team-asks)', () => {
  it('lets the leader approve one ask and, after confirming, refuse another; each leaves the list', async () => {
    signIn('organizer');
    let asks = [membership({ id: '5' }), membership({ id: '6', nameMasked: '吴*' })];
    const sent = scriptRequests((method, url, data) => {
      if (method === 'POST') {
        const id = url.split('/').at(-2)!;
        asks = asks.filter((a) => a.id !== id);
        return {
          statusCode: 200,
          data: membership({ id, status: (data as { decision: 'approved' }).decision }),
        };
      }
      return { statusCode: 200, data: { items: asks } };
    });
    silenceUi();
    const modal = jest
      .spyOn(Taro, 'showModal')
      .mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' } as never);
    render(<TeamAsksPage />);
    expect((await screen.findByTestId('ask-5')).textContent).toContain(
      '申请加入 河小青巡河护河志愿服务队',
    );
    await act(async () => fireEvent.click(screen.getByTestId('approve-5')));
    await waitFor(() => expect(screen.queryByTestId('ask-5')).toBeNull());
    await act(async () => fireEvent.click(screen.getByTestId('refuse-6')));
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '不同意入队？' }));
    await waitFor(() => expect(screen.getByText('暂无待审核的入队申请')).toBeTruthy());
    expect(
      sent
        .filter((r) => r.method === 'POST')
        .map((r) => [r.url.replace(/^.*\/team-members/, ''), r.data]),
    ).toEqual([
      ['/5/decision', { decision: 'approved' }],
      ['/6/decision', { decision: 'refused' }],
    ]);
  });

  it('is for organizers only', () => {
    signIn('resident');
    scriptRequests(() => ({ statusCode: 200, data: { items: [] } }));
    render(<TeamAsksPage />);
    expect(screen.queryByTestId('page-team-asks')).toBeNull();
  });
});

describe('我的志愿技能 (features/volunteer/pages/skills)', () => {
  it('adds a suggested skill and a typed one, drops one, and saves the list the server keeps', async () => {
    signIn('resident');
    const sent = scriptRequests((method, _url, data) =>
      method === 'PUT'
        ? { statusCode: 200, data }
        : { statusCode: 200, data: { skills: ['外语'] } },
    );
    silenceUi();
    render(<SkillsPage />);
    await screen.findByTestId('skill-外语');
    fireEvent.click(screen.getByTestId('suggest-急救'));
    await typeInto('skill-input', ' 茶艺 ');
    fireEvent.click(screen.getByTestId('skill-add'));
    fireEvent.click(screen.getByTestId('skill-外语'));
    expect(screen.getByTestId('my-skills').textContent).toBe('急救 ×茶艺 ×');
    await act(async () => fireEvent.click(screen.getByTestId('skills-save')));
    expect(sent.find((r) => r.method === 'PUT')?.data).toEqual({ skills: ['急救', '茶艺'] });
  });
});

describe('派单给指定志愿者 (RequestCard, committee)', () => {
  const submitted = {
    id: '12',
    committeeId: '2',
    title: '上门修水管',
    details: null,
    place: '长风新村3号',
    wantedAt: '2026-12-03T06:00:00.000Z',
    durationMin: 60,
    contactName: '王阿姨',
    contactPhone: null,
    state: 'submitted',
    teamId: null,
    volunteerId: null,
    takenByMe: false,
    report: null,
    hours: null,
    hoursConfirmed: false,
    rating: null,
    ratingComment: null,
    reason: null,
    createdAt: '2026-12-01T02:00:00.000Z',
    timeline: [],
  } as unknown as ServiceRequest;

  it('searches volunteers (masked) by a skill and dispatches to the one picked', async () => {
    signIn('organizer');
    const sent = scriptRequests((_m, url) => ({
      statusCode: 200,
      data: {
        items: url.includes('q=')
          ? [
              {
                id: '31',
                nameMasked: '吴*',
                phoneMasked: '139****0008',
                skills: ['水电维修'],
                teams: [],
              },
            ]
          : [],
      },
    }));
    const onAct = jest.fn();
    render(<RequestCard item={submitted} role="committee" onAct={onAct} teams={[]} />);
    fireEvent.click(screen.getByText('派单'));
    fireEvent.click(screen.getByTestId('dispatch-named'));
    await screen.findByText('没有找到符合的志愿者');
    await typeInto('volunteer-search', '水电维修');
    await act(async () => fireEvent.click(screen.getByTestId('volunteer-search-go')));
    const row = await screen.findByTestId('pick-31');
    expect(row.textContent).toContain('吴* · 139****0008');
    expect(row.textContent).toContain('水电维修');
    expect(sent.at(-1)?.url).toContain(`q=${encodeURIComponent('水电维修')}`);
    fireEvent.click(screen.getByTestId('dispatch-to-31'));
    expect(onAct).toHaveBeenCalledWith(submitted, { action: 'dispatch', volunteerId: '31' });
  });
});
