/** Site-wide settings from the content folder's site.yaml. */
export interface Site {
  /** Public base URL ending in `/`; without it, links between pages are relative. */
  url: string | undefined;
  /** The locale articles are written in. */
  sourceLocale: string;
}
