import { useState } from 'react';
import Taro from '@tarojs/taro';
import { cancelBooking } from './api';
import { dayLabel } from './labels';

/**
 * 取消预订 as 我的驿站 and 我的预订 both offer it: asked once in words (which nights, that the bed
 * goes back at once), then cancelled and the page read again. `busy` while it runs.
 */
export function useCancelBooking(reload: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const cancel = async (b: { id: string; checkIn: string; nights: number }) => {
    const { confirm } = await Taro.showModal({
      title: '取消预订',
      content: `确定取消 ${dayLabel(b.checkIn)} 起的${b.nights}晚？床位将立即释放。`,
      confirmText: '取消预订',
      cancelText: '再想想',
    });
    if (!confirm) return;
    setBusy(true);
    try {
      await cancelBooking(b.id);
      void Taro.showToast({ title: '已取消', icon: 'success' });
      await reload();
    } finally {
      setBusy(false);
    }
  };
  return { busy, cancel };
}
