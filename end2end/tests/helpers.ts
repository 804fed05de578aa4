import AxeBuilder from '@axe-core/playwright';
import { expect, Page, TestInfo } from '@playwright/test';

/** No serious or critical accessibility violations on the page as it is now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad, `axe violations on ${page.url()}`).toEqual([]);
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
