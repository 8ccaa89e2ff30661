import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Shift, Task } from '@/contract/volunteer';
import PublishPage from '@/features/volunteer/pages/publish/index';
import { TaskForm } from '@/features/volunteer/components/task-form';
import { ShiftForm } from '@/features/volunteer/components/shift-form';
import { useSession } from '@/lib/session';
import { scriptRequests, silenceUi } from '../../platform';
import { beijingInstant } from '@/contract/beijing-time';

const TEAM = { id: '9', name: '河小青巡河护河志愿服务队' };
const task: Task = {
  id: '5',
  orgId: '9',
  orgName: TEAM.name,
  title: '苏州河长风段清洁行动',
  category: '环境保护',
  description: '',
  skills: ['巡河'],
  cancelCutoffMin: 120,
  checkinOpenBeforeMin: 30,
  checkoutCloseAfterMin: 120,
  shifts: [],
};
const shift: Shift = {
  id: '31',
  projectId: '5',
  startsAt: '2026-12-05T01:00:00.000Z',
  endsAt: '2026-12-05T03:00:00.000Z',
  place: '长风公园4号门',
  lat: 31.2236,
  lng: 121.3935,
  radiusM: 300,
  needed: 8,
  filled: 0,
  distanceM: null,
  requireGps: false,
  skills: [],
  skillMatch: false,
  mySignupId: null,
};

/** Types into the Taro <Input> (a taro-input-core wrapping a real <input>) marked with testId. */
async function type(testId: string, value: string) {
  // the inner <input> appears once the web component has rendered
  const input = await waitFor(() => {
    const el = screen.getByTestId(testId).querySelector<HTMLInputElement>('input, textarea');
    if (!el) throw new Error(`no input in ${testId}`);
    return el;
  });
  act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('TaskForm (发布志愿项目)', () => {
  it('when the server refuses a one-character title, shows its Chinese message and keeps the form', async () => {
    const sent = scriptRequests(() => ({
      statusCode: 400,
      data: {
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        error: 'Bad Request',
        message: '「名称」太短，至少 2 个字',
      },
    }));
    const { toast } = silenceUi();
    const onCreated = jest.fn();
    render(<TaskForm orgs={[TEAM]} onCreated={onCreated} />);
    await type('task-title', '河');
    await act(async () => fireEvent.click(screen.getByTestId('task-submit')));
    expect((await screen.findByTestId('task-error')).textContent).toBe('「名称」太短，至少 2 个字');
    expect(onCreated).not.toHaveBeenCalled();
    expect(toast).not.toHaveBeenCalled(); // shown once, under the form
    expect(sent[0].data).toMatchObject({ orgId: '9', title: '河' });
  });

  it('when filled in, posts the task with an Idempotency-Key and hands the created task on', async () => {
    const sent = scriptRequests(() => ({ statusCode: 201, data: task }));
    silenceUi();
    const onCreated = jest.fn();
    render(<TaskForm orgs={[TEAM]} onCreated={onCreated} />);
    await type('task-title', ' 苏州河长风段清洁行动 ');
    await type('task-skills', '巡河、急救');
    await act(async () => fireEvent.click(screen.getByTestId('task-submit')));
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(task));
    expect(sent).toHaveLength(1);
    expect(sent[0].method).toBe('POST');
    expect(sent[0].url).toMatch(/\/api\/v1\/volunteer\/tasks$/);
    expect(sent[0].data).toEqual({
      orgId: '9',
      title: '苏州河长风段清洁行动',
      category: '环境保护',
      description: '',
      skills: ['巡河', '急救'],
    });
    expect(sent[0].header['Idempotency-Key']).toMatch(/^[a-z0-9]+-[a-z0-9]+$/);
  });
});

describe('ShiftForm (添加班次)', () => {
  it('reads the date and times as Beijing time', () => {
    expect(beijingInstant('2026-12-05', '09:00')).toBe('2026-12-05T01:00:00.000Z');
  });

  it("when the place is missing, shows the server's Chinese message and creates nothing", async () => {
    const sent = scriptRequests(() => ({
      statusCode: 400,
      data: {
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        error: 'Bad Request',
        message: '「地点」太短，至少 2 个字',
      },
    }));
    silenceUi();
    const onCreated = jest.fn();
    render(<ShiftForm taskId="5" onCreated={onCreated} />);
    await type('shift-lat', '31.2236');
    await type('shift-lng', '121.3935');
    await act(async () => fireEvent.click(screen.getByTestId('shift-submit')));
    expect((await screen.findByTestId('shift-error')).textContent).toBe(
      '「地点」太短，至少 2 个字',
    );
    expect(onCreated).not.toHaveBeenCalled();
    // typing the place answers the refusal: its message goes
    await type('shift-place', '长风公园4号门');
    expect(screen.queryByTestId('shift-error')).toBeNull();
    expect(sent[0].data).toMatchObject({
      place: '',
      lat: 31.2236,
      lng: 121.3935,
      radiusM: 300,
      needed: 10,
    });
  });

  it('when filled in, posts the time window, place, geofence and count to the task', async () => {
    const sent = scriptRequests(() => ({ statusCode: 201, data: shift }));
    silenceUi();
    const onCreated = jest.fn();
    render(<ShiftForm taskId="5" onCreated={onCreated} />);
    await type('shift-place', '长风公园4号门');
    await type('shift-lat', '31.2236');
    await type('shift-lng', '121.3935');
    await type('shift-radiusM', '200');
    await type('shift-needed', '8');
    await act(async () => fireEvent.click(screen.getByTestId('shift-submit')));
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(shift));
    expect(sent[0].url).toMatch(/\/api\/v1\/volunteer\/tasks\/5\/shifts$/);
    const body = sent[0].data as Record<string, unknown>;
    expect(body).toMatchObject({
      place: '长风公园4号门',
      lat: 31.2236,
      lng: 121.3935,
      radiusM: 200,
      needed: 8,
    });
    // no skills chosen: none sent (the shift asks for none)
    expect(body).not.toHaveProperty('skills');
    // default window: tomorrow 09:00–11:00 Beijing time, two hours
    expect(Date.parse(String(body.endsAt)) - Date.parse(String(body.startsAt))).toBe(2 * 3600_000);
    expect(sent[0].header['Idempotency-Key']).toBeTruthy();
  });
});

