import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { axeViolations, signIn, useE2E } from '../helpers/browser.ts';
import { DEMO_PASSWORD, demo } from '../helpers/server.ts';
import type { TFunction } from 'i18next';
import { ApiError } from '../../web/src/api/client.ts';
import { pl } from '../../web/src/i18n/areas/routing/pl.ts';
import { issuesAt, normalisePath, pathIssues } from '../../web/src/pages/routing/issues.ts';
import { moved, parseCustom, toDrafts, toRules } from '../../web/src/pages/routing/workflow-draft.ts';

/** Routing set-up screens in real Chromium: queues, skills, the skill matrix, the workflow editor and its test box. */
describe('routing admin in Chromium', () => {
  const env = useE2E();

  test('an admin adds a queue and a skill, sets matrix cells, saves a workflow (error, then fixed) and tests it', async () => {
    const admin = await env.t.login(demo.admin);
    const ctx = await env.browser.newContext({ locale: 'en-GB', bypassCSP: true });
    const page = await ctx.newPage();
    page.on('dialog', (d) => void d.accept());
    const url = env.t.server.url!;
    try {
      await signIn(page, url, demo.admin, DEMO_PASSWORD);
      await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 15_000 });

      // Queues: the admin section lists them; a new one is added with its strategy and offer timeout.
      await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Queues' }).click();
      await page.getByRole('heading', { level: 2, name: 'Queues' }).waitFor({ timeout: 10_000 });
      const queues = page.getByRole('table', { name: 'Routing queues' });
      await queues.getByRole('rowheader', { name: 'Billing' }).waitFor({ timeout: 10_000 });
      const qform = page.locator('form[aria-labelledby="routing-queue-form-title"]');
      await qform.getByLabel('Name').fill('VIP e2e');
      await qform.getByLabel('Strategy').selectOption('most_skilled');
      await qform.getByLabel('Offer timeout in seconds').fill('45');
      await qform.getByRole('button', { name: 'Add queue' }).click();
      await queues.getByRole('rowheader', { name: 'VIP e2e' }).waitFor({ timeout: 10_000 });
      await page.getByRole('status').filter({ hasText: 'Queue VIP e2e added' }).waitFor();
      await queues.getByRole('row', { name: /VIP e2e/ }).getByText('Most skilled').waitFor();
      await queues.getByRole('row', { name: /VIP e2e/ }).getByText('45 s').waitFor();
      // A bad offer timeout is refused with the field named.
      await qform.getByLabel('Name').fill('Too fast');
      await qform.getByLabel('Offer timeout in seconds').fill('2');
      await qform.getByRole('button', { name: 'Add queue' }).click();
      await qform.locator('.field-error').first().waitFor({ timeout: 10_000 });
      assert.equal(await qform.getByLabel('Offer timeout in seconds').getAttribute('aria-invalid'), 'true');
      // Search narrows the list.
      await page.getByLabel('Search queues').fill('vip');
      await queues.getByRole('rowheader', { name: 'Billing' }).waitFor({ state: 'detached' });
      assert.equal(await queues.getByRole('rowheader').count(), 1);
      const list = (await env.t.req('GET', '/api/v1/routing/queues', { cookie: admin })).json().items as { id: string; name: string; strategy: string; offerTimeoutSeconds: number }[];
      const vip = list.find((q) => q.name === 'VIP e2e');
      assert.equal(vip?.strategy, 'most_skilled');
      assert.equal(vip?.offerTimeoutSeconds, 45);
      assert.equal(list.some((q) => q.name === 'Too fast'), false);

      // Skills: add one; deleting one the workflow uses shows the server's 409 message.
      await page.goto(`${url}/admin/routing-skills`);
      await page.getByRole('heading', { level: 2, name: 'Skills' }).waitFor({ timeout: 10_000 });
      await page.getByLabel('Skill name').fill('vipcare');
      await page.getByRole('button', { name: 'Add skill' }).click();
      const skills = page.getByRole('table', { name: 'Routing skills' });
      await skills.getByRole('rowheader', { name: 'vipcare' }).waitFor({ timeout: 10_000 });
      await page.getByRole('button', { name: 'Delete billing' }).click();
      await page.getByRole('alert').filter({ hasText: /billing/ }).filter({ hasText: /workflow/ }).waitFor({ timeout: 10_000 });
      await skills.getByRole('rowheader', { name: 'billing' }).waitFor();

      // Skill matrix: three cells edited, one out of range: the error shows in that cell and nothing is saved.
      await page.goto(`${url}/admin/skill-matrix`);
      await page.getByRole('heading', { level: 2, name: 'Skill matrix' }).waitFor({ timeout: 10_000 });
      const cell = (agent: string) => page.getByLabel(`vipcare level of ${agent}`);
      await cell('Alex Morgan').fill('6');
      await cell('Priya Sharma').fill('2');
      await cell('Wen Li').fill('11');
      await page.getByText('Unsaved changes: 3 cells').waitFor();
      await page.getByRole('button', { name: 'Save skill levels' }).click();
      const wenCell = page.locator('td', { has: cell('Wen Li') });
      await wenCell.locator('.field-error').waitFor({ timeout: 10_000 });
      assert.equal(await cell('Wen Li').getAttribute('aria-invalid'), 'true');
      assert.equal(await page.locator('td', { has: cell('Alex Morgan') }).locator('.field-error').count(), 0);
      const before = (await env.t.req('GET', '/api/v1/routing/agents', { cookie: admin })).json().items as { name: string; skills: { skill: string; level: number }[] }[];
      assert.ok(before.every((a) => !a.skills.some((s) => s.skill === 'vipcare')), 'nothing saved while one cell is wrong');
      await cell('Wen Li').fill('');
      await page.getByText('Unsaved changes: 2 cells').waitFor();
      await page.getByRole('button', { name: 'Save skill levels' }).click();
      await page.getByRole('status').filter({ hasText: '2 skill levels saved' }).waitFor({ timeout: 10_000 });
      await page.getByText('No unsaved changes.').waitFor();
      assert.equal(await cell('Alex Morgan').inputValue(), '6');
      const after = (await env.t.req('GET', '/api/v1/routing/agents', { cookie: admin })).json().items as { name: string; skills: { skill: string; level: number }[] }[];
      const level = (name: string) => after.find((a) => a.name === name)?.skills.find((s) => s.skill === 'vipcare')?.level;
      assert.equal(level('Alex Morgan'), 6);
      assert.equal(level('Priya Sharma'), 2);
      assert.equal(level('Wen Li'), undefined);

      // Workflow: a new rule, moved to the top, saved with a typo in its filter: the error is beside the field.
      await page.goto(`${url}/admin/routing-workflow`);
      await page.getByRole('heading', { level: 2, name: 'Workflow' }).waitFor({ timeout: 10_000 });
      await page.getByRole('group', { name: 'Rule 1: Billing in Polish' }).waitFor({ timeout: 10_000 });
      const ruleCount = await page.locator('fieldset.workflow-rule').count();
      await page.getByRole('button', { name: 'Add rule' }).click();
      const added = page.getByRole('group', { name: `Rule ${ruleCount + 1}: untitled` });
      await added.getByLabel('Rule name').fill('VIP care');
      for (let i = ruleCount; i > 0; i--) await page.getByRole('button', { name: 'Move rule VIP care up' }).click();
      const rule = page.getByRole('group', { name: 'Rule 1: VIP care' });
      await rule.getByLabel('Filter', { exact: true }).fill('"vip" in tagz');
      await rule.getByLabel('Queue', { exact: true }).selectOption({ label: 'VIP e2e' });
      await rule.getByLabel('Agents', { exact: true }).fill('vipcare >= 3');
      await page.getByRole('button', { name: 'Save workflow' }).click();
      const filterError = rule.locator('.field', { has: page.getByLabel('Filter', { exact: true }) }).locator('.field-error');
      await filterError.waitFor({ timeout: 10_000 });
      assert.match((await filterError.textContent()) ?? '', /tagz/);
      assert.match((await filterError.textContent()) ?? '', /column 10/);
      assert.equal(await rule.getByLabel('Filter', { exact: true }).getAttribute('aria-invalid'), 'true');
      assert.equal((await env.t.req('GET', '/api/v1/routing/workflow', { cookie: admin })).json().version, 1, 'the running version is unchanged');
      assert.deepEqual(await axeViolations(page), []);

      // Fixed and saved: version 2 runs, with the new rule first.
      await rule.getByLabel('Filter', { exact: true }).fill('"vip" in tags');
      await page.getByRole('button', { name: 'Save workflow' }).click();
      await page.getByRole('status').filter({ hasText: 'Workflow saved as version 2' }).waitFor({ timeout: 10_000 });
      const wf = (await env.t.req('GET', '/api/v1/routing/workflow', { cookie: admin })).json() as { version: number; rules: { name: string; filter: string; targets: { queueId: string; agents: string }[] }[] };
      assert.equal(wf.version, 2);
      assert.equal(wf.rules[0]!.name, 'VIP care');
      assert.equal(wf.rules[0]!.filter, '"vip" in tags');
      assert.deepEqual(wf.rules[0]!.targets.map((x) => [x.queueId, x.agents]), [[vip!.id, 'vipcare >= 3']]);
      assert.equal(wf.rules.length, ruleCount + 1);

      // The test box: a VIP chat would go to the VIP queue, where only Alex qualifies.
      const box = page.locator('form[aria-labelledby="routing-test-title"]');
      await box.getByLabel('Tags').fill('vip, billing');
      await box.getByRole('button', { name: 'Where would it go?' }).click();
      const result = page.getByRole('region', { name: 'Test result' });
      await result.getByText('Matches rule VIP care').waitFor({ timeout: 10_000 });
      await result.getByText('Target 1: VIP e2e').waitFor();
      assert.match((await result.textContent()) ?? '', /Eligible now: Alex Morgan(?!,)/);
      assert.match((await result.textContent()) ?? '', /Would be offered to: Alex Morgan/);
      // Without the VIP tag a Polish billing chat takes the demo's Polish rule.
      await box.getByLabel('Tags').fill('billing');
      await box.getByLabel('Language').selectOption('pl');
      await box.getByRole('button', { name: 'Where would it go?' }).click();
      await result.getByText('Matches rule Billing in Polish').waitFor({ timeout: 10_000 });
      assert.match((await result.textContent()) ?? '', /Would be offered to: Kasia Nowak/);

      // Every routing admin page passes axe in Polish.
      const lang = await env.t.req('PATCH', '/api/v1/me', { cookie: admin, body: { language: 'pl' } });
      assert.ok(lang.statusCode < 300, lang.body);
      for (const [path, title] of [
        ['routing-queues', pl.queuesTitle],
        ['routing-skills', pl.skillsTitle],
        ['skill-matrix', pl.matrixTitle],
        ['routing-workflow', pl.workflowTitle],
      ] as const) {
        await checkPage(page, `${url}/admin/${path}`, title);
      }
      await page.getByRole('group', { name: `${pl.ruleLegend.replace('{{n}}', '1').replace('{{name}}', 'VIP care')}` }).waitFor({ timeout: 10_000 });
    } finally {
      await ctx.close();
    }
  });
});

