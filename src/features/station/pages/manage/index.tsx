import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import type { RoomType, Settings, Station } from '@/contract/station';
import { PageRoot } from '@/components/page-root';
import { useOrgIds, useSession } from '@/lib/session';
import {
  createRoomType,
  fetchSettings,
  fetchStations,
  updateRoomType,
  updateSettings,
  updateStation,
} from '../../api';
import {
  CoordinatesField,
  draftOf,
  parseCoordinates,
  type CoordinatesDraft,
} from '../../components/coordinates-field';
import { StationRulesForm } from '../../components/station-rules-form';
import { ALLOWANCE_RULE_TEXT, ELIGIBILITY_SWITCHES } from '../../labels';
import './index.scss';
import { StaffOnly, isStaff } from '@/components/staff-only';

const GENDERS: { id: RoomType['gender']; label: string }[] = [
  { id: 'any', label: '不限' },
  { id: 'male', label: '男' },
  { id: 'female', label: '女' },
];

/** Number fields of the district defaults, in the order staff think about them. */
const NUMBER_SETTINGS: { key: keyof Settings; label: string; unit: string }[] = [
  { key: 'maxNightsPerStay', label: '每次最多入住', unit: '晚' },
  { key: 'allowanceNights', label: '每人免费晚数', unit: '晚' },
  { key: 'allowanceWindowMonths', label: '免费晚数计算周期', unit: '个月' },
  { key: 'minAge', label: '最小年龄', unit: '岁' },
  { key: 'maxAge', label: '最大年龄', unit: '岁' },
  { key: 'graduatingWithinMonths', label: '毕业生：毕业前', unit: '个月起' },
  { key: 'graduatedWithinMonths', label: '毕业生：毕业后', unit: '个月内' },
  { key: 'horizonDays', label: '可提前预订', unit: '天' },
  { key: 'holdMinutes', label: '填写资格信息时保留床位', unit: '分钟' },
  { key: 'reviewWorkingDays', label: '审核时限（超时提交团区委）', unit: '个工作日' },
];

const errorText = (err: unknown) =>
  err instanceof Error && err.message ? err.message : '保存失败，请重试';
/** Whole numbers only: '' or '3.5' must not reach the server as 0 or 3. */
const toInt = (value: string): number | null =>
  /^\d{1,4}$/.test(value.trim()) ? Number(value.trim()) : null;
const lines = (value: string) =>
  value
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

type Saving = 'room' | 'new-room' | 'station' | 'settings' | null;

