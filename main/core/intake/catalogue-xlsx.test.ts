import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import shipped from '../../../assets/catalogue/catalogue-2026.json';
import { catalogueSchema } from '../../../shared/contract/catalogue.schema';
import { catalogueToXlsx, xlsxToCatalogue } from './catalogue-xlsx';

describe('catalogue workbook', () => {
  const catalogue = catalogueSchema.parse(shipped);

  it('round-trips the shipped catalogue exactly', async () => {
    const bytes = await catalogueToXlsx(catalogue);
    const back = await xlsxToCatalogue(bytes, catalogue.version);
    expect(back.procedures).toEqual(catalogue.procedures);
  });

  it('reads an admin edit (a new fee amount) and reports a broken row with its sheet and line', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await catalogueToXlsx(catalogue)) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Thủ tục')!;
    const keys = (sheet.getRow(1).values as unknown[]).map(String);
    const codeCol = keys.indexOf('ma_thu_tuc');
    const feeCol = keys.indexOf('muc_thu');
    let target = 0;
    sheet.eachRow((r, n) => {
      if (r.getCell(codeCol).value === '1.004873') target = n;
    });
    sheet.getRow(target).getCell(feeCol).value = 15000;
    const edited = await xlsxToCatalogue(Buffer.from(await wb.xlsx.writeBuffer()), 'v2');
    expect(edited.procedures.find((p) => p.code === '1.004873')!.feeRule).toMatchObject({ kind: 'provincial', amount: 15000 });

    sheet.getRow(target).getCell(keys.indexOf('thoi_han')).value = 'abc';
    await expect(xlsxToCatalogue(Buffer.from(await wb.xlsx.writeBuffer()), 'v3')).rejects.toMatchObject({
      code: 'invalid_input',
      issues: expect.arrayContaining([expect.objectContaining({ message: expect.stringContaining(`Thủ tục, dòng ${target}`) })]),
    });
  });

  it('refuses a file that is not a workbook', async () => {
    await expect(xlsxToCatalogue(Buffer.from('not a zip'), 'x')).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
