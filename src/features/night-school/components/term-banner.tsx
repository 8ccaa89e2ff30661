import { Text, View } from '@tarojs/components';
import type { Term } from '@/contract/night-school';
import { formatInstant } from '@/contract/beijing-time';
import './term-banner.scss';

const PHASE: Record<Term['phase'], string> = {
  upcoming: '即将开放报名',
  open: '报名进行中',
  closed: '报名已截止，等待摇号',
  drawn: '已摇号',
};

/** The term: window, rules in brief and, for a lottery, the published seed hash. */
export function TermBanner({ term }: { term: Term }) {
  return (
    <View className="ns-term" data-testid="term-banner">
      <View className="ns-term__head">
        <Text className="ns-term__name">{term.name}</Text>
        <Text className="ns-term__phase">{PHASE[term.phase]}</Text>
      </View>
      <Text className="ns-term__line">
        报名时间：{formatInstant(term.opensAt)} — {formatInstant(term.closesAt)}
      </Text>
      <Text className="ns-term__line">
        {term.allocation === 'lottery'
          ? '名额分配：截止后公开摇号'
          : '名额分配：先到先得，满额后候补'}{' '}
        · 每人最多报{term.maxApplicationsPerPerson}门、录取{term.maxCoursesPerPerson}门 ·{' '}
        {term.minAge}–{term.maxAge}周岁
      </Text>
      {term.allocation === 'lottery' && term.drawAt ? (
        <Text className="ns-term__line">
          公开摇号：{formatInstant(term.drawAt)}（系统按时自动进行）
        </Text>
      ) : null}
      {term.allocation === 'lottery' ? (
        <Text className="ns-term__hash">
          摇号种子哈希（报名前已公布）：{term.seedHash.slice(0, 16)}…
        </Text>
      ) : null}
    </View>
  );
}