/** Station staff: room types and bed counts, the station's details and own rules; for the committee (admin) also the district defaults. */
export default function StationManagePage() {
  const role = useSession((s) => s.user?.role);
  const orgIds = useOrgIds();
  const staff = isStaff(role);
  const [stations, setStations] = useState<Station[]>([]);
  const [stationId, setStationId] = useState<string | null>(null);
  const [beds, setBeds] = useState<Record<string, string>>({});
  const [roomErrors, setRoomErrors] = useState<Record<string, string>>({});
  const [newRoom, setNewRoom] = useState({
    code: '',
    name: '',
    gender: 'any' as RoomType['gender'],
    beds: '',
  });
  const [newRoomError, setNewRoomError] = useState('');
  const [details, setDetails] = useState({
    contact: '',
    summary: '',
    mapUrl: '',
    rules: '',
    photos: '',
  });
  const [coords, setCoords] = useState<CoordinatesDraft>(draftOf(null, null));
  const [detailsError, setDetailsError] = useState('');
  const [settings, setSettings] = useState<Settings | null>(null);
  const [settingsDraft, setSettingsDraft] = useState<Record<string, string>>({});
  const [settingsError, setSettingsError] = useState('');
  const [saving, setSaving] = useState<Saving>(null);

  const showStation = (s: Station | undefined) => {
    if (!s) return;
    setStationId(s.id);
    setBeds(Object.fromEntries(s.roomTypes.map((r) => [r.id, String(r.beds)])));
    setRoomErrors({});
    setDetails({
      contact: s.contact ?? '',
      summary: s.summary ?? '',
      mapUrl: s.mapUrl ?? '',
      rules: s.rules.join('\n'),
      photos: s.photos.join('\n'),
    });
    setCoords(draftOf(s.latitude, s.longitude));
    setDetailsError('');
  };

  const load = async (keep: string | null) => {
    // fresh: the form shows the beds and room types just saved, not the lists' cached copy
    const r = await fetchStations(true);
    const mine = r.items.filter((s) => role === 'admin' || orgIds.includes(s.id));
    setStations(mine);
    showStation(mine.find((s) => s.id === keep) ?? mine[0]);
  };
  const showSettings = (s: Settings) => {
    setSettings(s);
    setSettingsDraft(
      Object.fromEntries(
        NUMBER_SETTINGS.map(({ key }) => [key, String(s[key])]).concat([
          ['checkInFrom', s.checkInFrom],
          ['checkInUntil', s.checkInUntil],
        ]),
      ),
    );
    setSettingsError('');
  };

  useDidShow(() => {
    if (!staff) return;
    load(stationId).catch(() => undefined);
    if (role === 'admin') fetchSettings().then(showSettings, () => undefined);
  });

  const station = stations.find((s) => s.id === stationId);

  const run = async (what: Saving, fn: () => Promise<void>, onError: (message: string) => void) => {
    setSaving(what);
    try {
      await fn();
      void Taro.showToast({ title: '已保存', icon: 'success' });
    } catch (err) {
      onError(errorText(err));
    } finally {
      setSaving(null);
    }
  };

  const saveBeds = (rt: RoomType) => {
    const n = toInt(beds[rt.id] ?? '');
    if (n === null) return setRoomErrors({ ...roomErrors, [rt.id]: '床位数请填写0–2000的整数' });
    setRoomErrors({ ...roomErrors, [rt.id]: '' });
    void run(
      'room',
      async () => {
        await updateRoomType(stationId!, rt.id, { beds: n });
        await load(stationId);
      },
      (m) => setRoomErrors((e) => ({ ...e, [rt.id]: m })),
    );
  };

  const addRoom = () => {
    const n = toInt(newRoom.beds);
    if (!/^[a-z0-9-]{1,20}$/.test(newRoom.code.trim()))
      return setNewRoomError('房型代码请用小写字母、数字或“-”，如 twin-2');
    if (!newRoom.name.trim()) return setNewRoomError('请填写房型名称');
    if (n === null) return setNewRoomError('床位数请填写0–2000的整数');
    setNewRoomError('');
    void run(
      'new-room',
      async () => {
        await createRoomType(stationId!, {
          code: newRoom.code.trim(),
          name: newRoom.name.trim(),
          gender: newRoom.gender,
          beds: n,
        });
        setNewRoom({ code: '', name: '', gender: 'any', beds: '' });
        await load(stationId);
      },
      setNewRoomError,
    );
  };

  const saveDetails = () => {
    // The server would answer only "「mapUrl」的格式不正确": say it in staff's words first.
    if (details.mapUrl.trim() && !details.mapUrl.trim().startsWith('https://'))
      return setDetailsError('地图链接需以 https:// 开头');
    if (lines(details.photos).some((l) => !l.startsWith('https://')))
      return setDetailsError('照片链接需以 https:// 开头，每行一个');
    if (lines(details.photos).length > 9) return setDetailsError('照片最多9张');
    const position = parseCoordinates(coords);
    if ('error' in position) return setDetailsError(position.error);
    setDetailsError('');
    void run(
      'station',
      async () => {
        const saved = await updateStation(stationId!, {
          contact: details.contact.trim(),
          summary: details.summary.trim(),
          ...(details.mapUrl.trim() ? { mapUrl: details.mapUrl.trim() } : {}),
          rules: lines(details.rules),
          photos: lines(details.photos),
          coordinates: position.value,
        });
        setStations((all) => all.map((s) => (s.id === saved.id ? saved : s)));
        showStation(saved);
      },
      setDetailsError,
    );
  };

  const saveSettings = () => {
    if (!settings) return;
    const patch: Partial<Settings> = {
      autoApprove: settings.autoApprove,
      allowanceRule: settings.allowanceRule,
      noLocalHomeRequired: settings.noLocalHomeRequired,
      proofRequired: settings.proofRequired,
      checkInFrom: settingsDraft.checkInFrom?.trim(),
      checkInUntil: settingsDraft.checkInUntil?.trim(),
    };
    for (const { key, label } of NUMBER_SETTINGS) {
      const n = toInt(settingsDraft[key] ?? '');
      if (n === null) return setSettingsError(`${label}请填写整数`);
      (patch as Record<string, unknown>)[key] = n;
    }
    setSettingsError('');
    void run('settings', async () => showSettings(await updateSettings(patch)), setSettingsError);
  };

  if (!staff) return <StaffOnly />;
  if (!station)
    return (
      <PageRoot>
        <Text className="muted">您还不是任何驿站的工作人员</Text>
      </PageRoot>
    );

  return (
    <PageRoot className="station-manage" testId="page-station-manage">
      {stations.length > 1 ? (
        <View className="station-manage__stations">
          {stations.map((s) => (
            <Text
              key={s.id}
              className={`station-manage__chip${s.id === stationId ? ' station-manage__chip--on' : ''}`}
              onClick={() => showStation(s)}
            >
              {s.name.replace('青年人才驿站·', '')}
            </Text>
          ))}
        </View>
      ) : null}

      <Text className="section-title">房型与床位（共 {station.totalBeds} 张）</Text>
      <View className="card">
        {station.roomTypes.map((rt) => (
          <View key={rt.id} className="station-manage__room" data-testid={`room-${rt.code}`}>
            <View className="station-manage__room-head">
              <Text className="station-manage__room-name">{rt.name}</Text>
              <Text className="muted">
                {GENDERS.find((g) => g.id === rt.gender)?.label === '不限'
                  ? '男女不限'
                  : `限${GENDERS.find((g) => g.id === rt.gender)?.label}`}
              </Text>
            </View>
            <View className="station-manage__room-row">
              <Input
                className="field-input station-manage__beds"
                id={`beds-${rt.code}`}
                type="number"
                value={beds[rt.id] ?? ''}
                onInput={(e) => setBeds({ ...beds, [rt.id]: e.detail.value })}
              />
              <Text className="station-manage__unit">张床</Text>
              <Button
                className={`btn btn-primary station-manage__save-small${beds[rt.id] === String(rt.beds) ? ' station-manage__save-small--idle' : ''}`}
                disabled={saving !== null || beds[rt.id] === String(rt.beds) || undefined}
                onClick={() => saveBeds(rt)}
                data-testid={`save-beds-${rt.code}`}
              >
                保存
              </Button>
            </View>
            {roomErrors[rt.id] ? (
              <Text className="station-manage__error" data-testid={`beds-error-${rt.code}`}>
                {roomErrors[rt.id]}
              </Text>
            ) : null}
          </View>
        ))}
        <Text className="field-hint">减少床位时，不能少于未来任何一晚已被预订的床位。</Text>
      </View>

      <View className="card station-manage__form">
        <Text className="station-manage__form-title">新增房型</Text>
        <View className="field">
          <Text className="field-label">房型名称</Text>
          <Input
            className="field-input"
            id="new-room-name"
            value={newRoom.name}
            placeholder="如 女生四人间"
            onInput={(e) => setNewRoom({ ...newRoom, name: e.detail.value })}
          />
        </View>
        <View className="field">
          <Text className="field-label">房型代码（小写字母、数字、“-”）</Text>
          <Input
            className="field-input"
            id="new-room-code"
            value={newRoom.code}
            placeholder="如 quad-f"
            onInput={(e) => setNewRoom({ ...newRoom, code: e.detail.value })}
          />
        </View>
        <View className="field">
          <Text className="field-label">入住性别</Text>
          <View className="station-manage__chips">
            {GENDERS.map((g) => (
              <Text
                key={g.id}
                className={`station-manage__chip${newRoom.gender === g.id ? ' station-manage__chip--on' : ''}`}
                onClick={() => setNewRoom({ ...newRoom, gender: g.id })}
              >
                {g.label}
              </Text>
            ))}
          </View>
        </View>
        <View className="field">
          <Text className="field-label">床位数</Text>
          <Input
            className="field-input"
            id="new-room-beds"
            type="number"
            value={newRoom.beds}
            onInput={(e) => setNewRoom({ ...newRoom, beds: e.detail.value })}
          />
        </View>
        {newRoomError ? (
          <Text className="station-manage__error" data-testid="new-room-error">
            {newRoomError}
          </Text>
        ) : null}
        <Button
          className="btn btn-plain"
          disabled={saving !== null || undefined}
          onClick={addRoom}
          data-testid="add-room"
        >
          新增房型
        </Button>
      </View>

      <Text className="section-title">驿站信息</Text>
      <View className="card station-manage__form">
        <View className="field">
          <Text className="field-label">联系方式（住客可见）</Text>
          <Input
            className="field-input"
            id="station-contact"
            value={details.contact}
            maxlength={100}
            placeholder="如 前台 021-5555 0101"
            onInput={(e) => setDetails({ ...details, contact: e.detail.value })}
          />
        </View>
        <View className="field">
          <Text className="field-label">简介</Text>
          <Input
            className="field-input"
            id="station-summary"
            value={details.summary}
            maxlength={200}
            onInput={(e) => setDetails({ ...details, summary: e.detail.value })}
          />
        </View>
        <View className="field">
          <Text className="field-label">入住须知（每行一条）</Text>
          <Textarea
            className="field-input station-manage__textarea"
            id="station-rules"
            value={details.rules}
            maxlength={1200}
            onInput={(e) => setDetails({ ...details, rules: e.detail.value })}
          />
        </View>
        <View className="field">
          <Text className="field-label">地图链接（https://）</Text>
          <Input
            className="field-input"
            id="station-map"
            value={details.mapUrl}
            maxlength={300}
            onInput={(e) => setDetails({ ...details, mapUrl: e.detail.value })}
          />
        </View>
        <CoordinatesField value={coords} onChange={setCoords} />
        <View className="field">
          <Text className="field-label">照片链接（每行一个 https:// 地址，最多9张）</Text>
          <Textarea
            className="field-input station-manage__textarea"
            id="station-photos"
            value={details.photos}
            maxlength={2800}
            onInput={(e) => setDetails({ ...details, photos: e.detail.value })}
          />
        </View>
        {detailsError ? (
          <Text className="station-manage__error" data-testid="station-error">
            {detailsError}
          </Text>
        ) : null}
        <Button
          className="btn btn-primary"
          disabled={saving !== null || undefined}
          onClick={saveDetails}
          data-testid="save-station"
        >
          保存驿站信息
        </Button>
      </View>

      <StationRulesForm stationId={station.id} />

      {settings ? (
        <>
          <Text className="section-title">全区默认规则（团区委设置，驿站未自定的按此执行）</Text>
          <View className="card station-manage__form" data-testid="settings">
            <View className="field">
              <Text className="field-label">预订审核</Text>
              <View className="station-manage__chips">
                {[
                  { on: true, label: '自动通过' },
                  { on: false, label: '人工审核' },
                ].map((o) => (
                  <Text
                    key={o.label}
                    className={`station-manage__chip${settings.autoApprove === o.on ? ' station-manage__chip--on' : ''}`}
                    onClick={() => setSettings({ ...settings, autoApprove: o.on })}
                  >
                    {o.label}
                  </Text>
                ))}
              </View>
            </View>
            <View className="field">
              <Text className="field-label">免费入住计算</Text>
              <View className="station-manage__chips" data-testid="settings-allowance-rule">
                {(['nights', 'one_stay'] as const).map((rule) => (
                  <Text
                    key={rule}
                    className={`station-manage__chip${settings.allowanceRule === rule ? ' station-manage__chip--on' : ''}`}
                    onClick={() => setSettings({ ...settings, allowanceRule: rule })}
                  >
                    {ALLOWANCE_RULE_TEXT[rule]}
                  </Text>
                ))}
              </View>
            </View>
            {ELIGIBILITY_SWITCHES.map(({ key, label, yes, no }) => (
              <View key={key} className="field">
                <Text className="field-label">{label}</Text>
                <View className="station-manage__chips" data-testid={`settings-${key}`}>
                  {[
                    { on: true, label: yes },
                    { on: false, label: no },
                  ].map((o) => (
                    <Text
                      key={o.label}
                      className={`station-manage__chip${settings[key] === o.on ? ' station-manage__chip--on' : ''}`}
                      onClick={() => setSettings({ ...settings, [key]: o.on })}
                    >
                      {o.label}
                    </Text>
                  ))}
                </View>
              </View>
            ))}
            {NUMBER_SETTINGS.map(({ key, label, unit }) => (
              <View key={key} className="station-manage__setting">
                <Text className="station-manage__setting-label">{label}</Text>
                <Input
                  className="field-input station-manage__beds"
                  id={`setting-${key}`}
                  type="number"
                  value={settingsDraft[key] ?? ''}
                  onInput={(e) => setSettingsDraft({ ...settingsDraft, [key]: e.detail.value })}
                />
                <Text className="station-manage__unit">{unit}</Text>
              </View>
            ))}
            <View className="station-manage__setting">
              <Text className="station-manage__setting-label">办理入住时间</Text>
              <Input
                className="field-input station-manage__time"
                id="setting-checkInFrom"
                value={settingsDraft.checkInFrom ?? ''}
                onInput={(e) => setSettingsDraft({ ...settingsDraft, checkInFrom: e.detail.value })}
              />
              <Text className="station-manage__unit">至</Text>
              <Input
                className="field-input station-manage__time"
                id="setting-checkInUntil"
                value={settingsDraft.checkInUntil ?? ''}
                onInput={(e) =>
                  setSettingsDraft({ ...settingsDraft, checkInUntil: e.detail.value })
                }
              />
            </View>
            {settingsError ? (
              <Text className="station-manage__error" data-testid="settings-error">
                {settingsError}
              </Text>
            ) : null}
            <Button
              className="btn btn-primary"
              disabled={saving !== null || undefined}
              onClick={saveSettings}
              data-testid="save-settings"
            >
              保存预订规则
            </Button>
          </View>
        </>
      ) : null}
    </PageRoot>
  );
}
