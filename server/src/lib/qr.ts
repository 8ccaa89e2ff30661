// QR codes are drawn on the server as PNG data URLs: <Image src> shows them the same way in the
// mini-program and in H5, and the client needs no QR library in its bundle.
import QRCode from 'qrcode';

export function qrDataUrl(text: string): Promise<string> {
  return QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 1, width: 360 });
}
