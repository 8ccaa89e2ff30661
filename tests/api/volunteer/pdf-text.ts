// Reads back the text of a PDF that pdfkit wrote, to check what a certificate says without a PDF
// library in the tests: pdfkit writes Type0 fonts with Identity-H (2-byte codes, numbered per font
// subset) and a ToUnicode CMap each, so the shown text is the content streams' hex strings looked
// up in the CMap of the font selected (`/F1 13 Tf`) when they are shown.
import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function objects(pdf: Buffer): Map<string, PdfObject> {
  const out = new Map<string, PdfObject>();
  const text = pdf.toString('latin1');
  const re = /(\d+) 0 obj\s*([\s\S]*?)endobj/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const body = m[2];
    const at = body.indexOf('stream');
    if (at < 0) {
      out.set(m[1], { dict: body, stream: null });
      continue;
    }
    const start = at + 'stream'.length + (body[at + 6] === '\r' ? 2 : 1);
    const raw = Buffer.from(body.slice(start, body.lastIndexOf('endstream')), 'latin1');
    const dict = body.slice(0, at);
    out.set(m[1], { dict, stream: dict.includes('/FlateDecode') ? inflateSync(raw) : raw });
  }
  return out;
}

const hex16 = (h: string) =>
  String.fromCharCode(...(h.match(/.{4}/g) ?? []).map((x) => parseInt(x, 16)));

/** code → text, from a ToUnicode CMap's bfchar and bfrange (array and offset forms) sections. */
function cmap(src: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const [, body] of src.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, from, to] of body.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g))
      map.set(parseInt(from, 16), hex16(to));
  }
  for (const [, body] of src.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    const re = /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g;
    for (const [, lo, hi, to] of body.matchAll(re)) {
      const first = parseInt(lo, 16);
      if (to.startsWith('[')) {
        [...to.matchAll(/<([0-9a-fA-F]+)>/g)].forEach(([, t], i) => map.set(first + i, hex16(t)));
      } else {
        const base = parseInt(to.slice(1, -1), 16);
        for (let c = first; c <= parseInt(hi, 16); c++)
          map.set(c, String.fromCharCode(base + c - first));
      }
    }
  }
  return map;
}

/** The text of every page, in drawing order (runs joined without spaces). */
export function pdfText(pdf: Buffer): string {
  const objs = objects(pdf);
  const fontCmaps = new Map<string, Map<number, string>>();
  for (const { dict } of objs.values()) {
    for (const [, name, ref] of dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      const font = objs.get(ref)?.dict ?? '';
      const toUnicode = font.match(/\/ToUnicode (\d+) 0 R/)?.[1];
      const stream = toUnicode ? objs.get(toUnicode)?.stream : null;
      if (stream) fontCmaps.set(name, cmap(stream.toString('latin1')));
    }
  }
  let out = '';
  for (const { dict, stream } of objs.values()) {
    if (!stream || dict.includes('/Length1') || dict.includes('/Subtype')) continue;
    let current: Map<number, string> | undefined;
    const ops = /\/(F\d+) [\d.]+ Tf|<([0-9a-fA-F]*)>/g;
    for (const [, font, hex] of stream.toString('latin1').matchAll(ops)) {
      if (font) current = fontCmaps.get(font);
      else if (current)
        for (const code of hex.match(/.{4}/g) ?? []) out += current.get(parseInt(code, 16)) ?? '';
    }
  }
  return out;
}
