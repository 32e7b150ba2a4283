import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminEmail, adminPassword, baseUrl, openBrowser, screenshot, signIn, signOut, type BrowserSession } from './browser';

// One network journey, in order: each step builds on the previous one (the same server and database).
const officer = { email: 'can-bo.tuyenquang@e2e.nhip.test', name: 'Nguyễn Thị Lan', password: 'Officer-password-2026' };
const officerProvince = { id: 'tinh-tuyen-quang', search: 'tuyen quang', name: /Tuyên Quang/ };
const otherProvince = { id: 'tinh-dong-nai', search: 'dong nai', name: /Đồng Nai/ };
const adminName = 'Quản trị E2E';

describe('Nhịp in a real browser', () => {
  let browser: BrowserSession;
  let ownAnnouncementUrl = '';
  let otherAnnouncementUrl = '';

  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows Vietnamese by default and switches to English and back, remembering the choice', async () => {
    const { page } = browser;
    await page.goto(baseUrl);
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('vi');
    await page.getByRole('heading', { name: 'Chào mừng đến với Nhịp' }).waitFor();
    await screenshot(page, 'home-signed-out-vi');
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('heading', { name: 'Welcome to Nhịp' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.reload();
    await page.getByRole('heading', { name: 'Welcome to Nhịp' }).waitFor();
    await screenshot(page, 'home-signed-out-en');
    await page.getByText('VI', { exact: true }).click();
    await page.getByRole('heading', { name: 'Chào mừng đến với Nhịp' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
  });

  it('finds "Bộ Y tế" when searching the directory for "bo y te"', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/directory`);
    await page.getByLabel('Tìm kiếm').fill('bo y te');
    // the list narrows to the few bodies whose names hold those words (the whole directory has over a hundred)
    await page.waitForFunction(() => document.querySelectorAll('tbody tr').length < 10);
    expect(new URL(page.url()).searchParams.get('search')).toBe('bo y te');
    const link = page.getByRole('link', { name: 'Bộ Y tế', exact: true }).first();
    await link.waitFor();
    await screenshot(page, 'directory-search-bo-y-te');
    await link.click();
    await page.getByRole('heading', { level: 1, name: 'Bộ Y tế' }).waitFor();
    await page.getByText('Thông tin liên hệ là dữ liệu cá nhân').waitFor();
  });

  it('tells the administrator how many attempts are left after a wrong password, then signs in', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByLabel('Email').fill(adminEmail);
    await page.getByLabel('Mật khẩu').fill('wrong-password-123');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'lần thử' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Còn \d+ lần thử/);
    await screenshot(page, 'sign-in-wrong-password');
    await signIn(page, adminEmail, adminPassword);
    await page.getByRole('heading', { name: `Xin chào, ${adminName}` }).waitFor();
    await screenshot(page, 'home-admin');
  });

  it('lets the administrator add an officer to a province', async () => {
    const { page } = browser;
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Quản lý người dùng' }).click();
    await page.getByRole('heading', { name: 'Quản lý người dùng' }).waitFor();
    await page.getByRole('button', { name: 'Thêm người dùng' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Email').fill(officer.email);
    await dialog.getByLabel('Họ và tên').fill(officer.name);
    await dialog.getByLabel('Cơ quan').fill(officerProvince.search);
    await page.getByRole('option', { name: officerProvince.name }).first().click();
    await dialog.getByLabel('Mật khẩu ban đầu').fill(officer.password);
    await screenshot(page, 'users-create-officer');
    await dialog.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByRole('row').filter({ hasText: officer.email });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/Tuyên Quang/);
    await screenshot(page, 'users-officer-created');
  });

  it('lets the administrator send an announcement to that province (and another one elsewhere)', async () => {
    const { page } = browser;
    const send = async (title: string, province: typeof officerProvince) => {
      await page.goto(`${baseUrl}/announcements?tab=compose`);
      await page.getByLabel('Tiêu đề').fill(title);
      await page.getByLabel('Nội dung').fill(`${title}.\nĐề nghị các đơn vị phối hợp triển khai trước ngày 30/06/2026.`);
      await page.getByRole('combobox', { name: 'Gửi đến cơ quan' }).fill(province.search);
      await page.getByRole('option', { name: province.name }).first().click();
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Gửi thông báo' }).click();
      await page.waitForURL(/\/announcements\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { name: 'Xác nhận đã đọc' }).waitFor();
      return page.url();
    };
    ownAnnouncementUrl = await send('Kế hoạch truyền thông về chuyển đổi số', officerProvince);
    const receipt = page.getByTestId(`receipt-${officerProvince.id}`);
    await receipt.waitFor();
    expect(await receipt.textContent()).toContain('Chưa đọc');
    await screenshot(page, 'announcement-sent-unread');
    otherAnnouncementUrl = await send('Thông báo riêng cho Đồng Nai', otherProvince);
    await signOut(page, adminName);
  });

  it('brings the officer back to the page they asked for after signing in, and shows the unread announcement', async () => {
    const { page } = browser;
    await page.goto(`${baseUrl}/announcements`);
    await page.waitForURL((url) => url.pathname === '/sign-in' && url.searchParams.get('next') === '/announcements');
    await signIn(page, officer.email, officer.password);
    expect(new URL(page.url()).pathname).toBe('/announcements');
    const item = page.locator('[data-unread="true"]').filter({ hasText: 'Kế hoạch truyền thông về chuyển đổi số' });
    await item.waitFor();
    expect(await page.locator('[data-unread]').count()).toBe(1);
    await page.getByText('1 thông báo chưa đọc').waitFor();
    await screenshot(page, 'officer-inbox-unread');
  });

  it('lets the officer read it, after which it is marked read', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: 'Kế hoạch truyền thông về chuyển đổi số' }).click();
    await page.getByText('Đề nghị các đơn vị phối hợp triển khai').waitFor();
    expect(await page.getByRole('heading', { name: 'Xác nhận đã đọc' }).count()).toBe(0);
    await screenshot(page, 'officer-reads-announcement');
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Trang chủ' }).click();
    await page.getByTestId('unread-count').filter({ hasText: '0 thông báo chưa đọc' }).waitFor();
    await page.goto(`${baseUrl}/announcements`);
    await page.locator('[data-unread="false"]').first().waitFor();
    expect(await page.locator('[data-unread="true"]').count()).toBe(0);
  });

  it("does not let the officer open another province's announcement, the audit log or user administration", async () => {
    const { page } = browser;
    await page.goto(otherAnnouncementUrl);
    await page.getByTestId('not-permitted').waitFor();
    expect(await page.getByText('Thông báo riêng cho Đồng Nai').count()).toBe(0);
    await screenshot(page, 'officer-other-province-not-permitted');
    await page.goto(`${baseUrl}/audit`);
    await page.getByRole('alert').filter({ hasText: 'Không có quyền truy cập' }).waitFor();
    expect(
      await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Nhật ký hoạt động' }).count(),
    ).toBe(0);
    await page.goto(`${baseUrl}/organizations/${officerProvince.id}`);
    await page.getByRole('heading', { name: 'Đầu mối và người phát ngôn' }).waitFor();
    await signOut(page, officer.name);
  });

  it('shows the administrator the read receipt, and the audit log of what happened', async () => {
    const { page } = browser;
    await signIn(page, adminEmail, adminPassword);
    await page.goto(ownAnnouncementUrl);
    const receipt = page.getByTestId(`receipt-${officerProvince.id}`);
    await receipt.filter({ hasText: officer.email }).waitFor();
    expect(await receipt.textContent()).toContain('Đã đọc');
    await screenshot(page, 'admin-sees-read-receipt');
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Nhật ký hoạt động' }).click();
    await page.getByLabel('Hành động').fill('user.*');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.getByRole('row').filter({ hasText: 'user.create' }).first().waitFor();
    await screenshot(page, 'admin-audit-log');
  });
});
