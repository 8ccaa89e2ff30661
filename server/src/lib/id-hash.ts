// Keyed hash of an ID number: lets UNIQUE constraints work without storing the number. A plain
// SHA-256 would be reversible by enumerating the ~10^10 plausible numbers; the secret prevents that.
import { createHmac } from 'node:crypto';

export function hashIdNumber(secret: string, idNumber: string): string {
  return createHmac('sha256', secret).update(idNumber.toUpperCase()).digest('hex');
}
