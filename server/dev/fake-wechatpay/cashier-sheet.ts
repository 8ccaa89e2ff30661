// The 模拟支付 sheet: what WeChat's own payment sheet does on a phone, for a browser (the H5 build
// in the demo and the browser tests), which has no WeChat to open. The fake serves this script; the
// app loads it only when the server says the payment provider is the local fake
// (src/lib/request-payment.ts), so neither the sheet nor its words are in any build of the app.
// It shows the order as the fake has it and, on 确认支付, hands the fake the signed requestPayment
// parameters; the fake checks the merchant's paySign, takes the "money" and sends our server the
// signed callback, exactly as WeChat would. Plain ES2017 and inline styles: it runs as-is.
export const CASHIER_SHEET_JS = String.raw`(function () {
  var base = new URL(document.currentScript.src).origin;
  var fen = function (n) { return '¥' + (n / 100).toFixed(2); };
  var css = {
    mask: 'position:fixed;inset:0;z-index:10000;background:rgba(0,0,0,.55);display:flex;align-items:flex-end;justify-content:center;font-family:-apple-system,"PingFang SC","Noto Sans CJK SC",sans-serif',
    sheet: 'width:100%;max-width:480px;background:#f7f7f7;border-radius:14px 14px 0 0;padding:20px 20px 28px;box-sizing:border-box;text-align:center;color:#111',
    tag: 'display:inline-block;font-size:12px;color:#b45309;background:#fef3c7;border-radius:10px;padding:2px 10px;margin-bottom:10px',
    title: 'font-size:17px;font-weight:600;margin:0 0 18px',
    payee: 'font-size:14px;color:#555;margin-bottom:4px',
    amount: 'font-size:36px;font-weight:600;margin:6px 0 4px',
    desc: 'font-size:14px;color:#555;margin-bottom:6px',
    note: 'font-size:12px;color:#888;margin:14px 0 18px;line-height:1.6',
    pay: 'display:block;width:100%;border:0;border-radius:8px;background:#07c160;color:#fff;font-size:17px;font-weight:600;padding:13px 0;margin-bottom:10px;cursor:pointer',
    cancel: 'display:block;width:100%;border:0;background:transparent;color:#576b95;font-size:16px;padding:8px 0;cursor:pointer',
    error: 'font-size:14px;color:#dc2626;margin-bottom:10px',
  };
  function el(tag, style, text, testId) {
    var e = document.createElement(tag);
    e.setAttribute('style', style);
    if (text) e.textContent = text;
    if (testId) e.setAttribute('data-testid', testId);
    return e;
  }
  window.youthHubDemoPay = function (params) {
    return fetch(base + '/demo/order?package=' + encodeURIComponent(params.package))
      .then(function (r) { return r.json(); })
      .then(function (order) {
        return new Promise(function (resolve, reject) {
          var mask = el('div', css.mask, '', 'demo-pay-sheet');
          var sheet = el('div', css.sheet);
          sheet.appendChild(el('div', css.tag, '本地演示 · 不会真实扣款'));
          sheet.appendChild(el('div', css.title, '模拟支付'));
          sheet.appendChild(el('div', css.payee, '付款给 青年汇（演示商户）'));
          sheet.appendChild(el('div', css.amount, fen(order.amountFen || 0), 'demo-pay-amount'));
          sheet.appendChild(el('div', css.desc, order.description || ''));
          var error = el('div', css.error, '');
          sheet.appendChild(error);
          sheet.appendChild(el('div', css.note, '这里代替手机上的微信支付：确认后，本地模拟的微信支付会像微信一样把签名的支付结果通知发给服务器。'));
          var pay = el('button', css.pay, '确认支付', 'demo-pay-confirm');
          var cancel = el('button', css.cancel, '取消', 'demo-pay-cancel');
          sheet.appendChild(pay);
          sheet.appendChild(cancel);
          mask.appendChild(sheet);
          document.body.appendChild(mask);
          var done = function () { mask.remove(); };
          cancel.onclick = function () {
            done();
            reject({ errMsg: 'requestPayment:fail cancel' });
          };
          pay.onclick = function () {
            pay.disabled = true;
            pay.textContent = '支付中…';
            fetch(base + '/demo/pay', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(params),
            })
              .then(function (r) { return r.json().then(function (b) { return { ok: r.ok, body: b }; }); })
              .then(function (a) {
                if (a.ok) { done(); resolve({ errMsg: 'requestPayment:ok' }); return; }
                error.textContent = a.body.message || '支付失败';
                pay.disabled = false;
                pay.textContent = '确认支付';
              }, function () {
                error.textContent = '模拟支付服务无响应';
                pay.disabled = false;
                pay.textContent = '确认支付';
              });
          };
        });
      });
  };
})();
`;
