// Countdowns run on the server's clock, never the phone's (which may be set wrong): the offset
// between the two, read once from GET /time, is added to the phone's time.
import { request } from './request';

/** Server time minus phone time in ms; 0 when the server cannot be asked (the server still decides). */
export async function fetchServerOffset(): Promise<number> {
  try {
    const t = await request<{ now: string }>('/api/v1/time', { silent: true });
    return Date.parse(t.now) - Date.now();
  } catch {
    return 0;
  }
}