describe('ShiftForm skills (the chips of 我的志愿技能)', () => {
  it('picks a common skill and a typed one, takes one off, and posts the rest with the shift', async () => {
    const sent = scriptRequests(() => ({ statusCode: 201, data: shift }));
    silenceUi();
    const onCreated = jest.fn();
    render(<ShiftForm taskId="5" onCreated={onCreated} />);
    const field = screen.getByTestId('shift-skills');
    expect(field.textContent).toContain('不限技能');
    fireEvent.click(screen.getByTestId('suggest-急救'));
    fireEvent.click(screen.getByTestId('suggest-手语'));
    await type('skill-input', ' 巡河 ');
    fireEvent.click(screen.getByTestId('skill-add'));
    // a chosen skill leaves the suggestions; a tap on its chip takes it off again
    expect(screen.queryByTestId('suggest-急救')).toBeNull();
    fireEvent.click(screen.getByTestId('skill-手语'));
    expect(screen.getByTestId('my-skills').textContent).toBe('急救 ×巡河 ×');
    expect(screen.getByTestId('suggest-手语')).toBeTruthy();

    await type('shift-place', '长风公园4号门');
    await type('shift-lat', '31.2236');
    await type('shift-lng', '121.3935');
    await act(async () => fireEvent.click(screen.getByTestId('shift-submit')));
    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect((sent[0].data as Record<string, unknown>).skills).toEqual(['急救', '巡河']);
  });

  it('stops at 10 skills, as the server does', async () => {
    render(<ShiftForm taskId="5" onCreated={jest.fn()} />);
    for (const k of ['急救', '手语', '外语', '摄影', '驾驶', '心理疏导', '水电维修', '电脑维修'])
      fireEvent.click(screen.getByTestId(`suggest-${k}`));
    for (const k of ['巡河', '茶艺', '多一项']) {
      await type('skill-input', k);
      fireEvent.click(screen.getByTestId('skill-add'));
    }
    expect(screen.getByTestId('my-skills').textContent).not.toContain('多一项');
    expect(screen.getByTestId('my-skills').children).toHaveLength(10);
    expect(screen.getByTestId('shift-skills').textContent).toContain('最多填写 10 项');
  });
});

describe('publish page (features/volunteer/pages/publish)', () => {
  it("offers only the organizer's own teams and committees, then the shift form of the new task", async () => {
    useSession.setState({
      token: 't',
      expiresAt: '2999-01-01T00:00:00Z',
      user: { id: '3', role: 'organizer', orgIds: ['9'], name: '王队长', profileComplete: true },
    });
    scriptRequests((method, url) => {
      if (url.includes('/orgs?kind=team'))
        return {
          statusCode: 200,
          data: {
            items: [
              { ...TEAM, kind: 'team' },
              { id: '10', name: '别的队', kind: 'team' },
            ],
          },
        };
      if (url.includes('/orgs?kind=committee'))
        return {
          statusCode: 200,
          data: { items: [{ id: '11', name: '某团工委', kind: 'committee' }] },
        };
      if (method === 'POST' && url.endsWith('/tasks')) return { statusCode: 201, data: task };
      return { statusCode: 201, data: { ...shift, skills: ['急救'] } };
    });
    silenceUi();
    render(<PublishPage />);
    const form = await screen.findByTestId('task-form');
    expect(form.textContent).toContain(TEAM.name);
    expect(form.textContent).not.toContain('别的队');
    await type('task-title', task.title);
    await act(async () => fireEvent.click(screen.getByTestId('task-submit')));
    expect((await screen.findByTestId('publish-task')).textContent).toContain('还没有班次');
    await type('shift-place', '长风公园4号门');
    await type('shift-lat', '31.2236');
    await type('shift-lng', '121.3935');
    fireEvent.click(screen.getByTestId('suggest-急救'));
    await act(async () => fireEvent.click(screen.getByTestId('shift-submit')));
    // the shift in the list names the skills it asks for (the server's answer)
    expect((await screen.findByTestId('published-shift-31')).textContent).toContain(
      '长风公园4号门 · 需 8 人 · 需要技能：急救',
    );
  });

  it('refuses residents', () => {
    useSession.setState({
      token: 't',
      expiresAt: '2999-01-01T00:00:00Z',
      user: { id: '7', role: 'resident', orgIds: [], name: '林小青', profileComplete: true },
    });
    scriptRequests(() => ({ statusCode: 200, data: { items: [] } }));
    render(<PublishPage />);
    expect(screen.getByText('仅限组织者使用')).toBeTruthy();
  });
});
