// Schemas of environment values as the services parse them (libs/config's fields).
import { bool, int, type JsonSchema, str } from '../values-spec';

export const positive: JsonSchema = int({ minimum: 1 });
export const nonNegative: JsonSchema = int({ minimum: 0 });
export const flag: JsonSchema = bool;
export const text: JsonSchema = str({ minLength: 1 });
export const httpUrl: JsonSchema = str({ pattern: '^https?://.+' });
export const bucket: JsonSchema = str({ pattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$' });
/** A comma-separated list (empty allowed). */
export const commaList: JsonSchema = str();
/** A fraction 0..1 (confidence thresholds). */
export const unit: JsonSchema = { type: 'number', minimum: 0, maximum: 1 };
