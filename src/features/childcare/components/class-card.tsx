import { Text, View } from '@tarojs/components';
import type { ChildcareClass } from '@/contract/childcare';
import { formatFee, gradeRangeLabel, siteLabel } from '@/contract/childcare-rules';
import './class-card.scss';

interface Props {
  cls: ChildcareClass;
  onOpen?: (id: string) => void;
}

/** One class in the list: when, where, who, how many seats left, what it costs. */
export function ClassCard({ cls, onOpen }: Props) {
  const full = cls.remaining === 0;
  return (
    <View
      className="card cc-class"
      data-testid={`cc-class-${cls.id}`}
      onClick={() => onOpen?.(cls.id)}
    >
      <View className="cc-class__head">
        <Text className="cc-class__site">{siteLabel(cls.siteName)}</Text>
        <Text className={`cc-class__seats ${full ? 'cc-class__seats--full' : ''}`}>
          {full ? `已满 · 候补 ${cls.waiting} 人` : `余 ${cls.remaining} / ${cls.capacity}`}
        </Text>
      </View>
      <Text className="cc-class__line">
        {cls.name} · {gradeRangeLabel(cls.gradeMin, cls.gradeMax)}
      </Text>
      <Text className="cc-class__line muted">
        {cls.periodName} {cls.startsOn.slice(5)} 至 {cls.endsOn.slice(5)}
      </Text>
      <View className="cc-class__foot">
        <Text className="cc-class__fee">{formatFee(cls.feeFen)}/期</Text>
        <Text className="muted">查看详情 ›</Text>
      </View>
    </View>
  );
}
