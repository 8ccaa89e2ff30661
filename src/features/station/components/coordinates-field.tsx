import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import type { Coordinates } from '@/contract/station';

export interface CoordinatesDraft {
  latitude: string;
  longitude: string;
}

export const draftOf = (lat: number | null, lng: number | null): CoordinatesDraft => ({
  latitude: lat === null ? '' : String(lat),
  longitude: lng === null ? '' : String(lng),
});

/**
 * The typed position as the API takes it: null when both are empty (off the map), or the reason
 * in staff's words — the server would only name the field.
 */
export function parseCoordinates(
  d: CoordinatesDraft,
): { value: Coordinates | null } | { error: string } {
  const lat = d.latitude.trim();
  const lng = d.longitude.trim();
  if (!lat && !lng) return { value: null };
  if (!lat || !lng) return { error: '纬度和经度需一起填写，或都留空' };
  const latitude = Number(lat);
  const longitude = Number(lng);
  if (!Number.isFinite(latitude) || latitude < -90 || latitude > 90)
    return { error: '纬度应为 -90 到 90 之间的数字，如 31.1755' };
  if (!Number.isFinite(longitude) || longitude < -180 || longitude > 180)
    return { error: '经度应为 -180 到 180 之间的数字，如 121.4229' };
  return { value: { latitude, longitude } };
}

/**
 * Where 在地图中查看 opens. In WeChat staff pick the spot on the map (chooseLocation, declared in
 * app.config); on the PC they type it (AMap's 坐标拾取器 gives the same GCJ-02 figures).
 */
export function CoordinatesField(props: {
  value: CoordinatesDraft;
  onChange: (v: CoordinatesDraft) => void;
}) {
  const { value, onChange } = props;
  const pick = async () => {
    const spot = await Taro.chooseLocation({}).catch(() => null);
    if (spot) onChange(draftOf(spot.latitude, spot.longitude));
  };
  return (
    <View className="field">
      <Text className="field-label">地图位置（纬度、经度，住客点“在地图中查看”时打开）</Text>
      <View className="station-manage__coords">
        <Input
          className="field-input"
          id="station-latitude"
          type="digit"
          placeholder="纬度，如 31.1755"
          value={value.latitude}
          maxlength={12}
          onInput={(e) => onChange({ ...value, latitude: e.detail.value })}
        />
        <Input
          className="field-input"
          id="station-longitude"
          type="digit"
          placeholder="经度，如 121.4229"
          value={value.longitude}
          maxlength={12}
          onInput={(e) => onChange({ ...value, longitude: e.detail.value })}
        />
      </View>
      {process.env.TARO_ENV === 'weapp' ? (
        <Button className="btn btn-plain" onClick={() => void pick()}>
          在地图上选点
        </Button>
      ) : null}
    </View>
  );
}
