import { beforeAll, describe, expect, it } from 'vitest';
import { disclosure } from '../../pipeline/localization/disclosure.js';
import { createStrings, type Strings } from '../../pipeline/localization/i18n.js';
import { engineName } from '../../pipeline/translation/engine-names.js';
import type { Project } from '../../pipeline/project/project.js';
import type { MemoryEntry } from '../../pipeline/translation/memory/memory-file.js';
import { loadProject, scratchProject } from '../support/project.js';

let project: Project;
let strings: Strings;
beforeAll(async () => {
  project = await loadProject(scratchProject());
  strings = createStrings(project.locales);
});
const t = (code: string) => strings.forLocale(project.locales.find((locale) => locale.code === code)!);
const entry = (origin: string, state: MemoryEntry['state']): MemoryEntry => ({ source: 's', target: 't', origin, state });

describe("the reader's translation notice", () => {
  it('names the engine as readers know it and says whether an editor reviewed it', () => {
    expect(disclosure([entry('deepl', 'translated')], t('en'), engineName)).toBe('Machine-translated from the English original (DeepL). This translation has not yet been reviewed by an editor.');
    expect(disclosure([entry('human', 'reviewed'), entry('deepl', 'final')], t('en'), engineName)).toBe(
      'Translated from the English original, partly by our translators and partly by machine (DeepL). An editor has reviewed this translation.',
    );
  });

  it('joins its sentences as each script does: no space after a full-width stop', () => {
    expect(disclosure([entry('human', 'translated')], t('ja'), engineName)).not.toMatch(/。 /u);
    expect(disclosure([entry('human', 'translated')], t('zh-CN'), engineName)).not.toMatch(/。 /u);
    expect(disclosure([entry('human', 'translated')], t('ko'), engineName)).toMatch(/\. \S/u);
  });
});
