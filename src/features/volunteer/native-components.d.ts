// JSX for the hand-written WeChat component this feature uses in its weapp build (must start with
// `import 'react'` so it extends React's JSX instead of replacing it).
import 'react';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'checkin-code': {
        qr?: string;
        token?: string;
        refreshAt?: string;
        serverOffset?: number;
        title?: string;
        className?: string;
        onRefresh?: () => void;
      };
    }
  }
}
