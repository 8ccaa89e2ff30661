import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { Allocation, Term, UpdateTermBody } from '@/contract/night-school';
import { ApiError } from '@/lib/api-error';
import { updateTerm } from '../api';
import { Field, toInstant } from './catalog-forms';

/** An instant shown as Beijing time, the way staff type it: 'YYYY-MM-DD HH:mm'. */
const beijing = (iso: string) =>
  new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** 修改学期. Only what changed is sent, so a locked setting left alone never trips a refusal; the
 *  opening time and allocation mode are shown read-only once the window opened (the server refuses). */
export function TermEditForm({ term, onSaved }: { term: Term; onSaved: (t: Term) => void }) {
  const upcoming = term.phase === 'upcoming';
  const initial = {
    name: term.name,
    opens: beijing(term.opensAt),
    closes: beijing(term.closesAt),
    drawAt: term.drawAt ? beijing(term.drawAt) : '',
    maxApplicationsPerPerson: String(term.maxApplicationsPerPerson),
    maxCoursesPerPerson: String(term.maxCoursesPerPerson),
    confirmHours: String(term.confirmHours),
    noShowLimit: String(term.noShowLimit),
    minAge: String(term.minAge),
    maxAge: String(term.maxAge),
  };
  const [f, setF] = useState(initial);
  const [allocation, setAllocation] = useState<Allocation>(term.allocation);
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });

  const changes = (): UpdateTermBody => {
    const body: UpdateTermBody = {};
    if (f.name.trim() !== term.name) body.name = f.name.trim();
    if (f.opens !== initial.opens) body.opensAt = toInstant(f.opens);
    if (f.closes !== initial.closes) body.closesAt = toInstant(f.closes);
    if (f.drawAt !== initial.drawAt) body.drawAt = toInstant(f.drawAt);
    if (allocation !== term.allocation) body.allocation = allocation;
    const numbers = [
      'maxApplicationsPerPerson',
      'maxCoursesPerPerson',
      'confirmHours',
      'noShowLimit',
      'minAge',
      'maxAge',
    ] as const;
    for (const k of numbers) if (f[k] !== initial[k]) body[k] = Number(f[k]);
    return body;
  };

  const submit = async () => {
    setError(null);
    const body = changes();
    if (Object.keys(body).length === 0) {
      setError('没有需要保存的修改');
      return;
    }
    try {
      onSaved(await updateTerm(term.id, body));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '保存失败，请检查填写');
    }
  };

  return (
    <View className="card" data-testid="term-edit-form">
      <Text className="section-title">修改学期</Text>
      <Field id="edit-term-name" label="学期名称" value={f.name} onInput={set('name')} />
      {upcoming ? (
        <Field
          id="edit-term-opens"
          label="报名开始（北京时间）"
          value={f.opens}
          onInput={set('opens')}
        />
      ) : (
        <View className="field">
          <Text className="field-label">报名开始（北京时间）</Text>
          <Text className="muted">{initial.opens}（报名已开始，不能再改）</Text>
        </View>
      )}
      {term.phase === 'drawn' || (term.allocation === 'lottery' && term.phase === 'closed') ? (
        <View className="field">
          <Text className="field-label">报名截止（北京时间）</Text>
          <Text className="muted">{initial.closes}（报名名单已冻结，不能再改）</Text>
        </View>
      ) : (
        <Field
          id="edit-term-closes"
          label="报名截止（北京时间）"
          value={f.closes}
          onInput={set('closes')}
        />
      )}
      {allocation === 'lottery' ? (
        upcoming || term.phase === 'open' ? (
          <Field
            id="edit-term-draw-at"
            label="公开摇号时间（北京时间）"
            value={f.drawAt}
            onInput={set('drawAt')}
            placeholder="2027-03-02 10:00"
          />
        ) : (
          <View className="field">
            <Text className="field-label">公开摇号时间（北京时间）</Text>
            <Text className="muted">{initial.drawAt}（报名已截止，不能再改）</Text>
          </View>
        )
      ) : null}
      <View className="field">
        <Text className="field-label">名额分配</Text>
        {upcoming ? (
          <View className="ns-admin__terms">
            <Text
              className={allocation === 'lottery' ? 'ns-chip ns-chip--on' : 'ns-chip'}
              onClick={() => setAllocation('lottery')}
            >
              公开摇号
            </Text>
            <Text
              className={allocation === 'first_come' ? 'ns-chip ns-chip--on' : 'ns-chip'}
              onClick={() => setAllocation('first_come')}
            >
              先到先得
            </Text>
          </View>
        ) : (
          <Text className="muted">
            {term.allocation === 'lottery' ? '公开摇号' : '先到先得'}（报名已开始，不能再改）
          </Text>
        )}
      </View>
      <Field
        id="edit-term-max-apps"
        label="每人最多报名（门）"
        type="number"
        value={f.maxApplicationsPerPerson}
        onInput={set('maxApplicationsPerPerson')}
      />
      <Field
        id="edit-term-max-courses"
        label="每人最多获得名额（门）"
        type="number"
        value={f.maxCoursesPerPerson}
        onInput={set('maxCoursesPerPerson')}
      />
      <Field
        id="edit-term-confirm"
        label="中签后确认时限（小时）"
        type="number"
        value={f.confirmHours}
        onInput={set('confirmHours')}
      />
      <Field
        id="edit-term-no-show"
        label="缺勤几次限制下学期报名"
        type="number"
        value={f.noShowLimit}
        onInput={set('noShowLimit')}
      />
      <Field
        id="edit-term-min-age"
        label="最小年龄（周岁）"
        type="number"
        value={f.minAge}
        onInput={set('minAge')}
      />
      <Field
        id="edit-term-max-age"
        label="最大年龄（周岁）"
        type="number"
        value={f.maxAge}
        onInput={set('maxAge')}
      />
      <Text className="muted">摇号种子在建学期时已固定并公开哈希，不能修改。</Text>
      {error ? (
        <Text className="error-text" data-testid="term-edit-error">
          {error}
        </Text>
      ) : null}
      <Button className="btn btn-primary" onClick={() => void submit()}>
        保存修改
      </Button>
    </View>
  );
}
