import { expect, test } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, approvedMentor, expectAccessible, signIn, signUp, uniqueEmail, PASSWORD } from './helpers';

test('a mentor fills her profile, an administrator approves it, a mentee sees it', async ({ page, browser }, info) => {
  const name = `Gulnara ${info.project.name} ${Date.now().toString(36)}`;
  await signUp(page, uniqueEmail(info, 'mentor'), name, 'Mentor');
  await page.getByRole('link', { name: 'Edit my profile' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My mentor profile');
  await expectAccessible(page);

  // first without expertise: the message sits next to the skills
  await page.getByLabel('Organisation').fill('Naryn Hydro');
  await page.getByLabel('Job title').fill('Hydropower engineer');
  await page.getByLabel('Years of experience').fill('9');
  await page.getByLabel('Mentees at a time').fill('2');
  await page.getByLabel('Region').selectOption({ label: 'Naryn region' });
  await page.getByLabel('District or town').fill('At-Bashy');
  await page.getByLabel('Kyrgyz', { exact: true }).selectOption('native');
  await page.getByLabel('About me').fill('I design small hydropower plants.');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.locator('#mentor_profile-skills-error')).toHaveText('Pick at least one skill.');
  await expect(page.getByLabel('Organisation')).toHaveValue('Naryn Hydro');
  await expect(page.getByLabel('Kyrgyz', { exact: true })).toHaveValue('native');
  await expectAccessible(page);

  await page.getByLabel('Hydropower').check();
  await page.getByLabel('Renewable energy').check();
  // whom she likes to mentor and her hours: optional, shown on her page
  await page.getByLabel('University and college students').check();
  await page.getByLabel('Hours a month I can give').fill('6');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByRole('status')).toContainText('Your profile is saved.');
  await expect(page.getByText('Waiting for review', { exact: false }).first()).toBeVisible();
  const profileLink = page.getByRole('link', { name: 'See my profile as others see it' });
  const mentorUrl = (await profileLink.getAttribute('href'))!;
  await profileLink.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.getByText('University and college students')).toBeVisible();
  await expect(page.getByText('6 hours a month')).toBeVisible();
  await expectAccessible(page);

  // a mentee cannot see her yet
  const mentee = await browser.newContext({ ...info.project.use, baseURL: info.project.use.baseURL });
  const menteePage = await mentee.newPage();
  await signUp(menteePage, uniqueEmail(info, 'mentee'), 'Aigerim', 'Mentee');
  const hidden = await menteePage.goto(mentorUrl);
  expect(hidden?.status()).toBe(404);

  // the administrator approves her
  const admin = await browser.newContext({ ...info.project.use, baseURL: info.project.use.baseURL });
  const adminPage = await admin.newPage();
  await adminPage.goto('/signin');
  await adminPage.getByLabel('Email').fill(ADMIN_EMAIL);
  await adminPage.getByLabel('Password').fill(ADMIN_PASSWORD);
  await adminPage.getByRole('button', { name: 'Sign in' }).click();
  await adminPage.getByRole('link', { name: 'Mentor profiles to review' }).click();
  await expect(adminPage.getByRole('heading', { level: 1 })).toHaveText('Mentor profiles to review');
  await expectAccessible(adminPage);
  const card = adminPage.getByRole('listitem').filter({ hasText: name });
  await card.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(adminPage.getByRole('status')).toHaveText('The profile is approved and now listed.');
  await expect(adminPage.getByRole('listitem').filter({ hasText: name })).toHaveCount(0);

  const shown = await menteePage.goto(mentorUrl);
  expect(shown?.status()).toBe(200);
  await expect(menteePage.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(menteePage.getByText('Hydropower', { exact: true })).toBeVisible();
  await expectAccessible(menteePage);
  await mentee.close();
  await admin.close();
});

test('a mentee fills her private profile', async ({ page }, info) => {
  await signUp(page, uniqueEmail(info, 'mentee'), 'Begaiym', 'Mentee');
  await page.goto('/profile');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My mentee profile');
  await expect(page.getByText('Only you and programme administrators can see this profile.')).toBeVisible();
  await page.getByLabel(/^Age/).selectOption('under_18');
  await page.getByLabel('Where I am now').selectOption('school');
  await page.getByLabel('My goals').fill('Win the maths olympiad.');
  await page.getByLabel('Statistics').check();
  await page.getByLabel('Kyrgyz', { exact: true }).selectOption('native');
  await page.getByLabel('Region').selectOption('naryn');
  await page.getByLabel('Hours per month').fill('50');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.locator('#mentee_profile-hours_per_month-error')).toHaveText('Enter a whole number from 1 to 40.');
  await expect(page.getByLabel('Statistics')).toBeChecked();
  await page.getByLabel('Hours per month').fill('4');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByRole('status')).toHaveText('Your profile is saved.');
  await expect(page.getByLabel('My goals')).toHaveValue('Win the maths olympiad.');
  await expectAccessible(page);
});

test("a mentor's bio change waits for approval while mentees see the approved bio", async ({ browser }, info) => {
  const name = `Aida Edit ${info.project.name} ${Date.now().toString(36)}`;
  const { email, url } = await approvedMentor(browser, info, name, 'I build weather models for Naryn.');

  // she changes her bio: it waits, and her form keeps her change
  const mine = await browser.newContext({ ...info.project.use });
  const page = await mine.newPage();
  await signIn(page, email, PASSWORD);
  await page.goto('/profile');
  await page.getByLabel('About me').fill('I build weather models and teach Python in At-Bashy.');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByRole('status')).toContainText('Your changed texts wait for an administrator');
  await expect(page.getByTestId('change-waits')).toBeVisible();
  await expect(page.getByLabel('About me')).toHaveValue('I build weather models and teach Python in At-Bashy.');
  await expectAccessible(page);

  // a mentee still reads the approved bio
  const theirs = await browser.newContext({ ...info.project.use });
  const mentee = await theirs.newPage();
  await signUp(mentee, uniqueEmail(info, 'reader'), 'Reader Mentee', 'Mentee');
  await mentee.goto(url);
  await expect(mentee.getByText('I build weather models for Naryn.')).toBeVisible();
  await expect(mentee.getByText('teach Python in At-Bashy')).toHaveCount(0);

  // the administrator sees both versions and approves the change
  const adminContext = await browser.newContext({ ...info.project.use });
  const admin = await adminContext.newPage();
  await signIn(admin, ADMIN_EMAIL, ADMIN_PASSWORD);
  await admin.goto('/admin/mentors');
  const item = admin.getByRole('listitem').filter({ hasText: name });
  await expect(item.getByTestId('profile-change')).toContainText('teach Python in At-Bashy');
  await expectAccessible(admin);
  await item.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(admin.getByRole('status')).toHaveText('The profile is approved and now listed.');

  await mentee.goto(url);
  await expect(mentee.getByText('I build weather models and teach Python in At-Bashy.')).toBeVisible();
  for (const c of [mine, theirs, adminContext]) await c.close();
});
