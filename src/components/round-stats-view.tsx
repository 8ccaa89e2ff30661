import { Text, View } from '@tarojs/components';
import type { RoundFigures, RoundStats } from '@/contract/round-stats';
import { formatInstant } from '@/contract/beijing-time';
import './round-stats-view.scss';

function Figures({ f }: { f: RoundFigures }) {
  return (
    <View className="round-stats__figures">
      <View className="round-stats__figure">
        <Text className="round-stats__number">{f.applicants}</Text>
        <Text className="round-stats__unit">报名</Text>
      </View>
      <View className="round-stats__figure">
        <Text className="round-stats__number">{f.seats}</Text>
        <Text className="round-stats__unit">名额</Text>
      </View>
      <View className="round-stats__figure">
        <Text className="round-stats__number">{f.ratio}</Text>
        <Text className="round-stats__unit">人/名额</Text>
      </View>
      <View className="round-stats__figure">
        <Text className="round-stats__number">{f.fromWaitlist}</Text>
        <Text className="round-stats__unit">候补递补</Text>
      </View>
    </View>
  );
}

const lastSeat = (f: RoundFigures) =>
  f.lastSeatAt ? `最后一个名额于 ${formatInstant(f.lastSeatAt)} 被领走` : '仍有名额';

/** 本轮统计 of a night-school term or a childcare programme: the round, then each course/class. */
export function RoundStatsView({ stats }: { stats: RoundStats }) {
  return (
    <View className="round-stats" data-testid="round-stats">
      <View className="card">
        <Text className="round-stats__name">{stats.name}</Text>
        <Text className="muted round-stats__line">{stats.subtitle} · 本轮合计</Text>
        <Figures f={stats.totals} />
        <Text className="muted round-stats__line">
          {stats.totals.lastSeatAt ? lastSeat(stats.totals) : '尚有课程/班级有空余名额'}
        </Text>
      </View>
      <View className="round-stats__items">
        {stats.items.map((i) => (
          <View key={i.id} className="card round-stats__item" data-testid={`round-item-${i.id}`}>
            <Text className="round-stats__title">{i.title}</Text>
            <Text className="muted round-stats__line">{i.detail}</Text>
            <Figures f={i} />
            <Text className="muted round-stats__line">{lastSeat(i)}</Text>
          </View>
        ))}
      </View>
      <Text className="muted round-stats__note">
        报名：未撤回的报名（同一人报多门只计一次）；候补递补：现有名额中由候补递补获得的人数。数据约每秒更新。
      </Text>
    </View>
  );
}
