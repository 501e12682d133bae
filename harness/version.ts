/** The tool's name and version, as recorded in every result file (read from package.json). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './paths.js';

export const TOOL_NAME = 'mlbench';
export const TOOL_VERSION: string = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')).version;
