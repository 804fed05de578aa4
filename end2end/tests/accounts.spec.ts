import { expect, test } from '@playwright/test';
import { expectAccessible, linkInEmail, openMenuLink, PASSWORD, signIn, signUp, uniqueEmail } from './helpers';

test('sign up, sign out, sign in, switch language, sign out', async ({ page }, info) => {
  const email = uniqueEmail(info, 'aigerim');

  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Find a mentor. Build your path in STEM.');
  await expectAccessible(page);

  await openMenuLink(page, 'Join');
  await expect(page).toHaveURL(/\/signup$/);
  await expectAccessible(page);

  // bad input first: messages next to the fields, typed values kept (not the password)
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByLabel('Name shown to others').fill('Aigerim E2E');
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.locator('#sign_up-email-error')).toHaveText('Enter an email address like name@example.com.');
  await expect(page.locator('#sign_up-password-error')).toHaveText('Use at least 12 characters.');
  await expect(page.getByRole('alert')).toContainText('Please correct the fields marked below.');
  await expect(page.getByLabel('Name shown to others')).toHaveValue('Aigerim E2E');
  await expect(page.getByLabel('Email')).toHaveValue('not-an-email');
  await expect(page.getByLabel('Password')).toHaveValue('');
  await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);

  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel(/^Mentor/).check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('status')).toHaveText('Welcome, Aigerim E2E! Your account is ready.');
  await expect(page.getByText(email)).toBeVisible();
  await expect(page.getByText('Mentor', { exact: true })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('status')).toHaveText('You have signed out.');

  await openMenuLink(page, 'Sign in');
  await expect(page).toHaveURL(/\/signin$/);
  await expectAccessible(page);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('not the right password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('The email or password is not right.');
  await expect(page.getByLabel('Email')).toHaveValue(email);
  await expectAccessible(page);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('status')).toHaveText('Welcome back, Aigerim E2E.');

  // the language switch keeps us on the page and persists
  await page.getByRole('button', { name: 'Русский' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Мой аккаунт');
  await expect(page.getByText('Наставник', { exact: true })).toBeVisible();
  await expectAccessible(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Найдите наставника. Постройте свой путь в STEM.');

  await page.getByRole('button', { name: 'Кыргызча' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ky');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Насаатчы табыңыз. STEMдеги жолуңузду куруңуз.');
  await expectAccessible(page);

  await page.goto('/account');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Менин аккаунтум');
  await page.getByRole('button', { name: 'Чыгуу', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('Сиз аккаунттан чыктыңыз.');

  // signed out for real: the account page sends us to sign in
  await page.goto('/account');
  await expect(page).toHaveURL(/\/signin$/);
});

test('a duplicate email is explained next to the field', async ({ page }, info) => {
  const email = uniqueEmail(info, 'dup');
  for (let i = 0; i < 2; i++) {
    await page.context().clearCookies();
    await page.goto('/signup');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Name shown to others').fill('Dup');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
  }
  await expect(page).toHaveURL(/\/signup$/);
  await expect(page.locator('#sign_up-email-error')).toHaveText(
    'An account with this email already exists. Sign in instead.',
  );
  await expectAccessible(page);
});

test('a forgotten password: a link by email, a new password, signed in', async ({ browser }, info) => {
  const email = uniqueEmail(info, 'forgot');
  const first = await browser.newContext({ ...info.project.use });
  const phone = await first.newPage();
  await signUp(phone, email, 'Nurzhan Forgot', 'Mentee');

  // on another device she has forgotten it
  const other = await browser.newContext({ ...info.project.use });
  const page = await other.newPage();
  await page.goto('/signin');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page).toHaveURL(/\/forgot$/);
  await expectAccessible(page);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send me a link' }).click();
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.getByRole('status')).toContainText('If an account uses that address');

  const link = await linkInEmail(email, /\/reset\?token=[A-Za-z0-9_-]+/);
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose a new password');
  await expectAccessible(page);
  await page.getByLabel('New password').fill('short');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await expect(page.getByText('Use at least 12 characters.')).toBeVisible();
  await page.getByLabel('New password').fill('my new long passphrase');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('status')).toContainText('Your new password is saved');

  // the phone's session ended with the new password
  await phone.goto('/account');
  await expect(phone).toHaveURL(/\/signin/);
  // the link works once
  await page.goto(link);
  await page.getByLabel('New password').fill('yet another passphrase');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await expect(page.getByText('This link does not work')).toBeVisible();
  await signIn(phone, email, 'my new long passphrase');
  await first.close();
  await other.close();
});

test('change the password, then sign out everywhere', async ({ page }, info) => {
  const email = uniqueEmail(info, 'change');
  await signUp(page, email, 'Cholpon Change', 'Mentee');
  await page.getByLabel('Current password').fill('not my password at all');
  await page.getByLabel('New password').fill('a changed passphrase');
  await page.getByRole('button', { name: 'Change the password' }).click();
  await expect(page.getByText('This is not your current password.')).toBeVisible();
  await page.getByLabel('Current password').fill(PASSWORD);
  await page.getByLabel('New password').fill('a changed passphrase');
  await page.getByRole('button', { name: 'Change the password' }).click();
  await expect(page.getByRole('status')).toContainText('Your password is changed.');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Sign out on every device' }).click();
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.getByRole('status')).toContainText('You have signed out on every device.');
  await signIn(page, email, 'a changed passphrase');
});
