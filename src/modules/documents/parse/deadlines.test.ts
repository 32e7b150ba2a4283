import { describe, expect, it } from 'vitest';
import { findDeadlines, findRecurrence, nextMonthlyDay } from './deadlines';

const due = (text: string, issuedOn: string | null = '2022-03-09') => findDeadlines(text, issuedOn).map((d) => d.dueOn);

describe('findDeadlines', () => {
  it('exact dates after a deadline word', () => {
    expect(due('gửi báo cáo trước ngày 31/3/2022')).toEqual(['2022-03-31']);
    expect(due('hoàn thành trước ngày 31 tháng 3 năm 2022')).toEqual(['2022-03-31']);
    expect(due('chậm nhất là ngày 15/4/2022')).toEqual(['2022-04-15']);
  });
  it('quarters, months, half-years and years resolve to their last day', () => {
    expect(due('Thời hạn hoàn thành: Quý II/2022.')).toEqual(['2022-06-30']);
    expect(due('hoàn thành trong tháng 6/2022')).toEqual(['2022-06-30']);
    expect(due('hoàn thành trong 6 tháng đầu năm 2022')).toEqual(['2022-06-30']);
    expect(due('Trong năm 2023, các tỉnh phải thực hiện xong')).toEqual(['2023-12-31']);
  });
  it('unaccented OCR forms', () => {
    expect(due('gui bao cao truoc ngay 31/3/2022')).toEqual(['2022-03-31']);
  });
  it('dates of cited documents are not deadlines', () => {
    expect(due('theo Nghị định số 62/2020/NĐ-CP ngày 01 tháng 6 năm 2020 của Chính phủ')).toEqual([]);
    expect(due('thực hiện tốt việc công khai thông tin')).toEqual([]);
    // A "deadline" before the document's own date is a reference to the past.
    expect(due('trước ngày 31/12/2021 các tỉnh đã báo cáo')).toEqual([]);
  });
  it('a year-less date takes the issuing year, or the next one', () => {
    expect(due('trước ngày 28/2', '2023-02-17')).toEqual(['2023-02-28']);
    expect(due('trước ngày 15/1', '2023-02-17')).toEqual(['2024-01-15']);
  });
  it('periods counted from signature', () => {
    expect(due('trong vòng 15 ngày kể từ ngày ký', '2022-03-09')).toEqual(['2022-03-24']);
    // 10 working days from Wednesday 9 March 2022 skip two weekends.
    expect(due('trong thời hạn 10 ngày làm việc kể từ ngày ký', '2022-03-09')).toEqual(['2022-03-23']);
    expect(due('trong 03 tháng kể từ ngày ban hành', '2022-03-09')).toEqual(['2022-06-09']);
    // Counted from an unknown event: no date.
    expect(due('trong vòng 15 ngày kể từ ngày nhận được hồ sơ', '2022-03-09')).toEqual([]);
  });
});

describe('findRecurrence', () => {
  it('recognises the usual forms', () => {
    expect(findRecurrence('xây dựng kế hoạch truyền thông hằng năm')?.recurrence).toBe('yearly');
    expect(findRecurrence('bố trí ngân sách hàng năm')?.recurrence).toBe('yearly');
    expect(findRecurrence('báo cáo định kỳ 6 tháng')?.recurrence).toBe('half-yearly');
    expect(findRecurrence('báo cáo hằng quý')?.recurrence).toBe('quarterly');
    expect(findRecurrence('trước ngày 25 hàng tháng')).toMatchObject({ recurrence: 'monthly', dayOfMonth: 25 });
    expect(findRecurrence('theo quy định của pháp luật')).toBeNull();
  });
  it('next monthly day', () => {
    expect(nextMonthlyDay('2013-11-15', 25)).toBe('2013-11-25');
    expect(nextMonthlyDay('2013-12-26', 25)).toBe('2014-01-25');
  });
});
