import type { Text } from 'mdast';
import type { InlineHandler } from './state.js';

/** Text is what the translator translates. */
export const text: InlineHandler<Text> = (node) => [{ type: 'text', value: node.value }];
