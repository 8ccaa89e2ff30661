// Uploads the queued scans whenever there is a chance: when the page shows, and when the network
// comes back. WeChat reports the latter through onNetworkStatusChange; a browser only through its
// `online` event (Taro's H5 listens to navigator.connection, which does not fire for it).
import { useEffect, useRef } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { useVolunteer } from '../store';

/** `onDone(n)` runs after each of those uploads, n being how many scans the server took. */
export function useScanUpload(onDone: (n: number) => void): void {
  const told = useRef(onDone);
  told.current = onDone;

  useDidShow(() => {
    useVolunteer.getState().syncQueue();
    void flush(told);
  });

  useEffect(() => {
    const onStatus = (res: { isConnected: boolean }) => {
      if (res.isConnected) void flush(told);
    };
    const onOnline = () => void flush(told);
    Taro.onNetworkStatusChange(onStatus);
    if (process.env.TARO_ENV === 'h5') window.addEventListener('online', onOnline);
    return () => {
      Taro.offNetworkStatusChange(onStatus);
      if (process.env.TARO_ENV === 'h5') window.removeEventListener('online', onOnline);
    };
  }, []);
}

async function flush(told: { current: (n: number) => void }) {
  told.current(await useVolunteer.getState().flushScans());
}
