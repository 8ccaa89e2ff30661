// Site staff build the catalogue here: a programme with its two windows, its periods (期), and
// classes at their own sites. Dates and times are typed and read in Asia/Shanghai; the rules
// of the contract answer at once, the server's refusals are shown in place under each form.
import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Text, Textarea, View } from '@tarojs/components';
import type { Organization } from '@/contract/account';
import type { Period, Programme } from '@/contract/childcare';
import {
  WINDOWS_ORDER_MESSAGE,
  siteLabel,
  windowsInOrder,
  yuanToFen,
} from '@/contract/childcare-rules';
import { beijingInstant, isCalendarDate } from '@/contract/beijing-time';
import { useSession } from '@/lib/session';
import { fetchOrgs } from '@/lib/orgs-api';
import { PageRoot } from '@/components/page-root';
import {
  createClass,
  createPeriod,
  createProgramme,
  fetchProgramme,
  fetchProgrammes,
} from '../../api';

import { Chips, Field, TextInput } from '../../components/manage-fields';
import { LocalSchoolsForm } from '../../components/local-schools-form';
import './index.scss';
import { StaffOnly, isStaff } from '@/components/staff-only';

const errorText = (e: unknown) => (e instanceof Error ? e.message : '保存失败，请稍后再试');

function DateTime({
  id,
  date,
  time,
  onDate,
  onTime,
}: {
  id: string;
  date: string;
  time: string;
  onDate: (v: string) => void;
  onTime: (v: string) => void;
}) {
  return (
    <View className="cc-manage__pair">
      <TextInput id={`${id}-date`} value={date} onChange={onDate} placeholder="2026-06-01" />
      <TextInput id={`${id}-time`} value={time} onChange={onTime} placeholder="08:00" />
    </View>
  );
}

function ProgrammeForm({ onCreated }: { onCreated: (p: Programme) => void }) {
  const [f, setF] = useState({
    name: '',
    season: 'summer' as 'summer' | 'winter',
    pd: '',
    pt: '08:00',
    rd: '',
    rt: '08:00',
    cd: '',
    ct: '17:00',
    offerHours: '24',
    notice: '',
  });
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });

  const submit = async () => {
    const prefillOpensAt = beijingInstant(f.pd.trim(), f.pt.trim());
    const registrationOpensAt = beijingInstant(f.rd.trim(), f.rt.trim());
    const registrationClosesAt = beijingInstant(f.cd.trim(), f.ct.trim());
    const offerHours = Number(f.offerHours);
    if (f.name.trim().length < 2) return setError('请填写项目名称（至少 2 个字）');
    if (!prefillOpensAt || !registrationOpensAt || !registrationClosesAt)
      return setError('请按 2026-06-01 和 08:00 的格式填写日期和时间');
    if (!windowsInOrder(prefillOpensAt, registrationOpensAt, registrationClosesAt))
      return setError(WINDOWS_ORDER_MESSAGE);
    if (!Number.isInteger(offerHours) || offerHours < 1 || offerHours > 168)
      return setError('补位确认时限应为 1–168 小时');
    if (busy) return undefined;
    setError('');
    setBusy(true);
    try {
      const p = await createProgramme({
        name: f.name.trim(),
        season: f.season,
        prefillOpensAt,
        registrationOpensAt,
        registrationClosesAt,
        offerHours,
        ...(f.notice.trim() ? { notice: f.notice.trim() } : {}),
      });
      onCreated(p);
      setF({ ...f, name: '', notice: '' });
      void Taro.showToast({ title: '项目已创建', icon: 'success' });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card cc-manage__form" data-testid="cc-programme-form">
      <Text className="cc-manage__title">新建托班项目</Text>
      <Field label="项目名称">
        <TextInput
          id="cc-p-name"
          value={f.name}
          onChange={set('name')}
          placeholder="如：2027爱心暑托班"
        />
      </Field>
      <Field label="季节">
        <Chips
          testId="cc-p-season"
          value={f.season}
          onChange={set('season')}
          options={[
            { value: 'summer', label: '暑托' },
            { value: 'winter', label: '寒托' },
          ]}
        />
      </Field>
      <Field label="预填开始（日期、时间）" hint="家长可提前完善孩子资料、通过资格核验">
        <DateTime id="cc-p-prefill" date={f.pd} time={f.pt} onDate={set('pd')} onTime={set('pt')} />
      </Field>
      <Field label="报名开始（精确到分钟）" hint="按服务器时间准点开放，家长页面显示倒计时">
        <DateTime id="cc-p-opens" date={f.rd} time={f.rt} onDate={set('rd')} onTime={set('rt')} />
      </Field>
      <Field label="报名截止">
        <DateTime id="cc-p-closes" date={f.cd} time={f.ct} onDate={set('cd')} onTime={set('ct')} />
      </Field>
      <Field label="补位确认时限（小时）" hint="候补家庭收到名额后须在此时限内确认">
        <TextInput
          id="cc-p-offer-hours"
          type="number"
          value={f.offerHours}
          onChange={set('offerHours')}
        />
      </Field>
      <Field label="报名须知（选填）">
        <Textarea
          className="cc-manage__textarea"
          value={f.notice}
          maxlength={2000}
          placeholder="如：每期限报一个班，兄弟姐妹可同班报名"
          onInput={(e) => set('notice')(e.detail.value)}
        />
      </Field>
      <Text className="field-hint">时间均为北京时间</Text>
      {error ? (
        <Text className="cc-manage__error" data-testid="cc-programme-error">
          {error}
        </Text>
      ) : null}
      <Button
        className={`btn btn-primary${busy ? ' btn--busy' : ''}`}
        onClick={() => void submit()}
        data-testid="cc-programme-submit"
      >
        创建项目
      </Button>
    </View>
  );
}

