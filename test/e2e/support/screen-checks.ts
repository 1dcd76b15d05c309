import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, artifactPath } from '../fixtures';

/**
 * What the screens walk checks on every screen (issue 14, "Accessibility" and "Screenshots"):
 * axe-core with the WCAG 2.1 A/AA rules (serious and critical findings are failures), keyboard
 * reachability in visual order, and a 1366×768 screenshot — into test/artifacts, and into
 * docs/screenshots when MOTCUA_DOCS_SCREENSHOTS=1 (`npm run docs:screenshots`).
 */
export interface AxeFinding {
  screen: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

export async function axeFindings(page: Page, screen: string): Promise<AxeFinding[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ screen, rule: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}

export async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: artifactPath(`screen-${name}.png`) });
  if (process.env.MOTCUA_DOCS_SCREENSHOTS === '1') {
    const dir = join(ROOT, 'docs', 'screenshots');
    mkdirSync(dir, { recursive: true });
    // JPEG keeps the committed documentation small; the artifact above stays lossless.
    await page.screenshot({ path: join(dir, `${name}.jpg`), type: 'jpeg', quality: 70 });
  }
}

interface Stop {
  key: string;
  label: string;
  top: number;
  left: number;
  region: string;
}

/**
 * Press Tab through the page and record where focus goes. Returns the stops in order, the visible
 * controls focus never reached, and the steps that go against reading order (up without moving to a
 * column on the right, or left within a row) inside one region (header, navigation, main, dialog).
 */
export async function keyboardWalk(page: Page, maxSteps = 80): Promise<{ stops: Stop[]; unreached: string[]; backwards: string[] }> {
  const controls: string[] = await page.evaluate(() => {
    const doc = (globalThis as unknown as { document: any }).document;
    const sel = 'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex="-1"])';
    for (const old of doc.querySelectorAll('[data-kbd-key]')) {
      old.removeAttribute('data-kbd-key');
      old.removeAttribute('data-kbd-group');
    }
    const scope = doc.querySelector('dialog[open], [role=dialog]') ?? doc.body;
    const out: string[] = [];
    let i = 0;
    for (const el of scope.querySelectorAll(sel)) {
      const r = el.getBoundingClientRect();
      const hidden = r.width === 0 || r.height === 0 || el.disabled || el.closest('[hidden],[inert],[aria-hidden=true]');
      if (hidden) continue;
      const key = `k${i++}`;
      el.setAttribute('data-kbd-key', key);
      // A radio group is one Tab stop (arrows move inside it): its members share the group's key.
      if (el.type === 'radio' && el.name) el.setAttribute('data-kbd-group', el.name);
      out.push(key);
    }
    return out;
  });
  await page.evaluate(() => (globalThis as unknown as { document: any }).document.activeElement?.blur?.());
  const stops: Stop[] = [];
  for (let step = 0; step < maxSteps; step++) {
    await page.keyboard.press('Tab');
    const stop: Stop | null = await page.evaluate(() => {
      const el = (globalThis as unknown as { document: any }).document.activeElement;
      if (!el || el.tagName === 'BODY') return null;
      const r = el.getBoundingClientRect();
      const region = el.closest('dialog, [role=dialog]') ? 'dialog' : el.closest('header') ? 'header' : el.closest('nav') ? 'nav' : 'main';
      const label = (el.getAttribute('aria-label') || el.labels?.[0]?.textContent || el.textContent || el.name || el.tagName).trim().slice(0, 60);
      return { key: el.getAttribute('data-kbd-key') ?? '', label, top: Math.round(r.top + (globalThis as any).scrollY), left: Math.round(r.left), region };
    });
    if (!stop) continue;
    if (stops.length > 0 && stops[0]!.key === stop.key && stop.key !== '') break;
    stops.push(stop);
  }
  const reachedGroups: string[] = await page.evaluate((keys: string[]) => keys.map((k) => (globalThis as unknown as { document: any }).document.querySelector(`[data-kbd-key="${k}"]`)?.getAttribute('data-kbd-group') ?? '').filter(Boolean), stops.map((s) => s.key));
  const inReachedGroup: string[] = await page.evaluate((groups: string[]) => [...(globalThis as unknown as { document: any }).document.querySelectorAll('[data-kbd-group]')].filter((el: any) => groups.includes(el.getAttribute('data-kbd-group'))).map((el: any) => el.getAttribute('data-kbd-key')), reachedGroups);
  const reached = new Set([...stops.map((s) => s.key), ...inReachedGroup]);
  const labels = await page.evaluate((keys: string[]) => keys.map((k) => {
    const el = (globalThis as unknown as { document: any }).document.querySelector(`[data-kbd-key="${k}"]`);
    return `${el?.tagName.toLowerCase()} "${(el?.getAttribute('aria-label') || el?.textContent || el?.name || '').trim().slice(0, 50)}"`;
  }), controls.filter((k) => !reached.has(k)));
  const backwards: string[] = [];
  for (let i = 1; i < stops.length; i++) {
    const a = stops[i - 1]!;
    const b = stops[i]!;
    if (a.region !== b.region) continue;
    const up = b.top < a.top - 8 && b.left <= a.left + 8;
    const leftInRow = Math.abs(b.top - a.top) <= 8 && b.left < a.left - 8;
    if (up || leftInRow) backwards.push(`"${a.label}" (${a.left},${a.top}) → "${b.label}" (${b.left},${b.top})`);
  }
  return { stops, unreached: labels, backwards };
}
