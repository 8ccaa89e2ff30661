// The public verification page a phone opens after scanning the QR code on a certificate. Plain
// HTML with no script, every value escaped.
import type { CertificateVerification } from '@/contract/volunteer';
import { formatInstant } from '@/contract/beijing-time';

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export function certificatePage(c: CertificateVerification | null, code: string): string {
  const body = c
    ? `<p class="ok">✓ 证书有效</p>
       <dl>
         <dt>志愿者</dt><dd>${esc(c.nameMasked)}</dd>
         <dt>累计志愿服务时长</dt><dd class="hours">${c.hours} 小时</dd>
         <dt>记录条数</dt><dd>${c.entries}</dd>
         <dt>开具时间</dt><dd>${esc(formatInstant(c.issuedAt, 'YYYY年M月D日 HH:mm'))}</dd>
         <dt>证书编号</dt><dd>${esc(c.code)}</dd>
       </dl>
       <p class="issuer">${esc(c.issuer)}</p>`
    : `<p class="bad">✗ 未找到编号为 ${esc(code)} 的证书</p>`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>志愿服务时长证明 · 验证</title>
<style>
body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC",sans-serif;background:#f5f6f8;margin:0;padding:24px;color:#1f2329}
.card{max-width:420px;margin:0 auto;background:#fff;border-radius:12px;padding:24px;box-shadow:0 1px 4px rgba(0,0,0,.08)}
h1{font-size:20px;margin:0 0 16px}.ok{color:#0a7d38;font-size:18px;font-weight:600}.bad{color:#c62828;font-size:18px}
dl{display:grid;grid-template-columns:auto 1fr;gap:8px 16px;font-size:16px}dt{color:#646a73}dd{margin:0}
.hours{font-size:22px;font-weight:700;color:#c0392b}.issuer{color:#646a73;font-size:13px;margin-top:16px}
</style></head><body><main class="card"><h1>志愿服务时长证明</h1>${body}</main></body></html>`;
}
