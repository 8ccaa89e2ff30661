// What comes next once a child is 已报名: when, where (with the map), what to bring and how to
// cancel — the questions parents otherwise phone the site about in the week before the period.
import { Text, View } from '@tarojs/components';
import type { ChildcareClass } from '@/contract/childcare';
import { monthDay } from '@/contract/beijing-time';
import { openMap } from '@/lib/open-map';
import './enrolled-guide.scss';

interface Props {
  cls: ChildcareClass;
  /** the period has begun: cancelling here is over, the site handles leaving */
  started: boolean;
}

export function EnrolledGuide({ cls, started }: Props) {
  const { siteLatitude: latitude, siteLongitude: longitude } = cls;
  return (
    <View className="cc-guide" data-testid="cc-guide">
      <Text className="cc-guide__title">入班指南</Text>
      <Text className="cc-guide__row">
        <Text className="cc-guide__label">时间</Text>
        {monthDay(cls.startsOn)} 至 {monthDay(cls.endsOn)}（{cls.periodName}）
      </Text>
      <View className="cc-guide__row">
        <Text className="cc-guide__label">地点</Text>
        <Text>{cls.siteAddress ?? '地址待托班点公布'}</Text>
        {latitude !== null && longitude !== null ? (
          <Text
            className="cc-guide__link"
            data-testid="cc-guide-map"
            onClick={() =>
              openMap({
                latitude,
                longitude,
                name: cls.siteName,
                address: cls.siteAddress ?? undefined,
              })
            }
          >
            查看地图 ›
          </Text>
        ) : null}
      </View>
      {cls.whatToBring ? (
        <Text className="cc-guide__row">
          <Text className="cc-guide__label">请带</Text>
          {cls.whatToBring}
        </Text>
      ) : null}
      <Text className="cc-guide__row">
        <Text className="cc-guide__label">接送</Text>
        每天凭下方接送码入园、接走，请先在“孩子资料”中添加授权接送人
      </Text>
      <Text className="cc-guide__row">
        <Text className="cc-guide__label">取消</Text>
        {started
          ? '本期已开班，如需退出请联系托班点老师'
          : `开班（${monthDay(cls.startsOn)}）前可在本页取消，名额将让给候补家庭`}
      </Text>
    </View>
  );
}
