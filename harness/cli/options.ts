/** Small option parsers shared by the commands (kept light: imported at start-up by --help). */

/** Commander parser for a repeatable flag: `--set a=1 --set b=2` -> ['a=1', 'b=2']. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
