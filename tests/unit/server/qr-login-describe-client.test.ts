import { describeBrowser, maskIp } from '../../../server/src/modules/auth/qr-login/describe-client';
import { QR_LOGIN_PREFIX, ticketFromScan } from '@/contract/qr-login-rules';

describe('what the phone is told about the PC', () => {
  it('masks the last part of the address', () => {
    expect(maskIp('203.0.113.7')).toBe('203.0.113.*');
    expect(maskIp('::ffff:10.1.2.3')).toBe('10.1.2.*');
    expect(maskIp('2001:db8:85a3:0:0:8a2e:370:7334')).toBe('2001:db8:85a3:*');
    expect(maskIp('::1')).toBe('::1');
  });

  it('names the browser and the system', () => {
    expect(
      describeBrowser(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36 Edg/124.0',
      ),
    ).toBe('Edge · Windows');
    expect(
      describeBrowser(
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
      ),
    ).toBe('Safari · macOS');
    expect(describeBrowser('curl/8.0')).toBe('未知浏览器');
  });
});

describe('ticketFromScan', () => {
  it('reads our login codes and nothing else', () => {
    const ticket = 'a'.repeat(32);
    expect(ticketFromScan(`${QR_LOGIN_PREFIX}${ticket}`)).toBe(ticket);
    expect(ticketFromScan(ticket)).toBeNull();
    expect(ticketFromScan(`${QR_LOGIN_PREFIX}short`)).toBeNull();
    expect(ticketFromScan(`${QR_LOGIN_PREFIX}${ticket}/../x`)).toBeNull();
  });
});
