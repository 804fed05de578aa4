import { expect, Page, test } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, expectAccessible, linkInEmail, signIn, uniqueEmail } from './helpers';

/** An 8×8 PNG: a logo to upload. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGM4IReFFTEMLQkAXhlQAeZkKhAAAAAASUVORK5CYII=',
  'base64',
);

/** An administrator adds an organisation; it is listed at once. Returns its page's path. */
async function addOrganisation(page: Page, name: string, region: string, kind: string) {
  await page.goto('/community/new');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Add an organisation');
  await page.getByLabel('Name in English').fill(name);
  await page.locator('select[name="kind"]').selectOption(kind);
  await page.locator('select[name="region"]').selectOption(region);
  await page.getByLabel('Year it joined the community').fill('2023');
  await page.getByLabel('Electronics and robotics').check();
  await page.getByRole('button', { name: 'Add the organisation' }).click();
  await expect(page).toHaveURL(/\/community\/\d+$/);
  await expect(page.getByRole('status')).toContainText('Saved.');
  return new URL(page.url()).pathname;
}

test('a visitor filters the directory, opens an organisation and reads the charts', async ({ page, browser }, info) => {
  const stamp = `${info.project.name}-${Date.now().toString(36)}`;
  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await expectAccessible(page);
  const naryn = `Naryn Robotics ${stamp}`;
  await addOrganisation(page, naryn, 'naryn', 'ngo');
  await addOrganisation(page, `Osh Coders ${stamp}`, 'osh', 'company');

  const context = await browser.newContext({ ...info.project.use });
  const visitor = await context.newPage();
  await visitor.goto('/community');
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText('Community of practice');
  await expectAccessible(visitor);
  await visitor.getByLabel('Search by name or description').fill(stamp);
  await visitor.locator('select[name="region"]').selectOption('naryn');
  await visitor.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(visitor).toHaveURL(/region=naryn/);
  await expect(visitor.getByTestId('org')).toHaveCount(1);
  await expect(visitor.getByText('1 organisation found')).toBeVisible();

  // the charts: SVG pictures with their text, and the numbers as tables
  const charts = visitor.getByTestId('chart');
  await expect(charts).toHaveCount(3);
  await expect(visitor.getByRole('img', { name: /Partner organisations by year/ })).toBeVisible();
  const regions = visitor.getByRole('table', { name: 'Partner organisations by region' });
  await expect(regions.getByRole('row', { name: /Naryn/ })).toBeVisible();
  const naryns = Number(await regions.getByRole('row', { name: /Naryn/ }).getByRole('cell').innerText());
  expect(naryns).toBeGreaterThanOrEqual(1);
  await expect(visitor.getByRole('table', { name: /by year/ }).getByRole('rowheader', { name: '2023' })).toBeVisible();

  await visitor.getByRole('link', { name: naryn }).click();
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(naryn);
  await expect(visitor.getByText('NGO · Naryn')).toBeVisible();
  await expectAccessible(visitor);
  await context.close();
});

