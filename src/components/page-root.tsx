import type { PropsWithChildren } from 'react';
import { View } from '@tarojs/components';
import { useCareMode } from '@/lib/care-mode';

interface Props {
  className?: string;
  testId?: string;
}

/** Every page's outermost element: carries the `care` class that scales the whole page up. */
export function PageRoot({ className = '', testId, children }: PropsWithChildren<Props>) {
  const care = useCareMode((s) => s.on);
  return (
    <View
      className={['page', className, care && 'care'].filter(Boolean).join(' ')}
      data-testid={testId}
    >
      {children}
    </View>
  );
}
