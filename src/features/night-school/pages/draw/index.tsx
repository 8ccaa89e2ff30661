import { useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { Draw, MyDraw } from '@/contract/night-school';
import { LOTTERY_ALGORITHM, verifyDraw, type VerifyCheck } from '@/contract/lottery';
import { EmptyState } from '@/components/empty-state';
import { LoadFailed } from '@/components/load-failed';
import { PageRoot } from '@/components/page-root';
import { useWidePublicPage } from '@/components/use-wide-public-page';
import { formatInstant } from '@/contract/beijing-time';
import { useSession } from '@/lib/session';
import { useLoadStatus } from '@/lib/use-load-status';
import { fetchDraw, fetchMyDraw } from '../../api';
import { DrawRanking } from '../../components/draw-ranking';
import './index.scss';

const OUTCOME: Record<string, string> = {
  offered: '中签',
  waitlisted: '候补',
  skipped: '已满额跳过',
};

/** One published value, shown whole: a 64-digit hash wraps rather than being cut. */
function Value({ label, value, note }: { label: string; value: string | null; note: string }) {
  return (
    <View className="ns-draw__value">
      <Text className="ns-draw__label">{label}</Text>
      {value ? (
        <Text className="ns-draw__hash" userSelect>
          {value}
        </Text>
      ) : (
        <Text className="muted">{note}</Text>
      )}
    </View>
  );
}

/**
 * 摇号公示: the committed seed hash, the frozen list's hash, the second person's public value, the
 * seed and the mixed seed, every course's ranking by pseudonym; 查我的号 for the signed-in
 * resident, and 自己验证, which recomputes the draw here with src/contract/lottery.ts.
 */
export default function DrawPage() {
  const termId = useRouter().params.termId ?? '';
  const signedIn = useSession((s) => s.user !== null);
  const [draw, setDraw] = useState<Draw | null>(null);
  const [mine, setMine] = useState<MyDraw | null>(null);
  const [checks, setChecks] = useState<{ ok: boolean; checks: VerifyCheck[] } | null>(null);
  useWidePublicPage();

  const load = useLoadStatus(() => fetchDraw(termId).then(setDraw));
  useDidShow(() => {
    if (termId) void load.run();
  });

  if (!termId)
    return (
      <PageRoot testId="page-ns-draw">
        <EmptyState title="未找到该学期的摇号" />
      </PageRoot>
    );
  if (load.status === 'error' && !draw)
    return (
      <PageRoot testId="page-ns-draw">
        <LoadFailed
          error={load.error}
          onRetry={() => void load.run()}
          notFound="未找到该学期的摇号"
        />
      </PageRoot>
    );
  if (!draw) return <PageRoot testId="page-ns-draw">{null}</PageRoot>;

  const drawn = draw.drawnAt !== null;
  const verifiable = drawn && draw.algorithm === LOTTERY_ALGORITHM;
  const lookUp = () =>
    signedIn
      ? void fetchMyDraw(termId).then(setMine, () => undefined)
      : void Taro.navigateTo({ url: '/pages/login/index' });

  return (
    <PageRoot className="ns-draw" testId="page-ns-draw">
      <View className="ns-draw__side">
        <View className="card">
          <Text className="ns-draw__title">{draw.termName}</Text>
          <Text className="muted ns-draw__line">{draw.orgName}</Text>
          <Text className="ns-draw__line">
            {drawn
              ? `已于 ${formatInstant(draw.drawnAt!)} 摇号`
              : `将于 ${draw.drawAt ? formatInstant(draw.drawAt) : '公布的时间'} 自动摇号`}
          </Text>
          <Text className="muted ns-draw__line">
            报名截止：{formatInstant(draw.closesAt)}
            {draw.applicantsFrozenAt ? '（报名名单已冻结）' : ''}
          </Text>
        </View>

        <View className="card">
          <Text className="section-title">公开的摇号依据</Text>
          <Value label="① 种子哈希（建学期时、报名前公布）" value={draw.seedHash} note="" />
          <Value
            label="② 报名名单哈希（报名截止时冻结）"
            value={draw.applicantListHash}
            note="报名截止后公布"
          />
          <View className="ns-draw__value">
            <Text className="ns-draw__label">③ 公开随机数（截止后由另一位工作人员录入）</Text>
            {draw.publicValue ? (
              <Text className="ns-draw__hash">
                {draw.publicValue}
                <Text className="muted">（来源：{draw.publicValueSource}）</Text>
              </Text>
            ) : (
              <Text className="muted">报名截止后录入</Text>
            )}
          </View>
          <Value label="④ 种子（摇号时公开）" value={draw.seed} note="摇号时公开" />
          <Value label="⑤ 摇号种子 = SHA-256(④:②:③)" value={draw.drawSeed} note="摇号时公开" />
          <Text className="muted ns-draw__line">
            每人的签号 =
            SHA-256(⑤:课程编号:代号)，按签号从小到大排序；代号是每人每学期一个的匿名编号。
          </Text>
        </View>

        <View className="card" data-testid="my-number">
          <Text className="section-title">查我的号</Text>
          {mine ? (
            mine.pseudonym ? (
              <View>
                <Text className="ns-draw__line">
                  我的代号：<Text className="ns-draw__mono">{mine.pseudonym}</Text>
                </Text>
                {mine.items.map((i) => (
                  <Text key={i.courseId} className="ns-draw__line" data-testid="my-entry">
                    {i.title}：
                    {i.rank
                      ? `第 ${i.rank} 位 / 共 ${i.applicants} 人 · ${OUTCOME[i.outcome ?? ''] ?? ''}`
                      : `共 ${i.applicants} 人报名，尚未摇号`}
                  </Text>
                ))}
              </View>
            ) : (
              <Text className="muted">你没有报名本学期的课程。</Text>
            )
          ) : (
            <Button className="btn btn-plain" data-testid="look-up" onClick={lookUp}>
              {signedIn ? '查我的号' : '登录后查我的号'}
            </Button>
          )}
        </View>

        {verifiable ? (
          <View className="card" data-testid="verify">
            <Text className="section-title">自己验证</Text>
            <Text className="muted ns-draw__line">
              在你的手机或电脑上，用上面公开的依据重新计算每门课的排序和中签结果，与公布的结果逐项比对。
            </Text>
            {checks ? (
              <View>
                <Text
                  className={checks.ok ? 'ns-draw__ok' : 'ns-draw__bad'}
                  data-testid="verify-result"
                >
                  {checks.ok ? '✓ 重新计算的结果与公布的结果完全一致' : '✗ 有不一致的地方'}
                </Text>
                {checks.checks.map((c) => (
                  <Text key={c.label} className="ns-draw__check">
                    {c.ok ? '✓' : '✗'} {c.label}
                  </Text>
                ))}
              </View>
            ) : (
              <Button
                className="btn btn-primary"
                data-testid="verify-run"
                onClick={() => setChecks(verifyDraw(draw))}
              >
                自己验证
              </Button>
            )}
          </View>
        ) : drawn ? (
          <View className="card">
            <Text className="muted">本学期按旧版算法（用户编号）摇号，页面不提供重新计算。</Text>
          </View>
        ) : null}
      </View>

      <View className="ns-draw__main">
        {draw.courses.map((c) => (
          <DrawRanking key={c.courseId} course={c} drawn={drawn} me={mine?.pseudonym ?? null} />
        ))}
      </View>
    </PageRoot>
  );
}
