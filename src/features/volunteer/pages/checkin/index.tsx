import { useEffect, useState } from 'react';
import Taro, { useLoad } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import type { CheckinBody, CheckinResult } from '@/contract/volunteer';
import { ApiError } from '@/lib/api-error';
import { postCheckin } from '../../api';
import { scannedCode } from '@/lib/wxacode';
import { dropScan, isFinalRefusal, newNonce, queueScan } from '../../offline/queue';
import { useScanUpload } from '../../offline/use-scan-upload';
import { ScanQueue } from '../../components/scan-queue';
import { useVolunteer } from '../../store';
import './index.scss';
import { PageRoot } from '@/components/page-root';

type Outcome =
  { ok: true; result: CheckinResult } | { ok: false; message: string } | { queued: true };

/**
 * Check in or out: scan the organizer's rotating code (or type it, in the browser build) and/or
 * share the phone's position. Each attempt gets its own nonce and scan time and is queued on the
 * phone before it is sent, so no signal (or the app closed mid-request) loses nothing; the queue
 * below uploads it when the network is back.
 */
export default function CheckinPage() {
  const [params, setParams] = useState({ shiftId: '', kind: 'in' as 'in' | 'out', title: '' });
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [fromLanding, setFromLanding] = useState('');
  useLoad(() => {
    const p = (Taro.getCurrentInstance().router?.params ?? {}) as Record<string, string>;
    setParams({
      shiftId: p.shiftId,
      kind: p.kind === 'out' ? 'out' : 'in',
      title: decodeURIComponent(p.title ?? ''),
    });
    // opened from a 小程序码 scanned with WeChat's own scanner: the code is already read
    if (p.token) setFromLanding(decodeURIComponent(p.token));
  });
  useEffect(() => {
    if (fromLanding && params.shiftId) void submit({ token: fromLanding });
    // once per landing: submit's identity changes every render
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fromLanding, params.shiftId]);
  const what = params.kind === 'in' ? '签到' : '签退';

  useScanUpload((n) => {
    if (n > 0) void Taro.showToast({ title: `已上传 ${n} 条离线记录`, icon: 'none' });
  });

  const submit = async (proof: Pick<CheckinBody, 'token' | 'lat' | 'lng'>) => {
    if (busy) return;
    // Sent now, the server dates the scan itself; only the copy kept for later carries the
    // phone's time (the server holds it to the code's own window).
    const scan: CheckinBody = {
      shiftId: params.shiftId,
      kind: params.kind,
      nonce: newNonce(),
      ...proof,
    };
    queueScan({ ...scan, scannedAt: new Date().toISOString() }, params.title);
    setBusy(true);
    setOutcome(null);
    try {
      const result = await postCheckin(scan);
      dropScan(scan.nonce);
      setOutcome({ ok: true, result });
    } catch (err) {
      // refused now: said here, in place; anything else (no signal, busy) stays queued
      if (isFinalRefusal(err)) {
        dropScan(scan.nonce);
        setOutcome({ ok: false, message: err.message });
      } else setOutcome({ queued: true });
    } finally {
      useVolunteer.getState().syncQueue();
      setBusy(false);
    }
  };

  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      await submit({ token: await scannedCode(res) });
    } catch (err) {
      // closing the camera is no failure; a 小程序码 whose code expired is
      if (err instanceof ApiError) setOutcome({ ok: false, message: err.message });
    }
  };

  const byLocation = async () => {
    try {
      const loc = await Taro.getLocation({ type: 'gcj02' });
      await submit({
        lat: loc.latitude,
        lng: loc.longitude,
        ...(code.trim() ? { token: code.trim() } : {}),
      });
    } catch {
      setOutcome({ ok: false, message: '无法获取位置，请在设置中允许定位，或扫描现场签到码' });
    }
  };

  return (
    <PageRoot className="volunteer-checkin" testId="page-volunteer-checkin">
      <View className="card volunteer-checkin__card">
        <Text className="volunteer-checkin__title">
          {what} · {params.title}
        </Text>
        <Text className="muted">
          请扫描组织者手机上的签到码（每30秒更新）。仅凭定位{what}需组织方核实后才计时长。
        </Text>
        {process.env.TARO_ENV === 'weapp' ? (
          <Button
            className="btn btn-primary volunteer-checkin__btn"
            onClick={() => void scan()}
            disabled={busy || undefined}
          >
            扫描签到码
          </Button>
        ) : (
          <View className="field">
            <Text className="field-label">签到码</Text>
            <Input
              className="field-input volunteer-checkin__code"
              placeholder="粘贴或输入组织者屏幕上的签到码"
              value={code}
              onInput={(e) => setCode(e.detail.value)}
              data-testid="checkin-code-input"
            />
            <Button
              className="btn btn-primary volunteer-checkin__btn"
              onClick={() => void submit({ token: code.trim() })}
              disabled={busy || !code.trim() || undefined}
              data-testid="checkin-submit"
            >
              {busy ? '提交中…' : `提交${what}`}
            </Button>
          </View>
        )}
        <Button
          className="btn btn-plain volunteer-checkin__btn"
          onClick={() => void byLocation()}
          disabled={busy || undefined}
        >
          用定位{what}
        </Button>
      </View>
      {outcome && 'queued' in outcome ? (
        <View className="card volunteer-checkin__result">
          <Text className="volunteer-checkin__queued" data-testid="checkin-queued">
            已离线保存
          </Text>
          <Text>本次{what}已保存在手机上（含扫码时间），联网后自动上传，无需重新扫码。</Text>
        </View>
      ) : null}
      {outcome && 'ok' in outcome && outcome.ok ? (
        <View
          className="card volunteer-checkin__result volunteer-checkin__result--ok"
          data-testid="checkin-ok"
        >
          <Text className="volunteer-checkin__ok">{what}成功</Text>
          {outcome.result.hours !== null ? (
            <Text>本次 {outcome.result.hours} 小时，组织方确认后计入志愿时长</Text>
          ) : (
            <Text>活动结束后记得签退</Text>
          )}
          {outcome.result.proof === 'gps_flagged' ? (
            <Text className="muted">仅凭定位{what}，需组织方核实；下次请扫描现场签到码</Text>
          ) : null}
        </View>
      ) : null}
      {outcome && 'ok' in outcome && !outcome.ok ? (
        <View className="card volunteer-checkin__result" data-testid="checkin-error">
          <Text className="error-text">{outcome.message}</Text>
        </View>
      ) : null}
      <ScanQueue />
    </PageRoot>
  );
}
