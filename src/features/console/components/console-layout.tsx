import type { PropsWithChildren } from 'react';
import { SECTIONS, type Section } from '../nav';
import './console-layout.scss';

interface Props {
  sections: Section[];
  active: string;
  title: string;
  who: string;
  onPick: (key: string) => void;
}

/** The desktop frame: the navigation by service on the left, the work on the right. */
export function ConsoleLayout({
  sections,
  active,
  title,
  who,
  onPick,
  children,
}: PropsWithChildren<Props>) {
  return (
    <div className="console-layout" data-testid="console">
      <nav className="console-layout__nav">
        <div className="console-layout__brand">青年汇工作台</div>
        {sections.map((s) => {
          const pending = s.url === null;
          return (
            <button
              key={s.key}
              className={`console-layout__link${s.key === active ? ' console-layout__link--on' : ''}`}
              data-testid={`nav-${s.key}`}
              disabled={pending}
              onClick={() => onPick(s.key)}
            >
              {s.title}
              {pending ? <span className="console-layout__soon">即将上线</span> : null}
            </button>
          );
        })}
        <div className="console-layout__who">{who}</div>
      </nav>
      <main className="console-layout__main">
        <h1 className="console-layout__title">{title}</h1>
        {children}
      </main>
    </div>
  );
}

export const sectionTitle = (key: string) => SECTIONS.find((s) => s.key === key)?.title ?? '';
