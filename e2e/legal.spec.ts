import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, createAccounts, openBrowser, screenshot, signIn, signOut, type BrowserSession } from './browser';

// The legal register: anyone finds the Press Laws without typing diacritics and sees which one is in force on a
// date and which one it replaced, and the draft it was adopted from; a coordinator adds the Land Law through the
// form, finds it, and edits it, then adds the draft that will amend it.
const coordinator = {
  email: 'van-ban@e2e.nhip.test',
  name: 'Đỗ Văn Bản',
  password: 'Coordinator-legal-2026',
  org: 'bo-tu-phap',
  role: 'coordinator',
};

/** Rendered text on one line (badges and labels are upper-cased by CSS, so compare case-insensitively). */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The first cell of every result row: title, then "Số <number/symbol>". */
async function resultTitles(page: Page): Promise<string[]> {
  return (await page.locator('tbody tr td:first-child').allInnerTexts()).map(oneLine);
}

/** The value shown under a fact's label on a document's page. */
function fact(page: Page, label: string) {
  return page.getByText(label, { exact: true }).locator('xpath=following-sibling::*[1]');
}

/** Waits until a dialog's opening transition has ended, so that a screenshot shows it as the user sees it. */
async function waitForSettled(dialog: ReturnType<Page['getByRole']>): Promise<void> {
  await expect.poll(() => dialog.evaluate((element) => element.getAnimations({ subtree: true }).length)).toBe(0);
}

/** Opens the form that adds a document, with the kind "Luật" chosen. */
async function openAddFormForALaw(page: Page) {
  await page.getByRole('button', { name: 'Thêm văn bản' }).click();
  const dialog = page.getByRole('dialog', { name: 'Thêm văn bản pháp luật' });
  await dialog.getByRole('combobox', { name: 'Loại văn bản' }).click();
  await page.getByRole('option', { name: 'Luật', exact: true }).click();
  return dialog;
}

async function factText(page: Page, label: string): Promise<string> {
  return oneLine(await fact(page, label).innerText());
}

