// The course form's fee: staff type yuan, the server gets whole fen; a bad amount is caught in the
// form; without WeChat Pay configured the server's refusal of a paid course is shown in the form;
// once created the fee is shown, not editable (a PATCH refuses it).
import { act, fireEvent, render, screen } from '@testing-library/react';
import { CourseForm } from '@/features/night-school/components/course-form';
import { scriptRequests, silenceUi } from '../../platform';
import { course } from './fixtures';
import { until } from './until';

async function type(selector: string, value: string) {
  const input = await until(() => document.querySelector<HTMLInputElement>(`${selector} input`));
  act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function fillCourse(fee: string) {
  await type('#course-title', '粤语入门');
  await type('#course-category', '语言');
  await type('#course-teacher', '陈老师');
  await type('#course-venue', '徐汇青年活动中心');
  await type('#course-address', '上海市徐汇区漕溪北路');
  await type('#course-date', '2099-03-09');
  await type('#course-fee', fee);
}

describe('夜校管理: the course fee', () => {
  beforeEach(() => silenceUi());

  it('sends the fee typed in yuan as whole fen', async () => {
    const sent = scriptRequests(() => ({ statusCode: 201, data: course({ feeFen: 50_050 }) }));
    const saved = jest.fn();
    render(<CourseForm termId="1" onSaved={saved} />);
    expect(screen.getByTestId('course-form').textContent).toContain('学费（元）');
    await fillCourse('500.5');
    await act(async () => fireEvent.click(screen.getByText('创建课程')));
    await until(() => (saved.mock.calls.length ? true : null));
    const post = sent.find((r) => r.method === 'POST')!;
    expect(post.url).toContain('/admin/terms/1/courses');
    expect(post.data).toMatchObject({ title: '粤语入门', feeFen: 50_050 });
  });

  it('refuses a negative fee or fractions of a fen before asking the server', async () => {
    const sent = scriptRequests(() => ({ statusCode: 201, data: course({}) }));
    render(<CourseForm termId="1" onSaved={jest.fn()} />);
    for (const bad of ['-5', '12.345', '五百']) {
      await fillCourse(bad);
      await act(async () => fireEvent.click(screen.getByText('创建课程')));
      expect(screen.getByTestId('course-form-error').textContent).toBe(
        '学费请填写金额（元，最多两位小数），免费填 0',
      );
    }
    expect(sent.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('shows staff the refusal of a paid course while WeChat Pay is not configured', async () => {
    scriptRequests(() => ({
      statusCode: 409,
      data: {
        statusCode: 409,
        code: 'PAYMENTS_NOT_CONFIGURED',
        error: 'Conflict',
        message: '微信支付尚未配置，暂不能开设或支付收费项目，请联系管理员',
      },
    }));
    render(<CourseForm termId="1" onSaved={jest.fn()} />);
    await fillCourse('500');
    await act(async () => fireEvent.click(screen.getByText('创建课程')));
    expect((await until(() => screen.queryByTestId('course-form-error'))).textContent).toBe(
      '微信支付尚未配置，暂不能开设或支付收费项目，请联系管理员',
    );
  });

  it('shows a created course’s fee as fixed and never sends it in an edit', async () => {
    const ahead = course({
      feeFen: 50_000,
      startDate: '2099-03-09',
      sessionDates: ['2099-03-10', '2099-03-17'],
      sessions: 2,
    });
    const sent = scriptRequests(() => ({ statusCode: 200, data: ahead }));
    render(<CourseForm termId="1" course={ahead} onSaved={jest.fn()} />);
    expect(screen.getByTestId('course-fee-fixed').textContent).toBe(
      '学费¥500.00（随课程公布，创建后不能修改）',
    );
    expect(document.querySelector('#course-fee')).toBeNull();
    await type('#course-capacity', '30');
    await act(async () => fireEvent.click(screen.getByText('保存修改')));
    expect(sent.find((r) => r.method === 'PATCH')?.data).toEqual({ capacity: 30 });
  });
});
