export {
  SETTINGS,
  SETTINGS_GROUPS,
  SETTINGS_SCHEMA,
  completeSettings,
  defaultSettings,
  parseSetting,
  parseSetPair,
  readSettings,
  settingKeys,
  type ResolvedSettings,
  type SettingDef,
  type SettingKey,
  type SettingUnit,
  type SettingsInput,
} from './settings.js';
export { durationExamples, parseDuration, type DurationUnit } from './duration.js';
export {
  parseDurationMs,
  pinnedKeys,
  resolveChoices,
  resolveSettings,
  splitList,
  withOverrides,
  type RequestedOptions,
  type RunChoices,
} from './resolve.js';
