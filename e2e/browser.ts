import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Settings passed by scripts/run-e2e.mjs. */
export const baseUrl = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3000';
export const adminEmail = process.env.E2E_ADMIN_EMAIL ?? '';
export const adminPassword = process.env.E2E_ADMIN_PASSWORD ?? '';
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const screenshotDir = path.resolve(import.meta.dirname, '../test-results');

const launchFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  close: () => Promise<void>;
}

/** Debian Chromium with a fresh user-data-dir (never a downloaded browser). */
export async function openBrowser(): Promise<BrowserSession> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nhip-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: launchFlags,
    viewport: { width: 1280, height: 860 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

let step = 0;
/** Saves a full-page screenshot as test-results/NN-name.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  step += 1;
  await page.screenshot({ path: path.join(screenshotDir, `${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
}

/** Signs in through the sign-in page (Vietnamese UI). */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  if (!page.url().includes('/sign-in')) await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** Signs out through the user menu. */
export async function signOut(page: Page, displayName: string): Promise<void> {
  await page.getByRole('button', { name: `Tài khoản của ${displayName}` }).click();
  await page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/sign-in'));
}

/** An account a journey needs, created before it starts. */
export interface JourneyAccount {
  email: string;
  name: string;
  password: string;
  org: string;
  role: string;
}

/** Creates a journey's accounts through the API as the administrator (account creation has its own journey). */
export async function createAccounts(accounts: readonly JourneyAccount[]): Promise<void> {
  const admin = await apiSignIn(adminEmail, adminPassword);
  for (const account of accounts) {
    const response = await admin.request('POST', '/api/users', {
      email: account.email,
      displayName: account.name,
      organizationId: account.org,
      role: account.role,
      password: account.password,
    });
    if (response.status !== 201) throw new Error(`creating ${account.email} failed: ${response.status} ${await response.text()}`);
  }
}

/** A signed-in API session (cookie and CSRF token) for setting up what a journey's own UI does not test. */
export interface ApiSession {
  request: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Response>;
}

export async function apiSignIn(email: string, password: string): Promise<ApiSession> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (login.status !== 200) throw new Error(`sign-in of ${email} failed: ${login.status}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return {
    request: (method, path, body, headers = {}) =>
      fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          cookie,
          'x-csrf-token': csrfToken,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      }),
  };
}
