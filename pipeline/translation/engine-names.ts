/** How readers see an engine named in a disclosure: its product name, not its registry id. */
export const engineNames: Readonly<Record<string, string>> = {
  deepl: 'DeepL',
  pseudo: 'pseudo-localization',
};

export function engineName(origin: string): string {
  return engineNames[origin] ?? origin;
}