function PeriodForm({
  programmes,
  onCreated,
}: {
  programmes: Programme[];
  onCreated: (programmeId: string, p: Period) => void;
}) {
  const [programmeId, setProgrammeId] = useState('');
  const [f, setF] = useState({ seq: '1', name: '第一期', startsOn: '', endsOn: '' });
  const [error, setError] = useState('');
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });

  const submit = async () => {
    const seq = Number(f.seq);
    if (!programmeId) return setError('请先选择托班项目');
    if (!Number.isInteger(seq) || seq < 1 || seq > 12) return setError('期次序号应为 1–12');
    if (!f.name.trim()) return setError('请填写期次名称');
    if (!isCalendarDate(f.startsOn.trim()) || !isCalendarDate(f.endsOn.trim()))
      return setError('请按 2026-07-06 的格式填写开班和结班日期');
    if (f.startsOn.trim() > f.endsOn.trim()) return setError('期次的开始日期应不晚于结束日期');
    setError('');
    try {
      const p = await createPeriod(programmeId, {
        seq,
        name: f.name.trim(),
        startsOn: f.startsOn.trim(),
        endsOn: f.endsOn.trim(),
      });
      onCreated(programmeId, p);
      setF({ seq: String(seq + 1), name: '', startsOn: '', endsOn: '' });
      void Taro.showToast({ title: `${p.name}已添加`, icon: 'success' });
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <View className="card cc-manage__form" data-testid="cc-period-form">
      <Text className="cc-manage__title">添加期次</Text>
      <Field label="托班项目">
        <Chips
          testId="cc-period-programme"
          value={programmeId}
          onChange={setProgrammeId}
          options={programmes.map((p) => ({ value: p.id, label: p.name }))}
        />
      </Field>
      <View className="cc-manage__pair">
        <Field label="序号">
          <TextInput id="cc-period-seq" type="number" value={f.seq} onChange={set('seq')} />
        </Field>
        <Field label="名称">
          <TextInput
            id="cc-period-name"
            value={f.name}
            onChange={set('name')}
            placeholder="第一期"
          />
        </Field>
      </View>
      <View className="cc-manage__pair">
        <Field label="开班日期">
          <TextInput
            id="cc-period-starts"
            value={f.startsOn}
            onChange={set('startsOn')}
            placeholder="2026-07-06"
          />
        </Field>
        <Field label="结班日期">
          <TextInput
            id="cc-period-ends"
            value={f.endsOn}
            onChange={set('endsOn')}
            placeholder="2026-07-24"
          />
        </Field>
      </View>
      {error ? (
        <Text className="cc-manage__error" data-testid="cc-period-error">
          {error}
        </Text>
      ) : null}
      <Button
        className="btn btn-primary"
        onClick={() => void submit()}
        data-testid="cc-period-submit"
      >
        添加期次
      </Button>
    </View>
  );
}