describe('legal register in a real browser', () => {
  let browser: BrowserSession;

  beforeAll(async () => {
    await createAccounts([coordinator]);
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('finds both Press Laws signed out, searching "luat bao chi" without diacritics', async () => {
    const { page } = browser;
    await page.goto(baseUrl);
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Văn bản pháp luật' }).click();
    await page.getByRole('heading', { level: 1, name: 'Văn bản pháp luật' }).waitFor();
    expect(await page.getByRole('button', { name: 'Thêm văn bản' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Chỉ thị về việc tăng cường công tác truyền thông chính sách 07/CT-TTg' }).waitFor();
    await screenshot(page, 'legal-register');
    await page.getByLabel('Tìm kiếm').fill('luat bao chi');
    // Until the debounced search answers, the page shows the whole register (Chỉ thị 07/CT-TTg among it).
    await expect
      .poll(async () => (await resultTitles(page)).every((title) => /Luật/.test(title)), { timeout: 10_000 })
      .toBe(true);
    const titles = await resultTitles(page);
    // Documents holding the whole phrase come first: the two Press Laws.
    expect(titles.slice(0, 2).sort()).toEqual(['Luật Báo chí Số 103/2016/QH13', 'Luật Báo chí Số 126/2025/QH15']);
    expect(new URL(page.url()).searchParams.get('search')).toBe('luat bao chi');
    // the draft the 2025 law was adopted from, after them
    const draftRow = page.getByRole('row', { name: /^Dự thảo Luật Báo chí \(sửa đổi\)/ });
    expect(oneLine(await draftRow.innerText())).toContain('Được thông qua thành: Luật Báo chí 126/2025/QH15');
    await screenshot(page, 'legal-search-luat-bao-chi');
  });

  it('keeps only the 2025 Press Law on 01/08/2026, and says when a date is invalid', async () => {
    const { page } = browser;
    const onDate = page.getByLabel('Còn hiệu lực vào ngày');
    await onDate.fill('31/02/2026');
    await page.getByText('Ngày không hợp lệ (dd/mm/yyyy)').waitFor();
    await onDate.fill('01/08/2026');
    await expect
      .poll(async () => (await resultTitles(page)).some((title) => title.includes('103/2016/QH13')), { timeout: 10_000 })
      .toBe(false);
    const pressLaws = (await resultTitles(page)).filter((title) => title.startsWith('Luật Báo chí'));
    expect(pressLaws).toEqual(['Luật Báo chí Số 126/2025/QH15']);
    expect(new URL(page.url()).searchParams.get('on')).toBe('2026-08-01');
    // With the kind "Luật", the 2025 Press Law is the only result, and the filters survive a reload.
    await page.getByRole('combobox', { name: 'Loại văn bản' }).click();
    await page.getByRole('option', { name: 'Luật', exact: true }).click();
    await expect.poll(() => resultTitles(page), { timeout: 10_000 }).toEqual(['Luật Báo chí Số 126/2025/QH15']);
    await page.reload();
    await expect.poll(() => resultTitles(page), { timeout: 10_000 }).toEqual(['Luật Báo chí Số 126/2025/QH15']);
    expect(await page.getByLabel('Còn hiệu lực vào ngày').inputValue()).toBe('01/08/2026');
    await page.getByText('1 văn bản', { exact: true }).waitFor();
    await screenshot(page, 'legal-in-force-2026-08-01');
  });

  it('opens the 2025 Press Law and shows 103/2016/QH13 as the law it replaces', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: 'Luật Báo chí 126/2025/QH15' }).click();
    await page.waitForURL(`${baseUrl}/legal/${encodeURIComponent('policy:luat:126/2025/qh15')}`);
    await page.getByRole('heading', { level: 1, name: 'Luật Báo chí' }).waitFor();
    await page.getByText('Số 126/2025/QH15').waitFor();
    expect(await factText(page, 'Cơ quan ban hành')).toContain('Quốc hội');
    expect(await factText(page, 'Có hiệu lực từ ngày')).toContain('01/07/2026');
    expect(await factText(page, 'Văn bản thay thế')).toContain('Không có');
    const predecessor = fact(page, 'Văn bản được thay thế').getByRole('link', { name: 'Luật Báo chí 103/2016/QH13' });
    await predecessor.waitFor();
    // and the draft the press discussed before it was adopted
    await fact(page, 'Văn bản được thay thế').getByRole('link', { name: 'Dự thảo Luật Báo chí (sửa đổi)' }).waitFor();
    expect(await page.getByRole('button', { name: 'Sửa thông tin' }).count()).toBe(0);
    await screenshot(page, 'legal-document-126-2025');
    await predecessor.click();
    await page.getByText('Số 103/2016/QH13').waitFor();
    expect(await factText(page, 'Hiệu lực')).toMatch(/^hết hiệu lực 01\/01\/2017 – 30\/06\/2026$/iu);
    await fact(page, 'Văn bản thay thế').getByRole('link', { name: 'Luật Báo chí 126/2025/QH15' }).waitFor();
    // The same page in English: kinds, validity and lineage are translated; titles are the register's own.
    await page.getByText('EN', { exact: true }).click();
    await fact(page, 'Replaced by').getByRole('link', { name: 'Luật Báo chí 126/2025/QH15' }).waitFor();
    expect(await factText(page, 'Validity')).toMatch(/^no longer in force 01\/01\/2017 – 30\/06\/2026$/iu);
    await screenshot(page, 'legal-document-103-2016-en');
    await page.getByText('VI', { exact: true }).click();
    await page.getByText('Văn bản thay thế', { exact: true }).waitFor();
  });

  it('lets a coordinator add the Land Law through the form, showing the fields the API refuses', async () => {
    const { page } = browser;
    await signIn(page, coordinator.email, coordinator.password);
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Văn bản pháp luật' }).click();
    const dialog = await openAddFormForALaw(page);
    await dialog.getByLabel('Số, ký hiệu').fill('31/2024');
    await dialog.getByLabel('Tên văn bản').fill('Luật Đất đai');
    await dialog.getByLabel('Tên gọi khác').fill('Luật Đất đai 2024\nLuật Đất đai năm 2024');
    await dialog.getByLabel('Có hiệu lực từ ngày').fill('01/08/2024');
    await dialog.getByLabel('Hiệu lực đến hết ngày').fill('31/07/2024');
    await dialog.getByRole('button', { name: 'Thêm văn bản' }).click();
    await dialog.getByText('Viết theo dạng số/năm/KÝ HIỆU').waitFor();
    await dialog.getByText('Ngày hết hiệu lực không được trước ngày có hiệu lực').waitFor();
    expect(await dialog.getByLabel('Số, ký hiệu').getAttribute('aria-invalid')).toBe('true');
    await waitForSettled(dialog);
    await screenshot(page, 'legal-create-invalid-fields');
    await dialog.getByLabel('Số, ký hiệu').fill('31/2024/QH15');
    await dialog.getByLabel('Hiệu lực đến hết ngày').fill('');
    await dialog.getByRole('button', { name: 'Thêm văn bản' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Đã thêm Luật Đất đai 31/2024/QH15.').waitFor();
  });

  it('finds the new law by "dat dai", and shows an edit on its page after saving', async () => {
    const { page } = browser;
    await page.getByLabel('Tìm kiếm').fill('dat dai');
    await expect.poll(() => resultTitles(page), { timeout: 10_000 }).toEqual(['Luật Đất đai Số 31/2024/QH15']);
    await screenshot(page, 'legal-search-dat-dai');
    await page.getByRole('link', { name: 'Luật Đất đai 31/2024/QH15' }).click();
    await page.getByRole('heading', { level: 1, name: 'Luật Đất đai' }).waitFor();
    expect(await factText(page, 'Có hiệu lực từ ngày')).toContain('01/08/2024');
    expect(await factText(page, 'Tên gọi khác')).toContain('Luật Đất đai 2024; Luật Đất đai năm 2024');
    expect(await factText(page, 'Cơ quan ban hành')).toContain('Chưa có thông tin');
    await page.getByRole('button', { name: 'Sửa thông tin' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sửa thông tin văn bản' });
    await dialog.getByLabel('Cơ quan ban hành').fill('Quốc hội');
    await dialog.getByLabel('Ngày ban hành').fill('18/01/2024');
    await dialog.getByLabel('Ghi chú').fill('Thay thế Luật Đất đai 45/2013/QH13 (chưa có trong danh mục).');
    await waitForSettled(dialog);
    await screenshot(page, 'legal-edit-form');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => factText(page, 'Cơ quan ban hành')).toContain('Quốc hội');
    expect(await factText(page, 'Ngày ban hành')).toContain('18/01/2024');
    expect(await factText(page, 'Ghi chú')).toContain('45/2013/QH13');
    await screenshot(page, 'legal-document-edited');
  });

  it('adds the draft the Land Law was adopted from, linked to it, and lists it among the drafts', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: 'Danh mục văn bản pháp luật' }).click();
    const dialog = await openAddFormForALaw(page);
    await dialog.getByText('Dự thảo', { exact: true }).click();
    // a draft has no number yet, and its dates say when it is the draft
    await dialog.getByLabel('Công bố dự thảo từ ngày').waitFor();
    expect(await dialog.getByLabel('Số, ký hiệu').count()).toBe(0);
    await dialog.getByLabel('Tên văn bản').fill('Luật Đất đai (sửa đổi)');
    await dialog.getByLabel('Cơ quan chủ trì soạn thảo').fill('Bộ Tài nguyên và Môi trường');
    await dialog.getByLabel('Công bố dự thảo từ ngày').fill('03/01/2023');
    await dialog.getByLabel('Là dự thảo đến hết ngày').fill('31/07/2024');
    // the law adopted from it, found without diacritics
    await dialog.getByLabel('Được thông qua thành').fill('dat dai 31');
    await page.getByRole('option', { name: 'Luật Đất đai 31/2024/QH15' }).click();
    await waitForSettled(dialog);
    await screenshot(page, 'legal-create-draft');
    await dialog.getByRole('button', { name: 'Thêm văn bản' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Đã thêm Dự thảo Luật Đất đai (sửa đổi).').waitFor();

    await page.getByRole('combobox', { name: 'Trạng thái' }).click();
    await page.getByRole('option', { name: 'Dự thảo', exact: true }).click();
    await page.getByLabel('Tìm kiếm').fill('dat dai');
    // (the badge is upper-cased by CSS)
    await expect.poll(() => resultTitles(page), { timeout: 10_000 }).toEqual(['Luật Đất đai (sửa đổi) DỰ THẢO']);
    expect(new URL(page.url()).searchParams.get('status')).toBe('draft');
    await page.getByRole('link', { name: 'Dự thảo Luật Đất đai (sửa đổi)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Luật Đất đai (sửa đổi)' }).waitFor();
    expect(await factText(page, 'Số, ký hiệu')).toBe('Chưa có (dự thảo)');
    expect(await factText(page, 'Hiệu lực')).toMatch(/^hết giai đoạn dự thảo 03\/01\/2023 – 31\/07\/2024$/iu);
    expect(await factText(page, 'Cơ quan chủ trì soạn thảo')).toBe('Bộ Tài nguyên và Môi trường');
    await screenshot(page, 'legal-draft-page');
    // one click to follow the draft in the press: a query of its names, linked to it, saved from the editor
    await page.getByRole('link', { name: 'Theo dõi trên báo chí' }).click();
    await page.waitForURL(/\/monitoring\/queries\?/);
    expect(await page.getByLabel('Tên truy vấn').inputValue()).toBe('Dự thảo Luật Đất đai (sửa đổi)');
    expect(await page.getByLabel('Biểu thức truy vấn').inputValue()).toBe('"Luật Đất đai sửa đổi"');
    expect(await page.getByRole('combobox', { name: 'Chính sách (văn bản pháp luật)' }).inputValue()).toBe(
      'Dự thảo Luật Đất đai (sửa đổi)',
    );
    await screenshot(page, 'legal-draft-query-editor');
    await page.getByRole('button', { name: 'Lưu truy vấn' }).click();
    await page
      .getByRole('row', { name: /Dự thảo Luật Đất đai \(sửa đổi\)/ })
      .first()
      .waitFor();
    await page.goBack();
    // and its trends: the dashboard of the policy, its draft's queries added to the law's
    await page.getByRole('link', { name: 'Xem xu hướng' }).click();
    await page.waitForURL(`${baseUrl}/trends?policy=${encodeURIComponent('policy:luat:du-thao/dat-dai-sua-doi')}`);
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Chính sách' }).inputValue(), { timeout: 10_000 })
      .toBe('Dự thảo Luật Đất đai (sửa đổi)');
    await page.goBack();
    // the law names the draft it was adopted from
    await fact(page, 'Được thông qua thành').getByRole('link', { name: 'Luật Đất đai 31/2024/QH15' }).click();
    await page.getByRole('heading', { level: 1, name: 'Luật Đất đai' }).waitFor();
    await fact(page, 'Văn bản được thay thế').getByRole('link', { name: 'Dự thảo Luật Đất đai (sửa đổi)' }).waitFor();
    await signOut(page, coordinator.name);
  });
});
