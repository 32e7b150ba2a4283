import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  adminEmail,
  adminPassword,
  apiSignIn,
  baseUrl,
  createAccounts,
  openBrowser,
  screenshot,
  signIn,
  type BrowserSession,
} from './browser';

// Monitoring and trends in a real browser: an officer adds a webhook source, writes a query (syntax error shown at
// its position, preview), sets an alert rule; documents arrive through the real push API; the alert appears and is
// acknowledged and assigned; the trends dashboard draws its charts and drills down to the mentions behind a bar;
// the mention stream filters by sentiment and opens a story; topics read as names in Vietnamese and in English.
const officer = {
  email: 'theo-doi.quangninh@e2e.nhip.test',
  name: 'Đỗ Thị Theo Dõi',
  password: 'Officer-trends-2026',
  org: 'tinh-quang-ninh',
  role: 'officer',
};
const queryName = 'Giá xăng dầu';
const HOUR = 3_600_000;
const vietnamDate = (at: number) => {
  const date = new Date(at + 7 * HOUR);
  return `${String(date.getUTCDate()).padStart(2, '0')}/${String(date.getUTCMonth() + 1).padStart(2, '0')}/${date.getUTCFullYear()}`;
};
/** Waits for the worker (rollups every 2 s) and the UI. */
const slow = { timeout: 20_000 };
const dateTimePattern = /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/;
const vietnameseTopicNames = [
  'Chính trị – Xã hội',
  'Đời sống',
  'Khoa học',
  'Kinh doanh',
  'Pháp luật',
  'Sức khỏe',
  'Thế giới',
  'Thể thao',
  'Văn hóa',
  'Vi tính',
];

interface Pushed {
  url: string;
  title: string;
  text: string;
  publishedAt: string;
  source: string;
}
let serial = 0;
const calm =
  'Bộ Công Thương cho biết nguồn cung ổn định, doanh nghiệp đầu mối bảo đảm đủ hàng, người dân hài lòng và yên tâm, đánh giá cao hiệu quả điều hành.';
const angry =
  'Người dân bức xúc, phản đối gay gắt, lo ngại tiêu cực và thất vọng vì chi phí sinh hoạt tăng mạnh, nhiều hộ kinh doanh khó khăn, thua lỗ.';
function article(
  at: number,
  { negative = false, source = `bao-${serial % 4}.vn` }: { negative?: boolean; source?: string } = {},
): Pushed {
  serial++;
  return {
    url: `https://${source}/gia-xang-${serial}.html`,
    title: `Giá xăng ${negative ? 'tăng' : 'giảm'} trong kỳ điều hành số ${serial}`,
    text: `Theo kỳ điều hành số ${serial} (Nghị định 80/2023/NĐ-CP), giá xăng ${negative ? 'tăng' : 'giảm'} so với kỳ trước. ${negative ? angry : calm} Mã bài ${serial}-${serial * 7919}.`,
    publishedAt: new Date(at).toISOString(),
    source,
  };
}

