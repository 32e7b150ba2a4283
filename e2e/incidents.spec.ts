import fs from 'node:fs';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminEmail,
  adminPassword,
  apiSignIn,
  baseUrl,
  openBrowser,
  screenshot,
  signIn,
  signOut,
  type BrowserSession,
} from './browser';

// A communication incident from an alert to an approved press statement: documents about a rumour arrive through
// the real push API and raise a threshold alert; an officer of the province opens an incident from the alert
// (twice: same incident), writes a note, starts responding, drafts a press statement and submits it; the
// province's leader approves it and downloads it as a DOCX in the Decree 30/2020 format.
const province = { id: 'tinh-ha-tinh', place: 'Hà Tĩnh' };
const officer = {
  email: 'su-co.hatinh@e2e.nhip.test',
  name: 'Lê Văn Xử Lý',
  password: 'Officer-incidents-2026',
  org: province.id,
  role: 'officer',
};
const leader = {
  email: 'phat-ngon.hatinh@e2e.nhip.test',
  name: 'Trần Thị Phát Ngôn',
  password: 'Leader-incidents-2026',
  org: province.id,
  role: 'leader',
};
const queryName = 'Tin đồn thu hồi đất ven biển';
const statementTitle = 'Về thông tin thu hồi đất ven biển tại xã Kỳ Xuân';
const statementBody =
  'Thời gian qua, trên mạng xã hội lan truyền thông tin về việc thu hồi toàn bộ đất ven biển tại xã Kỳ Xuân.\nỦy ban nhân dân tỉnh khẳng định đây là thông tin sai sự thật; đề nghị người dân chỉ sử dụng thông tin từ cơ quan chức năng.';