function ClassForm({ programmes, sites }: { programmes: Programme[]; sites: Organization[] }) {
  const [programmeId, setProgrammeId] = useState('');
  const [periods, setPeriods] = useState<Period[]>([]);
  const [f, setF] = useState({
    periodId: '',
    siteId: sites.length === 1 ? sites[0].id : '',
    name: '',
    capacity: '35',
    gradeMin: '1',
    gradeMax: '5',
    fee: '',
    whatToBring: '',
  });
  const [error, setError] = useState('');
  const [created, setCreated] = useState('');
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });

  const pickProgramme = (id: string) => {
    setProgrammeId(id);
    setF({ ...f, periodId: '' });
    // fresh: a period added a moment ago on this page must be there to pick
    fetchProgramme(id, true).then(
      (d) => setPeriods(d.periods),
      () => setPeriods([]),
    );
  };

  const submit = async () => {
    const capacity = Number(f.capacity);
    const gradeMin = Number(f.gradeMin);
    const gradeMax = Number(f.gradeMax);
    const feeFen = yuanToFen(f.fee);
    if (!f.periodId) return setError('请选择项目和期次');
    if (!f.siteId) return setError('请选择托班点');
    if (!f.name.trim()) return setError('请填写班级名称');
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > 500)
      return setError('容量应为 1–500 的整数');
    if (![gradeMin, gradeMax].every((g) => Number.isInteger(g) && g >= 1 && g <= 9))
      return setError('年级应为 1–9');
    if (gradeMin > gradeMax) return setError('最低年级不能高于最高年级');
    if (feeFen === null) return setError('请填写费用（元），如 450');
    setError('');
    try {
      const c = await createClass({
        periodId: f.periodId,
        siteId: f.siteId,
        name: f.name.trim(),
        capacity,
        gradeMin,
        gradeMax,
        feeFen,
        ...(f.whatToBring.trim() ? { whatToBring: f.whatToBring.trim() } : {}),
      });
      setCreated(
        `已创建：${c.periodName} · ${c.name}（${c.capacity} 个名额），可在托班点工作台调整容量`,
      );
      setF({ ...f, name: '' });
      void Taro.showToast({ title: '班级已创建', icon: 'success' });
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <View className="card cc-manage__form" data-testid="cc-class-form">
      <Text className="cc-manage__title">新建班级</Text>
      <Field label="托班项目">
        <Chips
          testId="cc-class-programme"
          value={programmeId}
          onChange={pickProgramme}
          options={programmes.map((p) => ({ value: p.id, label: p.name }))}
        />
      </Field>
      {programmeId ? (
        <Field label="期次">
          {periods.length ? (
            <Chips
              testId="cc-class-period"
              value={f.periodId}
              onChange={set('periodId')}
              options={periods.map((p) => ({
                value: p.id,
                label: `${p.name} ${p.startsOn.slice(5)}–${p.endsOn.slice(5)}`,
              }))}
            />
          ) : (
            <Text className="muted">该项目还没有期次，请先添加期次</Text>
          )}
        </Field>
      ) : null}
      <Field label="托班点">
        {sites.length ? (
          <Chips
            testId="cc-class-site"
            value={f.siteId}
            onChange={set('siteId')}
            options={sites.map((s) => ({
              value: s.id,
              label: siteLabel(s.name),
            }))}
          />
        ) : (
          <Text className="muted">您的账号还没有关联托班点</Text>
        )}
      </Field>
      <Field label="班级名称">
        <TextInput
          id="cc-class-name"
          value={f.name}
          onChange={set('name')}
          placeholder="如：低年级班"
        />
      </Field>
      <View className="cc-manage__pair">
        <Field label="容量（人）">
          <TextInput
            id="cc-class-capacity"
            type="number"
            value={f.capacity}
            onChange={set('capacity')}
          />
        </Field>
        <Field label="费用（元/期）">
          <TextInput
            id="cc-class-fee"
            type="digit"
            value={f.fee}
            onChange={set('fee')}
            placeholder="450"
          />
        </Field>
      </View>
      <View className="cc-manage__pair">
        <Field label="最低年级">
          <TextInput
            id="cc-class-grade-min"
            type="number"
            value={f.gradeMin}
            onChange={set('gradeMin')}
          />
        </Field>
        <Field label="最高年级">
          <TextInput
            id="cc-class-grade-max"
            type="number"
            value={f.gradeMax}
            onChange={set('gradeMax')}
          />
        </Field>
      </View>
      <Field label="携带物品（选填）">
        <Textarea
          className="cc-manage__textarea"
          value={f.whatToBring}
          maxlength={500}
          placeholder="如：水杯、午睡小毯子、换洗衣物"
          onInput={(e) => set('whatToBring')(e.detail.value)}
        />
      </Field>
      {error ? (
        <Text className="cc-manage__error" data-testid="cc-class-error">
          {error}
        </Text>
      ) : null}
      {created ? (
        <Text className="cc-manage__ok" data-testid="cc-class-created">
          {created}
        </Text>
      ) : null}
      <Button
        className="btn btn-primary"
        onClick={() => void submit()}
        data-testid="cc-class-submit"
      >
        创建班级
      </Button>
    </View>
  );
}

