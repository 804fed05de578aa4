import { expect, test } from '@playwright/test';
import { approvedMentor, expectAccessible, PASSWORD, signIn, signUp, uniqueEmail } from './helpers';

test('a mentee builds a roadmap from a template; her mentor comments; she sees it', async ({ page, browser }, info) => {
  const jsOn = info.project.use.javaScriptEnabled !== false;
  const mentorName = `Asel ${info.project.name} ${Date.now().toString(36)}`;
  const mentor = await approvedMentor(browser, info, mentorName, 'Data and dashboards.');
  await signUp(page, uniqueEmail(info, 'mentee'), 'Zhibek', 'Mentee');
  await page.goto(mentor.url);
  await page.getByLabel('Message').fill('Salam! I want to work with data.');
  await page.getByLabel('What I hope to achieve').fill('A first analytics job');
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(page.getByRole('status')).toContainText('Your request is sent.');
  const mentorContext = await browser.newContext({ ...info.project.use });
  const mentorPage = await mentorContext.newPage();
  await signIn(mentorPage, mentor.email, PASSWORD);
  await mentorPage.goto('/requests');
  await mentorPage.getByTestId('request').filter({ hasText: 'I want to work with data' }).getByRole('button', { name: 'Accept' }).click();
  await expect(mentorPage.getByRole('status')).toHaveText('Accepted. Your mentorship has started.');

  // an empty list says what to do; a roadmap from the "Data analyst" template
  await page.goto('/roadmaps');
  await expect(page.getByText('You have no roadmap yet.')).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Start from').selectOption({ label: 'Template: Data analyst (4 steps)' });
  await page.getByLabel('Career goal').fill('Become a data analyst');
  await page.getByLabel('Who can see it').selectOption({ label: 'My mentor' });
  await page.getByRole('button', { name: 'Create roadmap' }).click();
  await expect(page).toHaveURL(/\/roadmaps\/\d+$/);
  await expect(page.getByRole('status')).toContainText('Your roadmap is ready.');
  const roadmapUrl = page.url();
  const steps = page.getByTestId('step');
  await expect(steps).toHaveCount(4);
  await expect(page.getByTestId('progress').first()).toHaveText('0 of 4 steps finished (0%)');

  // add a step (a bad link is refused next to the field first)
  await page.locator('summary', { hasText: 'Add a step' }).click();
  const add = page.locator('form').filter({ has: page.getByRole('button', { name: 'Add a step' }) });
  await add.getByRole('textbox', { name: /^Step/ }).fill('Build a dashboard of Naryn weather');
  await add.getByLabel('How I will know it is done').fill('My mentor has seen it');
  await add.getByLabel('Resources').fill('Guide | javascript:alert(1)');
  await add.getByRole('button', { name: 'Add a step' }).click();
  await expect(page.getByText('Line 1: write a title and an http(s) link').first()).toBeVisible();
  await expect(steps).toHaveCount(4);
  const addAgain = page.locator('form').filter({ has: page.getByRole('button', { name: 'Add a step' }) });
  await addAgain.getByLabel('Resources').fill('Guide | https://example.org/dashboards');
  await addAgain.getByRole('button', { name: 'Add a step' }).click();
  await expect(steps).toHaveCount(5);
  await expect(steps.nth(4)).toContainText('Build a dashboard of Naryn weather');
  await expect(steps.nth(4).getByRole('link', { name: 'Guide' })).toHaveAttribute('href', 'https://example.org/dashboards');

  // reorder: one up
  await steps.nth(4).getByRole('button', { name: '↑ Move up' }).click();
  await expect(steps.nth(3)).toContainText('Build a dashboard of Naryn weather');

  // mark the first step done
  await steps.first().getByRole('button', { name: 'Done', exact: true }).click();
  await expect(steps.first().getByTestId('step-status')).toHaveText('Done');
  await expect(page.getByTestId('progress').first()).toHaveText('1 of 5 steps finished (20%)');

  if (jsOn) {
    // a save that cannot reach the server rolls back, with the reason
    await page.context().setOffline(true);
    await steps.nth(1).getByRole('button', { name: 'In progress' }).click();
    await expect(page.getByRole('alert')).toContainText('No connection');
    await expect(steps.nth(1).getByTestId('step-status')).toHaveText('Not started');
    await page.context().setOffline(false);
  }
  // a second tab saves first: this tab's save is refused, with the message and the fresh state
  const second = await page.context().newPage();
  await second.goto(roadmapUrl);
  await second.getByTestId('step').nth(2).getByRole('button', { name: 'Skipped' }).click();
  await expect(second.getByTestId('progress').first()).toHaveText('2 of 5 steps finished (40%)');
  await second.waitForLoadState('networkidle');
  await second.close();
  await steps.nth(1).getByRole('button', { name: 'In progress' }).click();
  await expect(page.getByText('This roadmap was changed in another tab').first()).toBeVisible();
  await expect(steps.nth(2).getByTestId('step-status')).toHaveText('Skipped');
  await expect(steps.nth(1).getByTestId('step-status')).toHaveText('Not started');

  // everything above was saved on the server
  await page.reload();
  await expect(steps).toHaveCount(5);
  await expect(steps.nth(3)).toContainText('Build a dashboard of Naryn weather');
  await expect(steps.first().getByTestId('step-status')).toHaveText('Done');
  await expectAccessible(page);

  // the mentor reads it among her mentees' roadmaps and comments on a step
  await mentorPage.goto('/roadmaps');
  await mentorPage.getByRole('link', { name: 'Become a data analyst' }).click();
  await expect(mentorPage.getByText('Only she edits it.')).toBeVisible();
  await expect(mentorPage.getByRole('button', { name: 'Done', exact: true })).toHaveCount(0);
  const first = mentorPage.getByTestId('step').first();
  await first.locator('summary', { hasText: 'Comment on this step' }).click();
  await first.getByLabel('Comment').fill('Great start! Try the SQL course next.');
  await first.getByRole('button', { name: 'Send comment' }).click();
  await expect(mentorPage.getByRole('status')).toHaveText('Your comment is sent.');
  await expectAccessible(mentorPage);
  await mentorContext.close();

  // the mentee is told and sees the comment
  await page.goto('/notifications');
  await page.getByRole('link', { name: `${mentorName} commented on your roadmap.` }).click();
  await expect(page).toHaveURL(roadmapUrl);
  await expect(page.getByTestId('comment')).toContainText('Great start! Try the SQL course next.');

  // a clean printable view
  await page.getByRole('link', { name: 'Printable view' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Become a data analyst');
  await expect(page.getByRole('button', { name: 'Done', exact: true })).toHaveCount(0);
  await expectAccessible(page);
});
