// 兄弟姐妹一起报名: in the pre-fill days a family picks one class per child (each in its grade
// band) and whether all must be seated or each goes on its own, and saves it; at the opening one
// tap enrolls them all, so the second child no longer loses a second rush seconds later.
import { useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { Basket, BasketMode, ChildcareClass } from '@/contract/childcare';
import { eligibilityProblems, siteLabel } from '@/contract/childcare-rules';
import { formatInstant } from '@/contract/beijing-time';
import { PageRoot } from '@/components/page-root';
import { LoadFailed } from '@/components/load-failed';
import { hasLiveSession, useSession } from '@/lib/session';
import { useLoadStatus } from '@/lib/use-load-status';
import { fetchBasket, saveBasket } from '../../api';
import { useChildcare } from '../../store';
import { BasketButton } from '../../components/basket-button';
import { NoticeAgreement } from '../../components/notice-agreement';
import './index.scss';

const MODES: { value: BasketMode; label: string; hint: string }[] = [
  { value: 'all', label: '全部报上才报名', hint: '任一班级已满，所有孩子都不报，避免只报上一个' },
  { value: 'each', label: '各自报名', hint: '每个班各自提交，已满的班进入候补' },
];

type Choice = Record<string, string>; // childId → classId ('' : not this time)

const choiceOf = (b: Basket | null): Choice =>
  Object.fromEntries(
    (b?.items ?? []).flatMap((i) => i.childIds.map((childId) => [childId, i.classId])),
  );

const sameChoice = (a: Choice, b: Choice) => {
  const picked = (c: Choice) =>
    Object.entries(c)
      .filter(([, classId]) => classId)
      .sort(([x], [y]) => x.localeCompare(y))
      .join(';');
  return picked(a) === picked(b);
};

export default function BasketPage() {
  const { params } = useRouter();
  const programmeId = String(params.programmeId ?? '');
  const { detail, children, serverOffset, loadProgramme, loadChildren, loadClock } = useChildcare();
  const signedIn = useSession((s) => hasLiveSession(s));
  const [saved, setSaved] = useState<Basket | null>(null);
  const [choice, setChoice] = useState<Choice>({});
  const [mode, setMode] = useState<BasketMode>('all');
  const [noticeAgreed, setNoticeAgreed] = useState(false);
  const [busy, setBusy] = useState(false);

  const load = useLoadStatus(async () => {
    const [basket] = await Promise.all([
      fetchBasket(programmeId),
      loadProgramme(programmeId, true),
      loadChildren(),
      loadClock(),
    ]);
    setSaved(basket.basket);
    setChoice(choiceOf(basket.basket));
    setMode(basket.basket?.mode ?? 'all');
  });
  useDidShow(() => void load.run());

  const shown = detail?.programme.id === programmeId ? detail : null;
  if (!shown)
    return (
      <PageRoot>
        {load.status === 'error' ? (
          <LoadFailed error={load.error} onRetry={() => void load.run()} />
        ) : (
          <Text className="muted">加载中…</Text>
        )}
      </PageRoot>
    );

  const { programme, classes, periods } = shown;
  const periodName = (c: ChildcareClass) => periods.find((p) => p.id === c.periodId)?.name ?? '';
  const fits = (child: (typeof children)[number]) =>
    classes.filter(
      (c) =>
        eligibilityProblems(child, c.gradeMin, c.gradeMax, programme.localSchools).length === 0,
    );
  const items = Object.entries(choice)
    .filter(([, classId]) => classId)
    .map(([childId, classId]) => ({ classId, childIds: [childId] }));
  // the tap runs what is saved: a choice changed since must be saved first
  const dirty = !sameChoice(choiceOf(saved), choice) || (saved?.mode ?? 'all') !== mode;

  const save = async () => {
    if (busy || items.length === 0) return;
    setBusy(true);
    try {
      const b = await saveBasket(programmeId, { mode, items });
      setSaved(b);
      void Taro.showToast({ title: '已保存', icon: 'success' });
    } catch {
      // the request wrapper showed the server's Chinese message
    } finally {
      setBusy(false);
    }
  };

  const describe = (item: { classId: string; childIds: string[] }) => {
    const names = item.childIds.map((id) => children.find((c) => c.id === id)?.name ?? '孩子');
    const cls = classes.find((c) => c.id === item.classId);
    return `${names.join('、')} · ${cls ? cls.name : '班级'}`;
  };

  return (
    <PageRoot className="cc-basket" testId="page-childcare-basket">
      <View className="card">
        <Text className="cc-basket__title">{programme.name}</Text>
        <Text className="cc-basket__line">
          为每个孩子选好班级并保存；报名开始时点一次“一键报名”，所有孩子一起提交。
        </Text>
      </View>

      {programme.notice ? (
        <NoticeAgreement programme={programme} signedIn={signedIn} onAgreed={setNoticeAgreed} />
      ) : null}

      {children.map((child) => {
        const options = fits(child);
        return (
          <View
            key={child.id}
            className="card cc-basket__child"
            data-testid={`cc-basket-child-${child.id}`}
          >
            <Text className="cc-basket__child-name">{child.name}</Text>
            <Text className="muted">
              {child.school ?? '未填学校'} · {child.grade ?? '未填年级'}
            </Text>
            {options.length === 0 ? (
              <Text className="muted">没有适合该孩子的班级（请核对“孩子资料”中的学校和年级）</Text>
            ) : null}
            <View className="cc-basket__options">
              {[
                { id: '', label: '这次不报' },
                ...options.map((c) => ({
                  id: c.id,
                  label: `${periodName(c)} · ${siteLabel(c.siteName)} · ${c.name}（剩 ${c.remaining}）`,
                })),
              ].map((o) => (
                <View
                  key={o.id || 'none'}
                  className={`cc-basket__option${(choice[child.id] ?? '') === o.id ? ' cc-basket__option--on' : ''}`}
                  onClick={() => setChoice({ ...choice, [child.id]: o.id })}
                  data-testid={`cc-basket-option-${child.id}-${o.id || 'none'}`}
                >
                  {o.label}
                </View>
              ))}
            </View>
          </View>
        );
      })}

      <View className="card cc-basket__modes">
        <Text className="cc-basket__child-name">报名方式</Text>
        {MODES.map((m) => (
          <View
            key={m.value}
            className={`cc-basket__option${mode === m.value ? ' cc-basket__option--on' : ''}`}
            onClick={() => setMode(m.value)}
            data-testid={`cc-basket-mode-${m.value}`}
          >
            <Text className="cc-basket__mode-label">{m.label}</Text>
            <Text className="cc-basket__mode-hint">{m.hint}</Text>
          </View>
        ))}
      </View>

      <Button
        className="btn btn-plain"
        disabled={busy || items.length === 0 || !dirty}
        onClick={() => void save()}
        data-testid="cc-basket-save"
      >
        {items.length === 0 ? '请至少为一个孩子选择班级' : dirty ? '保存选择' : '已保存'}
      </Button>
      {saved && !dirty ? (
        <Text className="muted cc-basket__saved" data-testid="cc-basket-saved">
          已于 {formatInstant(saved.updatedAt, 'M月D日 HH:mm')} 保存，报名开始后点下方按钮即可
        </Text>
      ) : null}

      <View className="cc-basket__action">
        <BasketButton
          programme={programme}
          serverOffset={serverOffset}
          noticePending={Boolean(programme.notice) && !noticeAgreed}
          childCount={dirty ? 0 : (saved?.items.flatMap((i) => i.childIds).length ?? 0)}
          describe={describe}
          onDone={() => void loadProgramme(programmeId, true)}
        />
      </View>
    </PageRoot>
  );
}
