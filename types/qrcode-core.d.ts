// The QR encoder alone (no canvas or file renderers), for the organizer's offline code screen.
declare module 'qrcode/lib/core/qrcode' {
  export function create(
    segments: { data: Uint8Array; mode: 'byte' }[],
    options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' },
  ): { modules: { size: number; get(row: number, col: number): number | boolean } };
}
