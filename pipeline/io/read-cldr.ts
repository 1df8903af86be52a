import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { CldrCities } from '../localization/gazetteer.js';
import { EditionError } from '../errors.js';

const require = createRequire(import.meta.url);

type ZoneTree = { [name: string]: ZoneTree | string };

/** Read CLDR's exemplar city names for the given CLDR locales (and English), each with the file that names it. */
export async function readCldrCities(cldrLocales: ReadonlyArray<{ cldr: string; file?: string | undefined }>): Promise<CldrCities> {
  const root = dirname(require.resolve('cldr-dates-full/package.json'));
  // Null prototypes: these are looked up by names from locale.yaml and articles.
  const exemplars: Record<string, Record<string, string>> = Object.create(null) as Record<string, Record<string, string>>;
  const fileOf = new Map(cldrLocales.map(({ cldr, file }) => [cldr, file]));
  for (const locale of new Set(['en', ...fileOf.keys()])) {
    // A CLDR locale id names a folder: nothing else may reach the file system.
    const file = /^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/u.test(locale) ? join(root, 'main', locale, 'timeZoneNames.json') : join(root, 'main', 'no such locale');
    let data: { main: Record<string, { dates: { timeZoneNames: { zone: ZoneTree } } }> };
    try {
      data = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      const file = fileOf.get(locale);
      throw new EditionError(`CLDR has no time-zone names for "${locale}"`, {
        code: 'locale/cldr',
        ...(file === undefined ? {} : { file }),
        field: 'cldr',
        hint: 'set cldr: in locale.yaml to a CLDR locale (ko, zh, pt-PT...)',
        cause: error,
      });
    }
    exemplars[locale] = flatten(Object.values(data.main)[0]!.dates.timeZoneNames.zone);
  }
  const zones = [...new Set([...Intl.supportedValuesOf('timeZone'), ...Object.values(exemplars).flatMap(Object.keys)])].sort();
  return { english: exemplars['en']!, zones, exemplars };
}

function flatten(tree: ZoneTree, prefix = ''): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(tree)) {
    if (typeof value !== 'object') continue;
    const id = prefix ? `${prefix}/${name}` : name;
    if (typeof value['exemplarCity'] === 'string') out[id] = value['exemplarCity'];
    Object.assign(out, flatten(value, id));
  }
  return out;
}
