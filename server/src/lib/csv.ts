// Rosters and exports open in Excel on a committee PC: UTF-8 with a BOM (or Excel guesses GBK and
// shows mojibake), Chinese headers, CRLF line ends. csv-stringify does the quoting.
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply } from 'fastify';

export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => string | number | null | undefined;
}

export function toCsv<Row>(columns: CsvColumn<Row>[], rows: Row[]): string {
  const records = rows.map((row) => columns.map((c) => c.value(row) ?? ''));
  return '\uFEFF' + stringify([columns.map((c) => c.header), ...records], { record_delimiter: 'windows' });
}

/** Sends a CSV as a download; `filename` may be Chinese (RFC 5987 encoding). */
export function sendCsv(reply: FastifyReply, filename: string, csv: string): FastifyReply {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="export.csv"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .send(csv);
}
