import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, createAccounts, openBrowser, screenshot, signIn, signOut, type BrowserSession } from './browser';

// The 837 journey: a coordinator launches the capacity survey to all provinces, an officer of one province fills
// a draft, a leader submits, the coordinator sees the board change and exports the XLSX with the submitted values.
const province = { id: 'tinh-lao-cai', name: /Lào Cai/ };
const coordinator = {
  email: 'dieu-phoi@e2e.nhip.test',
  name: 'Phạm Điều Phối',
  password: 'Coordinator-password-2026',
  org: 'bo-khoa-hoc-va-cong-nghe',
  role: 'coordinator',
};
const officer = {
  email: 'can-bo.laocai@e2e.nhip.test',
  name: 'Hoàng Văn Soạn',
  password: 'Officer-password-2026',
  org: province.id,
  role: 'officer',
};
const leader = {
  email: 'lanh-dao.laocai@e2e.nhip.test',
  name: 'Vũ Thị Duyệt',
  password: 'Leader-password-2026',
  org: province.id,
  role: 'leader',
};
const campaignTitle = 'Khảo sát năng lực truyền thông chính sách 2026';

function inDaysVietnamese(days: number): string {
  const date = new Date(Date.now() + 7 * 3600_000 + days * 86_400_000);
  return `${String(date.getUTCDate()).padStart(2, '0')}/${String(date.getUTCMonth() + 1).padStart(2, '0')}/${date.getUTCFullYear()}`;
}

