import { PropsWithChildren } from 'react';
import '@/lib/dayjs';
import './app.scss';

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