test('a partner edits her organisation and publishes a practice, which an administrator approves', async ({ page, browser }, info) => {
  const stamp = `${info.project.name}-${Date.now().toString(36)}`;
  const name = `Tech Ayim ${stamp}`;
  const partnerEmail = uniqueEmail(info, 'partner');
  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  const orgPath = await addOrganisation(page, name, 'chui', 'ngo');

  // the administrator links a new partner account: she is invited by email
  const partners = page.getByRole('region', { name: 'Partner accounts' });
  await partners.getByLabel('Email of a partner account').fill(partnerEmail);
  await partners.getByRole('button', { name: 'Link the account' }).click();
  await expect(page.getByRole('status')).toContainText('An invitation to choose a password went to this address');
  await expect(page.getByRole('region', { name: 'Partner accounts' })).toContainText(partnerEmail);
  await expectAccessible(page);

  const context = await browser.newContext({ ...info.project.use });
  const partner = await context.newPage();
  await partner.goto(await linkInEmail(partnerEmail, /\/reset\?token=[A-Za-z0-9_-]+/));
  await partner.getByLabel('New password').fill('partner long passphrase');
  await partner.getByRole('button', { name: 'Save the new password' }).click();
  await expect(partner).toHaveURL(/\/account$/);
  await partner.getByRole('link', { name: 'My organisation' }).click();
  await expect(partner.getByRole('heading', { level: 1 })).toHaveText(name);

  // her changes wait for an administrator
  const edit = partner.getByRole('region', { name: 'Change this page' });
  await edit.getByLabel('Short description').fill(`Robotics clubs for girls in Chui ${stamp}.`);
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(partner.getByRole('status')).toContainText('An administrator checks the change before it shows.');
  await expect(partner.getByTestId('edit-status')).toContainText('waiting for an administrator');
  const logo = partner.getByRole('region', { name: 'Logo' });
  await logo.getByLabel('Image file').setInputFiles({ name: 'logo.txt', mimeType: 'text/plain', buffer: Buffer.from('not an image') });
  await logo.getByRole('button', { name: 'Upload' }).click();
  await expect(partner.getByRole('alert')).toContainText('Please correct the fields marked below.');
  await expect(partner.getByRole('region', { name: 'Logo' })).toContainText('This file is not a PNG, JPEG or WebP image.');
  await partner.getByRole('region', { name: 'Logo' }).getByLabel('Image file').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG });
  await partner.getByRole('region', { name: 'Logo' }).getByRole('button', { name: 'Upload' }).click();
  await expect(partner.getByRole('status')).toContainText('An administrator checks the change before it shows.');
  await expectAccessible(partner);

  // she publishes a practice
  await partner.getByRole('link', { name: 'Publish a practice' }).click();
  const title = `Robotics in Tokmok ${stamp}`;
  await partner.getByLabel('Title').fill(title);
  await partner.getByLabel('Summary (one or two sentences)').fill('Girls build robots after school.');
  await partner.getByLabel('What you did').fill('Twice a week, with a mentor.\n\nSee https://techayim.example.kg');
  await partner.locator('select[name="region"]').selectOption('chui');
  await partner.locator('select[name="audience"]').selectOption('schoolgirls');
  await partner.getByRole('button', { name: 'Send for approval' }).click();
  await expect(partner.getByRole('status')).toContainText('An administrator checks the practice before it shows.');
  await expect(partner.getByTestId('status')).toHaveText('Waiting for approval');
  const practicePath = new URL(partner.url()).pathname;
  await expectAccessible(partner);

  // nobody else sees it yet
  const visitorContext = await browser.newContext({ ...info.project.use });
  const visitor = await visitorContext.newPage();
  expect((await visitor.goto(practicePath))!.status()).toBe(404);
  await visitor.goto(orgPath);
  await expect(visitor.getByText(`Robotics clubs for girls in Chui ${stamp}.`)).toHaveCount(0);

  // the administrator approves both
  await page.goto('/admin/community');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Community approvals');
  await expectAccessible(page);
  const practice = page.getByTestId('queue-practice').filter({ hasText: title });
  await practice.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('status')).toContainText('Approved');
  const change = page.getByTestId('queue-edit').filter({ hasText: name });
  await expect(change.locator('img')).toHaveCount(1);
  await change.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('status')).toContainText('Approved');

  // now everyone sees them
  await visitor.goto(practicePath);
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(visitor.getByRole('link', { name: 'https://techayim.example.kg' })).toHaveAttribute('rel', /nofollow/);
  await expectAccessible(visitor);
  await visitor.goto(orgPath);
  await expect(visitor.getByText(`Robotics clubs for girls in Chui ${stamp}.`)).toBeVisible();
  await expect(visitor.getByRole('img', { name: `Logo of ${name}` })).toBeVisible();
  await expect(visitor.getByTestId('practice').filter({ hasText: title })).toHaveCount(1);
  await visitor.goto(`/community/practices?q=${encodeURIComponent(stamp)}`);
  await expect(visitor.getByTestId('practice')).toHaveCount(1);
  await expectAccessible(visitor);
  await visitorContext.close();
  await context.close();
});

test('documents and initiatives: an administrator publishes, visitors read what is theirs', async ({ page, browser }, info) => {
  const stamp = `${info.project.name}-${Date.now().toString(36)}`;
  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  const a = `Alpha ${stamp}`;
  const b = `Beta ${stamp}`;
  await addOrganisation(page, a, 'talas', 'school');
  await addOrganisation(page, b, 'batken', 'university');

  // an initiative needs two organisations
  await page.goto('/community/initiatives');
  const form = page.getByRole('region', { name: 'Record an initiative' });
  await form.getByLabel('Title').fill(`Coding camps ${stamp}`);
  await form.locator('select[name="status"]').selectOption('running');
  await form.getByLabel('Start date').fill('2024-06-01');
  await form.getByLabel(a).check();
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('alert')).toContainText('Please correct the fields marked below.');
  await expect(page.getByText('Choose at least two organisations.')).toBeVisible();
  const again = page.getByRole('region', { name: 'Record an initiative' });
  await again.getByLabel(a).check();
  await again.getByLabel(b).check();
  await again.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status')).toContainText('The initiative is saved.');
  await expect(page.getByTestId('initiative').filter({ hasText: `Coding camps ${stamp}` })).toContainText(b);
  await expectAccessible(page);

  // a partners-only PDF
  await page.goto('/community/documents');
  const upload = page.getByRole('region', { name: 'Upload a document' });
  await upload.getByLabel('Title').fill(`Minutes ${stamp}`);
  await upload.locator('select[name="audience"]').selectOption('partners');
  await upload.getByLabel('PDF file').setInputFiles({
    name: 'minutes.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj\n<< >>\nendobj\ntrailer\n<< >>\n%%EOF\n'),
  });
  await upload.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByRole('status')).toContainText('Uploaded as version 1.');
  const doc = page.getByTestId('document').filter({ hasText: `Minutes ${stamp}` });
  const href = await doc.getByRole('link', { name: /Download/ }).getAttribute('href');
  const got = await page.request.get(href!);
  expect(got.status()).toBe(200);
  expect(got.headers()['content-type']).toBe('application/pdf');
  expect(got.headers()['content-disposition']).toContain('attachment; filename="minutes.pdf"');
  await expectAccessible(page);

  const context = await browser.newContext({ ...info.project.use });
  const visitor = await context.newPage();
  await visitor.goto('/community/documents');
  await expect(visitor.getByText(`Minutes ${stamp}`)).toHaveCount(0);
  expect((await visitor.request.get(href!)).status()).toBe(404);
  await visitor.goto('/community/initiatives');
  await expect(visitor.getByTestId('initiative').filter({ hasText: `Coding camps ${stamp}` })).toHaveCount(1);
  await expectAccessible(visitor);
  await context.close();
});
