import { useEffect } from 'react';

/** From this window width a public page (摇号公示, 统计) uses the screen instead of a phone column. */
export const WIDE_MIN_WIDTH = 1024;

/**
 * On an H5 window at least WIDE_MIN_WIDTH wide, lifts the app's phone-width column (src/app.scss)
 * through a class on <html> while the page is open: these pages are read on a PC too (a committee
 * projecting a draw, a resident checking at work). The weapp has no document: nothing to do.
 */
export function useWidePublicPage(): void {
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return;
    const root = document.documentElement;
    const apply = () => root.classList.toggle('public-wide', window.innerWidth >= WIDE_MIN_WIDTH);
    apply();
    window.addEventListener('resize', apply);
    return () => {
      window.removeEventListener('resize', apply);
      root.classList.remove('public-wide');
    };
  }, []);
}
