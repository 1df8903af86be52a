/**
 * A small article with a Korean memory, for the reviewer-workflow tests:
 * three paragraphs translated by people, plus whatever entries a test adds.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadArticle } from '../../pipeline/content/load-article.js';
import { segmentArticle, type Segment } from '../../pipeline/segments/segment-article.js';
import { parseMemory, serializeMemory, type MemoryEntry, type MemoryFile } from '../../pipeline/translation/memory/memory-file.js';
import { scratchProject } from '../support/project.js';

export const SLUG = 'talks';
export const PARAGRAPHS = [
  'Officials from both countries met in Seoul on Thursday to discuss trade.',
  'The talks ended without an agreement, according to a [statement](https://example.com/) from the ministry.',
  'Negotiators are expected to meet again next month in Tokyo.',
];
export const KOREAN = ['양국 관리들은 목요일 서울에서 만나 무역을 논의했다.', '부처의 <a1>성명</a1>에 따르면 회담은 합의 없이 끝났다.', '협상 대표들은 다음 달 도쿄에서 다시 만날 예정이다.'];

export function markdown(paragraphs: readonly string[] = PARAGRAPHS, frontMatter = ''): string {
  const body = paragraphs;
  return ['---', 'title: "Trade talks end"', 'date: "2024-06-27"', 'dateline:', '  city: Seoul', ...(frontMatter ? [frontMatter] : []), '---', '', ...body.flatMap((text) => [text, ''])].join('\n');
}

export function segmentsOf(text: string): Segment[] {
  return segmentArticle(loadArticle(text, `content/${SLUG}.md`, SLUG));
}

/** The Korean memory: the title and each paragraph, all by people unless `entry` says otherwise. */
export function koreanMemory(entry: (index: number) => Partial<MemoryEntry> = () => ({})): MemoryFile {
  const segments = segmentsOf(markdown());
  const targets = ['무역 회담 종료', ...KOREAN];
  const memory: MemoryFile = { article: SLUG, locale: 'ko', segments: {} };
  segments.forEach((segment, index) => {
    memory.segments[segment.id] = { source: segment.source, target: targets[index]!, origin: 'human', state: 'translated', ...entry(index) };
  });
  return memory;
}

/** A scratch project with the article (en and ko only, so builds are quick) and its Korean memory. */
export function reviewProject(memory: MemoryFile = koreanMemory(), text = markdown()): string {
  const dir = scratchProject({
    [`content/${SLUG}.md`]: text,
    [`content/translations/ko/${SLUG}.json`]: serializeMemory(memory),
  });
  return dir;
}

export function readKorean(dir: string): MemoryFile {
  const file = join(dir, `content/translations/ko/${SLUG}.json`);
  return parseMemory(readFileSync(file, 'utf8'), file);
}

export function writeArticleText(dir: string, text: string): void {
  writeFileSync(join(dir, `content/${SLUG}.md`), text);
}

/** The second paragraph with one word changed: the edit a copy editor makes after publication. */
export const EDITED = PARAGRAPHS.map((text, index) => (index === 1 ? text.replace('without an agreement', 'without a final agreement') : text));