async function checkPage(page: Page, url: string, title: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('heading', { level: 2, name: title }).waitFor({ timeout: 10_000 });
  await page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  assert.equal(await page.locator('html').getAttribute('lang'), 'pl');
  assert.deepEqual(await axeViolations(page), [], `axe on ${url}`);
}

/** The screens' pure helpers: error paths from the server, the rule editor's working copy, custom attributes. */
describe('routing screens: helpers', () => {
  const t = ((key: string, o: { message: string; column: number }) => (key === 'routing.atColumn' ? `${o.message} (column ${o.column})` : key)) as unknown as TFunction;

  test('server error paths in any notation land on the same field, with the column', () => {
    assert.equal(normalisePath('rules[2].targets[0].agents'), 'rules.2.targets.0.agents');
    assert.equal(normalisePath('/rules/0/filter'), 'rules.0.filter');
    assert.equal(normalisePath('body.cells.1.level'), 'cells.1.level');
    const err = new ApiError('invalid', 'bad', [{ path: 'rules[0].filter', message: "unknown attribute 'tagz'", column: 10 }, { path: 'rules.0.filter', message: 'expected a value at column 3' }, { path: ['cells', 1], message: 'x' }, 'junk', { path: 'y' }], 400);
    const issues = pathIssues(err);
    assert.deepEqual(issues, [
      { path: 'rules.0.filter', message: "unknown attribute 'tagz'", column: 10 },
      { path: 'rules.0.filter', message: 'expected a value at column 3' },
      { path: 'cells.1', message: 'x' },
    ]);
    // The column is added once: not when the message already says where.
    assert.equal(issuesAt(issues, 'rules.0.filter', t), "unknown attribute 'tagz' (column 10) expected a value at column 3");
    assert.equal(issuesAt(issues, 'rules.1.filter', t), undefined);
    assert.deepEqual(pathIssues(new Error('network')), []);
    assert.deepEqual(pathIssues(new ApiError('conflict', 'taken', undefined, 409)), []);
  });

  test('the rule editor round-trips a workflow and turns typed text into the body the server takes', () => {
    const rules = [
      { id: 'a', name: 'A', filter: '"vip" in tags', priority: 70, finally: 'callback' as const, targets: [{ queueId: 'q1', agents: 'billing >= 5', priorityBoost: 5, timeoutSeconds: 30, skipWhen: ['no_agents_available' as const] }, { queueId: 'q2', agents: '', priorityBoost: 0, timeoutSeconds: null, skipWhen: [] }] },
    ];
    assert.deepEqual(toRules(toDrafts(rules)), rules);
    const [d] = toDrafts(rules);
    const edited = { ...d!, name: '  B  ', priority: '', targets: [{ ...d!.targets[0]!, timeoutSeconds: ' ', priorityBoost: '-3', skipWhen: ['outside_business_hours', 'bogus'] }] };
    assert.deepEqual(toRules([edited])[0], { id: 'a', name: 'B', filter: '"vip" in tags', priority: 50, finally: 'callback', targets: [{ queueId: 'q1', agents: 'billing >= 5', priorityBoost: -3, timeoutSeconds: null, skipWhen: ['outside_business_hours'] }] });
    assert.deepEqual(moved(['x', 'y', 'z'], 2, -1), ['x', 'z', 'y']);
    assert.deepEqual(moved(['x', 'y'], 0, -1), ['x', 'y']);
    assert.deepEqual(moved(['x', 'y'], 1, 1), ['x', 'y']);
  });

  test('custom attributes typed as lines become typed custom.* attributes', () => {
    assert.deepEqual(parseCustom('plan=gold\nseats = 5\nvip=true\ncustom.region=eu\nnote=\n=bad\nno equals'), {
      'custom.plan': 'gold',
      'custom.seats': 5,
      'custom.vip': true,
      'custom.region': 'eu',
      'custom.note': '',
    });
  });
});
