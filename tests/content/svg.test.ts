import { describe, expect, it } from 'vitest';
import { activeContentIn } from '../../pipeline/content/svg.js';

const svg = (inner: string, attributes = '') => `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"${attributes}>${inner}</svg>`;

describe('active content in an SVG', () => {
  it('passes a drawing: shapes, styles, links within the file, a DOCTYPE as illustration tools write it', () => {
    const drawing = `<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n${svg('<defs><path id="p" d="M0 0h1"/></defs><use xlink:href="#p"/><style>.a{fill:red}</style><a href="https://example.org/"><text>Link</text></a>')}`;
    expect(activeContentIn(drawing)).toBeUndefined();
  });

  it.each([
    ['a script element', svg('<script>alert(1)</script>'), 'a <script> element'],
    ['a prefixed script element', '<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:script>alert(1)</s:script></s:svg>', 'a <s:script> element'],
    ['an event handler in capitals', svg('<rect ONCLICK="alert(1)"/>'), 'an event handler (ONCLICK)'],
    ['a javascript: link behind spaces', svg('<a xlink:href="  JavaScript:alert(1)"><text>x</text></a>'), 'a javascript: address (xlink:href)'],
    ['embedded HTML', svg('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>'), 'a <foreignObject> element'],
    ['XML that does not parse', '<svg><rect></svg>', 'XML that does not parse'],
    ['a javascript: link with a tab inside the scheme', svg('<a href="java&#x09;script:alert(1)"><text>x</text></a>'), 'a javascript: address (href)'],
    ['an animation that gives a link a javascript: address', svg('<a><animate attributeName="href" values="x;javascript:alert(1)"/><text>x</text></a>'), 'a javascript: address (values)'],
    ['an HTML frame in its own namespace', svg('<h:iframe xmlns:h="http://www.w3.org/1999/xhtml" srcdoc="x"/>'), 'a <h:iframe> element'],
    ['an XSLT stylesheet', `<?xml-stylesheet type="text/xsl" href="x.xsl"?>${svg('')}`, 'an <?xml-stylesheet?> instruction'],
  ])('refuses %s', (_name, text, found) => {
    expect(activeContentIn(text)).toBe(found);
  });

  it('finds a script deep in groups, and refuses, without crashing, a drawing nested deeper than its parser goes', () => {
    expect(activeContentIn(svg(`${'<g>'.repeat(500)}<script>x</script>${'</g>'.repeat(500)}`))).toBe('a <script> element');
    expect(activeContentIn(svg(`${'<g>'.repeat(20_000)}${'</g>'.repeat(20_000)}`))).toBe('XML that does not parse');
  });
});