/** Staff come here from their 工作台: go back to it (it reloads its classes on show) rather than stack another. */
function backToStaff() {
  const pages = Taro.getCurrentPages();
  const previous = pages.length > 1 ? (pages[pages.length - 2].route ?? '') : '';
  if (previous.includes('childcare/pages/staff')) void Taro.navigateBack();
  else void Taro.navigateTo({ url: '/features/childcare/pages/staff/index' });
}

export default function ManagePage() {
  const user = useSession((s) => s.user);
  const [programmes, setProgrammes] = useState<Programme[]>([]);
  const [sites, setSites] = useState<Organization[] | null>(null);
  const staff = isStaff(user?.role);

  useDidShow(() => {
    if (!staff) return;
    fetchProgrammes(true).then(
      (r) => setProgrammes(r.items),
      () => undefined,
    );
    // An admin may add classes at any site; site staff only at their own.
    fetchOrgs('site').then(
      (all) =>
        setSites(user?.role === 'admin' ? all : all.filter((o) => user?.orgIds.includes(o.id))),
      () => setSites([]),
    );
  });

  if (!staff) return <StaffOnly />;

  return (
    <PageRoot className="cc-manage" testId="page-childcare-manage">
      {user?.role === 'admin' ? (
        <>
          <ProgrammeForm onCreated={(p) => setProgrammes((list) => [p, ...list])} />
          <PeriodForm programmes={programmes} onCreated={() => undefined} />
          <LocalSchoolsForm
            programmes={programmes}
            onSaved={(p) => setProgrammes((list) => list.map((x) => (x.id === p.id ? p : x)))}
          />
        </>
      ) : (
        <Text className="cc-manage__hint" data-testid="cc-manage-admin-only">
          托班项目和期次由团区委统一设置；如需新增，请联系团区委。
        </Text>
      )}
      {sites ? <ClassForm programmes={programmes} sites={sites} /> : null}
      <Button className="btn btn-plain" onClick={backToStaff} data-testid="cc-manage-back">
        回到托班点工作台（调整容量、名单）
      </Button>
    </PageRoot>
  );
}
