// Subscribe-message data built from each template's own field keys (configured per message kind in
// WECHAT_SUBSCRIBE_TEMPLATES), with WeChat's rule for each field type enforced here: WeChat refuses
// the whole message (47003) when one value breaks its type's rule, and a refused message spends
// the person's one-time grant for nothing. Free text is cut to fit where cutting keeps its sense
// (thing, name); a value that cannot be made to fit (a phrase of 6 characters, Chinese in a
// character_string) is refused here, before WeChat is called.
// https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
import { formatInstant } from '@/contract/beijing-time';
import { MESSAGE_KIND_LABELS, type MessageKind } from '@/contract/message-kinds';

/** WeChat's field types, as they start a field key ('thing1', 'time3', 'character_string4'). */
export const FIELD_TYPES = [
  'thing',
  'number',
  'letter',
  'symbol',
  'character_string',
  'time',
  'date',
  'amount',
  'phone_number',
  'car_number',
  'name',
  'phrase',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** What a field shows: a part of the message, or a fixed text set in the configuration. */
export type FieldSource = 'title' | 'body' | 'kind' | 'time' | { value: string };

export interface SubscribeTemplate {
  /** The template id from the WeChat console. */
  id: string;
  /** Field key → what it shows, e.g. { thing1: 'title', time3: 'time', phrase2: 'kind' }. */
  fields: Record<string, FieldSource>;
}

/** What a message gives its template. */
export interface TemplateInput {
  kind: MessageKind;
  title: string;
  body: string;
  /** When the event happened; shown in Beijing time. */
  at: Date;
}

export class TemplateFieldError extends Error {
  constructor(key: string, why: string) {
    super(`${key}: ${why}`);
    this.name = 'TemplateFieldError';
  }
}

const KEY = new RegExp(`^(${FIELD_TYPES.join('|')})([1-9][0-9]*)$`);

/** The type of a field key, or null when WeChat has no such type. */
export function fieldType(key: string): FieldType | null {
  const m = KEY.exec(key);
  return m ? (m[1] as FieldType) : null;
}

const HAN = /^\p{Script=Han}+$/u;
const chars = (s: string) => [...s];
/** Cut to `max` characters, marking the cut with '…' (which counts as one). */
const cut = (s: string, max: number) =>
  chars(s).length <= max
    ? s
    : `${chars(s)
        .slice(0, max - 1)
        .join('')}…`;

/** Each type's rule: the value WeChat accepts, or a reason to refuse it. */
const TEXT_RULES: Record<Exclude<FieldType, 'time' | 'date'>, (v: string) => string> = {
  thing: (v) => cut(v, 20),
  // 10 Chinese characters, or 20 letters/symbols; never a mix
  name: (v) => {
    if (HAN.test(v)) return cut(v, 10);
    if (/^[\x21-\x7e ]+$/.test(v)) return cut(v, 20);
    throw new Error('name 只能是纯汉字（≤10）或纯字母符号（≤20）');
  },
  phrase: (v) => match(v, /^\p{Script=Han}{1,5}$/u, 'phrase 只能是 5 个以内的汉字'),
  character_string: (v) =>
    match(v, /^[\x21-\x7e]{1,32}$/, 'character_string 只能是 32 位以内的数字、字母或符号'),
  number: (v) => match(v, /^(?=.{1,32}$)\d+(\.\d+)?$/, 'number 只能是 32 位以内的数字'),
  letter: (v) => match(v, /^[A-Za-z]{1,32}$/, 'letter 只能是 32 位以内的字母'),
  symbol: (v) => match(v, /^[^\p{L}\p{N}\s]{1,5}$/u, 'symbol 只能是 5 位以内的符号'),
  amount: (v) =>
    match(v, /^[¥￥$€£]?\d{1,10}(\.\d{1,2})?元?$/, 'amount 应为币种符号加 10 位以内数字'),
  phone_number: (v) => match(v, /^[\d+\-() ]{1,17}$/, 'phone_number 只能是 17 位以内数字和符号'),
  car_number: (v) => match(v, /^.{1,8}$/u, 'car_number 最多 8 位'),
};

function match(v: string, rule: RegExp, why: string): string {
  if (!rule.test(v)) throw new Error(why);
  return v;
}

/** Beijing wall clock in the form WeChat's examples use: 2026年7月1日 09:00. */
function beijing(at: Date, withTime: boolean): string {
  return formatInstant(at, withTime ? 'YYYY年M月D日 HH:mm' : 'YYYY年M月D日');
}

/** One field's value under its type's rule; throws TemplateFieldError when it cannot fit. */
export function fieldValue(key: string, source: FieldSource, input: TemplateInput): string {
  const type = fieldType(key);
  if (!type) throw new TemplateFieldError(key, '不是微信订阅消息的字段类型');
  if (type === 'time' || type === 'date') {
    if (source !== 'time') throw new TemplateFieldError(key, '只能填 time（事件时间）');
    return beijing(input.at, type === 'time');
  }
  if (source === 'time') throw new TemplateFieldError(key, '不能填 time');
  const raw = (
    typeof source === 'object'
      ? source.value
      : source === 'kind'
        ? MESSAGE_KIND_LABELS[input.kind]
        : input[source]
  ).trim();
  if (!raw) throw new TemplateFieldError(key, '值为空');
  try {
    return TEXT_RULES[type](raw);
  } catch (err) {
    throw new TemplateFieldError(key, (err as Error).message);
  }
}

/** The `data` of a subscribe message for this template. */
export function templateData(
  template: SubscribeTemplate,
  input: TemplateInput,
): Record<string, { value: string }> {
  return Object.fromEntries(
    Object.entries(template.fields).map(([key, source]) => [
      key,
      { value: fieldValue(key, source, input) },
    ]),
  );
}

/**
 * Checks one kind's configured template at start, so a mapping WeChat would refuse stops the
 * start instead of failing every message: keys of known types, known sources, fixed texts and the
 * kind's label within their type's rule, and free text (title, body) only where it can be cut to
 * fit (thing). Returns the problems, one a line.
 */
export function templateProblems(kind: MessageKind, template: SubscribeTemplate): string[] {
  const problems: string[] = [];
  const keys = Object.entries(template.fields);
  if (keys.length === 0) problems.push(`${kind}: fields 为空`);
  const sample: TemplateInput = { kind, title: '标题', body: '内容', at: new Date(0) };
  for (const [key, source] of keys) {
    const type = fieldType(key);
    if (!type) {
      problems.push(`${kind}.${key}: 不是微信订阅消息的字段类型（${FIELD_TYPES.join('/')}）`);
      continue;
    }
    if (!isSource(source)) {
      problems.push(`${kind}.${key}: 只能填 title / body / kind / time 或 {"value":"固定文字"}`);
      continue;
    }
    if ((source === 'title' || source === 'body') && type !== 'thing') {
      problems.push(`${kind}.${key}: ${source} 是任意文字，只能放进 thing 字段（超过 20 字截断）`);
      continue;
    }
    try {
      fieldValue(key, source, sample);
    } catch (err) {
      problems.push(`${kind}.${(err as Error).message}`);
    }
  }
  return problems;
}

function isSource(v: unknown): v is FieldSource {
  if (v === 'title' || v === 'body' || v === 'kind' || v === 'time') return true;
  return (
    typeof v === 'object' &&
    v !== null &&
    Object.keys(v).length === 1 &&
    typeof (v as { value?: unknown }).value === 'string'
  );
}