/** Accounts, a webhook source, a saved query and a threshold rule through the API (their own journeys test the UI). */
async function setUpAlert(): Promise<string> {
  const admin = await apiSignIn(adminEmail, adminPassword);
  for (const user of [officer, leader]) {
    const response = await admin.request('POST', '/api/users', {
      email: user.email,
      displayName: user.name,
      organizationId: user.org,
      role: user.role,
      password: user.password,
    });
    if (response.status !== 201) throw new Error(`creating ${user.email} failed: ${response.status} ${await response.text()}`);
  }
  const api = await apiSignIn(officer.email, officer.password);
  const source = (await (
    await api.request('POST', '/api/monitoring/sources', { name: 'Cổng tiếp nhận Hà Tĩnh', kind: 'webhook' })
  ).json()) as { id: string; webhookToken: string };
  const query = await api.request('POST', '/api/monitoring/queries', { name: queryName, query: '"thu hồi đất" AND "ven biển"' });
  expect(query.status, await query.clone().text()).toBe(201);
  const { id: queryId } = (await query.json()) as { id: string };
  const rule = await api.request('POST', '/api/trends/rules', {
    name: 'Hơn 5 tin mỗi giờ',
    kind: 'threshold',
    queryId,
    params: { mentions: 5, windowHours: 2 },
  });
  expect(rule.status, await rule.clone().text()).toBe(201);
  const now = Date.now();
  const items = Array.from({ length: 6 }, (_, i) => ({
    url: `https://bao-${i % 3}.vn/thu-hoi-dat-ven-bien-${i}.html`,
    title: `Xôn xao tin thu hồi đất ven biển, người dân lo lắng (bài ${i + 1})`,
    text: `Nhiều người dân bức xúc, lo ngại trước thông tin thu hồi đất ven biển tại xã Kỳ Xuân được chia sẻ trên mạng xã hội. Mã bài ${i + 1}-${(i + 1) * 7919}.`,
    publishedAt: new Date(now - (i + 1) * 60_000).toISOString(),
    source: `bao-${i % 3}.vn`,
  }));
  const pushed = await fetch(`${baseUrl}/api/monitoring/webhook/${source.id}`, {
    method: 'POST',
    headers: { 'x-webhook-token': source.webhookToken, 'content-type': 'application/json' },
    body: JSON.stringify(items),
  });
  expect(pushed.status, await pushed.clone().text()).toBe(200);
  // The worker rolls up mentions and runs the detectors (its watcher chain starts with the per-minute cron).
  const deadline = Date.now() + 150_000;
  while (((await (await api.request('GET', `/api/trends/alerts?queryId=${queryId}`)).json()) as unknown[]).length === 0) {
    if (Date.now() > deadline) throw new Error('no alert raised within 150 s');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  return queryId;
}

describe('a communication incident from an alert to an approved statement', () => {
  let browser: BrowserSession;
  let incidentUrl = '';

  beforeAll(async () => {
    await setUpAlert();
    browser = await openBrowser();
  }, 200_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('lets an officer open an incident from the alert, once', async () => {
    const { page } = browser;
    await signIn(page, officer.email, officer.password);
    await page.goto(`${baseUrl}/trends/alerts`);
    // The inbox is the page's first table (the rules editor below has its own, also naming the query).
    const row = page.getByRole('table').first().getByRole('row').filter({ hasText: queryName });
    await row.waitFor();
    await screenshot(page, 'incidents-alert');
    await row.getByRole('button', { name: 'Mở sự cố' }).click();
    await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
    incidentUrl = page.url();
    await page.getByRole('heading', { name: `Vượt ngưỡng: ${queryName}` }).waitFor();
    expect(await page.getByTestId('incident-status').textContent()).toBe('Mới');
    const first = page.getByTestId('timeline').locator('li').first();
    expect(await first.getAttribute('data-kind')).toBe('opened_from_alert');
    expect(await first.textContent()).toContain(`Mở từ cảnh báo «Vượt ngưỡng» của «${queryName}»`);
    await screenshot(page, 'incidents-opened');

    // The alert now links to its incident instead of offering to open another one.
    await page.goto(`${baseUrl}/trends/alerts`);
    const again = page.getByRole('table').first().getByRole('row').filter({ hasText: queryName });
    await again.getByRole('link', { name: 'Sự cố' }).click();
    await page.waitForURL(incidentUrl);
    expect(await again.getByRole('button', { name: 'Mở sự cố' }).count()).toBe(0);
  });

  it('records a note, starts responding, and drafts and submits a press statement', async () => {
    const { page } = browser;
    await page.goto(incidentUrl);
    await page.getByRole('button', { name: 'Sửa thông tin', exact: true }).click();
    await page.getByRole('combobox', { name: 'Mức độ', exact: true }).click();
    await page.getByRole('option', { name: 'Cấp 3 — Cao', exact: true }).click();
    await page.getByRole('button', { name: 'Lưu thay đổi', exact: true }).click();
    await expect.poll(() => page.getByTestId('incident-severity').textContent()).toBe('Mức độ: Cấp 3 — Cao');
    await page.getByLabel(/Thêm ghi chú/).fill('Đã liên hệ UBND xã Kỳ Xuân xác minh: không có chủ trương thu hồi.');
    await page.getByRole('button', { name: 'Ghi lại', exact: true }).click();
    await page.getByTestId('timeline').getByText('Đã liên hệ UBND xã Kỳ Xuân xác minh').waitFor();
    await page.getByRole('button', { name: 'Bắt đầu xử lý', exact: true }).click();
    await expect.poll(() => page.getByTestId('incident-status').textContent()).toBe('Đang xử lý');

    await page.getByLabel(/Trích yếu/).fill(statementTitle);
    await page.getByLabel(/Nội dung/).fill(statementBody);
    await page.getByRole('button', { name: 'Lưu dự thảo', exact: true }).click();
    const statement = page.getByTestId('statement').filter({ hasText: statementTitle });
    await statement.waitFor();
    expect(await statement.getAttribute('data-status')).toBe('draft');
    await statement.getByRole('button', { name: 'Trình duyệt', exact: true }).click();
    await expect.poll(() => statement.getAttribute('data-status')).toBe('submitted');
    // The author cannot approve their own text.
    expect(await statement.getByRole('button', { name: 'Phê duyệt', exact: true }).count()).toBe(0);
    await screenshot(page, 'incidents-statement-submitted');
    await signOut(page, officer.name);
  });

  it('lets the leader approve the statement and download it as a Decree 30 DOCX', async () => {
    const { page } = browser;
    await signIn(page, leader.email, leader.password);
    await page.goto(incidentUrl);
    const statement = page.getByTestId('statement').filter({ hasText: statementTitle });
    await statement.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
    await expect.poll(() => statement.getAttribute('data-status')).toBe('approved');
    await statement.getByText(`Phê duyệt bởi ${leader.name}`).waitFor();
    await screenshot(page, 'incidents-statement-approved');

    const [download] = await Promise.all([page.waitForEvent('download'), statement.getByTestId('statement-docx').click()]);
    expect(download.suggestedFilename()).toMatch(/^thong-cao-[0-9a-f]{8}\.docx$/);
    const file = await download.path();
    const text = (await mammoth.extractRawText({ buffer: fs.readFileSync(file) })).value;
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('THÔNG CÁO BÁO CHÍ');
    expect(text).toContain(statementTitle);
    expect(text).toContain('đây là thông tin sai sự thật');
    expect(text).toMatch(new RegExp(`${province.place}, ngày \\d{2} tháng \\d{1,2} năm \\d{4}`));
    expect(text).toContain(leader.name);

    const timeline = page.getByTestId('timeline');
    await timeline.getByText(`Phê duyệt «${statementTitle}»`).waitFor();
    const kinds = await timeline.locator('li').evaluateAll((items) => items.map((item) => item.getAttribute('data-kind')));
    expect(kinds).toEqual([
      'opened_from_alert',
      'updated',
      'note',
      'status_changed',
      'statement_drafted',
      'statement_submitted',
      'statement_approved',
    ]);
    await screenshot(page, 'incidents-timeline');
  });

  it('lets the leader open an incident by hand from the incidents page', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/incidents`);
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Mở sự cố', exact: true }) });
    await form.getByLabel(/Tiêu đề/).fill('Phản ánh chậm cấp sổ đỏ tại xã Kỳ Xuân');
    await form.getByLabel(/Mô tả/).fill('Nhiều bài đăng phản ánh hồ sơ cấp giấy chứng nhận quá hạn.');
    await form.getByRole('combobox', { name: 'Mức độ', exact: true }).click();
    await page.getByRole('option', { name: 'Cấp 4 — Nghiêm trọng', exact: true }).click();
    await form.getByRole('button', { name: 'Mở sự cố', exact: true }).click();
    await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Phản ánh chậm cấp sổ đỏ tại xã Kỳ Xuân' }).waitFor();
    expect(await page.getByTestId('incident-severity').textContent()).toBe('Mức độ: Cấp 4 — Nghiêm trọng');
    expect(await page.getByTestId('timeline').locator('li').first().getAttribute('data-kind')).toBe('opened');
  });

  it('starts a saved query from the incident, linked to it, and the incident lists it', async () => {
    const { page } = browser;
    const incidentPath = new URL(page.url()).pathname;
    await page.getByRole('link', { name: 'Tạo truy vấn theo dõi sự cố này' }).click();
    await page.waitForURL(/\/monitoring\/queries\?/);
    // named after the incident and linked to it; the officer writes the query
    expect(await page.getByLabel('Tên truy vấn').inputValue()).toBe('Phản ánh chậm cấp sổ đỏ tại xã Kỳ Xuân');
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Sự cố truyền thông' }).inputValue(), { timeout: 10_000 })
      .toBe('Phản ánh chậm cấp sổ đỏ tại xã Kỳ Xuân');
    await page.getByLabel('Tên truy vấn').fill('Theo dõi sổ đỏ Kỳ Xuân');
    await page.getByLabel('Biểu thức truy vấn').fill('"sổ đỏ" AND "Kỳ Xuân"');
    await screenshot(page, 'queries-link-incident');
    await page.getByRole('button', { name: 'Lưu truy vấn' }).click();
    const row = page.getByRole('row', { name: /Theo dõi sổ đỏ Kỳ Xuân/ });
    await row.getByRole('link', { name: 'Phản ánh chậm cấp sổ đỏ tại xã Kỳ Xuân' }).click();
    await page.waitForURL(`${baseUrl}${incidentPath}`);
    await page.getByRole('link', { name: 'Theo dõi sổ đỏ Kỳ Xuân' }).waitFor();
    // and its timeline records who linked the query, as for a link made from the incident
    await page.getByText('Liên kết truy vấn «Theo dõi sổ đỏ Kỳ Xuân»').waitFor();
  });
});
