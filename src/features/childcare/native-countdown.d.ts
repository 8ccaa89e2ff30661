// The hand-written WeChat <countdown> (src/native/countdown) as a JSX tag, weapp only.
import 'react';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      countdown: {
        target: string;
        serverOffset: number;
        prefix?: string;
        endText?: string;
        onEnd?: () => void;
      };
    }
  }
}
