import { useEffect, useState } from 'react';

/** The console's desktop layout starts at this window width; below it the phone pages serve. */
export const CONSOLE_MIN_WIDTH = 1024;

const width = () => (typeof window === 'undefined' ? 0 : window.innerWidth);

/**
 * Whether the window is wide enough for the console. While it is, the page lifts the app's
 * phone-width column (src/app.scss) through a class on <html>, and gives it back on leaving.
 */
export function useWide(): boolean {
  const [wide, setWide] = useState(() => width() >= CONSOLE_MIN_WIDTH);
  useEffect(() => {
    const onResize = () => setWide(width() >= CONSOLE_MIN_WIDTH);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  useEffect(() => {
    const root = document.documentElement;
    root.classList.toggle('console-wide', wide);
    return () => root.classList.remove('console-wide');
  }, [wide]);
  return wide;
}
