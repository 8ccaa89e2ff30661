// Rosters and exports open in Excel on a committee PC: UTF-8 with a BOM (or Excel guesses GBK and
// shows mojibake), Chinese headers, CRLF line ends. csv-stringify does the quoting.
//
// Every export goes through toCsv, and toCsv neutralises formulas: a cell that a resident typed
// (a name, a school, health notes, a request title) and that starts with = + - @, a tab or a CR
// (or their full-width forms) would run as a formula in Excel (CSV injection). escape_formulas
// prefixes such a text cell with an apostrophe, so Excel shows it as text. Numbers are left alone
// (give a column numbers, not formatted strings). A cell holding a lone CR or LF is quoted, so it
// cannot split a row.
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply } from 'fastify';

export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => string | number | null | undefined;
}

/** A CSV built by toCsv: sendCsv takes nothing else, so no export can skip the formula guard. */
export type Csv = string & { readonly builtByToCsv: unique symbol };

export function toCsv<Row>(columns: CsvColumn<Row>[], rows: Row[]): Csv {
  const records = rows.map((row) => columns.map((c) => c.value(row) ?? ''));
  return ('\uFEFF' +
    stringify([columns.map((c) => c.header), ...records], {
      record_delimiter: 'windows',
      escape_formulas: true,
      quoted_match: /[\r\n]/,
    })) as Csv;
}

/** Sends a CSV as a download; `filename` may be Chinese (RFC 5987 encoding). */
export function sendCsv(reply: FastifyReply, filename: string, csv: Csv): FastifyReply {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header(
      'content-disposition',
      `attachment; filename="export.csv"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    )
    .send(csv);
}
