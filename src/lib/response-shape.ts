// The outline a caller expects of a 200 answer, checked by request() before the page sees it.
// Deliberately light (no schema library): it runs in the weapp main package, where every
// kilobyte counts, and it only has to tell "the page can render this" from "this would crash it".

type Kind = 'array' | 'object' | 'string' | 'number' | 'boolean';

/**
 * Either the kind of the whole body (`'array'`), or the kinds of some of its fields
 * (`{ items: 'array', next: 'string?' }`); a trailing `?` lets the field be null or absent.
 */
export type ResponseShape = Kind | Record<string, Kind | `${Kind}?`>;

function isKind(value: unknown, kind: Kind): boolean {
  if (kind === 'array') return Array.isArray(value);
  if (kind === 'object')
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  return typeof value === kind;
}

export function matchesShape(body: unknown, shape: ResponseShape): boolean {
  if (typeof shape === 'string') return isKind(body, shape);
  if (!isKind(body, 'object')) return false;
  const fields = body as Record<string, unknown>;
  return Object.entries(shape).every(([field, want]) => {
    const optional = want.endsWith('?');
    const value = fields[field];
    if (optional && (value === null || value === undefined)) return true;
    return isKind(value, (optional ? want.slice(0, -1) : want) as Kind);
  });
}

/** The common answer of a list endpoint: `{ items: [...] }`. */
export const LIST: ResponseShape = { items: 'array' };
