import { describe, expect, it } from 'vitest';
import { loadArticle } from '../../pipeline/content/load-article.js';
import { articleLinkTarget, linkedArticles } from '../../pipeline/content/article-links.js';

const article = (body: string) => loadArticle(`---\ntitle: "Talks"\ndate: "2024-06-27"\ndateline: {city: Seoul}\n---\n\n${body}\n`, 'content/talks.md', 'talks');

describe('the articles a story links by their files', () => {
  it('are named once each at their first line, inline links and the definitions references use alike, with links to Markdown files no article has', () => {
    const found = linkedArticles(
      article(
        [
          'See [the strike](strike.md#background) and [the data](https://example.com/data.md).',
          '',
          'Later [again](./strike.md), [a page](other/port.md), [this one](talks.md#top), [home](index.md) and [the budget][b].',
          '',
          '[b]: budget.md',
          '[b]: port.md',
          '[unused]: walkout.md',
          '',
          '[^dropped]: A note no marker calls, never published, on [the port](port.md).',
        ].join('\n'),
      ),
    );
    expect(found).toEqual([
      { slug: 'strike', line: 7 },
      { href: 'other/port.md', line: 9 },
      { slug: 'budget', line: 11 },
    ]);
  });

  it('are read from the address as an article file name may be written', () => {
    expect(articleLinkTarget('strike.md#background')).toEqual({ slug: 'strike', rest: '#background' });
    expect(articleLinkTarget('./strike.md?x=1')).toEqual({ slug: 'strike', rest: '?x=1' });
    for (const href of ['other/strike.md', '../strike.md', 'https://example.com/strike.md', 'strike.markdown', '.md']) expect(articleLinkTarget(href)).toBeUndefined();
  });
});
