// The Chinese font that server-made PDFs embed: Noto Sans SC (as "Noto Sans Hans", OFL) from the
// @embedpdf/fonts-sc package, a runtime dependency, so every install (`npm ci --omit=dev`
// included) has it and no system font or download is needed. Read once; pdfkit embeds only the
// glyphs a document uses.
import fs from 'node:fs';
import path from 'node:path';

export type CjkWeight = 'Regular' | 'Bold';

const fontsDir = () => path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '../fonts');

const loaded = new Map<CjkWeight, Buffer>();

export function cjkFont(weight: CjkWeight): Buffer {
  let font = loaded.get(weight);
  if (!font) {
    font = fs.readFileSync(path.join(fontsDir(), `NotoSansHans-${weight}.otf`));
    loaded.set(weight, font);
  }
  return font;
}
