import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminEmail, adminPassword, baseUrl, openBrowser, screenshot, signIn, type BrowserSession } from './browser';

// Seed 002 (letter 837/BTTTT-CBC) is the document officers receive; the journey turns it into tracked tasks.
const seedPath = '../shared/seeds/002_36e11ec9968dc657.txt';

describe.skipIf(!fs.existsSync(seedPath))('official document → tasks in a real browser', () => {
  let browser: BrowserSession;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('uploads the letter as pasted text, reviews the parse, confirms and sees the network matrix', async () => {
    const { page } = browser;
    await signIn(page, adminEmail, adminPassword);
    await page.goto(`${baseUrl}/documents`);
    await page.getByRole('tab', { name: 'Dán văn bản' }).click();
    await page.getByLabel('Nội dung văn bản').fill(fs.readFileSync(seedPath, 'utf8'));
    await page.getByRole('button', { name: 'Tải lên và phân tích' }).last().click();
    // The processing job runs in the server's worker role; the page polls until the parse is ready.
    const confirm = page.getByRole('button', { name: 'Xác nhận và giao nhiệm vụ' });
    await confirm.waitFor({ timeout: 90_000 });
    await page.getByText('837/BTTTT-CBC').first().waitFor();
    await screenshot(page, 'document-review-837');
    await confirm.click();
    await page.waitForURL(/\/documents\/[^/]+\/matrix$/, { timeout: 30_000 });
    await page.getByRole('heading', { name: /Theo dõi thực hiện/ }).waitFor();
    // Letter 837 of 2022 addressed the 63 provinces in force then; a former province appears as a row.
    await page.getByText('Hà Giang').first().waitFor();
    await screenshot(page, 'document-matrix-837');
    const exportLink = page.getByRole('link', { name: 'Xuất Excel' });
    expect(await exportLink.getAttribute('href')).toMatch(/xlsx/);
  });
});
