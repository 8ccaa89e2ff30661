// Every relative link in README.md and docs/**/*.md must lead somewhere: to a file that exists
// and, when it names a #heading of a Markdown file, to a heading that exists (GitHub's anchors).
// The docs are split over many pages, so a renamed file or heading would otherwise break a path
// a reader follows from the README.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
// Pages another branch writes (docs/testing.md: the "tests" work of issue #14). Linked already so
// the README need not change when it lands; drop an entry once the file is on main.
function markdownFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return markdownFiles(p);
    return e.name.endsWith('.md') ? [p] : [];
  });
}

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name === 'node_modules' || e.name.startsWith('dist')) return [];
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx|js|mjs|cjs|scss|sql)$|^run$/.test(e.name) ? [p] : [];
  });
}

/** The text outside fenced code blocks (a link-looking string in a code sample is not a link). */
function prose(text: string): string {
  return text.replace(/^```[\s\S]*?^```/gm, '');
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const m of prose(text).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = m[1]
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

function links(text: string): string[] {
  // [text](target) and ![alt](target); the target ends at whitespace or the closing parenthesis
  return [...prose(text).matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);
}

const files = [path.join(root, 'README.md'), ...markdownFiles(path.join(root, 'docs'))];

describe('links in README.md and docs/', () => {
  it.each(files.map((f) => [path.relative(root, f), f]))(
    '%s: every relative link resolves',
    (_name, file) => {
      const text = fs.readFileSync(file, 'utf8');
      const broken: string[] = [];
      for (const link of links(text)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue; // http:, https:, mailto:
        const [rawPath, anchor] = link.split('#', 2);
        const target = rawPath ? path.resolve(path.dirname(file), decodeURI(rawPath)) : file;
        if (!target.startsWith(root + path.sep) && target !== root) {
          broken.push(`${link} (outside the repository)`);
          continue;
        }
        if (!fs.existsSync(target)) {
          broken.push(`${link} (no such file)`);
          continue;
        }
        if (
          anchor &&
          fs.existsSync(target) &&
          target.endsWith('.md') &&
          !anchors(fs.readFileSync(target, 'utf8')).has(decodeURI(anchor))
        ) {
          broken.push(`${link} (no such heading)`);
        }
      }
      expect(broken).toEqual([]);
    },
  );

  it('keeps the README a front door: at most 15 KB, with the two commands', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(15 * 1024);
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });

  it('finds the links it checks (a README link to a docs page and a screenshot)', () => {
    const readme = links(fs.readFileSync(path.join(root, 'README.md'), 'utf8'));
    expect(readme.some((l) => l.startsWith('docs/') && l.endsWith('.md'))).toBe(true);
    expect(readme.some((l) => l.startsWith('docs/screenshots/'))).toBe(true);
  });

  it('code comments cite docs that exist, and never DESIGN.md or TOOLCHAIN.md (not in this repository)', () => {
    const broken: string[] = [];
    const dirs = ['server', 'src', 'tests', 'config', 'bench', 'scripts', '.ci'];
    const sources = dirs
      .flatMap((d) => sourceFiles(path.join(root, d)))
      .concat(path.join(root, 'jest.config.js'))
      .filter((f) => f !== __filename); // this file names the banned sources and the pending pages
    for (const file of sources) {
      const text = fs.readFileSync(file, 'utf8');
      const where = path.relative(root, file);
      if (/\b(DESIGN|TOOLCHAIN)(\.md| §)/.test(text))
        broken.push(`${where}: cites DESIGN/TOOLCHAIN`);
      for (const m of text.matchAll(/\bdocs\/[\w./-]+\.md(?:#[\p{L}\p{N}_-]+)?/gu)) {
        const [rel, anchor] = m[0].split('#');
        const target = path.join(root, rel);
        if (!fs.existsSync(target)) broken.push(`${where}: ${m[0]} (no such file)`);
        else if (anchor && !anchors(fs.readFileSync(target, 'utf8')).has(anchor))
          broken.push(`${where}: ${m[0]} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('computes GitHub anchors the way GitHub does', () => {
    expect([
      ...anchors('# The rush (`bench/rush`)\n## Care mode (关怀模式)\n## Tests\n## Tests\n'),
    ]).toEqual(['the-rush-benchrush', 'care-mode-关怀模式', 'tests', 'tests-1']);
  });
});