describe('capacity survey campaign (letter 837) in a real browser', () => {
  let browser: BrowserSession;
  let campaignId = '';

  beforeAll(async () => {
    await createAccounts([coordinator, officer, leader]);
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lets the coordinator launch the 837 template to all provinces', async () => {
    const { page } = browser;
    await signIn(page, coordinator.email, coordinator.password);
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Khảo sát, báo cáo' }).click();
    await page.getByRole('heading', { name: 'Khảo sát và đợt báo cáo' }).waitFor();
    await page.getByLabel('Tên đợt khảo sát').fill(campaignTitle);
    await page.getByLabel(/Hạn trả lời/).fill(inDaysVietnamese(14));
    await screenshot(page, 'surveys-launch');
    await page.getByRole('button', { name: 'Phát động' }).click();
    await page.waitForURL(/\/surveys\/[0-9a-f-]{36}\/board$/);
    campaignId = /\/surveys\/([0-9a-f-]{36})\/board/.exec(page.url())![1]!;
    const row = page.getByTestId(`board-${province.id}`);
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('not-started');
    // All provinces in force today: the 34 provinces and centrally-run cities since 1 July 2025.
    expect(Number((await page.getByTestId('total-total').textContent())?.replace(/\D/g, ''))).toBeGreaterThanOrEqual(34);
    await screenshot(page, 'surveys-board-launched');
    await signOut(page, coordinator.name);
  });

  it('lets an officer of the province fill a draft that is saved automatically, and shows a conflict instead of overwriting', async () => {
    const { page } = browser;
    await signIn(page, officer.email, officer.password);
    await page.goto(`${baseUrl}/surveys`);
    await page.getByTestId('survey-notice').filter({ hasText: campaignTitle }).first().waitFor();
    await page.getByRole('row').filter({ hasText: campaignTitle }).getByRole('link', { name: 'Trả lời' }).click();
    await page.getByRole('heading', { name: campaignTitle }).waitFor();
    const question = (id: string) => page.locator(`[data-question="${id}"]`);
    await question('unit_exists').getByText('Có', { exact: true }).click();
    await page.getByLabel('Tên bộ phận chuyên trách').fill('Phòng Thông tin - Truyền thông');
    await page.getByLabel('Số cán bộ chuyên trách (người)').fill('4');
    await page.getByLabel('Số cán bộ kiêm nhiệm (người)').fill('11');
    await page.getByLabel(/Số cán bộ được đào tạo/).fill('6');
    await page.getByLabel('Người phát ngôn — Họ và tên').fill('Nguyễn Văn Phát');
    await page.getByLabel('Người phát ngôn — Điện thoại').fill('0912345678');
    await page.getByLabel(/^Đầu mối liên hệ.* — Họ và tên$/).fill('Trần Thị Mối');
    await question('annual_plan').getByText('Có', { exact: true }).click();
    await page.getByLabel('Có, nhưng không thường xuyên').check();
    await page.getByLabel('Kinh phí cho truyền thông chính sách năm gần nhất (triệu đồng)').fill('250');
    await page.getByLabel('Theo dõi thủ công').check();
    await question('crisis_procedure').getByText('Không', { exact: true }).click();
    await page.getByLabel(/Nhu cầu hỗ trợ/).fill('Đề nghị tập huấn kỹ năng phát ngôn.');
    await page.getByTestId('save-state').filter({ hasText: 'Đã lưu nháp lúc' }).waitFor();
    expect(await page.getByTestId('response-status').textContent()).toBe('Đang soạn');
    expect(await page.getByRole('button', { name: 'Gửi phiếu' }).count()).toBe(0);
    await screenshot(page, 'surveys-officer-draft');

    // A colleague saves the same draft meanwhile (same organization, through the API): the next autosave is stale
    // and the page shows the conflict instead of overwriting silently.
    const { csrfToken } = (await (await browser.context.request.get(`${baseUrl}/api/auth/me`)).json()) as { csrfToken: string };
    const responseUrl = `${baseUrl}/api/survey-campaigns/${campaignId}/responses/${province.id}`;
    const server = (await (await browser.context.request.get(responseUrl)).json()) as {
      version: number;
      answers: Record<string, unknown>;
    };
    const colleague = await browser.context.request.put(`${responseUrl}/draft`, {
      headers: { 'x-csrf-token': csrfToken },
      data: { version: server.version, answers: { ...server.answers, staff_trained_12m: 9 } },
    });
    expect(colleague.status()).toBe(200);
    await page.getByLabel(/Nhu cầu hỗ trợ/).fill('Đề nghị tập huấn kỹ năng phát ngôn và xử lý khủng hoảng.');
    const conflict = page.getByRole('alert').filter({ hasText: 'Phiếu vừa được người khác sửa' });
    await conflict.waitFor();
    await screenshot(page, 'surveys-draft-conflict');
    await conflict.getByRole('button', { name: 'Dùng bản đã lưu trên máy chủ' }).click();
    await expect.poll(() => page.getByLabel(/Số cán bộ được đào tạo/).inputValue()).toBe('9');
    await page.getByLabel(/Nhu cầu hỗ trợ/).fill('Đề nghị tập huấn kỹ năng phát ngôn cho cán bộ.');
    await page.getByTestId('save-state').filter({ hasText: 'Đã lưu nháp lúc' }).waitFor();
    await signOut(page, officer.name);
  });

  it('lets a leader of the province submit the answer', async () => {
    const { page } = browser;
    await signIn(page, leader.email, leader.password);
    await page.goto(`${baseUrl}/surveys/${campaignId}/respond`);
    await expect.poll(() => page.getByLabel('Số cán bộ chuyên trách (người)').inputValue()).toBe('4');
    await page.getByRole('button', { name: 'Gửi phiếu' }).click();
    await page.getByTestId('response-status').filter({ hasText: 'Đã gửi' }).waitFor();
    await page.getByText('Phiếu đã được gửi').waitFor();
    await screenshot(page, 'surveys-leader-submitted');
    await signOut(page, leader.name);
  });

  it('shows the coordinator the board change and exports an XLSX whose cells hold the submitted values', async () => {
    const { page, context } = browser;
    await signIn(page, coordinator.email, coordinator.password);
    await page.goto(`${baseUrl}/surveys/${campaignId}/board`);
    await page.locator(`[data-testid="board-${province.id}"][data-status="submitted"]`).waitFor();
    expect(await page.getByTestId('total-submitted').textContent()).toContain('1');
    await screenshot(page, 'surveys-board-submitted');
    const href = await page.getByTestId('export-xlsx').getAttribute('href');
    const download = await context.request.get(`${baseUrl}${href}`);
    expect(download.status()).toBe(200);
    const workbook = new ExcelJS.Workbook();
    const bytes = await download.body();
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const sheet = workbook.getWorksheet('Trả lời')!;
    const keys = (sheet.getRow(2).values as unknown[]).slice(1) as string[];
    let row: ExcelJS.Row | undefined;
    for (let r = 3; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(1).value === province.id) row = sheet.getRow(r);
    expect(row).toBeDefined();
    const cell = (key: string) => row!.getCell(keys.indexOf(key) + 1).value;
    expect(cell('status')).toBe('Đã gửi');
    expect(cell('staff_dedicated')).toBe(4);
    expect(cell('staff_part_time')).toBe(11);
    expect(cell('staff_trained_12m')).toBe(9);
    expect(cell('support_needs')).toBe('Đề nghị tập huấn kỹ năng phát ngôn cho cán bộ.');
    expect(cell('budget_amount')).toBe(250);
    expect(cell('unit_name')).toBe('Phòng Thông tin - Truyền thông');
    expect(cell('spokesperson.fullName')).toBe('Nguyễn Văn Phát');
    expect(cell('drafting_participation')).toBe('Có, nhưng không thường xuyên');
    // Feeding the directory: the coordinator confirms the answer's unit, staff and contacts.
    await page.getByTestId(`board-${province.id}`).getByRole('button', { name: 'Cập nhật danh bạ' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Nguyễn Văn Phát').waitFor();
    await screenshot(page, 'surveys-directory-update');
    await dialog.getByRole('button', { name: 'Cập nhật các mục đã chọn' }).click();
    await dialog.waitFor({ state: 'detached' });
    const profile = (await (await context.request.get(`${baseUrl}/api/organizations/${province.id}/network`)).json()) as {
      unit: { staffDedicated: number };
      spokespersons: { fullName: string }[];
    };
    expect(profile.unit.staffDedicated).toBe(4);
    expect(profile.spokespersons.map((person) => person.fullName)).toContain('Nguyễn Văn Phát');
    await page.getByRole('tab', { name: 'Kết quả' }).click();
    await page.getByText('1/').first().waitFor();
    await screenshot(page, 'surveys-results');
  });
});
