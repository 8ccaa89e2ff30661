import Taro from '@tarojs/taro';

/** A place in GCJ-02 (the coordinates WeChat's maps and AMap use, and chooseLocation returns). */
export interface Place {
  latitude: number;
  longitude: number;
  name?: string;
  address?: string;
}

/** AMap's web marker for H5: opens the AMap app on a phone, the web map on a PC. */
export function mapLink(place: Place): string {
  const q = [
    `position=${place.longitude},${place.latitude}`,
    `name=${encodeURIComponent(place.name ?? place.address ?? '')}`,
    'coordinate=gaode',
    'callnative=1',
  ];
  return `https://uri.amap.com/marker?${q.join('&')}`;
}

/**
 * The place on a map: WeChat's own map page in the weapp; in H5, where Taro's openLocation only
 * works inside WeChat's browser with its JS-SDK (which the H5 build does not load), AMap's page.
 */
export function openMap(place: Place): void {
  if (process.env.TARO_ENV === 'weapp') {
    void Taro.openLocation({ ...place, scale: 16 }).catch(() => undefined);
  } else {
    window.open(mapLink(place), '_blank');
  }
}
