// Uploads the queued scans whenever there is a chance: when the page shows, and when the network
// comes back. WeChat reports the latter through onNetworkStatusChange; a browser only through its
// `online` event (Taro's H5 listens to navigator.connection, which does not fire for it).
import { useEffect, useRef } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { useVolunteer } from '../store';

/** `onUploaded(n)` runs after an upload that the server took n > 0 scans of. */
export function useScanUpload(onUploaded: (n: number) => void): void {
  const told = useRef(onUploaded);
  told.current = onUploaded;

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
  const n = await useVolunteer.getState().flushScans();
  if (n > 0) told.current(n);
}
