import { describe, expect, it } from 'vitest';
import type { Site } from '../../pipeline/content/site.js';
import { pageHref } from '../../pipeline/render/page-href.js';

const site = (url: string | undefined) => ({ url }) as Site;

describe('page addresses', () => {
  it('joins a page path to the site URL, or makes it relative without one', () => {
    expect(pageHref(site('https://news.example.com/'), 'ko/story-1.html')).toBe('https://news.example.com/ko/story-1.html');
    expect(pageHref(site('https://news.example.com'), 'zh-CN/feed.xml')).toBe('https://news.example.com/zh-CN/feed.xml');
    expect(pageHref(site('https://example.org/news/'), 'assets/chart.3f2a9c0b1d.png')).toBe('https://example.org/news/assets/chart.3f2a9c0b1d.png');
    expect(pageHref(site(undefined), 'ko/story.html')).toBe('../ko/story.html');
  });

  it('resolves every path as URL resolution does, whatever the site URL and the path', () => {
    const urls = [
      'https://news.example.com/',
      'https://news.example.com/sub',
      'https://a:b@x.org:8080/p/',
      'https://x.org/?q=1',
      'https://x.org/#f',
      'http://EXAMPLE.com/A/',
      'https://bücher.example/',
      'file:///srv/site/',
      'https://x.org/a%20b/',
      'https://x.org/./a/../b/',
    ];
    const paths = ['ko/story.html', 'a/../b', './a', '.well-known/x', 'a//b', '/abs', 'a b', 'ü/x.html', 'a?b', 'a#b', 'C:/x', 'a\\b', '..', 'a.', '~x/-y_z', ''];
    const disagreements = urls.flatMap((url) => paths.filter((path) => pageHref(site(url), path) !== new URL(path, url).href).map((path) => `${url} + ${path}`));
    expect(disagreements).toEqual([]);
  });
});
