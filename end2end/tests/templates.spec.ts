import { expect, test } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, expectAccessible, signIn, signUp, uniqueEmail } from './helpers';

test('an administrator curates a roadmap template and a mentee starts from it', async ({ page, browser }, info) => {
  const name = `Geologist ${info.project.name} ${Date.now().toString(36)}`;
  const admin = await browser.newContext({ ...info.project.use });
  const adminPage = await admin.newPage();
  await signIn(adminPage, ADMIN_EMAIL, ADMIN_PASSWORD);
  await adminPage.goto('/account');
  await adminPage.getByRole('link', { name: 'Roadmap templates' }).click();
  await expect(adminPage.getByRole('heading', { level: 1 })).toHaveText('Roadmap templates');
  await expectAccessible(adminPage);
  const form = adminPage.getByTestId('template').last();
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Steps').fill('Visit a mine | notes written | soon');
  await form.getByRole('button', { name: 'Save template' }).click();
  await expect(adminPage.getByText('Line 1: write “step title | how I will know it is done | days”.')).toBeVisible();
  const again = adminPage.getByTestId('template').last();
  await again.getByLabel('Steps').fill('Visit a mine | notes written | 30\nRead about the Tian Shan');
  await again.getByRole('button', { name: 'Save template' }).click();
  await expect(adminPage.getByRole('status')).toHaveText('The template is saved.');
  await expect(adminPage.getByRole('heading', { name })).toBeVisible();
  await admin.close();

  await signUp(page, uniqueEmail(info, 'mentee'), 'Aruuke', 'Mentee');
  await page.goto('/roadmaps');
  await page.getByLabel('Start from').selectOption({ label: `Template: ${name} (2 steps)` });
  await page.getByLabel('Career goal').fill('Become a geologist');
  await page.getByRole('button', { name: 'Create roadmap' }).click();
  await expect(page.getByTestId('step')).toHaveCount(2);
  await expect(page.getByTestId('step').first()).toContainText('Visit a mine');
  // her dashboard shows the roadmap with its progress
  await page.goto('/account');
  await expect(page.getByTestId('roadmap')).toContainText('Become a geologist');
  await expect(page.getByTestId('roadmap').getByTestId('progress')).toHaveText('0 of 2 steps finished (0%)');
  await expectAccessible(page);
});
