// The volunteer's certificate as an A4 PDF (pdfkit, Noto Sans SC embedded as a subset): the full
// name, one table row per service, the total, the issuer and a QR code of the public verify page,
// drawn as vector squares so it prints sharp at any size.
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { formatInstant } from '@/contract/beijing-time';
import { cjkFont } from '../../lib/cjk-font';

export interface CertificatePdfInput {
  fullName: string;
  code: string;
  hours: number;
  issuedAt: Date | string;
  issuer: string;
  verifyUrl: string;
  services: { title: string; servedAt: Date | string; organization: string; hours: number }[];
}

const MARGIN = 56;
const COLUMNS = [
  { header: '日期', width: 78 },
  { header: '服务项目', width: 180 },
  { header: '组织单位', width: 145 },
  { header: '时长（小时）', width: 80, align: 'right' as const },
];
const CELL_PAD = 5;
const FOOTER_HEIGHT = 150;
// Ligatures off: pdfkit maps a ligature glyph (the "fi" of "certificates") to no text, so a
// copied verify address or certificate code would lose letters. fontkit takes { tag: false };
// the typings only know the array form.
const PLAIN = { features: { liga: false } as unknown as PDFKit.Mixins.OpenTypeFeatures[] };
const INK = '#1f2329';
const MUTED = '#646a73';
const RULE = '#d0d3d6';

export function renderCertificatePdf(c: CertificatePdfInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: '志愿服务时长证明', Subject: `证书编号 ${c.code}` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', cjkFont('Regular'));
  doc.registerFont('bold', cjkFont('Bold'));
  const left = MARGIN;
  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN;

  doc.fillColor(INK).font('bold').fontSize(24).text('志愿服务时长证明', { align: 'center' });
  doc.moveDown(1.2);
  doc
    .font('regular')
    .fontSize(13)
    .text('兹证明 ', { ...PLAIN, continued: true, lineGap: 6 })
    .font('bold')
    .text(c.fullName, { ...PLAIN, continued: true })
    .font('regular')
    .text(` 参加志愿服务，经组织单位确认，累计志愿服务时长 ${c.hours} 小时。明细如下：`, PLAIN);
  doc.moveDown(0.8);

  const row = (cells: string[], font: 'regular' | 'bold') => {
    doc.font(font).fontSize(10.5);
    const height =
      Math.max(
        ...cells.map((text, i) =>
          doc.heightOfString(text, { ...PLAIN, width: COLUMNS[i].width - 2 * CELL_PAD }),
        ),
      ) +
      2 * CELL_PAD;
    if (doc.y + height > bottom()) doc.addPage();
    const top = doc.y;
    let x = left;
    cells.forEach((text, i) => {
      const col = COLUMNS[i];
      doc.text(text, x + CELL_PAD, top + CELL_PAD, {
        ...PLAIN,
        width: col.width - 2 * CELL_PAD,
        align: col.align ?? 'left',
      });
      x += col.width;
    });
    doc
      .moveTo(left, top + height)
      .lineTo(left + width, top + height)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    doc.x = left;
    doc.y = top + height;
  };
  row(
    COLUMNS.map((col) => col.header),
    'bold',
  );
  for (const s of c.services) {
    row(
      [formatInstant(s.servedAt, 'YYYY-MM-DD'), s.title, s.organization, String(s.hours)],
      'regular',
    );
  }
  row(['合计', '', '', String(c.hours)], 'bold');

  if (doc.y + FOOTER_HEIGHT + 24 > bottom()) doc.addPage();
  const top = Math.max(doc.y + 24, bottom() - FOOTER_HEIGHT);
  const qrSize = 110;
  drawQr(doc, c.verifyUrl, left + width - qrSize, top, qrSize);
  const textWidth = width - qrSize - 20;
  doc.fillColor(INK).font('regular').fontSize(11);
  doc.text(`出具单位：${c.issuer}`, left, top, { ...PLAIN, width: textWidth, lineGap: 4 });
  doc.text(`出具时间：${formatInstant(c.issuedAt, 'YYYY年M月D日')}`, {
    ...PLAIN,
    width: textWidth,
  });
  doc.text(`证书编号：${c.code}`, { ...PLAIN, width: textWidth });
  doc
    .fillColor(MUTED)
    .fontSize(9)
    .text(`扫描右侧二维码或打开以下地址核验：${c.verifyUrl}`, { ...PLAIN, width: textWidth });
  doc.end();
  return done;
}

/** The QR code's dark modules as one filled path, with a one-module quiet zone. */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const cell = size / (modules.size + 2);
  for (let r = 0; r < modules.size; r++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(r, col)) doc.rect(x + (col + 1) * cell, y + (r + 1) * cell, cell, cell);
    }
  }
  doc.fillColor('#000000').fill();
}