/** Pushes documents through the real vendor-push API of a webhook source (the import path a vendor uses). */
async function push(sourceId: string, token: string, items: Pushed[]): Promise<void> {
  const response = await fetch(`${baseUrl}/api/monitoring/webhook/${sourceId}`, {
    method: 'POST',
    headers: { 'x-webhook-token': token, 'content-type': 'application/json' },
    body: JSON.stringify(items),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  const result = (await response.json()) as { ingested: number; rejected: unknown[] };
  expect(result.rejected).toEqual([]);
  expect(result.ingested).toBe(items.length);
}

/** Picks an option of a Mantine Select by its label. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The mention stream filtered to the saved query's negative mentions (at least 20 once the surge is stored). */
async function showNegativeMentionsOfTheQuery(page: Page) {
  await page.goto(`${baseUrl}/monitoring`);
  await page.getByRole('heading', { name: 'Dòng tin theo dõi' }).waitFor();
  await choose(page, 'Truy vấn đã lưu', queryName);
  await choose(page, 'Sắc thái', 'Tiêu cực');
  await page.getByRole('button', { name: 'Lọc' }).click();
  const rows = page.locator('tbody tr');
  await expect.poll(() => rows.count(), slow).toBeGreaterThanOrEqual(20);
  return rows;
}

describe('monitoring and trends in a real browser', () => {
  let browser: BrowserSession;
  let sourceId = '';
  let token = '';
  const now = Date.now();
  const spikeStart = Math.floor(now / HOUR) * HOUR - HOUR;

  beforeAll(async () => {
    await createAccounts([officer]);
    browser = await openBrowser();
    await signIn(browser.page, officer.email, officer.password);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('adds a webhook source and shows its token once', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/monitoring/sources`);
    await page.getByRole('heading', { name: 'Nguồn tin' }).waitFor();
    await page.getByLabel('Tên nguồn').fill('Cổng tiếp nhận Quảng Ninh');
    await choose(page, 'Loại', 'Webhook');
    await page.getByRole('button', { name: 'Thêm nguồn' }).click();
    const status = page.getByRole('status').filter({ hasText: 'Mã webhook' });
    token = ((await status.locator('code').textContent()) ?? '').trim();
    expect(token).toMatch(/^whk_/);
    await page.getByRole('cell', { name: /Cổng tiếp nhận Quảng Ninh/ }).waitFor();
    await screenshot(page, 'trends-sources');
    const sources = (await (await page.request.get(`${baseUrl}/api/monitoring/sources`)).json()) as {
      id: string;
      name: string;
    }[];
    sourceId = sources.find((source) => source.name === 'Cổng tiếp nhận Quảng Ninh')!.id;
    // Earlier coverage, so the query editor's preview has something to show.
    await push(
      sourceId,
      token,
      Array.from({ length: 3 }, (_, i) => article(now - 5 * 24 * HOUR + i * HOUR)),
    );
  });

  it("fetches an outlet's feed when asked and tells the health of a broken one in words", async () => {
    const { page } = browser;
    // the outlet: a local server, reached through the administrator's allow-list as an intranet feed would be
    const item = (n: number) =>
      `<item><title>Phường Hồng Gai khai trương điểm một cửa số ${n}</title><link>${outletBase}/tin/${n}</link>` +
      `<description>${'Người dân làm thủ tục hành chính tại điểm một cửa mới được hướng dẫn tận tình, hồ sơ trả đúng hẹn. '.repeat(6)}</description>` +
      `<pubDate>${new Date(now - n * HOUR).toUTCString()}</pubDate></item>`;
    const outlet = http.createServer((request, response) => {
      if (request.url === '/tin-moi.rss') {
        response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
        return response.end(
          `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Báo Mẫu</title>${item(1)}${item(2)}</channel></rss>`,
        );
      }
      response.writeHead(404);
      response.end();
    });
    await new Promise<void>((resolve) => outlet.listen(0, '127.0.0.1', resolve));
    const outletBase = `http://127.0.0.1:${(outlet.address() as AddressInfo).port}`;
    try {
      const admin = await apiSignIn(adminEmail, adminPassword);
      expect(
        (await admin.request('POST', '/api/monitoring/allowed-hosts', { host: '127.0.0.1', note: 'e2e: Báo Mẫu' })).status,
      ).toBe(204);
      await page.goto(`${baseUrl}/monitoring/sources`);
      await page.getByRole('heading', { name: 'Nguồn tin' }).waitFor();
      const addFeed = async (name: string, urlPath: string) => {
        await page.getByLabel('Tên nguồn').fill(name);
        await page.getByLabel('Địa chỉ (URL)').fill(`${outletBase}${urlPath}`);
        await page.getByRole('button', { name: 'Thêm nguồn' }).click();
        const row = page.getByRole('row').filter({ hasText: name });
        await row.waitFor();
        // the page reads the source's health again until the queued fetch shows: no reload
        await row.getByRole('button', { name: 'Lấy ngay' }).click();
        return row;
      };
      const feed = await addFeed('Báo Mẫu – Tin mới', '/tin-moi.rss');
      await feed.getByText('Thành công', { exact: true }).waitFor(slow);
      expect(await feed.getByRole('cell').nth(4).textContent()).toBe('2 / 2');
      // the button is ready for the next fetch once the run shows
      await expect.poll(() => feed.getByRole('button', { name: 'Lấy ngay' }).isEnabled(), slow).toBe(true);
      const broken = await addFeed('Báo Mẫu – Chuyên mục cũ', '/chuyen-muc-cu.rss');
      await broken.getByText('Lỗi: máy chủ trả mã lỗi', { exact: true }).waitFor(slow);
      await broken.getByText(`HTTP 404 from ${outletBase}/chuyen-muc-cu.rss`).waitFor();
      await screenshot(page, 'trends-sources-health');
    } finally {
      outlet.closeAllConnections();
      await new Promise((resolve) => outlet.close(resolve));
    }
  });

  it('imports a JSONL export uploaded on the sources page and lists the line it rejected', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/monitoring/sources`);
    await page.getByRole('heading', { name: 'Nhập tệp dữ liệu xuất (JSONL, CSV)' }).waitFor();
    const post = (n: number) =>
      JSON.stringify({
        url: `https://mang-xa-hoi.vn/bai/${now}-${n}`,
        title: `Ý kiến người dân về điểm một cửa số ${n}`,
        text: `Thủ tục ở điểm một cửa số ${n} nhanh gọn, cán bộ hướng dẫn tận tình.`,
        publishedAt: new Date(now - n * HOUR).toISOString(),
        source: 'Mạng xã hội',
        kind: 'social',
        author: `Người dùng ${n}`,
      });
    const file = [post(1), post(2), '{"url": "https://mang-xa-hoi.vn/hong"'].join('\n');
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'y-kien-mot-cua.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(file) });
    await page.getByRole('button', { name: 'Tải lên và nhập' }).click();
    const imported = page
      .getByRole('table', { name: 'Các lần nhập gần đây' })
      .getByRole('row')
      .filter({ hasText: 'y-kien-mot-cua.jsonl' });
    // the worker imports it; the list follows without a reload
    await imported.getByText('Đã nhập xong').waitFor(slow);
    await imported.getByText('2 đã lưu · 0 trùng · 1 bị loại').waitFor();
    await imported.getByText(/^Dòng 3: invalid JSON/).waitFor();
    await screenshot(page, 'trends-sources-import');
  });

  it('writes a query: the syntax error is marked where it is, the preview lists matches, then it is saved', async () => {
    const { page } = browser;
    // An emerging term offered on the trends page opens the editor pre-filled.
    await page.goto(`${baseUrl}/monitoring/queries?suggest=${encodeURIComponent('"giá xăng"')}`);
    await page.getByRole('heading', { name: 'Truy vấn mới' }).waitFor();
    expect(await page.getByLabel('Biểu thức truy vấn').inputValue()).toBe('"giá xăng"');
    await page.getByLabel('Tên truy vấn').fill(queryName);
    await page.getByLabel('Biểu thức truy vấn').fill('"giá xăng" AND AND tăng');
    const error = page.getByRole('alert').filter({ hasText: 'Lỗi cú pháp' });
    await expect.poll(() => error.textContent(), slow).toContain('Lỗi cú pháp tại ký tự thứ 16');
    expect(await error.getByLabel('vị trí lỗi').textContent()).toBe('AND');
    expect(await page.getByRole('button', { name: 'Lưu truy vấn' }).isDisabled()).toBe(true);
    await screenshot(page, 'trends-query-error');
    await page.getByLabel('Biểu thức truy vấn').fill('"giá xăng" AND (tăng OR giảm)');
    await page.getByText('Xem trước: 3 tài liệu khớp trong 30 ngày qua').waitFor();
    expect(await page.getByRole('alert').filter({ hasText: 'Lỗi cú pháp' }).count()).toBe(0);
    // Linked to a policy: the legal register is offered, found without diacritics; another id can be typed.
    await page.getByRole('combobox', { name: 'Gắn với' }).click();
    await page.getByRole('option', { name: 'Chính sách', exact: true }).click();
    const policy = page.getByRole('combobox', { name: 'Chính sách (văn bản pháp luật)' });
    await policy.fill('luat bao chi');
    await page.getByRole('option', { name: 'Luật Báo chí 126/2025/QH15', exact: true }).waitFor();
    await page.getByRole('option', { name: 'Luật Báo chí 103/2016/QH13', exact: true }).waitFor();
    await screenshot(page, 'trends-query-policy-register');
    await policy.fill('gia-xang-dau');
    await page.getByRole('option', { name: 'Mã khác: gia-xang-dau', exact: true }).click();
    await page.getByRole('button', { name: 'Lưu truy vấn' }).click();
    const savedRow = page.getByRole('row').filter({ has: page.getByRole('cell', { name: queryName, exact: true }) });
    await savedRow.getByRole('cell', { name: 'Chính sách gia-xang-dau', exact: true }).waitFor();
    await screenshot(page, 'trends-query-saved');
  });

  it('sets an alert rule; documents pushed afterwards raise an alert that is acknowledged and assigned', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/trends/alerts`);
    await page.getByRole('heading', { name: 'Quy tắc cảnh báo' }).waitFor();
    await page.getByLabel('Tên quy tắc').fill('Giá xăng tăng đột biến');
    await choose(page, 'Chủ đề theo dõi', queryName);
    await page.getByRole('button', { name: 'Thêm quy tắc' }).click();
    await page.getByRole('cell', { name: 'Giá xăng tăng đột biến' }).waitFor();

    // Four quiet days (one article an hour), then a surge in the last hour, mostly negative; one story copied by three outlets.
    const history = Array.from({ length: 96 }, (_, i) => article(spikeStart - (96 - i) * HOUR + 10 * 60_000));
    const surge = Array.from({ length: 36 }, (_, i) => article(spikeStart + i * 60_000, { negative: i % 3 !== 0 }));
    const story = ['bao-quang-ninh.vn', 'bao-hai-phong.vn', 'bao-ha-long.vn'].map((source, i) => ({
      url: `https://${source}/doanh-nghiep-xang-dau-${i}.html`,
      title: 'Doanh nghiệp xăng dầu đồng loạt tăng giá xăng sau kỳ điều hành',
      text: 'Các doanh nghiệp xăng dầu đồng loạt tăng giá xăng từ 15 giờ chiều nay sau kỳ điều hành của liên Bộ Công Thương - Tài chính, mức tăng cao nhất từ đầu năm khiến người dân bức xúc.',
      publishedAt: new Date(spikeStart + 40 * 60_000 + i * 60_000).toISOString(),
      source,
    }));
    await push(sourceId, token, [...history, ...surge, ...story]);

    // The inbox is the page's first table (the rules editor has its own).
    const row = page
      .getByRole('table')
      .first()
      .getByRole('row')
      .filter({ hasText: queryName })
      .filter({ hasText: 'Tăng đột biến' });
    for (let attempt = 0; attempt < 45 && (await row.count()) === 0; attempt++) {
      await page.waitForTimeout(2000);
      await page.reload();
      await page.getByRole('heading', { name: 'Quy tắc cảnh báo' }).waitFor();
    }
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.getByText('Mới', { exact: true }).count()).toBe(1);
    await screenshot(page, 'trends-alert-open');
    await row.getByRole('button', { name: 'Đã biết' }).click();
    // The inbox shows open alerts: the acknowledged one leaves it and is found under "Đã biết".
    await expect.poll(() => row.count(), slow).toBe(0);
    await choose(page, 'Trạng thái', 'Đã biết');
    await row.first().waitFor();
    await row.getByRole('button', { name: 'Giao cho tôi' }).click();
    await row.getByText('Của tôi').waitFor();
    expect(await row.getByRole('button', { name: 'Giao cho tôi' }).count()).toBe(0);
    await screenshot(page, 'trends-alert-acknowledged');
  });

  it("lets an administrator read another organization's queries; an officer sees only the own organization's", async () => {
    // the officer has no organization picker
    await browser.page.goto(`${baseUrl}/monitoring/queries`);
    await browser.page.getByRole('cell', { name: queryName, exact: true }).waitFor();
    expect(await browser.page.getByRole('combobox', { name: 'Cơ quan', exact: true }).count()).toBe(0);
    const admin = await openBrowser();
    try {
      const { page } = admin;
      await signIn(page, adminEmail, adminPassword);
      await page.goto(`${baseUrl}/monitoring/queries`);
      const organization = page.getByRole('combobox', { name: 'Cơ quan', exact: true });
      await organization.waitFor();
      expect(await page.getByRole('cell', { name: queryName, exact: true }).count()).toBe(0);
      // found without diacritics, like every organization picker
      await organization.fill('quang ninh');
      await page.getByRole('option', { name: 'Thành phố Quảng Ninh (Quảng Ninh)', exact: true }).click();
      await page.getByRole('cell', { name: queryName, exact: true }).waitFor();
      await screenshot(page, 'monitoring-queries-of-an-organization');
      // and reads that query's mentions in the stream
      await page.goto(`${baseUrl}/monitoring`);
      await page.getByRole('combobox', { name: 'Cơ quan', exact: true }).fill('quang ninh');
      await page.getByRole('option', { name: 'Thành phố Quảng Ninh (Quảng Ninh)', exact: true }).click();
      await choose(page, 'Truy vấn đã lưu', queryName);
      await page.getByRole('button', { name: 'Lọc' }).click();
      // the 135 documents pushed since the query was saved (the alert test), all about petrol prices
      const rows = page.locator('tbody tr');
      await expect.poll(() => rows.count(), slow).toBe(135);
      const titles = await rows.locator('td:nth-child(3) a').allTextContents();
      expect(titles).toHaveLength(135);
      for (const title of titles) expect(title).toMatch(/giá xăng/i);
    } finally {
      await admin.close();
    }
  });

  it('draws the dashboard of the query and drills down from a bar to the mentions behind it', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/trends`);
    await page.getByRole('heading', { name: 'Xu hướng thông tin' }).waitFor();
    await choose(page, 'Chủ đề theo dõi', queryName);
    const volumeCard = page
      .locator('.mantine-Card-root')
      .filter({ has: page.getByRole('heading', { name: 'Số lượng đề cập theo sắc thái' }) });
    // Default range: the last 7 days by day, labelled dd/mm/yyyy on the axis.
    await volumeCard
      .locator('svg text')
      .filter({ hasText: vietnamDate(spikeStart) })
      .first()
      .waitFor();
    const total = page.locator('.mantine-Card-root').filter({ hasText: 'Tổng số đề cập' }).locator('h2');
    await expect.poll(() => total.textContent(), { timeout: 30_000 }).toBe(String(96 + 36 + 3));
    // Every chart is a real ECharts drawing.
    for (const title of [
      'Số lượng đề cập theo sắc thái',
      'Xu hướng tỷ lệ tiêu cực',
      'Thị phần theo cơ quan báo chí và loại nguồn',
      'Cơ cấu lĩnh vực',
    ]) {
      const card = page.locator('.mantine-Card-root').filter({ has: page.getByRole('heading', { name: title }) });
      expect(await card.locator('[_echarts_instance_] svg path').count(), title).toBeGreaterThan(0);
    }
    // Topics by their Vietnamese names, not the model's labels written without diacritics ("Chinh tri Xa hoi").
    const topicCard = page.locator('.mantine-Card-root').filter({ has: page.getByRole('heading', { name: 'Cơ cấu lĩnh vực' }) });
    const topicSlices = async () =>
      (await topicCard.locator('svg text').allTextContents()).map((text) => text.trim()).filter(Boolean);
    await expect.poll(async () => (await topicSlices()).length, slow).toBeGreaterThan(0);
    for (const name of await topicSlices()) expect([...vietnameseTopicNames, 'Chưa phân loại']).toContain(name);
    await page.getByRole('link', { name: /Doanh nghiệp xăng dầu đồng loạt tăng giá xăng/ }).waitFor();
    // The forecast of the query, with its backtest error beside the chart.
    const forecast = page.locator('.mantine-Card-root').filter({ has: page.getByRole('heading', { name: 'Dự báo 72 giờ tới' }) });
    await forecast.getByText('Sai số kiểm định').waitFor();
    expect(await forecast.getByText(/^MASE: /).textContent()).toMatch(/^MASE: (\d+(\.\d+)?|—)$/);
    expect(await forecast.locator('[_echarts_instance_] svg path').count()).toBeGreaterThan(0);
    await screenshot(page, 'trends-dashboard-days');

    // The day of the surge by hour: click the tallest negative bar.
    await page.getByLabel('Từ ngày').fill(vietnamDate(spikeStart));
    await page.getByLabel('Đến ngày').fill(vietnamDate(spikeStart));
    await page.getByText('Theo giờ', { exact: true }).click();
    await page.getByRole('button', { name: 'Xem' }).click();
    await expect
      .poll(
        async () =>
          (await volumeCard.locator('svg text').allTextContents()).some((text) => /^\d{2}\/\d{2} \d{2}:\d{2}$/.test(text.trim())),
        slow,
      )
      .toBe(true);
    const bars = volumeCard.locator('svg path[fill="#e03131"]');
    await expect.poll(() => bars.count(), slow).toBeGreaterThan(1);
    // Bars grow in an animation: measure once their heights stop changing.
    const measure = async () => {
      let best = { index: -1, height: 0 };
      for (let i = 0; i < (await bars.count()); i++) {
        const box = await bars.nth(i).boundingBox();
        if (box && box.height > best.height) best = { index: i, height: box.height };
      }
      return best;
    };
    let tallest = await measure();
    for (let previous = -1; Math.abs(previous - tallest.height) > 0.5;) {
      previous = tallest.height;
      await page.waitForTimeout(400);
      tallest = await measure();
    }
    await bars.nth(tallest.index).click();
    const drill = page
      .locator('.mantine-Card-root')
      .filter({ has: page.getByRole('heading', { name: /^Các đề cập: .* · Tiêu cực$/ }) });
    await drill.waitFor();
    const rows = drill.locator('tbody tr');
    await expect.poll(() => rows.count(), slow).toBeGreaterThanOrEqual(20);
    for (let i = 0; i < (await rows.count()); i++) {
      expect(await rows.nth(i).locator('td').nth(0).textContent()).toMatch(dateTimePattern);
      expect(await rows.nth(i).locator('td').nth(3).textContent()).toBe('Tiêu cực');
    }
    await screenshot(page, 'trends-dashboard-drill');
  });

  it('filters the mention stream by sentiment and opens a story', async () => {
    const { page } = browser;
    const rows = await showNegativeMentionsOfTheQuery(page);
    const count = await rows.count();
    expect(await rows.locator('td').nth(3).filter({ hasText: 'Tiêu cực' }).count()).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) {
      expect(await rows.nth(i).locator('td').nth(0).textContent()).toMatch(dateTimePattern);
      expect(await rows.nth(i).locator('td').nth(3).textContent()).toBe('Tiêu cực');
    }
    // the whole label shows: a badge in a narrow column was cut with an ellipsis ("TI…" for both polarities)
    const badgeLabel = rows.first().locator('td').nth(3).locator('.mantine-Badge-label');
    expect(await badgeLabel.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    // the decree the price articles cite, named under their snippets
    await rows.getByText('Nghị định 80/2023/NĐ-CP', { exact: true }).first().waitFor();
    await screenshot(page, 'monitoring-mentions-negative');
    // Free text within the saved query: the three copies of one story.
    await page.reload();
    await choose(page, 'Truy vấn đã lưu', queryName);
    await page.getByLabel('Tìm kiếm').fill('"đồng loạt"');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await expect.poll(() => rows.count(), slow).toBe(3);
    await rows.first().getByRole('link', { name: 'Xem sự kiện' }).click();
    await page.waitForURL(/\/monitoring\/stories\/\d+$/);
    await page.getByText('Độ phủ: 3 bài trên 3 nguồn').waitFor();
    await page.getByText(/Nguồn đầu tiên: bao-quang-ninh\.vn/).waitFor();
    await screenshot(page, 'monitoring-story');
  });

  it("corrects a document's sentiment: the stream shows the corrected label at once, kept for learning, and the dashboard follows", async () => {
    const { page } = browser;
    // the query's negative mentions as its dashboard counts them (default range: the last 7 days)
    const negativeInDashboard = async () => {
      const queries = (await (await page.request.get(`${baseUrl}/api/monitoring/queries`)).json()) as {
        id: string;
        name: string;
      }[];
      const queryId = queries.find((query) => query.name === queryName)!.id;
      const dashboard = (await (await page.request.get(`${baseUrl}/api/trends/dashboard?queryId=${queryId}`)).json()) as {
        totals: { mentions: number; negative: number };
      };
      return { mentions: dashboard.totals.mentions, negative: dashboard.totals.negative };
    };
    const countedBefore = await negativeInDashboard();
    const rows = await showNegativeMentionsOfTheQuery(page);
    const negativeBefore = await rows.count();
    // a price article (each has its own number; the story's three copies share a title)
    const title = (await rows
      .filter({ hasText: 'Giá xăng tăng trong kỳ điều hành số' })
      .first()
      .locator('td')
      .nth(2)
      .locator('a')
      .textContent())!;
    await page.getByRole('button', { name: `Hiệu chỉnh sắc thái, chủ đề: ${title}` }).click();
    const correction = page.getByRole('group', { name: 'Hiệu chỉnh nhãn' });
    expect(await correction.getByRole('button', { name: 'Lưu hiệu chỉnh' }).isDisabled()).toBe(true);
    await correction.getByRole('combobox', { name: 'Sắc thái' }).click();
    await correction.getByRole('option', { name: 'Trung tính', exact: true }).click();
    await correction.getByLabel('Ghi chú').fill('Bài đưa tin trung lập về giá');
    await screenshot(page, 'monitoring-correction');
    await correction.getByRole('button', { name: 'Lưu hiệu chỉnh' }).click();
    // no longer among the negative mentions of the query…
    await expect.poll(() => rows.count(), slow).toBe(negativeBefore - 1);
    expect(await rows.locator('td:nth-child(3) a').allTextContents()).not.toContain(title);
    // …but among the neutral ones, its badge naming the correction as its reason
    await choose(page, 'Sắc thái', 'Trung tính');
    await page.getByRole('button', { name: 'Lọc' }).click();
    const corrected = rows.filter({ has: page.getByRole('link', { name: title, exact: true }) });
    await corrected.waitFor();
    expect(await corrected.locator('td').nth(3).textContent()).toBe('Trung tính');
    expect(await corrected.locator('td').nth(3).locator('.mantine-Badge-root').getAttribute('title')).toBe('officer correction');
    // the workers' rollups move the mention already counted from negative to neutral: one negative fewer, as many in all
    await expect
      .poll(negativeInDashboard, slow)
      .toEqual({ mentions: countedBefore.mentions, negative: countedBefore.negative - 1 });
  });

  it("learns a topic from an officer's correction: an administrator trains and activates it, a republished copy follows, and rolls back", async () => {
    const { page } = browser;
    // provincial news of a rice-export policy, which the shipped model files under business
    const lead = 'Ủy ban nhân dân tỉnh ban hành chính sách hỗ trợ nông dân xuất khẩu gạo.';
    const body =
      'Theo chính sách mới, doanh nghiệp thu mua lúa được vay vốn ưu đãi, giá lúa được bảo đảm có lãi cho người trồng. ' +
      'Sở Công Thương cho biết kim ngạch xuất khẩu gạo năm nay dự kiến tăng mạnh, thị trường Philippines và châu Phi mở ' +
      'rộng, giá gạo xuất khẩu ở mức cao.';
    const original = 'Tỉnh hỗ trợ nông dân xuất khẩu gạo';
    await push(sourceId, token, [
      {
        url: 'https://bao-an-giang.vn/ho-tro-xuat-khau-gao.html',
        title: original,
        text: `${lead} ${body}`,
        publishedAt: new Date(now - 3 * HOUR).toISOString(),
        source: 'bao-an-giang.vn',
      },
    ]);
    const rows = page.locator('tbody tr');
    const rowOf = (title: string) => rows.filter({ has: page.getByRole('link', { name: title, exact: true }) });
    const searchRice = async () => {
      await page.goto(`${baseUrl}/monitoring`);
      await page.getByRole('heading', { name: 'Dòng tin theo dõi' }).waitFor();
      await page.getByLabel('Tìm kiếm').fill('"xuat khau gao"');
      await page.getByRole('button', { name: 'Lọc' }).click();
    };
    await searchRice();
    await rowOf(original).waitFor(slow);
    expect(await rowOf(original).locator('td').nth(4).textContent()).toBe('Kinh doanh');
    // an officer sees no models link: training is for coordinators and administrators
    expect(await page.getByRole('link', { name: 'Mô hình ngôn ngữ' }).count()).toBe(0);
    await page.getByRole('button', { name: `Hiệu chỉnh sắc thái, chủ đề: ${original}` }).click();
    const correction = page.getByRole('group', { name: 'Hiệu chỉnh nhãn' });
    await correction.getByRole('combobox', { name: 'Chủ đề' }).click();
    await correction.getByRole('option', { name: 'Chính trị – Xã hội', exact: true }).click();
    await correction.getByRole('button', { name: 'Lưu hiệu chỉnh' }).click();
    await expect.poll(() => rowOf(original).locator('td').nth(4).textContent(), slow).toBe('Chính trị – Xã hội');
    // another outlet had republished it the same hour: stored under business before any version learned from this
    const earlier = 'Giá gạo xuất khẩu ở mức cao';
    await push(sourceId, token, [
      {
        url: 'https://bao-dong-thap.vn/gia-gao-xuat-khau.html',
        title: earlier,
        text: body,
        publishedAt: new Date(now - 3 * HOUR + 600_000).toISOString(),
        source: 'bao-dong-thap.vn',
      },
    ]);
    await searchRice();
    await rowOf(earlier).waitFor(slow);
    expect(await rowOf(earlier).locator('td').nth(4).textContent()).toBe('Kinh doanh');

    const admin = await openBrowser();
    try {
      const adminPage = admin.page;
      await signIn(adminPage, adminEmail, adminPassword);
      await adminPage.goto(`${baseUrl}/monitoring`);
      await adminPage.getByRole('link', { name: 'Mô hình ngôn ngữ' }).click();
      await adminPage.getByRole('heading', { name: 'Mô hình ngôn ngữ học từ hiệu chỉnh' }).waitFor();
      const topics = adminPage.getByRole('region', { name: 'Chủ đề' });
      await topics.getByText('Đang dùng: mô hình gốc (v1) · 1 hiệu chỉnh để học').waitFor();
      await topics.getByRole('button', { name: 'Huấn luyện từ các hiệu chỉnh' }).click();
      // one correction: the model in use labelled it as the officer did not, the new version does
      const trained = topics.getByText(/^Đã huấn luyện v(\d+) từ 1 hiệu chỉnh: mô hình trước khớp 0, phiên bản mới khớp 1\.$/);
      await trained.waitFor();
      const version = /v(\d+)/.exec((await trained.textContent())!)![1]!;
      // before activating, what it would do to the news stored lately: the copy stored earlier changes with it
      const preview = topics.getByText(
        /^Trên [\d.]+ tài liệu gần nhất chưa được hiệu chỉnh, phiên bản này sẽ đổi ([\d.]+) nhãn \(.+%\) nếu được kích hoạt\.$/,
      );
      await preview.waitFor();
      expect(Number(/đổi ([\d.]+) nhãn/.exec((await preview.textContent())!)![1]!.replaceAll('.', ''))).toBeGreaterThanOrEqual(1);
      await topics.getByRole('button', { name: `Kích hoạt phiên bản v${version}` }).click();
      await topics.getByText(`Đang dùng: phiên bản v${version}`).waitFor();
      // the workers read the documents stored so far again with it; the page follows the run to its end
      await topics
        .getByText(
          new RegExp(
            `^Đã gán lại nhãn [\\d.]+ tài liệu đã lưu theo phiên bản v${version} lúc .*: [\\d.]+ nhãn thay đổi; giữ nguyên 1 tài liệu cán bộ đã hiệu chỉnh`,
          ),
        )
        .waitFor(slow);
      await screenshot(adminPage, 'monitoring-models');
      // the copy stored before is filed as the officer filed the first one
      await searchRice();
      await rowOf(earlier).waitFor(slow);
      expect(await rowOf(earlier).locator('td').nth(4).textContent()).toBe('Chính trị – Xã hội');

      // another outlet republishes the story without its lead: it is filed as the officer filed the first one
      const copy = 'Nông dân được hỗ trợ vốn mua lúa';
      await push(sourceId, token, [
        {
          url: 'https://bao-can-tho.vn/nong-dan-duoc-ho-tro.html',
          title: copy,
          text: body,
          publishedAt: new Date(now - 2 * HOUR).toISOString(),
          source: 'bao-can-tho.vn',
        },
      ]);
      await searchRice();
      await rowOf(copy).waitFor(slow);
      expect(await rowOf(copy).locator('td').nth(4).textContent()).toBe('Chính trị – Xã hội');

      // rolling back: the stored copies are filed by the shipped model again (the officer's correction stays), and
      // so is the next copy
      await topics.getByRole('button', { name: 'Quay về mô hình gốc' }).click();
      await topics.getByText('Đang dùng: mô hình gốc (v1)').waitFor();
      await topics.getByText(/^Đã gán lại nhãn [\d.]+ tài liệu đã lưu theo mô hình gốc \(v1\) lúc /).waitFor(slow);
      await searchRice();
      await rowOf(copy).waitFor(slow);
      expect(await rowOf(copy).locator('td').nth(4).textContent()).toBe('Kinh doanh');
      expect(await rowOf(earlier).locator('td').nth(4).textContent()).toBe('Kinh doanh');
      expect(await rowOf(original).locator('td').nth(4).textContent()).toBe('Chính trị – Xã hội');
      const later = 'Giá lúa bảo đảm có lãi cho nông dân';
      await push(sourceId, token, [
        {
          url: 'https://bao-vinh-long.vn/gia-lua-co-lai.html',
          title: later,
          text: body,
          publishedAt: new Date(now - HOUR).toISOString(),
          source: 'bao-vinh-long.vn',
        },
      ]);
      await searchRice();
      await rowOf(later).waitFor(slow);
      expect(await rowOf(later).locator('td').nth(4).textContent()).toBe('Kinh doanh');
    } finally {
      await admin.close();
    }
  });

  it('shows topics by their names in Vietnamese and in English and filters by one', async () => {
    const { page } = browser;
    await push(sourceId, token, [
      {
        url: 'https://bao-suc-khoe.vn/sot-xuat-huyet.html',
        title: 'Bệnh viện tiếp nhận nhiều bệnh nhân sốt xuất huyết',
        text: 'Bệnh viện Bạch Mai tiếp nhận nhiều bệnh nhân sốt xuất huyết. Các bác sĩ khuyến cáo người dân diệt muỗi, khi sốt cao cần đến cơ sở y tế để được điều trị kịp thời, không tự ý truyền dịch tại nhà.',
        publishedAt: new Date(now - 2 * HOUR).toISOString(),
        source: 'bao-suc-khoe.vn',
      },
    ]);
    await page.goto(`${baseUrl}/monitoring`);
    await page.getByRole('heading', { name: 'Dòng tin theo dõi' }).waitFor();
    // The topic filter offers names; the query it runs uses the stored label.
    await choose(page, 'Chủ đề', 'Sức khỏe');
    await page.getByLabel('Tìm kiếm').fill('"sốt xuất huyết"');
    await page.getByRole('button', { name: 'Lọc' }).click();
    const rows = page.locator('tbody tr');
    const topicCells = rows.locator('td:nth-child(5)');
    await expect.poll(async () => [...new Set(await topicCells.allTextContents())], slow).toEqual(['Sức khỏe']);
    await rows.filter({ hasText: 'Bệnh viện tiếp nhận nhiều bệnh nhân sốt xuất huyết' }).waitFor();
    await screenshot(page, 'monitoring-topic-vi');
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('columnheader', { name: 'Topic' }).waitFor();
    expect([...new Set(await topicCells.allTextContents())]).toEqual(['Health']);
    await screenshot(page, 'monitoring-topic-en');
    await page.getByText('VI', { exact: true }).click();
    await page.getByRole('columnheader', { name: 'Chủ đề' }).waitFor();
  });
});
