import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import NightSchoolHome from '@/features/night-school/pages/index/index';
import { useNightSchool } from '@/features/night-school/store';
import { useSession } from '@/lib/session';
import { silenceUi } from '../../platform';

import { until } from './until';
import { course, scriptNightSchool, term } from './fixtures';

const pottery = course({});
const coffee = course({
  id: '12',
  title: '咖啡拉花与手冲',
  category: '生活',
  district: '徐汇区',
  weekday: 3,
  applicants: 3,
  capacity: 12,
  ratio: 0.3,
});

describe('青年夜校 course list (features/night-school/pages/index)', () => {
  beforeEach(() => {
    useNightSchool.getState().reset();
    useSession.setState({
      token: 'tok',
      expiresAt: '2999-01-01T00:00:00Z',
      user: { id: '7', role: 'resident', orgIds: [], name: '王小青', profileComplete: true },
    });
  });

  it('shows the term, each course with teacher, schedule, venue and the live 报名/名额 ratio', async () => {
    scriptNightSchool(() => ({ statusCode: 200, data: { term, items: [pottery, coffee] } }));
    silenceUi();
    render(<NightSchoolHome />);
    await until(() => screen.queryByText('陶艺入门：手捏与拉坯'));
    expect(screen.getByTestId('term-banner').textContent).toContain('2026冬季青年夜校');
    expect(screen.getByTestId('term-banner').textContent).toContain('摇号种子哈希');
    const card = screen.getByTestId('course-11').textContent!;
    expect(card).toContain('沈静怡');
    expect(card).toContain('周二 19:30–21:00');
    expect(card).toContain('共8次课 · 免费');
    expect(card).toContain('报名 96 / 名额 16');
    expect(screen.queryByText('组织者管理')).toBeNull();
  });

  it('filters by category on the server and keeps the other choices visible', async () => {
    const sent = scriptNightSchool((_m, url) => ({
      statusCode: 200,
      data: { term, items: url.includes('category=') ? [coffee] : [pottery, coffee] },
    }));
    silenceUi();
    render(<NightSchoolHome />);
    await until(() => screen.queryByText('陶艺入门：手捏与拉坯'));
    await act(async () => fireEvent.click(screen.getByTestId('chip-生活')));
    await waitFor(() => expect(screen.queryByText('陶艺入门：手捏与拉坯')).toBeNull());
    expect(sent[sent.length - 1].url).toContain(`category=${encodeURIComponent('生活')}`);
    expect(screen.getByTestId('chip-手工')).toBeTruthy();
  });

  it('opens the course page when a card is tapped', async () => {
    scriptNightSchool(() => ({ statusCode: 200, data: { term, items: [pottery] } }));
    const { navigate } = silenceUi();
    render(<NightSchoolHome />);
    const target = await until(() => screen.queryByTestId('course-11'));
    await act(async () => fireEvent.click(target));
    expect(navigate).toHaveBeenCalledWith({
      url: '/features/night-school/pages/course/index?id=11',
    });
  });

  it('says so calmly when no course matches', async () => {
    scriptNightSchool(() => ({ statusCode: 200, data: { term, items: [] } }));
    silenceUi();
    render(<NightSchoolHome />);
    await until(() => screen.queryByText('没有符合条件的课程'));
  });
});
