// docs/api.md promises every error code the server sends, with its status. The codes live in the
// contract's maps; a code added there without a row in the docs fails here, naming the code.
import fs from 'node:fs';
import path from 'node:path';
import { ADMIN_ERRORS } from '@/contract/admin';
import { CHILDCARE_ERRORS } from '@/contract/childcare';
import { DASHBOARD_ERRORS } from '@/contract/dashboard';
import { CONSOLE_ERRORS } from '@/contract/console';
import { ERROR_MESSAGES } from '@/contract/errors';
import { REDUCTION_ERRORS } from '@/contract/fee-reductions';
import { FILE_ERRORS } from '@/contract/file-rules';
import { NIGHT_SCHOOL_ERRORS } from '@/contract/night-school';
import { PAYMENT_ERRORS } from '@/contract/payments';
import { QR_LOGIN_ERRORS } from '@/contract/qr-login';
import { STATION_ERRORS } from '@/contract/station';
import { VOLUNTEER_ERRORS } from '@/contract/volunteer';
import { WXACODE_ERRORS } from '@/contract/wxacode';

const apiDoc = fs.readFileSync(path.resolve(__dirname, '../../docs/api.md'), 'utf8');
/** The codes in the first column of the error tables: rows that start with | `CODE` |. */
const documented = new Set([...apiDoc.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((m) => m[1]));

describe('docs/api.md error codes', () => {
  it.each([
    ['shared', ERROR_MESSAGES],
    ['night school', NIGHT_SCHOOL_ERRORS],
    ['childcare', CHILDCARE_ERRORS],
    ['fee reductions', REDUCTION_ERRORS],
    ['station', STATION_ERRORS],
    ['volunteer', VOLUNTEER_ERRORS],
    ['admin', ADMIN_ERRORS],
    ['scan-to-login', QR_LOGIN_ERRORS],
    ['小程序码', WXACODE_ERRORS],
    ['dashboard', DASHBOARD_ERRORS],
    ['files', FILE_ERRORS],
    ['console', CONSOLE_ERRORS],
    ['payments', PAYMENT_ERRORS],
  ] as const)('lists every %s code', (_name, map) => {
    expect(Object.keys(map).filter((code) => !documented.has(code))).toEqual([]);
  });
});
