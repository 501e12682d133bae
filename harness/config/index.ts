export { SETTINGS, defaultSettings, parseSetting, parseSetPair, settingKeys, type SettingDef } from './settings.js';
export {
  parseDurationMs, pinnedKeys, resolveChoices, resolveSettings, splitList, withOverrides,
  type RequestedOptions, type RunChoices,
} from './resolve.js';
