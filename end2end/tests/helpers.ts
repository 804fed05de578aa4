import AxeBuilder from '@axe-core/playwright';
import { Browser, expect, Page, test, TestInfo } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * No serious or critical accessibility violations on the page as it is now.
 * axe runs inside the page, which a JavaScript-off page cannot do; there the same HTML is
 * checked in a scratch page that loads the real CSS but none of the app's scripts.
 */
export async function expectAccessible(page: Page) {
  if (test.info().project.use.javaScriptEnabled !== false) {
    return checkWithAxe(page, page.url());
  }
  const html = await page.content();
  const url = page.url();
  const scratch = await page.context().browser()!.newContext({
    javaScriptEnabled: true,
    viewport: page.viewportSize(),
  });
  try {
    const copy = await scratch.newPage();
    await copy.route('**/*', (route) => {
      const req = route.request();
      if (req.url() === url && req.resourceType() === 'document') {
        return route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' });
      }
      if (['script', 'fetch', 'xhr'].includes(req.resourceType()) || req.url().endsWith('.wasm')) {
        return route.abort();
      }
      return route.continue();
    });
    await copy.goto(url);
    await checkWithAxe(copy, url);
  } finally {
    await scratch.close();
  }
}

async function checkWithAxe(page: Page, url: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad, `axe violations on ${url}`).toEqual([]);
}

/** An email no other test (or earlier run) has used. */
export function uniqueEmail(info: TestInfo, name: string) {
  const stamp = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  return `${name}-${info.project.name}-${stamp}@example.kg`;
}

export const PASSWORD = 'a long enough password';

/** Opens the collapsed phone menu and follows one of its links. */
export async function openMenuLink(page: Page, name: string) {
  await page.locator('summary', { hasText: /Menu|Меню/ }).click();
  await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
}

export const ADMIN_EMAIL = process.env.STEM4ALL_ADMIN_EMAIL ?? 'admin@e2e.example';
export const ADMIN_PASSWORD = process.env.STEM4ALL_ADMIN_PASSWORD ?? 'e2e admin password';

export async function signUp(page: Page, email: string, name: string, role: 'Mentee' | 'Mentor') {
  await page.goto('/signup');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Name shown to others').fill(name);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel(new RegExp(`^${role}`)).check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/account$/);
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account$/);
}

/** A mentor in Naryn doing data science in Kyrgyz, approved by the administrator. */
export async function approvedMentor(browser: Browser, info: TestInfo, name: string, bio: string) {
  const email = uniqueEmail(info, 'mentor');
  const setup = await browser.newContext({ ...info.project.use });
  const page = await setup.newPage();
  await signUp(page, email, name, 'Mentor');
  await page.goto('/profile');
  await page.getByLabel('Organisation').fill('Naryn Data Lab');
  await page.getByLabel('Job title').fill('Data scientist');
  await page.getByLabel('Years of experience').fill('6');
  await page.getByLabel('Mentees at a time').fill('2');
  await page.getByLabel('Region').selectOption('naryn');
  await page.getByLabel('Kyrgyz', { exact: true }).selectOption('native');
  await page.getByLabel('Data science').check();
  await page.getByLabel('About me').fill(bio);
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByRole('status')).toContainText('Your profile is saved.');
  const href = await page.getByRole('link', { name: 'See my profile as others see it' }).getAttribute('href');
  await setup.clearCookies();
  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await page.goto('/admin/mentors');
  await page.getByRole('listitem').filter({ hasText: name }).getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('The profile is approved and now listed.');
  await setup.close();
  return { email, url: href! };
}

/** The body of an email as the stand-in mail server (`mailbox.mjs`) stored it, decoded. */
function decodedBody(raw: string) {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

/**
 * The first path matching `pattern` in the newest email to `to` that has one, as she would find
 * it in her inbox (the app sends over SMTP to the stand-in server; its folder is E2E_MAIL_DIR).
 * Waits up to 15 seconds for it to arrive.
 */
export async function linkInEmail(to: string, pattern: RegExp): Promise<string> {
  const folder = process.env.E2E_MAIL_DIR;
  if (!folder) throw new Error('E2E_MAIL_DIR is not set: run the suite through .ci/test');
  let found: string | undefined;
  await expect
    .poll(
      () => {
        const files = readdirSync(folder).sort().reverse();
        for (const f of files) {
          const raw = readFileSync(join(folder, f), 'utf8');
          if (!new RegExp(`^To:.*${to.replace(/[.+]/g, '\\$&')}`, 'mi').test(raw)) continue;
          const match = decodedBody(raw).match(pattern);
          if (match) {
            found = match[0];
            return true;
          }
        }
        return false;
      },
      { timeout: 15_000, message: `an email to ${to} with ${pattern}` },
    )
    .toBe(true);
  return found!;
}

/** "YYYY-MM-DD" in Bishkek (UTC+6 all year), `days` from today. */
export function bishkekDate(days: number) {
  return new Date(Date.now() + days * 86_400_000 + 6 * 3_600_000).toISOString().slice(0, 10);
}
