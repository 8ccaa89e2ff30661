import { toCsv } from '../../../../server/src/lib/csv';

describe('toCsv', () => {
  it('writes a UTF-8 BOM, Chinese headers, CRLF rows and quotes what needs quoting', () => {
    const csv = toCsv(
      [
        { header: '姓名', value: (r: { name: string; note: string | null }) => r.name },
        { header: '备注', value: (r) => r.note },
      ],
      [
        { name: '王小青', note: '过敏, 花生' },
        { name: '李"阿"明', note: null },
      ],
    );
    expect(csv).toBe('\uFEFF姓名,备注\r\n王小青,"过敏, 花生"\r\n"李""阿""明",\r\n');
  });
});
