import { describe, expect, it } from 'vitest';
import { loadArticle } from '../../pipeline/content/load-article.js';

const article = (body: string) => `---\ntitle: "Polls close"\ndate: "2024-06-27"\ndateline: {city: Seoul}\n---\n\n${body}\n`;

describe('raw HTML in an article', () => {
  it('is warned of by line, since a build drops it and what only it held', () => {
    const { warnings } = loadArticle(
      article('Polls closed at 8 p.m. ET<sup>1</sup> in most states, turnout<br>high.\n\n<iframe src="https://www.youtube.com/embed/xyz"></iframe>\n\nOfficials said so.'),
      'content/polls.md',
      'polls',
    );
    expect(warnings).toEqual([
      'content/polls.md:7: raw HTML is not published (line 7: <sup>, line 9: <iframe>): its tags are dropped, and what only they held (an embed, a line break) is lost; write it in Markdown (a link, an image, a line break as a backslash at the end of the line), or leave it out',
    ]);
  });

  it('is not warned of for an HTML comment, an editor note meant to show nothing', () => {
    expect(loadArticle(article('<!-- check the turnout figure -->\n\nPolls closed at 8 p.m.'), 'content/polls.md', 'polls').warnings).toEqual([]);
  });
});
