import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { EmptyState } from '@/components/empty-state';
import { formatInstant } from '@/contract/beijing-time';
import { HOURS_KIND_LABELS } from '@/contract/volunteer-rules';
import { useVolunteer } from '../../store';
import type { CorrectionRequest } from '@/contract/volunteer';
import { fetchMyCorrections, MY_CERTIFICATE_PDF_PATH, MY_HOURS_CSV_PATH } from '../../api';
import { downloadCsv } from '@/lib/download-csv';
import { downloadPdf } from '@/lib/download-pdf';
import { CorrectionAsk } from '../../components/correction-ask';
import { MyShiftCard } from '../../components/my-shift-card';
import { StandingCard } from '../../components/standing-card';
import { ScanQueue } from '../../components/scan-queue';
import { useScanUpload } from '../../offline/use-scan-upload';
import './index.scss';
import { PageRoot } from '@/components/page-root';

export default function MyVolunteering() {
  const myShifts = useVolunteer((s) => s.myShifts);
  const hours = useVolunteer((s) => s.hours);
  const loadMine = useVolunteer((s) => s.loadMine);
  const offlineSince = useVolunteer((s) => s.offlineSince);
  const queue = useVolunteer((s) => s.queue);
  const cancel = useVolunteer((s) => s.cancel);
  const [corrections, setCorrections] = useState<CorrectionRequest[]>([]);
  const loadCorrections = () => fetchMyCorrections().then(setCorrections, () => undefined);
  const refresh = () => void Promise.all([loadMine(), loadCorrections()]).catch(() => undefined);

  // on every show and when the network returns: queued scans upload first, then the shifts and
  // hours load (the saved shifts, marked 离线, when there is still no network)
  useScanUpload((n) => {
    if (n > 0) void Taro.showToast({ title: `已上传 ${n} 条离线签到`, icon: 'none' });
    refresh();
  });

  const onCancel = async (signupId: string) => {
    const { confirm } = await Taro.showModal({
      title: '取消报名',
      content: '确定取消这个班次吗？名额会让给其他志愿者。',
    });
    if (!confirm) return;
    await cancel(signupId).catch(() => undefined);
  };

  const now = Date.now();
  return (
    <PageRoot className="volunteer-mine" testId="page-volunteer-mine">
      {offlineSince !== null ? (
        <View className="card volunteer-mine__offline" data-testid="mine-offline">
          <Text className="volunteer-mine__offline-tag">离线</Text>
          <Text className="muted">
            网络不可用，以下是
            {offlineSince ? ` ${formatInstant(offlineSince, 'M月D日 HH:mm')} ` : ''}
            保存在手机上的班次。仍可扫码签到、签退，联网后自动上传。
          </Text>
        </View>
      ) : null}
      <ScanQueue />
      <View className="volunteer-mine__links">
        <Text
          className="volunteer-mine__link"
          onClick={() => void Taro.navigateTo({ url: '/features/volunteer/pages/teams/index' })}
          data-testid="go-teams"
        >
          志愿服务队 ›
        </Text>
        <Text
          className="volunteer-mine__link"
          onClick={() => void Taro.navigateTo({ url: '/features/volunteer/pages/skills/index' })}
          data-testid="go-skills"
        >
          我的技能 ›
        </Text>
      </View>
      {hours ? <StandingCard standing={hours.standing} onSent={refresh} /> : null}
      <View className="card volunteer-mine__total">
        <Text className="muted">累计志愿服务时长</Text>
        <Text className="volunteer-mine__hours" data-testid="total-hours">
          {hours ? hours.totalHours : '—'} 小时
        </Text>
        <Button
          className="btn btn-primary"
          disabled={!hours || hours.totalHours <= 0 || undefined}
          onClick={() =>
            void Taro.navigateTo({ url: '/features/volunteer/pages/certificate/index' })
          }
        >
          开具时长证明
        </Button>
        <View className="volunteer-mine__downloads">
          <Button
            className="btn btn-plain"
            data-testid="download-certificate-pdf"
            disabled={!hours || hours.totalHours <= 0 || undefined}
            onClick={() =>
              void downloadPdf(
                MY_CERTIFICATE_PDF_PATH,
                '志愿服务时长证明.pdf',
                '暂时无法生成证明，请稍后再试',
              ).catch(() => undefined)
            }
          >
            下载 PDF 证明
          </Button>
          <Button
            className="btn btn-plain"
            data-testid="download-hours-csv"
            disabled={!hours?.entries.length || undefined}
            onClick={() =>
              void downloadCsv(
                MY_HOURS_CSV_PATH,
                '我的志愿时长.csv',
                '时长记录导出为 Excel 可打开的 CSV 文件，请在电脑浏览器打开青年汇后导出。手机上可下载 PDF 证明。',
              ).catch(() => undefined)
            }
          >
            导出 CSV
          </Button>
        </View>
        <Text className="muted volunteer-mine__rule">
          时长按规则折算：整小时之外的零头，15分钟及以内不计，16–45分钟计0.5小时，46分钟以上计1小时；不超过班次时长。
        </Text>
      </View>
      <Text className="section-title">我的班次</Text>
      {myShifts?.length === 0 ? (
        <EmptyState title="还没有报名班次" detail="去志愿服务首页挑一个吧" />
      ) : null}
      {myShifts?.map((s) => (
        <MyShiftCard
          key={s.signupId}
          item={s}
          now={now}
          queued={queue.filter((q) => q.body.shiftId === s.shift.id).map((q) => q.body.kind)}
          onCancel={(id) => void onCancel(id)}
        />
      ))}
      <Text className="section-title">时长记录</Text>
      <View className="card">
        {hours?.entries.length ? null : <Text className="muted">暂无记录</Text>}
        {hours?.entries.map((e) => (
          <View key={e.id} className="volunteer-mine__entry" data-testid="ledger-entry">
            <View className="volunteer-mine__entry-main">
              <Text>{e.title}</Text>
              <Text className="muted">
                {HOURS_KIND_LABELS[e.kind]} · {formatInstant(e.createdAt, 'M月D日 HH:mm')}
                {e.reason ? ` · ${e.reason}` : ''}
              </Text>
              {e.signupId && (e.kind === 'attendance' || e.kind === 'confirmed') ? (
                <CorrectionAsk
                  signupId={e.signupId}
                  hours={hours.entries
                    .filter((x) => x.signupId === e.signupId)
                    .reduce((sum, x) => sum + x.hours, 0)}
                  latest={corrections.find((c) => c.signupId === e.signupId)}
                  onSent={refresh}
                />
              ) : null}
            </View>
            <Text className="volunteer-mine__entry-hours">
              {e.hours > 0 ? '+' : ''}
              {e.hours}
            </Text>
          </View>
        ))}
      </View>
    </PageRoot>
  );
}
