/**
 * Registry of block handlers: which mdast nodes hold a segment of their own.
 * A block with phrasing content (paragraph, heading, table cell) is one
 * segment; list items and blockquotes are containers of paragraphs, so
 * their paragraphs are segments. Code blocks and raw HTML are never
 * translated.
 */
export const segmentBlocks = {
  paragraph: 'paragraph',
  heading: 'heading',
  tableCell: 'tableCell',
} as const;

export type SegmentKind = (typeof segmentBlocks)[keyof typeof segmentBlocks] | 'title' | 'summary' | 'imageAlt' | 'linkTitle' | 'correction';

export function isSegmentBlock(type: string): type is keyof typeof segmentBlocks {
  return Object.hasOwn(segmentBlocks, type);
}
