import { expect, test } from '@playwright/test';
import { expectAccessible } from './helpers';

test('the home page explains the programme with live counts', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'The programme today' })).toBeVisible();
  // the e2e database starts empty: the empty state says what to do
  const counts = page.getByTestId('programme-counts');
  const empty = page.getByText('Nobody has joined yet. Be the first to create an account.');
  await expect(counts.or(empty)).toBeVisible();
  for (const area of ['Mentoring', 'Learning roadmaps', 'Lectures', 'STEM4ALL Award', 'Community of practice']) {
    await expect(page.getByRole('heading', { name: area, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('contentinfo')).toContainText('31.1%');
  await expectAccessible(page);
});

test('a skip link leads to the main content', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
});

test('unknown pages get a translated 404', async ({ page }) => {
  const res = await page.goto('/no/such/page');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.getByRole('link', { name: 'Go to the home page' })).toBeVisible();
  await expectAccessible(page);
});

test.describe('in Russian by Accept-Language', () => {
  test.use({ locale: 'ru-RU' });
  test('the first visit speaks Russian', async ({ page }) => {
    await page.goto('/signin');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Вход');
    await expectAccessible(page);
  });
});
